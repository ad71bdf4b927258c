"""Issue 11's figures, counted by hand on March 2022 (NOW = 2022-04-10 12:00): lead and
assisting work per department on each assignment's own clock, the acceptance on-time rate with
a missed and a not-yet-due acceptance, extension requests, the callback queue, merged
duplicates answered, and satisfaction counted per reporter.

    T1 03-01 closed 03-05, satisfied
        综合执法局 lead: accepted on time, fed back on time
        水利站 assist:   accepted late, fed back late
    T2 03-10 in progress
        水利站 lead:     pending, accept-by 03-10 10:00 passed → missed; finish-by not yet
        综合执法局 assist (加派 04-10): pending, accept-by 04-11 → not yet due, not counted
        综合执法局 assist: withdrawn (cancelled) → not counted at all
    T3 03-15 closed 03-20, no rating yet (待回访)
        综合执法局 lead: accepted on time, done without a feedback time → the ticket's close
                         (03-20) against finish-by 03-18 → late
        水利站 lead:     returned → not counted
    T4 03-20 in progress
        水利站 assist:   accepted on time, finish-by 03-25 passed → overdue
    T5 03-02 merged into T1, answered 03-05, dissatisfied (a second reporter)
    T6 03-16 merged into T3, answered 03-20, no rating yet (待回访)
    T7 03-11 merged into T2, not answered yet
    T8 02-28 closed, no rating: outside March
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from gridcenter_desktop.core.enums import (
    PRIORITY_RANK,
    AssignmentRole,
    AssignmentStatus,
    DepartmentKind,
    ExtensionDecision,
    Priority,
    Satisfaction,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.followup import ExtensionRequest
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.statistics import period_statistics

NOW = datetime(2022, 4, 10, 12, 0)
D = datetime
MARCH = (date(2022, 3, 1), date(2022, 3, 31))
LEAD, ASSIST = AssignmentRole.LEAD, AssignmentRole.ASSIST
A = AssignmentStatus


def _ticket(session, n, created, status, closed=None, rating=None, merged_into=None):
    ticket = Ticket(
        code=f"GC{created:%Y%m%d}-{n:04d}",
        kind=TicketKind.ORDINARY,
        source=TicketSource.HOTLINE,
        category="noise",
        title=f"第{n}号",
        priority=Priority.ORDINARY,
        priority_rank=PRIORITY_RANK[Priority.ORDINARY],
        status=status,
        created_at=created,
        deadline_at=created + timedelta(days=10),
        due_soon_at=created + timedelta(days=8),
        closed_at=closed,
        satisfaction=rating,
        merged_into_id=merged_into.id if merged_into else None,
        updated_at=created,
    )
    session.add(ticket)
    session.flush()
    return ticket


def _assignment(session, ticket, department, role, status, accept_by, finish_by, **times):
    session.add(
        Assignment(
            ticket_id=ticket.id,
            department_id=department.id,
            role=role,
            status=status,
            created_at=ticket.created_at,
            accept_by=accept_by,
            finish_by=finish_by,
            **times,
        )
    )


@pytest.fixture
def march(session):
    enf = Department(code="enforcement", name="综合执法局", kind=DepartmentKind.OFFICE)
    water = Department(code="water", name="水利站", kind=DepartmentKind.OFFICE)
    session.add_all([enf, water])
    session.flush()
    closed, merged, busy = TicketStatus.CLOSED, TicketStatus.MERGED, TicketStatus.IN_PROGRESS

    t1 = _ticket(session, 1, D(2022, 3, 1, 9), closed, D(2022, 3, 5, 9), Satisfaction.SATISFIED)
    _assignment(session, t1, enf, LEAD, A.DONE, D(2022, 3, 1, 10), D(2022, 3, 4, 9),
                accepted_at=D(2022, 3, 1, 9, 30), fed_back_at=D(2022, 3, 3, 9))  # fmt: skip
    _assignment(session, t1, water, ASSIST, A.DONE, D(2022, 3, 1, 10), D(2022, 3, 3, 9),
                accepted_at=D(2022, 3, 1, 11), fed_back_at=D(2022, 3, 4, 9))  # fmt: skip

    t2 = _ticket(session, 2, D(2022, 3, 10, 9), busy)
    _assignment(session, t2, water, LEAD, A.PENDING, D(2022, 3, 10, 10), D(2022, 4, 20, 9))
    _assignment(session, t2, enf, ASSIST, A.PENDING, D(2022, 4, 11, 9), D(2022, 4, 20, 9))
    _assignment(session, t2, enf, ASSIST, A.CANCELLED, D(2022, 3, 10, 10), D(2022, 4, 20, 9),
                accepted_at=D(2022, 3, 10, 9, 30))  # fmt: skip

    t3 = _ticket(session, 3, D(2022, 3, 15, 9), closed, D(2022, 3, 20, 9))
    _assignment(session, t3, enf, LEAD, A.DONE, D(2022, 3, 15, 10), D(2022, 3, 18, 9),
                accepted_at=D(2022, 3, 15, 9, 45))  # fmt: skip
    _assignment(session, t3, water, LEAD, A.RETURNED, D(2022, 3, 15, 10), D(2022, 3, 18, 9),
                returned_at=D(2022, 3, 15, 9, 40))  # fmt: skip

    t4 = _ticket(session, 4, D(2022, 3, 20, 9), busy)
    _assignment(session, t4, water, ASSIST, A.ACCEPTED, D(2022, 3, 20, 10), D(2022, 3, 25, 9),
                accepted_at=D(2022, 3, 20, 9, 10))  # fmt: skip

    _ticket(session, 5, D(2022, 3, 2, 9), merged, D(2022, 3, 5, 9), Satisfaction.DISSATISFIED, t1)
    _ticket(session, 6, D(2022, 3, 16, 9), merged, D(2022, 3, 20, 9), None, t3)
    _ticket(session, 7, D(2022, 3, 11, 9), merged, None, None, t2)
    _ticket(session, 8, D(2022, 2, 28, 9), closed, D(2022, 3, 1, 9))

    def extension(requested, decision):
        session.add(
            ExtensionRequest(
                ticket_id=t2.id,
                assignment_id=session.query(Assignment.id).filter_by(ticket_id=t2.id).first()[0],
                reason="需协调多个部门",
                proposed_finish_by=D(2022, 5, 1, 9),
                previous_finish_by=D(2022, 4, 20, 9),
                requested_at=requested,
                decision=decision,
            )
        )

    extension(D(2022, 3, 12, 9), ExtensionDecision.APPROVED)
    extension(D(2022, 3, 22, 9), ExtensionDecision.REFUSED)
    extension(D(2022, 3, 31, 23, 59), ExtensionDecision.PENDING)
    extension(D(2022, 4, 2, 9), ExtensionDecision.APPROVED)  # April: not March's
    session.commit()


def _work(w):
    return (
        w.assigned,
        w.acceptance_due,
        w.accepted_on_time,
        w.finished,
        w.finished_on_time,
        w.overdue_open,
    )


def test_lead_and_assisting_work_per_department(session, march):
    s = period_statistics(session, *MARCH, now=NOW)
    work = {d.name: d for d in s.by_department_work}
    assert list(work) == ["综合执法局", "水利站"]  # 3 assignments each; ties by id
    enf, water = work["综合执法局"], work["水利站"]
    # (assigned, acceptance counted, accepted on time, finished, finished on time, overdue)
    assert _work(enf.lead) == (2, 2, 2, 2, 1, 0)
    assert _work(enf.assist) == (1, 0, 0, 0, 0, 0)  # the 加派 not yet due; withdrawn left out
    assert _work(water.lead) == (1, 1, 0, 0, 0, 0)  # missed; the returned one left out
    assert _work(water.assist) == (2, 2, 1, 1, 0, 1)
    assert (enf.lead.acceptance_on_time_rate, enf.lead.completion_on_time_rate) == (
        Decimal("100.00"),
        Decimal("50.00"),
    )
    assert (water.lead.acceptance_on_time_rate, water.lead.completion_on_time_rate) == (
        Decimal("0.00"),
        None,
    )
    assert (water.assist.acceptance_on_time_rate, water.assist.completion_on_time_rate) == (
        Decimal("50.00"),
        Decimal("0.00"),
    )
    assert enf.assist.acceptance_on_time_rate is None
    assert water.lead.accepted_late == 1
    assert _work(s.lead_work) == (3, 3, 2, 2, 1, 0)
    assert _work(s.assist_work) == (3, 2, 1, 1, 0, 1)


def test_acceptance_on_time_rate_counts_the_missed_not_the_not_yet_due(session, march):
    s = period_statistics(session, *MARCH, now=NOW)
    # Counted: T1 lead (on time), T1 assist (late), T2 lead (missed), T3 lead (on time),
    # T4 assist (on time): 3 of 5. T2's 加派 assistant is not due until 04-11.
    assert s.acceptance_on_time_rate == Decimal("60.00")
    # A day later the 加派 assistant has missed its acceptance too: 3 of 6.
    later = period_statistics(session, *MARCH, now=D(2022, 4, 11, 12))
    assert later.acceptance_on_time_rate == Decimal("50.00")
    # Before T2's accept-by passed, its pending lead was not counted either: 3 of 4.
    early = period_statistics(session, *MARCH, now=D(2022, 3, 10, 9, 30))
    assert early.lead_work.acceptance_due == 2  # T1's and T3's leads
    assert early.acceptance_on_time_rate == Decimal("75.00")


def test_extensions_callbacks_and_merged_answered(session, march):
    s = period_statistics(session, *MARCH, now=NOW)
    assert (s.extensions_requested, s.extensions_approved) == (3, 1)
    assert s.callbacks_pending == 2  # T3 and its answered duplicate T6; not T8 (February)
    assert s.merged_answered == 2  # T5, T6; T7 not answered yet
    april = period_statistics(session, date(2022, 4, 1), date(2022, 4, 30), now=NOW)
    assert (april.extensions_requested, april.extensions_approved) == (1, 1)
    assert (april.callbacks_pending, april.merged_answered) == (0, 0)


def test_satisfaction_counts_reporters_and_tickets_stay_tickets(session, march):
    s = period_statistics(session, *MARCH, now=NOW)
    assert (s.tickets_total, s.tickets_closed) == (4, 2)  # duplicates are not tickets
    assert s.closure_rate == Decimal("50.00")
    # T1's reporter satisfied, T5's (merged into T1, answered with it) dissatisfied.
    assert s.satisfaction_rated == 2
    assert s.satisfaction[Satisfaction.SATISFIED] == 1
    assert s.satisfaction[Satisfaction.DISSATISFIED] == 1
    assert s.satisfaction_rate == Decimal("50.00")
    assert s.by_category["noise"].satisfaction_rate == Decimal("50.00")
    assert s.by_category["noise"].tickets == 4
    assert "merged" not in s.by_status


def test_json_keeps_every_old_key_and_has_the_new_ones(session, march):
    data = json.loads(json.dumps(period_statistics(session, *MARCH, now=NOW).to_dict()))
    old_keys = {
        "date_from", "date_to", "tickets_total", "tickets_closed", "closure_rate",
        "on_time_rate", "avg_handling_days", "disputes_total", "disputes_resolved",
        "dispute_resolution_rate", "petition_batches", "petition_people", "suggestions_total",
        "suggestions_resolved", "satisfaction", "satisfaction_rated", "satisfaction_rate",
        "overdue_open", "grids", "by_status", "by_kind", "by_category", "by_source",
        "by_village", "by_grid", "by_department", "by_month", "by_day",
    }  # fmt: skip
    assert old_keys <= set(data)
    assert {
        key: data[key]
        for key in (
            "acceptance_on_time_rate",
            "extensions_requested",
            "extensions_approved",
            "callbacks_pending",
            "merged_answered",
        )
    } == {
        "acceptance_on_time_rate": 60.0,
        "extensions_requested": 3,
        "extensions_approved": 1,
        "callbacks_pending": 2,
        "merged_answered": 2,
    }
    water = next(d for d in data["by_department_work"] if d["name"] == "水利站")
    assert water["assist"]["acceptance_on_time_rate"] == 50.0
    assert water["lead"]["completion_on_time_rate"] is None
    assert data["lead_work"]["assigned"] == 3


def test_stats_command_adds_the_new_keys_and_the_comparison(db_url, session, march, capsys):
    from gridcenter_desktop import cli

    old = run_stats(cli, capsys, db_url, "2022-03-01", "2022-03-31")
    for key in ("tickets_total", "closure_rate", "by_department", "by_day", "satisfaction"):
        assert key in old
    assert (old["tickets_total"], old["callbacks_pending"], old["merged_answered"]) == (4, 2, 2)
    assert (old["extensions_requested"], old["extensions_approved"]) == (3, 1)
    compare = old["compare"]
    assert compare["period"] == "month"
    # 环比: February holds T8 alone (closed): 4 tickets against 1 is +300 %, the closure
    # rate 50 % against 100 % is -50 points.
    before = compare["period_on_period"]
    assert (before["date_from"], before["date_to"]) == ("2022-02-01", "2022-02-28")
    assert before["figures"]["tickets_total"] == {
        "value": 1,
        "change": 300.0,
        "change_unit": "percent",
    }
    assert before["figures"]["closure_rate"] == {
        "value": 100.0,
        "change": -50.0,
        "change_unit": "percentage_points",
    }
    # 同比: March 2021 had nothing: no change can be told.
    year = compare["year_on_year"]
    assert year["date_from"] == "2021-03-01"
    assert year["figures"]["tickets_total"] == {
        "value": 0,
        "change": None,
        "change_unit": "percent",
    }
    assert year["figures"]["closure_rate"]["change"] is None
    # Not a calendar month, quarter or year: no comparison.
    other = run_stats(cli, capsys, db_url, "2022-03-01", "2022-03-20")
    assert other["compare"] == {"period": None, "year_on_year": None, "period_on_period": None}

    code = cli.main(["stats", "--db", db_url, "--from", "2022-03-01", "--to", "2022-03-31"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert any(line.startswith("待回访") and line.endswith("2") for line in lines)
    assert any(line.startswith("申请延期") and line.endswith("3") for line in lines)


def run_stats(cli, capsys, url: str, date_from: str, date_to: str) -> dict:
    code = cli.main(["stats", "--db", url, "--from", date_from, "--to", date_to, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)
