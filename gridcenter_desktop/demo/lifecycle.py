"""The life of one demo ticket: its events and assignments, consistent with its final status.

Registered → dispatched (to its grid, or to a lead department with sometimes assisting ones)
→ accepted → fed back → closed, with the detours real tickets take: returned and re-dispatched,
urged, supervised when overdue, sent back at review, called back, reopened after an unhappy
callback. Every event's time lies between the ticket's creation and the segment's "now", and
each event starts from the status the previous one left.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from gridcenter_desktop.core.categories import category as category_of
from gridcenter_desktop.core.deadlines import (
    LimitUnit,
    TimeLimit,
    WorkCalendar,
    accept_limit,
    finish_limit,
)
from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    Priority,
    Satisfaction,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.demo import texts
from gridcenter_desktop.demo.plan import Fate

# Plain strings: enum attribute access costs more than the rest of an event, a million times.
PENDING = _PENDING = TicketStatus.PENDING_DISPATCH.value
_DISPATCHED = TicketStatus.DISPATCHED.value
_IN_PROGRESS = TicketStatus.IN_PROGRESS.value
_AWAITING = TicketStatus.AWAITING_REVIEW.value
_CLOSED = TicketStatus.CLOSED.value
_MERGED = TicketStatus.MERGED.value
REGISTER = EventAction.REGISTER.value
DISPATCH = EventAction.DISPATCH.value
ACCEPT = EventAction.ACCEPT.value
RETURN = EventAction.RETURN.value
FEEDBACK = EventAction.FEEDBACK.value
CLOSE = EventAction.CLOSE.value
REJECT = EventAction.REJECT.value
SOLVE_IN_GRID = EventAction.SOLVE_IN_GRID.value
REOPEN = EventAction.REOPEN.value
URGE = EventAction.URGE.value
SUPERVISE = EventAction.SUPERVISE.value
MERGE = EventAction.MERGE.value
MERGED_IN = EventAction.MERGED_IN.value
CALLBACK = EventAction.CALLBACK.value
_AS_PENDING = AssignmentStatus.PENDING.value
_AS_ACCEPTED = AssignmentStatus.ACCEPTED.value
_AS_RETURNED = AssignmentStatus.RETURNED.value
_AS_FED_BACK = AssignmentStatus.FED_BACK.value
_AS_DONE = AssignmentStatus.DONE.value
_AS_CANCELLED = AssignmentStatus.CANCELLED.value
_LEAD = AssignmentRole.LEAD.value

ON_TIME_SHARE = 0.955


# One encoder for every event (json.dumps builds a new one per call with these options).
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


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
    """What every ticket's story needs: randomness, deadlines, who is who."""

    rng: random.Random
    deadlines: Deadlines
    department_ids: dict[str, int]
    department_codes: dict[int, str]
    operators: tuple[int, ...]
    supervisor: int
    horizon: datetime


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
    dispatched_at: datetime | None = None
    closed_at: datetime | None = None
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
        self.events.append((at, user, action, self.status, to, note, _json(data) if data else None))
        self.status = to

    def status_at(self, at: datetime) -> str:
        """The status the ticket had at ``at`` (its events so far)."""
        status = _PENDING
        for event in self.events:
            if event[0] > at:
                break
            status = event[4]
        return status


def _between(rng: random.Random, start: datetime, end: datetime, low: float, high: float):
    """A whole-second time at a random fraction in [low, high] of start..end."""
    span = (end - start).total_seconds()
    return start + timedelta(seconds=int(span * rng.uniform(low, high)))


def _soon(rng: random.Random, start: datetime, end: datetime, minutes: float, cap: float):
    """``start`` plus up to ``minutes`` minutes, but no more than ``cap`` of the way to end."""
    span = (end - start).total_seconds()
    return start + timedelta(seconds=int(min(rng.uniform(0.2, 1) * minutes * 60, span * cap)))


def _route(rng: random.Random, story: Story) -> str:
    """ "solve" (the grid settles it on the spot), "grid" (dispatched to the grid) or "dept"."""
    if story.kind is TicketKind.DISPUTE:
        roll = rng.random()
        return "solve" if roll < 0.35 else "grid" if roll < 0.8 else "dept"
    if story.kind is TicketKind.ORDINARY:
        if story.source is TicketSource.GRID_PATROL and rng.random() < 0.3:
            return "solve"
        return "grid" if rng.random() < 0.17 else "dept"
    return "dept"


def _departments(rng: random.Random, story: Story) -> tuple[str, list[str]]:
    """The lead department's code and the assisting ones for a dispatch."""
    if story.kind is TicketKind.DISPUTE:
        return "judicial", [story.committee] if rng.random() < 0.6 else []
    if story.kind is TicketKind.PETITION:
        return "petition", [story.committee] if rng.random() < 0.6 else []
    if story.kind is TicketKind.SUGGESTION:
        lead = rng.choice(("construction", "civil", "housing", "social"))
        return lead, [story.committee]
    usual = category_of(story.category).departments
    if not usual:
        return story.committee, []
    if story.category in ("unlicensed_business", "food_safety", "tourism") and rng.random() < 0.05:
        # Joint inspection (联合检查), like the unlicensed B&Bs of 漫山岛 in the report.
        return "market", ["food", "tourism", "police", "fire", story.committee]
    assists = [code for code in usual[1:] if rng.random() < 0.5]
    if rng.random() < 0.15:
        assists.append(story.committee)
    return usual[0], assists


def _alternative(story: Story, returned: str) -> str:
    """Where a returned ticket goes next: the category's next department or the committee."""
    for code in category_of(story.category).departments:
        if code != returned:
            return code
    return story.committee if returned != story.committee else "enforcement"


def _operator(ctx: Context) -> int:
    return ctx.rng.choice(ctx.operators)


def _dispatch(
    ctx: Context, story: Story, at: datetime, route: str, first: bool, avoid: str | None = None
) -> None:
    rng = ctx.rng
    whistle = story.priority is Priority.CRITICAL and route == "dept"
    accept_by = ctx.deadlines.after(at, accept_limit(story.priority, whistle))
    if first and story.deadline_at > at:
        finish_by = story.deadline_at
    else:
        finish_by = ctx.deadlines.after(at, finish_limit(story.category, story.priority))
    base = {
        "status": _AS_PENDING,
        "created_at": at,
        "accept_by": accept_by,
        "finish_by": finish_by,
        "instructions": "",
    }
    if route == "grid":
        story.assignments.append(
            {**base, "grid_id": story.grid_id, "department_id": None, "role": "lead"}
        )
        data: dict = {"grid_id": story.grid_id}
        note = "小事不出网格，派网格处置"
    else:
        lead, assists = _departments(rng, story)
        if lead == avoid:
            lead = _alternative(story, avoid)
        assists = [code for code in assists if code != lead]
        roles = [(lead, AssignmentRole.LEAD)] + [(c, AssignmentRole.ASSIST) for c in assists]
        for code, role in roles:
            story.assignments.append(
                {
                    **base,
                    "grid_id": None,
                    "department_id": ctx.department_ids[code],
                    "role": role.value,
                    "instructions": "吹哨报到，请立即签收并赶赴现场" if whistle else "",
                }
            )
        data = {"lead": lead, "assist": assists}
        if whistle:
            data["whistle"] = True
        note = "联合检查" if len(assists) >= 3 else ""
    if story.dispatched_at is None:
        story.dispatched_at = at
    story.add(at, _operator(ctx), DISPATCH, _DISPATCHED, note, data)


_FINISHED = (_AS_RETURNED, _AS_CANCELLED, _AS_DONE)


def _live(story: Story) -> list[dict]:
    """The assignments of the current dispatch, lead first."""
    return [a for a in story.assignments if a["status"] not in _FINISHED]


def _who(ctx: Context, assignment: dict) -> dict:
    if assignment["grid_id"] is not None:
        return {"grid_id": assignment["grid_id"]}
    return {"department": ctx.department_codes[assignment["department_id"]]}


def _return(ctx: Context, story: Story, at: datetime) -> str:
    """The lead department sends the ticket back; returns the code it had."""
    reason = ctx.rng.choice(texts.RETURN_REASONS)
    live = _live(story)
    for a in live:
        if a["role"] == _LEAD:
            a.update(status=_AS_RETURNED, returned_at=at, return_reason=reason)
        else:
            a["status"] = _AS_CANCELLED
    who = _who(ctx, live[0])
    story.add(at, None, RETURN, _PENDING, reason, who)
    return who.get("department", "")


def _accept(ctx: Context, story: Story, at: datetime) -> None:
    live = _live(story)
    for a in live:
        a.update(status=_AS_ACCEPTED, accepted_at=at)
    story.add(at, None, ACCEPT, _IN_PROGRESS, "", _who(ctx, live[0]))


def _feedback(ctx: Context, story: Story, at: datetime, resolved: bool) -> None:
    rng = ctx.rng
    note = rng.choice(texts.FEEDBACK_RESOLVED if resolved else texts.FEEDBACK_UNRESOLVED)
    live = _live(story)
    for a in live:
        a.update(
            status=_AS_FED_BACK,
            fed_back_at=at,
            complaint_true=resolved or rng.random() < 0.5,
            solved=resolved,
            feedback=note,
            public_reply=rng.choice(texts.PUBLIC_REPLIES),
        )
    story.add(at, None, FEEDBACK, _AWAITING, note, _who(ctx, live[0]))


def _urge(ctx: Context, story: Story, at: datetime) -> None:
    story.add(at, _operator(ctx), URGE, story.status, ctx.rng.choice(texts.URGE_NOTES))
    story.urge_count += 1


def _supervise(ctx: Context, story: Story, at: datetime) -> None:
    note = ctx.rng.choice(texts.SUPERVISE_NOTES)
    story.add(at, ctx.supervisor, SUPERVISE, story.status, note)
    story.supervised = True


def _dispatch_and_accept(
    ctx: Context, story: Story, start: datetime, end: datetime, route: str, first: bool
) -> datetime:
    """Dispatch (sometimes returned and dispatched again) and acceptance inside start..end;
    returns when the ticket was accepted."""
    rng = ctx.rng
    at = _soon(rng, start, end, 90, 0.08)
    _dispatch(ctx, story, at, route, first)
    if route == "dept" and rng.random() < 0.05:
        at = _soon(rng, at, end, 360, 0.08)
        returned = _return(ctx, story, at)
        at = _soon(rng, at, end, 120, 0.05)
        _dispatch(ctx, story, at, route, first, avoid=returned)
    window = (_live(story)[0]["accept_by"] - at).total_seconds() / 60
    at = _soon(rng, at, end, max(window * 0.8, 10), 0.25)
    _accept(ctx, story, at)
    return at


def _round(
    ctx: Context, story: Story, start: datetime, end: datetime, route: str, first: bool
) -> None:
    """Dispatch → accept → (urge, supervise) → feedback → (rejected at review, feedback)
    → close, all inside start..end; the ticket closes at ``end``."""
    rng = ctx.rng
    resolved = story.fate is Fate.RESOLVED
    accepted = _dispatch_and_accept(ctx, story, start, end, route, first)
    feedback_at = _between(rng, accepted, end, 0.7, 0.95)
    if rng.random() < 0.06:
        _urge(ctx, story, _between(rng, accepted, feedback_at, 0.3, 0.6))
    if accepted < story.deadline_at < feedback_at and rng.random() < 0.6:
        _supervise(ctx, story, _between(rng, story.deadline_at, feedback_at, 0.05, 0.3))
    _feedback(ctx, story, feedback_at, resolved)
    if rng.random() < 0.03:
        rejected_at = _between(rng, feedback_at, end, 0.2, 0.4)
        for a in _live(story):
            a["status"] = _AS_ACCEPTED
        story.add(
            rejected_at,
            ctx.supervisor,
            REJECT,
            _IN_PROGRESS,
            "反馈不完整，请补充处置情况",
        )
        _feedback(ctx, story, _between(rng, rejected_at, end, 0.5, 0.8), resolved)
    for a in _live(story):
        a["status"] = _AS_DONE
    closer = ctx.supervisor if rng.random() < 0.4 else _operator(ctx)
    story.add(end, closer, CLOSE, _CLOSED, "经审核，办理结果符合要求，同意办结")
    story.closed_at = end


def _close_time(ctx: Context, story: Story, limit: datetime) -> datetime:
    """When a closed ticket closes: mostly before its deadline, never after ``limit``."""
    rng = ctx.rng
    created = story.created_at
    if rng.random() < ON_TIME_SHARE:
        at = _between(rng, created, story.deadline_at, 0.15, 0.97)
    else:
        at = story.deadline_at + timedelta(seconds=rng.randrange(2 * 3600, 6 * 86400))
    if at > limit:
        at = _between(rng, created, limit, 0.6, 0.98)
    return at


def _callback(ctx: Context, story: Story, limit: datetime) -> bool:
    """Phone the reporter after closing; True when they were not satisfied."""
    rng = ctx.rng
    at = story.closed_at + timedelta(seconds=rng.randrange(2 * 3600, 72 * 3600))
    if at > limit:
        return False
    roll = rng.random()
    if roll < 0.88:
        rating = Satisfaction.SATISFIED
    elif roll < 0.97:
        rating = Satisfaction.BASICALLY_SATISFIED
    else:
        rating = Satisfaction.DISSATISFIED
    story.satisfaction = rating.value
    story.add(at, _operator(ctx), CALLBACK, _CLOSED, "", {"satisfaction": rating.value})
    return rating is Satisfaction.DISSATISFIED


def tell_closed(ctx: Context, story: Story) -> None:
    """A ticket that ends closed (resolved or not), with callback and perhaps a reopening."""
    rng = ctx.rng
    # Leave the last minutes before "now" free, unless the ticket arrived in them.
    limit = max(ctx.horizon - timedelta(minutes=5), min(story.created_at, ctx.horizon))
    route = _route(rng, story)
    close_at = _close_time(ctx, story, limit)
    if route == "solve":
        note = rng.choice(
            texts.FEEDBACK_RESOLVED[:3]
            if story.fate is Fate.RESOLVED
            else texts.FEEDBACK_UNRESOLVED[:1]
        )
        story.add(
            close_at,
            _operator(ctx),
            SOLVE_IN_GRID,
            _CLOSED,
            note,
            {"grid_id": story.grid_id},
        )
        story.closed_at = close_at
        story.solved_in_grid = True
        return
    _round(ctx, story, story.created_at, close_at, route, first=True)
    story.solved_in_grid = route == "grid"
    wants_callback = story.source is TicketSource.HOTLINE and rng.random() < 0.85
    if not wants_callback or not _callback(ctx, story, limit):
        return
    reopen_at = story.events[-1][0] + timedelta(seconds=rng.randrange(600, 6 * 3600))
    again_at = reopen_at + timedelta(seconds=rng.randrange(86400, 5 * 86400))
    if rng.random() < 0.5 or again_at > limit:
        return
    story.add(reopen_at, ctx.supervisor, REOPEN, _PENDING, "回访不满意，重新办理")
    story.reopen_count += 1
    _round(ctx, story, reopen_at, again_at, route, first=False)
    _callback(ctx, story, limit)


def tell_open(ctx: Context, story: Story) -> None:
    """A ticket still open at the segment's "now", in the status its fate names."""
    rng = ctx.rng
    now = ctx.horizon
    target = story.fate.value
    route = _route(rng, story)
    route = "grid" if route == "solve" else route
    if target == _PENDING:
        if rng.random() < 0.2 and now - story.created_at > timedelta(hours=2):
            at = _soon(rng, story.created_at, now, 90, 0.3)
            _dispatch(ctx, story, at, route, True)
            _return(ctx, story, _between(rng, at, now, 0.2, 0.9))
        return
    end = _between(rng, story.created_at, now, 0.9, 0.99)
    if target == _DISPATCHED:
        _dispatch(ctx, story, _soon(rng, story.created_at, end, 90, 0.3), route, True)
        if _live(story)[0]["accept_by"] < now and rng.random() < 0.5:
            _urge(ctx, story, _between(rng, _live(story)[0]["accept_by"], now, 0.1, 0.9))
        return
    accepted = _dispatch_and_accept(ctx, story, story.created_at, end, route, True)
    if target == _IN_PROGRESS:
        if rng.random() < 0.15:
            _urge(ctx, story, _between(rng, accepted, now, 0.2, 0.5))
        if accepted < story.deadline_at < now and rng.random() < 0.7:
            _supervise(ctx, story, _between(rng, story.deadline_at, now, 0.1, 0.9))
        return
    _feedback(ctx, story, _between(rng, accepted, now, 0.5, 0.95), resolved=True)


def tell_merged(ctx: Context, story: Story, target: Story, target_code: str) -> int:
    """A duplicate registered after ``target`` and folded into it soon after; the target's
    timeline gets the matching "merged in" event. Returns the target's id."""
    rng = ctx.rng
    at = story.created_at + timedelta(seconds=rng.randrange(300, 3 * 3600))
    at = min(at, ctx.horizon - timedelta(minutes=1))
    story.add(
        at,
        _operator(ctx),
        MERGE,
        _MERGED,
        f"与工单{target_code}重复，已合并",
        {"into": target_code},
    )
    status = target.status_at(at)
    target.events.append(
        (
            at,
            story.events[-1][1],
            EventAction.MERGED_IN.value,
            status,
            status,
            "重复反映已并入本单",
            _json({"ticket_id": story.ticket_id}),
        )
    )
    return target.ticket_id
