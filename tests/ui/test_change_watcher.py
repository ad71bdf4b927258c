"""Two workstations on one database: what one registers shows up in the other's window by
itself (the queue, detail, tree, charts and status bar follow ``sig_tickets_changed``)."""

from __future__ import annotations

from datetime import datetime

import pytest

from gridcenter_desktop.core.enums import TicketKind, TicketSource, UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets import NewTicket, register_ticket

OTHER_DESK = Actor(user_id=None, role=UserRole.OPERATOR, display_name="另一坐席")


def _register_elsewhere(url: str) -> int:
    """Another workstation (its own engine and connections) registers a ticket."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            form = NewTicket(
                kind=TicketKind.ORDINARY,
                source=TicketSource.HOTLINE,
                category="noise",
                title="夜间施工噪音扰民",
            )
            return register_ticket(session, OTHER_DESK, form, now=datetime(2022, 10, 25, 9)).id
    finally:
        engine.dispose()


def _register_here(context) -> int:
    """This desk's own dialog saves a ticket (through the window's engine) and announces it."""
    with make_session_factory(context.engine)() as session:
        form = NewTicket(
            kind=TicketKind.ORDINARY,
            source=TicketSource.HOTLINE,
            category="noise",
            title="本坐席登记的工单",
        )
        ticket_id = register_ticket(session, OTHER_DESK, form, now=datetime(2022, 10, 25, 9)).id
    context.bus.sig_tickets_changed.emit([ticket_id])
    return ticket_id


def test_another_desks_ticket_reaches_this_window(qtbot, make_context, db_url):
    from gridcenter_desktop.ui.change_watcher import ChangeWatcher

    context = make_context(db_url)
    watcher = ChangeWatcher(context)
    watcher.start()
    try:
        qtbot.wait(300)  # the listener is up
        with qtbot.waitSignal(context.bus.sig_tickets_changed, timeout=5000) as blocker:
            ticket_id = _register_elsewhere(db_url)
        assert blocker.args[0] == [ticket_id]
    finally:
        watcher.stop()


def test_own_change_is_not_echoed_but_another_desks_right_after_is(qtbot, make_context, db_url):
    from gridcenter_desktop.ui.change_watcher import ChangeWatcher

    context = make_context(db_url)
    watcher = ChangeWatcher(context)
    watcher.start()
    heard: list[list] = []
    try:
        qtbot.wait(300)
        _register_here(context)
        context.bus.sig_tickets_changed.connect(heard.append)
        qtbot.wait(600)
        assert heard == []
        # Another desk's change a moment after our own (once dropped by a 3-second window).
        _register_here(context)
        heard.clear()
        theirs = _register_elsewhere(db_url)
        qtbot.waitUntil(lambda: [theirs] in heard, timeout=3000)
    finally:
        watcher.stop()
    assert heard == [[theirs]]


@pytest.fixture
def pg_db_url():
    from gridcenter_desktop.db import migrate
    from tests.conftest import create_pg_database, drop_pg_database

    url = create_pg_database()
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        yield url
    finally:
        drop_pg_database(url)


@pytest.mark.pg
def test_the_watcher_says_when_the_feed_loses_the_server_and_has_it_back(
    qtbot, make_context, pg_db_url
):
    # PostgreSQL only: the SQLite feed reads a local file and has no server to lose.
    from sqlalchemy import create_engine, text

    from gridcenter_desktop.ui.change_watcher import ChangeWatcher

    db_url = pg_db_url
    context = make_context(db_url)
    watcher = ChangeWatcher(context)
    watcher.start()
    try:
        qtbot.wait(300)
        with qtbot.waitSignal(watcher.sig_feed_state, timeout=5000) as lost:
            admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                    )
                )
            admin.dispose()
        assert lost.args == [False]
        with qtbot.waitSignal(watcher.sig_feed_state, timeout=5000) as back:
            pass
        assert back.args == [True]
    finally:
        watcher.stop()


def test_the_status_bar_says_while_other_desks_changes_are_not_arriving(
    qtbot, make_context, db_url
):
    from gridcenter_desktop.ui.status_bar import StatusBar

    context = make_context(db_url)
    bar = StatusBar(context)
    qtbot.addWidget(bar)
    bar.show()
    bar.show_feed_state(False)
    assert bar.feed_label.isVisible() and "reconnecting" in bar.feed_label.text()
    bar.show_feed_state(True)
    assert not bar.feed_label.isVisible()
    bar.stop()
