"""The demo's video channels: 313 of them with national-style numbers, inside the town, a few
offline for days, and every video-patrol ticket naming one."""

from __future__ import annotations

from sqlalchemy import func, select

from gridcenter_desktop.core.enums import TicketSource
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.gridwork import VideoChannel
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.video_channels import offline_channels, search_channels
from tests.demo.moments import SMALL_NOW


def test_demo_channels(small_demo_url):
    engine = make_engine(small_demo_url)
    try:
        with make_session_factory(engine)() as session:
            channels = search_channels(session)
            assert len(channels) == 313
            assert all(len(c.number) == 20 and c.number.isdigit() for c in channels)
            assert len({c.name for c in channels}) == 313
            assert all(
                c.grid_id is not None and c.stream_url.startswith("rtsp://") for c in channels
            )
            assert all(
                120.35 < c.longitude < 120.47 and 31.2 < c.latitude < 31.35 for c in channels
            )
            down = offline_channels(session, SMALL_NOW)
            assert 5 <= len(down) <= 20
            video = select(func.count()).where(Ticket.source == TicketSource.VIDEO)
            assert session.scalar(video) > 100
            assert session.scalar(video.where(Ticket.video_channel_id.is_(None))) == 0
            others = select(func.count()).where(
                Ticket.source != TicketSource.VIDEO, Ticket.video_channel_id.is_not(None)
            )
            assert session.scalar(others) == 0
            same_grid = session.scalar(
                select(func.count())
                .select_from(Ticket)
                .join(VideoChannel, VideoChannel.id == Ticket.video_channel_id)
                .where(VideoChannel.grid_id == Ticket.grid_id)
            )
            assert same_grid == session.scalar(video.where(Ticket.grid_id.is_not(None)))
    finally:
        engine.dispose()
