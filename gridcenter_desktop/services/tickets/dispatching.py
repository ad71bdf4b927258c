"""Dispatching (派单): to the ticket's grid, or to one lead department with assisting ones;
"吹哨报到" (whistle) gives the assignees hours, not a day, to report in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadline_rules import dispatch_clock, whistle_cap_hours
from gridcenter_desktop.core.enums import (
    AssignmentRole,
    EventAction,
)
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.deadline_rules import rules_at
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    active_department,
    perform,
    text_input,
)


def assignment_clock(
    session: Session,
    ticket: Ticket,
    now: datetime,
    accept_by: datetime | None,
    finish_by: datetime | None,
    whistle: bool,
) -> tuple[datetime, datetime]:
    """An assignment's accept-by and finish-by at ``now``: the given ones checked, the missing
    ones by core's dispatch clock (dispatch and 加派 share this rule)."""
    # The defaults are core's dispatch clock, the one rule the dispatch form proposes from.
    calendar, rules = load_calendar(session), rules_at(session, now)
    if accept_by is not None:
        if accept_by < now:
            raise ValidationError("accept_by", "in_past")
        if whistle and accept_by > now + timedelta(hours=whistle_cap_hours(rules, ticket.priority)):
            # Hours, not a day: a whistle's report-in time is capped by the rules.
            raise ValidationError("accept_by", "after_whistle_cap")
    accept_by, default_finish = dispatch_clock(
        rules,
        calendar,
        ticket.category,
        ticket.priority,
        ticket.deadline_at,
        now,
        whistle,
        accept_by=accept_by,
    )
    if finish_by is None:
        finish_by = default_finish
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
        accept_at, finish_at = assignment_clock(session, ticket, at, accept_by, finish_by, whistle)
        assist_accept_at, assist_finish_at = _assist_clock(
            at, accept_at, finish_at, assist_accept_by, assist_finish_by
        )

        # Re-dispatching withdraws the open assignments: core's transition lists them.
        cancelled = sorted(step.assignments)

        def assign(role: AssignmentRole, department_id=None, grid_id=None) -> Assignment:
            lead_clock = role is AssignmentRole.LEAD
            assignment = Assignment(
                ticket=ticket,
                department_id=department_id,
                grid_id=grid_id,
                role=role,
                status=step.new_assignments,
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
