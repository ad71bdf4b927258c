"""Recording a household visit (走访) at the desk: the operator types what a grid worker brings
in (day, worker, household, what was found) and, when there was a problem, the ticket raised
from it is registered in the same step and the same commit.

The household is found by its register number (户号) within the grid when one is given, else
by its address within the grid; a household never seen before is created. Its
``last_visited_on`` moves forward with every visit (never back: a late-recorded old visit does
not make a household look visited more recently than it was).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import (
    MemberRole,
    Priority,
    RegisterKind,
    TicketKind,
    TicketSource,
    UserRole,
    VisitSource,
)
from gridcenter_desktop.core.permissions import may_keep_registers
from gridcenter_desktop.core.validation import ADDRESS_MAX, DESCRIPTION_MAX, NAME_MAX, TITLE_MAX
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.gridwork import Household, HouseholdVisit
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.tickets.common import (
    TicketRef,
    active_grid,
    local_now,
    text_input,
)
from gridcenter_desktop.services.tickets.registration import NewTicket, apply_registration

REGISTER_NO_MAX = 32  # household.register_no
# The roles whose members walk a grid and record visits.
VISITING_ROLES = (MemberRole.WORKER, MemberRole.PART_TIME_WORKER, MemberRole.LEADER)
RECORD_VISIT = "record_visit"  # the action PermissionDeniedError names


@dataclass(frozen=True, slots=True)
class RaisedTicket:
    """The ticket to raise from a visit that found a problem (source 网格员巡查)."""

    category: str
    title: str = ""  # empty: the findings' first line
    priority: Priority = Priority.ORDINARY
    kind: TicketKind = TicketKind.ORDINARY


@dataclass(frozen=True, slots=True)
class NewVisit:
    """The visit form."""

    grid_id: int
    worker_id: int  # person.id of the grid worker
    visited_on: date
    address: str
    register_no: str | None = None
    head_name: str | None = None
    findings: str = ""
    # None: nothing wrong; else the ticket raised in the same step.
    ticket: RaisedTicket | None = None


@dataclass(frozen=True, slots=True)
class VisitRecord:
    id: int
    household_id: int
    household_created: bool
    ticket: TicketRef | None


@dataclass(frozen=True, slots=True)
class VisitingWorker:
    """A person who may record visits in a grid (its worker, part-time workers, its leader)."""

    id: int
    name: str
    role: MemberRole


def require_visit_keeper(actor: Actor) -> None:
    if not may_keep_registers(actor.role):
        raise PermissionDeniedError(RECORD_VISIT, UserRole(actor.role).value)


def visiting_workers(
    session: Session, grid_id: int, on: date | None = None
) -> list[VisitingWorker]:
    """Who walks grid ``grid_id`` on day ``on`` (today when None): worker first, part-time
    workers, then the leader, by name."""
    on = on or local_now().date()
    rows = session.execute(
        select(Person.id, Person.name, GridMember.role)
        .join(GridMember, GridMember.person_id == Person.id)
        .where(
            GridMember.area_id == grid_id,
            GridMember.role.in_(VISITING_ROLES),
            or_(GridMember.since.is_(None), GridMember.since <= on),
            or_(GridMember.until.is_(None), GridMember.until >= on),
        )
    ).all()
    order = {role: i for i, role in enumerate(VISITING_ROLES)}
    seen: dict[int, VisitingWorker] = {}
    for r in sorted(rows, key=lambda r: (order[MemberRole(r.role)], r.name, r.id)):
        seen.setdefault(r.id, VisitingWorker(r.id, r.name, MemberRole(r.role)))
    return list(seen.values())


def record_visit(
    session: Session, actor: Actor, visit: NewVisit, now: datetime | None = None
) -> VisitRecord:
    """Record ``visit`` (and register the ticket raised from it): one commit. Refuses a viewer
    (PermissionDeniedError) and any field that does not check out (ValidationError naming it:
    grid_id, worker_id, visited_on, address, register_no, head_name, findings, or the raised
    ticket's category/title)."""
    now = now or local_now()
    require_visit_keeper(actor)
    try:
        record = apply_visit(session, actor, visit, now, VisitSource.DESK, None)
        session.commit()
        return record
    except BaseException:
        session.rollback()
        raise


def apply_visit(
    session: Session,
    actor: Actor,
    visit: NewVisit,
    now: datetime,
    source: VisitSource,
    external_code: str | None,
    *,
    worker_checked: bool = False,
) -> VisitRecord:
    """:func:`record_visit` without the commit (the sheet import writes many in one, with
    ``worker_checked``: its plan has matched each row's worker among the grid's already)."""
    require_visit_keeper(actor)
    grid = active_grid(session, visit.grid_id, "grid_id")
    if not isinstance(visit.visited_on, date):
        raise ValidationError("visited_on", "required")
    if visit.visited_on > now.date():
        raise ValidationError("visited_on", "future")
    if not worker_checked and visit.worker_id not in {
        w.id for w in visiting_workers(session, grid.id, visit.visited_on)
    }:
        raise ValidationError("worker_id", "not_in_grid")
    address = text_input("address", visit.address, required=True, max_length=ADDRESS_MAX)
    register_no = (
        text_input("register_no", visit.register_no, required=False, max_length=REGISTER_NO_MAX)
        or None
    )
    head_name = (
        text_input("head_name", visit.head_name, required=False, max_length=NAME_MAX) or None
    )
    findings = text_input("findings", visit.findings, required=False, max_length=DESCRIPTION_MAX)
    household, created = _household(session, grid, address, register_no, head_name, now)
    row = HouseholdVisit(
        household_id=household.id,
        grid_id=grid.id,
        worker_id=visit.worker_id,
        visited_on=visit.visited_on,
        findings=findings,
        problem=visit.ticket is not None,
        source=source,
        external_code=external_code,
        recorded_at=now,
        recorded_by_id=actor.user_id,
    )
    session.add(row)
    if household.last_visited_on is None or household.last_visited_on < visit.visited_on:
        household.last_visited_on = visit.visited_on
    session.flush()
    ref = None
    if visit.ticket is not None:
        ref = _raise_ticket(session, actor, visit, row, grid.id, address, findings, now)
        row.ticket_id = ref.id
        session.flush()
    return VisitRecord(row.id, household.id, created, ref)


def _household(
    session: Session,
    grid: Area,
    address: str,
    register_no: str | None,
    head_name: str | None,
    now: datetime,
) -> tuple[Household, bool]:
    """The grid's household with this register number (else this address), or a new one."""
    base = select(Household).where(Household.grid_id == grid.id, Household.retired_at.is_(None))
    found = None
    if register_no:
        found = session.scalars(base.where(Household.register_no == register_no).limit(1)).first()
    if found is None:
        # Exact address (the index's): addresses are Chinese text, "case" rarely matters.
        found = session.scalars(
            base.where(Household.address == address).order_by(Household.id).limit(1)
        ).first()
    if found is not None:
        if register_no and not found.register_no:
            found.register_no = register_no
        if head_name and not found.head_name:
            found.head_name = head_name
        return found, False
    household = Household(
        grid_id=grid.id,
        address=address,
        register_no=register_no,
        head_name=head_name,
        created_at=now,
    )
    session.add(household)
    session.flush()
    return household, True


def _raise_ticket(session, actor, visit, row, grid_id, address, findings, now) -> TicketRef:
    raised = visit.ticket
    title = (raised.title or "").strip() or _title_from(findings)
    if not title:
        raise ValidationError("findings", "required")
    ref = apply_registration(
        session,
        actor,
        NewTicket(
            kind=raised.kind,
            source=TicketSource.GRID_PATROL,
            category=raised.category,
            title=text_input("title", title, required=True, max_length=TITLE_MAX),
            description=findings,
            address=address,
            grid_id=grid_id,
            priority=raised.priority,
        ),
        now,
    )
    # What the ticket was raised from and who reported it: columns the registration form does
    # not carry; a Core UPDATE, so the new ticket's version stays 1.
    session.execute(
        update(Ticket.__table__)
        .where(Ticket.__table__.c.id == ref.id)
        .values(
            raised_from_kind=RegisterKind.VISIT,
            raised_from_id=row.id,
            reported_by_person_id=visit.worker_id,
        )
    )
    return ref


def _title_from(findings: str) -> str:
    first = findings.strip().splitlines()[0] if findings.strip() else ""
    return first[:60]
