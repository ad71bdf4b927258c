"""The figures' default period follows the data: the demo period when the data ends there,
else the twelve months up to the last ticket."""

from __future__ import annotations

from datetime import date

from gridcenter_desktop.services.periods import (
    DEMO_PERIOD,
    ReportPeriod,
    calendar_kind,
    default_period,
    period_before,
    period_for,
    year_before,
)

TODAY = date(2026, 11, 29)


def test_demo_data_shows_the_demo_period():
    assert default_period(date(2022, 10, 25), TODAY) == DEMO_PERIOD
    assert default_period(date(2022, 3, 1), TODAY) == DEMO_PERIOD


def test_the_demo_keeps_its_period_after_a_ticket_registered_today():
    assert default_period(TODAY, TODAY, demo=True) == DEMO_PERIOD
    assert default_period(TODAY, TODAY) == (date(2025, 11, 30), TODAY)


def test_other_data_shows_its_last_twelve_months():
    assert default_period(date(2022, 12, 31), TODAY) == (date(2022, 1, 1), date(2022, 12, 31))
    assert default_period(date(2024, 2, 29), TODAY) == (date(2023, 3, 1), date(2024, 2, 29))


def test_no_data_or_future_data_ends_today():
    assert default_period(None, TODAY) == (date(2025, 11, 30), TODAY)
    assert default_period(date(2027, 1, 1), TODAY)[1] == TODAY


def test_month_and_year_choices_run_to_today():
    assert period_for("month", TODAY, DEMO_PERIOD) == (date(2026, 11, 1), TODAY)
    assert period_for("year", TODAY, DEMO_PERIOD) == (date(2026, 1, 1), TODAY)
    assert period_for("default", TODAY, DEMO_PERIOD) == DEMO_PERIOD


def test_calendar_kind_names_whole_months_quarters_and_years():
    assert calendar_kind(date(2024, 2, 1), date(2024, 2, 29)) is ReportPeriod.MONTH
    assert calendar_kind(date(2023, 2, 1), date(2023, 2, 28)) is ReportPeriod.MONTH
    assert calendar_kind(date(2023, 2, 1), date(2023, 2, 27)) is None
    assert calendar_kind(date(2024, 4, 1), date(2024, 6, 30)) is ReportPeriod.QUARTER
    assert calendar_kind(date(2024, 3, 1), date(2024, 5, 31)) is None  # three months, no quarter
    assert calendar_kind(date(2024, 1, 1), date(2024, 12, 31)) is ReportPeriod.YEAR
    assert calendar_kind(*DEMO_PERIOD) is None
    assert calendar_kind(date.min, date.max) is None
    assert calendar_kind(date(9999, 12, 1), date.max) is None


def test_a_march_report_compares_with_february_and_last_march():
    # 2024 is a leap year: its February has 29 days; 2023's has 28.
    assert period_before(date(2024, 3, 1), date(2024, 3, 31)) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
    )
    assert period_before(date(2023, 3, 1), date(2023, 3, 31)) == (
        date(2023, 2, 1),
        date(2023, 2, 28),
    )
    assert year_before(date(2024, 3, 1), date(2024, 3, 31)) == (date(2023, 3, 1), date(2023, 3, 31))
    # A leap February's 同比 is last year's whole February.
    assert year_before(date(2024, 2, 1), date(2024, 2, 29)) == (date(2023, 2, 1), date(2023, 2, 28))
    # January's 环比 is last December.
    assert period_before(date(2024, 1, 1), date(2024, 1, 31)) == (
        date(2023, 12, 1),
        date(2023, 12, 31),
    )


def test_a_q2_report_compares_with_q1_and_last_q2():
    assert period_before(date(2024, 4, 1), date(2024, 6, 30)) == (
        date(2024, 1, 1),
        date(2024, 3, 31),
    )
    assert year_before(date(2024, 4, 1), date(2024, 6, 30)) == (date(2023, 4, 1), date(2023, 6, 30))
    assert period_before(date(2024, 1, 1), date(2024, 3, 31)) == (
        date(2023, 10, 1),
        date(2023, 12, 31),
    )


def test_a_year_has_only_a_year_on_year_and_other_periods_no_comparison():
    assert year_before(date(2024, 1, 1), date(2024, 12, 31)) == (
        date(2023, 1, 1),
        date(2023, 12, 31),
    )
    assert period_before(date(2024, 1, 1), date(2024, 12, 31)) is None
    assert year_before(*DEMO_PERIOD) is None
    assert period_before(*DEMO_PERIOD) is None
    assert period_before(date(2024, 3, 4), date(2024, 3, 10)) is None  # a week
    assert year_before(date(1, 1, 1), date(1, 1, 31)) is None
    assert period_before(date(1, 1, 1), date(1, 1, 31)) is None


# -- a workstation's chosen report period (Settings.report_period) ---------------------------


def test_relative_periods_count_back_from_today_not_from_the_data():
    from gridcenter_desktop.services.periods import RelativePeriod, relative_period

    today = date(2026, 12, 2)
    assert relative_period(RelativePeriod.THIS_MONTH, today) == (date(2026, 12, 1), today)
    assert relative_period("last_month", today) == (date(2026, 11, 1), date(2026, 11, 30))
    assert relative_period("this_quarter", today) == (date(2026, 10, 1), today)
    assert relative_period("this_year", today) == (date(2026, 1, 1), today)
    assert relative_period("last_30_days", today) == (date(2026, 11, 3), today)


def test_last_month_in_january_is_the_december_before_and_february_has_its_own_length():
    from gridcenter_desktop.services.periods import relative_period

    assert relative_period("last_month", date(2027, 1, 15)) == (
        date(2026, 12, 1),
        date(2026, 12, 31),
    )
    assert relative_period("last_month", date(2024, 3, 31)) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
    )
    # On the first of a month, "this month" is that one day.
    assert relative_period("this_month", date(2026, 5, 1)) == (date(2026, 5, 1), date(2026, 5, 1))
