"""A desk registering on a day the demo filled carries on after the demo's last code of that
day (the demo writes its codes in bulk and then sets the day counters)."""

from __future__ import annotations

import shutil
from datetime import datetime

from sqlalchemy import select

from gridcenter_desktop.core.enums import AreaLevel, TicketKind, TicketSource, UserRole
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets import NewTicket, register_ticket


def test_registration_on_the_demos_last_day_continues_its_numbering(demo_build, tmp_path):
    url, summary, _calls = demo_build
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(url.removeprefix("sqlite:///"), copy)
    prefix, number = summary.last_code.split("-")
    day = datetime.strptime(prefix.removeprefix("GC"), "%Y%m%d").replace(hour=17)
    engine = make_engine(str(copy))
    try:
        with make_session_factory(engine)() as s:
            user = s.scalars(select(User).where(User.role == UserRole.OPERATOR)).first()
            grid = s.scalars(select(Area.id).where(Area.level == AreaLevel.GRID)).first()
            form = NewTicket(
                kind=TicketKind.ORDINARY,
                source=TicketSource.HOTLINE,
                category="noise",
                title="演示日当天新登记的工单",
                grid_id=grid,
            )
            ref = register_ticket(
                s, Actor(user.id, UserRole.OPERATOR, user.display_name), form, day
            )
    finally:
        engine.dispose()
    assert ref.code == f"{prefix}-{int(number) + 1:04d}"
