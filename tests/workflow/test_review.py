"""Review and closing: close, reject, solve inside the grid, reopen."""

from __future__ import annotations

from datetime import datetime

import pytest

from gridcenter_desktop.core.enums import (
    AssignmentStatus,
    EventAction,
    Outcome,
    TicketKind,
    TicketStatus,
)
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.tickets import (
    close_ticket,
    dispatch_ticket,
    reject_review,
    reopen_ticket,
    solve_in_grid,
)


def test_a_supervisor_closes_a_fed_back_ticket(world):
    ref = world.bring_to(TicketStatus.AWAITING_REVIEW)
    ref = world.call(close_ticket, ref, note="结果属实", actor=world.supervisor)
    assert ref.status is TicketStatus.CLOSED
    ticket = world.ticket(ref.id)
    assert ticket.closed_at == world.now
    # Not a dispute: the outcome follows the lead's "solved".
    assert ticket.outcome == Outcome.RESOLVED
    # Returned or cancelled ones stay as they were; the rest are done.
    assert [a.status for a in world.assignments(ref.id)] == [AssignmentStatus.DONE] * 3
    event = world.events(ref.id)[-1]
    assert (event.action, event.from_status, event.to_status) == (
        EventAction.CLOSE,
        "awaiting_review",
        "closed",
    )


def test_an_operator_may_not_close(world):
    ref = world.bring_to(TicketStatus.AWAITING_REVIEW)
    before = world.snapshot()
    with pytest.raises(PermissionDeniedError):
        world.call(close_ticket, ref)
    assert world.snapshot() == before


def test_a_dispute_needs_its_outcome_to_close(world):
    ref = world.bring_to(TicketStatus.AWAITING_REVIEW, kind=TicketKind.DISPUTE)
    before = world.snapshot()
    with pytest.raises(ValidationError) as err:
        world.call(close_ticket, ref, actor=world.supervisor)
    assert (err.value.field, err.value.rule) == ("outcome", "required")
    assert world.snapshot() == before
    world.call(close_ticket, ref, outcome=Outcome.UNRESOLVED, actor=world.supervisor)
    assert world.ticket(ref.id).outcome == Outcome.UNRESOLVED


def test_a_rejected_result_goes_back_to_the_lead(world):
    ref = world.bring_to(TicketStatus.AWAITING_REVIEW)
    with pytest.raises(ValidationError) as err:
        world.call(reject_review, ref, "", actor=world.supervisor)
    assert err.value.field == "reason"
    ref = world.call(reject_review, ref, "未附整改照片", actor=world.supervisor)
    assert ref.status is TicketStatus.IN_PROGRESS
    lead = world.assignments(ref.id)[0]
    assert lead.status == AssignmentStatus.ACCEPTED and lead.fed_back_at is None
    # The rejected feedback stays readable in the timeline.
    assert "已责令工地夜间停工" in world.events(ref.id)[-2].note


def test_solved_in_the_grid_closes_without_a_department(world):
    ref = world.register()
    ref = world.call(dispatch_ticket, ref, lead_department_id=world.departments["police"])
    ref = world.call(solve_in_grid, ref, "网格长现场调解，双方达成一致")
    assert ref.status is TicketStatus.CLOSED
    ticket = world.ticket(ref.id)
    assert ticket.solved_in_grid and ticket.closed_at == world.now
    assert ticket.outcome == Outcome.RESOLVED
    assert world.assignments(ref.id)[0].status == AssignmentStatus.CANCELLED


def test_solving_in_the_grid_needs_a_grid_a_note_and_for_disputes_an_outcome(world):
    no_grid = world.register(grid_id=None)
    dispute = world.register(kind=TicketKind.DISPUTE, category="neighbour_dispute")
    before = world.snapshot()
    for ref, args, kwargs, field in [
        (no_grid, ("调解成功",), {}, "grid_id"),
        (dispute, ("",), {}, "note"),
        (dispute, ("调解成功",), {}, "outcome"),
    ]:
        with pytest.raises(ValidationError) as err:
            world.call(solve_in_grid, ref, *args, **kwargs)
        assert err.value.field == field
    assert world.snapshot() == before
    world.call(solve_in_grid, dispute, "调解成功", outcome=Outcome.RESOLVED)
    assert world.ticket(dispute.id).outcome == Outcome.RESOLVED


def test_a_result_under_review_cannot_be_solved_in_the_grid(world):
    ref = world.bring_to(TicketStatus.AWAITING_REVIEW)
    with pytest.raises(TransitionError):
        world.call(solve_in_grid, ref, "已解决")


def test_reopening_a_closed_ticket_restarts_its_deadline(world):
    ref = world.bring_to(TicketStatus.CLOSED)
    world.now = datetime(2022, 3, 10, 10, 0)
    ref = world.call(reopen_ticket, ref, "群众反映仍有噪音", actor=world.supervisor)
    assert ref.status is TicketStatus.PENDING_DISPATCH
    ticket = world.ticket(ref.id)
    assert ticket.reopen_count == 1
    assert ticket.closed_at is None and ticket.outcome is None
    assert ticket.deadline_at == datetime(2022, 3, 17, 10, 0)
    with pytest.raises(PermissionDeniedError):
        world.call(reopen_ticket, world.bring_to(TicketStatus.CLOSED), "再办")
