"""Suspension (挂起): a ticket's clock stops (waiting for the reporter, for a court ...) and runs
again on resumption (恢复办理), its deadlines moved on by the WORKING time it spent suspended.

While suspended a ticket is neither due soon nor overdue (services/queue.py, statistics); core's
rule book says what a suspended ticket still allows (core/workflow.SUSPENDED_ALLOWS)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadlines import WorkCalendar, add_working_time, working_time_between
from gridcenter_desktop.core.enums import AssignmentStatus, EventAction
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    perform,
    text_input,
)

_RUNNING = (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED)


def suspend_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    reason: str,
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Suspend (挂起, supervisors) an open ticket that cannot move on for now, saying why
    (required). The status stays; the ticket's ``suspended_at`` is set (by core's transition)."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("reason", reason, required=True)
        return Change(note=text, data={"reason": text, "suspended_at": at})

    return perform(
        session, actor, ticket_id, version, EventAction.SUSPEND, now, body, idempotency_key
    )


def resume_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    note: str = "",
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Resume (恢复办理, operators too) a suspended ticket: its deadline and due-soon mark, its
    open assignments' finish-by times (and accept-by times of those not yet accepted) move on
    by the working time it spent suspended; the event records since when and by how much."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        since = ticket.suspended_at
        assert since is not None  # core refuses RESUME on a running ticket
        calendar = load_calendar(session)
        moved = working_time_between(since, at, calendar)
        _move_clocks(ticket, moved, calendar)
        return Change(
            note=text,
            data={
                "suspended_since": since,
                "moved_by_seconds": int(moved.total_seconds()),
                "deadline_at": ticket.deadline_at,
            },
        )

    return perform(
        session, actor, ticket_id, version, EventAction.RESUME, now, body, idempotency_key
    )


def _move_clocks(ticket: Ticket, moved: timedelta, calendar: WorkCalendar) -> None:
    """Every running clock of ``ticket`` moved on by ``moved`` of working time."""
    if not moved:
        return
    ticket.deadline_at = add_working_time(ticket.deadline_at, moved, calendar)
    ticket.due_soon_at = add_working_time(ticket.due_soon_at, moved, calendar)
    for assignment in ticket.assignments:
        # A result already fed back was in time or not when it came; only running work moves.
        if assignment.status not in _RUNNING:
            continue
        assignment.finish_by = add_working_time(assignment.finish_by, moved, calendar)
        if assignment.status == AssignmentStatus.PENDING:
            assignment.accept_by = add_working_time(assignment.accept_by, moved, calendar)
