"""What every ticket action shares: the role, version and status checks, the one event, the one
commit, and turning a lost race into a ConflictError that names who won."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.deadline_rules import DeadlineRules
from gridcenter_desktop.core.deadlines import (
    WorkCalendar,
    compute_deadline,
    due_soon_threshold,
)
from gridcenter_desktop.core.enums import (
    AreaLevel,
    AssignmentStatus,
    EventAction,
    TicketStatus,
)
from gridcenter_desktop.core.permissions import may
from gridcenter_desktop.core.validation import check_text, clean_text, is_possible_id
from gridcenter_desktop.core.workflow import (
    OPEN_ASSIGNMENT_STATUSES,  # noqa: F401 (the services import it from here)
    AssignmentState,
    Refusal,
    Refused,
    TicketState,
    Transition,
    transition,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.settings import ActionKey
from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    TransitionError,
    ValidationError,
)

NOTE_MAX = 2000


def local_now() -> datetime:
    """Now, as naive China time to the second (core/clock.py; every stored datetime is)."""
    return china_now()


@dataclass(frozen=True, slots=True)
class TicketRef:
    """What an action hands back: enough to refresh a row and act again."""

    id: int
    code: str
    status: TicketStatus
    version: int


def ref_of(ticket: Ticket) -> TicketRef:
    """The reference handed back for ``ticket`` (after flush, so the version is the new one)."""
    return TicketRef(ticket.id, ticket.code, TicketStatus(ticket.status), ticket.version)


@dataclass
class Change:
    """What an action's body reports for its event: a note and details (stored as JSON)."""

    note: str = ""
    data: dict[str, Any] | None = None
    # Extra events on other tickets (a merge also writes one on the kept ticket).
    other_events: list[TicketEvent] = field(default_factory=list)
    # Other tickets the action changes, so a race lost on one of them names that ticket.
    other_tickets: list[Ticket] = field(default_factory=list)


def event_json(data: dict[str, Any] | None) -> str | None:
    """Event details as JSON text (Chinese kept readable, dates as text)."""
    if data is None:
        return None
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def require_role(actor: Actor, action: EventAction) -> None:
    """PermissionDeniedError unless the actor's role may take ``action``."""
    if not may(actor.role, action):
        raise PermissionDeniedError(action.value, actor.role)


def load_ticket(session: Session, ticket_id: int) -> Ticket:
    """The ticket and its assignments, read fresh in ONE statement: on PostgreSQL each
    statement sees the latest commit, so a second query could see assignments newer than the
    ticket version just checked. (populate_existing: a long-lived session may hold the row as
    it was read minutes ago.)"""
    if not is_possible_id(ticket_id):
        raise NotFoundError("ticket", ticket_id)
    ticket = session.get(
        Ticket,
        ticket_id,
        populate_existing=True,
        options=[joinedload(Ticket.assignments)],
    )
    if ticket is None:
        raise NotFoundError("ticket", ticket_id)
    return ticket


def user_name(session: Session, user_id: int | None) -> str | None:
    """The display name of a user, or None."""
    if user_id is None:
        return None
    user = session.get(User, user_id)
    return user.display_name if user is not None else None


def conflict(session: Session, ticket: Ticket, expected_version: int) -> ConflictError:
    """The error for a caller holding ``expected_version``: who changed the ticket, and when."""
    return ConflictError(
        ticket.code,
        expected_version,
        ticket.version,
        user_name(session, ticket.updated_by_id),
        ticket.updated_at,
    )


def require_version(session: Session, ticket: Ticket, version: int) -> None:
    """ConflictError unless the caller acted on the ticket's current version."""
    if ticket.version != version:
        raise conflict(session, ticket, version)


def text_input(name: str, value: str | None, *, required: bool, max_length: int = NOTE_MAX) -> str:
    """``value`` stripped; ValidationError naming ``name`` when missing or too long."""
    rule = check_text(value, max_length=max_length, required=required)
    if rule:
        raise ValidationError(name, rule)
    return clean_text(value)


def active_department(session: Session, department_id: int | None, field_name: str) -> Department:
    """The department with this id; ValidationError naming ``field_name`` when it is missing,
    unknown or no longer active."""
    if department_id is None:
        raise ValidationError(field_name, "required")
    department = session.get(Department, department_id) if is_possible_id(department_id) else None
    if department is None:
        raise ValidationError(field_name, "unknown")
    if not department.active:
        raise ValidationError(field_name, "inactive")
    return department


def active_grid(session: Session, grid_id: int, field_name: str = "grid_id") -> Area:
    """The grid with this id; ValidationError naming ``field_name`` when it is unknown, not a
    grid, or retired (a merged or out-of-service grid takes no tickets). Registration and
    placing share this one rule."""
    grid = session.get(Area, grid_id) if is_possible_id(grid_id) else None
    if grid is None:
        raise ValidationError(field_name, "unknown")
    if grid.level != AreaLevel.GRID:
        raise ValidationError(field_name, "not_grid")
    if grid.retired_at is not None:
        raise ValidationError(field_name, "inactive")
    return grid


def ticket_assignment(ticket: Ticket, assignment_id: int | None) -> Assignment:
    """The ticket's assignment with this id; ValidationError("assignment_id", ...) otherwise."""
    if assignment_id is None:
        raise ValidationError("assignment_id", "required")
    for assignment in ticket.assignments:
        if assignment.id == assignment_id:
            return assignment
    raise ValidationError("assignment_id", "unknown")


def restart_deadline(
    ticket: Ticket, now: datetime, calendar: WorkCalendar, rules: DeadlineRules
) -> None:
    """A reopened ticket gets its category's full time again, counted from now, by the rules
    in effect now (services.admin.deadline_rules.rules_at)."""
    ticket.deadline_at = compute_deadline(
        now, rules.finish_limit(ticket.category, ticket.priority), calendar
    )
    ticket.due_soon_at = due_soon_threshold(now, ticket.deadline_at, calendar)


def reopen(
    ticket: Ticket,
    now: datetime,
    step: Transition,
    calendar: WorkCalendar,
    rules: DeadlineRules,
) -> None:
    """The facts of a reopening (core's ``step.restart_clock``; the status is core's
    transition, applied by perform): the result no longer stands and the clock starts again."""
    if not step.restart_clock:
        return
    ticket.reopen_count += 1
    ticket.closed_at = None
    ticket.outcome = None
    ticket.solved_in_grid = False
    restart_deadline(ticket, now, calendar, rules)


def new_event(
    ticket: Ticket,
    actor: Actor,
    action: EventAction,
    now: datetime,
    from_status: TicketStatus | None,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> TicketEvent:
    """An event on ``ticket`` ending in its current status."""
    return TicketEvent(
        ticket_id=ticket.id,
        at=now,
        user_id=actor.user_id,
        action=action,
        from_status=from_status,
        to_status=ticket.status,
        note=note,
        data=event_json(data),
    )


def touch(ticket: Ticket, actor: Actor, now: datetime) -> None:
    """Record who changed the ticket. Flagged as modified even when the values are the same
    (one user, twice in a second), so the UPDATE, and with it the version check, always runs."""
    ticket.updated_at = now
    ticket.updated_by_id = actor.user_id
    flag_modified(ticket, "updated_at")


def state_of(ticket: Ticket, now: datetime) -> TicketState:
    """What core's rules need of ``ticket`` at ``now`` (a pending assignment past its
    accept-by time is a missed acceptance)."""
    return TicketState(
        TicketStatus(ticket.status),
        tuple(
            AssignmentState(
                a.id,
                a.role,
                AssignmentStatus(a.status),
                in_grid=a.grid_id is not None,
                missed=a.status == AssignmentStatus.PENDING and a.accept_by < now,
            )
            for a in ticket.assignments
        ),
        suspended=ticket.suspended_at is not None,
        answered=ticket.status == TicketStatus.MERGED and ticket.closed_at is not None,
    )


def rule_step(
    ticket: Ticket,
    actor: Actor,
    action: EventAction,
    now: datetime,
    *,
    assignment_id: int | None = None,
    reopen: bool = False,
) -> Transition:
    """Core's transition for ``action`` on ``ticket``, its refusals as the services' errors."""
    try:
        return transition(
            action,
            state_of(ticket, now),
            actor.role,
            assignment_id=assignment_id,
            reopen=reopen,
        )
    except Refused as refused:
        raise _service_error(refused, ticket, actor) from None


def _service_error(refused: Refused, ticket: Ticket, actor: Actor) -> ServiceError:
    action = refused.action.value
    if refused.refusal is Refusal.ROLE:
        return PermissionDeniedError(action, actor.role)
    if refused.refusal is Refusal.STATUS:
        return TransitionError(action, ticket.status)
    if refused.refusal is Refusal.SUSPENDED:
        # A suspended ticket waits for RESUME; RESUME on a running one has nothing to do.
        return TransitionError(action, "suspended" if ticket.suspended_at else "running")
    if refused.refusal is Refusal.ASSIGNMENT:
        return ValidationError("assignment_id", refused.rule or "invalid")
    return ValidationError("ticket_id", refused.rule or "invalid")


def apply_step(ticket: Ticket, step: Transition, now: datetime) -> None:
    """Make ``ticket`` what core's transition says: its status, its assignments' states,
    its clock stopped or running. (Times, texts and who are the action body's.)"""
    ticket.status = step.to_status
    for assignment in ticket.assignments:
        changed = step.assignments.get(assignment.id)
        if changed is not None:
            assignment.status = changed
    if step.suspended and ticket.suspended_at is None:
        ticket.suspended_at = now
    elif not step.suspended:
        ticket.suspended_at = None


Body = Callable[[Ticket, datetime, Transition], Change]


def perform(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    action: EventAction,
    now: datetime | None,
    body: Body,
    idempotency_key: str | None = None,
    *,
    assignment_id: int | None = None,
    reopen: bool = False,
) -> TicketRef:
    """Run one action on one ticket: role → version → core's transition (status, suspension,
    the assignment acted on: ``assignment_id``; ``reopen`` for a callback), then ``body``
    (which validates its input and records the facts, given the transition), the transition
    applied, one event, one commit (see :func:`commit_once` for ``idempotency_key``).

    The version is checked before the status so that someone who acted on an old view is told
    the ticket changed (and by whom), not that their action no longer fits. A concurrent UPDATE
    that wins the race after our check makes the mapper's version guard raise StaleDataError,
    reported the same way. Any error rolls everything back.
    """
    now = now or local_now()
    return commit_once(
        session,
        actor,
        idempotency_key,
        now,
        lambda: apply_action(
            session,
            actor,
            ticket_id,
            version,
            action,
            now,
            body,
            assignment_id=assignment_id,
            reopen=reopen,
        ),
    )


def apply_action(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    action: EventAction,
    now: datetime,
    body: Body,
    *,
    assignment_id: int | None = None,
    reopen: bool = False,
) -> TicketRef:
    """:func:`perform` without the commit: the action applied and flushed, or every change of
    the transaction rolled back with the error. A composite action (register and merge, urge
    several tickets) runs its steps through this inside ONE :func:`commit_once`, so a
    refusal of any step leaves nothing written."""
    # Versions as read, of the tickets written besides this one (a merge's kept ticket).
    others: dict[int, int] = {}
    try:
        require_role(actor, action)
        ticket = load_ticket(session, ticket_id)
        require_version(session, ticket, version)
        step = rule_step(ticket, actor, action, now, assignment_id=assignment_id, reopen=reopen)
        from_status = TicketStatus(ticket.status)
        # No autoflush while the body reads (calendar, departments): the ticket is written in
        # one UPDATE at the end, so its version moves exactly once per action.
        with session.no_autoflush:
            change = body(ticket, now, step)
            apply_step(ticket, step, now)
        touch(ticket, actor, now)
        session.add(new_event(ticket, actor, action, now, from_status, change.note, change.data))
        session.add_all(change.other_events)
        others = {t.id: t.version for t in change.other_tickets}
        session.flush()
        return ref_of(ticket)
    except StaleDataError:
        session.rollback()
        raise _lost_race(session, ticket_id, version, others) from None
    except (ValidationError, TransitionError):
        session.rollback()
        # Input judged against a ticket someone else was changing at that moment: the honest
        # answer is that it changed, not that the input was wrong.
        if _current_version(session, ticket_id) not in (None, version):
            raise _lost_race(session, ticket_id, version) from None
        raise
    except BaseException:
        session.rollback()
        raise


# A connection lost mid-action is retried this many times in all, waiting a little longer
# each time (the server may be restarting); only with an idempotency key (see commit_once).
_ATTEMPTS = 5
_RETRY_PAUSE = 0.2
_KEY_MAX = 64  # action_key.key


def commit_once(
    session: Session,
    actor: Actor,
    idempotency_key: str | None,
    now: datetime,
    apply: Callable[[], TicketRef],
) -> TicketRef:
    """Run ``apply`` (which changes and flushes, handing back the result) and commit it.

    With an ``idempotency_key`` (a uuid4 the caller makes once per user gesture) the key is
    stored with the result in the same transaction, so the action is applied at most once
    whatever happens to the answer: a key already stored returns the stored result without
    acting again (a retried gesture), and so does a call that lost a race to the same key
    committed concurrently (it would otherwise report a conflict with itself); a connection
    lost during the action or its COMMIT (outcome unknown) is retried on a fresh connection,
    which finds the key if the COMMIT had landed and acts again if it had not.
    """
    if idempotency_key is not None and not 0 < len(idempotency_key) <= _KEY_MAX:
        # A caller's mistake, not a user's input: the column holds a uuid4 (36 characters).
        raise ValueError(f"idempotency_key must be 1-{_KEY_MAX} characters")
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            if idempotency_key is not None:
                stored = _stored_result(session, idempotency_key)
                if stored is not None:
                    return stored
            ref = apply()
            if idempotency_key is not None:
                session.add(
                    ActionKey(
                        key=idempotency_key,
                        at=now,
                        user_id=actor.user_id,
                        ticket_id=ref.id,
                        result=_result_json(ref),
                    )
                )
                try:
                    session.flush()
                except IntegrityError:
                    # The same key committed by a concurrent call: its result is the answer.
                    session.rollback()
                    stored = _stored_result(session, idempotency_key)
                    if stored is None:
                        raise
                    return stored
            session.commit()
            return ref
        except ServiceError:
            session.rollback()
            # The same key racing itself (a desk's retry overtaking its first attempt): the
            # loser sees the winner's change as a conflict; the winner's result is its answer.
            stored = _stored_result(session, idempotency_key) if idempotency_key else None
            if stored is None:
                raise
            return stored
        except DBAPIError as exc:
            session.rollback()
            if idempotency_key is None or not exc.connection_invalidated or attempt == _ATTEMPTS:
                raise
            time.sleep(_RETRY_PAUSE * attempt)
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _result_json(ref: TicketRef) -> str:
    return json.dumps(
        {"id": ref.id, "code": ref.code, "status": ref.status.value, "version": ref.version}
    )


def _stored_result(session: Session, key: str) -> TicketRef | None:
    """The result stored with ``key``, or None when no action with this key has committed."""
    try:
        result = session.scalar(select(ActionKey.result).where(ActionKey.key == key))
    finally:
        session.rollback()
    if result is None:
        return None
    data = json.loads(result)
    return TicketRef(data["id"], data["code"], TicketStatus(data["status"]), data["version"])


def _current_version(session: Session, ticket_id: int) -> int | None:
    try:
        return session.scalar(select(Ticket.version).where(Ticket.id == ticket_id))
    finally:
        session.rollback()


def _lost_race(
    session: Session, ticket_id: int, version: int, others: dict[int, int] | None = None
) -> ConflictError:
    """The ConflictError for a race lost at UPDATE time, about whichever ticket moved on."""
    try:
        # None: a ticket registered in this same transaction (a composite action), gone with
        # the rollback; the race was lost on one of the others.
        ticket = session.get(Ticket, ticket_id, populate_existing=True)
        error = conflict(session, ticket, version) if ticket is not None else None
        if ticket is None or ticket.version == version:
            for other_id, other_version in (others or {}).items():
                other = load_ticket(session, other_id)
                if other.version != other_version or error is None:
                    error = conflict(session, other, other_version)
                    if other.version != other_version:
                        break
        if error is None:
            raise NotFoundError("ticket", ticket_id)
    finally:
        session.rollback()
    return error
