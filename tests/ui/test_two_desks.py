"""Two desks on one database, the other one in a SECOND PROCESS: what this desk's operator has
open and typed is never moved, lost or sent on a ticket they did not see (issue 8, item 1).

The window's change watcher hears the other process's commits (SQLite: data_version; PostgreSQL:
NOTIFY with the ids) and the forms react: the dispatch form, the detail dock and every workflow
dialog stay on their ticket, keep the text, show who changed it, and send nothing until the
operator reloads; the queue keeps the ticket selected, marked "no longer in the current filter".
"""

from __future__ import annotations

from datetime import datetime

import other_desk as other_desk_module
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from sqlalchemy import select, update

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.detail_dock import DetailDock
from gridcenter_desktop.ui.dispatch_dock import DispatchDock
from gridcenter_desktop.ui.queue_dock import QueueDock
from gridcenter_desktop.ui.queue_model import OUTSIDE_VIEW_ROLE, TICKET_ID_ROLE
from gridcenter_desktop.ui.workflow_dialogs import ACTION_FORMS, ActionDialog, action_lists

# Shared fixtures (see other_desk.py).
shared_db = other_desk_module.shared_db
other_desk = other_desk_module.other_desk
watched = other_desk_module.watched


def test_dispatch_form_keeps_ticket_and_text_when_another_desk_dispatches_it(
    qtbot, watched, shared_db, other_desk
):
    url, ids = shared_db
    ticket_id = ids.tickets["饭店油烟扰民"]
    ctx = watched(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    queue, form, detail = QueueDock(ctx), DispatchDock(ctx), DetailDock(ctx)
    for w in (queue, form, detail):
        qtbot.addWidget(w)
        w.show()
    with qtbot.waitSignal(queue.model.sig_loaded, timeout=10_000):
        queue.select_preset("pending")
    row = queue.model.row_of_ticket(ticket_id)
    with qtbot.waitSignals([form.sig_loaded, detail.sig_loaded], timeout=10_000):
        queue.table.selectionModel().setCurrentIndex(
            queue.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
    form.lead.setCurrentIndex(form.lead.findData(ids.departments["police"]))
    form.instructions.setFocus()
    QTest.keyClicks(form.instructions, "call the reporter first")
    typed = form.instructions.toPlainText()
    other_desk_module.wait_listening(qtbot)

    other_desk.act(
        url, "dispatch", ticket_id, ids.supervisor, UserRole.SUPERVISOR, "李值班",
        lead=ids.departments["enforcement"], instructions="另一坐席的指示",
    )  # fmt: skip
    qtbot.waitUntil(lambda: form.change_strip.text() != "", timeout=10_000)
    qtbot.waitUntil(lambda: queue.model.pinned_row is not None, timeout=10_000)
    qtbot.waitUntil(lambda: detail.change_strip.text() != "", timeout=10_000)

    # The form stays on the ticket with the text, and says who did what.
    dispatched = labels.event_action_label(EventAction.DISPATCH)
    assert form.data.detail.id == ticket_id
    assert form.instructions.toPlainText() == typed
    assert form.choice()["lead_department_id"] == ids.departments["police"]
    assert "李值班" in form.change_strip.text() and dispatched in form.change_strip.text()
    assert not form.dispatch_button.isEnabled()
    # The queue keeps it selected, on a row marked as no longer in the filter.
    current = queue.table.currentIndex()
    assert queue.model.data(current, TICKET_ID_ROLE) == ticket_id
    assert queue.model.data(current, OUTSIDE_VIEW_ROLE) is True
    title = queue.model.data(queue.model.index(current.row(), 1))
    assert "No longer in the current filter" in title and "饭店油烟扰民" in title
    # The detail dock shows the change and holds its action buttons.
    assert detail.detail.id == ticket_id and "李值班" in detail.change_strip.text()
    assert all(not b.isEnabled() for b in detail.action_buttons.values())

    # Ctrl+Enter sends nothing: the other desk's dispatch is the only one.
    QTest.keyClick(form.instructions, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ctx.jobs.wait_idle()
    with ctx.session_factory() as s:
        leads = s.scalars(select(Assignment).where(Assignment.ticket_id == ticket_id)).all()
        assert [a.instructions for a in leads] == ["另一坐席的指示"]
        assert s.get(Ticket, ticket_id).status == TicketStatus.DISPATCHED

    # Reload: the ticket as it is now (nothing left to dispatch); the text is still there.
    form.change_strip.button.click()
    assert form.change_strip.text() == "" and form.data.detail.status == TicketStatus.DISPATCHED
    assert not form.dispatch_button.isEnabled()
    assert form.instructions.toPlainText() == typed

    # Moving to another row is the operator's choice: the mark goes, the form follows and
    # drops the old ticket's messages.
    pinned = queue.model.pinned_row
    with qtbot.waitSignal(form.sig_loaded, timeout=10_000):
        queue.table.setFocus()
        QTest.keyClick(queue.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: queue.model.pinned_row is None, timeout=5_000)
    assert form.data.detail.id != ticket_id
    assert form.banner_text() == "" and form.change_strip.text() == ""
    assert queue.model.rowCount() == queue.model.total
    assert pinned is not None


# A ticket in a status where each dialog applies (desk_data.BASE_TICKETS).
DIALOG_TICKETS = {
    EventAction.ACCEPT: "农家乐无证经营",
    EventAction.RETURN: "农家乐无证经营",
    EventAction.FEEDBACK: "小区消防通道堵塞",
    EventAction.CLOSE: "路灯不亮",
    EventAction.REJECT: "路灯不亮",
    EventAction.SOLVE_IN_GRID: "夜间施工噪音扰民",
    EventAction.REOPEN: "垃圾清运不及时",
    EventAction.URGE: "邻居违章搭建纠纷",
    EventAction.SUPERVISE: "邻居违章搭建纠纷",
    EventAction.MERGE: "邻居违章搭建纠纷",
    EventAction.CALLBACK: "自来水管漏水",
    EventAction.PLACE: "邻居违章搭建纠纷",
    EventAction.ADD_ASSIGNEE: "农家乐无证经营",
    EventAction.ESCALATE: "农家乐无证经营",
    EventAction.EXTEND_REQUEST: "小区消防通道堵塞",
    EventAction.EXTEND_DECIDE: "小区消防通道堵塞",
    EventAction.SUSPEND: "邻居违章搭建纠纷",
    # Suspended for the test (a ticket on hold is the only one that resumes).
    EventAction.RESUME: "邻居违章搭建纠纷",
}


def test_every_workflow_dialog_has_a_ticket():
    assert set(DIALOG_TICKETS) == set(ACTION_FORMS)


def _hold(url: str, ticket_id: int, on: bool) -> None:
    """Stop (or restart) the ticket's clock behind the desks' backs, version unchanged."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            update(Ticket.__table__)
            .where(Ticket.__table__.c.id == ticket_id)
            .values(suspended_at=datetime(2022, 3, 1, 8, 0) if on else None)
        )
    engine.dispose()


@pytest.mark.parametrize("action", list(DIALOG_TICKETS), ids=lambda a: a.value)
def test_workflow_dialog_keeps_text_and_asks_before_ok(
    qtbot, watched, shared_db, other_desk, action, request
):
    url, ids = shared_db
    ticket_id = ids.tickets[DIALOG_TICKETS[action]]
    if action is EventAction.RESUME:
        _hold(url, ticket_id, True)
        request.addfinalizer(lambda: _hold(url, ticket_id, False))
    ctx = watched(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班"))
    with ctx.session_factory() as s:
        detail = get_ticket_detail(s, ticket_id)
        lists = action_lists(s, action)
    dialog = ActionDialog(ctx, action, detail, lists)
    qtbot.addWidget(dialog)
    dialog.show()
    text_inputs = [w for w in dialog.inputs.values() if isinstance(w, QPlainTextEdit | QLineEdit)]
    assert text_inputs, "every dialog has something to type"
    for n, widget in enumerate(text_inputs):
        widget.setFocus()
        QTest.keyClicks(widget, f"typed {n}")
    typed = dialog.values()
    other_desk_module.wait_listening(qtbot)

    version = other_desk.act(url, "touch", ticket_id, ids.operator, UserRole.OPERATOR, "王调度")
    qtbot.waitUntil(lambda: dialog.change_strip.text() != "", timeout=10_000)

    assert dialog.detail.id == ticket_id
    assert "王调度" in dialog.change_strip.text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.values() == typed
    dialog.submit()  # what OK / Enter would do: nothing is sent
    ctx.jobs.wait_idle()
    with ctx.session_factory() as s:
        assert s.get(Ticket, ticket_id).version == version
    assert dialog.isVisible()

    dialog.change_strip.button.click()  # reload: the fresh ticket, the text kept
    assert dialog.detail.version == version and dialog.change_strip.text() == ""
    assert dialog.ok_button.isEnabled()
    assert {k: v for k, v in dialog.values().items() if isinstance(v, str)} == {
        k: v for k, v in typed.items() if isinstance(v, str)
    }
    dialog.reject()
