"""加派: departments added to a ticket already being handled, each assisting beside those at
work, with its own accept-by and finish-by (the same default rule as a dispatch)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AssignmentRole, EventAction
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import (
    OPEN_ASSIGNMENT_STATUSES,
    Change,
    TicketRef,
    active_department,
    perform,
    text_input,
)

# The one rule for an assignment's clock (defaults, not in the past, finish after accept).
from gridcenter_desktop.services.tickets.dispatching import assignment_clock


def add_assignees(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    department_ids: Sequence[int],
    *,
    accept_by: datetime | None = None,
    finish_by: datetime | None = None,
    whistle: bool = False,
    instructions: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Add assisting departments (加派) to a dispatched or in-progress ticket. Each gets a new
    pending assignment with its own accept-by and finish-by: given ones must not lie in the
    past and finish-by must not come before accept-by; missing ones follow the deadline rules
    as a dispatch at ``now`` would ("吹哨报到": ``whistle``). A department already working on
    the ticket, inactive or not dispatchable is refused (ValidationError("department_ids"));
    the ticket's status stays."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("instructions", instructions, required=False)
        departments = _departments(session, ticket, department_ids)
        accept_at, finish_at = assignment_clock(session, ticket, at, accept_by, finish_by, whistle)
        for department in departments:
            session.add(
                Assignment(
                    ticket=ticket,
                    department_id=department.id,
                    role=AssignmentRole.ASSIST,
                    status=step.new_assignments,
                    created_at=at,
                    accept_by=accept_at,
                    finish_by=finish_at,
                    instructions=text,
                )
            )
        return Change(
            note=text,
            data={
                "department_ids": [d.id for d in departments],
                "departments": [d.name for d in departments],
                "accept_by": accept_at.isoformat(sep=" "),
                "finish_by": finish_at.isoformat(sep=" "),
                "whistle": whistle,
            },
        )

    return perform(
        session, actor, ticket_id, version, EventAction.ADD_ASSIGNEE, now, body, idempotency_key
    )


def _departments(
    session: Session, ticket: Ticket, department_ids: Sequence[int]
) -> list[Department]:
    if not department_ids:
        raise ValidationError("department_ids", "required")
    working = {
        a.department_id
        for a in ticket.assignments
        if a.department_id is not None and a.status in OPEN_ASSIGNMENT_STATUSES
    }
    seen: set[int] = set()
    departments = []
    for department_id in department_ids:
        if department_id in seen:
            raise ValidationError("department_ids", "duplicate")
        seen.add(department_id)
        department = active_department(session, department_id, "department_ids")
        if not department.dispatchable:
            raise ValidationError("department_ids", "not_dispatchable")
        if department.id in working:
            raise ValidationError("department_ids", "already_assigned")
        departments.append(department)
    return departments
