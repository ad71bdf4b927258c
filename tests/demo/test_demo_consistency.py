"""Every demo ticket's timeline and assignments agree with its status, as if the workflow
services had written them one action at a time."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import text

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.core.permissions import may
from gridcenter_desktop.core.workflow import status_allows

# Where each action leads (from-statuses come from core/workflow, the services' own rules).
_LEADS_TO = {
    EventAction.DISPATCH: {"dispatched"},
    EventAction.ACCEPT: {"in_progress", None},  # None: the status stays
    EventAction.RETURN: {"pending_dispatch", None},
    EventAction.FEEDBACK: {"awaiting_review", None},
    EventAction.CLOSE: {"closed"},
    EventAction.REJECT: {"in_progress"},
    EventAction.SOLVE_IN_GRID: {"closed"},
    EventAction.REOPEN: {"pending_dispatch"},
    EventAction.URGE: {None},
    EventAction.SUPERVISE: {None},
    EventAction.MERGE: {"merged"},
    EventAction.MERGED_IN: {None},
    EventAction.CALLBACK: {None, "pending_dispatch"},
    # Issue 11's steps and records beside the workflow: the status stays.
    EventAction.ADD_ASSIGNEE: {None},
    EventAction.ESCALATE: {None},
    EventAction.EXTEND_REQUEST: {None},
    EventAction.EXTEND_DECIDE: {None},
    EventAction.SUSPEND: {None},
    EventAction.RESUME: {None},
    EventAction.INSPECT: {None},
    EventAction.NOTICE: {None},
    EventAction.NOTICE_CHECK: {None},
}
# A merged duplicate answered by its kept ticket's closing: the same action, on record only.
_ANSWERS = frozenset({EventAction.CLOSE, EventAction.SOLVE_IN_GRID})


def _rows(conn, sql):
    return conn.execute(text(sql)).mappings().all()


def test_every_timeline_is_a_valid_walk_ending_in_the_tickets_status(demo_engine):
    with demo_engine.connect() as conn:
        roles = {u["id"]: UserRole(u["role"]) for u in _rows(conn, "SELECT * FROM app_user")}
        tickets = {t["id"]: t for t in _rows(conn, "SELECT * FROM ticket")}
        events = defaultdict(list)
        for e in _rows(conn, "SELECT * FROM ticket_event ORDER BY ticket_id, id"):
            events[e["ticket_id"]].append(e)
    problems = []
    for tid, ticket in tickets.items():
        timeline = events[tid]
        status = None
        for e in timeline:
            action = EventAction(e["action"])
            if e["from_status"] != status:
                problems.append((ticket["code"], "chain broken", action))
            if action is EventAction.REGISTER:
                ok = e["from_status"] is None and e["to_status"] == "pending_dispatch"
            else:
                goes = e["to_status"] if e["to_status"] != e["from_status"] else None
                answered = action in _ANSWERS and e["from_status"] == e["to_status"] == "merged"
                ok = answered or (
                    goes in _LEADS_TO[action]
                    and (
                        action is EventAction.MERGED_IN
                        or status_allows(action, TicketStatus(e["from_status"]))
                    )
                )
            if not ok:
                problems.append((ticket["code"], "bad transition", action, e["from_status"]))
            if e["user_id"] is None or not (
                action is EventAction.MERGED_IN or may(roles[e["user_id"]], action)
            ):
                problems.append((ticket["code"], "not allowed to", action, e["user_id"]))
            status = e["to_status"]
        times = [e["at"] for e in timeline]
        if times != sorted(times) or times[0] != ticket["created_at"]:
            problems.append((ticket["code"], "times out of order"))
        if status != ticket["status"]:
            problems.append((ticket["code"], "last event", status, ticket["status"]))
        if ticket["version"] != len(timeline):
            problems.append((ticket["code"], "version", ticket["version"], len(timeline)))
        last = timeline[-1]
        if (ticket["updated_at"], ticket["updated_by_id"]) != (last["at"], last["user_id"]):
            problems.append((ticket["code"], "updated_at/by"))
        closings = [e["at"] for e in timeline if e["action"] in ("close", "solve_in_grid")]
        if ticket["status"] == "closed":
            if ticket["closed_at"] != closings[-1] or ticket["outcome"] is None:
                problems.append((ticket["code"], "closed_at/outcome"))
        elif ticket["status"] == "merged" and ticket["closed_at"] is not None:
            # A duplicate answered when its kept ticket closed: the same closing, on record.
            if ticket["closed_at"] != closings[-1] or ticket["outcome"] is None:
                problems.append((ticket["code"], "answered closed_at/outcome"))
        elif ticket["closed_at"] is not None or ticket["outcome"] is not None:
            problems.append((ticket["code"], "open ticket with a closing"))
        reopened = sum(
            e["action"] == "reopen"
            or (e["action"] == "callback" and e["to_status"] == "pending_dispatch")
            for e in timeline
        )
        if ticket["reopen_count"] != reopened:
            problems.append((ticket["code"], "reopen_count"))
        if ticket["urge_count"] != sum(e["action"] == "urge" for e in timeline):
            problems.append((ticket["code"], "urge_count"))
    assert problems[:20] == []


def _lead_is(assignments, status: str) -> bool:
    """The current (last) lead assignment is in ``status``."""
    leads = [a for a in assignments if a["role"] == "lead"]
    return bool(leads) and leads[-1]["status"] == status


def test_assignments_match_the_status(demo_engine):
    with demo_engine.connect() as conn:
        tickets = {t["id"]: t for t in _rows(conn, "SELECT * FROM ticket")}
        by_ticket = defaultdict(list)
        for a in _rows(conn, "SELECT * FROM assignment ORDER BY id"):
            by_ticket[a["ticket_id"]].append(a)
    expected_live = {
        "dispatched": "pending",
        "in_progress": "accepted",
        "awaiting_review": "fed_back",
    }
    problems = []
    for tid, ticket in tickets.items():
        assignments = by_ticket[tid]
        live = {a["status"] for a in assignments if a["status"] not in ("returned", "cancelled")}
        status = ticket["status"]
        if status in ("pending_dispatch", "merged"):
            # Not dispatched, or its lead returned it (assisting ones wait for the next
            # dispatch, which withdraws them).
            if any(a["role"] == "lead" and a["status"] in live for a in assignments):
                problems.append((ticket["code"], status, live))
        elif status == "closed" and not live <= {"done"}:
            problems.append((ticket["code"], status, live))
        elif status != "closed" and not _lead_is(assignments, expected_live[status]):
            problems.append((ticket["code"], status, live))
        for a in assignments:
            if (a["department_id"] is None) == (a["grid_id"] is None):
                problems.append((ticket["code"], "assignment needs a department or a grid"))
            if not a["created_at"] < a["accept_by"] <= a["finish_by"] or (
                a["accepted_at"] and a["accepted_at"] < a["created_at"]
            ):
                problems.append((ticket["code"], "assignment times"))
            if a["status"] == "returned" and not a["return_reason"]:
                problems.append((ticket["code"], "return without reason"))
        # One lead per round of handling (a reopened ticket is handled again), unless the
        # grid settled it on the spot without a dispatch.
        leads = [a for a in assignments if a["role"] == "lead" and a["status"] == "done"]
        if status == "closed" and len(leads) not in (0, 1 + ticket["reopen_count"]):
            problems.append((ticket["code"], "one lead per round", len(leads)))
    assert problems[:20] == []


def test_deadlines_follow_the_working_day_calendar(demo_engine):
    from gridcenter_desktop.core.deadlines import (
        WorkCalendar,
        compute_deadline,
        due_soon_threshold,
        finish_limit,
    )

    calendar = WorkCalendar()
    with demo_engine.connect() as conn:
        sample = _rows(conn, "SELECT * FROM ticket WHERE id % 97 = 0 OR reopen_count > 0")
        restarts = {
            tid: at
            for tid, at in conn.execute(
                text(
                    "SELECT ticket_id, max(at) FROM ticket_event WHERE action = 'reopen'"
                    " OR (action = 'callback' AND to_status = 'pending_dispatch') GROUP BY 1"
                )
            )
        }
        extended = {
            tid: deadline
            for tid, deadline in conn.execute(
                text(
                    "SELECT ticket_id, max(json_extract(data, '$.deadline_at'))"
                    " FROM ticket_event WHERE action = 'extend_decide'"
                    " AND json_extract(data, '$.deadline_at') IS NOT NULL GROUP BY 1"
                )
            )
        }
        deadlines = dict(
            conn.execute(
                text(
                    "SELECT id, deadline_at FROM ticket WHERE id IN (%s)"
                    % (", ".join(str(i) for i in extended) or "0")
                )
            ).all()
        )
    assert any(t["reopen_count"] for t in sample)
    # An approved extension for the lead moves the ticket's deadline to the date granted.
    assert extended and all(
        datetime.fromisoformat(deadlines[tid]) == datetime.fromisoformat(d)
        for tid, d in extended.items()
    )
    for t in sample:
        if t["id"] in extended:
            continue
        # A reopened ticket's clock restarts at the reopening (services/tickets/common.py).
        start = datetime.fromisoformat(restarts.get(t["id"], t["created_at"]))
        deadline = compute_deadline(start, finish_limit(t["category"], t["priority"]), calendar)
        assert datetime.fromisoformat(t["deadline_at"]) == deadline, t["code"]
        assert datetime.fromisoformat(t["due_soon_at"]) == due_soon_threshold(start, deadline)


def test_merged_duplicates_point_at_a_kept_ticket_that_knows(demo_engine):
    with demo_engine.connect() as conn:
        pairs = conn.execute(
            text(
                "SELECT d.code, d.created_at, k.status, k.created_at,"
                " (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = k.id"
                "  AND e.action = 'merged_in')"
                " FROM ticket d JOIN ticket k ON k.id = d.merged_into_id"
                " WHERE d.status = 'merged'"
            )
        ).all()
        merged = conn.scalar(text("SELECT count(*) FROM ticket WHERE status = 'merged'"))
    assert len(pairs) == merged > 0
    for code, created, kept_status, kept_created, merged_in in pairs:
        assert kept_status != TicketStatus.MERGED, code
        assert kept_created <= created and merged_in >= 1, code


def test_callbacks_rate_most_closed_hotline_tickets(demo_engine):
    with demo_engine.connect() as conn:
        rated, closed = conn.execute(
            text(
                "SELECT count(satisfaction), count(*) FROM ticket"
                " WHERE source = 'hotline' AND status = 'closed' AND NOT solved_in_grid"
            )
        ).one()
    assert rated / closed > 0.7
