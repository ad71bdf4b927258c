"""The ticket workflow's one rule book: from which state each action may start, and where it
leads.

    pending_dispatch → dispatched → in_progress → awaiting_review → closed
    (lead returns → pending_dispatch; review rejected → in_progress; solved in the grid →
    closed; closed → reopened → pending_dispatch; a duplicate → merged)

:func:`transition` takes an action, the ticket's state (its status, its assignments and their
states, whether it is suspended) and the actor's role, and gives the next status and the
assignments' next states, or refuses with a :class:`Refused` that says why. The services in
``gridcenter_desktop.services.tickets`` apply exactly what it gives (and only add the facts:
times, texts, who); the demo generator steps its tickets through it; the menus are built from
:func:`allowed_actions`, so a menu never offers what would be refused. Nothing here reads a
clock or a database: a missed acceptance is a fact the caller passes in (``missed``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from gridcenter_desktop.core.enums import (
    OPEN_STATUSES,
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.core.permissions import may

S = TicketStatus
A = AssignmentStatus
E = EventAction

# Assignments still being worked on; re-dispatching, merging or closing settles them.
OPEN_ASSIGNMENT_STATUSES = frozenset({A.PENDING, A.ACCEPTED, A.FED_BACK})
# Being handled: a department has the ticket (more may be added, time may be asked for).
_HANDLED = frozenset({S.DISPATCHED, S.IN_PROGRESS})

# The statuses a ticket must be in for each workflow action.
ALLOWED_FROM: Mapping[EventAction, frozenset[TicketStatus]] = {
    E.DISPATCH: frozenset({S.PENDING_DISPATCH}),
    # 加派: departments added beside those already handling the ticket.
    E.ADD_ASSIGNEE: _HANDLED,
    # Assisting departments may still accept, return or feed back after the lead fed back.
    E.ACCEPT: frozenset({S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_REVIEW}),
    E.RETURN: frozenset({S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_REVIEW}),
    E.FEEDBACK: frozenset({S.IN_PROGRESS, S.AWAITING_REVIEW}),
    E.CLOSE: frozenset({S.AWAITING_REVIEW}),
    E.REJECT: frozenset({S.AWAITING_REVIEW}),
    # "小事不出网格": the grid may settle a matter any time before a result is under review.
    E.SOLVE_IN_GRID: frozenset({S.PENDING_DISPATCH, S.DISPATCHED, S.IN_PROGRESS}),
    E.REOPEN: frozenset({S.CLOSED}),
    E.URGE: OPEN_STATUSES,
    E.SUPERVISE: OPEN_STATUSES,
    # An assignment not accepted in time (an assisting one may still be pending under review).
    E.ESCALATE: frozenset({S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_REVIEW}),
    E.EXTEND_REQUEST: _HANDLED,
    E.EXTEND_DECIDE: OPEN_STATUSES,
    E.SUSPEND: frozenset({S.PENDING_DISPATCH, S.DISPATCHED, S.IN_PROGRESS}),
    E.RESUME: frozenset({S.PENDING_DISPATCH, S.DISPATCHED, S.IN_PROGRESS}),
    E.MERGE: OPEN_STATUSES,
    # A closed ticket's reporter, and a merged duplicate's once the kept ticket was answered.
    E.CALLBACK: frozenset({S.CLOSED, S.MERGED}),
    # 定位归类: an imported ticket whose grid or category the import could not tell (the "to be
    # placed" list), or any open ticket that sits in the wrong grid or category.
    E.PLACE: OPEN_STATUSES,
}

# Work on the record beside the workflow: the status never changes. Photos and documents come
# and go while a ticket is open, and what was on file when it closed stays on file (PostgreSQL
# refuses the delete too); a joint meeting is held on an open ticket, its notice may be issued
# as the ticket closes, and the notice's check-back outlives the ticket.
RECORD_FROM: Mapping[EventAction, frozenset[TicketStatus]] = {
    E.ATTACH: OPEN_STATUSES,
    E.DETACH: OPEN_STATUSES,
    E.INSPECT: OPEN_STATUSES,
    E.NOTICE: OPEN_STATUSES | {S.CLOSED},
    E.NOTICE_CHECK: frozenset(TicketStatus),
    # A place can be set or corrected while the ticket is worked and after it closed (the
    # map and the statistics by grid read it); never on a merged duplicate.
    E.LOCATE: OPEN_STATUSES | {S.CLOSED},
}

# What a suspended ticket (挂起: its clock stopped) still allows: resuming it, and work that
# does not move its handling on.
SUSPENDED_ALLOWS = frozenset(
    {E.RESUME, E.PLACE, E.MERGE, E.SUPERVISE, E.ATTACH, E.DETACH, E.INSPECT, E.NOTICE,
     E.NOTICE_CHECK, E.LOCATE}
)  # fmt: skip

# Actions on an existing ticket (registration creates one; MERGED_IN is a by-product).
TICKET_ACTIONS: frozenset[EventAction] = frozenset(ALLOWED_FROM)


class Refusal(StrEnum):
    """Why :func:`transition` refuses."""

    ROLE = "role"  # the actor's role may not take the action
    STATUS = "status"  # the ticket's status does not allow it
    SUSPENDED = "suspended"  # the ticket is suspended (or, for RESUME, is not)
    ASSIGNMENT = "assignment"  # the named assignment is missing or in the wrong state
    ANSWER = "answer"  # a callback on a merged duplicate nobody has answered yet / reopen


class Refused(Exception):
    """An action the rules refuse; ``rule`` details an ASSIGNMENT or ANSWER refusal in the
    services' words (required, unknown, not_pending, not_open, not_accepted, not_missed,
    not_answered, merged_reopen)."""

    def __init__(self, action: EventAction, refusal: Refusal, rule: str | None = None) -> None:
        super().__init__(f"{action}: {refusal}" + (f" ({rule})" if rule else ""))
        self.action = EventAction(action)
        self.refusal = refusal
        self.rule = rule


@dataclass(frozen=True, slots=True)
class AssignmentState:
    """What the rules need of an assignment."""

    id: int
    role: AssignmentRole
    status: AssignmentStatus
    in_grid: bool = False  # sent to the ticket's grid, not to a department
    missed: bool = False  # still pending after its accept-by time (the caller's clock)

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", AssignmentRole(self.role))
        object.__setattr__(self, "status", AssignmentStatus(self.status))


@dataclass(frozen=True, slots=True)
class TicketState:
    """What the rules need of a ticket."""

    status: TicketStatus
    assignments: tuple[AssignmentState, ...] = ()
    suspended: bool = False
    # A merged duplicate whose kept ticket closed: its reporter was answered and is called back.
    answered: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", TicketStatus(self.status))


@dataclass(frozen=True, slots=True)
class Transition:
    """Where an allowed action leads."""

    action: EventAction
    from_status: TicketStatus
    to_status: TicketStatus
    # Assignments whose state changes, by id (the others stay as they are).
    assignments: Mapping[int, AssignmentStatus] = field(default_factory=dict)
    # New assignments (dispatch, 加派) start in this state; None when none are made.
    new_assignments: AssignmentStatus | None = None
    suspended: bool = False  # after the action
    # Reopened: the ticket gets its full time again from now (and forgets its result).
    restart_clock: bool = False
    # Closed: every duplicate merged into it is answered with the same result.
    answer_merged: bool = False

    @property
    def status_changes(self) -> bool:
        return self.to_status != self.from_status


def transition(
    action: EventAction,
    ticket: TicketState,
    role: UserRole,
    *,
    assignment_id: int | None = None,
    reopen: bool = False,
) -> Transition:
    """Where ``action`` by a user of ``role`` takes ``ticket``; :class:`Refused` when it may not.

    ``assignment_id`` names the assignment acted on (accept, return, feed back, escalate, ask
    for time); ``reopen`` is a callback's "dissatisfied: handle it again". Refusals come in
    the order role, status, suspension, assignment.
    """
    action = EventAction(action)
    status = TicketStatus(ticket.status)
    if not may(role, action):
        raise Refused(action, Refusal.ROLE)
    if not status_allows(action, status):
        raise Refused(action, Refusal.STATUS)
    if action is E.RESUME:
        if not ticket.suspended:
            raise Refused(action, Refusal.SUSPENDED)
    elif ticket.suspended and action not in SUSPENDED_ALLOWS:
        raise Refused(action, Refusal.SUSPENDED)

    step = _Step(action, ticket)
    rule = _RULES.get(action)
    if rule is not None:
        rule(step, ticket, assignment_id, reopen)
    return step.done()


def status_allows(action: EventAction, status: TicketStatus) -> bool:
    """True when a ticket in ``status`` may undergo ``action`` (whoever asks)."""
    action = EventAction(action)
    allowed = ALLOWED_FROM.get(action) or RECORD_FROM.get(action, frozenset())
    return TicketStatus(status) in allowed


def allowed_actions(
    status: TicketStatus, role: UserRole, *, suspended: bool = False, answered: bool = False
) -> frozenset[EventAction]:
    """The workflow actions a user of ``role`` may take on a ticket in ``status``: what menus
    offer (finer checks on assignments are :func:`transition`'s). ``answered``: a merged
    duplicate whose kept ticket closed (its reporter is called back)."""
    status = TicketStatus(status)
    if status is S.MERGED and not answered:
        return frozenset()
    return frozenset(
        a for a, sts in ALLOWED_FROM.items() if status in sts and _offered(a, role, suspended)
    )


def _offered(action: EventAction, role: UserRole, suspended: bool) -> bool:
    if not may(role, action):
        return False
    if action is E.RESUME:
        return suspended
    return not suspended or action in SUSPENDED_ALLOWS


def is_open(status: TicketStatus) -> bool:
    """True while a ticket still needs work (not closed, not merged away)."""
    return TicketStatus(status) in OPEN_STATUSES


# --- the rules of each action ------------------------------------------------------------


class _Step:
    """A transition being worked out."""

    def __init__(self, action: EventAction, ticket: TicketState) -> None:
        self.action = action
        self.from_status = TicketStatus(ticket.status)
        self.to_status = self.from_status
        self.assignments: dict[int, AssignmentStatus] = {}
        self.new_assignments: AssignmentStatus | None = None
        self.suspended = ticket.suspended
        self.restart_clock = False
        self.answer_merged = False

    def settle_open(self, ticket: TicketState, state: AssignmentStatus) -> None:
        for a in ticket.assignments:
            if a.status in OPEN_ASSIGNMENT_STATUSES:
                self.assignments[a.id] = state

    def done(self) -> Transition:
        return Transition(
            self.action,
            self.from_status,
            self.to_status,
            dict(self.assignments),
            self.new_assignments,
            self.suspended,
            self.restart_clock,
            self.answer_merged,
        )


def _assignment(
    action: EventAction,
    ticket: TicketState,
    assignment_id: int | None,
    wanted: Sequence[AssignmentStatus],
    rule: str,
) -> AssignmentState:
    if assignment_id is None:
        raise Refused(action, Refusal.ASSIGNMENT, "required")
    for a in ticket.assignments:
        if a.id == assignment_id:
            if a.status not in wanted:
                raise Refused(action, Refusal.ASSIGNMENT, rule)
            return a
    raise Refused(action, Refusal.ASSIGNMENT, "unknown")


def _dispatch(step: _Step, ticket: TicketState, _id: int | None, _reopen: bool) -> None:
    # Re-dispatching (after the lead returned it) withdraws whatever was still open.
    step.settle_open(ticket, A.CANCELLED)
    step.new_assignments = A.PENDING
    step.to_status = S.DISPATCHED


def _add_assignee(step: _Step, ticket: TicketState, _id: int | None, _reopen: bool) -> None:
    step.new_assignments = A.PENDING


def _accept(step: _Step, ticket: TicketState, assignment_id: int | None, _reopen: bool) -> None:
    a = _assignment(step.action, ticket, assignment_id, (A.PENDING,), "not_pending")
    step.assignments[a.id] = A.ACCEPTED
    if step.from_status is S.DISPATCHED:
        step.to_status = S.IN_PROGRESS


def _return(step: _Step, ticket: TicketState, assignment_id: int | None, _reopen: bool) -> None:
    a = _assignment(step.action, ticket, assignment_id, (A.PENDING, A.ACCEPTED), "not_open")
    step.assignments[a.id] = A.RETURNED
    if a.role is AssignmentRole.LEAD:
        step.to_status = S.PENDING_DISPATCH
    elif step.from_status is S.IN_PROGRESS and not any(
        other.id != a.id and other.status in (A.ACCEPTED, A.FED_BACK)
        for other in ticket.assignments
    ):
        # The assisting department was the only one working on it: nobody is handling the
        # ticket any more, so it waits for acceptance again instead of looking in progress.
        step.to_status = S.DISPATCHED


def _feed_back(step: _Step, ticket: TicketState, assignment_id: int | None, _reopen: bool) -> None:
    a = _assignment(step.action, ticket, assignment_id, (A.ACCEPTED,), "not_accepted")
    step.assignments[a.id] = A.FED_BACK
    if a.role is AssignmentRole.LEAD:
        step.to_status = S.AWAITING_REVIEW


def _close(step: _Step, ticket: TicketState, _id: int | None, _reopen: bool) -> None:
    step.settle_open(ticket, A.DONE)
    step.to_status = S.CLOSED
    step.answer_merged = True


def _reject(step: _Step, ticket: TicketState, _id: int | None, _reopen: bool) -> None:
    for a in ticket.assignments:
        if a.role is AssignmentRole.LEAD and a.status is A.FED_BACK:
            step.assignments[a.id] = A.ACCEPTED
    step.to_status = S.IN_PROGRESS


def _solve_in_grid(step: _Step, ticket: TicketState, _id: int | None, _reopen: bool) -> None:
    for a in ticket.assignments:
        if a.status in OPEN_ASSIGNMENT_STATUSES:
            step.assignments[a.id] = A.DONE if a.in_grid else A.CANCELLED
    step.to_status = S.CLOSED
    step.answer_merged = True


def _reopen_closed(step: _Step, ticket: TicketState, _id: int | None, _reopen: bool) -> None:
    step.to_status = S.PENDING_DISPATCH
    step.restart_clock = True


def _merge(step: _Step, ticket: TicketState, _id: int | None, _reopen: bool) -> None:
    step.settle_open(ticket, A.CANCELLED)
    step.to_status = S.MERGED


def _callback(step: _Step, ticket: TicketState, _id: int | None, reopen: bool) -> None:
    if step.from_status is S.MERGED:
        if not ticket.answered:
            raise Refused(step.action, Refusal.ANSWER, "not_answered")
        if reopen:
            # The duplicate's reporter is answered by the kept ticket: reopen that one.
            raise Refused(step.action, Refusal.ANSWER, "merged_reopen")
    if reopen:
        _reopen_closed(step, ticket, None, False)


def _escalate(step: _Step, ticket: TicketState, assignment_id: int | None, _reopen: bool) -> None:
    a = _assignment(step.action, ticket, assignment_id, (A.PENDING,), "not_pending")
    if not a.missed:
        raise Refused(step.action, Refusal.ASSIGNMENT, "not_missed")


def _extend_request(
    step: _Step, ticket: TicketState, assignment_id: int | None, _reopen: bool
) -> None:
    _assignment(step.action, ticket, assignment_id, (A.PENDING, A.ACCEPTED), "not_open")


def _suspend(step: _Step, ticket: TicketState, _id: int | None, _reopen: bool) -> None:
    step.suspended = True


def _resume(step: _Step, ticket: TicketState, _id: int | None, _reopen: bool) -> None:
    step.suspended = False


_RULES = {
    E.DISPATCH: _dispatch,
    E.ADD_ASSIGNEE: _add_assignee,
    E.ACCEPT: _accept,
    E.RETURN: _return,
    E.FEEDBACK: _feed_back,
    E.CLOSE: _close,
    E.REJECT: _reject,
    E.SOLVE_IN_GRID: _solve_in_grid,
    E.REOPEN: _reopen_closed,
    E.MERGE: _merge,
    E.CALLBACK: _callback,
    E.ESCALATE: _escalate,
    E.EXTEND_REQUEST: _extend_request,
    E.SUSPEND: _suspend,
    E.RESUME: _resume,
}


def allowed_records(
    status: TicketStatus, role: UserRole, *, suspended: bool = False
) -> frozenset[EventAction]:
    """The work on the record (RECORD_FROM: joint inspections, notices and their check-backs,
    files) a user of ``role`` may add to a ticket in ``status``: the menus offer these beside
    :func:`allowed_actions`."""
    status = TicketStatus(status)
    return frozenset(
        a for a, sts in RECORD_FROM.items() if status in sts and _offered(a, role, suspended)
    )
