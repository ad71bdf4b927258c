"""Merged reporters answered (issue 11): when a kept ticket closes, every duplicate merged into
it is answered with the same result, in the same transaction.

A duplicate keeps its status MERGED (the statistics count it as merged, not as a second closed
ticket) and gets the kept ticket's ``closed_at`` and ``outcome``: its reporter was answered then,
and now waits for their own callback (回访). The answer is written on the duplicate's timeline
with the action that closed the kept ticket (CLOSE or SOLVE_IN_GRID, so the database's role
trigger lets whoever closed it write it), from MERGED to MERGED, carrying the kept ticket's code
and the result the reporter is told.

A kept ticket reopened later leaves its duplicates answered: their reporters were told, and
their callbacks stand; closing it again answers only duplicates merged in since.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    Outcome,
    TicketStatus,
)
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets.common import new_event, touch

# A duplicate's answer event names the ticket that answered it with these keys.
ANSWERED_BY = "answered_by"
ANSWERED_BY_ID = "answered_by_id"
ANSWER_RESULT = "result"


def lead_result(ticket: Ticket) -> str:
    """What the lead unit fed back for the reporter: its public reply when it wrote one (the
    words meant for the citizen), else what was done."""
    for assignment in reversed(ticket.assignments):
        if assignment.role == AssignmentRole.LEAD and assignment.status in (
            AssignmentStatus.FED_BACK,
            AssignmentStatus.DONE,
        ):
            reply = (assignment.public_reply or "").strip()
            return reply or (assignment.feedback or "").strip()
    return ""


def unanswered_duplicates(session: Session, kept: Ticket) -> list[Ticket]:
    """Every merged duplicate of ``kept`` not answered yet, read fresh; duplicates of those
    too (a ticket merged into X, X later merged into the kept one: both reporters wait)."""
    found: list[Ticket] = []
    frontier = [kept.id]
    seen = {kept.id}
    while frontier:
        rows = session.scalars(
            select(Ticket)
            .where(Ticket.merged_into_id.in_(frontier), Ticket.status == TicketStatus.MERGED)
            .order_by(Ticket.id)
            .execution_options(populate_existing=True)
        ).all()
        frontier = []
        for duplicate in rows:
            if duplicate.id in seen:
                continue
            seen.add(duplicate.id)
            frontier.append(duplicate.id)
            if duplicate.closed_at is None:
                found.append(duplicate)
    return found


def answer_duplicates(
    session: Session,
    actor: Actor,
    kept: Ticket,
    action: EventAction,
    at: datetime,
    outcome: Outcome | None,
    result: str,
) -> tuple[list[TicketEvent], list[Ticket]]:
    """Answer ``kept``'s unanswered duplicates with its result: each gets ``at`` as its
    closed_at, the same outcome, no rating yet (so it is on the 待回访 list) and an event.
    Returns (events, duplicates) for the action's Change: the duplicates' versions move, and
    a race lost on one of them is reported as such."""
    events: list[TicketEvent] = []
    duplicates = unanswered_duplicates(session, kept)
    for duplicate in duplicates:
        duplicate.closed_at = at
        duplicate.outcome = outcome
        # A reporter whose ticket was rated before it was reopened and merged is asked again
        # about this answer.
        duplicate.satisfaction = None
        touch(duplicate, actor, at)
        events.append(
            new_event(
                duplicate,
                actor,
                action,
                at,
                TicketStatus.MERGED,
                data={
                    ANSWERED_BY: kept.code,
                    ANSWERED_BY_ID: kept.id,
                    "outcome": outcome,
                    ANSWER_RESULT: result,
                },
            )
        )
    return events, duplicates
