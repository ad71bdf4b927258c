"""The demo's 313 police video channels (视频通道, DOMAIN.md) and the video-patrol tickets that
name them.

Numbers follow the national video-networking code (GB/T 28181: 8-digit place 32050600, 2-digit
trade 00, type 131 = camera, network 0, 6-digit serial); names read "光福派出所-福利村香雪路口";
positions scatter around their grid as the tickets' do (demo/tickets.py); streams are rtsp://
addresses on a made-up intranet. Most are online; a few have been offline or faulty for days
(the "offline for a day" list is not empty), a few only for hours.

Everything is drawn from this module's own ``random.Random(seed + SEED_OFFSET)``, after the
tickets are written, so the demo's figures do not move.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Connection, bindparam, select, update

from gridcenter_desktop.core.enums import ChannelStatus, TicketSource
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.demo.areas import GridInfo
from gridcenter_desktop.demo.tickets import _CENTRES
from gridcenter_desktop.demo.writer import BulkWriter

CHANNELS = 313
SEED_OFFSET = 31_300
PLACE_CODE = "32050600"
_COLUMNS = (
    "id", "number", "name", "grid_id", "latitude", "longitude", "stream_url", "status",
    "status_since", "owner_unit", "note", "created_at", "updated_at", "retired_at",
)  # fmt: skip
_SPOTS = ("路口", "入口", "东侧", "西侧", "北口", "南口", "停车场", "桥头", "广场", "公交站")
_OWNERS = (("光福派出所", 0.85), ("光福镇综治办", 0.10), ("光福交警中队", 0.05))
# How many are down when the demo opens: offline/faulty for days, and for a few hours only.
_DOWN_FOR_DAYS = 11
_DOWN_FOR_HOURS = 4


def channel_number(serial: int) -> str:
    """The 20-digit national code of the demo's ``serial``-th channel."""
    return f"{PLACE_CODE}001310{serial:06d}"


def _owner(rng: random.Random) -> str:
    draw = rng.random()
    for owner, share in _OWNERS:
        if draw < share:
            return owner
        draw -= share
    return _OWNERS[0][0]


def channel_rows(grids: Sequence[GridInfo], now: datetime, rng: random.Random) -> list[tuple]:
    """The channels' rows (in ``_COLUMNS`` order): six or seven per grid."""
    order = [grids[i % len(grids)] for i in range(CHANNELS)]
    down = rng.sample(range(CHANNELS), _DOWN_FOR_DAYS + _DOWN_FOR_HOURS)
    names: set[str] = set()
    rows = []
    for serial, grid in enumerate(order, start=1):
        lat, lon = _CENTRES[grid.unit.key]
        owner = _owner(rng)
        place = rng.choice(grid.unit.places + grid.unit.landmarks)
        name = f"{owner}-{place}{rng.choice(_SPOTS)}"
        while name in names:
            name = f"{owner}-{place}{rng.choice(_SPOTS)}{rng.randint(2, 9)}"
        names.add(name)
        created = now - timedelta(days=rng.randint(200, 900))
        status, since = ChannelStatus.ONLINE, now - timedelta(hours=rng.randint(24, 24 * 60))
        if serial - 1 in down[:_DOWN_FOR_DAYS]:
            status = rng.choice((ChannelStatus.OFFLINE, ChannelStatus.OFFLINE, ChannelStatus.FAULT))
            since = now - timedelta(hours=rng.randint(26, 24 * 12))
        elif serial - 1 in down:
            status, since = ChannelStatus.OFFLINE, now - timedelta(minutes=rng.randint(20, 600))
        host = f"10.50.{serial // 200 + 1}.{serial % 200 + 10}"
        rows.append(
            (
                serial,
                channel_number(serial),
                name,
                grid.id,
                round(lat + (grid.index - 3) * 0.004 + rng.uniform(-0.003, 0.003), 6),
                round(lon + rng.uniform(-0.006, 0.006), 6),
                f"rtsp://{host}:554/Streaming/Channels/101",
                status.value,
                since,
                owner,
                "",
                created,
                max(created, since),
                None,
            )
        )
    return rows


def add_channels(conn: Connection, grids: Sequence[GridInfo], now: datetime, seed: int) -> int:
    """Write the channels and name one on every video-patrol ticket (a channel of the
    ticket's grid when it has one); the number of tickets linked."""
    rng = random.Random(seed + SEED_OFFSET)
    rows = channel_rows(grids, now, rng)
    writer = BulkWriter(conn)
    writer.insert("video_channel", _COLUMNS, rows)
    writer.reset_sequences(("video_channel",))
    by_grid: dict[int, list[int]] = {}
    for row in rows:
        by_grid.setdefault(row[3], []).append(row[0])
    everyone = [row[0] for row in rows]
    tickets = conn.execute(
        select(Ticket.id, Ticket.grid_id)
        .where(Ticket.source == TicketSource.VIDEO.value)
        .order_by(Ticket.id)
    ).all()
    links = [
        {"ticket": ticket_id, "channel": rng.choice(by_grid.get(grid_id) or everyone)}
        for ticket_id, grid_id in tickets
    ]
    if links:
        table = Ticket.__table__
        conn.execute(
            update(table)
            .where(table.c.id == bindparam("ticket"))
            .values(video_channel_id=bindparam("channel")),
            links,
        )
    return len(links)
