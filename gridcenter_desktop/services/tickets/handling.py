"""Handling an assignment (处置): accept (签收), return (退回) with a reason, feed back (反馈)
the result. Operators record these on behalf of the grid or department that phoned in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import EventAction
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake.attachment_files import NewAttachment, attachment_rows
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    perform,
    text_input,
    ticket_assignment,
)

_FEEDBACK_MAX = 10000


@dataclass(frozen=True, slots=True)
class Feedback:
    """The handling form (办理情况) a grid or department fills in."""

    complaint_true: bool  # 诉求属实
    solved: bool  # 已解决
    feedback: str  # what was done (required)
    public_reply: str = ""  # 公开答复内容
    # 附现场照片: photos and documents sent with the result, kept with this assignment in the
    # feedback's own transaction (a refused file refuses the feedback; nothing half-written).
    attachments: tuple[NewAttachment, ...] = ()


def _who(assignment: Assignment) -> dict[str, object]:
    return {
        "assignment_id": assignment.id,
        "role": assignment.role,
        "department_id": assignment.department_id,
        "grid_id": assignment.grid_id,
    }


def accept_assignment(
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
    """A grid or department accepts (签收) its pending assignment; the first acceptance puts a
    dispatched ticket in progress."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        # Core's transition checked the assignment is pending; the state moves in apply_step.
        assignment = ticket_assignment(ticket, assignment_id)
        assignment.accepted_at = at
        return Change(note=text, data=_who(assignment))

    return perform(
        session,
        actor,
        ticket_id,
        version,
        EventAction.ACCEPT,
        now,
        body,
        idempotency_key,
        assignment_id=assignment_id,
    )


def return_assignment(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    assignment_id: int,
    reason: str,
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """A grid or department returns (退回) its assignment, saying why. When the lead returns, the
    ticket goes back to pending dispatch; an assisting department's return leaves it as it is,
    unless that department was the only one that had accepted (then it is dispatched again).
    """

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("reason", reason, required=True)
        # Where the ticket goes (back to dispatch, or dispatched again when the only working
        # department returned) is core's transition, applied by perform.
        assignment = ticket_assignment(ticket, assignment_id)
        assignment.returned_at = at
        assignment.return_reason = text
        return Change(note=text, data=_who(assignment))

    return perform(
        session,
        actor,
        ticket_id,
        version,
        EventAction.RETURN,
        now,
        body,
        idempotency_key,
        assignment_id=assignment_id,
    )


def feed_back(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    assignment_id: int,
    form: Feedback,
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """An accepted assignment reports its result. The lead's feedback sends the ticket to
    review; assisting departments' feedback is recorded without changing the status."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("feedback", form.feedback, required=True, max_length=_FEEDBACK_MAX)
        reply = text_input(
            "public_reply", form.public_reply, required=False, max_length=_FEEDBACK_MAX
        )
        for name in ("complaint_true", "solved"):
            if not isinstance(getattr(form, name), bool):
                raise ValidationError(name, "required")
        assignment = ticket_assignment(ticket, assignment_id)
        assignment.fed_back_at = at
        assignment.complaint_true = form.complaint_true
        assignment.solved = form.solved
        assignment.feedback = text
        assignment.public_reply = reply or None
        data = _who(assignment) | {"complaint_true": form.complaint_true, "solved": form.solved}
        if form.attachments:
            rows, described = attachment_rows(
                session, actor, ticket.id, list(form.attachments), at, assignment_id=assignment.id
            )
            session.add_all(rows)
            data["files"] = described
        return Change(note=text, data=data)

    return perform(
        session,
        actor,
        ticket_id,
        version,
        EventAction.FEEDBACK,
        now,
        body,
        idempotency_key,
        assignment_id=assignment_id,
    )
