"""Another workstation in a SECOND PROCESS: it opens its own engine on the same database and
acts through the services while a test's window has a form open. Started once per test module
(multiprocessing, spawn: a clean interpreter, nothing shared with the test's process)."""

from __future__ import annotations

import multiprocessing
from datetime import datetime

import desk_data
import pytest

from tests.conftest import create_pg_database, drop_pg_database

NOW = datetime(2022, 10, 25, 10, 5)


def _act(url: str, op: str, ticket_id: int, user_id: int, role: str, name: str, kw: dict):
    from sqlalchemy import select

    from gridcenter_desktop.core.enums import (
        OPEN_STATUSES,
        Priority,
        Satisfaction,
        TicketKind,
        TicketSource,
        UserRole,
    )
    from gridcenter_desktop.db.engine import make_engine, make_session_factory
    from gridcenter_desktop.db.ticket import Ticket
    from gridcenter_desktop.services import (
        change_feed,  # noqa: F401  (announces commits)
        search,  # noqa: F401  (indexes ORM writes)
    )
    from gridcenter_desktop.services import tickets as ticket_service
    from gridcenter_desktop.services.actor import Actor

    actor = Actor(user_id, UserRole(role), name)
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            if op == "register":
                form = ticket_service.NewTicket(
                    kind=TicketKind.ORDINARY,
                    source=TicketSource.HOTLINE,
                    category="noise",
                    title=kw["title"],
                    grid_id=kw.get("grid_id"),
                    address="迂里村5组",
                    priority=Priority(kw.get("priority", "ordinary")),
                )
                return ticket_service.register_ticket(s, actor, form, now=NOW).id
            t = s.scalars(select(Ticket).where(Ticket.id == ticket_id)).one()
            if op == "whistle":
                ref = ticket_service.dispatch_ticket(
                    s, actor, ticket_id, t.version, to_grid=True, whistle=True, now=NOW
                )
            elif op == "dispatch":
                ref = ticket_service.dispatch_ticket(
                    s,
                    actor,
                    ticket_id,
                    t.version,
                    to_grid=False,
                    lead_department_id=kw["lead"],
                    assist_department_ids=[],
                    accept_by=datetime(2022, 10, 26, 10, 0),
                    finish_by=datetime(2022, 10, 30, 10, 0),
                    whistle=False,
                    instructions=kw.get("instructions", ""),
                    now=NOW,
                )
            elif t.suspended_at is not None:  # "touch" a ticket on hold: a meeting on record
                from gridcenter_desktop.core.enums import InspectionKind
                from gridcenter_desktop.db.department import Department
                from gridcenter_desktop.services.inspections import record_inspection

                department = s.scalars(select(Department.id).order_by(Department.id)).first()
                ref = record_inspection(
                    s,
                    actor,
                    ticket_id,
                    t.version,
                    kind=InspectionKind.JOINT_MEETING,
                    held_on=NOW.date(),
                    department_ids=[department],
                    findings="联席会议研究处置方案",
                    now=NOW,
                )
            elif t.status in OPEN_STATUSES:  # "touch": urge an open ticket
                ref = ticket_service.urge_ticket(s, actor, ticket_id, t.version, note="", now=NOW)
            else:  # ... and call a closed one's reporter back
                ref = ticket_service.record_callback(
                    s, actor, ticket_id, t.version, Satisfaction.SATISFIED, note="", now=NOW
                )
            return ref.version
    finally:
        engine.dispose()


def _serve(conn) -> None:
    while True:
        request = conn.recv()
        if request is None:
            return
        try:
            conn.send(("ok", _act(*request)))
        except Exception as exc:  # noqa: BLE001 - reported to the test
            conn.send(("error", repr(exc)))


class OtherDesk:
    """``act(...)`` runs in the other process and returns the ticket's new version (the new
    ticket's id for "register")."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()

    def act(self, url, op, ticket_id, user_id, role, name, **kw) -> int:
        self._conn.send((url, op, ticket_id, user_id, str(role), name, kw))
        if not self._conn.poll(60):
            raise TimeoutError("the other desk did not answer")
        status, value = self._conn.recv()
        if status != "ok":
            raise AssertionError(f"the other desk failed: {value}")
        return value

    def close(self) -> None:
        self._conn.send(None)
        self._process.join(10)


# -- fixtures (import them into a test module: ``shared_db = other_desk.shared_db``) -------


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def shared_db(request, tmp_path_factory):
    """(url, ids) of the desk database both desks open, on each backend."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("two_desks") / "desk.sqlite3"
        url = f"sqlite:///{path}"
        yield url, desk_data.build_desk_db(url)
        return
    url = create_pg_database()
    try:
        yield url, desk_data.build_desk_db(url)
    finally:
        drop_pg_database(url)


@pytest.fixture(scope="module")
def other_desk():
    desk = OtherDesk()
    yield desk
    desk.close()


@pytest.fixture
def watched(make_context):
    """make(url, actor) -> a context whose change watcher listens like the window's."""
    from gridcenter_desktop.ui.change_watcher import ChangeWatcher

    watchers = []

    def make(url, actor):
        ctx = make_context(url, actor)
        watcher = ChangeWatcher(ctx)
        watcher.start()
        watchers.append(watcher)
        return ctx

    yield make
    for watcher in watchers:
        watcher.stop()


def wait_listening(qtbot) -> None:
    """Give the window's change watcher time to have its listener up."""
    qtbot.wait(400)
