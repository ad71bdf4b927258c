"""Chasing open tickets: urge (催办) the handlers, supervise (督办) a department by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import EventAction
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    active_department,
    apply_action,
    commit_once,
    local_now,
    perform,
    text_input,
)


def urge_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    *,
    note: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Urge (催办) an open ticket's handlers; the status stays, the urge count goes up."""
    body = _urge_body(note)
    return perform(session, actor, ticket_id, version, EventAction.URGE, now, body, idempotency_key)


def _urge_body(note: str) -> Callable[[Ticket, datetime, Transition], Change]:
    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        ticket.urge_count += 1
        return Change(note=text, data={"urge_count": ticket.urge_count})

    return body


def urge_many(
    session: Session,
    actor: Actor,
    refs: Sequence[tuple[int, int]],
    *,
    note: str = "",
    now: datetime | None = None,
) -> list[TicketRef]:
    """Urge several tickets at once, each at the version the desk showed (``refs``: (ticket
    id, version) pairs): ONE transaction, one URGE event per ticket, all or nothing. A ticket
    that changed since refuses the lot with the ConflictError naming it (the others are not
    urged either: the operator looks again and decides)."""
    now = now or local_now()
    body = _urge_body(note)

    def apply() -> list[TicketRef]:
        done = []
        for ticket_id, version in refs:
            done.append(
                apply_action(session, actor, ticket_id, version, EventAction.URGE, now, body)
            )
        return done

    return commit_once(session, actor, None, now, apply)


def supervise_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    department_id: int,
    reason: str,
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Put an open ticket under supervision (督办, supervisors), naming the department
    supervised and why; the status stays."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("reason", reason, required=True)
        department = active_department(session, department_id, "department_id")
        ticket.supervised = True
        return Change(
            note=text, data={"department_id": department.id, "department": department.name}
        )

    return perform(
        session, actor, ticket_id, version, EventAction.SUPERVISE, now, body, idempotency_key
    )
