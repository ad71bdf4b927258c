"""When demo tickets arrive: how many per day and at what time of day.

Working days are busier than weekends and holidays, the Spring Festival week is quiet, the
volume grew year by year since the platform started (2016), and most tickets come in office
hours. Counts per day are allocated exactly (largest remainder), so a segment gets precisely the
number of tickets asked for.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import chinese_calendar

from gridcenter_desktop.core.deadlines import WorkCalendar

# The report's period "今年以来" and the demo's "now" within it.
PERIOD_START = date(2022, 1, 1)
PERIOD_END = date(2022, 10, 25)
PERIOD_NOW = datetime(2022, 10, 25, 18, 0)
# Larger demos spread the extra tickets over these spans.
EARLY_START = date(2016, 1, 1)
EARLY_END = date(2021, 12, 31)
EARLY_NOW = datetime(2021, 12, 31, 23, 0)
LATE_START = date(2022, 10, 26)
LATE_END = date(2022, 12, 31)
LATE_NOW = datetime(2022, 12, 31, 18, 0)

# The platform took on more work every year.
_YEAR_GROWTH = {2016: 0.35, 2017: 0.45, 2018: 0.55, 2019: 0.65, 2020: 0.8, 2021: 0.9, 2022: 1.0}
# Share of the day's tickets per hour (hotline and video run all night, at a trickle).
_HOUR_WEIGHTS = (
    1, 1, 0.5, 0.5, 0.5, 1, 2, 5, 9, 11, 11, 9, 6, 8, 10, 10, 9, 7, 5, 4, 3, 2, 2, 1,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Segment:
    """A span of days with its own ticket count and its own "now" (no event is later)."""

    name: str
    first: date
    last: date
    now: datetime


PERIOD = Segment("period", PERIOD_START, PERIOD_END, PERIOD_NOW)
EARLY = Segment("early", EARLY_START, EARLY_END, EARLY_NOW)
LATE = Segment("late", LATE_START, LATE_END, LATE_NOW)


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


def day_weight(d: date, calendar: WorkCalendar) -> float:
    """Relative ticket volume of day ``d``."""
    weight = 1.0 if calendar.is_workday(d) else 0.45
    if _is_spring_festival(d):
        weight *= 0.3
    if d.month in (6, 7, 8):
        # Summer: noise, flooding and river complaints.
        weight *= 1.1
    return weight * _YEAR_GROWTH.get(d.year, 1.0)


def segment_weight(segment: Segment, calendar: WorkCalendar) -> float:
    """Total weight of a segment: how the tickets of a large demo are shared between spans."""
    return sum(day_weight(d, calendar) for d in _days(segment.first, segment.last))


def daily_counts(
    rng: random.Random, segment: Segment, total: int, calendar: WorkCalendar
) -> list[tuple[date, int]]:
    """Exactly ``total`` tickets shared over the segment's days by weight, with day-to-day
    noise (a busy Monday, a quiet Thursday)."""
    days = list(_days(segment.first, segment.last))
    weights = [day_weight(d, calendar) * rng.uniform(0.8, 1.2) for d in days]
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    missing = total - sum(counts)
    by_remainder = sorted(range(len(days)), key=lambda i: (shares[i] - counts[i], i), reverse=True)
    for i in by_remainder[:missing]:
        counts[i] += 1
    return list(zip(days, counts, strict=True))


def times_of_day(rng: random.Random, day: date, count: int, now: datetime) -> list[datetime]:
    """``count`` sorted arrival times on ``day``, none after ``now``."""
    hours = rng.choices(range(24), weights=_HOUR_WEIGHTS, k=count)
    base = datetime(day.year, day.month, day.day)
    times = sorted(base + timedelta(hours=h, seconds=rng.randrange(3600)) for h in hours)
    if times and times[-1] > now:
        # The last day of a segment ends at "now": squeeze that day's arrivals before it.
        span = (now - base).total_seconds()
        times = sorted(base + timedelta(seconds=int(rng.random() * span)) for _ in times)
    return times


def arrival_times(
    rng: random.Random, segment: Segment, total: int, calendar: WorkCalendar
) -> Iterator[datetime]:
    """Every ticket's creation time in the segment, in order."""
    for day, count in daily_counts(rng, segment, total, calendar):
        yield from times_of_day(rng, day, count, segment.now)
