"""Deadlines (时限): working days that honour Chinese public holidays and make-up working days
(调休), wall-clock hours for urgent work, and the derived "due soon" / "overdue" states.

The bundled ``chinese_calendar`` package knows the State Council's holiday schedule for
2004-2026; for other years Monday to Friday are working days unless an administrator entered
that year's holidays (stored in the ``calendar_day`` table and passed in as ``overrides``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

import chinese_calendar

from gridcenter_desktop.core.categories import category
from gridcenter_desktop.core.enums import HolidayKind, Priority, TicketStatus

# Working days are counted one by one; a limit longer than this is a data error, not a plan.
_MAX_WORKING_DAYS = 366


class WorkCalendar:
    """Which days are working days.

    ``overrides`` (from the database) win over the bundled calendar: an entry ``HOLIDAY`` makes
    the day a day off, ``WORKDAY`` a working day (a weekend day worked, 调休).
    """

    def __init__(self, overrides: Mapping[date, HolidayKind] | None = None) -> None:
        self._overrides: dict[date, HolidayKind] = {
            d: HolidayKind(k) for d, k in (overrides or {}).items()
        }
        # Deadlines are computed for every ticket of a bulk import (a million for the demo):
        # remember each day's answer and each (day, working days) sum.
        self._cache: dict[date, bool] = {}
        self._sums: dict[tuple[date, int], date] = {}

    @staticmethod
    def knows_year(year: int) -> bool:
        """True when the bundled calendar has the State Council's holidays for ``year``."""
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            return False
        return True

    @property
    def overrides(self) -> Mapping[date, HolidayKind]:
        """The administrator's entries this calendar honours."""
        return dict(self._overrides)

    def is_workday(self, d: date) -> bool:
        """True when ``d`` is a working day."""
        if isinstance(d, datetime):
            d = d.date()
        known = self._cache.get(d)
        if known is not None:
            return known
        kind = self._overrides.get(d)
        if kind is not None:
            result = kind is HolidayKind.WORKDAY
        else:
            try:
                result = bool(chinese_calendar.is_workday(d))
            except NotImplementedError:
                # Beyond the package's years: weekends only, until an administrator enters
                # the year's holidays.
                result = d.weekday() < 5
        self._cache[d] = result
        return result

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The end of the ``days``-th working day after ``start``, at the same clock time.

        Registered Friday 16:00 with one working day allowed is due Monday 16:00; holidays are
        skipped and make-up working days count. ``days == 0`` returns ``start``.
        """
        if days < 0:
            raise ValueError(f"days must not be negative: {days}")
        if days > _MAX_WORKING_DAYS:
            raise ValueError(f"days must be at most {_MAX_WORKING_DAYS}: {days}")
        key = (start.date(), days)
        end = self._sums.get(key)
        if end is None:
            end = start.date()
            remaining = days
            while remaining:
                end += timedelta(days=1)
                if self.is_workday(end):
                    remaining -= 1
            self._sums[key] = end
        return start + (end - start.date())

    def add_hours(self, start: datetime, hours: int | float) -> datetime:
        """``start`` plus wall-clock hours: urgent and critical work runs through nights and
        holidays."""
        if hours < 0:
            raise ValueError(f"hours must not be negative: {hours}")
        return start + timedelta(hours=hours)


class LimitUnit(StrEnum):
    WORKING_DAYS = "working_days"
    HOURS = "hours"


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """An allowed span of time: so many working days, or so many wall-clock hours."""

    amount: int
    unit: LimitUnit

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", LimitUnit(self.unit))
        if self.amount < 0:
            raise ValueError(f"a time limit cannot be negative: {self.amount}")


# Urgent work gets half its category's working days, and never more than this.
_URGENT_MAX_DAYS = 2
_CRITICAL_FINISH = TimeLimit(24, LimitUnit.HOURS)
_ACCEPT_LIMITS = {
    Priority.ORDINARY: TimeLimit(1, LimitUnit.WORKING_DAYS),
    Priority.URGENT: TimeLimit(4, LimitUnit.HOURS),
    Priority.CRITICAL: TimeLimit(1, LimitUnit.HOURS),
}
# "吹哨报到": the departments must report in within hours, whatever the ticket's urgency.
WHISTLE_ACCEPT_HOURS = 2


def finish_limit(category_code: str, priority: Priority) -> TimeLimit:
    """The time allowed to finish a ticket of this category and urgency.

    Ordinary: the category's working days; urgent: half of them rounded up, at most two
    working days; critical: 24 hours. ``KeyError`` for an unknown category.
    """
    days = category(category_code).days
    priority = Priority(priority)
    if priority is Priority.CRITICAL:
        return _CRITICAL_FINISH
    if priority is Priority.URGENT:
        return TimeLimit(min(math.ceil(days / 2), _URGENT_MAX_DAYS), LimitUnit.WORKING_DAYS)
    return TimeLimit(days, LimitUnit.WORKING_DAYS)


def accept_limit(priority: Priority, whistle: bool = False) -> TimeLimit:
    """The time a department (or grid) has to accept (签收) an assignment.

    Ordinary: one working day; urgent: 4 hours; critical: 1 hour. A whistle dispatch
    ("吹哨报到") allows at most 2 hours.
    """
    limit = _ACCEPT_LIMITS[Priority(priority)]
    if whistle and (limit.unit is LimitUnit.WORKING_DAYS or limit.amount > WHISTLE_ACCEPT_HOURS):
        return TimeLimit(WHISTLE_ACCEPT_HOURS, LimitUnit.HOURS)
    return limit


def compute_deadline(start: datetime, limit: TimeLimit, calendar: WorkCalendar) -> datetime:
    """When ``limit`` runs out for work that starts at ``start``."""
    if limit.unit is LimitUnit.HOURS:
        return calendar.add_hours(start, limit.amount)
    return calendar.add_working_days(start, limit.amount)


def working_time_between(start: datetime, end: datetime, calendar: WorkCalendar) -> timedelta:
    """The part of ``[start, end)`` that falls on working days (a working day counts from
    midnight to midnight; weekends and holidays count nothing). Zero when ``end <= start``."""
    total = timedelta(0)
    if end <= start:
        return total
    day = start.date()
    while True:
        day_start = datetime.combine(day, time.min)
        day_end = day_start + timedelta(days=1)
        if calendar.is_workday(day):
            total += min(end, day_end) - max(start, day_start)
        if day_end >= end:
            return total
        day = day_end.date()


def add_working_time(start: datetime, span: timedelta, calendar: WorkCalendar) -> datetime:
    """The earliest moment by which ``span`` of working time has passed since ``start``: the
    inverse of :func:`working_time_between`. Days off are stepped over, so a span that starts
    on a holiday begins to run on the next working day. ``span <= 0`` returns ``start``."""
    if span <= timedelta(0):
        return start
    remaining = span
    day = start.date()
    while True:
        day_start = datetime.combine(day, time.min)
        day_end = day_start + timedelta(days=1)
        if calendar.is_workday(day):
            begin = max(start, day_start)
            available = day_end - begin
            # Strictly less: a span that ends at midnight before a day off ends at the start
            # of the next working day (the same working time), not at the holiday's start.
            if remaining < available:
                return begin + remaining
            remaining -= available
        day = day_end.date()


def due_soon_threshold(
    created_at: datetime, deadline_at: datetime, calendar: WorkCalendar | None = None
) -> datetime:
    """The moment a ticket becomes "due soon": 75 % of its allowed time used (under 25 % left).

    With a ``calendar`` the time is WORKING time: days off between the two moments do not
    count, so a ticket registered before a holiday turns due soon on a working day after it,
    not in the middle of the holiday. A span without any working time (a critical ticket's 24
    hours inside a holiday) falls back to wall-clock time, as does a call without a calendar.
    A deadline already passed when the ticket arrived (a platform's sheet imported late) is
    its own due-soon moment: never a due-soon mark after the deadline."""
    if deadline_at <= created_at:
        return deadline_at
    if calendar is not None:
        working = working_time_between(created_at, deadline_at, calendar)
        if working > timedelta(0):
            return add_working_time(created_at, working * 3 // 4, calendar)
    span = deadline_at - created_at
    return created_at + span * 3 // 4


class DeadlineState(StrEnum):
    ON_TIME = "on_time"  # 正常
    DUE_SOON = "due_soon"  # 即将超期
    OVERDUE = "overdue"  # 已超期
    CLOSED_ON_TIME = "closed_on_time"  # 按期办结
    CLOSED_LATE = "closed_late"  # 超期办结


def deadline_state(
    now: datetime,
    status: TicketStatus,
    due_soon_at: datetime,
    deadline_at: datetime,
    closed_at: datetime | None,
) -> DeadlineState:
    """Where a ticket stands against its deadline at ``now``; derived, never stored.

    A closed ticket is judged by when it closed. A merged duplicate no longer runs against its
    own deadline (the kept ticket does), so it counts as on time unless it had a closing time.
    """
    if TicketStatus(status) in (TicketStatus.CLOSED, TicketStatus.MERGED):
        if closed_at is None or closed_at <= deadline_at:
            return DeadlineState.CLOSED_ON_TIME
        return DeadlineState.CLOSED_LATE
    if now > deadline_at:
        return DeadlineState.OVERDUE
    if now >= due_soon_at:
        return DeadlineState.DUE_SOON
    return DeadlineState.ON_TIME
