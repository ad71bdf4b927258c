"""The workflow steps of a demo ticket, stepped through core's rule book.

Each step asks ``core.workflow.transition`` where the action leads from the ticket's state (its
status, its assignments, suspended or not) and applies exactly what it gives (the status, the
assignments' states, new assignments' state, suspension), as the services' ``perform`` does; the
step itself only adds the facts (times, texts, who, counters, records). Each appends one event
whose data has the keys the services in ``services/tickets`` record, so the detail panel and the
reports read demo tickets like real ones. Who acts follows core/permissions: operators register,
dispatch, accept/return/feed back on behalf of the departments that phone in, urge, escalate,
ask for time, call back and merge; the supervisor closes, rejects, supervises, reopens, decides
on extensions and suspends. A refusal from core is a bug in the generator and stops the build.
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
    UserRole,
)
from gridcenter_desktop.core.workflow import AssignmentState, TicketState, transition
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
    # The segment's "now": a ticket's fate (open in which status, closed) holds at it.
    horizon: datetime
    next_assignment_id: int
    # The moment the demo is built: no event is later (the report's open tickets go on to it).
    now: datetime
    # The next id of each follow-up table (db/followup.py), carried from chunk to chunk.
    ids: dict[str, int] = field(default_factory=dict)

    def next_id(self, table: str) -> int:
        n = self.ids.get(table, 1)
        self.ids[table] = n + 1
        return n

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
    suspended_at: datetime | None = None
    # A merged duplicate answered with its kept ticket's result.
    answered: bool = False
    # Rows of the follow-up tables (db/followup.py), ids given when the chunk is finished.
    extensions: list[dict] = field(default_factory=list)
    callbacks: list[dict] = field(default_factory=list)
    inspections: list[dict] = field(default_factory=list)
    notices: list[dict] = field(default_factory=list)
    # Record events waiting for the story's end (see settle_records).
    records: list[tuple] = field(default_factory=list)

    def act(
        self,
        at: datetime,
        user: int,
        role: UserRole,
        action: EventAction,
        note: str = "",
        data: dict | None = None,
        assignment: dict | None = None,
        *,
        reopen: bool = False,
        new: tuple[dict, ...] = (),
    ) -> tuple[tuple[int, str], ...]:
        """One workflow step as core's transition gives it: the status, the assignments'
        states, the new assignments' state and the suspension applied, one event appended;
        returns the (index, state) of the assignments it changed."""
        index = None if assignment is None else assignment["_i"]
        missed = (
            action is EventAction.ESCALATE
            and assignment is not None
            and assignment["status"] == _A_PENDING
            and assignment["accept_by"] < at
        )
        to, changes, fresh, suspended = core_step(
            action, self.status, self.assignments, role, index,
            self.suspended_at is not None, self.answered, reopen, missed,
        )  # fmt: skip
        for i, state in changes:
            self.assignments[i]["status"] = state
        for a in new:
            a["status"] = fresh
            a["_i"] = len(self.assignments)
            self.assignments.append(a)
        if suspended and self.suspended_at is None:
            self.suspended_at = at
        elif not suspended:
            self.suspended_at = None
        self.events.append(
            (at, user, action.value, self.status, to, note,
             _json(data) if data is not None else None)
        )  # fmt: skip
        self.status = to
        return changes

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


# Core's answers by the shape of the question (a million steps ask a few hundred questions).
_STEPS: dict[tuple, tuple[str, tuple[tuple[int, str], ...], str | None, bool]] = {}


def core_step(
    action: EventAction,
    status: str | None,
    assignments: list[dict],
    role: UserRole,
    index: int | None,
    suspended: bool,
    answered: bool,
    reopen: bool,
    missed: bool,
) -> tuple[str, tuple[tuple[int, str], ...], str | None, bool]:
    """``core.workflow.transition`` for a story's state, assignments named by their index:
    (to_status, changed assignments, new assignments' state, suspended after). Raises core's
    ``Refused`` when the rules refuse."""
    shape = tuple((a["role"], a["status"], a["grid_id"] is not None) for a in assignments)
    key = (action, status, shape, role, index, suspended, answered, reopen, missed)
    hit = _STEPS.get(key)
    if hit is None:
        state = TicketState(
            TicketStatus(status),
            tuple(
                AssignmentState(i, r, s, in_grid, missed and i == index)
                for i, (r, s, in_grid) in enumerate(shape)
            ),
            suspended,
            answered,
        )
        step = transition(action, state, role, assignment_id=index, reopen=reopen)
        hit = (
            step.to_status.value,
            tuple((i, s.value) for i, s in step.assignments.items()),
            step.new_assignments.value if step.new_assignments is not None else None,
            step.suspended,
        )
        _STEPS[key] = hit
    return hit


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


OPERATOR = UserRole.OPERATOR
SUPERVISOR = UserRole.SUPERVISOR
E = EventAction


def _who(a: dict) -> dict:
    return {
        "assignment_id": a["id"],
        "role": a["role"],
        "department_id": a["department_id"],
        "grid_id": a["grid_id"],
    }


def _assignment(
    ctx: Context, story: Story, at: datetime, role: str, department: str | None, note: str,
    accept_by: datetime, finish_by: datetime,
) -> dict:  # fmt: skip
    a = {
        "id": ctx.next_assignment_id,
        "department_id": ctx.departments[department][0] if department else None,
        "grid_id": None if department else story.grid_id,
        "role": role,
        "status": None,
        "created_at": at,
        "accept_by": accept_by,
        "finish_by": finish_by,
        "instructions": note,
    }
    ctx.next_assignment_id += 1
    return a


def _assist_finish_by(ctx: Context, at: datetime, accept_by: datetime, lead_finish: datetime):
    """Assisting departments report a working day before the lead has to (the lead needs
    their part for its answer), when the lead's time allows it."""
    if lead_finish - at < timedelta(days=3):
        return lead_finish
    earlier = lead_finish - timedelta(days=1)
    while not ctx.deadlines.calendar.is_workday(earlier.date()):
        earlier -= timedelta(days=1)
    return max(earlier, accept_by)


def dispatch(
    ctx: Context,
    story: Story,
    at: datetime,
    lead: str | None,
    assists: list[str],
    note: str = "",
) -> None:
    """Dispatch to department ``lead`` with ``assists`` (each with its own clock), or to the
    ticket's grid (lead None); core withdraws the earlier open assignments."""
    whistle = lead is not None and story.priority is Priority.CRITICAL
    accept_by = ctx.deadlines.after(at, accept_limit(story.priority, whistle))
    finish_by = story.deadline_at
    if finish_by < max(at, accept_by):
        finish_by = ctx.deadlines.after(at, finish_limit(story.category, story.priority))
        finish_by = max(finish_by, accept_by)
    if whistle:
        note = "吹哨报到，请立即签收并赶赴现场"
    assist_finish = _assist_finish_by(ctx, at, accept_by, finish_by)
    new = [_assignment(ctx, story, at, LEAD, lead, note, accept_by, finish_by)]
    new += [
        _assignment(ctx, story, at, ASSIST, code, note, accept_by, assist_finish)
        for code in assists
    ]
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
    cancelled = [a["id"] for a in story.open_assignments()]
    if cancelled:
        data["cancelled_assignment_ids"] = cancelled
    if story.dispatched_at is None:
        story.dispatched_at = at
    story.act(at, ctx.operator(), OPERATOR, E.DISPATCH, note, data, new=tuple(new))


def add_assignee(ctx: Context, story: Story, at: datetime, code: str) -> dict:
    """加派: one more department beside those handling the ticket, with its own clock."""
    accept_by = ctx.deadlines.after(at, accept_limit(story.priority))
    finish_by = max(
        story.deadline_at, ctx.deadlines.after(at, finish_limit(story.category, story.priority))
    )
    note = "加派协同处置"
    a = _assignment(ctx, story, at, ASSIST, code, note, accept_by, finish_by)
    department_id, name = ctx.departments[code]
    story.act(at, ctx.operator(), OPERATOR, E.ADD_ASSIGNEE, note,
              {"department_ids": [department_id], "departments": [name],
               "accept_by": accept_by.isoformat(sep=" "),
               "finish_by": finish_by.isoformat(sep=" "), "whistle": False},
              new=(a,))  # fmt: skip
    return a


def accept_one(ctx: Context, story: Story, a: dict, at: datetime) -> None:
    a["accepted_at"] = at
    story.act(at, ctx.operator(), OPERATOR, E.ACCEPT, "", _who(a), a)


def accept(ctx: Context, story: Story, at: datetime, until: datetime) -> None:
    """The lead accepts at ``at`` (the ticket is in progress), the assisting departments a
    little later, each with its own event."""
    accept_one(ctx, story, story.lead(), at)
    for a in story.open_assignments():
        if a["role"] == ASSIST and a["status"] == _A_PENDING:
            accept_one(ctx, story, a, soon(ctx.rng, at, until, 120, 0.1))


def return_lead(ctx: Context, story: Story, at: datetime) -> str | None:
    """The lead sends the ticket back with a reason (pending dispatch again); returns the
    department code it had, None for the grid."""
    rng = ctx.rng
    reason = rng.choice(texts.RETURN_REASONS)
    lead = story.lead()
    lead.update(returned_at=at, return_reason=reason)
    story.act(at, ctx.operator(), OPERATOR, E.RETURN, reason, _who(lead), lead)
    for code, (department_id, _name) in ctx.departments.items():
        if department_id == lead["department_id"]:
            return code
    return None


def _fill_form(ctx: Context, story: Story, a: dict, at: datetime, resolved: bool) -> dict:
    rng = ctx.rng
    note = texts.feedback(rng, story.kind, resolved)
    complaint_true = resolved or rng.random() < 0.5
    a.update(
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
            when = between(ctx.rng, max(since, a.get("accepted_at") or since), at, 0.5, 0.95)
            data = _fill_form(ctx, story, a, when, True)
            story.act(when, ctx.operator(), OPERATOR, E.FEEDBACK, a["feedback"], data, a)
    lead = story.lead()
    data = _fill_form(ctx, story, lead, at, resolved)
    story.act(at, ctx.operator(), OPERATOR, E.FEEDBACK, lead["feedback"], data, lead)


def reject(ctx: Context, story: Story, at: datetime) -> None:
    """Review sends the lead's result back: core makes its assignment accepted again."""
    lead = story.lead()
    lead["fed_back_at"] = None
    story.act(at, ctx.supervisor, SUPERVISOR, E.REJECT, "反馈不完整，请补充处置情况",
              {"assignment_id": lead["id"]})  # fmt: skip


def _outcome(story: Story) -> str:
    if story.fate is Fate.UNRESOLVED:
        return Outcome.UNRESOLVED.value
    return Outcome.RESOLVED.value


def close(ctx: Context, story: Story, at: datetime) -> None:
    """The supervisor signs off the result; core settles every open assignment as done."""
    done = [a["id"] for a in story.open_assignments()]
    story.outcome = _outcome(story)
    story.closed_at = at
    story.act(at, ctx.supervisor, SUPERVISOR, E.CLOSE, "经审核，办理结果符合要求，同意办结",
              {"outcome": story.outcome, "done_assignment_ids": done})  # fmt: skip


def solve_in_grid(ctx: Context, story: Story, at: datetime) -> None:
    """ "小事不出网格": the grid settles it; core marks its assignment done and withdraws the
    departments'."""
    note = texts.feedback(ctx.rng, story.kind, story.fate is not Fate.UNRESOLVED)
    story.outcome = _outcome(story)
    story.closed_at = at
    story.solved_in_grid = True
    story.act(at, ctx.operator(), OPERATOR, E.SOLVE_IN_GRID, note,
              {"grid_id": story.grid_id, "outcome": story.outcome})  # fmt: skip


def urge(ctx: Context, story: Story, at: datetime) -> None:
    story.urge_count += 1
    story.act(at, ctx.operator(), OPERATOR, E.URGE, ctx.rng.choice(texts.URGE_NOTES),
              {"urge_count": story.urge_count})  # fmt: skip


def supervise(ctx: Context, story: Story, at: datetime) -> None:
    """督办: names the lead department, or the grid's village committee."""
    lead = story.lead() if story.assignments else None
    code = next(
        (c for c, (i, _n) in ctx.departments.items() if lead and i == lead["department_id"]),
        story.committee,
    )
    department_id, name = ctx.departments[code]
    story.supervised = True
    story.act(at, ctx.supervisor, SUPERVISOR, E.SUPERVISE, ctx.rng.choice(texts.SUPERVISE_NOTES),
              {"department": name, "department_id": department_id})  # fmt: skip


def escalate(ctx: Context, story: Story, a: dict, at: datetime) -> None:
    """超时未签收督办: an assignment still not accepted after its accept-by time."""
    a["escalated_at"] = at
    name = next((n for i, n in ctx.departments.values() if i == a["department_id"]), None)
    late = int((at - a["accept_by"]).total_seconds() // 60)
    story.act(at, ctx.operator(), OPERATOR, E.ESCALATE, "超时未签收，请立即签收办理",
              {"assignment_id": a["id"], "role": a["role"], "department_id": a["department_id"],
               "department": name, "grid_id": a["grid_id"], "minutes_late": late},
              a)  # fmt: skip


def ask_extension(
    ctx: Context, story: Story, a: dict, at: datetime, proposed: datetime, reason: str
) -> dict:
    """申请延期: the department asks for more time; the request waits for a supervisor."""
    request = {
        "id": ctx.next_id("extension_request"),
        "ticket_id": story.ticket_id,
        "assignment_id": a["id"],
        "reason": reason,
        "proposed_finish_by": proposed,
        "previous_finish_by": a["finish_by"],
        "requested_at": at,
        "requested_by_id": ctx.operator(),
        "decision": "pending",
        "decided_at": None,
        "decided_by_id": None,
        "decision_note": "",
    }
    story.extensions.append(request)
    story.act(at, request["requested_by_id"], OPERATOR, E.EXTEND_REQUEST, reason,
              {"request_id": request["id"], "assignment_id": a["id"],
               "previous_finish_by": a["finish_by"].isoformat(sep=" "),
               "proposed_finish_by": proposed.isoformat(sep=" ")},
              a)  # fmt: skip
    return request


def decide_extension(
    ctx: Context, story: Story, request: dict, a: dict, at: datetime, approve: bool, note: str
) -> None:
    """延期审批: approval moves the assignment's finish-by (and the ticket's deadline for the
    lead); a refusal only records the decision."""
    data = {
        "request_id": request["id"],
        "assignment_id": a["id"],
        "approved": approve,
        "previous_finish_by": a["finish_by"].isoformat(sep=" "),
        "proposed_finish_by": request["proposed_finish_by"].isoformat(sep=" "),
    }
    if approve:
        finish = request["proposed_finish_by"]
        a["finish_by"] = finish
        data["finish_by"] = finish.isoformat(sep=" ")
        if a["role"] == LEAD and finish > story.deadline_at:
            story.deadline_at = finish
            story.deadline_from = at
            data["deadline_at"] = finish.isoformat(sep=" ")
    request.update(decision="approved" if approve else "refused", decided_at=at,
                   decided_by_id=ctx.supervisor, decision_note=note)  # fmt: skip
    story.act(at, ctx.supervisor, SUPERVISOR, E.EXTEND_DECIDE, note, data)


def suspend(ctx: Context, story: Story, at: datetime, reason: str) -> None:
    """挂起: the ticket waits (for the reporter, a court ...); core stops its clock."""
    story.act(at, ctx.supervisor, SUPERVISOR, E.SUSPEND, reason,
              {"reason": reason, "suspended_at": at.isoformat(sep=" ")})  # fmt: skip


def _reopen(ctx: Context, story: Story, at: datetime) -> None:
    story.reopen_count += 1
    story.closed_at = None
    story.outcome = None
    story.solved_in_grid = False
    story.deadline_from = at
    story.deadline_at = ctx.deadlines.after(at, finish_limit(story.category, story.priority))


def callback(
    ctx: Context,
    story: Story,
    at: datetime,
    rating: str | None,
    reopen: bool,
    channel: str = "phone",
) -> None:
    """回访: one call to the reporter, on record; a dissatisfied one may send the ticket back
    for handling. ``rating`` None: not reached (channel unreachable), still to call back."""
    user = ctx.operator()
    if rating is not None:
        story.satisfaction = rating
    if reopen:
        _reopen(ctx, story, at)
    note = "" if rating else "电话未接通"
    story.callbacks.append(
        {"id": ctx.next_id("callback_record"), "ticket_id": story.ticket_id, "called_at": at,
         "called_by_id": user, "channel": channel, "satisfaction": rating, "note": note,
         "reopened": reopen}
    )  # fmt: skip
    story.act(at, user, OPERATOR, E.CALLBACK, note,
              {"reopen": reopen, "satisfaction": rating, "channel": channel},
              reopen=reopen)  # fmt: skip


def reopen(ctx: Context, story: Story, at: datetime) -> None:
    """重办 by the supervisor: pending dispatch again with a fresh deadline."""
    _reopen(ctx, story, at)
    story.act(at, ctx.supervisor, SUPERVISOR, E.REOPEN, "回访不满意，重新办理",
              {"reopen_count": story.reopen_count})  # fmt: skip


def merge(ctx: Context, duplicate: Story, kept: Story, kept_code: str, at: datetime,
          title: str, reporter: tuple[str | None, str | None], code: str) -> None:  # fmt: skip
    """Fold ``duplicate`` into ``kept``: a merge event on one, "merged in" on the other."""
    user = ctx.operator()
    duplicate.act(at, user, OPERATOR, E.MERGE, f"与工单{kept_code}重复，已合并",
                  {"merged_into_code": kept_code, "merged_into_id": kept.ticket_id})  # fmt: skip
    status = kept.status_at(at)
    kept.events.append(
        (at, user, EventAction.MERGED_IN.value, status, status, f"与工单{kept_code}重复，已合并",
         _json({"code": code, "reporter_name": reporter[0], "reporter_phone": reporter[1],
                "ticket_id": duplicate.ticket_id, "title": title}))
    )  # fmt: skip


def answer(duplicate: Story, kept: Story, kept_code: str, event: tuple) -> None:
    """The kept ticket's closing answers the duplicate with the same result: its closing time
    and outcome, an event of the same action on it (the status stays merged)."""
    at, user, action, _from, _to, note, data = event
    outcome = json.loads(data)["outcome"]
    duplicate.closed_at = at
    duplicate.outcome = outcome
    duplicate.answered = True
    duplicate.events.append(
        (at, user, action, MERGED, MERGED, note,
         _json({"answered_by": kept_code, "answered_by_id": kept.ticket_id,
                "outcome": outcome, "result": note}))
    )  # fmt: skip


def record(
    ctx: Context, story: Story, at: datetime, action: EventAction, note: str, data: dict
) -> None:
    """Work on the record beside the workflow (an inspection, a notice, its check-back): the
    status never changes. Written once the story is told (``settle_records``), when the status
    at ``at`` is known."""
    role = SUPERVISOR if action is E.NOTICE else OPERATOR
    user = ctx.supervisor if role is SUPERVISOR else ctx.operator()
    story.records.append((at, user, role, action, note, data))


def settle_records(story: Story) -> None:
    """The story's record events, each checked by core against the status it had then."""
    for at, user, role, action, note, data in story.records:
        status = story.status_at(at)
        to, _changes, _new, _suspended = core_step(
            action, status, story.assignments, role, None, False, story.answered, False, False
        )
        story.events.append((at, user, action.value, status, to, note, _json(data)))
    story.records.clear()
