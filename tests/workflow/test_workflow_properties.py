"""Property tests: random sequences of actions (by any role, with good and bad input, with
stale versions) never leave a ticket in an invalid state, a refusal never writes anything,
replaying a ticket's events gives its current status, and every service does exactly what
core's rule book (core.workflow.transition) says: the same refusal, or the same status,
assignment states and suspension. SQLite only, to stay quick."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    Outcome,
    Satisfaction,
    TicketKind,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.core.workflow import (
    TICKET_ACTIONS,
    Refusal,
    Refused,
    Transition,
    allowed_actions,
    transition,
)
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.errors import (
    ConflictError,
    PermissionDeniedError,
    ServiceError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.tickets import TicketRef
from gridcenter_desktop.services.tickets.common import state_of

OPEN_ASSIGNMENT = {AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED, AssignmentStatus.FED_BACK}


@pytest.fixture(scope="module")
def sqlite_world(tmp_path_factory, world_builder):
    url = f"sqlite:///{tmp_path_factory.mktemp('props') / 'props.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    yield world_builder(make_session_factory(engine))
    engine.dispose()


def _state(world, ticket_id):
    """Everything a write could change about one ticket, as plain values."""
    with world.sf() as s:
        t = s.get(Ticket, ticket_id)
        assignments = s.execute(
            select(Assignment.id, Assignment.role, Assignment.status)
            .where(Assignment.ticket_id == ticket_id)
            .order_by(Assignment.id)
        ).all()
        events = s.execute(
            select(TicketEvent.action, TicketEvent.from_status, TicketEvent.to_status)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(TicketEvent.id)
        ).all()
        return {
            "status": TicketStatus(t.status),
            "version": t.version,
            "closed_at": t.closed_at,
            "merged_into_id": t.merged_into_id,
            "urge_count": t.urge_count,
            "reopen_count": t.reopen_count,
            "satisfaction": t.satisfaction,
            "suspended": t.suspended_at is not None,
            "assignments": [tuple(a) for a in assignments],
            "events": [tuple(e) for e in events],
        }


def _check_invariants(state):
    status = state["status"]
    events = state["events"]
    # Replaying the timeline gives the current status, and every step starts where the last
    # one ended.
    assert events[0][0] == EventAction.REGISTER and events[0][1] is None
    for before, after in zip(events, events[1:], strict=False):
        assert after[1] == before[2], events
    assert events[-1][2] == status
    # One version per event: nothing changed the ticket without a trace.
    assert state["version"] == len(events)
    actions = [e[0] for e in events]
    assert state["urge_count"] == actions.count(EventAction.URGE)
    reopened = [e for e in events if e[1] == TicketStatus.CLOSED and e[2] != TicketStatus.CLOSED]
    assert state["reopen_count"] == len(reopened)

    # Closed tickets have a closing time; so do merged duplicates once their kept ticket's
    # closing answered them (an event from merged to merged), and nothing else.
    answers = [
        i
        for i, e in enumerate(events)
        if e[1] == e[2] == TicketStatus.MERGED
        and e[0] in (EventAction.CLOSE, EventAction.SOLVE_IN_GRID)
    ]
    if status == TicketStatus.MERGED:
        assert (state["closed_at"] is not None) == bool(answers)
        # A duplicate's reporter is called back only after the answer.
        callbacks = [i for i, e in enumerate(events) if e[0] == EventAction.CALLBACK]
        merged_at = max(i for i, e in enumerate(events) if e[0] == EventAction.MERGE)
        assert all(answers and i > answers[0] for i in callbacks if i > merged_at)
    else:
        assert (status == TicketStatus.CLOSED) == (state["closed_at"] is not None)
    assert (status == TicketStatus.MERGED) == (state["merged_into_id"] is not None)
    open_ = [(role, st_) for _, role, st_ in state["assignments"] if st_ in OPEN_ASSIGNMENT]
    open_leads = [st_ for role, st_ in open_ if role == AssignmentRole.LEAD]
    assert len(open_leads) <= 1
    if status in (TicketStatus.CLOSED, TicketStatus.MERGED):
        assert open_ == []
    elif status == TicketStatus.PENDING_DISPATCH:
        assert open_leads == []
    elif status == TicketStatus.DISPATCHED:
        assert open_leads == [AssignmentStatus.PENDING]
        assert all(st_ == AssignmentStatus.PENDING for _, st_ in open_)
    elif status == TicketStatus.IN_PROGRESS:
        assert open_leads in ([AssignmentStatus.PENDING], [AssignmentStatus.ACCEPTED])
        assert any(st_ != AssignmentStatus.PENDING for _, st_ in open_)
    elif status == TicketStatus.AWAITING_REVIEW:
        assert open_leads == [AssignmentStatus.FED_BACK]


class Attempt:
    """What one step tries: the service call, and what core's transition is asked."""

    def __init__(self, world, action, role, seed, ref: TicketRef) -> None:
        self.action = action
        self.actor = world.actors[role]
        self.stale = seed == 0  # acting on the version before the current one
        self.assignment_id: int | None = None
        self.reopen = False
        # 超时未签收 is judged at a moment: sometimes one past every accept-by time.
        late = action == EventAction.ESCALATE and seed % 2 == 1
        self.now = world.now + timedelta(days=5) if late else world.now
        self.call = None

    def expected(self, world, ticket_id) -> Transition | Refused:
        """Core's verdict on the ticket as it is now."""
        with world.sf() as s:
            ticket = s.get(Ticket, ticket_id)
            try:
                return transition(
                    self.action,
                    state_of(ticket, self.now),
                    self.actor.role,
                    assignment_id=self.assignment_id,
                    reopen=self.reopen,
                )
            except Refused as refused:
                return refused


def _plan(world, action, role, seed, ref: TicketRef, other: TicketRef) -> Attempt:
    """``action`` on ``ref`` with input picked by ``seed``: sometimes good, sometimes not."""
    attempt = Attempt(world, action, role, seed, ref)
    actor = attempt.actor
    version = ref.version - 1 if attempt.stale else ref.version
    assignments = _state(world, ref.id)["assignments"]
    wanted = {
        EventAction.ACCEPT: {AssignmentStatus.PENDING},
        EventAction.RETURN: {AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED},
        EventAction.FEEDBACK: {AssignmentStatus.ACCEPTED},
        EventAction.ESCALATE: {AssignmentStatus.PENDING},
        EventAction.EXTEND_REQUEST: {AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED},
    }.get(action, set())
    fitting = [a[0] for a in assignments if a[2] in wanted]
    if seed >= 5 or not fitting:
        # Any assignment of the ticket, or one that does not exist.
        ids = [a[0] for a in assignments] + [987654]
        assignment = ids[seed % len(ids)]
    else:
        assignment = fitting[seed % len(fitting)]
    d = world.departments
    if action in ASSIGNMENT_ACTIONS:
        attempt.assignment_id = assignment

    def call(fn, *args, **kwargs):
        def run():
            with world.sf() as s:
                return fn(s, actor, ref.id, version, *args, now=attempt.now, **kwargs)

        attempt.call = run

    if action == EventAction.DISPATCH:
        options = [
            {"to_grid": True},
            {"lead_department_id": d["water"], "assist_department_ids": [d["environment"]]},
            {"lead_department_id": d["enforcement"], "whistle": True},
            {"lead_department_id": d["closed_office"]},
        ]
        call(svc.dispatch_ticket, **options[seed % len(options)])
    elif action == EventAction.ACCEPT:
        call(svc.accept_assignment, assignment)
    elif action == EventAction.RETURN:
        call(svc.return_assignment, assignment, "" if seed == 1 else "非本部门职责")
    elif action == EventAction.FEEDBACK:
        form = svc.Feedback(complaint_true=True, solved=seed % 2 == 0, feedback="已处理")
        call(svc.feed_back, assignment, form)
    elif action == EventAction.CLOSE:
        call(svc.close_ticket, outcome=Outcome.RESOLVED if seed % 2 else None)
    elif action == EventAction.REJECT:
        call(svc.reject_review, "" if seed == 1 else "材料不全")
    elif action == EventAction.SOLVE_IN_GRID:
        call(svc.solve_in_grid, "网格内调解", outcome=Outcome.RESOLVED if seed % 2 else None)
    elif action == EventAction.REOPEN:
        call(svc.reopen_ticket, "群众不满意")
    elif action == EventAction.URGE:
        call(svc.urge_ticket)
    elif action == EventAction.SUPERVISE:
        call(svc.supervise_ticket, d["police"], "超期")
    elif action == EventAction.MERGE:
        call(svc.merge_ticket, ref.id if seed == 1 else other.id)
    elif action == EventAction.CALLBACK:
        ratings = list(Satisfaction)
        attempt.reopen = seed % 2 == 0
        call(svc.record_callback, ratings[seed % 3], reopen=attempt.reopen)
    elif action == EventAction.PLACE:
        # Another grid, the same grid (nothing to change: refused), a category, an unknown grid,
        # a village instead of a grid, nothing at all.
        options = [
            {"grid_id": world.other_grid_id},
            {"grid_id": world.grid_id},
            {"category": "water_affairs" if seed % 2 else "noise"},
            {"grid_id": 987654},
            {"grid_id": world.village_id},
            {},
        ]
        call(svc.place_ticket, **options[seed % len(options)])
    else:
        _plan_follow_up(world, attempt, seed, call, assignment, version, ref)
    return attempt


def _plan_follow_up(world, attempt, seed, call, assignment, version, ref) -> None:
    """The issue-11 actions (services imported here; their services imported here)."""
    action = attempt.action
    d = world.departments
    if action == EventAction.ADD_ASSIGNEE:
        from gridcenter_desktop.services.tickets.adding import add_assignees

        # A free department, one already working on it, an unknown one.
        options = [[d["water"]], [d["enforcement"]], [987654], [d["closed_office"]]]
        call(add_assignees, options[seed % len(options)])
    elif action == EventAction.ESCALATE:
        from gridcenter_desktop.services.tickets.escalation import escalate_missed

        call(escalate_missed, assignment)
    elif action == EventAction.EXTEND_REQUEST:
        from gridcenter_desktop.services.tickets.extension import request_extension

        later = world.now + timedelta(days=30)
        call(request_extension, assignment, "" if seed == 1 else "需协调", later)
    elif action == EventAction.EXTEND_DECIDE:
        from gridcenter_desktop.services.tickets.extension import (
            decide_extension,
            pending_extensions,
        )

        with world.sf() as s:
            waiting = [p.request_id for p in pending_extensions(s, ref.id)] + [987654]
        call(decide_extension, waiting[seed % len(waiting)], seed % 2 == 0)
    elif action == EventAction.SUSPEND:
        from gridcenter_desktop.services.tickets.suspension import suspend_ticket

        call(suspend_ticket, "" if seed == 1 else "等待司法鉴定")
    elif action == EventAction.RESUME:
        from gridcenter_desktop.services.tickets.suspension import resume_ticket

        call(resume_ticket)
    else:  # pragma: no cover - every ticket action is driven
        raise AssertionError(action)


# Actions that name the assignment they act on (core's transition checks it).
ASSIGNMENT_ACTIONS = frozenset(
    {
        EventAction.ACCEPT,
        EventAction.RETURN,
        EventAction.FEEDBACK,
        EventAction.ESCALATE,
        EventAction.EXTEND_REQUEST,
    }
)

# Core's refusals as the services report them (services/tickets/common.rule_step).
REFUSED_AS = {
    Refusal.ROLE: PermissionDeniedError,
    Refusal.STATUS: TransitionError,
    Refusal.SUSPENDED: TransitionError,
    Refusal.ASSIGNMENT: ValidationError,
    Refusal.ANSWER: ValidationError,
}


def _check_against_core(attempt, expected, before, after, error) -> None:
    """The service did what core's transition says, or refused as it refuses."""
    role_ok = not (isinstance(expected, Refused) and expected.refusal is Refusal.ROLE)
    if attempt.stale and role_ok:
        # The version is checked before the rules: whoever acted on an old view is told.
        assert isinstance(error, ConflictError), (attempt.action, error)
        return
    if isinstance(expected, Refused):
        assert isinstance(error, REFUSED_AS[expected.refusal]), (expected, error)
        if expected.refusal is Refusal.ASSIGNMENT:
            assert (error.field, error.rule) == ("assignment_id", expected.rule)
        return
    if error is not None:
        # Core allows it: only the input can be wrong.
        assert isinstance(error, ValidationError), (attempt.action, error)
        return
    assert after["status"] == expected.to_status, (attempt.action, expected)
    assert after["suspended"] == expected.suspended, (attempt.action, expected)
    old = {a_id: status for a_id, _role, status in before["assignments"]}
    for a_id, _role, status in after["assignments"]:
        if a_id in old:
            assert status == expected.assignments.get(a_id, old[a_id]), (attempt.action, a_id)
        else:
            assert status == expected.new_assignments, (attempt.action, a_id)


def _ref(world, ticket_id) -> TicketRef:
    with world.sf() as s:
        t = s.get(Ticket, ticket_id)
        return TicketRef(t.id, t.code, TicketStatus(t.status), t.version)


FORWARD = (EventAction.DISPATCH, EventAction.ACCEPT, EventAction.FEEDBACK, EventAction.CLOSE)
ROLE_POOL = [UserRole.SUPERVISOR] * 3 + [UserRole.ADMIN, UserRole.OPERATOR, UserRole.VIEWER]

# A step either follows the menu (an action allowed_actions offers now, so runs get deep into
# the workflow) or tries any action at all (so refusals get exercised).
STEPS = st.lists(
    st.tuples(
        st.one_of(st.integers(min_value=0, max_value=20), st.sampled_from(sorted(TICKET_ACTIONS))),
        st.sampled_from(ROLE_POOL),
        st.integers(min_value=0, max_value=6),
        st.booleans(),
    ),
    min_size=8,
    max_size=30,
)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS, dispute=st.booleans())
def test_random_action_sequences_keep_tickets_valid(sqlite_world, steps, dispute):
    world = sqlite_world
    kind = {"kind": TicketKind.DISPUTE} if dispute else {}
    a = world.register(**kind)
    b = world.register()
    for choice, role, seed, on_b in steps:
        target, other = (b, a) if on_b else (a, b)
        target, other = _ref(world, target.id), _ref(world, other.id)
        if isinstance(choice, int):
            suspended = _state(world, target.id)["suspended"]
            answered = (
                target.status == TicketStatus.MERGED
                and _state(world, target.id)["closed_at"] is not None
            )
            allowed = allowed_actions(target.status, role, suspended=suspended, answered=answered)
            forward = [x for x in FORWARD if x in allowed]
            menu = sorted(allowed) + forward * 5 or sorted(TICKET_ACTIONS)
            action = menu[choice % len(menu)]
        else:
            action = choice
        attempt = _plan(world, action, role, seed, target, other)
        expected = attempt.expected(world, target.id)
        before = (_state(world, target.id), _state(world, other.id))
        error = None
        try:
            attempt.call()
        except ServiceError as exc:
            error = exc
            # A refusal leaves both tickets exactly as they were.
            assert (_state(world, target.id), _state(world, other.id)) == before
        _check_against_core(attempt, expected, before[0], _state(world, target.id), error)
        refused = error is not None
        for ticket in (a, b):
            state = _state(world, ticket.id)
            _check_invariants(state)
            event(f"reached {state['status']}")
        event(f"{action} {'refused' if refused else 'done'}")


def test_event_data_is_json(sqlite_world):
    """Whatever happened in the property runs, every event's details parse as JSON."""
    with sqlite_world.sf() as s:
        for data in s.scalars(select(TicketEvent.data).where(TicketEvent.data.is_not(None))):
            assert isinstance(json.loads(data), dict)
