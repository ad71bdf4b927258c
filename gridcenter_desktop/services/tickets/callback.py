"""Callback (回访): phone the reporter of a closed ticket and record their satisfaction; a
dissatisfied reporter can send the ticket back for handling."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import EventAction, Satisfaction
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.deadline_rules import rules_at
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    perform,
    text_input,
)
from gridcenter_desktop.services.tickets.common import (
    reopen as reopen_closed,
)


def record_callback(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    satisfaction: Satisfaction,
    *,
    note: str = "",
    reopen: bool = False,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Record the reporter's satisfaction with a closed ticket. With ``reopen`` (only
    for "dissatisfied") the ticket is reopened for handling: the reporter's verdict, recorded
    by the operator who made the call, so operators may do it."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        try:
            rating = Satisfaction(satisfaction)
        except ValueError:
            raise ValidationError("satisfaction", "invalid") from None
        text = text_input("note", note, required=False)
        if reopen and rating is not Satisfaction.DISSATISFIED:
            raise ValidationError("reopen", "requires_dissatisfied")
        ticket.satisfaction = rating
        if step.restart_clock:
            reopen_closed(ticket, at, step, load_calendar(session), rules_at(session, at))
        return Change(note=text, data={"satisfaction": rating, "reopen": reopen})

    return perform(
        session,
        actor,
        ticket_id,
        version,
        EventAction.CALLBACK,
        now,
        body,
        idempotency_key,
        reopen=reopen,
    )
