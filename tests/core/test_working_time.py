"""Due soon in working time: days off between registration and deadline do not count, so a
ticket does not turn due soon over a holiday; suspended time moves a deadline by working time."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gridcenter_desktop.core.deadlines import (
    WorkCalendar,
    add_working_time,
    due_soon_threshold,
    working_time_between,
)

CAL = WorkCalendar()
H = timedelta(hours=1)


def test_a_weekend_holds_no_working_time():
    friday = datetime(2024, 3, 8, 16, 0)
    monday = datetime(2024, 3, 11, 10, 0)
    assert working_time_between(friday, monday, CAL) == 18 * H
    assert add_working_time(friday, 18 * H, CAL) == monday
    assert add_working_time(friday, 8 * H, CAL) == datetime(2024, 3, 11, 0, 0)


def test_national_day_2024_is_stepped_over():
    # Monday 30 September, then 1-7 October off, Tuesday 8 October back at work.
    before = datetime(2024, 9, 30, 20, 0)
    after = datetime(2024, 10, 8, 6, 0)
    assert working_time_between(before, after, CAL) == 10 * H
    assert add_working_time(before, 10 * H, CAL) == after
    # A span starting inside the holiday begins to run on the first working day.
    assert add_working_time(datetime(2024, 10, 3, 12, 0), 2 * H, CAL) == datetime(2024, 10, 8, 2)


def test_registered_before_national_day_turns_due_soon_after_it():
    # Monday 30 September 2024; two working days end on 9 October, after the holiday week.
    created = datetime(2024, 9, 30, 10, 0)
    deadline = CAL.add_working_days(created, 2)
    assert deadline == datetime(2024, 10, 9, 10, 0)
    # By the wall clock three quarters of the span end on 7 October, inside the holiday.
    assert due_soon_threshold(created, deadline) == datetime(2024, 10, 7, 4, 0)
    # In working time: on 8 October, the first working day after it.
    assert due_soon_threshold(created, deadline, CAL) == datetime(2024, 10, 8, 22, 0)


def test_a_span_ending_at_midnight_before_a_holiday_ends_when_work_starts_again():
    created = datetime(2024, 9, 29, 12, 0)  # Sunday, a make-up working day
    assert add_working_time(created, 36 * H, CAL) == datetime(2024, 10, 8, 0, 0)


def test_registered_before_spring_festival_turns_due_soon_after_it():
    # Thursday 8 February 2024; 10-17 February off, Sunday 18 February a make-up day.
    created = datetime(2024, 2, 8, 9, 0)
    deadline = CAL.add_working_days(created, 3)
    assert deadline == datetime(2024, 2, 19, 9, 0)
    assert due_soon_threshold(created, deadline) == datetime(2024, 2, 16, 15, 0)  # holiday
    assert due_soon_threshold(created, deadline, CAL) == datetime(2024, 2, 18, 15, 0)


def test_a_span_inside_a_holiday_falls_back_to_the_wall_clock():
    created = datetime(2024, 10, 2, 8, 0)
    deadline = created + 24 * H  # a critical ticket: 24 hours, holiday or not
    assert due_soon_threshold(created, deadline, CAL) == created + 18 * H


def test_a_deadline_not_after_registration_is_its_own_due_soon_moment():
    created = datetime(2024, 10, 9, 8, 0)
    late = datetime(2024, 10, 1, 8, 0)
    assert due_soon_threshold(created, late, CAL) == late
    assert due_soon_threshold(created, created, CAL) == created


def test_without_a_calendar_the_wall_clock_rule_stands():
    created = datetime(2022, 3, 1, 8, 0)
    assert due_soon_threshold(created, created + 100 * H) == created + 75 * H


_moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2025, 12, 31))


@given(_moments, st.integers(min_value=0, max_value=60 * 24 * 20))
def test_adding_working_time_is_undone_by_measuring_it(start, minutes):
    span = timedelta(minutes=minutes)
    end = add_working_time(start, span, CAL)
    assert end >= start
    assert working_time_between(start, end, CAL) == span


@given(_moments, st.integers(min_value=1, max_value=60 * 24 * 30))
def test_due_soon_lies_between_registration_and_deadline_on_a_working_day(created, minutes):
    deadline = created + timedelta(minutes=minutes)
    due_soon = due_soon_threshold(created, deadline, CAL)
    assert created <= due_soon <= deadline
    if working_time_between(created, deadline, CAL):
        assert CAL.is_workday(due_soon.date()) or due_soon == created
