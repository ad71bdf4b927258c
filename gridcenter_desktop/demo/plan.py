"""What becomes of each demo ticket: its kind and its fate (closed resolved or not, open in which
status, merged as a duplicate).

Recent years (2020-2021) and the report's period are counted out exactly, so the statistics
reproduce DOMAIN.md's figures: the period's tickets (2022-01-01 .. 10-25) and the disputes,
letters and visits and suggestions of recent years (2020-01-01 .. 2022-10-25, shared between
the two spans by their volume). Outside them the fates are drawn with the span's mix.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from gridcenter_desktop.core.enums import TicketKind, TicketStatus

# The figures of DOMAIN.md. Tickets: 2022-01-01 .. 2022-10-25 ("今年以来").
PERIOD_TICKETS = 14_086  # merged duplicates excluded
PERIOD_CLOSED = 13_765
# Disputes, letters and visits, suggestions: "近年来", read as 2020-01-01 .. 2022-10-25 (the
# span), counted exactly over it; every resolved dispute was settled inside the grid.
SPAN_DISPUTES = 2_619
SPAN_DISPUTES_RESOLVED = 2_596
SPAN_PETITIONS = 200
SPAN_PETITION_PEOPLE = 283
SPAN_SUGGESTIONS = 31
SPAN_SUGGESTIONS_RESOLVED = 26
# Duplicates folded into another ticket: extra rows, outside every figure.
PERIOD_MERGED = 37
PERIOD_ROWS = PERIOD_TICKETS + PERIOD_MERGED

# How the 321 open tickets of the period split by kind (assumed); the span's other
# non-resolved disputes and suggestions closed unresolved.
_PERIOD_OPEN = {
    TicketKind.DISPUTE: 8,
    TicketKind.PETITION: 6,
    TicketKind.SUGGESTION: 2,
}
_DISPUTES_UNRESOLVED = SPAN_DISPUTES - SPAN_DISPUTES_RESOLVED - _PERIOD_OPEN[TicketKind.DISPUTE]
_SUGGESTIONS_UNRESOLVED = (
    SPAN_SUGGESTIONS - SPAN_SUGGESTIONS_RESOLVED - _PERIOD_OPEN[TicketKind.SUGGESTION]
)
# Ordinary matters that closed without solving the problem (beyond remit, not true ...).
_ORDINARY_UNRESOLVED_SHARE = 0.03

# A duplicate needs an earlier ticket of its own generation chunk to fold into (a day's
# arrivals are put in time order after the fates are laid out, so keep a day's worth clear).
MERGE_MIN_INDEX = 200


class Fate(Enum):
    RESOLVED = "resolved"  # closed, outcome resolved
    UNRESOLVED = "unresolved"  # closed, outcome unresolved
    PENDING_DISPATCH = TicketStatus.PENDING_DISPATCH.value
    DISPATCHED = TicketStatus.DISPATCHED.value
    IN_PROGRESS = TicketStatus.IN_PROGRESS.value
    AWAITING_REVIEW = TicketStatus.AWAITING_REVIEW.value
    MERGED = TicketStatus.MERGED.value

    @property
    def closed(self) -> bool:
        return self in (Fate.RESOLVED, Fate.UNRESOLVED)

    @property
    def open(self) -> bool:
        return not self.closed and self is not Fate.MERGED


@dataclass(frozen=True, slots=True)
class Profile:
    kind: TicketKind
    fate: Fate
    people: int = 1


# Open tickets by status, latest first: the newest are not dispatched yet.
_OPEN_ORDER = (
    (Fate.PENDING_DISPATCH, 0.12),
    (Fate.DISPATCHED, 0.2),
    (Fate.IN_PROGRESS, 0.45),
    (Fate.AWAITING_REVIEW, 0.23),
)
# The report's still open tickets, four years on: long-running matters being handled.
_LONG_RUNNING_ORDER = (
    (Fate.PENDING_DISPATCH, 0.03),
    (Fate.DISPATCHED, 0.03),
    (Fate.IN_PROGRESS, 0.88),
    (Fate.AWAITING_REVIEW, 0.06),
)
# Outside recent years: the span's mix (2,619 disputes, 200 petitions, 31 suggestions among
# about 43,000 tickets).
_KIND_MIX = (
    (TicketKind.DISPUTE, 0.06),
    (TicketKind.PETITION, 0.0046),
    (TicketKind.SUGGESTION, 0.0007),
)


def petition_people(rng: random.Random, batches: int, people: int) -> list[int]:
    """People per petition batch: mostly one person, some collective visits, summing exactly
    to ``people``."""
    counts = [1] * batches
    extra = people - batches
    while extra > 0:
        i = rng.randrange(batches)
        if counts[i] >= 8:
            continue
        add = min(extra, rng.randint(1, 3), 8 - counts[i])
        counts[i] += add
        extra -= add
    return counts


@dataclass(frozen=True, slots=True)
class Quota:
    """What a counted span (recent years, the period) must hold, exactly."""

    rows: int  # merged duplicates included
    merged: int
    closed: tuple[tuple[Profile, int], ...]  # closed profiles and how many of each
    open_kinds: tuple[TicketKind, ...] = ()
    open_people: tuple[int, ...] = ()  # people of the open petitions


def span_quotas(rng: random.Random, recent_rows: int, recent_share: float) -> tuple[Quota, Quota]:
    """The quotas of recent years (2020-2021, ``recent_rows`` rows) and of the period: the
    span's disputes, petitions and suggestions shared by ``recent_share`` (the recent years'
    part of the span's volume), the period's ticket figures whole. Recent years are all
    settled; the period keeps its 321 open tickets."""

    def part(total: int) -> int:
        return round(total * recent_share)

    people = petition_people(rng, SPAN_PETITIONS, SPAN_PETITION_PEOPLE)
    rng.shuffle(people)
    open_petitions = _PERIOD_OPEN[TicketKind.PETITION]
    closed_petitions = SPAN_PETITIONS - open_petitions
    r_petitions = part(closed_petitions)
    kinds = {
        # (kind, fate): total over the span, of which recent years take their share
        (TicketKind.DISPUTE, Fate.RESOLVED): SPAN_DISPUTES_RESOLVED,
        (TicketKind.DISPUTE, Fate.UNRESOLVED): _DISPUTES_UNRESOLVED,
        (TicketKind.SUGGESTION, Fate.RESOLVED): SPAN_SUGGESTIONS_RESOLVED,
        (TicketKind.SUGGESTION, Fate.UNRESOLVED): _SUGGESTIONS_UNRESOLVED,
    }
    recent: list[tuple[Profile, int]] = []
    period: list[tuple[Profile, int]] = []
    for (kind, fate), total in kinds.items():
        recent.append((Profile(kind, fate), part(total)))
        period.append((Profile(kind, fate), total - part(total)))
    recent += [(Profile(TicketKind.PETITION, Fate.RESOLVED, p), 1) for p in people[:r_petitions]]
    period += [
        (Profile(TicketKind.PETITION, Fate.RESOLVED, p), 1)
        for p in people[r_petitions:closed_petitions]
    ]

    recent_merged = round(recent_rows * PERIOD_MERGED / PERIOD_ROWS)
    recent_ordinary = recent_rows - recent_merged - sum(n for _p, n in recent)
    recent += _ordinary(recent_ordinary)

    open_total = PERIOD_TICKETS - PERIOD_CLOSED
    open_kinds = [TicketKind.ORDINARY] * (open_total - sum(_PERIOD_OPEN.values()))
    for kind, count in _PERIOD_OPEN.items():
        open_kinds += [kind] * count
    rng.shuffle(open_kinds)
    period_closed = PERIOD_CLOSED - sum(n for _p, n in period)
    period += _ordinary(period_closed)
    return (
        Quota(recent_rows, recent_merged, tuple(recent)),
        Quota(
            PERIOD_ROWS,
            PERIOD_MERGED,
            tuple(period),
            tuple(open_kinds),
            tuple(people[closed_petitions:]),
        ),
    )


def _ordinary(closed: int) -> list[tuple[Profile, int]]:
    unresolved = round(closed * _ORDINARY_UNRESOLVED_SHARE)
    return [
        (Profile(TicketKind.ORDINARY, Fate.RESOLVED), closed - unresolved),
        (Profile(TicketKind.ORDINARY, Fate.UNRESOLVED), unresolved),
    ]


def counted_profiles(rng: random.Random, quota: Quota, chunk_size: int) -> list[Profile]:
    """The fates of a counted span's rows in arrival order, exactly as its quota says."""
    n = quota.rows
    closed = [profile for profile, count in quota.closed for _ in range(count)]
    rng.shuffle(closed)
    open_total = len(quota.open_kinds)
    assert len(closed) + open_total + quota.merged == n

    slots: list[Profile | None] = [None] * n
    # Duplicates: never at the start of a chunk (nothing earlier to fold into).
    mergeable = [i for i in range(n - 200) if i % chunk_size >= MERGE_MIN_INDEX]
    merged_at = set(rng.sample(mergeable, quota.merged))
    # Open tickets: most arrived in the last weeks before the report, some are old stuck ones.
    free = [i for i in range(n) if i not in merged_at]
    recent = free[-1000:]
    older = free[:-1000]
    n_old = round(open_total * 0.15)
    open_at = sorted(rng.sample(older, n_old) + rng.sample(recent, open_total - n_old))
    fates = _open_fates(rng, open_total, _LONG_RUNNING_ORDER)
    open_people = iter(quota.open_people)
    for i, fate, kind in zip(reversed(open_at), fates, quota.open_kinds, strict=True):
        people_count = next(open_people) if kind is TicketKind.PETITION else 1
        slots[i] = Profile(kind, fate, people_count)
    for i in merged_at:
        slots[i] = Profile(TicketKind.ORDINARY, Fate.MERGED)
    rest = iter(closed)
    for i in range(n):
        if slots[i] is None:
            slots[i] = next(rest)
    return slots  # type: ignore[return-value]


def _open_fates(
    rng: random.Random, count: int, order: tuple[tuple[Fate, float], ...]
) -> list[Fate]:
    """Open statuses, newest ticket first: not dispatched yet, then dispatched, then in
    progress and awaiting review mixed."""
    fates: list[Fate] = []
    for fate, share in order:
        fates += [fate] * round(count * share)
    fates = fates[:count]
    fates += [Fate.IN_PROGRESS] * (count - len(fates))
    head = [f for f in fates if f in (Fate.PENDING_DISPATCH, Fate.DISPATCHED)]
    tail = [f for f in fates if f not in (Fate.PENDING_DISPATCH, Fate.DISPATCHED)]
    rng.shuffle(tail)
    return head + tail


def draw_kind(rng: random.Random) -> tuple[TicketKind, int]:
    """A ticket outside the counted spans: its kind (the span's mix) and people."""
    roll = rng.random()
    kind = TicketKind.ORDINARY
    for candidate, share in _KIND_MIX:
        if roll < share:
            kind = candidate
            break
        roll -= share
    people = 1
    if kind is TicketKind.PETITION and rng.random() < 0.2:
        people = rng.randint(2, 6)
    return kind, people


def merged_by_chance(rng: random.Random) -> bool:
    """Whether a ticket outside the counted spans is a duplicate (the period's rate)."""
    return rng.random() < PERIOD_MERGED / PERIOD_ROWS


def draw_fate(
    rng: random.Random,
    kind: TicketKind,
    people: int,
    created_at: datetime,
    now: datetime,
    may_stay_open: bool = True,
) -> Profile:
    """A ticket outside the counted spans: its chance to be still open grows as it gets
    younger at ``now`` (earlier years are all settled: ``may_stay_open`` False)."""
    age_days = (now - created_at).total_seconds() / 86400
    open_chance = (
        0.85
        if age_days < 0.5
        else 0.6
        if age_days < 3
        else 0.15
        if age_days < 14
        else 0.01
        if age_days < 60
        else 0
    )
    if not may_stay_open:
        open_chance = 0
    if rng.random() < open_chance:
        roll = rng.random()
        for fate, share in _OPEN_ORDER:
            if roll < share:
                return Profile(kind, fate, people)
            roll -= share
        return Profile(kind, Fate.IN_PROGRESS, people)
    unresolved = {TicketKind.DISPUTE: 0.009, TicketKind.SUGGESTION: 0.1}.get(
        kind, _ORDINARY_UNRESOLVED_SHARE
    )
    fate = Fate.UNRESOLVED if rng.random() < unresolved else Fate.RESOLVED
    return Profile(kind, fate, people)
