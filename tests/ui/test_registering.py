"""Issue 8, item 4: registering confirms with the new code and selects the ticket; the
category is required and suggested from earlier titles; no grid and no address asks first."""

from __future__ import annotations

import desk_data
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui import register_dialog
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.queue_dock import QueueDock
from gridcenter_desktop.ui.queue_model import TICKET_ID_ROLE
from gridcenter_desktop.ui.register_dialog import RegisterDialog

desk = desk_data.desk
desk_template = desk_data.desk_template
big_desk = desk_data.big_desk
big_desk_template = desk_data.big_desk_template


def _dialog(qtbot, ctx):
    dialog = RegisterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    ctx.jobs.wait_idle()
    return dialog


def _titles(ctx):
    with ctx.session_factory() as s:
        return set(s.scalars(select(Ticket.title)))


def test_the_category_is_required_not_defaulted(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dialog = _dialog(qtbot, ctx)
    assert dialog.category.currentData() is None
    assert dialog.category.currentText() == "(choose a category)"
    dialog.title.setText("井盖缺失")
    dialog.address.setText("迂里村3组")
    dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.errors.message("category")
    assert dialog.registered is None and "井盖缺失" not in _titles(ctx)


def test_the_category_is_suggested_from_the_titles_history(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dialog = _dialog(qtbot, ctx)
    with qtbot.waitSignal(dialog.sig_category_guessed, timeout=5_000) as guessed:
        dialog.title.setText("楼上装修噪音扰民")
    assert guessed.args[0].category == "noise"
    assert dialog.category.currentData() == "noise"
    assert "earlier tickets" in dialog.category_hint.text()
    # A choice by hand is never overridden by a later guess.
    dialog.category.setCurrentIndex(dialog.category.findData("environment"))
    dialog.title.setText("楼上装修噪音扰民严重")
    qtbot.wait(register_dialog.TYPING_DEBOUNCE_MS + 200)
    ctx.jobs.wait_idle()
    assert dialog.category.currentData() == "environment"


def test_no_grid_and_no_address_asks_before_registering(qtbot, make_context, desk, monkeypatch):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dialog = _dialog(qtbot, ctx)
    dialog.category.setCurrentIndex(dialog.category.findData("city_management"))
    dialog.title.setText("有人反映情况")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.No
    )
    dialog.submit()
    ctx.jobs.wait_idle()
    assert asked == ["No grid and no address"]
    assert dialog.registered is None and "有人反映情况" not in _titles(ctx)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000):
        dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.registered is not None
    # With an address, nobody is asked.
    other = _dialog(qtbot, ctx)
    other.category.setCurrentIndex(other.category.findData("city_management"))
    other.title.setText("路面塌陷")
    other.address.setText("香雪路18号")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: 1 / 0)
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000):
        other.submit()
    ctx.jobs.wait_idle()
    assert other.registered is not None


def test_a_registration_shows_the_code_and_selects_the_new_ticket(
    qtbot, make_context, big_desk, monkeypatch
):
    url, ids = big_desk  # 1,000 open fillers: the new ticket sorts far from the loaded rows
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    ctx.jobs.wait_idle()
    queue = window.dock_widget("dock.queue")
    assert isinstance(queue, QueueDock)
    queue.table.selectRow(0)
    shown = []

    def fill_and_register(dialog):
        dialog.category.setCurrentIndex(dialog.category.findData("city_management"))
        dialog.title.setText("井盖缺失<b>危险</b>")
        dialog.address.setText("香雪路18号")
        dialog.priority.setCurrentIndex(dialog.priority.count() - 1)
        with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000):
            dialog.submit()
        ctx.jobs.wait_idle()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RegisterDialog, "exec", fill_and_register)
    monkeypatch.setattr(
        RegisterDialog, "show_confirmation", lambda d, parent: shown.append(d.confirmation(parent))
    )
    window.new_ticket()
    [box] = shown
    with ctx.session_factory() as s:
        ticket = s.scalars(select(Ticket).where(Ticket.title == "井盖缺失<b>危险</b>")).one()
    assert ticket.code in box.text() and "<b>危险</b>" in box.text()  # plain text
    assert ticket.code in window.statusBar().currentMessage()

    def selected():
        index = queue.table.currentIndex()
        return index.isValid() and queue.model.data(index, TICKET_ID_ROLE) == ticket.id

    qtbot.waitUntil(selected, timeout=10_000)
    assert queue.table.selectionModel().isRowSelected(queue.table.currentIndex().row())
    window.close()


def test_a_closed_duplicate_is_listed_but_not_merged_into(qtbot, make_context, desk):
    from gridcenter_desktop.core.enums import TicketStatus
    from gridcenter_desktop.services.duplicates import DuplicateCandidate

    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dialog = _dialog(qtbot, ctx)
    when = desk_data.NOW
    dialog._show_duplicates(
        [
            DuplicateCandidate(1, "GC1", "路灯不亮", "", TicketStatus.CLOSED, when, 1, 0.9),
            DuplicateCandidate(2, "GC2", "路灯坏了", "", TicketStatus.DISPATCHED, when, 1, 0.8),
        ]
    )
    dialog.duplicates.setCurrentRow(0)
    assert not dialog.merge_button.isEnabled()
    dialog.duplicates.setCurrentRow(1)
    assert dialog.merge_button.isEnabled()


def test_a_fixed_field_loses_its_error(qtbot, make_context, desk):
    # Issue 8, small things: the error stayed under a field after it was fixed.
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dialog = _dialog(qtbot, ctx)
    dialog.reporter_phone.setText("12345")
    dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.errors.message("reporter_phone") and dialog.errors.message("title")
    assert dialog.errors.message("category")
    dialog.reporter_phone.setText("13912345678")
    assert dialog.errors.message("reporter_phone") == ""
    assert "reporter_phone" not in dialog.errors.invalid_fields()
    assert dialog.errors.message("title")  # not fixed yet: still marked
    dialog.category.setCurrentIndex(dialog.category.findData("noise"))
    assert dialog.errors.message("category") == ""
