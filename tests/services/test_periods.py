"""The figures' default period follows the data: the demo period when the data ends there,
else the twelve months up to the last ticket."""

from __future__ import annotations

from datetime import date

from gridcenter_desktop.services.periods import DEMO_PERIOD, default_period, period_for

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
