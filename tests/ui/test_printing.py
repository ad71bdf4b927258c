"""Printing from the window: Ctrl+P previews the selected ticket's handling form, the detail's
打印 button and the notice register print the notice, File → Print the ledger of this view
previews what the queue shows, and a huge view asks before anything is laid out."""

from __future__ import annotations

import desk_data
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui import printing
from gridcenter_desktop.ui.main_window import MainWindow

desk = desk_data.desk
desk_template = desk_data.desk_template

pytestmark = pytest.mark.ui


@pytest.fixture
def opened(monkeypatch):
    """The previews the window opens, without blocking on them."""
    shown = []

    def exec_(dialog):
        shown.append(dialog)
        return 0

    monkeypatch.setattr(printing.PaperPreviewDialog, "exec", exec_)
    return shown


def _window(qtbot, make_context, desk, role=UserRole.OPERATOR):
    url, ids = desk
    user = ids.supervisor if role == UserRole.SUPERVISOR else ids.operator
    ctx = make_context(url, Actor(user, role, "测试"))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    assert ctx.jobs.wait_idle(10_000)
    return ctx, win, ids


def _select(ctx, ticket_id):
    ctx.bus.sig_ticket_selected.emit(ticket_id)
    assert ctx.jobs.wait_idle(10_000)


def test_ctrl_p_previews_the_selected_tickets_handling_form(qtbot, make_context, desk, opened):
    ctx, win, ids = _window(qtbot, make_context, desk)
    assert not win.commands["ticket.print_form"].isEnabled()  # nothing selected yet
    title, ticket_id = next(iter(ids.tickets.items()))
    _select(ctx, ticket_id)
    assert win.commands["ticket.print_form"].isEnabled()
    QTest.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    paper = opened[0].paper
    assert "工单处理单" in paper.html and title in paper.html
    # An operator's form shows the reporter masked, as the detail panel does.
    assert "张*" in paper.html and "张三" not in paper.html
    assert "138****5678" in paper.html
    # What the preview would print: its own pages, numbered.
    assert printing.page_count(paper, QPrinter(QPrinter.PrinterMode.HighResolution)) == 1
    win.close()


def test_detail_print_button_previews_the_notice(qtbot, make_context, desk, opened):
    ctx, win, ids = _window(qtbot, make_context, desk, UserRole.SUPERVISOR)
    ticket_id = next(iter(ids.tickets.values()))
    _select(ctx, ticket_id)
    detail = win.dock_widget("dock.detail")
    assert detail.print_button.isEnabled()
    notice = next(a for a in detail.print_button.menu().actions() if a.objectName()
                  == "detail_print_notice")  # fmt: skip
    notice.trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    html = opened[0].paper.html
    assert "责令整改通知书" in html
    # Even a supervisor's notice never names the reporter.
    assert "张三" not in html and "13812345678" not in html
    win.close()


def test_ledger_of_the_view_is_previewed_landscape(qtbot, make_context, desk, opened):
    ctx, win, ids = _window(qtbot, make_context, desk)
    action = win.commands["file.print_ledger"]
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    paper = opened[0].paper
    assert paper.landscape and "工单台账" in paper.html
    queue = win.dock_widget("dock.queue")
    assert paper.html.count('<tr><td align="center">') == queue.model.rowCount()
    win.close()


def test_a_huge_view_asks_before_printing(qtbot, make_context, desk, opened, monkeypatch):
    from gridcenter_desktop.reports import printed_ledger

    monkeypatch.setattr(printed_ledger, "MAX_ROWS", 3)
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    ctx, win, ids = _window(qtbot, make_context, desk)
    win.commands["file.print_ledger"].trigger()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10_000)
    assert ctx.jobs.wait_idle(10_000)
    assert opened == []  # refused: nothing laid out
    assert "3" in asked[0]

    asked.clear()
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(1) or QMessageBox.StandardButton.Yes
    )
    win.commands["file.print_ledger"].trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    assert opened[0].paper.html.count('<tr><td align="center">') == 3
    win.close()


def test_notice_register_prints_the_selected_notice(qtbot, make_context, desk, opened):
    from datetime import date

    from gridcenter_desktop.db.engine import make_engine, make_session_factory
    from gridcenter_desktop.db.ticket import Ticket
    from gridcenter_desktop.services.notices import issue_notice
    from gridcenter_desktop.ui.notice_register import open_notice_register

    url, ids = desk
    ticket_id = ids.tickets["农家乐无证经营"]
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        version = session.get(Ticket, ticket_id).version
        issue_notice(
            session,
            Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班"),
            ticket_id,
            version,
            party="某某农家乐",
            problems="无证经营\n张三反映油烟扰民，电话13812345678",
            requirements="立即停止经营",
            issued_on=date(2022, 10, 20),
            deadline=date(2022, 10, 30),
        )
    engine.dispose()
    ctx, win, _ = _window(qtbot, make_context, desk, UserRole.SUPERVISOR)
    register = open_notice_register(win)
    assert ctx.jobs.wait_idle(10_000)
    qtbot.waitUntil(lambda: register.selected() is not None, timeout=10_000)
    register.print_button.click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    html = opened[0].paper.html
    assert "某某农家乐" in html and "立即停止经营" in html and "无证经营" in html
    assert "张三" not in html and "13812345678" not in html
    register.close()
    win.close()


def test_printing_goes_in_the_audit_trail(qtbot, make_context, desk, monkeypatch):
    from PySide6.QtWidgets import QDialog
    from sqlalchemy import select

    from gridcenter_desktop.db.audit import AuditEntry

    outcomes = iter([QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted])
    monkeypatch.setattr(printing.PaperPreviewDialog, "exec", lambda dialog: next(outcomes))
    ctx, win, ids = _window(qtbot, make_context, desk, UserRole.SUPERVISOR)
    ticket_id = ids.tickets["农家乐无证经营"]
    _select(ctx, ticket_id)

    def printed():
        with ctx.session_factory() as session:
            return session.scalars(
                select(AuditEntry).where(AuditEntry.target == "handling_form")
            ).all()

    win.commands["ticket.print_form"].trigger()  # previewed, closed without printing
    assert ctx.jobs.wait_idle(10_000)
    assert printed() == []
    win.commands["ticket.print_form"].trigger()  # printed
    qtbot.waitUntil(lambda: len(printed()) == 1, timeout=10_000)
    assert ctx.jobs.wait_idle(10_000)
    assert printed()[0].ticket_id == ticket_id
    win.close()


def test_the_queue_menu_of_one_ticket_prints_its_handling_form(qtbot, make_context, desk, opened):
    ctx, win, ids = _window(qtbot, make_context, desk)
    queue = win.dock_widget("dock.queue")
    title, ticket_id = next(iter(ids.tickets.items()))
    queue.show_ticket(ticket_id)
    qtbot.waitUntil(lambda: [r.id for r in queue.selected_rows()] == [ticket_id], timeout=10_000)
    assert ctx.jobs.wait_idle(10_000)
    menu = queue.build_context_menu()
    printing_action = win.commands["ticket.print_form"]
    assert printing_action in menu.actions()
    assert printing_action.isEnabled()
    printing_action.trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    assert title in opened[0].paper.html
    win.close()


def _paper(landscape=False):
    from gridcenter_desktop.reports.paper import Paper

    return Paper(name="工单处理单_GC1", html="<p>工单处理单</p>", landscape=landscape)


@pytest.mark.parametrize("landscape", [False, True])
def test_the_preview_fits_a_1366x768_laptop_screen(landscape):
    from PySide6.QtCore import QRect

    wanted = printing.PREVIEW_SIZE_LANDSCAPE if landscape else printing.PREVIEW_SIZE
    available = QRect(0, 0, 1366, 728)  # less the taskbar
    rect = printing.preview_geometry(wanted, available)
    assert available.contains(rect)
    assert rect.height() <= 0.9 * 728 and rect.width() <= 0.9 * 1366
    assert rect.center() == available.center()


def test_the_preview_opens_within_its_screen_and_where_it_was_left(qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from gridcenter_desktop.ui.settings import Settings

    settings = Settings.at(tmp_path / "settings.ini")
    dialog = printing.PaperPreviewDialog(_paper(), None, settings)
    qtbot.addWidget(dialog)
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert available.contains(dialog.geometry())
    assert dialog.height() <= 0.9 * available.height()
    dialog.show()
    dialog.resize(500, 400)
    dialog.move(available.topLeft())
    dialog.reject()
    again = printing.PaperPreviewDialog(_paper(), None, settings)
    qtbot.addWidget(again)
    assert again.size().toTuple() == (500, 400)


def test_ctrl_p_in_the_preview_opens_the_print_dialog(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    dialog = printing.PaperPreviewDialog(_paper())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    seen = []

    def close_print_dialog():
        modal = QApplication.activeModalWidget()
        if modal is None or modal is dialog:
            if len(seen) < 1:
                QTimer.singleShot(50, close_print_dialog)
            return
        seen.append(modal.metaObject().className())
        modal.reject()

    QTimer.singleShot(50, close_print_dialog)
    QTest.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    # As the print button does: the print dialog, or where to save the PDF when the
    # workstation has no printer.
    assert seen[0] in ("QPrintDialog", "QUnixPrintDialog", "QFileDialog")
    # The key is told where the mouse would look for it.
    assert "Ctrl+P" in dialog.print_action.toolTip()


def test_the_previews_toolbar_is_reached_with_tab_and_esc_closes_it(qtbot):
    from PySide6.QtWidgets import QToolButton

    dialog = printing.PaperPreviewDialog(_paper())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    button = next(
        b for b in dialog.findChildren(QToolButton) if b.defaultAction() is dialog.print_action
    )
    reached = []
    for _ in range(40):
        reached.append(dialog.focusWidget())
        if dialog.focusWidget() is button:
            break
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is button, reached
    QTest.keyClick(button, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_print_prompt_and_the_printed_ledger_write_the_count_alike(
    qtbot, make_context, desk, opened, monkeypatch
):
    from gridcenter_desktop.reports import printed_ledger

    monkeypatch.setattr(printed_ledger, "MAX_ROWS", 3)
    monkeypatch.setattr(printed_ledger, "view_count", lambda *a: 110213)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda p, t, text, *a: asked.append(text) or QMessageBox.Yes
    )
    ctx, win, ids = _window(qtbot, make_context, desk)
    win.commands["file.print_ledger"].trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    assert "110,213" in asked[0]
    assert "共 110,213 件" in opened[0].paper.html
    win.close()
