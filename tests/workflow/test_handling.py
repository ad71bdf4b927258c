"""Accept (签收), return (退回) and feed back (反馈) on one assignment."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import (
    AssignmentStatus,
    EventAction,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.tickets import (
    Feedback,
    accept_assignment,
    feed_back,
    return_assignment,
)


def test_the_first_acceptance_puts_the_ticket_in_progress(world):
    ref = world.bring_to(TicketStatus.DISPATCHED)
    lead, assist, _ = world.assignments(ref.id)
    ref = world.call(accept_assignment, ref, assist.id)
    assert ref.status is TicketStatus.IN_PROGRESS
    ref = world.call(accept_assignment, ref, lead.id, note="已安排中队长")
    assert ref.status is TicketStatus.IN_PROGRESS
    lead = world.assignments(ref.id)[0]
    assert lead.status == AssignmentStatus.ACCEPTED and lead.accepted_at == world.now
    event = world.events(ref.id)[-1]
    assert event.action == EventAction.ACCEPT and event.note == "已安排中队长"
    assert (event.from_status, event.to_status) == ("in_progress", "in_progress")


def test_the_lead_returning_sends_the_ticket_back_for_dispatch_with_its_reason(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    lead = world.assignments(ref.id)[0]
    ref = world.call(return_assignment, ref, lead.id, "  非本部门职责，建议转水利站 ")
    assert ref.status is TicketStatus.PENDING_DISPATCH
    lead = world.assignments(ref.id)[0]
    assert lead.status == AssignmentStatus.RETURNED
    assert lead.return_reason == "非本部门职责，建议转水利站"
    event = world.events(ref.id)[-1]
    assert (event.action, event.note) == (EventAction.RETURN, "非本部门职责，建议转水利站")


def test_an_assisting_department_returning_leaves_the_ticket_as_it_is(world):
    ref = world.bring_to(TicketStatus.DISPATCHED)
    assist = world.assignments(ref.id)[1]
    ref = world.call(return_assignment, ref, assist.id, "无执法权限")
    assert ref.status is TicketStatus.DISPATCHED
    assert world.assignments(ref.id)[1].status == AssignmentStatus.RETURNED


def test_when_the_only_accepting_assistant_returns_the_ticket_waits_for_acceptance(world):
    ref = world.bring_to(TicketStatus.DISPATCHED)
    lead, assist, _ = world.assignments(ref.id)
    ref = world.call(accept_assignment, ref, assist.id)
    assert ref.status is TicketStatus.IN_PROGRESS
    ref = world.call(return_assignment, ref, assist.id, "无执法权限")
    # Nobody is working on it now: the operator's queue must not show it as in progress.
    assert ref.status is TicketStatus.DISPATCHED
    assert world.assignments(ref.id)[0].status == AssignmentStatus.PENDING


def test_only_the_leads_feedback_sends_the_ticket_to_review(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    lead, assist, _ = world.assignments(ref.id)
    ref = world.call(accept_assignment, ref, assist.id)
    form = Feedback(complaint_true=True, solved=True, feedback="配合执法", public_reply="")
    ref = world.call(feed_back, ref, assist.id, form)
    assert ref.status is TicketStatus.IN_PROGRESS
    ref = world.call(feed_back, ref, lead.id, world.feedback)
    assert ref.status is TicketStatus.AWAITING_REVIEW
    lead = world.assignments(ref.id)[0]
    assert lead.status == AssignmentStatus.FED_BACK
    assert (lead.complaint_true, lead.solved) == (True, True)
    assert (lead.feedback, lead.public_reply) == ("已责令工地夜间停工", "已处理")


def test_handling_refusals_name_the_field_and_write_nothing(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    other = world.bring_to(TicketStatus.DISPATCHED)
    lead, assist, _ = world.assignments(ref.id)
    foreign = world.assignments(other.id)[0]
    pending = world.register()
    before = world.snapshot()
    cases = [
        (accept_assignment, (lead.id,), "assignment_id", "not_pending"),
        (accept_assignment, (foreign.id,), "assignment_id", "unknown"),
        (return_assignment, (lead.id, "  "), "reason", "required"),
        (feed_back, (assist.id, world.feedback), "assignment_id", "not_accepted"),
        (
            feed_back,
            (lead.id, Feedback(complaint_true=True, solved=False, feedback="")),
            "feedback",
            "required",
        ),
    ]
    for fn, args, field, rule in cases:
        with pytest.raises(ValidationError) as err:
            world.call(fn, ref, *args)
        assert (err.value.field, err.value.rule) == (field, rule), fn.__name__
    with pytest.raises(PermissionDeniedError):
        world.call(accept_assignment, ref, assist.id, actor=world.actors[UserRole.VIEWER])
    with pytest.raises(TransitionError):
        world.call(accept_assignment, pending, assist.id)
    assert world.snapshot() == before
