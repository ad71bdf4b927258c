"""The life of one demo ticket, consistent with the fate the plan gave it.

Registered → dispatched (to its grid, or to a lead department with sometimes assisting ones)
→ accepted → fed back → closed, with the detours real tickets take: returned and re-dispatched,
urged, supervised when overdue, sent back at review, called back, reopened after an unhappy
callback. Small matters and most disputes are settled in the grid ("小事不出网格"); in recent
years (2020-01-01 .. 2022-10-25) every dispute resolved was settled by the grid itself. A fate
holds at the segment's horizon; the report's still open tickets go on to the demo's "now"
(long-running matters: most got more time, a few are suspended, the rest overdue and
supervised). Departments are added (加派), missed acceptances escalated, time asked for and
granted or refused, reporters called back (some not reached at first), joint inspections held
and rectification notices issued and checked back. Every event lies between the ticket's
creation and the demo's "now", and core's transition gives each step's status.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from gridcenter_desktop.core.categories import category as category_of
from gridcenter_desktop.core.enums import (
    AssignmentStatus,
    CallbackChannel,
    Satisfaction,
    TicketKind,
    TicketSource,
)
from gridcenter_desktop.demo import inspections
from gridcenter_desktop.demo import lifecycle as step
from gridcenter_desktop.demo.lifecycle import Context, Story, between, in_office_hours, soon
from gridcenter_desktop.demo.plan import Fate
from gridcenter_desktop.demo.schedule import LIVE_START, PERIOD_END, RECENT_START

ON_TIME_SHARE = 0.955
_SATISFACTION = (
    (Satisfaction.SATISFIED.value, 0.88),
    (Satisfaction.BASICALLY_SATISFIED.value, 0.09),
    (Satisfaction.DISSATISFIED.value, 0.03),
)
_DISPATCH_NOTES = ("", "", "请尽快核实处置并反馈。", "请按时限办理。")
_EXTENSION_REASONS = (
    "需协调多个部门现场会商，申请延期办理。",
    "涉及历史遗留问题，已纳入整改计划，申请延期。",
    "需等待第三方检测报告，申请延期。",
    "施工受天气影响，申请延期完成。",
)
_SUSPEND_REASONS = ("等待反映人提供相关材料，暂挂起。", "已进入司法程序，待法院判决，暂挂起。")
_PENDING = AssignmentStatus.PENDING.value
_ACCEPTED = AssignmentStatus.ACCEPTED.value
_SPAN_FIRST = datetime(RECENT_START.year, RECENT_START.month, RECENT_START.day)
_SPAN_END = datetime(PERIOD_END.year, PERIOD_END.month, PERIOD_END.day) + timedelta(days=1)
_LIVE_FIRST = datetime(LIVE_START.year, LIVE_START.month, LIVE_START.day)


def _in_span(story: Story) -> bool:
    """Registered in "recent years" (2020-01-01 .. 2022-10-25)."""
    return _SPAN_FIRST <= story.created_at < _SPAN_END


def _route(rng: random.Random, story: Story) -> str:
    """ "solve" (the grid settles it on the spot), "grid" (dispatched to the grid) or "dept"."""
    if story.kind is TicketKind.DISPUTE:
        roll = rng.random()
        if story.fate is Fate.RESOLVED and _in_span(story):
            # The report's 2,596: every one settled inside the grid.
            return "solve" if roll < 0.45 else "grid"
        return "solve" if roll < 0.35 else "grid" if roll < 0.8 else "dept"
    if story.kind is TicketKind.ORDINARY:
        if story.source is TicketSource.GRID_PATROL and rng.random() < 0.3:
            return "solve"
        return "grid" if rng.random() < 0.17 else "dept"
    return "dept"


def _departments(rng: random.Random, story: Story, avoid: str | None) -> tuple[str, list[str]]:
    """The lead department's code and the assisting ones for a dispatch."""
    if story.kind is TicketKind.DISPUTE:
        lead, assists = "judicial", [story.committee] if rng.random() < 0.6 else []
    elif story.kind is TicketKind.PETITION:
        lead, assists = "petition", [story.committee] if rng.random() < 0.6 else []
    elif story.kind is TicketKind.SUGGESTION:
        lead = rng.choice(("construction", "civil", "housing", "social"))
        assists = [story.committee]
    else:
        usual = category_of(story.category).departments or (story.committee,)
        if story.category in ("unlicensed_business", "food_safety", "tourism") and (
            rng.random() < 0.05
        ):
            # Joint inspection (联合检查), like the unlicensed B&Bs of 漫山岛 in the report.
            lead, assists = "market", ["food", "tourism", "police", "fire", story.committee]
        else:
            lead = usual[0]
            assists = [code for code in usual[1:] if rng.random() < 0.5]
            if rng.random() < 0.15:
                assists.append(story.committee)
    if lead == avoid:
        # Returned as not ours: the next department of the category, or the committee.
        others = [c for c in category_of(story.category).departments if c != avoid]
        lead = others[0] if others else (story.committee if avoid != story.committee else "civil")
    return lead, [c for c in dict.fromkeys(assists) if c != lead]


def _dispatch(ctx: Context, story: Story, at: datetime, route: str, avoid: str | None = None):
    rng = ctx.rng
    if route == "grid":
        step.dispatch(ctx, story, at, None, [], "小事不出网格，请网格核实处置")
        return
    lead, assists = _departments(rng, story, avoid)
    note = "联合检查，请各单位协同处置" if len(assists) >= 3 else rng.choice(_DISPATCH_NOTES)
    step.dispatch(ctx, story, at, lead, assists, note)


def _dispatch_and_accept(
    ctx: Context, story: Story, start: datetime, end: datetime, route: str
) -> datetime:
    """Dispatch (sometimes returned and dispatched again) and acceptance inside start..end;
    returns when the lead accepted."""
    rng = ctx.rng
    at = soon(rng, start, end, 90, 0.08)
    _dispatch(ctx, story, at, route)
    if route == "dept" and rng.random() < 0.05:
        at = soon(rng, at, end, 360, 0.08)
        returned = step.return_lead(ctx, story, at)
        at = soon(rng, at, end, 120, 0.05)
        _dispatch(ctx, story, at, route, avoid=returned)
    window = (story.lead()["accept_by"] - at).total_seconds() / 60
    at = soon(rng, at, end, max(window * 0.8, 10), 0.25)
    step.accept(ctx, story, at, end)
    return at


def _round(ctx: Context, story: Story, start: datetime, end: datetime, route: str) -> None:
    """One round of handling inside start..end; the ticket closes at ``end``."""
    rng = ctx.rng
    accepted = _dispatch_and_accept(ctx, story, start, end, route)
    done_at = between(rng, accepted, end, 0.7, 0.95) if route != "grid" else end
    if route == "dept" and rng.random() < 0.005:
        _add_department(ctx, story, between(rng, accepted, done_at, 0.1, 0.3), done_at)
    if route == "dept" and inspections.joint(story):
        inspections.hold(ctx, story, between(rng, accepted, done_at, 0.2, 0.5))
    if rng.random() < 0.06:
        step.urge(ctx, story, between(rng, accepted, done_at, 0.3, 0.6))
    if accepted < story.deadline_at < done_at and rng.random() < 0.6:
        step.supervise(ctx, story, between(rng, story.deadline_at, done_at, 0.05, 0.3))
    if route == "grid":
        step.solve_in_grid(ctx, story, end)
        return
    resolved = story.fate is not Fate.UNRESOLVED
    step.feed_back(ctx, story, done_at, accepted, resolved)
    if rng.random() < 0.03:
        rejected_at = between(rng, done_at, end, 0.2, 0.4)
        step.reject(ctx, story, rejected_at)
        step.feed_back(ctx, story, between(rng, rejected_at, end, 0.5, 0.8), rejected_at, resolved)
    step.close(ctx, story, end)


def _add_department(ctx: Context, story: Story, at: datetime, until: datetime) -> dict:
    """加派: the committee (or another department of the category) joins the handling."""
    lead = story.lead()
    taken = {a["department_id"] for a in story.open_assignments()}
    choices = [story.committee, *category_of(story.category).departments]
    code = next(
        (c for c in choices if c in ctx.departments and ctx.departments[c][0] not in taken),
        None,
    )
    if code is None or lead["status"] != _ACCEPTED:
        return {}
    added = step.add_assignee(ctx, story, at, code)
    if until > at:
        step.accept_one(ctx, story, added, soon(ctx.rng, at, until, 240, 0.3))
    return added


def _close_time(ctx: Context, story: Story, limit: datetime) -> datetime:
    """When a closed ticket closes: mostly before its deadline, never after ``limit``."""
    rng = ctx.rng
    created = story.created_at
    if rng.random() < ON_TIME_SHARE:
        at = between(rng, created, story.deadline_at, 0.15, 0.97)
    else:
        late = story.deadline_at + timedelta(seconds=rng.randrange(2 * 3600, 6 * 86400))
        at = in_office_hours(rng, late, limit)
    if at > limit:
        at = between(rng, created, limit, 0.6, 0.98)
    return at


def _rating(rng: random.Random) -> str:
    roll = rng.random()
    for rating, share in _SATISFACTION:
        if roll < share:
            return rating
        roll -= share
    return Satisfaction.SATISFIED.value


def _channel(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.85:
        return CallbackChannel.PHONE.value
    return CallbackChannel.SMS.value if roll < 0.95 else CallbackChannel.VISIT.value


def _call_back(
    ctx: Context, story: Story, at: datetime, limit: datetime, rating: str, reopen: bool
) -> datetime:
    """A callback round: sometimes the reporter does not answer first and is reached a few
    hours later. Returns when they were reached."""
    rng = ctx.rng
    if rng.random() < 0.08:
        later = in_office_hours(rng, at + timedelta(seconds=rng.randrange(3600, 8 * 3600)), limit)
        if at < later <= limit:
            step.callback(ctx, story, at, None, False, CallbackChannel.UNREACHABLE.value)
            at = later
    step.callback(ctx, story, at, rating, reopen, _channel(rng))
    return at


def tell_closed(ctx: Context, story: Story) -> None:
    """A ticket that ends closed (resolved or not), with callback and perhaps a reopening."""
    rng = ctx.rng
    # Leave the last minutes before "now" free, unless the ticket arrived in them.
    limit = max(ctx.horizon - timedelta(minutes=5), min(story.created_at, ctx.horizon))
    route = _route(rng, story)
    close_at = _close_time(ctx, story, limit)
    if route != "solve":
        _round(ctx, story, story.created_at, close_at, route)
    else:
        step.solve_in_grid(ctx, story, close_at)
    # Every reporter is called back (a video channel's find has none); a few never answer.
    if story.source is TicketSource.VIDEO or rng.random() > 0.97:
        return
    called_at = story.closed_at + timedelta(seconds=rng.randrange(2 * 3600, 72 * 3600))
    called_at = in_office_hours(rng, called_at, limit)
    if called_at > limit:
        return  # closed in the last days: still to be called back (待回访)
    rating = _rating(rng)
    if route == "solve":
        # Settled with the residents on the spot: they rate it; an unhappy one is not
        # reopened here (the grid's own follow-up is not modelled).
        if rating == Satisfaction.DISSATISFIED.value:
            rating = Satisfaction.BASICALLY_SATISFIED.value
        _call_back(ctx, story, called_at, limit, rating, reopen=False)
        return
    again_at = called_at + timedelta(seconds=rng.randrange(86400, 5 * 86400))
    unhappy = rating == Satisfaction.DISSATISFIED.value
    if not unhappy or rng.random() < 0.5 or again_at > limit:
        _call_back(ctx, story, called_at, limit, rating, reopen=False)
        return
    # The reporter is not satisfied: handled again, by the callback itself or by the
    # supervisor's reopening after it.
    if rng.random() < 0.5:
        called_at = _call_back(ctx, story, called_at, limit, rating, reopen=True)
    else:
        called_at = _call_back(ctx, story, called_at, limit, rating, reopen=False)
        called_at += timedelta(seconds=rng.randrange(600, 4 * 3600))
        step.reopen(ctx, story, called_at)
    again_at = max(again_at, called_at + timedelta(hours=20))
    if again_at > limit:
        again_at = between(rng, called_at, limit, 0.8, 0.95)
    _round(ctx, story, called_at, again_at, route)
    recall_at = again_at + timedelta(seconds=rng.randrange(2 * 3600, 48 * 3600))
    if recall_at <= limit:
        _call_back(ctx, story, recall_at, limit, Satisfaction.BASICALLY_SATISFIED.value, False)


def tell_open(ctx: Context, story: Story) -> None:
    """A ticket still open at the horizon, in the status its fate names; the report's open
    tickets then go on as long-running matters up to the demo's "now"."""
    rng = ctx.rng
    now = ctx.horizon
    target = story.fate
    route = _route(rng, story)
    route = "grid" if route == "solve" else route
    if target is Fate.PENDING_DISPATCH:
        if rng.random() < 0.2 and now - story.created_at > timedelta(hours=2):
            at = soon(rng, story.created_at, now, 90, 0.3)
            _dispatch(ctx, story, at, route)
            step.return_lead(ctx, story, between(rng, at, now, 0.2, 0.9))
        _carry_on(ctx, story)
        return
    end = between(rng, story.created_at, now, 0.9, 0.99)
    if target is Fate.DISPATCHED:
        _dispatch(ctx, story, soon(rng, story.created_at, end, 90, 0.3), route)
        _missed(ctx, story, now)
        _carry_on(ctx, story)
        return
    accepted = _dispatch_and_accept(ctx, story, story.created_at, end, route)
    if target is Fate.IN_PROGRESS:
        if route == "dept" and rng.random() < 0.03 and now - accepted > timedelta(hours=3):
            added = _add_department(ctx, story, between(rng, accepted, now, 0.3, 0.6), now)
            if added and added["status"] == _PENDING:
                _missed(ctx, story, now)
        if rng.random() < 0.15:
            step.urge(ctx, story, between(rng, accepted, now, 0.2, 0.5))
        if accepted < story.deadline_at < now and rng.random() < 0.7 and not _long(story, ctx):
            step.supervise(ctx, story, between(rng, story.deadline_at, now, 0.6, 0.9))
        if not _long(story, ctx):
            _more_time(ctx, story, accepted, now)
        _carry_on(ctx, story)
        return
    step.feed_back(ctx, story, between(rng, accepted, now, 0.5, 0.95), accepted, True)
    _carry_on(ctx, story)


def _long(story: Story, ctx: Context) -> bool:
    """One of the report's open tickets, still open at the demo's "now" years later."""
    return ctx.horizon < ctx.now and story.created_at < _LIVE_FIRST


def _missed(ctx: Context, story: Story, now: datetime) -> None:
    """Assignments not accepted by their accept-by time: the desk escalates some (超时未签收)."""
    for a in story.open_assignments():
        if a["status"] == _PENDING and a["accept_by"] < now and ctx.rng.random() < 0.5:
            step.escalate(ctx, story, a, between(ctx.rng, a["accept_by"], now, 0.1, 0.9))


def _more_time(ctx: Context, story: Story, accepted: datetime, now: datetime) -> None:
    """A few departments ask for more time: some requests wait for the supervisor, some are
    granted, some refused; one or two tickets are suspended (挂起) instead."""
    rng = ctx.rng
    roll = rng.random()
    lead = story.lead()
    if roll < 0.015 and story.suspended_at is None:
        step.suspend(
            ctx, story, between(rng, accepted, now, 0.5, 0.9), rng.choice(_SUSPEND_REASONS)
        )
        return
    if roll > 0.12 or lead["status"] != _ACCEPTED or now - accepted < timedelta(hours=4):
        return
    asked = between(rng, accepted, now, 0.3, 0.7)
    proposed = max(lead["finish_by"], asked) + timedelta(days=rng.randint(3, 15))
    request = step.ask_extension(ctx, story, lead, asked, proposed, rng.choice(_EXTENSION_REASONS))
    if roll < 0.05:
        return  # waits for the supervisor
    decided = between(rng, asked, now, 0.3, 0.9)
    if roll < 0.08:
        step.decide_extension(ctx, story, request, lead, decided, True, "同意延期，请按新时限办结")
    else:
        step.decide_extension(
            ctx, story, request, lead, decided, False, "理由不充分，请按原时限办结"
        )


def _carry_on(ctx: Context, story: Story) -> None:
    """The report's open tickets from its date to the demo's "now": most were granted more
    time for the long-running work (a date still ahead), a few were suspended, the rest are
    overdue and under supervision."""
    if not _long(story, ctx) or story.suspended_at is not None:
        return
    rng = ctx.rng
    now = ctx.now
    later = _LIVE_FIRST + (now - _LIVE_FIRST) * rng.uniform(0.6, 0.97)
    later = in_office_hours(rng, later, now)
    handled = [a for a in story.open_assignments() if a["role"] == step.LEAD]
    roll = rng.random()
    if handled and story.status in (step.DISPATCHED, step.IN_PROGRESS) and roll < 0.7:
        lead = handled[0]
        if roll < 0.004:
            step.suspend(ctx, story, later, _SUSPEND_REASONS[1])
            return
        proposed = now + timedelta(days=rng.randint(20, 150))
        request = step.ask_extension(ctx, story, lead, later, proposed, _EXTENSION_REASONS[1])
        decided = between(rng, later, now, 0.2, 0.6)
        step.decide_extension(
            ctx, story, request, lead, decided, True, "同意延期，纳入年度整改计划"
        )
        return
    step.supervise(ctx, story, later)


def tell_merged(
    ctx: Context,
    story: Story,
    kept: Story,
    kept_code: str,
    title: str,
    reporter: tuple[str | None, str | None],
    code: str,
) -> None:
    """A duplicate registered after ``kept`` and folded into it while it was open; answered
    when the kept ticket closed, its reporter called back on their own."""
    rng = ctx.rng
    at = story.created_at + timedelta(seconds=rng.randrange(300, 3 * 3600))
    latest = ctx.now - timedelta(minutes=1)
    closing = next((e for e in kept.events if e[2] in _CLOSINGS and e[0] > story.created_at), None)
    if closing is not None:
        latest = min(latest, closing[0] - timedelta(seconds=1))
    at = max(min(at, latest), story.created_at)
    step.merge(ctx, story, kept, kept_code, at, title, reporter, code)
    closing = next((e for e in kept.events if e[2] in _CLOSINGS and e[0] >= at), None)
    if closing is None:
        return
    step.answer(story, kept, kept_code, closing)
    limit = ctx.now - timedelta(minutes=5)
    called_at = in_office_hours(
        rng, closing[0] + timedelta(seconds=rng.randrange(7200, 72 * 3600)), limit
    )
    if called_at <= limit and rng.random() < 0.85:
        _call_back(ctx, story, called_at, limit, _rating(rng), reopen=False)


_CLOSINGS = frozenset({step.E.CLOSE.value, step.E.SOLVE_IN_GRID.value})
