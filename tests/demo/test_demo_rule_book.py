"""Every demo ticket's timeline, replayed through core's rule book (core.workflow.transition),
gives each event's status and ends in the ticket's and its assignments' stored states: the
demo follows the same rules as the services and the menus."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from sqlalchemy import text

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.core.workflow import AssignmentState, TicketState, transition

# Events that are not workflow steps: registration creates the ticket, "merged in" is the kept
# ticket's note of a merge, and an answered duplicate's copy of its kept ticket's closing.
_NOT_STEPS = frozenset({EventAction.REGISTER, EventAction.MERGED_IN})
# Actions naming the assignment they act on.
_ON_ASSIGNMENT = frozenset(
    {
        EventAction.ACCEPT,
        EventAction.RETURN,
        EventAction.FEEDBACK,
        EventAction.ESCALATE,
        EventAction.EXTEND_REQUEST,
    }
)


def _at(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def test_every_demo_event_is_what_core_gives(demo_engine):
    with demo_engine.connect() as conn:
        roles = {i: UserRole(r) for i, r in conn.execute(text("SELECT id, role FROM app_user"))}
        assignments: dict[int, list] = defaultdict(list)
        for row in conn.execute(
            text(
                "SELECT ticket_id, id, role, grid_id IS NOT NULL, created_at, accept_by, status"
                " FROM assignment ORDER BY id"
            )
        ):
            assignments[row[0]].append(row[1:])
        tickets = {
            i: (status, suspended is not None)
            for i, status, suspended in conn.execute(
                text("SELECT id, status, suspended_at FROM ticket")
            )
        }
        events = conn.execute(
            text(
                "SELECT ticket_id, at, user_id, action, from_status, to_status, data"
                " FROM ticket_event ORDER BY ticket_id, at, id"
            )
        )
        problems: list[str] = []
        replayed = 0
        current = None
        state: dict = {}
        for ticket_id, at, user, action, from_status, to_status, data in events:
            if ticket_id != current:
                if current is not None:
                    problems += _ends(current, state, tickets, assignments)
                current = ticket_id
                state = {"status": None, "assignments": {}, "suspended": False, "answered": False}
            action = EventAction(action)
            facts = json.loads(data) if data else {}
            if action is EventAction.REGISTER:
                state["status"] = TicketStatus(to_status)
                continue
            if action in _NOT_STEPS or "answered_by" in facts:
                state["answered"] = state["answered"] or "answered_by" in facts
                continue
            at = _at(at)
            known = state["assignments"]
            rows = {a[0]: a for a in assignments[ticket_id]}
            ticket = TicketState(
                state["status"],
                tuple(
                    AssignmentState(
                        i,
                        rows[i][1],
                        s,
                        bool(rows[i][2]),
                        action is EventAction.ESCALATE and s == "pending" and _at(rows[i][4]) < at,
                    )
                    for i, s in known.items()
                ),
                state["suspended"],
                state["answered"],
            )
            target = facts.get("assignment_id") if action in _ON_ASSIGNMENT else None
            step = transition(
                action, ticket, roles[user], assignment_id=target, reopen=bool(facts.get("reopen"))
            )
            replayed += 1
            if from_status != state["status"] or to_status != step.to_status:
                problems.append(
                    f"{ticket_id} {action} at {at}: stored {from_status}->{to_status},"
                    f" core {state['status']}->{step.to_status}"
                )
            known.update({i: s.value for i, s in step.assignments.items()})
            if step.new_assignments is not None:
                for a in assignments[ticket_id]:
                    if _at(a[3]) == at and a[0] not in known:
                        known[a[0]] = step.new_assignments.value
            state["status"] = step.to_status
            state["suspended"] = step.suspended
        problems += _ends(current, state, tickets, assignments)
    assert replayed > 100_000
    assert problems[:20] == []


def _ends(ticket_id, state, tickets, assignments) -> list[str]:
    """The replay ends where the database says the ticket and its assignments are."""
    status, suspended = tickets[ticket_id]
    problems = []
    if (state["status"], state["suspended"]) != (status, suspended):
        problems.append(f"{ticket_id} ends {state['status']}, stored {status}")
    stored = {a[0]: a[5] for a in assignments[ticket_id]}
    if state["assignments"] != stored:
        problems.append(f"{ticket_id} assignments {state['assignments']}, stored {stored}")
    return problems
