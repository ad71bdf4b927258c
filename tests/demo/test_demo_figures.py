"""The default demo reproduces the report's figures exactly: the tickets of 2022-01-01 ..
2022-10-25 ("今年以来"), the disputes, letters and visits and suggestions of recent years
(2020-01-01 .. 2022-10-25, "近年来")."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from gridcenter_desktop.demo.build import DemoStage
from gridcenter_desktop.demo.schedule import PERIOD_NOW
from gridcenter_desktop.services.statistics import period_statistics
from tests.demo.moments import NOW


def test_period_statistics_are_the_reports_figures(demo_engine):
    with Session(demo_engine) as session:
        figures = period_statistics(
            session, date(2022, 1, 1), date(2022, 10, 25), now=PERIOD_NOW
        ).to_dict()
        span = period_statistics(session, date(2020, 1, 1), date(2022, 10, 25), now=NOW)
    assert figures["tickets_total"] == 14_086
    assert figures["tickets_closed"] == 13_765
    assert figures["closure_rate"] == 97.72
    assert span.disputes_total == 2_619
    assert span.disputes_resolved == 2_596
    assert span.to_dict()["dispute_resolution_rate"] == 99.12
    assert (span.petition_batches, span.petition_people) == (200, 283)
    assert (span.suggestions_total, span.suggestions_resolved) == (31, 26)
    # Recent years, not this year alone: 2022 has only its share of them.
    assert 0 < figures["disputes_total"] < 2_619 / 2
    assert 0 < figures["petition_batches"] < 200
    assert figures["grids"] == 48
    # Most tickets close on time, some late; a few open ones are overdue at the demo's "now".
    assert 93 <= figures["on_time_rate"] <= 97
    assert 0 < figures["overdue_open"] < 321


def test_the_figures_hold_by_plain_sql_too(demo_engine):
    with demo_engine.connect() as conn:
        tickets = conn.execute(
            text(
                "SELECT count(*), sum(status = 'closed') FROM ticket WHERE status != 'merged'"
                " AND created_at >= '2022-01-01' AND created_at < '2022-10-26'"
            )
        ).one()
        span = conn.execute(
            text(
                "SELECT sum(kind = 'dispute'), sum(kind = 'dispute' AND status = 'closed'"
                "   AND outcome = 'resolved'),"
                " sum(kind = 'dispute' AND status = 'closed' AND outcome = 'resolved'"
                "   AND solved_in_grid),"
                " sum(kind = 'petition'), sum(CASE WHEN kind = 'petition' THEN people_count END),"
                " sum(kind = 'suggestion'), sum(kind = 'suggestion' AND status = 'closed'"
                "   AND outcome = 'resolved')"
                " FROM ticket WHERE status != 'merged'"
                " AND created_at >= '2020-01-01' AND created_at < '2022-10-26'"
            )
        ).one()
        merged = conn.scalar(text("SELECT count(*) FROM ticket WHERE status = 'merged'"))
    assert tuple(tickets) == (14_086, 13_765)
    # Every one of the 2,596 disputes resolved was settled inside the grid.
    assert tuple(span) == (2_619, 2_596, 2_596, 200, 283, 31, 26)
    assert merged > 0


def test_recent_years_run_at_the_platforms_rhythm(demo_engine):
    with demo_engine.connect() as conn:
        years = dict(
            conn.execute(
                text("SELECT substr(created_at, 1, 4), count(*) FROM ticket GROUP BY 1")
            ).all()
        )
    # The default demo starts with recent years; 2020 < 2021 < 2022, and 2023 keeps 2022's pace.
    assert min(years) == "2020" and max(years) == "2026"
    assert years["2020"] < years["2021"] < years["2023"]
    assert 0.9 < years["2024"] / years["2023"] < 1.1


def _counts(conn, sql: str) -> dict:
    return {key: n for key, n in conn.execute(text(sql))}


def test_the_mix_looks_like_a_towns_year(demo_engine):
    with demo_engine.connect() as conn:
        sources = _counts(conn, "SELECT source, count(*) FROM ticket GROUP BY source")
        categories = _counts(conn, "SELECT category, count(*) FROM ticket GROUP BY category")
        per_day = _counts(conn, "SELECT substr(created_at, 1, 10), count(*) FROM ticket GROUP BY 1")
        petitions = _counts(
            conn, "SELECT source, count(*) FROM ticket WHERE kind = 'petition' GROUP BY 1"
        )
        in_grid = conn.scalar(
            text(
                "SELECT count(*) FROM ticket WHERE kind = 'dispute' AND solved_in_grid"
                " AND status = 'closed'"
            )
        )
    assert max(sources, key=sources.get) == "hotline"
    top = sorted(categories, key=categories.get, reverse=True)[:3]
    assert {"city_management", "environment"} <= set(top)
    # The Spring Festival week (2022-01-31 .. 02-06) is quieter than an ordinary March week.
    festival = sum(per_day.get(f"2022-02-0{d}", 0) for d in range(1, 7)) + per_day["2022-01-31"]
    march = sum(per_day[f"2022-03-{d:02d}"] for d in range(7, 14))
    assert festival < march / 2
    # Workdays are busier than weekends (2022-03-14 is a Monday, 03-19 a Saturday).
    assert per_day["2022-03-14"] > per_day["2022-03-19"]
    assert max(petitions, key=petitions.get) == "letter_visit"
    # "小事不出网格": most disputes are settled in the grid.
    assert in_grid > 2_596 / 2


def test_progress_reaches_every_stage_in_order(demo_build):
    _url, summary, calls = demo_build
    stages = [c[2] for c in calls]
    assert stages[0] == DemoStage.SCHEMA and stages[-1] == DemoStage.DONE
    assert DemoStage.TICKETS in stages and DemoStage.SEARCH_INDEX in stages
    done = [c[0] for c in calls]
    assert done == sorted(done)
    assert calls[-1][:2] == (summary.tickets, summary.tickets)


def test_no_event_lies_after_the_demos_now(demo_engine):
    with demo_engine.connect() as conn:
        latest = conn.scalar(text("SELECT max(at) FROM ticket_event"))
        newest = conn.scalar(text("SELECT max(created_at) FROM ticket"))
    assert datetime.fromisoformat(latest) <= NOW
    assert datetime.fromisoformat(newest) <= NOW
