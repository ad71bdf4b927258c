"""Extension (延期): a department asks for more time on its assignment, with a reason and the
finish-by time it proposes (operators record the request for it); a supervisor approves, maybe
with a date of their own, or refuses. Approval moves the assignment's finish-by and, for the
lead, the ticket's deadline and due-soon mark (in working time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadlines import due_soon_threshold
from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    ExtensionDecision,
)
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.followup import ExtensionRequest
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    perform,
    text_input,
    ticket_assignment,
)

_OPEN = (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED)


def request_extension(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    assignment_id: int,
    reason: str,
    proposed_finish_by: datetime | None,
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Record a department's request for more time (申请延期) on its open assignment.

    ValidationError("reason", "required") without a reason; ("proposed_finish_by",
    "required" | "not_later" | "in_past") without a date, with one not after the current
    finish-by, or with one already past;
    ("assignment_id", "extension_pending") when the assignment already has a request waiting.
    """

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("reason", reason, required=True)
        assignment = ticket_assignment(ticket, assignment_id)
        if proposed_finish_by is None:
            raise ValidationError("proposed_finish_by", "required")
        if proposed_finish_by <= assignment.finish_by:
            raise ValidationError("proposed_finish_by", "not_later")
        if proposed_finish_by <= at:
            # More time that has already run out (an overdue assignment's old date plus a day)
            # would be granted only to be overdue again.
            raise ValidationError("proposed_finish_by", "in_past")
        if _pending_for(session, assignment.id) is not None:
            raise ValidationError("assignment_id", "extension_pending")
        request = ExtensionRequest(
            ticket_id=ticket.id,
            assignment_id=assignment.id,
            reason=text,
            proposed_finish_by=proposed_finish_by,
            previous_finish_by=assignment.finish_by,
            requested_at=at,
            requested_by_id=actor.user_id,
            decision=ExtensionDecision.PENDING,
            decision_note="",
        )
        session.add(request)
        # The request's id for the event; the ticket is not changed yet, so this flush does
        # not write it (its version moves once, with the event).
        session.flush()
        return Change(
            note=text,
            data={
                "request_id": request.id,
                "assignment_id": assignment.id,
                "previous_finish_by": assignment.finish_by,
                "proposed_finish_by": proposed_finish_by,
            },
        )

    return perform(
        session,
        actor,
        ticket_id,
        version,
        EventAction.EXTEND_REQUEST,
        now,
        body,
        idempotency_key,
        assignment_id=assignment_id,
    )


def decide_extension(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    request_id: int,
    approve: bool,
    note: str = "",
    *,
    new_finish_by: datetime | None = None,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Approve or refuse (延期审批, supervisors) a pending request for more time.

    Approval sets the assignment's finish-by to ``new_finish_by`` (the supervisor's own date)
    or else to the proposed one; for the lead assignment the ticket's deadline moves there too
    (never earlier than it was) and its due-soon mark is counted afresh, in working time, from
    the approval: the time granted is measured from when it was granted. A refusal writes the
    decision and its reason (``note``, required) only.

    ValidationError("request_id", "unknown" | "decided"); ("note", "required") for a refusal
    without a reason; ("new_finish_by", "not_later") for a date not after the current
    finish-by; ("assignment_id", "not_open") when approving for work no longer open.
    """

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=not approve)
        request = session.get(ExtensionRequest, request_id) if request_id else None
        if request is None or request.ticket_id != ticket.id:
            raise ValidationError("request_id", "unknown")
        if request.decision != ExtensionDecision.PENDING:
            raise ValidationError("request_id", "decided")
        assignment = ticket_assignment(ticket, request.assignment_id)
        data: dict[str, object] = {
            "request_id": request.id,
            "assignment_id": assignment.id,
            "approved": bool(approve),
            "previous_finish_by": assignment.finish_by,
            "proposed_finish_by": request.proposed_finish_by,
        }
        if approve:
            if assignment.status not in _OPEN:
                raise ValidationError("assignment_id", "not_open")
            finish = new_finish_by or request.proposed_finish_by
            if finish <= assignment.finish_by:
                raise ValidationError("new_finish_by", "not_later")
            if finish <= at:
                raise ValidationError("new_finish_by", "in_past")
            assignment.finish_by = finish
            data["finish_by"] = finish
            if assignment.role == AssignmentRole.LEAD and finish > ticket.deadline_at:
                ticket.deadline_at = finish
                ticket.due_soon_at = due_soon_threshold(at, finish, load_calendar(session))
                data["deadline_at"] = finish
        request.decision = ExtensionDecision.APPROVED if approve else ExtensionDecision.REFUSED
        request.decided_at = at
        request.decided_by_id = actor.user_id
        request.decision_note = text
        return Change(note=text, data=data)

    return perform(
        session, actor, ticket_id, version, EventAction.EXTEND_DECIDE, now, body, idempotency_key
    )


def _pending_for(session: Session, assignment_id: int) -> int | None:
    return session.scalar(
        select(ExtensionRequest.id).where(
            ExtensionRequest.assignment_id == assignment_id,
            ExtensionRequest.decision == ExtensionDecision.PENDING,
        )
    )


@dataclass(frozen=True, slots=True)
class PendingExtension:
    """A request for more time waiting for a supervisor, as the window shows it."""

    request_id: int
    assignment_id: int
    handler: str  # the department (or grid) asking
    lead: bool
    reason: str
    previous_finish_by: datetime
    proposed_finish_by: datetime
    requested_at: datetime
    requested_by: str | None


def pending_extensions(session: Session, ticket_id: int) -> list[PendingExtension]:
    """The ticket's requests for more time still waiting for a decision, oldest first."""
    rows = session.execute(
        select(ExtensionRequest, Assignment, Department.name, Area.name, User.display_name)
        .join(Assignment, Assignment.id == ExtensionRequest.assignment_id)
        .outerjoin(Department, Department.id == Assignment.department_id)
        .outerjoin(Area, Area.id == Assignment.grid_id)
        .outerjoin(User, User.id == ExtensionRequest.requested_by_id)
        .where(
            ExtensionRequest.ticket_id == ticket_id,
            ExtensionRequest.decision == ExtensionDecision.PENDING,
        )
        .order_by(ExtensionRequest.id)
    ).all()
    return [
        PendingExtension(
            request_id=r.id,
            assignment_id=a.id,
            handler=department or grid or "",
            lead=a.role == AssignmentRole.LEAD,
            reason=r.reason,
            previous_finish_by=r.previous_finish_by,
            proposed_finish_by=r.proposed_finish_by,
            requested_at=r.requested_at,
            requested_by=who,
        )
        for r, a, department, grid, who in rows
    ]
