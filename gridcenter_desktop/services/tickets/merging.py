"""Merging a duplicate (合并): the duplicate points at the kept ticket, whose result then
reaches both reporters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import EventAction, TicketStatus
from gridcenter_desktop.core.validation import is_possible_id
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    new_event,
    perform,
    text_input,
    touch,
)


def merge_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    into_ticket_id: int,
    *,
    note: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Fold the open duplicate ``ticket_id`` into ``into_ticket_id`` (an open ticket: neither
    merged nor closed).

    The duplicate becomes merged and its open assignments are cancelled; the kept ticket gets
    a MERGED_IN event carrying the duplicate's reporter, so the result is reported to both.
    One event on each ticket, one commit; returns the duplicate's new reference.
    """

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        if into_ticket_id == ticket.id:
            raise ValidationError("merged_into_id", "same_ticket")
        kept = (
            session.get(Ticket, into_ticket_id, populate_existing=True)
            if is_possible_id(into_ticket_id)
            else None
        )
        if kept is None:
            raise ValidationError("merged_into_id", "unknown")
        if kept.status == TicketStatus.MERGED:
            raise ValidationError("merged_into_id", "merged")
        if kept.status == TicketStatus.CLOSED:
            # Its result was reported and nobody works on it any more: the new reporter would
            # never hear back (issue 8). Reopen it, or handle the new report on its own.
            raise ValidationError("merged_into_id", "closed")
        # Core's transition merges it and cancels its open assignments (apply_step).
        ticket.merged_into_id = kept.id
        # The kept ticket changes too (its version moves), so a concurrent action on it that
        # read the old version is told instead of silently missing the new reporter.
        touch(kept, actor, at)
        kept_event = new_event(
            kept,
            actor,
            EventAction.MERGED_IN,
            at,
            TicketStatus(kept.status),
            text,
            {
                "ticket_id": ticket.id,
                "code": ticket.code,
                "title": ticket.title,
                "reporter_name": ticket.reporter_name,
                "reporter_phone": ticket.reporter_phone,
            },
        )
        return Change(
            note=text,
            data={"merged_into_id": kept.id, "merged_into_code": kept.code},
            other_events=[kept_event],
            other_tickets=[kept],
        )

    return perform(
        session, actor, ticket_id, version, EventAction.MERGE, now, body, idempotency_key
    )
