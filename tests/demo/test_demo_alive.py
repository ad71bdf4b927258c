"""Opening the demo on the day it was built looks like a working day: tickets registered that
morning, a few due soon, a minority overdue, missed acceptances, requests for more time,
callbacks still to make, notices running; and times of day that suit each source."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.demo.build import build_demo
from gridcenter_desktop.services.statistics import period_statistics
from tests.demo.moments import NOW

_OPEN = "('pending_dispatch', 'dispatched', 'in_progress', 'awaiting_review')"


def _one(conn, sql: str, **params):
    return conn.execute(text(sql), {k: str(v) for k, v in params.items()}).one()


def test_today_has_tickets_up_to_now_and_a_minority_overdue(demo_engine):
    with Session(demo_engine) as session:
        today = period_statistics(session, NOW.date(), NOW.date(), now=NOW)
    open_today = today.tickets_total - today.tickets_closed
    assert today.tickets_total >= 5
    assert open_today > 0 and today.overdue_open * 2 < open_today
    with demo_engine.connect() as conn:
        open_, overdue, due_soon = _one(
            conn,
            f"SELECT count(*), sum(deadline_at < :now), sum(due_soon_at <= :now"
            f" AND deadline_at >= :now) FROM ticket WHERE status IN {_OPEN}",
            now=NOW,
        )
        report_open = _one(
            conn,
            f"SELECT count(*), sum(deadline_at < :now) FROM ticket WHERE status IN {_OPEN}"
            " AND created_at < '2022-10-26'",
            now=NOW,
        )
    # The whole open queue: most running on time, some due soon, a minority overdue.
    assert overdue * 2 < open_
    assert 0 < due_soon < open_ / 2
    # The report's 321 open tickets stay open (its figures count closed by status); most of
    # them were granted more time as long-running matters.
    assert report_open[0] == 321
    assert 0 < report_open[1] < 321 / 2


def test_missed_acceptances_escalations_and_added_departments(demo_engine):
    with demo_engine.connect() as conn:
        missed = _one(
            conn,
            "SELECT count(*) FROM assignment WHERE status = 'pending' AND accept_by < :now",
            now=NOW,
        )[0]
        escalated = _one(conn, "SELECT count(*) FROM assignment WHERE escalated_at IS NOT NULL")[0]
        added = _one(conn, "SELECT count(*) FROM ticket_event WHERE action = 'add_assignee'")[0]
        own_clock = _one(
            conn,
            "SELECT count(*) FROM assignment a JOIN assignment l ON l.ticket_id = a.ticket_id"
            " AND l.role = 'lead' AND a.role = 'assist' AND l.created_at = a.created_at"
            " WHERE a.finish_by < l.finish_by",
        )[0]
    assert missed > 0 and 0 < escalated
    assert added > 0 and own_clock > 0


def test_extensions_suspensions_and_callbacks_are_on_record(demo_engine):
    with demo_engine.connect() as conn:
        decisions = dict(
            conn.execute(text("SELECT decision, count(*) FROM extension_request GROUP BY 1")).all()
        )
        suspended = _one(
            conn,
            f"SELECT count(*) FROM ticket WHERE suspended_at IS NOT NULL AND status IN {_OPEN}",
        )[0]
        channels = dict(
            conn.execute(text("SELECT channel, count(*) FROM callback_record GROUP BY 1")).all()
        )
        rated, records = _one(
            conn,
            "SELECT count(*), (SELECT count(DISTINCT ticket_id) FROM callback_record"
            "  WHERE satisfaction IS NOT NULL) FROM ticket WHERE satisfaction IS NOT NULL",
        )
        to_call = _one(
            conn,
            "SELECT count(*) FROM ticket WHERE status = 'closed' AND satisfaction IS NULL"
            " AND source = 'hotline' AND closed_at > :since",
            since=NOW - timedelta(days=3),
        )[0]
    assert {"pending", "approved", "refused"} <= set(decisions)
    assert 1 <= suspended <= 5
    assert max(channels, key=channels.get) == "phone" and channels["unreachable"] > 0
    # Every rated ticket's rating is on record, one callback per reporter.
    assert rated == records
    # Closed in the last days: still to be called back (待回访).
    assert to_call > 0


def test_merged_duplicates_are_answered_with_their_kept_tickets_result(demo_engine):
    with demo_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT d.closed_at, d.outcome, e.at, json_extract(e.data, '$.outcome')"
                " FROM ticket d JOIN ticket k ON k.id = d.merged_into_id"
                " LEFT JOIN ticket_event e ON e.ticket_id = k.id AND e.action IN"
                "  ('close', 'solve_in_grid') AND e.at >= (SELECT min(m.at) FROM ticket_event m"
                "  WHERE m.ticket_id = d.id AND m.action = 'merge')"
                " AND e.id = (SELECT min(f.id) FROM ticket_event f WHERE f.ticket_id = k.id"
                "  AND f.action IN ('close', 'solve_in_grid') AND f.at >= (SELECT min(m.at)"
                "  FROM ticket_event m WHERE m.ticket_id = d.id AND m.action = 'merge'))"
                " WHERE d.status = 'merged'"
            )
        ).all()
    answered = [r for r in rows if r[2] is not None]
    assert len(answered) > len(rows) * 0.9
    for closed_at, outcome, kept_closed, kept_outcome in answered:
        assert (closed_at, outcome) == (kept_closed, kept_outcome)
    assert all(r[0] is None for r in rows if r[2] is None)


def test_joint_inspections_and_notices_like_manshan_island(demo_engine):
    with demo_engine.connect() as conn:
        present = {
            name
            for (name,) in conn.execute(
                text(
                    "SELECT DISTINCT d.name FROM inspection_department i"
                    " JOIN department d ON d.id = i.department_id"
                )
            )
        }
        inspections = _one(conn, "SELECT count(*) FROM joint_inspection")[0]
        notices = conn.execute(
            text("SELECT number, issued_on, deadline, status FROM rectification_notice ORDER BY id")
        ).all()
        due_check = _one(
            conn,
            "SELECT count(*) FROM rectification_notice WHERE status = 'issued' AND deadline < :d",
            d=NOW.date(),
        )[0]
        events = dict(
            conn.execute(
                text(
                    "SELECT action, count(*) FROM ticket_event WHERE action IN"
                    " ('inspect', 'notice', 'notice_check') GROUP BY 1"
                )
            ).all()
        )
    assert {
        "食安办",
        "旅游办",
        "市场监督管理所",
        "光福派出所",
        "消委办（消防）",
        "冲山村村委会",
    } <= present
    assert 3 <= inspections <= 80 and len(notices) == inspections == events["inspect"]
    assert notices[0][0] == f"光福整改〔{notices[0][1][:4]}〕001号"
    assert all(deadline >= issued for _n, issued, deadline, _s in notices)
    assert events["notice"] == len(notices) and events["notice_check"] > 0
    # One (or a few) waits for its check-back now that its deadline has passed.
    assert due_check >= 1


def test_times_of_day_follow_each_source(demo_engine):
    with demo_engine.connect() as conn:
        hours = {
            (source, int(hour)): n
            for source, hour, n in conn.execute(
                text(
                    "SELECT source, substr(created_at, 12, 2), count(*) FROM ticket"
                    " WHERE status != 'merged' GROUP BY 1, 2"
                )
            )
        }
        office_days = {
            day
            for (day,) in conn.execute(
                text(
                    "SELECT DISTINCT substr(created_at, 1, 10) FROM ticket"
                    " WHERE source IN ('letter_visit', 'walk_in', 'opinion_day')"
                )
            )
        }
        out_of_order = _one(
            conn,
            "SELECT count(*) FROM ticket a JOIN ticket b ON b.id = a.id + 1"
            " WHERE b.created_at < a.created_at",
        )[0]

    def share(sources: tuple[str, ...], night: range) -> float:
        total = sum(n for (s, _h), n in hours.items() if s in sources)
        return sum(n for (s, h), n in hours.items() if s in sources and h in night) / total

    # No grid patrols or visits to the office at night; the hotline takes a trickle.
    assert share(("grid_patrol",), range(0, 7)) == 0
    assert share(("letter_visit", "walk_in", "opinion_day"), range(0, 8)) == 0
    assert share(("letter_visit", "walk_in", "opinion_day"), range(18, 24)) == 0
    assert 0 < share(("hotline",), range(0, 6)) < 0.05
    # Letters and visits on working days only (a make-up Saturday, 调休, is one).
    calendar = WorkCalendar()
    assert all(calendar.is_workday(date.fromisoformat(d)) for d in office_days)
    # Ids follow arrival order.
    assert out_of_order == 0


def test_a_demo_built_now_is_alive_today(tmp_path, capsys):
    """The real clock: whatever the day, `gridcenter stats --from TODAY --to TODAY --json` on
    a demo built now shows tickets registered today, a minority of the open ones overdue."""
    from gridcenter_desktop.cli import main
    from gridcenter_desktop.core.clock import china_today

    path = tmp_path / "today.sqlite3"
    build_demo(f"sqlite:///{path}")
    today = china_today().isoformat()
    assert main(["stats", "--db", str(path), "--from", today, "--to", today, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["tickets_total"] > 0
    still_open = figures["tickets_total"] - figures["tickets_closed"]
    assert figures["overdue_open"] * 2 <= still_open
