"""Chasing open tickets: urge (催办) the handlers, supervise (督办) a department by name."""

from __future__ import annotations

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

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        ticket.urge_count += 1
        return Change(note=text, data={"urge_count": ticket.urge_count})

    return perform(session, actor, ticket_id, version, EventAction.URGE, now, body, idempotency_key)


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
