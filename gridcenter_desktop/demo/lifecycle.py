"""The workflow steps of a demo ticket, written the way the services write them.

Each step changes the ticket's story (status, assignments, counters) and appends one event
whose data has the same keys the services in ``services/tickets`` record, so the detail panel
and the reports read demo tickets exactly like real ones. Who acts follows core/permissions:
operators register, dispatch, accept/return/feed back on behalf of the departments that phone
in, urge, call back and merge; the supervisor closes, rejects, supervises and reopens.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from gridcenter_desktop.core.deadlines import (
    LimitUnit,
    TimeLimit,
    WorkCalendar,
    accept_limit,
    due_soon_threshold,
    finish_limit,
)
from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    Outcome,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.demo import texts
from gridcenter_desktop.demo.plan import Fate

# Plain strings: enum attribute access costs more than the rest of an event, a million times.
PENDING = TicketStatus.PENDING_DISPATCH.value
DISPATCHED = TicketStatus.DISPATCHED.value
IN_PROGRESS = TicketStatus.IN_PROGRESS.value
AWAITING = TicketStatus.AWAITING_REVIEW.value
CLOSED = TicketStatus.CLOSED.value
MERGED = TicketStatus.MERGED.value
REGISTER = EventAction.REGISTER.value
_A_PENDING = AssignmentStatus.PENDING.value
_A_ACCEPTED = AssignmentStatus.ACCEPTED.value
_A_RETURNED = AssignmentStatus.RETURNED.value
_A_FED_BACK = AssignmentStatus.FED_BACK.value
_A_DONE = AssignmentStatus.DONE.value
_A_CANCELLED = AssignmentStatus.CANCELLED.value
_OPEN = frozenset({_A_PENDING, _A_ACCEPTED, _A_FED_BACK})
LEAD = AssignmentRole.LEAD.value
ASSIST = AssignmentRole.ASSIST.value

# The services' event JSON (services/tickets/common.event_json), with one reusable encoder.
_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


class Deadlines:
    """core/deadlines over a remembered day arithmetic: a million tickets ask the same
    (day, working days) questions again and again."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._days: dict[tuple[date, int], date] = {}

    def after(self, start: datetime, limit: TimeLimit) -> datetime:
        """Same answer as core.deadlines.compute_deadline(start, limit, calendar)."""
        if limit.unit is LimitUnit.HOURS:
            return start + timedelta(hours=limit.amount)
        key = (start.date(), limit.amount)
        day = self._days.get(key)
        if day is None:
            midnight = datetime(start.year, start.month, start.day)
            day = self.calendar.add_working_days(midnight, limit.amount).date()
            self._days[key] = day
        return datetime.combine(day, start.time())


@dataclass(slots=True)
class Context:
    """What every ticket's story needs: randomness, deadlines, who is who, running ids."""

    rng: random.Random
    deadlines: Deadlines
    # department code -> (id, name)
    departments: dict[str, tuple[int, str]]
    operators: tuple[int, ...]
    supervisor: int
    # No event of this chunk may be later.
    horizon: datetime
    next_assignment_id: int

    def operator(self) -> int:
        return self.rng.choice(self.operators)


@dataclass(slots=True)
class Story:
    """A ticket's events and assignments as they are being written."""

    ticket_id: int
    created_at: datetime
    deadline_at: datetime
    category: str
    kind: TicketKind
    source: TicketSource
    priority: Priority
    grid_id: int
    committee: str
    fate: Fate
    status: str | None = None
    events: list[tuple] = field(default_factory=list)
    assignments: list[dict] = field(default_factory=list)
    # When the deadline's clock started: registration, or the last reopening.
    deadline_from: datetime | None = None
    dispatched_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str | None = None
    satisfaction: str | None = None
    solved_in_grid: bool = False
    urge_count: int = 0
    supervised: bool = False
    reopen_count: int = 0

    def add(
        self,
        at: datetime,
        user: int | None,
        action: str,
        to: str,
        note: str = "",
        data: dict | None = None,
    ) -> None:
        self.events.append(
            (at, user, action, self.status, to, note, _json(data) if data is not None else None)
        )
        self.status = to

    def status_at(self, at: datetime) -> str:
        """The status the ticket had at ``at``."""
        status = PENDING
        for event in sorted(self.events, key=_event_time):
            if event[0] > at:
                break
            status = event[4]
        return status

    @property
    def due_soon_at(self) -> datetime:
        return due_soon_threshold(self.deadline_from or self.created_at, self.deadline_at)

    def lead(self) -> dict:
        """The lead assignment of the current dispatch."""
        return next(a for a in reversed(self.assignments) if a["role"] == LEAD)

    def open_assignments(self) -> list[dict]:
        return [a for a in self.assignments if a["status"] in _OPEN]


def _event_time(event: tuple) -> datetime:
    return event[0]


def in_office_hours(rng: random.Random, at: datetime, latest: datetime) -> datetime:
    """``at`` moved to the next morning (08:00-11:00) when it falls at night, if that is not
    later than ``latest``: departments and the desk's day shift do most of the work by day,
    while the hotline takes calls around the clock."""
    if 8 <= at.hour < 20:
        return at
    morning = datetime(at.year, at.month, at.day, 8) + timedelta(seconds=rng.randrange(3 * 3600))
    if at.hour >= 20:
        morning += timedelta(days=1)
    return morning if morning <= latest else at


def between(rng: random.Random, start: datetime, end: datetime, low: float, high: float):
    """A whole-second time at a random fraction in [low, high] of start..end, by day when
    the span allows."""
    span = (end - start).total_seconds()
    at = start + timedelta(seconds=int(span * rng.uniform(low, high)))
    return in_office_hours(rng, at, end)


def soon(rng: random.Random, start: datetime, end: datetime, minutes: float, cap: float):
    """``start`` plus up to ``minutes`` minutes, but no more than ``cap`` of the way to end
    (moved to the morning when it falls at night and there is time)."""
    span = (end - start).total_seconds()
    at = start + timedelta(seconds=int(min(rng.uniform(0.2, 1) * minutes * 60, span * cap)))
    return in_office_hours(rng, at, start + timedelta(seconds=int(span * cap)))


def _who(a: dict) -> dict:
    return {
        "assignment_id": a["id"],
        "role": a["role"],
        "department_id": a["department_id"],
        "grid_id": a["grid_id"],
    }


def dispatch(
    ctx: Context,
    story: Story,
    at: datetime,
    lead: str | None,
    assists: list[str],
    note: str = "",
) -> None:
    """Dispatch to department ``lead`` with ``assists``, or to the ticket's grid (lead None);
    the ticket's earlier open assignments are withdrawn, as the dispatch service does."""
    whistle = lead is not None and story.priority is Priority.CRITICAL
    accept_by = ctx.deadlines.after(at, accept_limit(story.priority, whistle))
    finish_by = story.deadline_at
    if finish_by < max(at, accept_by):
        finish_by = ctx.deadlines.after(at, finish_limit(story.category, story.priority))
        finish_by = max(finish_by, accept_by)
    cancelled = []
    for a in story.open_assignments():
        a["status"] = _A_CANCELLED
        cancelled.append(a["id"])
    if whistle:
        note = "吹哨报到，请立即签收并赶赴现场"

    def assign(role: str, department: str | None) -> None:
        story.assignments.append(
            {
                "id": ctx.next_assignment_id,
                "department_id": ctx.departments[department][0] if department else None,
                "grid_id": None if department else story.grid_id,
                "role": role,
                "status": _A_PENDING,
                "created_at": at,
                "accept_by": accept_by,
                "finish_by": finish_by,
                "instructions": note,
            }
        )
        ctx.next_assignment_id += 1

    assign(LEAD, lead)
    for code in assists:
        assign(ASSIST, code)
    data = {
        "grid_id": story.grid_id if lead is None else None,
        "lead_department_id": ctx.departments[lead][0] if lead else None,
        "lead_department": ctx.departments[lead][1] if lead else None,
        "assist_department_ids": [ctx.departments[c][0] for c in assists],
        "assist_departments": [ctx.departments[c][1] for c in assists],
        "accept_by": accept_by.isoformat(sep=" "),
        "finish_by": finish_by.isoformat(sep=" "),
        "whistle": whistle,
    }
    if cancelled:
        data["cancelled_assignment_ids"] = cancelled
    if story.dispatched_at is None:
        story.dispatched_at = at
    story.add(at, ctx.operator(), EventAction.DISPATCH.value, DISPATCHED, note, data)


def accept(ctx: Context, story: Story, at: datetime, until: datetime) -> None:
    """The lead accepts at ``at`` (the ticket is in progress), the assisting departments a
    little later, each with its own event."""
    lead = story.lead()
    lead.update(status=_A_ACCEPTED, accepted_at=at)
    story.add(at, ctx.operator(), EventAction.ACCEPT.value, IN_PROGRESS, "", _who(lead))
    for a in story.open_assignments():
        if a["role"] == ASSIST and a["status"] == _A_PENDING:
            when = soon(ctx.rng, at, until, 120, 0.1)
            a.update(status=_A_ACCEPTED, accepted_at=when)
            story.add(when, ctx.operator(), EventAction.ACCEPT.value, IN_PROGRESS, "", _who(a))


def return_lead(ctx: Context, story: Story, at: datetime) -> str | None:
    """The lead sends the ticket back with a reason (pending dispatch again); returns the
    department code it had, None for the grid."""
    rng = ctx.rng
    reason = rng.choice(texts.RETURN_REASONS)
    lead = story.lead()
    lead.update(status=_A_RETURNED, returned_at=at, return_reason=reason)
    story.add(at, ctx.operator(), EventAction.RETURN.value, PENDING, reason, _who(lead))
    for code, (department_id, _name) in ctx.departments.items():
        if department_id == lead["department_id"]:
            return code
    return None


def _fill_form(ctx: Context, story: Story, a: dict, at: datetime, resolved: bool) -> dict:
    rng = ctx.rng
    note = texts.feedback(rng, story.kind, resolved)
    complaint_true = resolved or rng.random() < 0.5
    a.update(
        status=_A_FED_BACK,
        fed_back_at=at,
        complaint_true=complaint_true,
        solved=resolved,
        feedback=note,
        public_reply=rng.choice(texts.PUBLIC_REPLIES),
    )
    return _who(a) | {"complaint_true": complaint_true, "solved": resolved}


def feed_back(ctx: Context, story: Story, at: datetime, since: datetime, resolved: bool) -> None:
    """Assisting departments report first (status unchanged), then the lead (awaiting review)."""
    for a in story.open_assignments():
        if a["role"] == ASSIST and a["status"] == _A_ACCEPTED:
            when = between(ctx.rng, since, at, 0.5, 0.95)
            data = _fill_form(ctx, story, a, when, True)
            story.add(when, ctx.operator(), EventAction.FEEDBACK.value, IN_PROGRESS,
                      a["feedback"], data)  # fmt: skip
    lead = story.lead()
    data = _fill_form(ctx, story, lead, at, resolved)
    story.add(at, ctx.operator(), EventAction.FEEDBACK.value, AWAITING, lead["feedback"], data)


def reject(ctx: Context, story: Story, at: datetime) -> None:
    """Review sends the lead's result back: its assignment is accepted again."""
    lead = story.lead()
    lead.update(status=_A_ACCEPTED, fed_back_at=None)
    story.add(at, ctx.supervisor, EventAction.REJECT.value, IN_PROGRESS,
              "反馈不完整，请补充处置情况", {"assignment_id": lead["id"]})  # fmt: skip


def _outcome(story: Story) -> str:
    if story.fate is Fate.UNRESOLVED:
        return Outcome.UNRESOLVED.value
    return Outcome.RESOLVED.value


def close(ctx: Context, story: Story, at: datetime) -> None:
    """The supervisor signs off the result; every open assignment is done."""
    done = []
    for a in story.open_assignments():
        a["status"] = _A_DONE
        done.append(a["id"])
    story.outcome = _outcome(story)
    story.closed_at = at
    story.add(at, ctx.supervisor, EventAction.CLOSE.value, CLOSED,
              "经审核，办理结果符合要求，同意办结",
              {"outcome": story.outcome, "done_assignment_ids": done})  # fmt: skip


def solve_in_grid(ctx: Context, story: Story, at: datetime) -> None:
    """ "小事不出网格": the grid settles it; its assignment is done, departments' withdrawn."""
    note = texts.feedback(ctx.rng, story.kind, story.fate is not Fate.UNRESOLVED)
    for a in story.open_assignments():
        a["status"] = _A_DONE if a["grid_id"] is not None else _A_CANCELLED
    story.outcome = _outcome(story)
    story.closed_at = at
    story.solved_in_grid = True
    story.add(at, ctx.operator(), EventAction.SOLVE_IN_GRID.value, CLOSED, note,
              {"grid_id": story.grid_id, "outcome": story.outcome})  # fmt: skip


def urge(ctx: Context, story: Story, at: datetime) -> None:
    story.urge_count += 1
    story.add(at, ctx.operator(), EventAction.URGE.value, story.status,
              ctx.rng.choice(texts.URGE_NOTES), {"urge_count": story.urge_count})  # fmt: skip


def supervise(ctx: Context, story: Story, at: datetime) -> None:
    """督办: names the lead department, or the grid's village committee."""
    lead = story.lead() if story.assignments else None
    code = next(
        (c for c, (i, _n) in ctx.departments.items() if lead and i == lead["department_id"]),
        story.committee,
    )
    department_id, name = ctx.departments[code]
    story.supervised = True
    story.add(at, ctx.supervisor, EventAction.SUPERVISE.value, story.status,
              ctx.rng.choice(texts.SUPERVISE_NOTES),
              {"department": name, "department_id": department_id})  # fmt: skip


def _reopen(ctx: Context, story: Story, at: datetime) -> None:
    story.reopen_count += 1
    story.closed_at = None
    story.outcome = None
    story.solved_in_grid = False
    story.deadline_from = at
    story.deadline_at = ctx.deadlines.after(at, finish_limit(story.category, story.priority))


def callback(ctx: Context, story: Story, at: datetime, rating: str, reopen: bool) -> None:
    """回访: the reporter's satisfaction; a dissatisfied one may send it back for handling."""
    story.satisfaction = rating
    if reopen:
        _reopen(ctx, story, at)
    story.add(at, ctx.operator(), EventAction.CALLBACK.value, PENDING if reopen else CLOSED,
              "", {"reopen": reopen, "satisfaction": rating})  # fmt: skip


def reopen(ctx: Context, story: Story, at: datetime) -> None:
    """重办 by the supervisor: pending dispatch again with a fresh deadline."""
    _reopen(ctx, story, at)
    story.add(at, ctx.supervisor, EventAction.REOPEN.value, PENDING, "回访不满意，重新办理",
              {"reopen_count": story.reopen_count})  # fmt: skip


def merge(ctx: Context, duplicate: Story, kept: Story, kept_code: str, at: datetime,
          title: str, reporter: tuple[str | None, str | None], code: str) -> None:  # fmt: skip
    """Fold ``duplicate`` into ``kept``: a merge event on one, "merged in" on the other."""
    user = ctx.operator()
    duplicate.add(at, user, EventAction.MERGE.value, MERGED, f"与工单{kept_code}重复，已合并",
                  {"merged_into_code": kept_code, "merged_into_id": kept.ticket_id})  # fmt: skip
    status = kept.status_at(at)
    kept.events.append(
        (at, user, EventAction.MERGED_IN.value, status, status, f"与工单{kept_code}重复，已合并",
         _json({"code": code, "reporter_name": reporter[0], "reporter_phone": reporter[1],
                "ticket_id": duplicate.ticket_id, "title": title}))
    )  # fmt: skip
