"""Two workstations on one database: what one registers shows up in the other's window by
itself (the queue, detail, tree, charts and status bar follow ``sig_tickets_changed``)."""

from __future__ import annotations

from datetime import datetime

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


def test_another_desks_ticket_reaches_this_window(qtbot, make_context, db_url):
    from gridcenter_desktop.ui.change_watcher import ChangeWatcher

    context = make_context(db_url)
    watcher = ChangeWatcher(context)
    watcher.start()
    try:
        qtbot.wait(300)  # the listener is up
        with qtbot.waitSignal(context.bus.sig_tickets_changed, timeout=5000) as blocker:
            ticket_id = _register_elsewhere(db_url)
        heard = blocker.args[0]
        if context.engine.dialect.name == "postgresql":
            assert heard == [ticket_id]
        else:
            assert heard == []  # SQLite: "something changed, refresh everything"
    finally:
        watcher.stop()


def test_this_desks_own_change_is_not_echoed_back(qtbot, make_context, db_url):
    from gridcenter_desktop.ui.change_watcher import ChangeWatcher

    context = make_context(db_url)
    watcher = ChangeWatcher(context)
    watcher.start()
    heard: list[list] = []
    try:
        qtbot.wait(300)
        ticket_id = _register_elsewhere(db_url)  # as if this desk's own dialog had saved it
        context.bus.sig_tickets_changed.emit([ticket_id])  # ... and announced it, as dialogs do
        context.bus.sig_tickets_changed.connect(heard.append)
        qtbot.wait(1500)
    finally:
        watcher.stop()
    assert heard == []
