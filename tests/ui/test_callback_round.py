"""A callback round worked by keyboard alone: the 待回访 preset with its count, Enter on a row
opens the callback dialog, the rating follows how the reporter was reached, saving moves on to
the next reporter, and the detail lists the rounds. SQLite and PostgreSQL (``db_url``)."""

from __future__ import annotations

import desk_data
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_detail_dock import _dock

from gridcenter_desktop.core.enums import (
    CallbackChannel,
    EventAction,
    Satisfaction,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.queue import QueueOrder
from gridcenter_desktop.services.tickets import (
    NewTicket,
    merge_ticket,
    register_ticket,
    solve_in_grid,
)
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.callback_dialog import CallbackDialog
from gridcenter_desktop.ui.queue_dock import QueueDock
from gridcenter_desktop.ui.queue_model import QUEUE_ROW_ROLE, TICKET_ID_ROLE

# The desk's two closed tickets, oldest answer first (neither called back yet).
FIRST, SECOND = "垃圾清运不及时", "自来水管漏水"


@pytest.fixture
def callback_desk(db_url):
    ids = desk_data.build_desk_db(db_url)
    return db_url, ids, Actor(ids.operator, UserRole.OPERATOR, "王调度")


def _titles(dock):
    m = dock.model
    return [m.data(m.index(r, 0), QUEUE_ROW_ROLE).title for r in range(m.rowCount())]


def _current_title(dock) -> str:
    return dock.model.data(dock.table.currentIndex(), QUEUE_ROW_ROLE).title


def _key(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)


def _open_dialog(qtbot, ctx, queue) -> CallbackDialog:
    _key(qtbot, queue.table, Qt.Key.Key_Return)
    ctx.jobs.wait_idle()
    dialog = next(d for d in queue.findChildren(CallbackDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.channel)
    return dialog


def _closed(dialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _typing(dialog):
    """Where the keys go: the dialog's focus widget."""
    return dialog.focusWidget() or QApplication.focusWidget()


def test_a_callback_round_by_keyboard(qtbot, make_context, callback_desk):
    url, ids, operator = callback_desk
    ctx = make_context(url, operator)
    queue = QueueDock(ctx)
    qtbot.addWidget(queue)
    queue.show()
    ctx.jobs.wait_idle()
    button = queue._preset_buttons["callback_pending"]
    assert button.text() == "To call back (2)"
    with qtbot.waitSignal(queue.model.sig_loaded, timeout=10_000):
        button.click()
    assert _titles(queue) == [FIRST, SECOND]
    queue.table.setFocus()
    _key(qtbot, queue.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert _current_title(queue) == FIRST

    # First reporter: the number to dial on Alt+P (recorded), then reached by phone,
    # satisfied, a note; Ctrl+Enter saves.
    dialog = _open_dialog(qtbot, ctx, queue)
    assert "13812345678" not in dialog.info.text()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.channel)
    _key(qtbot, dialog.channel, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "张三 13812345678" in dialog.info.text())  # a mnemonic: 100 ms
    ctx.jobs.wait_idle()
    assert _typing(dialog) is dialog.channel
    assert dialog.channel.currentData() == CallbackChannel.PHONE
    _key(qtbot, dialog.channel, Qt.Key.Key_Tab)
    assert _typing(dialog) is dialog.rating
    _key(qtbot, dialog.rating, Qt.Key.Key_Down)
    assert dialog.rating.currentData() == Satisfaction.SATISFIED
    assert not dialog.reopen_check.isEnabled()  # only for a dissatisfied reporter
    _key(qtbot, dialog.rating, Qt.Key.Key_Tab)  # the disabled box is skipped
    assert _typing(dialog) is dialog.inputs["note"]
    # Chinese comes through the input method, not key codes: typed as it would arrive.
    dialog.inputs["note"].insertPlainText("已电话回访，群众满意")
    _key(qtbot, _typing(dialog), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: _closed(dialog))
    ctx.jobs.wait_idle()
    # The list moves on to the next reporter.
    qtbot.waitUntil(lambda: _current_title(queue) == SECOND)

    # Second reporter: not reached; the rating is disabled and none is recorded.
    dialog = _open_dialog(qtbot, ctx, queue)
    for _ in range(3):
        _key(qtbot, dialog.channel, Qt.Key.Key_Down)
    assert dialog.channel.currentData() == CallbackChannel.UNREACHABLE
    assert not dialog.rating.isEnabled() and dialog.rating.currentData() is None
    _key(qtbot, dialog.channel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: _closed(dialog))
    ctx.jobs.wait_idle()

    with ctx.session_factory() as s:
        first = s.get(Ticket, ids.tickets[FIRST])
        second = s.get(Ticket, ids.tickets[SECOND])
        assert (first.status, first.satisfaction) == (TicketStatus.CLOSED, Satisfaction.SATISFIED)
        assert second.satisfaction is None
    queue.refresh()
    ctx.jobs.wait_idle()
    assert button.text() == "To call back (1)"

    detail = _dock(qtbot, ctx, ids.tickets[FIRST])
    assert detail.callbacks_box.isVisibleTo(detail)
    ((when, by, how, rating, note),) = detail.callback_rows()
    assert (by, how, rating) == (
        "王调度",
        labels.callback_channel_label(CallbackChannel.PHONE),
        labels.satisfaction_label(Satisfaction.SATISFIED),
    )
    assert note == "已电话回访，群众满意"
    assert queue.model.data(queue.table.currentIndex(), TICKET_ID_ROLE) == ids.tickets[SECOND]
    # Oldest answer first is the 待回访 list's own order: other views go back to deadlines.
    assert queue.model.order == QueueOrder("closed")
    queue.select_preset("pending")
    ctx.jobs.wait_idle()
    assert queue.model.order == QueueOrder("deadline")


def test_a_merged_duplicates_detail_says_which_ticket_answered_it(
    qtbot, make_context, callback_desk
):
    url, ids, operator = callback_desk
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            form = NewTicket(
                kind="ordinary",
                source="hotline",
                category="noise",
                title="广场舞音响声音太大",
                grid_id=ids.grids[0],
                reporter_name="赵女士",
            )
            kept = register_ticket(s, operator, form, now=desk_data.NOW)
            dup = register_ticket(s, operator, form, now=desk_data.NOW)
            dup = merge_ticket(s, operator, dup.id, dup.version, kept.id, now=desk_data.NOW)
            kept = s.get(Ticket, kept.id)
            solve_in_grid(s, operator, kept.id, kept.version, "已协调降低音量", now=desk_data.NOW)
    finally:
        engine.dispose()
    ctx = make_context(url, operator)
    detail = _dock(qtbot, ctx, dup.id)
    answered = detail.field_labels["answered"]
    assert answered.isVisibleTo(detail)
    assert answered.text() == f"Answered with {kept.code}；已协调降低音量"
    assert EventAction.CALLBACK in detail.action_buttons
    # The kept ticket's timeline says whom its closing answered too.
    detail = _dock(qtbot, ctx, kept.id)
    assert f"merged reporters answered: {dup.code}" in detail.timeline_rows()[-1][4]
