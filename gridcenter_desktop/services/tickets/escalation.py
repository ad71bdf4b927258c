"""吹哨报到 enforced: a department that did not accept in time is escalated (超时未签收督办):
the assignment is marked, the ticket comes under supervision."""

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
    perform,
    text_input,
    ticket_assignment,
)


def escalate_missed(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    assignment_id: int,
    *,
    note: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Escalate the assignment ``assignment_id``, still pending past its accept-by time at
    ``now`` (core refuses any other: ValidationError("assignment_id", "not_pending" /
    "not_missed" / "unknown")). The assignment records when, the ticket is supervised (督办),
    and the event names the department (or grid) and how many minutes late it is."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        assignment = ticket_assignment(ticket, assignment_id)
        assignment.escalated_at = at
        ticket.supervised = True
        late = int((at - assignment.accept_by).total_seconds() // 60)
        data = {
            "assignment_id": assignment.id,
            "role": str(assignment.role),
            "department_id": assignment.department_id,
            "department": assignment.department.name if assignment.department else None,
            "grid_id": assignment.grid_id,
            "grid": assignment.grid.name if assignment.grid else None,
            "accept_by": assignment.accept_by.isoformat(sep=" "),
            "minutes_late": late,
        }
        return Change(note=text, data=data)

    return perform(
        session,
        actor,
        ticket_id,
        version,
        EventAction.ESCALATE,
        now,
        body,
        idempotency_key,
        assignment_id=assignment_id,
    )
