"""UI tests run offscreen with their own settings file, a fixed clock, and fail when a
background job outlives its test."""

from __future__ import annotations

import os

# Before Qt is imported anywhere: no display is needed for widget tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import datetime  # noqa: E402

import pytest  # noqa: E402

from gridcenter_desktop.core.enums import UserRole  # noqa: E402
from gridcenter_desktop.db.engine import make_engine, make_session_factory  # noqa: E402
from gridcenter_desktop.services.actor import Actor  # noqa: E402

FIXED_NOW = datetime(2022, 10, 25, 10, 0, 0)


@pytest.fixture(autouse=True)
def _no_leaked_jobs(request):
    """Every UI test ends with its background jobs finished and delivered: a job outliving its
    test would touch widgets or databases that are gone."""
    yield
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        return
    from gridcenter_desktop.ui.jobs import live_runners

    busy = [runner for runner in live_runners() if not runner.wait_idle(10_000)]
    assert not busy, f"{len(busy)} job runner(s) still had jobs after the test"


@pytest.fixture
def settings(tmp_path):
    """Settings in a throw-away INI file (never the user's)."""
    from gridcenter_desktop.ui.settings import Settings

    return Settings.at(tmp_path / "settings.ini")


@pytest.fixture
def make_context(qapp, settings) -> Iterator:
    """Build an AppContext over a database URL; every job must be finished when the test ends."""
    from gridcenter_desktop.ui.context import AppContext, EventBus
    from gridcenter_desktop.ui.jobs import JobRunner

    made = []

    def make(url: str, actor: Actor | None = None):
        engine = make_engine(url)
        factory = make_session_factory(engine)
        ctx = AppContext(
            engine=engine,
            session_factory=factory,
            db_label=url,
            actor=actor or Actor(user_id=None, role=UserRole.OPERATOR, display_name="测试调度员"),
            settings=settings,
            jobs=JobRunner(factory),
            bus=EventBus(),
            now=lambda: FIXED_NOW,
        )
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        idle = ctx.jobs.wait_idle(10_000)
        ctx.engine.dispose()
        assert idle, "background jobs leaked past the end of the test"


def _add_small_town(session) -> dict[str, int]:
    """光福镇 with 迂里村 (2 grids), 香雪村 (1 grid) and 梅园社区 (1 grid); a team per grid; users;
    a few tickets (open, overdue, closed) in known places. Returns ids by name."""
    from datetime import timedelta

    from gridcenter_desktop.core.enums import (
        AreaLevel,
        MemberRole,
        Priority,
        TicketKind,
        TicketSource,
        TicketStatus,
    )
    from gridcenter_desktop.core.passwords import hash_password
    from gridcenter_desktop.db.area import Area, GridMember, Person
    from gridcenter_desktop.db.ticket import Ticket
    from gridcenter_desktop.db.user import User

    ids: dict[str, int] = {}

    def area(name, level, parent=None, order=0):
        a = Area(name=name, level=level, parent_id=parent, sort_order=order)
        session.add(a)
        session.flush()
        ids[name] = a.id
        return a.id

    town = area("光福镇", AreaLevel.TOWN)
    yuli = area("迂里村", AreaLevel.VILLAGE, town, 1)
    xiang = area("香雪村", AreaLevel.VILLAGE, town, 2)
    meiyuan = area("梅园社区", AreaLevel.COMMUNITY, town, 3)
    g1 = area("迂里村第一网格", AreaLevel.GRID, yuli, 1)
    g2 = area("迂里村第二网格", AreaLevel.GRID, yuli, 2)
    g3 = area("香雪村第一网格", AreaLevel.GRID, xiang, 1)
    area("梅园社区第一网格", AreaLevel.GRID, meiyuan, 1)
    for name, role, phone, party in (
        ("周建国", MemberRole.LEADER, "13800000001", True),
        ("陈小红", MemberRole.WORKER, "13800000002", False),
        ("王警官", MemberRole.POLICE, "13800000003", False),
        ("李律师", MemberRole.LAWYER, None, False),
    ):
        person = Person(name=name, phone=phone, party_member=party)
        session.add(person)
        session.flush()
        session.add(GridMember(area_id=g1, person_id=person.id, role=role))
    hashed = hash_password("demo123", salt=b"0123456789abcdef")
    for login, name, role in (
        ("operator", "张调度", "operator"),
        ("supervisor", "刘值班长", "supervisor"),
    ):
        user = User(login=login, display_name=name, role=role, password_hash=hashed)
        session.add(user)
        session.flush()
        ids[login] = user.id

    now = FIXED_NOW
    specs = [
        # (grid, status, created days ago, deadline days from now, category)
        (g1, TicketStatus.PENDING_DISPATCH, 2, 3, "noise"),
        (g1, TicketStatus.IN_PROGRESS, 10, -2, "environment"),  # overdue
        (g2, TicketStatus.DISPATCHED, 5, 4, "noise"),
        (g3, TicketStatus.IN_PROGRESS, 20, -5, "city_management"),  # overdue
        (g3, TicketStatus.CLOSED, 40, -30, "noise"),
    ]
    for n, (grid, status, ago, due, category) in enumerate(specs, start=1):
        created = now - timedelta(days=ago)
        deadline = now + timedelta(days=due)
        session.add(
            Ticket(
                code=f"GC20221025-{n:04d}",
                kind=TicketKind.ORDINARY,
                source=TicketSource.HOTLINE,
                category=category,
                title=f"测试工单{n}",
                description="",
                address="",
                grid_id=grid,
                priority=Priority.ORDINARY,
                priority_rank=0,
                status=status,
                created_at=created,
                deadline_at=deadline,
                due_soon_at=deadline - timedelta(days=1),
                closed_at=created + timedelta(days=3) if status == TicketStatus.CLOSED else None,
                updated_at=created,
            )
        )
    session.commit()
    return ids


@pytest.fixture(scope="session")
def _small_town_template(tmp_path_factory):
    from gridcenter_desktop.db import migrate

    path = tmp_path_factory.mktemp("small_town") / "town.sqlite3"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        ids = _add_small_town(session)
    with engine.connect() as conn:  # fold the WAL into the file so a plain copy is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path, ids


@pytest.fixture
def small_town(_small_town_template, tmp_path):
    """(url, ids) of a fresh copy of a small hand-made town database (cheap: a file copy)."""
    import shutil

    template, ids = _small_town_template
    path = tmp_path / "town.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}", dict(ids)
