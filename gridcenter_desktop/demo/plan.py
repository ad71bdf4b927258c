"""What becomes of each demo ticket: its kind and its fate (closed resolved or not, open in which
status, merged as a duplicate).

In the report's period the fates are counted out exactly so the statistics reproduce
DOMAIN.md's figures; outside it they are drawn with the same mix.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from gridcenter_desktop.core.enums import TicketKind, TicketStatus

# The figures of DOMAIN.md for 2022-01-01 .. 2022-10-25.
PERIOD_TICKETS = 14_086  # merged duplicates excluded
PERIOD_CLOSED = 13_765
PERIOD_DISPUTES = 2_619
PERIOD_DISPUTES_RESOLVED = 2_596
PERIOD_PETITIONS = 200
PERIOD_PETITION_PEOPLE = 283
PERIOD_SUGGESTIONS = 31
PERIOD_SUGGESTIONS_RESOLVED = 26
# Duplicates folded into another ticket: extra rows, outside every figure.
PERIOD_MERGED = 37
PERIOD_ROWS = PERIOD_TICKETS + PERIOD_MERGED

# How the 321 open tickets of the period and the non-resolved ones split by kind (assumed).
_PERIOD_OPEN = {
    TicketKind.DISPUTE: 8,
    TicketKind.PETITION: 6,
    TicketKind.SUGGESTION: 2,
}
_PERIOD_DISPUTES_UNRESOLVED = PERIOD_DISPUTES - PERIOD_DISPUTES_RESOLVED - 8
_PERIOD_SUGGESTIONS_UNRESOLVED = PERIOD_SUGGESTIONS - PERIOD_SUGGESTIONS_RESOLVED - 2
# Ordinary matters that closed without solving the problem (beyond remit, not true ...).
_ORDINARY_UNRESOLVED_SHARE = 0.03

# A duplicate needs an earlier ticket of its own generation chunk to fold into.
MERGE_MIN_INDEX = 50


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
_KIND_MIX = (
    (TicketKind.ORDINARY, 0.7976),
    (TicketKind.DISPUTE, 0.1859),
    (TicketKind.PETITION, 0.0142),
    (TicketKind.SUGGESTION, 0.0023),
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


def period_profiles(rng: random.Random, chunk_size: int) -> list[Profile]:
    """The fates of the period's ``PERIOD_ROWS`` tickets in arrival order, counted exactly."""
    n = PERIOD_ROWS
    open_total = PERIOD_TICKETS - PERIOD_CLOSED
    ordinary = PERIOD_TICKETS - PERIOD_DISPUTES - PERIOD_PETITIONS - PERIOD_SUGGESTIONS
    open_kinds = [TicketKind.ORDINARY] * (open_total - sum(_PERIOD_OPEN.values()))
    for kind, count in _PERIOD_OPEN.items():
        open_kinds += [kind] * count
    rng.shuffle(open_kinds)

    ordinary_closed = ordinary - open_kinds.count(TicketKind.ORDINARY)
    ordinary_unresolved = round(ordinary_closed * _ORDINARY_UNRESOLVED_SHARE)
    people = petition_people(rng, PERIOD_PETITIONS, PERIOD_PETITION_PEOPLE)
    petitions_open = _PERIOD_OPEN[TicketKind.PETITION]
    closed: list[Profile] = (
        [Profile(TicketKind.ORDINARY, Fate.RESOLVED)] * (ordinary_closed - ordinary_unresolved)
        + [Profile(TicketKind.ORDINARY, Fate.UNRESOLVED)] * ordinary_unresolved
        + [Profile(TicketKind.DISPUTE, Fate.RESOLVED)] * PERIOD_DISPUTES_RESOLVED
        + [Profile(TicketKind.DISPUTE, Fate.UNRESOLVED)] * _PERIOD_DISPUTES_UNRESOLVED
        + [Profile(TicketKind.SUGGESTION, Fate.RESOLVED)] * PERIOD_SUGGESTIONS_RESOLVED
        + [Profile(TicketKind.SUGGESTION, Fate.UNRESOLVED)] * _PERIOD_SUGGESTIONS_UNRESOLVED
        + [
            Profile(TicketKind.PETITION, Fate.RESOLVED, p)
            for p in people[: PERIOD_PETITIONS - petitions_open]
        ]
    )
    open_people = iter(people[PERIOD_PETITIONS - petitions_open :])
    rng.shuffle(closed)

    slots: list[Profile | None] = [None] * n
    # Duplicates: never at the start of a chunk (nothing earlier to fold into).
    mergeable = [i for i in range(n - 200) if i % chunk_size >= MERGE_MIN_INDEX]
    merged_at = set(rng.sample(mergeable, PERIOD_MERGED))
    # Open tickets: most arrived in the last three weeks, some are old stuck ones.
    free = [i for i in range(n) if i not in merged_at]
    recent = free[-1000:]
    older = free[:-1000]
    n_old = round(open_total * 0.15)
    open_at = sorted(rng.sample(older, n_old) + rng.sample(recent, open_total - n_old))
    fates = _open_fates(rng, open_total)
    # The newest open tickets get the earliest statuses (not dispatched yet ...).
    for i, fate, kind in zip(reversed(open_at), fates, open_kinds, strict=True):
        people_count = next(open_people) if kind is TicketKind.PETITION else 1
        slots[i] = Profile(kind, fate, people_count)
    for i in merged_at:
        slots[i] = Profile(TicketKind.ORDINARY, Fate.MERGED)
    rest = iter(closed)
    for i in range(n):
        if slots[i] is None:
            slots[i] = next(rest)
    return slots  # type: ignore[return-value]


def _open_fates(rng: random.Random, count: int) -> list[Fate]:
    """Open statuses, newest ticket first: not dispatched yet, then dispatched, then in
    progress and awaiting review mixed."""
    fates: list[Fate] = []
    for fate, share in _OPEN_ORDER:
        fates += [fate] * round(count * share)
    fates = fates[:count]
    fates += [Fate.IN_PROGRESS] * (count - len(fates))
    head = [f for f in fates if f in (Fate.PENDING_DISPATCH, Fate.DISPATCHED)]
    tail = [f for f in fates if f not in (Fate.PENDING_DISPATCH, Fate.DISPATCHED)]
    rng.shuffle(tail)
    return head + tail


def draw_profile(
    rng: random.Random,
    created_at: datetime,
    now: datetime,
    can_merge: bool,
    may_stay_open: bool = True,
) -> Profile:
    """A ticket outside the period: the same mix, its chance to be still open growing as it
    gets younger at ``now`` (earlier years are all settled: ``may_stay_open`` False)."""
    if can_merge and rng.random() < PERIOD_MERGED / PERIOD_ROWS:
        return Profile(TicketKind.ORDINARY, Fate.MERGED)
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
    age_days = (now - created_at).total_seconds() / 86400
    open_chance = 0.6 if age_days < 3 else 0.15 if age_days < 14 else 0.01 if age_days < 60 else 0
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
