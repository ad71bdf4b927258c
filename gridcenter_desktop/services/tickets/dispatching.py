"""Dispatching (派单): to the ticket's grid, or to one lead department with assisting ones;
"吹哨报到" (whistle) gives the assignees hours, not a day, to report in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadline_rules import DeadlineRules
from gridcenter_desktop.core.deadlines import WorkCalendar, compute_deadline
from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    Priority,
    TicketStatus,
)
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.deadline_rules import rules_at
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import (
    OPEN_ASSIGNMENT_STATUSES,
    Change,
    TicketRef,
    active_department,
    perform,
    text_input,
)


def default_accept_by(
    rules: DeadlineRules,
    calendar: WorkCalendar,
    priority: Priority,
    now: datetime,
    whistle: bool = False,
) -> datetime:
    """The accept-by time a dispatch at ``now`` gets when none is given: the urgency's
    acceptance limit in the rules in effect, capped by the whistle rule for "吹哨报到"."""
    return compute_deadline(now, rules.accept_limit(priority, whistle), calendar)


def default_finish_by(
    rules: DeadlineRules,
    calendar: WorkCalendar,
    category: str,
    priority: Priority,
    ticket_deadline: datetime,
    now: datetime,
    accept_by: datetime,
) -> datetime:
    """The finish-by time when none is given: the assignees work to the ticket's own deadline;
    when that has passed (or would come before the accept-by time) they get the category's
    full time from now, by the rules in effect now."""
    if ticket_deadline >= max(now, accept_by):
        return ticket_deadline
    return max(compute_deadline(now, rules.finish_limit(category, priority), calendar), accept_by)


def _deadlines(
    session: Session,
    ticket: Ticket,
    now: datetime,
    accept_by: datetime | None,
    finish_by: datetime | None,
    whistle: bool,
) -> tuple[datetime, datetime]:
    calendar = rules = None
    if accept_by is None or finish_by is None:
        calendar, rules = load_calendar(session), rules_at(session, now)
    if accept_by is None:
        accept_by = default_accept_by(rules, calendar, ticket.priority, now, whistle)
    elif accept_by < now:
        raise ValidationError("accept_by", "in_past")
    if finish_by is None:
        finish_by = default_finish_by(
            rules, calendar, ticket.category, ticket.priority, ticket.deadline_at, now, accept_by
        )
    elif finish_by < now:
        raise ValidationError("finish_by", "in_past")
    if finish_by < accept_by:
        raise ValidationError("finish_by", "before_accept")
    return accept_by, finish_by


def _assist_clock(
    now: datetime,
    lead_accept: datetime,
    lead_finish: datetime,
    accept_by: datetime | None,
    finish_by: datetime | None,
) -> tuple[datetime, datetime]:
    """The assisting departments' accept-by and finish-by: each the lead's unless given; a
    given one must not lie in the past, and finish-by must not come before accept-by."""
    if accept_by is not None and accept_by < now:
        raise ValidationError("assist_accept_by", "in_past")
    if finish_by is not None and finish_by < now:
        raise ValidationError("assist_finish_by", "in_past")
    accept_by = lead_accept if accept_by is None else accept_by
    finish_by = lead_finish if finish_by is None else finish_by
    if finish_by < accept_by:
        raise ValidationError("assist_finish_by", "before_accept")
    return accept_by, finish_by


def dispatch_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    *,
    to_grid: bool = False,
    lead_department_id: int | None = None,
    assist_department_ids: Sequence[int] = (),
    accept_by: datetime | None = None,
    finish_by: datetime | None = None,
    assist_accept_by: datetime | None = None,
    assist_finish_by: datetime | None = None,
    whistle: bool = False,
    instructions: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Send a pending ticket to its grid (``to_grid=True``) or to ``lead_department_id``, with
    any assisting departments. Accept-by and finish-by times default from the deadline rules
    and the working calendar; given ones must not lie in the past and finish-by must not come
    before accept-by. The assisting departments keep their own clock
    (``assist_accept_by``/``assist_finish_by``, each defaulting to the lead's, checked the same
    way). Re-dispatching (after a return) cancels the old open assignments."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("instructions", instructions, required=False)
        if to_grid and lead_department_id is not None:
            raise ValidationError("lead_department_id", "invalid")
        if not to_grid and lead_department_id is None:
            raise ValidationError("lead_department_id", "required")
        if to_grid and ticket.grid_id is None:
            raise ValidationError("grid_id", "required")
        lead = (
            None
            if to_grid
            else active_department(session, lead_department_id, "lead_department_id")
        )
        if lead is not None and not lead.dispatchable:
            raise ValidationError("lead_department_id", "not_dispatchable")
        assists = []
        seen = {lead.id} if lead else set()
        for department_id in assist_department_ids:
            if department_id in seen:
                raise ValidationError("assist_department_ids", "duplicate")
            seen.add(department_id)
            assist = active_department(session, department_id, "assist_department_ids")
            if not assist.dispatchable:
                raise ValidationError("assist_department_ids", "not_dispatchable")
            assists.append(assist)
        accept_at, finish_at = _deadlines(session, ticket, at, accept_by, finish_by, whistle)
        assist_accept_at, assist_finish_at = _assist_clock(
            at, accept_at, finish_at, assist_accept_by, assist_finish_by
        )

        cancelled = []
        for old in ticket.assignments:
            if old.status in OPEN_ASSIGNMENT_STATUSES:
                old.status = AssignmentStatus.CANCELLED
                cancelled.append(old.id)

        def assign(role: AssignmentRole, department_id=None, grid_id=None) -> Assignment:
            lead_clock = role is AssignmentRole.LEAD
            assignment = Assignment(
                ticket=ticket,
                department_id=department_id,
                grid_id=grid_id,
                role=role,
                status=AssignmentStatus.PENDING,
                created_at=at,
                accept_by=accept_at if lead_clock else assist_accept_at,
                finish_by=finish_at if lead_clock else assist_finish_at,
                instructions=text,
            )
            session.add(assignment)
            return assignment

        if lead is None:
            assign(AssignmentRole.LEAD, grid_id=ticket.grid_id)
        else:
            assign(AssignmentRole.LEAD, department_id=lead.id)
        for department in assists:
            assign(AssignmentRole.ASSIST, department_id=department.id)
        ticket.status = TicketStatus.DISPATCHED
        ticket.dispatched_at = at
        data = {
            "grid_id": ticket.grid_id if lead is None else None,
            "lead_department_id": lead.id if lead else None,
            "lead_department": lead.name if lead else None,
            "assist_department_ids": [d.id for d in assists],
            "assist_departments": [d.name for d in assists],
            "accept_by": accept_at.isoformat(sep=" "),
            "finish_by": finish_at.isoformat(sep=" "),
            "whistle": whistle,
        }
        if assists and (assist_accept_at, assist_finish_at) != (accept_at, finish_at):
            data["assist_accept_by"] = assist_accept_at.isoformat(sep=" ")
            data["assist_finish_by"] = assist_finish_at.isoformat(sep=" ")
        if cancelled:
            data["cancelled_assignment_ids"] = cancelled
        return Change(note=text, data=data)

    return perform(
        session, actor, ticket_id, version, EventAction.DISPATCH, now, body, idempotency_key
    )
