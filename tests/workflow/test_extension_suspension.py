"""Extension (延期) and suspension (挂起): a department asks for more time and a supervisor
decides; a suspended ticket's clock stops, it is neither overdue nor due soon, and on resumption
its deadlines move on by the WORKING time it was suspended (weekends and holidays not counted).
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from gridcenter_desktop.core.deadlines import WorkCalendar, working_time_between
from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    ExtensionDecision,
    TicketStatus,
)
from gridcenter_desktop.db.followup import ExtensionRequest
from gridcenter_desktop.services import queue
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.tickets.extension import pending_extensions

H = timedelta(hours=1)
CAL = WorkCalendar()


def _last_event(world, ticket_id):
    event = world.events(ticket_id)[-1]
    return event, json.loads(event.data or "{}")


def _lead(world, ticket_id):
    return next(a for a in world.assignments(ticket_id) if a.role == AssignmentRole.LEAD)


# -- suspension --------------------------------------------------------------------------------


def test_suspension_over_a_weekend_moves_the_clocks_by_working_time_only(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)  # Tuesday 1 March 2022
    before = world.ticket(ref.id)
    lead_before = _lead(world, ref.id)
    pending_before = [a for a in world.assignments(ref.id) if a.status == AssignmentStatus.PENDING]
    world.now = datetime(2022, 3, 4, 16, 0)  # Friday afternoon
    ref = world.call(svc.suspend_ticket, ref, "等待群众提供材料", actor=world.supervisor)
    assert world.ticket(ref.id).suspended_at == world.now
    assert world.ticket(ref.id).status == TicketStatus.IN_PROGRESS
    world.now = datetime(2022, 3, 7, 10, 0)  # Monday morning: 8 + 10 working hours later
    ref = world.call(svc.resume_ticket, ref, "材料已补齐")
    after = world.ticket(ref.id)
    assert after.suspended_at is None
    assert working_time_between(before.deadline_at, after.deadline_at, CAL) == 18 * H
    assert working_time_between(before.due_soon_at, after.due_soon_at, CAL) == 18 * H
    lead = _lead(world, ref.id)
    assert working_time_between(lead_before.finish_by, lead.finish_by, CAL) == 18 * H
    assert lead.accept_by == lead_before.accept_by  # accepted already: nothing to move
    for old in pending_before:
        new = next(a for a in world.assignments(ref.id) if a.id == old.id)
        assert working_time_between(old.accept_by, new.accept_by, CAL) == 18 * H
        assert working_time_between(old.finish_by, new.finish_by, CAL) == 18 * H
    event, data = _last_event(world, ref.id)
    assert event.action == EventAction.RESUME
    assert data["suspended_since"] == "2022-03-04 16:00:00"
    assert data["moved_by_seconds"] == 18 * 3600


def test_suspension_over_national_day_does_not_count_the_holiday(world):
    world.now = datetime(2022, 9, 29, 9, 0)
    ref = world.bring_to(TicketStatus.DISPATCHED)
    before = world.ticket(ref.id)
    world.now = datetime(2022, 9, 30, 10, 0)  # Friday; 1-7 October off
    ref = world.call(svc.suspend_ticket, ref, "等待法院裁定", actor=world.supervisor)
    world.now = datetime(2022, 10, 8, 10, 0)  # Saturday, a make-up working day
    ref = world.call(svc.resume_ticket, ref)
    after = world.ticket(ref.id)
    # 14 hours on 30 September and 10 on 8 October: a working day, not nine calendar days.
    assert working_time_between(before.deadline_at, after.deadline_at, CAL) == 24 * H
    assert after.deadline_at - before.deadline_at < timedelta(days=9)
    assert _last_event(world, ref.id)[1]["moved_by_seconds"] == 24 * 3600


def test_a_suspended_ticket_is_neither_overdue_nor_due_soon_in_the_queue(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS, title="挂起的超期工单")
    deadline = world.ticket(ref.id).deadline_at
    ref = world.call(svc.suspend_ticket, ref, "等待群众回复", actor=world.supervisor)
    late = deadline + 2 * H
    due_soon = world.ticket(ref.id).due_soon_at + timedelta(minutes=1)
    with world.sf() as s:
        for deadline_filter, at in (("overdue", late), ("due_soon", due_soon)):
            ids = [r.id for r in queue.fetch_page(
                s, queue.QueueFilter(deadline=deadline_filter), queue.QueueOrder(), now=at
            )]  # fmt: skip
            assert ref.id not in ids
        suspended = queue.fetch_page(
            s, queue.preset_filter("suspended", None, late), queue.QueueOrder(), now=late
        )
        assert ref.id in [r.id for r in suspended]
        assert next(r for r in suspended if r.id == ref.id).suspended_at == world.now
        counts = queue.preset_counts(s, None, late)
        assert counts["suspended"] == queue.count(
            s, queue.preset_filter("suspended", None, late), late
        )
        assert counts["overdue"] == queue.count(s, queue.QueueFilter(deadline="overdue"), late)
    # Resumed at once (no working time passed), the clock runs on from where it stood.
    ref = world.call(svc.resume_ticket, ref)
    with world.sf() as s:
        ids = [r.id for r in queue.fetch_page(
            s, queue.QueueFilter(deadline="overdue"), queue.QueueOrder(), now=late
        )]  # fmt: skip
        assert ref.id in ids
        assert queue.preset_counts(s, None, late)["suspended"] == counts["suspended"] - 1


def test_resumed_without_working_time_passing_nothing_moves(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    world.now = datetime(2022, 3, 5, 9, 0)  # Saturday
    ref = world.call(svc.suspend_ticket, ref, "周末无法联系当事人", actor=world.supervisor)
    deadline = world.ticket(ref.id).deadline_at
    world.now = datetime(2022, 3, 6, 18, 0)  # Sunday
    ref = world.call(svc.resume_ticket, ref)
    assert world.ticket(ref.id).deadline_at == deadline


def test_suspension_is_refused_where_the_rules_say(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    with pytest.raises(PermissionDeniedError):
        world.call(svc.suspend_ticket, ref, "理由")  # operators may not suspend
    with pytest.raises(ValidationError) as error:
        world.call(svc.suspend_ticket, ref, "  ", actor=world.supervisor)
    assert (error.value.field, error.value.rule) == ("reason", "required")
    with pytest.raises(TransitionError):
        world.call(svc.resume_ticket, ref)  # not suspended
    ref = world.call(svc.suspend_ticket, ref, "等待鉴定结果", actor=world.supervisor)
    snapshot = world.snapshot()
    lead = _lead(world, ref.id)
    with pytest.raises(TransitionError):
        world.call(svc.feed_back, ref, lead.id, world.feedback)
    with pytest.raises(TransitionError):
        world.call(svc.suspend_ticket, ref, "再次挂起", actor=world.supervisor)
    assert world.snapshot() == snapshot
    closed = world.bring_to(TicketStatus.AWAITING_REVIEW)
    with pytest.raises(TransitionError):
        world.call(svc.suspend_ticket, closed, "理由", actor=world.supervisor)


# -- extension ---------------------------------------------------------------------------------


def test_an_approved_extension_moves_the_lead_and_the_ticket_deadline(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    lead = _lead(world, ref.id)
    proposed = lead.finish_by + timedelta(days=7)
    ref = world.call(svc.request_extension, ref, lead.id, "需协调多个部门联合执法", proposed)
    with world.sf() as s:
        (pending,) = pending_extensions(s, ref.id)
        request = s.get(ExtensionRequest, pending.request_id)
        assert request.decision == ExtensionDecision.PENDING
        assert request.previous_finish_by == lead.finish_by
        in_list = queue.fetch_page(
            s, queue.preset_filter("extension_pending", None, world.now), queue.QueueOrder(),
            now=world.now,
        )  # fmt: skip
        assert ref.id in [r.id for r in in_list]
        assert queue.preset_counts(s, None, world.now)["extension_pending"] >= 1
    assert pending.lead and pending.handler == "综合执法局"
    assert pending.reason == "需协调多个部门联合执法"
    event, data = _last_event(world, ref.id)
    assert event.action == EventAction.EXTEND_REQUEST
    assert data["proposed_finish_by"] == f"{proposed}"
    assert data["previous_finish_by"] == f"{lead.finish_by}"

    world.now = T_DECIDED = world.now + 2 * H
    ref = world.call(
        svc.decide_extension, ref, pending.request_id, True, "同意", actor=world.supervisor
    )
    ticket = world.ticket(ref.id)
    assert _lead(world, ref.id).finish_by == proposed
    assert ticket.deadline_at == proposed
    assert T_DECIDED < ticket.due_soon_at < proposed
    assert CAL.is_workday(ticket.due_soon_at.date())
    with world.sf() as s:
        assert pending_extensions(s, ref.id) == []
        request = s.get(ExtensionRequest, pending.request_id)
        assert request.decision == ExtensionDecision.APPROVED
        assert request.decided_by_id == world.supervisor.user_id
        assert request.decided_at == T_DECIDED
    event, data = _last_event(world, ref.id)
    assert event.action == EventAction.EXTEND_DECIDE
    assert data["approved"] is True and data["finish_by"] == f"{proposed}"


def test_a_supervisor_may_approve_a_date_of_their_own_for_an_assisting_department(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    deadline = world.ticket(ref.id).deadline_at
    assist = next(a for a in world.assignments(ref.id) if a.role == AssignmentRole.ASSIST)
    ref = world.call(
        svc.request_extension, ref, assist.id, "等待检测报告", assist.finish_by + 10 * 24 * H
    )
    with world.sf() as s:
        (pending,) = pending_extensions(s, ref.id)
    own = assist.finish_by + 3 * 24 * H
    ref = world.call(
        svc.decide_extension, ref, pending.request_id, True, new_finish_by=own,
        actor=world.supervisor,
    )  # fmt: skip
    moved = next(a for a in world.assignments(ref.id) if a.id == assist.id)
    assert moved.finish_by == own
    assert world.ticket(ref.id).deadline_at == deadline  # an assistant's time is its own


def test_a_refused_extension_changes_no_deadline(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    lead = _lead(world, ref.id)
    deadline = world.ticket(ref.id).deadline_at
    ref = world.call(svc.request_extension, ref, lead.id, "人手不足", lead.finish_by + 24 * H)
    with world.sf() as s:
        (pending,) = pending_extensions(s, ref.id)
    with pytest.raises(ValidationError) as error:
        world.call(svc.decide_extension, ref, pending.request_id, False, actor=world.supervisor)
    assert (error.value.field, error.value.rule) == ("note", "required")
    with pytest.raises(PermissionDeniedError):
        world.call(svc.decide_extension, ref, pending.request_id, False, "不同意")
    ref = world.call(
        svc.decide_extension, ref, pending.request_id, False, "时限内可办结",
        actor=world.supervisor,
    )  # fmt: skip
    assert _lead(world, ref.id).finish_by == lead.finish_by
    assert world.ticket(ref.id).deadline_at == deadline
    with world.sf() as s:
        request = s.get(ExtensionRequest, pending.request_id)
        assert request.decision == ExtensionDecision.REFUSED
        assert request.decision_note == "时限内可办结"
    with pytest.raises(ValidationError) as error:
        world.call(svc.decide_extension, ref, pending.request_id, True, actor=world.supervisor)
    assert (error.value.field, error.value.rule) == ("request_id", "decided")
    # Refused, the department may ask again.
    world.call(svc.request_extension, ref, lead.id, "补充理由", lead.finish_by + 24 * H)


def test_bad_extension_requests_are_refused(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    lead = _lead(world, ref.id)
    snapshot = world.snapshot()
    for reason, proposed, expected in (
        ("", lead.finish_by + H, ("reason", "required")),
        ("理由", lead.finish_by, ("proposed_finish_by", "not_later")),
        ("理由", lead.finish_by - H, ("proposed_finish_by", "not_later")),
        ("理由", None, ("proposed_finish_by", "required")),
    ):
        with pytest.raises(ValidationError) as error:
            world.call(svc.request_extension, ref, lead.id, reason, proposed)
        assert (error.value.field, error.value.rule) == expected
    assert world.snapshot() == snapshot
    ref = world.call(svc.request_extension, ref, lead.id, "理由", lead.finish_by + H)
    with pytest.raises(ValidationError) as error:
        world.call(svc.request_extension, ref, lead.id, "再申请", lead.finish_by + 2 * H)
    assert (error.value.field, error.value.rule) == ("assignment_id", "extension_pending")
    pending = world.bring_to(TicketStatus.PENDING_DISPATCH)
    with pytest.raises(TransitionError):
        world.call(svc.request_extension, pending, lead.id, "理由", lead.finish_by + H)


def test_an_overdue_assignment_asks_for_time_from_now_not_from_its_old_date(world):
    """An extension that has already run out would be granted only to be overdue again."""
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    lead = _lead(world, ref.id)
    snapshot = world.snapshot()
    world.now = lead.finish_by + 48 * H  # two days overdue
    with pytest.raises(ValidationError) as error:
        world.call(svc.request_extension, ref, lead.id, "理由", lead.finish_by + 24 * H)
    assert (error.value.field, error.value.rule) == ("proposed_finish_by", "in_past")
    assert world.snapshot() == snapshot
    ref = world.call(svc.request_extension, ref, lead.id, "理由", world.now + 24 * H)


def test_a_suspended_ticket_is_not_counted_overdue_in_the_statistics(world):
    from gridcenter_desktop.services.statistics import period_statistics

    world.now = datetime(2022, 4, 6, 9, 0)  # a day of its own in this module's database
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    late = world.ticket(ref.id).deadline_at + H
    day = world.now.date()

    def overdue() -> tuple[int, int]:
        with world.sf() as s:
            figures = period_statistics(s, day, day, now=late)
            department = next(d for d in figures.by_department if d.name == "综合执法局")
            return figures.overdue_open, department.overdue_open

    assert overdue() == (1, 1)
    world.call(svc.suspend_ticket, ref, "等待群众回复", actor=world.supervisor)
    assert overdue() == (0, 0)
