"""Merging a duplicate (合并): the duplicate points at the kept ticket, whose result then
reaches both reporters. A new report recognised as a duplicate is registered and merged in
one transaction (:func:`register_as_duplicate`), and the kept ticket may be named by its code
(:func:`merge_by_code`): either way one commit, and a refusal leaves nothing written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
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
    apply_action,
    commit_once,
    local_now,
    new_event,
    perform,
    text_input,
    touch,
)
from gridcenter_desktop.services.tickets.registration import NewTicket, apply_registration


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
    body = _merge_body(session, actor, lambda: into_ticket_id, note)
    return perform(
        session, actor, ticket_id, version, EventAction.MERGE, now, body, idempotency_key
    )


@dataclass(frozen=True, slots=True)
class Merged:
    """A merge by code: the duplicate's new reference and the ticket it was folded into (both
    changed: a desk refreshes both rows)."""

    duplicate: TicketRef
    kept_id: int


def merge_by_code(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    into_code: str,
    *,
    note: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> Merged:
    """:func:`merge_ticket` into the ticket the operator named by its code (工单编号), looked
    up in the same transaction as the merge. ValidationError("merged_into_id", "required" /
    "unknown") for a missing or unknown code."""

    def kept_id() -> int:
        code = (into_code or "").strip().upper()
        if not code:
            raise ValidationError("merged_into_id", "required")
        found = session.scalar(select(Ticket.id).where(Ticket.code == code))
        if found is None:
            raise ValidationError("merged_into_id", "unknown")
        return found

    body = _merge_body(session, actor, kept_id, note)
    ref = perform(session, actor, ticket_id, version, EventAction.MERGE, now, body, idempotency_key)
    # Committed: a merged ticket keeps pointing at the ticket it was folded into.
    try:
        kept = session.scalar(select(Ticket.merged_into_id).where(Ticket.id == ref.id))
    finally:
        session.rollback()
    return Merged(ref, kept)


def register_as_duplicate(
    session: Session,
    actor: Actor,
    new_ticket: NewTicket,
    into_ticket_id: int,
    *,
    note: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Register ``new_ticket`` and merge it into ``into_ticket_id`` in ONE transaction: a REGISTER
    event and a MERGE event on the new ticket, MERGED_IN on the kept one, one commit. When the
    merge is refused (the kept ticket closed or merged meanwhile) nothing is written, not even
    the registration: the operator decides again. Returns the new (merged) ticket's reference.
    """
    now = now or local_now()

    def apply() -> TicketRef:
        ref = apply_registration(session, actor, new_ticket, now)
        body = _merge_body(session, actor, lambda: into_ticket_id, note)
        return apply_action(session, actor, ref.id, ref.version, EventAction.MERGE, now, body)

    return commit_once(session, actor, idempotency_key, now, apply)


def _merge_body(
    session: Session, actor: Actor, kept_id: Callable[[], int], note: str
) -> Callable[[Ticket, datetime, Transition], Change]:
    """The merge's facts: the kept ticket (``kept_id()``, read inside the action) checked and
    pointed at, its MERGED_IN event. Core's transition merges the duplicate and cancels its
    open assignments (apply_step)."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        into_ticket_id = kept_id()
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

    return body
