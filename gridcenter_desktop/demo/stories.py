"""The life of one demo ticket, consistent with the fate the plan gave it.

Registered → dispatched (to its grid, or to a lead department with sometimes assisting ones)
→ accepted → fed back → closed, with the detours real tickets take: returned and re-dispatched,
urged, supervised when overdue, sent back at review, called back, reopened after an unhappy
callback. Small matters and most disputes are settled in the grid ("小事不出网格"). Every
event's time lies between the ticket's creation and the chunk's horizon ("now"), and each
starts from the status the previous one left.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from gridcenter_desktop.core.categories import category as category_of
from gridcenter_desktop.core.enums import Satisfaction, TicketKind, TicketSource
from gridcenter_desktop.demo import lifecycle as step
from gridcenter_desktop.demo.lifecycle import Context, Story, between, in_office_hours, soon
from gridcenter_desktop.demo.plan import Fate

ON_TIME_SHARE = 0.955
_SATISFACTION = (
    (Satisfaction.SATISFIED.value, 0.88),
    (Satisfaction.BASICALLY_SATISFIED.value, 0.09),
    (Satisfaction.DISSATISFIED.value, 0.03),
)
_DISPATCH_NOTES = ("", "", "请尽快核实处置并反馈。", "请按时限办理。")


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


def tell_closed(ctx: Context, story: Story) -> None:
    """A ticket that ends closed (resolved or not), with callback and perhaps a reopening."""
    rng = ctx.rng
    # Leave the last minutes before "now" free, unless the ticket arrived in them.
    limit = max(ctx.horizon - timedelta(minutes=5), min(story.created_at, ctx.horizon))
    route = _route(rng, story)
    close_at = _close_time(ctx, story, limit)
    if route == "solve":
        step.solve_in_grid(ctx, story, close_at)
        return
    _round(ctx, story, story.created_at, close_at, route)
    if story.source is not TicketSource.HOTLINE or rng.random() > 0.85:
        return
    called_at = story.closed_at + timedelta(seconds=rng.randrange(2 * 3600, 72 * 3600))
    called_at = in_office_hours(rng, called_at, limit)
    if called_at > limit:
        return
    rating = _rating(rng)
    again_at = called_at + timedelta(seconds=rng.randrange(86400, 5 * 86400))
    unhappy = rating == Satisfaction.DISSATISFIED.value
    if not unhappy or rng.random() < 0.5 or again_at > limit:
        step.callback(ctx, story, called_at, rating, reopen=False)
        return
    # The reporter is not satisfied: handled again, by the callback itself or by the
    # supervisor's reopening after it.
    if rng.random() < 0.5:
        step.callback(ctx, story, called_at, rating, reopen=True)
    else:
        step.callback(ctx, story, called_at, rating, reopen=False)
        called_at += timedelta(seconds=rng.randrange(600, 4 * 3600))
        step.reopen(ctx, story, called_at)
    _round(ctx, story, called_at, again_at, route)
    recall_at = again_at + timedelta(seconds=rng.randrange(2 * 3600, 48 * 3600))
    if recall_at <= limit:
        step.callback(ctx, story, recall_at, Satisfaction.BASICALLY_SATISFIED.value, False)


def tell_open(ctx: Context, story: Story) -> None:
    """A ticket still open at the horizon, in the status its fate names."""
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
        return
    end = between(rng, story.created_at, now, 0.9, 0.99)
    if target is Fate.DISPATCHED:
        _dispatch(ctx, story, soon(rng, story.created_at, end, 90, 0.3), route)
        accept_by = story.lead()["accept_by"]
        if accept_by < now and rng.random() < 0.5:
            step.urge(ctx, story, between(rng, accept_by, now, 0.1, 0.9))
        return
    accepted = _dispatch_and_accept(ctx, story, story.created_at, end, route)
    if target is Fate.IN_PROGRESS:
        if rng.random() < 0.15:
            step.urge(ctx, story, between(rng, accepted, now, 0.2, 0.5))
        if accepted < story.deadline_at < now and rng.random() < 0.7:
            step.supervise(ctx, story, between(rng, story.deadline_at, now, 0.6, 0.9))
        return
    step.feed_back(ctx, story, between(rng, accepted, now, 0.5, 0.95), accepted, True)


def tell_merged(
    ctx: Context,
    story: Story,
    kept: Story,
    kept_code: str,
    title: str,
    reporter: tuple[str | None, str | None],
    code: str,
) -> None:
    """A duplicate registered after ``kept`` and folded into it soon after."""
    rng = ctx.rng
    at = story.created_at + timedelta(seconds=rng.randrange(300, 3 * 3600))
    at = max(min(at, ctx.horizon - timedelta(minutes=1)), story.created_at)
    step.merge(ctx, story, kept, kept_code, at, title, reporter, code)
