"""The queue never moves the operator's selection (issue 8, item 1): a ticket that leaves the
view under a refresh stays current on a pinned row marked "no longer in the current filter",
the rows around it stay where they were, and the mark goes when the operator moves."""

from __future__ import annotations

import desk_data
from desk_data import NOW
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets import dispatch_ticket, urge_ticket
from gridcenter_desktop.ui.dispatch_dock import DispatchDock
from gridcenter_desktop.ui.queue_dock import QueueDock
from gridcenter_desktop.ui.queue_model import OUTSIDE_VIEW_ROLE, TICKET_ID_ROLE

desk = desk_data.desk
desk_template = desk_data.desk_template


def _select(queue, ticket_id):
    queue.table.selectionModel().setCurrentIndex(
        queue.model.index(queue.model.row_of_ticket(ticket_id), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def _ids_shown(queue):
    model = queue.model
    return [model.data(model.index(r, 0), TICKET_ID_ROLE) for r in range(model.rowCount())]


def test_ticket_leaving_the_view_stays_selected_and_marked(
    qtbot, qtmodeltester, make_context, desk
):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    queue = QueueDock(ctx)
    qtbot.addWidget(queue)
    queue.show()
    with qtbot.waitSignal(queue.model.sig_loaded, timeout=10_000):
        queue.select_preset("pending")
    ticket_id = ids.tickets["饭店油烟扰民"]
    with qtbot.waitSignal(ctx.bus.sig_ticket_selected, timeout=5_000):
        _select(queue, ticket_id)
    before = _ids_shown(queue)
    row = queue.model.row_of_ticket(ticket_id)
    selections = []
    ctx.bus.sig_ticket_selected.connect(selections.append)

    # Another session dispatches it out of 待派发; the refresh keeps it on a pinned row.
    supervisor = Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班")
    with ctx.session_factory() as s:
        dispatch_ticket(s, supervisor, ticket_id, 1, to_grid=True, now=NOW)
    with qtbot.waitSignal(queue.model.sig_refreshed, timeout=10_000):
        ctx.bus.sig_tickets_changed.emit([])
    assert selections == []  # the docks were never told of another ticket
    assert queue.model.total == len(before) - 1
    assert _ids_shown(queue) == before  # nothing moved on screen
    assert queue.model.pinned_row == row
    assert queue.table.currentIndex().row() == row
    assert queue.model.data(queue.model.index(row, 0), OUTSIDE_VIEW_ROLE) is True
    qtmodeltester.check(queue.model, force_py=True)

    # Another refresh keeps it there (and reads it fresh).
    with ctx.session_factory() as s:
        urge_ticket(s, supervisor, ticket_id, 2, note="", now=NOW)
    with qtbot.waitSignal(queue.model.sig_refreshed, timeout=10_000):
        ctx.bus.sig_tickets_changed.emit([ticket_id])
    assert queue.model.pinned_row == row and selections == []
    assert queue.model.row_at(row).urge_count == 1

    # The operator moves: the next ticket is selected and the pinned row goes.
    with qtbot.waitSignal(ctx.bus.sig_ticket_selected, timeout=5_000):
        queue.table.setFocus()
        QTest.keyClick(queue.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: queue.model.pinned_row is None, timeout=5_000)
    assert selections == [before[row + 1]]
    assert _ids_shown(queue) == [t for t in before if t != ticket_id]
    assert queue.model.data(queue.table.currentIndex(), TICKET_ID_ROLE) == before[row + 1]
    qtmodeltester.check(queue.model, force_py=True)


def test_choosing_another_ticket_clears_the_dispatched_banner(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    form = DispatchDock(ctx)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ids.tickets["饭店油烟扰民"])
    form.to_grid.setChecked(True)
    with qtbot.waitSignal(form.sig_dispatched, timeout=10_000):
        form.dispatch()
    ctx.jobs.wait_idle()
    assert "GC" in form.banner_text()
    form.lead.setCurrentIndex(0)
    with qtbot.waitSignal(form.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ids.tickets["夜间施工噪音扰民"])
    assert form.banner_text() == "" and form.errors.invalid_fields() == set()
    assert form.change_strip.text() == ""
    assert form.dispatch_button.isEnabled()
