"""The keyboard all the way: a ticket's whole life with key events only; Tab order and Tab out
of multi-line fields; the window's shortcuts from every widget (Ctrl+E in the search box);
F6 and Ctrl+1..5 between the docks; the 工单 menu follows the selected ticket; Help → Keyboard
shortcuts lists every command's keys."""

from __future__ import annotations

import desk_data
import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox, QPlainTextEdit

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.core.workflow import allowed_records
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.actions import WORKFLOW_ACTIONS
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.register_dialog import RegisterDialog
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog

desk = desk_data.desk
desk_template = desk_data.desk_template

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TITLE = "楼道堆放杂物堵塞通道"


def press(key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the keyboard is now (the focused widget)."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "no widget has the keyboard"
    QTest.keyClick(target, key, modifiers)


def type_text(text: str) -> None:
    """Characters typed where the keyboard is (Chinese as key events carrying the text, as a
    committed input-method character arrives at a widget without input-method support)."""
    target = QApplication.focusWidget()
    for char in text:
        if char.isascii():
            QTest.keyClicks(target, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                target,
                Qt.Key.Key_unknown,
                char,
                Qt.KeyboardModifier.NoModifier,
            )


def focused():
    return QApplication.focusWidget()


@pytest.fixture
def window(qtbot, make_context, desk):
    url, ids = desk
    # A supervisor: closing a ticket is a supervisor's step.
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "刘值班长"))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    assert ctx.jobs.wait_idle(10_000)
    yield win
    win.close()


def _status(window):
    detail = window.dock_widget("dock.detail").detail
    return detail.status if detail is not None else None


def _back_to(qtbot, window) -> None:
    """The window is active again once a dialog closed (the window manager's part, which
    the offscreen platform leaves out)."""
    if not window.isActiveWindow():
        window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def _action_dialog(qtbot) -> ActionDialog:
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), ActionDialog), timeout=10_000
    )
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and focused() is not None, timeout=5000)
    return dialog


def _register_with_keys(qtbot, dialog: RegisterDialog) -> None:
    qtbot.waitUntil(lambda: dialog.village.count() > 1, timeout=10_000)  # areas loaded
    qtbot.waitUntil(lambda: focused() is not None and dialog.isAncestorOf(focused()))
    assert focused() is dialog.kind
    expected = [dialog.source, dialog.priority, dialog.category]
    for widget in expected:  # Tab follows the form as it is laid out
        press(Qt.Key.Key_Tab)
        assert focused() is widget
    type_text("噪")  # 噪音扰民
    assert dialog.category.currentText() == "噪音扰民"
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.title
    type_text(TITLE)
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.description
    type_text("三楼楼道")
    press(Qt.Key.Key_Tab, CTRL)  # Ctrl+Tab types a tab
    type_text("纸箱")
    assert dialog.description.toPlainText() == "三楼楼道\t纸箱"
    press(Qt.Key.Key_Tab)  # Tab leaves the multi-line field
    assert focused() is dialog.reporter_name
    type_text("李四")
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.reporter_phone
    type_text("13912345678")
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.address
    type_text("梅园社区5幢")
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.village
    type_text("梅")
    qtbot.waitUntil(lambda: dialog.grid.currentData() is not None, timeout=5000)
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.grid
    press(Qt.Key.Key_Return)  # the dialog's default button: Register
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)


def _answer_message_boxes() -> QTimer:
    """A confirmation after registering (if any) is answered with Enter, like a user would."""
    timer = QTimer()
    timer.setInterval(100)

    def check() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            QTest.keyClick(box, Qt.Key.Key_Return)

    timer.timeout.connect(check)
    timer.start()
    return timer


def test_a_tickets_whole_life_with_the_keyboard_only(qtbot, window):
    ctx = window.context
    queue = window.dock_widget("dock.queue")
    dispatch = window.dock_widget("dock.dispatch")

    # Register: Ctrl+N, the fields with Tab, Enter.
    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RegisterDialog)
        _register_with_keys(qtbot, dialog)

    QTimer.singleShot(0, in_dialog)
    answers = _answer_message_boxes()
    press(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)
    answers.stop()
    _back_to(qtbot, window)

    # Select it: Ctrl+F, its title, Enter; Ctrl+1 to the queue, Home for its row.
    press(Qt.Key.Key_F, CTRL)
    assert focused() is queue.search
    type_text(TITLE)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: queue.model.total == 1 and queue.model.rowCount() == 1, timeout=10_000)
    press(Qt.Key.Key_1, CTRL)
    assert focused() is queue.table
    press(Qt.Key.Key_Home)
    qtbot.waitUntil(
        lambda: dispatch.data is not None and dispatch.data.detail.title == TITLE, timeout=10_000
    )
    qtbot.waitUntil(lambda: _status(window) == TicketStatus.PENDING_DISPATCH, timeout=10_000)

    # Dispatch: Ctrl+3 to the form, Space for "to the grid", Ctrl+Enter.
    press(Qt.Key.Key_3, CTRL)
    assert dispatch.isAncestorOf(focused())
    assert focused() is dispatch.to_grid
    press(Qt.Key.Key_Space)
    assert dispatch.to_grid.isChecked()
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: _status(window) == TicketStatus.DISPATCHED, timeout=10_000)

    # Accept: the 工单 menu's shortcut, the dialog, Ctrl+Enter.
    press(Qt.Key.Key_A, CTRL | SHIFT)
    _action_dialog(qtbot)
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: _status(window) == TicketStatus.IN_PROGRESS, timeout=10_000)
    _back_to(qtbot, window)

    # Feed back: Tab through the form, out of the multi-line field into the next.
    press(Qt.Key.Key_F, CTRL | SHIFT)
    dialog = _action_dialog(qtbot)
    for _ in range(3):
        press(Qt.Key.Key_Tab)
    assert focused() is dialog.inputs["feedback"]
    type_text("杂物已清理")
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.inputs["public_reply"]
    type_text("已处理")
    assert dialog.inputs["feedback"].toPlainText() == "杂物已清理"
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: _status(window) == TicketStatus.AWAITING_REVIEW, timeout=10_000)
    _back_to(qtbot, window)

    # Review and close (a supervisor's step).
    press(Qt.Key.Key_C, CTRL | SHIFT)
    _action_dialog(qtbot)
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: _status(window) == TicketStatus.CLOSED, timeout=10_000)
    assert ctx.jobs.wait_idle(10_000)


class _X11LineEditBindings(QObject):
    """What a line edit does under X11's key bindings (not the offscreen platform's): it claims
    Ctrl+E (end of line) before the window's shortcuts see it."""

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and event.key() == Qt.Key.Key_E
            and event.modifiers() == CTRL
        ):
            event.accept()
            return True
        return False


def test_ctrl_e_exports_while_the_cursor_is_in_the_search_box(qtbot, window):
    exported = []
    window.commands.set_handler("file.export", lambda: exported.append(True))
    queue = window.dock_widget("dock.queue")
    bindings = _X11LineEditBindings(queue.search)
    queue.search.installEventFilter(bindings)
    # The window's passage sees keys before the line edit's own handling (stood in for above).
    queue.search.installEventFilter(window.shortcut_passage)
    press(Qt.Key.Key_F, CTRL)
    assert focused() is queue.search
    type_text("路灯")
    press(Qt.Key.Key_E, CTRL)
    assert exported == [True]
    assert queue.search.text() == "路灯"  # the key did not edit the text
    assert window.context.jobs.wait_idle(10_000)


def test_f6_and_ctrl_digits_move_between_the_docks(qtbot, window):
    order = [
        "dock.queue",
        "dock.grid_tree",
        "dock.dispatch",
        "dock.charts",
        "dock.detail",
        "dock.map",
    ]

    def dock_with_focus() -> str | None:
        w = focused()
        for dock in window.findChildren(QDockWidget):
            if w is not None and dock.isAncestorOf(w):
                return dock.objectName()
        return None

    for n, name in enumerate(order, start=1):
        press(getattr(Qt.Key, f"Key_{n}"), CTRL)
        assert dock_with_focus() == name
    press(Qt.Key.Key_1, CTRL)
    for name in order[1:] + order[:1]:
        press(Qt.Key.Key_F6)
        assert dock_with_focus() == name
    press(Qt.Key.Key_F6, SHIFT)
    assert dock_with_focus() == "dock.map"
    assert window.context.jobs.wait_idle(10_000)


def test_ticket_menu_follows_the_selected_ticket_and_the_write_gate(qtbot, window):
    ctx = window.context
    menu = window.menus["ticket"]
    in_menu = {a.objectName() for a in menu.actions()}
    assert {spec.id for spec in WORKFLOW_ACTIONS} | {"ticket.new"} <= in_menu
    for spec in WORKFLOW_ACTIONS:
        assert not window.commands[spec.id].isEnabled()  # nothing selected
        assert not window.commands[spec.id].shortcut().isEmpty()
    queue = window.dock_widget("dock.queue")
    queue.filter_bar.search.setText("饭店油烟扰民")  # pending dispatch
    qtbot.waitUntil(lambda: queue.model.total == 1 and queue.model.rowCount() == 1, timeout=10_000)
    queue.table.selectRow(0)
    detail = window.dock_widget("dock.detail")
    qtbot.waitUntil(lambda: detail.detail is not None, timeout=10_000)
    enabled = {s.workflow for s in WORKFLOW_ACTIONS if window.commands[s.id].isEnabled()}
    records = allowed_records(detail.detail.status, UserRole.SUPERVISOR)
    files = {EventAction.ATTACH, EventAction.DETACH}  # the file strip's, not the menu's
    assert enabled == set(detail.detail.actions(UserRole.SUPERVISOR)) | (records - files)
    assert window.commands["ticket.dispatch"].isEnabled()
    assert not window.commands["ticket.close"].isEnabled()
    ctx.write_gate.set_writable(False)
    assert not any(window.commands[s.id].isEnabled() for s in WORKFLOW_ACTIONS)
    ctx.write_gate.set_writable(True)
    assert window.commands["ticket.dispatch"].isEnabled()
    assert ctx.jobs.wait_idle(10_000)


def test_help_lists_every_shortcut(qtbot, window):
    press(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert dialog.objectName() == "shortcuts_dialog"
    rows = dialog.rows()
    keys = {r[2] for r in rows}
    for action_id in window.commands.ids():
        action = window.commands[action_id]
        if not action.shortcut().isEmpty() and action.isVisible():
            assert action.shortcut().toString() in keys, action_id
    commands = {r[1] for r in rows}
    assert window.commands.text("ticket.accept") in commands
    assert "Ctrl+Tab" in keys
    dialog.close()


def test_tab_leaves_every_multi_line_field_of_the_window(window):
    edits = [e for e in window.findChildren(QPlainTextEdit) if not e.isReadOnly()]
    assert edits  # the dispatch instructions at least
    assert all(e.tabChangesFocus() for e in edits)


def test_tab_leaves_the_queue_and_shift_tab_reaches_its_preset_views(qtbot, window):
    # Issue 13 walk: Tab and Shift+Tab stepped through the queue's cells and wrapped, never
    # leaving the table; the preset views (全部未办结, 待派发 ...) had no way in from the keys.
    queue = window.dock_widget("dock.queue")
    queue.table.setFocus()
    queue.table.selectRow(0)
    press(Qt.Key.Key_Tab)
    assert focused() is not queue.table
    queue.table.setFocus()
    seen = []
    for _ in range(40):
        press(Qt.Key.Key_Backtab, SHIFT)
        seen.append(focused())
        if focused() is queue._preset_buttons["overdue"]:
            break
    assert focused() is queue._preset_buttons["overdue"], seen
    press(Qt.Key.Key_Space)
    assert window.context.jobs.wait_idle(10_000)
    assert queue._preset_buttons["overdue"].isChecked()
    # The arrows still move between the table's cells.
    queue.table.setFocus()
    queue.table.setCurrentIndex(queue.model.index(0, 0))
    press(Qt.Key.Key_Right)
    assert queue.table.currentIndex().column() == 1


def test_tab_leaves_the_grid_team_table(qtbot, window):
    team = window.dock_widget("dock.grid_tree").team_view
    assert (
        not team.tabKeyNavigation()
        and not window.dock_widget("dock.queue").table.tabKeyNavigation()
    )
