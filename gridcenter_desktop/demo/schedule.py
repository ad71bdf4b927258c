"""When demo tickets arrive: how many per day and at what time of day.

Working days are busier than weekends and holidays, the Spring Festival week is quiet, the
volume grew year by year since the platform started (2016) and stays at 2022's level after it.
Counts per day are allocated exactly (largest remainder), so a segment gets precisely the
number of tickets asked for. The time of day follows the ticket's source: the hotline, the
district platform and the cameras run around the clock (a trickle at night), grid workers
patrol in working hours, letters and visits are received on working days in office hours.

The demo's spans, in time order: the years before "recent years" (only a larger demo fills
them), recent years up to the report (2020-2021), the report's period (2022-01-01 .. 10-25)
and the days since, up to the moment the demo is built ("live"), so the demo opens on a
working day.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate

import chinese_calendar

from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.core.enums import TicketKind, TicketSource

# The report's period "今年以来" and its date; "近年来" (recent years) starts with 2020.
PERIOD_START = date(2022, 1, 1)
PERIOD_END = date(2022, 10, 25)
PERIOD_NOW = datetime(2022, 10, 25, 18, 0)
RECENT_START = date(2020, 1, 1)
RECENT_END = date(2021, 12, 31)
RECENT_NOW = datetime(2021, 12, 31, 23, 0)
# Larger demos spread their extra tickets over the years before recent years.
EARLY_START = date(2016, 1, 1)
EARLY_END = date(2019, 12, 31)
EARLY_NOW = datetime(2019, 12, 31, 23, 0)
LIVE_START = date(2022, 10, 26)

# The platform took on more work every year, and has kept 2022's pace since.
_YEAR_GROWTH = {2016: 0.35, 2017: 0.45, 2018: 0.55, 2019: 0.65, 2020: 0.8, 2021: 0.9, 2022: 1.0}
# Share of a day's tickets per hour, by how the source works.
_ROUND_THE_CLOCK = (
    1, 1, 0.5, 0.5, 0.5, 1, 2, 5, 9, 11, 11, 9, 6, 8, 10, 10, 9, 7, 5, 4, 3, 2, 2, 1,
)  # fmt: skip
# Grid workers patrol by day; at the weekend fewer and later, never at night.
_PATROL_WORKDAY = (
    0, 0, 0, 0, 0, 0, 0, 1, 6, 9, 9, 6, 2, 4, 8, 8, 6, 2, 0.5, 0, 0, 0, 0, 0,
)  # fmt: skip
_PATROL_REST_DAY = (
    0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 3, 1, 2, 3, 3, 1, 0, 0, 0, 0, 0, 0, 0,
)  # fmt: skip
# The letters-and-visits office and the opinion days: 08:30-11:30 and 13:30-17:30.
_OFFICE = (
    0, 0, 0, 0, 0, 0, 0, 0, 2, 4, 4, 2, 0, 1, 4, 4, 3, 1, 0, 0, 0, 0, 0, 0,
)  # fmt: skip
_OFFICE_SOURCES = frozenset(
    {TicketSource.LETTER_VISIT, TicketSource.WALK_IN, TicketSource.OPINION_DAY}
)
# Office hours start at half past (the minute drawn is moved into the second half).
_HALF_HOURS = frozenset({8, 13})


@dataclass(frozen=True, slots=True)
class Segment:
    """A span of days with its own ticket count and its own "now" (no event is later)."""

    name: str
    first: date
    last: date
    now: datetime


PERIOD = Segment("period", PERIOD_START, PERIOD_END, PERIOD_NOW)
RECENT = Segment("recent", RECENT_START, RECENT_END, RECENT_NOW)
EARLY = Segment("early", EARLY_START, EARLY_END, EARLY_NOW)


def live_segment(now: datetime) -> Segment:
    """The days after the report up to ``now``, the moment the demo is built."""
    return Segment("live", LIVE_START, now.date(), now)


def _days(first: date, last: date) -> Iterator[date]:
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def _is_spring_festival(d: date) -> bool:
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:
        return False
    return bool(on_holiday) and name == "Spring Festival"


def _elapsed_share(now: datetime) -> float:
    """The share of a day's tickets that have arrived by ``now`` (time of day)."""
    done = sum(_ROUND_THE_CLOCK[: now.hour]) + _ROUND_THE_CLOCK[now.hour] * now.minute / 60
    return done / sum(_ROUND_THE_CLOCK)


def day_weight(d: date, calendar: WorkCalendar, now: datetime | None = None) -> float:
    """Relative ticket volume of day ``d`` (only its part up to ``now`` on now's day)."""
    weight = 1.0 if calendar.is_workday(d) else 0.45
    if _is_spring_festival(d):
        weight *= 0.3
    if d.month in (6, 7, 8):
        # Summer: noise, flooding and river complaints.
        weight *= 1.1
    if now is not None and d == now.date():
        weight *= _elapsed_share(now)
    return weight * _YEAR_GROWTH.get(d.year, 1.0)


def segment_weight(segment: Segment, calendar: WorkCalendar) -> float:
    """Total weight of a segment: how many tickets a span gets at the platform's rhythm."""
    return sum(day_weight(d, calendar, segment.now) for d in _days(segment.first, segment.last))


def daily_counts(
    rng: random.Random, segment: Segment, total: int, calendar: WorkCalendar
) -> list[tuple[date, int]]:
    """Exactly ``total`` tickets shared over the segment's days by weight, with day-to-day
    noise (a busy Monday, a quiet Thursday)."""
    days = list(_days(segment.first, segment.last))
    weights = [day_weight(d, calendar, segment.now) * rng.uniform(0.8, 1.2) for d in days]
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    missing = total - sum(counts)
    by_remainder = sorted(range(len(days)), key=lambda i: (shares[i] - counts[i], i), reverse=True)
    for i in by_remainder[:missing]:
        counts[i] += 1
    if total and segment.now.date() == days[-1] and not counts[-1]:
        # The demo opens on a day with tickets, even just after midnight.
        counts[counts.index(max(counts))] -= 1
        counts[-1] += 1
    return list(zip(days, counts, strict=True))


def day_source(source: TicketSource, kind: TicketKind, workday: bool) -> TicketSource:
    """The source a ticket really has on a day: the letters-and-visits office and the opinion
    days are closed on rest days, when people call or write online instead."""
    if workday or source not in _OFFICE_SOURCES:
        return source
    return TicketSource.DISTRICT_PLATFORM if kind is TicketKind.PETITION else TicketSource.HOTLINE


class DayClock:
    """Times of day by source, from each source's hourly weights (cumulated once)."""

    def __init__(self) -> None:
        self._cum = {
            key: list(accumulate(weights))
            for key, weights in (
                ("clock", _ROUND_THE_CLOCK),
                ("patrol_work", _PATROL_WORKDAY),
                ("patrol_rest", _PATROL_REST_DAY),
                ("office", _OFFICE),
            )
        }
        self._hours = range(24)

    def _profile(self, source: TicketSource, workday: bool) -> str:
        if source is TicketSource.GRID_PATROL:
            return "patrol_work" if workday else "patrol_rest"
        if source in _OFFICE_SOURCES:
            return "office"
        return "clock"

    def time(
        self,
        rng: random.Random,
        day: date,
        source: TicketSource,
        workday: bool,
        now: datetime | None,
    ) -> datetime | None:
        """When a ticket from ``source`` arrives on ``day``, not after ``now``; None when the
        source had no hour open before ``now`` (the caller picks a round-the-clock source)."""
        cum = self._cum[self._profile(source, workday)]
        base = datetime(day.year, day.month, day.day)
        top = cum[-1]
        today = now is not None and now.date() == day
        if today:
            assert now is not None
            before = cum[now.hour - 1] if now.hour else 0.0
            # Only the part of now's hour that has passed.
            top = before + (cum[now.hour] - before) * now.minute / 60
            if top <= 0:
                if cum is self._cum["clock"]:
                    # Just after midnight: the hotline took a call in the first seconds.
                    return base + timedelta(seconds=rng.randrange(1 + (now - base).seconds))
                return None
        hour = bisect_right(cum, rng.random() * top)
        hour = min(hour, 23)
        first = 1800 if hour in _HALF_HOURS and source in _OFFICE_SOURCES else 0
        at = base + timedelta(hours=hour, seconds=first + rng.randrange(3600 - first))
        if today and at > now:
            # Now's own hour: a moment of the part that has passed.
            start = base + timedelta(hours=hour)
            at = start + timedelta(seconds=rng.randrange(max(1, int((now - start).seconds))))
        return at
