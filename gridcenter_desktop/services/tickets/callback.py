"""Callback (回访): call the reporter of an answered ticket and record how they were reached and
their satisfaction; a dissatisfied reporter can send the ticket back for handling.

Every call is a round on record (db.followup.CallbackRecord): who called, when, how, the rating
(none when the reporter was not reached: they stay on the 待回访 list), the note, whether it
reopened the ticket. A merged duplicate's reporter is called back on the duplicate, once the
kept ticket answered it (core refuses before, and refuses a reopen there: the kept ticket is
the one handled again). The ticket's satisfaction is the latest rating.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import CallbackChannel, EventAction, Satisfaction
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.followup import CallbackRecord
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


def _channel(channel: CallbackChannel) -> CallbackChannel:
    try:
        return CallbackChannel(channel)
    except ValueError:
        raise ValidationError("channel", "invalid") from None


def _rating(channel: CallbackChannel, satisfaction: Satisfaction | None) -> Satisfaction | None:
    """The rating to record: none when the reporter was not reached, required otherwise."""
    if channel is CallbackChannel.UNREACHABLE:
        if satisfaction is not None:
            raise ValidationError("satisfaction", "not_reached")
        return None
    if satisfaction is None:
        raise ValidationError("satisfaction", "required")
    try:
        return Satisfaction(satisfaction)
    except ValueError:
        raise ValidationError("satisfaction", "invalid") from None


def record_callback(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    satisfaction: Satisfaction | None,
    *,
    channel: CallbackChannel = CallbackChannel.PHONE,
    note: str = "",
    reopen: bool = False,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Record one callback round on an answered ticket (closed, or a merged duplicate whose
    kept ticket closed): ``channel`` how the reporter was reached, ``satisfaction`` their
    rating (None, and required to be None, when ``channel`` is UNREACHABLE). With ``reopen``
    (only for "dissatisfied", only on a closed ticket) the ticket is reopened for handling:
    the reporter's verdict, recorded by the operator who made the call, so operators may do
    it."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        how = _channel(channel)
        rating = _rating(how, satisfaction)
        text = text_input("note", note, required=False)
        if reopen and rating is not Satisfaction.DISSATISFIED:
            raise ValidationError("reopen", "requires_dissatisfied")
        if rating is not None:
            ticket.satisfaction = rating
        session.add(
            CallbackRecord(
                ticket_id=ticket.id,
                called_at=at,
                called_by_id=actor.user_id,
                channel=how,
                satisfaction=rating,
                note=text,
                reopened=reopen,
            )
        )
        if step.restart_clock:
            reopen_closed(ticket, at, step, load_calendar(session), rules_at(session, at))
        return Change(note=text, data={"satisfaction": rating, "channel": how, "reopen": reopen})

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
