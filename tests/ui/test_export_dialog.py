"""File → Export: the dialog writes each report in the background, reports faults clearly,
cancels without leaving a file, and opens the result."""

from __future__ import annotations

import time

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridcenter_desktop.core.enums import OPEN_STATUSES
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder
from gridcenter_desktop.ui import export_dialog
from gridcenter_desktop.ui.export_dialog import ExportDialog

pytestmark = pytest.mark.ui

VIEW = (QueueFilter(statuses=frozenset(OPEN_STATUSES)), QueueOrder("deadline", False))


@pytest.fixture
def dialog(qtbot, make_context, small_town):
    url, _ids = small_town
    context = make_context(url)
    dlg = ExportDialog(context, view=VIEW, ticket_code="GC20221025-0001")
    qtbot.addWidget(dlg)
    return dlg


def _export(qtbot, dlg, path):
    dlg.path.setText(str(path))
    with qtbot.waitSignal(dlg.sig_exported, timeout=20_000) as blocker:
        dlg.export_button.click()
    return blocker.args[0]


def test_ledger_of_the_current_view(qtbot, dialog, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(export_dialog, "open_url", lambda url: opened.append(url.toLocalFile()))
    assert dialog.scope_view.isChecked()
    dialog.show()
    assert not dialog.open_file_button.isVisible()  # nothing to open yet
    outcome = _export(qtbot, dialog, tmp_path / "台账.xlsx")
    assert outcome.kind == "ledger" and outcome.tickets == 4  # the four open tickets
    ws = load_workbook(tmp_path / "台账.xlsx").active
    assert ws.max_row == 3 + 4 and "当前视图" in ws["A2"].value
    assert str(tmp_path / "台账.xlsx") in dialog.status.text()
    assert dialog.open_file_button.isVisible() and dialog.open_folder_button.isVisible()
    dialog.open_file()
    dialog.open_folder()
    assert opened == [str(tmp_path / "台账.xlsx"), str(tmp_path)]


def test_summary_and_notice(qtbot, dialog, tmp_path):
    dialog.set_kind("summary")
    assert dialog.path.text().endswith(".xlsx") and "统计报表" in dialog.path.text()
    outcome = _export(qtbot, dialog, tmp_path / "报表.xlsx")
    assert outcome.kind == "summary"
    assert "封面" in load_workbook(tmp_path / "报表.xlsx").sheetnames

    dialog.set_kind("notice")
    outcome = _export(qtbot, dialog, tmp_path / "通知书.xlsx")
    assert outcome.kind == "notice"
    assert load_workbook(tmp_path / "通知书.xlsx").active.title == "责令整改通知书"


def test_unwritable_folder_is_explained_and_nothing_written(qtbot, dialog, tmp_path):
    dialog.path.setText(str(tmp_path / "missing" / "台账.xlsx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)
    assert "missing" in dialog.status.text()
    assert not (tmp_path / "missing").exists()
    assert dialog.export_button.isEnabled()


def test_cancel_leaves_no_file(qtbot, dialog, tmp_path, monkeypatch):
    real = export_dialog.export_report

    def slow_export(session, request, *, now, progress, cancelled):
        # Hold the job until the user cancels, then let the real export see the cancel.
        deadline = time.monotonic() + 10
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(session, request, now=now, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(export_dialog, "export_report", slow_export)
    dialog.path.setText(str(tmp_path / "台账.xlsx"))
    dialog.export_button.click()
    assert dialog.is_running() and not dialog.export_button.isEnabled()
    assert not dialog.path.isEnabled() and not dialog.kind_buttons.button(1).isEnabled()
    dialog.cancel_or_close()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10_000)
    assert "cancel" in dialog.status.text().lower() or "取消" in dialog.status.text()
    assert list(tmp_path.iterdir()) == [] or all(
        not p.name.endswith(".xlsx") for p in tmp_path.iterdir()
    )


def test_ctrl_e_opens_the_dialog_with_the_queue_view(qtbot, make_context, small_town):
    from PySide6.QtWidgets import QApplication

    from gridcenter_desktop.ui.main_window import MainWindow

    url, _ids = small_town
    context = make_context(url)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert context.jobs.wait_idle(10_000)
    window.commands["file.export"].trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    queue = window.dock_widget("dock.queue")
    assert dialog.request().queue_filter == queue.current_filter()
    assert dialog.scope_view.isEnabled() and dialog.scope_view.isChecked()
    dialog.reject()
    QApplication.processEvents()
    window.close()


def test_without_the_charts_the_period_is_the_towns_default(make_context, small_town):
    from datetime import date, datetime

    from gridcenter_desktop.core.enums import TicketKind, TicketSource, UserRole
    from gridcenter_desktop.db.settings import AppSetting
    from gridcenter_desktop.db.user import User
    from gridcenter_desktop.services import tickets as svc
    from gridcenter_desktop.services.actor import Actor

    url, _ids = small_town
    context = make_context(url)
    context.now = lambda: datetime(2023, 6, 1, 9, 0)
    with context.session_factory() as session:
        # As `gridcenter town set --report-period quarter` stores it.
        session.merge(AppSetting(key="town.report_period", value="quarter"))
        session.commit()
        user = session.scalars(select(User).where(User.role == UserRole.OPERATOR)).first()
        operator = Actor(user.id, UserRole.OPERATOR, user.display_name, user.login)
        form = svc.NewTicket(TicketKind.ORDINARY, TicketSource.HOTLINE, "noise", "噪音")
        svc.register_ticket(session, operator, form, datetime(2023, 5, 20, 9, 0))
    # The quarter of the last ticket, up to that ticket's day.
    assert export_dialog.town_default_period(context) == (date(2023, 4, 1), date(2023, 5, 20))


def test_open_file_says_so_when_no_program_opens_xlsx(qtbot, dialog, tmp_path, monkeypatch):
    # Issue 8: 打开文件 failed silently where no program opens .xlsx files.
    monkeypatch.setattr(export_dialog, "open_url", lambda url: False)
    dialog.show()
    _export(qtbot, dialog, tmp_path / "台账.xlsx")
    dialog.open_file()
    assert "No program" in dialog.status.text()
    assert str(tmp_path / "台账.xlsx") in dialog.status.text()
    dialog.open_folder()
    assert str(tmp_path / "台账.xlsx") in dialog.status.text()


def test_reply_sheet_for_the_platforms(qtbot, dialog, small_town, tmp_path):
    # The closed ticket came from the district platform.
    from sqlalchemy import create_engine, update

    from gridcenter_desktop.core.enums import IntakeSource
    from gridcenter_desktop.db.ticket import Ticket

    url, _ids = small_town
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            update(Ticket)
            .where(Ticket.code == "GC20221025-0005")
            .values(external_source=IntakeSource.DISTRICT, external_code="QJ20220918001")
        )
        closed = conn.execute(
            select(Ticket.closed_at).where(Ticket.code == "GC20221025-0005")
        ).scalar_one()
    engine.dispose()
    dialog.show()
    dialog.set_kind("reply")
    assert not dialog.scope_view.isVisible()  # the ledger's choice is not the reply's
    assert dialog.date_from.isVisible() and not dialog.ticket.isVisible()
    dialog.date_from.setDate(closed.date())
    dialog.date_to.setDate(closed.date())
    assert "办理结果回复表" in dialog.path.text()
    outcome = _export(qtbot, dialog, tmp_path / "回复表.xlsx")
    assert outcome.kind == "reply" and outcome.tickets == 1
    assert "1 ticket(s) to send back" in dialog.status.text()
    ws = load_workbook(tmp_path / "回复表.xlsx")["区集成指挥平台"]
    assert ws["A1"].value == "工单编号" and ws["A2"].value == "QJ20220918001"


def test_the_reply_sheet_and_its_path_by_keyboard(qtbot, dialog):
    """Walk of issue 10: the report radios and "Save as" had no Alt+letter, and Tab walks
    through each date's day, month and year first: the path was six Tabs away. Alt+P picks
    the reply sheet, Alt+S puts the cursor in the path, Alt+D in the first date."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.kind() == "reply")  # a mnemonic clicks after 100 ms
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.path
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.date_from


def test_an_empty_reply_sheet_says_so(qtbot, dialog, tmp_path):
    """Walk of issue 10: the demo's default period ended before the day's closings and the
    dialog said only "已保存" over a sheet with the header alone."""
    dialog.show()
    dialog.set_kind("reply")
    outcome = _export(qtbot, dialog, tmp_path / "回复表.xlsx")
    assert outcome.tickets == 0
    assert "check the dates" in dialog.status.text()
