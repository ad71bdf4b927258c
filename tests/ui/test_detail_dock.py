"""The ticket detail dock: fields, the reporter's phone masked by role, the timeline of
events, the assignments, and the allowed actions as buttons."""

from __future__ import annotations

from datetime import timedelta

import desk_data
import pytest
from desk_data import NOW
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.core.workflow import allowed_actions, allowed_records
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets import (
    NewTicket,
    accept_assignment,
    dispatch_ticket,
    register_ticket,
)
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.detail_dock import DetailDock
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog

# Shared fixtures (see desk_data.py).
desk = desk_data.desk
desk_template = desk_data.desk_template


def _registered_and_dispatched(ctx, ids):
    operator = Actor(ids.operator, UserRole.OPERATOR, "王调度")
    with ctx.session_factory() as s:
        ref = register_ticket(
            s,
            operator,
            NewTicket(
                kind=TicketKind.ORDINARY,
                source=TicketSource.HOTLINE,
                category="noise",
                title="广场舞音响扰民",
                description="每晚八点后音响声音过大",
                reporter_name="赵六",
                reporter_phone="13912345678",
                address="梅园社区文化广场",
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
            assist_department_ids=[ids.departments["police"]],
            instructions="夜间巡查",
            now=NOW - timedelta(hours=2),
        )
        lead = s.scalars(
            select(Assignment.id).where(
                Assignment.ticket_id == ref.id, Assignment.role == AssignmentRole.LEAD
            )
        ).one()
        ref = accept_assignment(
            s, operator, ref.id, ref.version, lead, now=NOW - timedelta(hours=1)
        )
    return ref


def _offered(status, role):
    """What a ticket's menus and buttons offer: the workflow, and the records beside it
    (inspections, notices; files have their own strip)."""
    files = {EventAction.ATTACH, EventAction.DETACH}
    return allowed_actions(status, role) | (allowed_records(status, role) - files)


def _dock(qtbot, ctx, ticket_id):
    dock = DetailDock(ctx)
    qtbot.addWidget(dock)
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ticket_id)
    return dock


def test_timeline_shows_who_when_what_and_status_change(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    ref = _registered_and_dispatched(ctx, ids)
    dock = _dock(qtbot, ctx, ref.id)
    rows = dock.timeline_rows()
    assert [r[2] for r in rows] == [
        labels.event_action_label(EventAction.REGISTER),
        labels.event_action_label(EventAction.DISPATCH),
        labels.event_action_label(EventAction.ACCEPT),
    ]
    assert all(r[1] == "王调度" for r in rows)
    assert rows[0][0] == "2022-10-25 07:00"
    pending = labels.status_label(TicketStatus.PENDING_DISPATCH)
    dispatched = labels.status_label(TicketStatus.DISPATCHED)
    assert rows[1][3] == f"{pending} → {dispatched}"
    assert "夜间巡查" in rows[1][4] and "综合执法局" in rows[1][4] and "派出所" in rows[1][4]
    assert "综合执法局" in rows[2][4]  # who accepted
    # The assignments: lead accepted, assisting still pending.
    cells = [row[:3] for row in dock.assignment_rows()]
    assert ["综合执法局", "派出所"] == [c[1] for c in cells]
    assert "广场舞音响扰民" in dock.heading.text()
    assert dock.field_labels["grid"].text() == "梅园社区 / 梅园社区第一网格"


@pytest.mark.parametrize(
    ("role", "phone"),
    [
        (UserRole.OPERATOR, "138****5678"),
        (UserRole.VIEWER, "138****5678"),
        (UserRole.SUPERVISOR, "13812345678"),
        (UserRole.ADMIN, "13812345678"),
    ],
)
def test_reporter_phone_is_masked_unless_supervisor(qtbot, make_context, desk, role, phone):
    url, ids = desk
    ctx = make_context(url, Actor(None, role, ""))
    dock = _dock(qtbot, ctx, ids.tickets["饭店油烟扰民"])
    assert dock.field_labels["phone"].text() == phone


@pytest.mark.parametrize("role", [UserRole.OPERATOR, UserRole.SUPERVISOR, UserRole.VIEWER])
def test_buttons_are_the_allowed_actions(qtbot, make_context, desk, role):
    url, ids = desk
    ctx = make_context(url, Actor(None, role, ""))
    dock = _dock(qtbot, ctx, ids.tickets["路灯不亮"])
    assert set(dock.action_buttons) == set(_offered(TicketStatus.AWAITING_REVIEW, role))


def test_close_button_closes_with_outcome_and_timeline_grows(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班"))
    dock = _dock(qtbot, ctx, ids.tickets["路灯不亮"])
    dock.action_buttons[EventAction.CLOSE].click()
    ctx.jobs.wait_idle()
    dialog = next(d for d in dock.findChildren(ActionDialog) if d.isVisible())
    dialog.inputs["note"].setPlainText("路灯已修复")
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        dialog.submit()
    ctx.jobs.wait_idle()
    assert dock.field_labels["status"].text() == labels.status_label(TicketStatus.CLOSED)
    last = dock.timeline_rows()[-1]
    assert last[2] == labels.event_action_label(EventAction.CLOSE) and "路灯已修复" in last[4]
    assert set(dock.action_buttons) == set(_offered(TicketStatus.CLOSED, UserRole.SUPERVISOR))


def test_the_reviewer_reads_the_result_before_closing_or_sending_back(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班"))
    ticket_id = ids.tickets["路灯不亮"]
    with ctx.session_factory() as s:
        s.add(
            Assignment(
                ticket_id=ticket_id,
                department_id=ids.departments["fire"],
                role="lead",
                status=AssignmentStatus.FED_BACK,
                created_at=NOW,
                accept_by=NOW,
                finish_by=NOW,
                instructions="",
                fed_back_at=NOW,
                complaint_true=True,
                solved=True,
                feedback="已更换灯泡，夜间试亮正常",
                public_reply="您反映的路灯已修复，感谢监督。",
            )
        )
        s.commit()
    dock = _dock(qtbot, ctx, ticket_id)
    for action in (EventAction.CLOSE, EventAction.REJECT):
        dock.action_buttons[action].click()
        ctx.jobs.wait_idle()
        dialog = next(d for d in dock.findChildren(ActionDialog) if d.isVisible())
        shown = dialog.inputs["shown_result"].text()
        assert "已更换灯泡，夜间试亮正常" in shown and "您反映的路灯已修复" in shown
        assert "shown_result" not in dialog.values()
        dialog.reject()
    # The result changes at another desk while the dialog is open: after 重新载入 it shows what
    # is signed off now.
    dock.action_buttons[EventAction.CLOSE].click()
    ctx.jobs.wait_idle()
    dialog = next(d for d in dock.findChildren(ActionDialog) if d.isVisible())
    with ctx.session_factory() as s:
        s.execute(
            update(Assignment)
            .where(Assignment.ticket_id == ticket_id)
            .values(feedback="灯杆已整体更换")
        )
        s.execute(update(Ticket).where(Ticket.id == ticket_id).values(version=Ticket.version + 1))
        s.commit()
    dialog._check_ticket()
    ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: dialog.pending is not None, timeout=5_000)
    dialog.reload_changed()
    assert "灯杆已整体更换" in dialog.inputs["shown_result"].text()
    dialog.reject()


def test_dialog_keeps_input_and_marks_the_field_when_refused(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班"))
    dock = _dock(qtbot, ctx, ids.tickets["路灯不亮"])
    dock.action_buttons[EventAction.REJECT].click()
    ctx.jobs.wait_idle()
    dialog = next(d for d in dock.findChildren(ActionDialog) if d.isVisible())
    dialog.submit()  # no reason given
    ctx.jobs.wait_idle()
    assert dialog.isVisible()
    assert dialog.errors.message("reason")
    dialog.reject()


def test_merge_dialog_finds_the_kept_ticket_by_code(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dock = _dock(qtbot, ctx, ids.tickets["夜间施工噪音扰民"])
    dock.action_buttons[EventAction.MERGE].click()
    ctx.jobs.wait_idle()
    dialog = next(d for d in dock.findChildren(ActionDialog) if d.isVisible())
    dialog.inputs["into_code"].setText("GC19990101-0001")
    dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.isVisible() and dialog.errors.message("into_code")
    with ctx.session_factory() as s:
        kept = s.get(Ticket, ids.tickets["饭店油烟扰民"])
        kept_code = kept.code
    dialog.inputs["into_code"].setText(kept_code.lower())
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        dialog.submit()
    ctx.jobs.wait_idle()
    assert dock.field_labels["status"].text() == labels.status_label(TicketStatus.MERGED)
    assert dock.field_labels["merged"].text() == kept_code


def test_show_phone_reveals_the_contact_for_this_ticket_only_and_is_audited(
    qtbot, make_context, desk
):
    from gridcenter_desktop.core.enums import AuditAction
    from gridcenter_desktop.db.audit import AuditEntry

    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    ticket = ids.tickets["饭店油烟扰民"]
    dock = _dock(qtbot, ctx, ticket)
    assert dock.field_labels["phone"].text() == "138****5678"
    masked_name = dock.field_labels["reporter"].text()
    assert "*" in masked_name
    assert not dock.reveal_button.isHidden()

    qtbot.mouseClick(dock.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.field_labels["phone"].text() == "13812345678", timeout=10_000)
    assert "*" not in dock.field_labels["reporter"].text()
    assert dock.reveal_button.isHidden()
    with ctx.session_factory() as s:
        views = s.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.PERSONAL_DATA_VIEW)
        ).all()
    assert [(v.ticket_id, v.user_id) for v in views] == [(ticket, ids.operator)]

    # Another ticket, then back: masked again until asked again.
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ids.tickets["路灯不亮"])
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ticket)
    assert dock.field_labels["phone"].text() == "138****5678"
    assert dock.field_labels["reporter"].text() == masked_name


@pytest.mark.parametrize("role", [UserRole.VIEWER, UserRole.SUPERVISOR])
def test_show_phone_is_not_offered_to_a_viewer_nor_needed_by_a_supervisor(
    qtbot, make_context, desk, role
):
    url, ids = desk
    ctx = make_context(url, Actor(None, role, ""))
    dock = _dock(qtbot, ctx, ids.tickets["饭店油烟扰民"])
    assert dock.reveal_button.isHidden()


def test_another_ticket_opens_at_the_top(qtbot, make_context, desk):
    """Walk of issue 10: on a 1366×768 desk the detail dock is a few lines high; scrolled down
    to one ticket's fields, the next ticket opened there too, its photos out of sight with no
    key to scroll back. Another ticket opens at its top; the same one keeps its place."""
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dock = _dock(qtbot, ctx, ids.tickets["饭店油烟扰民"])
    dock.resize(400, 220)
    dock.show()
    bar = dock.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ids.tickets["路灯不亮"])
    assert bar.value() == 0
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        ctx.bus.sig_tickets_changed.emit([ids.tickets["路灯不亮"]])
    assert bar.value() > 0  # not sent back to the top (the layout may still settle)
