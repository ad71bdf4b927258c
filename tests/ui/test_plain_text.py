"""User text is shown as typed: markup in a title, a description, a reporter's name, an
address, a dispatch instruction, a note or a feedback is never rendered as HTML anywhere the
window shows it (docks' labels, the dialogs' headings, the queue's tooltip)."""

from __future__ import annotations

import re
from datetime import timedelta

import desk_data
from desk_data import NOW
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import select

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    EventAction,
    Priority,
    TicketKind,
    TicketSource,
    UserRole,
)
from gridcenter_desktop.db.ticket import Assignment
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.suggestions import active_departments
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.services.tickets import (
    Feedback,
    NewTicket,
    accept_assignment,
    dispatch_ticket,
    feed_back,
    register_ticket,
)
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.queue_model import TICKET_ID_ROLE
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog

desk = desk_data.desk
desk_template = desk_data.desk_template

# One marked-up text per field; each must be seen exactly like this wherever it is shown.
MARKUP = {
    "title": "<b>测试</b>标题",
    "description": "<i>描述</i>内容<br>第二行",
    "reporter": "<u>张三</u>",
    "address": "<font color=red>文化广场</font>1号",
    "instructions": "<h1>派单说明</h1>",
    "note": "<s>签收备注</s>",
    "feedback": "<a href='x'>已处理</a>",
    "reply": "<table><tr><td>公开答复</td></tr></table>",
}


def _ticket_with_markup(ctx, ids) -> int:
    operator = Actor(ids.operator, UserRole.OPERATOR, "王调度")
    with ctx.session_factory() as s:
        ref = register_ticket(
            s,
            operator,
            NewTicket(
                kind=TicketKind.ORDINARY,
                source=TicketSource.HOTLINE,
                category="noise",
                title=MARKUP["title"],
                description=MARKUP["description"],
                reporter_name=MARKUP["reporter"],
                reporter_phone="13912345678",
                address=MARKUP["address"],
                grid_id=ids.grids[2],
                priority=Priority.ORDINARY,
            ),
            now=NOW - timedelta(hours=3),
        )
        ref = dispatch_ticket(
            s,
            operator,
            ref.id,
            ref.version,
            lead_department_id=ids.departments["enforcement"],
            assist_department_ids=[],
            instructions=MARKUP["instructions"],
            now=NOW - timedelta(hours=2),
        )
        lead = s.scalars(
            select(Assignment.id).where(
                Assignment.ticket_id == ref.id, Assignment.role == AssignmentRole.LEAD
            )
        ).one()
        ref = accept_assignment(
            s,
            operator,
            ref.id,
            ref.version,
            lead,
            note=MARKUP["note"],
            now=NOW - timedelta(hours=1),
        )
        form = Feedback(
            complaint_true=True,
            solved=True,
            feedback=MARKUP["feedback"],
            public_reply=MARKUP["reply"],
        )
        ref = feed_back(s, operator, ref.id, ref.version, lead, form, now=NOW)
    return ref.id


def _rendered(text: str, fmt: Qt.TextFormat) -> str:
    """What a QLabel shows for ``text`` in format ``fmt``: Qt guesses for AutoText."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def _words(markup: str) -> list[str]:
    """The words between the tags ("测试", "标题"): how to find a label that shows it."""
    return [w for w in re.findall(r">([^<]+)<", f">{markup}<") if w.strip()]


def _labels_showing_markup(top: QWidget) -> list[tuple[str, str, str]]:
    """(field, label text, rendered) for every label showing a field's words."""
    found = []
    for label in top.findChildren(QLabel):
        shown = _rendered(label.text(), label.textFormat())
        for field, markup in MARKUP.items():
            if _words(markup)[0] in label.text() or _words(markup)[0] in shown:
                found.append((field, label.text(), shown))
    return found


def test_markup_typed_into_every_field_is_shown_as_typed(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "刘值班长"))
    ticket_id = _ticket_with_markup(ctx, ids)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    detail = window.dock_widget("dock.detail")
    dispatch = window.dock_widget("dock.dispatch")
    with (
        qtbot.waitSignal(detail.sig_loaded, timeout=10_000),
        qtbot.waitSignal(dispatch.sig_loaded, timeout=10_000),
    ):
        ctx.bus.sig_ticket_selected.emit(ticket_id)

    with ctx.session_factory() as s:
        d = get_ticket_detail(s, ticket_id, ctx.actor)
        departments = active_departments(s)
    dialog = ActionDialog(ctx, EventAction.CLOSE, d, departments, window)
    qtbot.addWidget(dialog)
    dialog.show()

    found = _labels_showing_markup(window) + _labels_showing_markup(dialog)
    fields_found = {field for field, _text, _shown in found}
    # Shown somewhere: the title (detail, dispatch and dialog headings), description,
    # reporter, address; instructions, note and feedback in the timeline and assignments.
    assert fields_found >= set(MARKUP) - {"reply"}, fields_found
    wrong = [(f, shown) for f, _text, shown in found if MARKUP[f] not in shown]
    assert not wrong, wrong
    headings = [t for f, t, s in found if f == "title" and MARKUP["title"] in s]
    assert len(headings) >= 3  # detail heading, dispatch heading, the dialog's heading

    # The queue's tooltip on the title shows it as typed too.
    queue = window.dock_widget("dock.queue")
    qtbot.waitUntil(lambda: queue.model.row_of_ticket(ticket_id) is not None, timeout=10_000)
    row = queue.model.row_of_ticket(ticket_id)
    assert queue.model.data(queue.model.index(row, 1), TICKET_ID_ROLE) == ticket_id
    tip = queue.model.data(queue.model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert _rendered(tip, Qt.TextFormat.AutoText) == MARKUP["title"]
    dialog.close()
    window.close()
