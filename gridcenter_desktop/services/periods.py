"""Which period the figures show by default.

The default follows the data, not the calendar: a desk opened on an archive (or on the demo,
whose tickets end on 2022-10-25) should show figures, not twelve empty months.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcenter_desktop.db.ticket import Ticket


class ReportPeriod(StrEnum):
    """The kind of period the app picks when it chooses one (the town's setting,
    services.admin.town): charts dock, export dialog, ``gridcenter report`` without dates."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class RelativePeriod(StrEnum):
    """A period counted back from today, chosen at a workstation as the one its charts and
    export dialog open on (Settings.report_period): 本月, 上月, 本季度, 本年, 近30天. Unlike the
    town's default it follows the calendar, not the data: on an archive it can be empty."""

    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_QUARTER = "this_quarter"
    THIS_YEAR = "this_year"
    LAST_30_DAYS = "last_30_days"


def relative_period(choice: RelativePeriod | str, today: date) -> tuple[date, date]:
    """The dates of ``choice`` on ``today`` (both inclusive): this month, quarter or year so
    far; the whole month before this one; the 30 days ending today."""
    choice = RelativePeriod(choice)
    if choice is RelativePeriod.LAST_MONTH:
        return whole_period(ReportPeriod.MONTH, today.replace(day=1) - timedelta(days=1))
    if choice is RelativePeriod.LAST_30_DAYS:
        return today - timedelta(days=29), today
    kind = {
        RelativePeriod.THIS_MONTH: ReportPeriod.MONTH,
        RelativePeriod.THIS_QUARTER: ReportPeriod.QUARTER,
        RelativePeriod.THIS_YEAR: ReportPeriod.YEAR,
    }[choice]
    return whole_period(kind, today)[0], today


# "今年以来" in the news report the demo reproduces.
DEMO_PERIOD = (date(2022, 1, 1), date(2022, 10, 25))


def day_start(day: date) -> datetime:
    """The first moment of ``day`` (the inclusive lower bound of a period starting then)."""
    return datetime.combine(day, time())


def after_day(day: date) -> datetime:
    """The exclusive upper bound of a period ending on ``day``: the next midnight, or the
    last representable moment when ``day`` is 9999-12-31 ("everything": there is no next day)."""
    if day == date.max:
        return datetime.max
    return datetime.combine(day + timedelta(days=1), time())


def default_period(
    latest: date | None,
    today: date,
    *,
    demo: bool = False,
    kind: ReportPeriod | None = None,
) -> tuple[date, date]:
    """The demo period for the demo database (``demo``: its app_setting marker) or when the
    data ends inside it; else, up to the last ticket (or up to today when there are no
    tickets, or the last ticket lies in the future), the town's default report period so far
    (``kind``: services.admin.town, e.g. the month of the last ticket from its first day), or
    without one the twelve months before.

    The demo keeps its period when someone registers a ticket today (issue 8: the desks that
    had started before that registration showed 2022, those started after it an almost
    empty last twelve months)."""
    if demo or (latest is not None and DEMO_PERIOD[0] <= latest <= DEMO_PERIOD[1]):
        return DEMO_PERIOD
    end = min(latest, today) if latest is not None else today
    if kind is not None:
        return whole_period(kind, end)[0], end
    return _one_year_before(end) + timedelta(days=1), end


def whole_period(kind: ReportPeriod, day: date) -> tuple[date, date]:
    """The calendar week (Monday to Sunday), month, quarter or year that contains ``day``."""
    kind = ReportPeriod(kind)
    if kind is ReportPeriod.WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if kind is ReportPeriod.YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    months = 3 if kind is ReportPeriod.QUARTER else 1
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    next_month = first_month + months
    after = date(day.year + (next_month > 12), (next_month - 1) % 12 + 1, 1)
    return start, after - timedelta(days=1)


def calendar_kind(date_from: date, date_to: date) -> ReportPeriod | None:
    """MONTH, QUARTER or YEAR when ``date_from`` .. ``date_to`` is exactly one calendar month,
    quarter or year; None for any other period (a week, a month so far, 2022-01-01..10-25)."""
    if date_from.year == date.max.year:
        return None  # its month's end would be computed from year 10000
    for kind in (ReportPeriod.MONTH, ReportPeriod.QUARTER, ReportPeriod.YEAR):
        if whole_period(kind, date_from) == (date_from, date_to):
            return kind
    return None


def year_before(date_from: date, date_to: date) -> tuple[date, date] | None:
    """The period 同比 compares with: the same calendar month, quarter or year one year
    earlier (March 2024 → March 2023; Q2 → Q2 of last year; 2024 → 2023); None when the period
    is not one of those, or when there is no year before it."""
    kind = calendar_kind(date_from, date_to)
    if kind is None or date_from.year == date.min.year:
        return None
    return whole_period(kind, date_from.replace(year=date_from.year - 1))


def period_before(date_from: date, date_to: date) -> tuple[date, date] | None:
    """The period 环比 compares with: the calendar month or quarter just before (March →
    February, 28 or 29 days; January → December of the year before; Q2 → Q1; Q1 → Q4 of the
    year before); None for a year (its 环比 would be the 同比) and for any other period."""
    kind = calendar_kind(date_from, date_to)
    if kind not in (ReportPeriod.MONTH, ReportPeriod.QUARTER) or date_from == date.min:
        return None
    return whole_period(kind, date_from - timedelta(days=1))


def last_whole_period(kind: ReportPeriod, latest: date | None, today: date) -> tuple[date, date]:
    """The period a report made now is for: the last whole week, month, quarter or year that
    has ended by the last ticket's day (or by today without tickets): 月报 for last month."""
    end = min(latest, today) if latest is not None else today
    start, last = whole_period(kind, end)
    if last == end:
        return start, last
    return whole_period(kind, start - timedelta(days=1))


def _one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def latest_ticket_date(session: Session) -> date | None:
    """The day the newest ticket was created (None without tickets); an indexed MAX."""
    value = session.scalar(select(func.max(Ticket.created_at)))
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def period_for(choice: str, today: date, default: tuple[date, date]) -> tuple[date, date]:
    """The dates of a period choice: "month" (this month so far), "year" (this year so far),
    anything else the default."""
    if choice == "month":
        return today.replace(day=1), today
    if choice == "year":
        return today.replace(month=1, day=1), today
    return default
