"""Review and closing (审核/办结): close a fed-back ticket or send it back to the handlers,
close a matter solved inside its grid, reopen (重办) a closed one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    Outcome,
    TicketKind,
)
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.deadline_rules import rules_at
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.answering import answer_duplicates, lead_result
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    perform,
    reopen,
    text_input,
)


def _outcome(ticket: Ticket, outcome: Outcome | None, default: Outcome | None) -> Outcome | None:
    """The outcome to record: required for disputes (the resolution rate counts them)."""
    if outcome is None:
        if ticket.kind == TicketKind.DISPUTE:
            raise ValidationError("outcome", "required")
        return default
    try:
        return Outcome(outcome)
    except ValueError:
        raise ValidationError("outcome", "invalid") from None


def _lead_feedback_outcome(ticket: Ticket) -> Outcome | None:
    for assignment in ticket.assignments:
        if (
            assignment.role == AssignmentRole.LEAD
            and assignment.status == AssignmentStatus.FED_BACK
        ):
            return Outcome.RESOLVED if assignment.solved else Outcome.UNRESOLVED
    return None


def _answered(
    change: Change,
    session: Session,
    actor: Actor,
    ticket: Ticket,
    step: Transition,
    at: datetime,
    result: str,
) -> Change:
    """A closing's change with its merged reporters answered (core says which closings do),
    and the ticket's own reporter back on the callback list: a rating given before it was
    reopened was about a result that no longer stands (it stays in the callback records)."""
    ticket.satisfaction = None
    if step.answer_merged:
        events, duplicates = answer_duplicates(
            session, actor, ticket, step.action, at, ticket.outcome, result
        )
        change.other_events.extend(events)
        change.other_tickets.extend(duplicates)
        if duplicates:
            change.data = {**(change.data or {}), "answered": [d.code for d in duplicates]}
    return change


def close_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    *,
    outcome: Outcome | None = None,
    note: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Accept the lead's result and close the ticket (supervisors). A dispute needs its
    outcome; otherwise it defaults to what the lead reported (solved or not)."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        result = _outcome(ticket, outcome, _lead_feedback_outcome(ticket))
        # The open assignments are settled as done by core's transition.
        done = sorted(step.assignments)
        ticket.closed_at = at
        ticket.outcome = result
        return _answered(
            Change(note=text, data={"outcome": result, "done_assignment_ids": done}),
            session,
            actor,
            ticket,
            step,
            at,
            lead_result(ticket) or text,
        )

    return perform(
        session, actor, ticket_id, version, EventAction.CLOSE, now, body, idempotency_key
    )


def reject_review(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    reason: str,
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Send a fed-back result back to the handlers (审核不通过): the lead's assignment is open
    again and the ticket in progress. The rejected feedback stays in the event log."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("reason", reason, required=True)
        # Core's transition reopens the lead's fed-back assignment; its feedback time goes.
        reopened = None
        for assignment in ticket.assignments:
            if assignment.id in step.assignments:
                assignment.fed_back_at = None
                reopened = assignment.id
        return Change(note=text, data={"assignment_id": reopened})

    return perform(
        session, actor, ticket_id, version, EventAction.REJECT, now, body, idempotency_key
    )


def solve_in_grid(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    note: str,
    *,
    outcome: Outcome | None = None,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Close a ticket settled inside its grid ("小事不出网格") with what was done. The grid's
    assignment (if any) is done; departments' open assignments are cancelled. A dispute needs
    its outcome; anything else counts as resolved."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=True)
        if ticket.grid_id is None:
            raise ValidationError("grid_id", "required")
        result = _outcome(ticket, outcome, Outcome.RESOLVED)
        ticket.closed_at = at
        ticket.outcome = result
        ticket.solved_in_grid = True
        return _answered(
            Change(note=text, data={"outcome": result, "grid_id": ticket.grid_id}),
            session,
            actor,
            ticket,
            step,
            at,
            text,
        )

    return perform(
        session, actor, ticket_id, version, EventAction.SOLVE_IN_GRID, now, body, idempotency_key
    )


def reopen_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    reason: str,
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Reopen (重办) a closed ticket (supervisors): back to pending dispatch with a fresh
    deadline; the reopen count goes up."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("reason", reason, required=True)
        reopen(ticket, at, step, load_calendar(session), rules_at(session, at))
        return Change(note=text, data={"reopen_count": ticket.reopen_count})

    return perform(
        session, actor, ticket_id, version, EventAction.REOPEN, now, body, idempotency_key
    )
