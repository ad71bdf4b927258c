"""Joint inspections and rectification notices in the window, by keyboard: record the
inspection (Ctrl+Shift+I), issue the notice it prefills (Ctrl+Shift+N), see both in the detail,
open the register (Ctrl+Alt+N), check the notice back from it (Enter on the row); the status
bar counts the notices due for a check-back."""

from __future__ import annotations

from datetime import date, timedelta

import desk_data
import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidget

from gridcenter_desktop.core.enums import NoticeStatus, UserRole
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.notice_dialogs import RecordDialog

desk = desk_data.desk
desk_template = desk_data.desk_template

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
TITLE = "农家乐无证经营"
NUMBER = "光福镇整改〔2022〕1号"


def press(key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "no widget has the keyboard"
    QTest.keyClick(target, key, modifiers)


def type_text(text: str) -> None:
    target = QApplication.focusWidget()
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, target, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


@pytest.fixture
def window(qtbot, make_context, desk):
    url, ids = desk
    # A supervisor: issuing a notice is a supervisor's step.
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班"))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    assert ctx.jobs.wait_idle(10_000)
    yield win
    win.close()


def _back_to(qtbot, window) -> None:
    if not window.isActiveWindow():
        window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def _record_dialog(qtbot) -> RecordDialog:
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), RecordDialog), timeout=10_000
    )
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    return dialog


def _closed(dialog) -> bool:
    # The dialogs delete themselves once closed.
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _select_ticket(qtbot, window) -> None:
    queue = window.dock_widget("dock.queue")
    press(Qt.Key.Key_F, CTRL)
    type_text(TITLE)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: queue.model.total == 1 and queue.model.rowCount() == 1, timeout=10_000)
    press(Qt.Key.Key_1, CTRL)
    press(Qt.Key.Key_Home)
    detail = window.dock_widget("dock.detail")
    qtbot.waitUntil(
        lambda: detail.detail is not None and detail.detail.title == TITLE, timeout=10_000
    )


def test_an_inspection_and_its_notice_by_keyboard_then_the_register(qtbot, window):
    ctx = window.context
    detail = window.dock_widget("dock.detail")
    _select_ticket(qtbot, window)

    # 记录联席会议/联合检查: kind, date (today), the departments (Space ticks), findings.
    press(Qt.Key.Key_I, CTRL | SHIFT)
    dialog = _record_dialog(qtbot)
    assert QApplication.focusWidget() is dialog.inputs["inspection_kind"]
    press(Qt.Key.Key_Down)  # 联合检查
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.inputs["held_on"]
    press(Qt.Key.Key_Tab)
    departments = dialog.inputs["department_ids"]
    assert isinstance(departments, QListWidget) and QApplication.focusWidget() is departments
    press(Qt.Key.Key_Space)
    assert dialog.values()["department_ids"] == [departments.item(0).data(Qt.ItemDataRole.UserRole)]
    press(Qt.Key.Key_Tab)
    type_text("漫山岛")
    press(Qt.Key.Key_Tab)
    type_text("冲山村村委会")
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.inputs["findings"]
    type_text("民宿无证经营，消防器材缺失")
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=10_000)
    qtbot.waitUntil(lambda: len(detail.follow_up.inspection_rows()) == 1, timeout=10_000)
    assert detail.follow_up.inspection_rows()[0][0] == "2022-10-25"
    _back_to(qtbot, window)

    # 下发整改通知书: the problems come from the inspection; the party is typed.
    press(Qt.Key.Key_N, CTRL | SHIFT)
    dialog = _record_dialog(qtbot)
    assert dialog.inputs["problems"].toPlainText() == "民宿无证经营，消防器材缺失"
    assert dialog.inputs["inspection_id"].currentData() is not None
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.inputs["party"]
    type_text("漫山岛某民宿")
    values = dialog.values()
    assert values["issued_on"] == date(2022, 10, 25) and values["deadline"] > values["issued_on"]
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=10_000)
    qtbot.waitUntil(lambda: len(detail.follow_up.notice_rows()) == 1, timeout=10_000)
    assert detail.follow_up.notice_rows()[0][0] == NUMBER
    _back_to(qtbot, window)

    # The register: Ctrl+Alt+N; Enter on the row checks it back.
    press(Qt.Key.Key_N, CTRL | ALT)
    register = _register(qtbot, window)
    qtbot.waitUntil(lambda: register.model.rowCount() == 1, timeout=10_000)
    assert register.model.rows()[0].number == NUMBER
    register.activateWindow()
    register.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is register.table, timeout=5000)
    press(Qt.Key.Key_Return)
    dialog = _record_dialog(qtbot)
    assert dialog.inputs["notice_id"].currentText().startswith(NUMBER)
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=10_000)
    qtbot.waitUntil(
        lambda: register.model.rows() and register.model.rows()[0].status == NoticeStatus.RECTIFIED,
        timeout=10_000,
    )
    # Filters: nothing is due; the checked one is under "checked".
    register.scope.setCurrentIndex(register.scope.findData("due"))
    qtbot.waitUntil(lambda: register.model.rowCount() == 0, timeout=10_000)
    register.scope.setCurrentIndex(register.scope.findData("checked"))
    qtbot.waitUntil(lambda: register.model.rowCount() == 1, timeout=10_000)
    register.close()
    assert ctx.jobs.wait_idle(10_000)


def _register(qtbot, window):
    from gridcenter_desktop.ui.notice_register import NoticeRegisterDialog

    qtbot.waitUntil(lambda: window.findChild(NoticeRegisterDialog) is not None, timeout=5000)
    return window.findChild(NoticeRegisterDialog)


def test_the_register_exports_and_the_status_bar_counts_notices_due(qtbot, window, tmp_path):
    from openpyxl import load_workbook
    from sqlalchemy import select

    from gridcenter_desktop.db.ticket import Ticket
    from gridcenter_desktop.services.notices import issue_notice

    ctx = window.context
    with ctx.session_factory() as session:
        ticket = session.scalar(select(Ticket).where(Ticket.title == TITLE))
        issue_notice(
            session,
            ctx.actor,
            ticket.id,
            ticket.version,
            party="漫山岛某民宿",
            problems="消防器材缺失",
            requirements="配齐灭火器",
            issued_on=date(2022, 10, 1),
            deadline=date(2022, 10, 10),
            now=ctx.now(),
        )
    ctx.bus.sig_tickets_changed.emit([ticket.id])
    label = window.status.notices_label
    qtbot.waitUntil(lambda: label.isVisible() and window.status.notices_due == 1, timeout=10_000)

    # The counter is the way to the check-back task: a click opens the register on them.
    label.linkActivated.emit("notices")
    register = _register(qtbot, window)
    assert register.scope.currentData() == "due"
    qtbot.waitUntil(lambda: register.model.rowCount() == 1, timeout=10_000)
    assert register.model.rows()[0].days_overdue == 15
    path = tmp_path / "台账.xlsx"
    register.export_to(path)
    qtbot.waitUntil(lambda: not register.is_exporting(), timeout=10_000)
    ws = load_workbook(path).active
    texts = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert NUMBER in texts and "漫山岛某民宿" in texts and "整改中" in texts
    assert not any("张三" in str(t) for t in texts)  # the reporter is never on it
    # The selected notice's printable document, as issued.
    document = tmp_path / "通知书.xlsx"
    register.document_to(document, register.model.rows()[0].id)
    qtbot.waitUntil(lambda: not register.is_exporting(), timeout=10_000)
    ws = load_workbook(document).active
    texts = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert NUMBER in texts and "漫山岛某民宿" in texts
    assert not any("张三" in str(t) or "13812345678" in str(t) for t in texts)
    register.close()
    # Gone once closed: a later change of tickets reaches no deleted window.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not shiboken6.isValid(register)
    ctx.bus.sig_tickets_changed.emit([ticket.id])
    assert ctx.jobs.wait_idle(10_000)


def test_a_deadline_before_the_issue_date_is_refused_naming_the_notice_field(qtbot, window):
    """Walk of issue 11: the message under 整改期限 said 办理时限 (the ticket's deadline, the
    shared name of the service's field "deadline"); it names the field as the form shows it."""
    from gridcenter_desktop.ui import labels

    _select_ticket(qtbot, window)
    press(Qt.Key.Key_N, CTRL | SHIFT)
    dialog = _record_dialog(qtbot)
    press(Qt.Key.Key_Tab)
    type_text("漫山岛某民宿")
    issued = dialog.values()["issued_on"]
    dialog.inputs["deadline"].setDate(issued - timedelta(days=1))
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: dialog.errors.message("deadline") != "", timeout=10_000)
    shown = next(f for f in dialog.form.fields if f.name == "deadline").label()
    message = dialog.errors.message("deadline")
    assert message.startswith(shown), message
    assert labels.field_label("deadline") not in message
    assert not _closed(dialog)
    dialog.reject()
    assert window.context.jobs.wait_idle(10_000)
