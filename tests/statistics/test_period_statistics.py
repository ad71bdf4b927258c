"""Period statistics equal the figures counted by hand on January 2022 (see conftest.py)."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from gridcenter_desktop.core.enums import Satisfaction
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.statistics import percent, period_statistics

NOW = datetime(2022, 2, 10, 12, 0)
JAN1, JAN31 = date(2022, 1, 1), date(2022, 1, 31)


def test_headline_figures(session, january):
    s = period_statistics(session, JAN1, JAN31, now=NOW)
    # Tickets 1-9 and 13; the merged duplicate (10) and 11, 12 (outside) are left out.
    assert s.tickets_total == 10
    assert s.tickets_closed == 6
    assert s.closure_rate == Decimal("60.00")
    assert s.on_time_rate == Decimal("83.33")  # 5 of 6: ticket 2 closed late
    assert s.avg_handling_days == Decimal("2.5")  # (2 + 6 + 1 + 3 + 1 + 2) / 6
    assert (s.disputes_total, s.disputes_resolved) == (3, 1)
    assert s.dispute_resolution_rate == Decimal("33.33")
    assert (s.petition_batches, s.petition_people) == (2, 5)
    assert (s.suggestions_total, s.suggestions_resolved) == (2, 1)
    assert s.satisfaction == {
        Satisfaction.SATISFIED: 2,
        Satisfaction.BASICALLY_SATISFIED: 1,
        Satisfaction.DISSATISFIED: 1,
    }
    assert s.satisfaction_rate == Decimal("75.00")
    assert s.overdue_open == 3  # tickets 5, 9 and 13
    assert s.grids == 3


def test_breakdowns(session, january):
    s = period_statistics(session, JAN1, JAN31, now=NOW)
    assert {k: f.tickets for k, f in s.by_status.items()} == {
        "awaiting_review": 1,
        "closed": 6,
        "dispatched": 1,
        "in_progress": 1,
        "pending_dispatch": 1,
    }
    assert {k: f.tickets for k, f in s.by_kind.items()} == {
        "dispute": 3,
        "ordinary": 3,
        "petition": 2,
        "suggestion": 2,
    }
    assert s.by_category["noise"].closed == 2
    assert s.by_category["noise"].on_time_rate == Decimal("50.00")
    assert s.by_source["grid_patrol"].tickets == 3

    grids = [(f.name, f.tickets, f.closed, f.overdue_open) for f in s.by_grid]
    assert grids == [
        ("福利村第一网格", 3, 2, 1),
        ("福利村第二网格", 3, 2, 1),
        ("梅园社区第一网格", 2, 1, 0),
        (None, 2, 1, 1),  # tickets located in no grid
    ]
    villages = [(f.name, f.tickets, f.closed, f.on_time) for f in s.by_village]
    assert villages == [("福利村", 6, 4, 3), ("梅园社区", 2, 1, 1), (None, 2, 1, 1)]

    depts = {f.name: f for f in s.by_department}
    assert set(depts) == {"综合执法局", "水利站"}
    enf, water = depts["综合执法局"], depts["水利站"]
    assert (enf.tickets, enf.closed, enf.on_time, enf.overdue_open) == (2, 2, 1, 0)
    assert enf.avg_handling_days == Decimal("4.0")
    assert enf.satisfaction_rate == Decimal("50.00")
    # The withdrawn lead assignment of ticket 13 does not count for 综合执法局.
    assert (water.tickets, water.closed, water.overdue_open) == (2, 0, 2)
    assert water.avg_handling_days is None


def test_per_day_and_month(session, january):
    s = period_statistics(session, JAN1, JAN31, now=NOW)
    created = {c.day.isoformat(): c.created for c in s.by_day if c.created}
    closed = {c.day.isoformat(): c.closed for c in s.by_day if c.closed}
    assert created == {
        "2022-01-03": 1,
        "2022-01-04": 1,
        "2022-01-10": 3,
        "2022-01-15": 1,
        "2022-01-16": 1,
        "2022-01-20": 1,
        "2022-01-21": 1,
        "2022-01-31": 1,
    }
    assert closed == {
        "2022-01-05": 1,
        "2022-01-10": 1,
        "2022-01-11": 1,
        "2022-01-13": 1,
        "2022-01-16": 1,
        "2022-01-22": 1,
    }
    assert [(m.day, m.created, m.closed) for m in s.by_month] == [(date(2022, 1, 1), 10, 6)]


def test_one_day_period_and_empty_period(session, january):
    s = period_statistics(session, date(2022, 1, 10), date(2022, 1, 10), now=NOW)
    assert (s.tickets_total, s.disputes_total, s.disputes_resolved) == (3, 3, 1)
    empty = period_statistics(session, date(2023, 1, 1), date(2023, 1, 31), now=NOW)
    assert empty.tickets_total == 0
    assert empty.closure_rate is None
    assert empty.to_dict()["closure_rate"] is None


def test_to_dict_is_json_with_the_cli_keys(session, january):
    data = json.loads(json.dumps(period_statistics(session, JAN1, JAN31, now=NOW).to_dict()))
    assert data["closure_rate"] == 60.0
    assert data["dispute_resolution_rate"] == 33.33
    for key, value in {
        "tickets_total": 10,
        "tickets_closed": 6,
        "disputes_total": 3,
        "disputes_resolved": 1,
        "petition_batches": 2,
        "petition_people": 5,
        "suggestions_total": 2,
        "suggestions_resolved": 1,
        "grids": 3,
        "overdue_open": 3,
    }.items():
        assert data[key] == value, key


def test_rates_round_half_up_to_two_decimals():
    assert percent(13765, 14086) == Decimal("97.72")
    assert percent(2596, 2619) == Decimal("99.12")
    assert percent(1, 8) == Decimal("12.50")
    assert percent(1, 800) == Decimal("0.13")  # 0.125 rounds up, not to even
    assert percent(0, 0) is None


def test_reversed_period_is_refused(session):
    with pytest.raises(ValidationError) as err:
        period_statistics(session, JAN31, JAN1)
    assert err.value.field == "date_to"
