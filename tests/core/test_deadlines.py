"""Deadlines in working days (Chinese holidays, make-up days 调休) and hours, and the derived
due-soon / overdue states."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from gridcenter_desktop.core.deadlines import (
    DeadlineState,
    LimitUnit,
    TimeLimit,
    WorkCalendar,
    accept_limit,
    compute_deadline,
    deadline_state,
    due_soon_threshold,
    finish_limit,
)
from gridcenter_desktop.core.enums import HolidayKind, Priority, TicketStatus

CAL = WorkCalendar()


def test_national_day_week_is_off_and_the_make_up_weekend_is_worked():
    for day in range(1, 8):
        assert not CAL.is_workday(date(2022, 10, day)), f"2022-10-{day:02d} is National Day"
    assert CAL.is_workday(date(2022, 10, 8))  # Saturday, 调休
    assert CAL.is_workday(date(2022, 10, 9))  # Sunday, 调休
    assert CAL.is_workday(date(2022, 9, 30))


def test_friday_afternoon_plus_one_working_day_is_monday_same_time():
    assert CAL.add_working_days(datetime(2022, 3, 4, 16, 0), 1) == datetime(2022, 3, 7, 16, 0)


def test_working_days_skip_national_day_and_count_make_up_days():
    # Registered the last working day before the holiday: the 1st working day after it is the
    # make-up Saturday, the 3rd is Monday 10-10.
    start = datetime(2022, 9, 30, 9, 30)
    assert CAL.add_working_days(start, 1) == datetime(2022, 10, 8, 9, 30)
    assert CAL.add_working_days(start, 3) == datetime(2022, 10, 10, 9, 30)


def test_a_ticket_registered_on_a_holiday_counts_from_the_next_working_day():
    assert CAL.add_working_days(datetime(2022, 10, 3, 11, 0), 1) == datetime(2022, 10, 8, 11, 0)


def test_zero_working_days_is_the_start_and_negative_is_refused():
    start = datetime(2022, 5, 5, 8, 0)
    assert CAL.add_working_days(start, 0) == start
    with pytest.raises(ValueError):
        CAL.add_working_days(start, -1)


def test_years_the_package_does_not_know_fall_back_to_weekends():
    # 2027-01-01 is a Friday: without an administrator's entry it is a working day.
    assert CAL.is_workday(date(2027, 1, 1))
    assert not CAL.is_workday(date(2027, 1, 2))
    assert CAL.add_working_days(datetime(2027, 1, 1, 10, 0), 1) == datetime(2027, 1, 4, 10, 0)


def test_administrator_entries_win_over_the_bundled_calendar_and_the_fallback():
    cal = WorkCalendar(
        {
            date(2027, 1, 1): HolidayKind.HOLIDAY,
            date(2027, 1, 2): HolidayKind.WORKDAY,
            # Even a year the package knows: the database has the last word.
            date(2022, 10, 10): HolidayKind.HOLIDAY,
        }
    )
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 1, 2))
    assert not cal.is_workday(date(2022, 10, 10))
    assert cal.add_working_days(datetime(2026, 12, 31, 9, 0), 1) == datetime(2027, 1, 2, 9, 0)


def test_hours_run_through_nights_and_holidays():
    assert CAL.add_hours(datetime(2022, 10, 1, 22, 0), 4) == datetime(2022, 10, 2, 2, 0)


def test_finish_limits_by_urgency():
    # fire_safety allows 3 working days, planning 15, epidemic prevention 2.
    assert finish_limit("fire_safety", Priority.ORDINARY) == TimeLimit(3, LimitUnit.WORKING_DAYS)
    assert finish_limit("fire_safety", Priority.URGENT) == TimeLimit(2, LimitUnit.WORKING_DAYS)
    assert finish_limit("planning", Priority.URGENT) == TimeLimit(2, LimitUnit.WORKING_DAYS)
    assert finish_limit("epidemic_prevention", Priority.URGENT) == TimeLimit(1, "working_days")
    assert finish_limit("planning", Priority.CRITICAL) == TimeLimit(24, LimitUnit.HOURS)
    with pytest.raises(KeyError):
        finish_limit("no_such_category", Priority.ORDINARY)


def test_accept_limits_and_the_whistle():
    assert accept_limit(Priority.ORDINARY) == TimeLimit(1, LimitUnit.WORKING_DAYS)
    assert accept_limit(Priority.URGENT) == TimeLimit(4, LimitUnit.HOURS)
    assert accept_limit(Priority.CRITICAL) == TimeLimit(1, LimitUnit.HOURS)
    assert accept_limit(Priority.ORDINARY, whistle=True) == TimeLimit(2, LimitUnit.HOURS)
    assert accept_limit(Priority.URGENT, whistle=True) == TimeLimit(2, LimitUnit.HOURS)
    assert accept_limit(Priority.CRITICAL, whistle=True) == TimeLimit(1, LimitUnit.HOURS)


def test_compute_deadline_uses_the_limit_unit():
    start = datetime(2022, 9, 30, 15, 0)
    assert compute_deadline(start, TimeLimit(1, "working_days"), CAL) == datetime(2022, 10, 8, 15)
    assert compute_deadline(start, TimeLimit(24, "hours"), CAL) == datetime(2022, 10, 1, 15)


def test_due_soon_starts_when_a_quarter_of_the_time_is_left():
    created = datetime(2022, 3, 1, 8, 0)
    deadline = created + timedelta(hours=100)
    assert due_soon_threshold(created, deadline) == created + timedelta(hours=75)


@pytest.mark.parametrize(
    ("now", "status", "closed_at", "expected"),
    [
        (datetime(2022, 3, 1, 9), TicketStatus.IN_PROGRESS, None, DeadlineState.ON_TIME),
        (datetime(2022, 3, 4, 12), TicketStatus.DISPATCHED, None, DeadlineState.DUE_SOON),
        (datetime(2022, 3, 5, 8), TicketStatus.DISPATCHED, None, DeadlineState.DUE_SOON),
        (datetime(2022, 3, 5, 8, 1), TicketStatus.PENDING_DISPATCH, None, DeadlineState.OVERDUE),
        (
            datetime(2022, 3, 9),
            TicketStatus.CLOSED,
            datetime(2022, 3, 4),
            DeadlineState.CLOSED_ON_TIME,
        ),
        (
            datetime(2022, 3, 1),
            TicketStatus.CLOSED,
            datetime(2022, 3, 6),
            DeadlineState.CLOSED_LATE,
        ),
    ],
)
def test_deadline_state(now, status, closed_at, expected):
    created = datetime(2022, 3, 1, 8, 0)
    deadline = datetime(2022, 3, 5, 8, 0)
    due_soon = due_soon_threshold(created, deadline)
    assert deadline_state(now, status, due_soon, deadline, closed_at) is expected
