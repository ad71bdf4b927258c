"""The grid worker's page (网格员工作台) and the figures superiors ask of grid workers.

One row per grid worker's service in a grid (``grid_member`` with role WORKER or
PART_TIME_WORKER whose period overlaps the chosen one: a worker who moved grids mid-month has a
row for each grid). Every figure is counted for that person *in that grid* over the period
(``date_from`` .. ``date_to``, both days included):

- **tickets reported** (上报工单): tickets whose ``reported_by_person_id`` is the worker and whose
  grid is the row's grid, registered (``created_at``) in the period; merged duplicates left out.
- **visits** (走访): ``household_visit`` rows of the worker in the grid with ``visited_on`` in the
  period, and the distinct households among them (what the monthly target of
  GridWorkSettings.visit_target counts; ``coverage`` = households / target, for one month).
- **registers kept** (台账): special-group members and rental housings the worker keeps
  (``worker_id``) in the grid and still on the register at the period's end (registered on or
  before its last day when the date is known; not struck off before the period ended), and the
  hidden dangers the worker found (``found_by_id``) in the grid with ``found_on`` in the period.
  Sensitive special groups (core.permissions.SENSITIVE_GROUPS) are counted only for roles that
  may know of them (supervisors, administrators), as the row-level security on PostgreSQL does.
- **time to first response** (首次响应): for the tickets of the grid (``ticket.grid_id``)
  registered in the period, the hours from ``created_at`` (when the ticket came in; for an
  imported one the platform's receiving time) to the ticket's earliest event that is one of
  DISPATCH (派单), ACCEPT (签收) or SOLVE_IN_GRID (网格内解决), whenever that happened (also after
  the period). Averaged over the tickets that have such an event; those still waiting are
  counted as ``awaiting_response``. Clock hours, not working hours: it is how long the matter
  waited. It is the grid's figure, so co-workers of one grid show the same value.

The counts are read straight from the tables (one grouped query per figure), not through the
visits' or registers' services. Every role may read them (a viewer is a leader reading
figures); they carry no personal data but the workers' names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from gridcenter_desktop.core.enums import (
    EventAction,
    MemberRole,
    SpecialGroupKind,
    TicketStatus,
)
from gridcenter_desktop.core.permissions import may_see_special_group
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.gridwork import (
    HiddenDanger,
    Household,
    HouseholdVisit,
    RentalHousing,
    SpecialGroupMember,
)
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.grid_work_settings import grid_work_settings
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.grid_team import TeamMember, grid_team
from gridcenter_desktop.services.periods import after_day, day_start

WORKER_ROLES = (MemberRole.WORKER, MemberRole.PART_TIME_WORKER)
# The handling events that answer a ticket for the first time.
FIRST_RESPONSE_ACTIONS = (EventAction.DISPATCH, EventAction.ACCEPT, EventAction.SOLVE_IN_GRID)


@dataclass(frozen=True, slots=True)
class WorkerFigures:
    """One worker's service in one grid, with the period's figures."""

    person_id: int
    name: str
    role: MemberRole
    grid_id: int
    grid_name: str
    village_name: str
    tickets_reported: int = 0
    visits: int = 0
    households_visited: int = 0
    visit_target: int = 0
    special_groups: int = 0
    rentals: int = 0
    dangers_found: int = 0
    grid_tickets: int = 0
    responded: int = 0
    awaiting_response: int = 0
    average_response_hours: float | None = None

    @property
    def registers_kept(self) -> int:
        """Special-group members and rental housings kept, plus the dangers found."""
        return self.special_groups + self.rentals + self.dangers_found

    @property
    def coverage(self) -> float | None:
        """Distinct households visited / the monthly target (None without a target)."""
        return self.households_visited / self.visit_target if self.visit_target else None


@dataclass(frozen=True, slots=True)
class GridTeamFigures:
    """A grid's "1+1+N" team now, with its workers' figures for the period."""

    grid_id: int
    grid_name: str
    village_name: str
    team: list[TeamMember]
    workers: list[WorkerFigures]
    grid_tickets: int
    responded: int
    average_response_hours: float | None


@dataclass(frozen=True, slots=True)
class RecentTicket:
    id: int
    code: str
    title: str
    created_at: datetime
    status: TicketStatus
    grid_name: str


@dataclass(frozen=True, slots=True)
class RecentVisit:
    visited_on: date
    address: str
    findings: str
    problem: bool
    ticket_id: int | None


@dataclass(frozen=True, slots=True)
class WorkerActivity:
    """What a worker did lately: the tickets they reported and the visits they made."""

    tickets: list[RecentTicket]
    visits: list[RecentVisit]


@dataclass(frozen=True, slots=True)
class WorkerChoice:
    """A grid worker serving now, with the grid they serve (the 上报网格员 picker)."""

    person_id: int
    name: str
    role: MemberRole
    grid_id: int
    grid_name: str


def check_period(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    if date_from is None:
        raise ValidationError("date_from", "required")
    if date_to is None:
        raise ValidationError("date_to", "required")
    if date_to < date_from:
        raise ValidationError("date_to", "before_date_from")
    return date_from, date_to


def month_period(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def _is_one_month(date_from: date, date_to: date) -> bool:
    return date_from.day == 1 and month_period(date_from.year, date_from.month)[1] == date_to


def _services(session: Session, date_from: date, date_to: date, grid_id: int | None):
    village = aliased(Area)
    query = (
        select(
            GridMember.person_id,
            Person.name,
            GridMember.role,
            GridMember.area_id,
            Area.name.label("grid_name"),
            func.coalesce(village.name, "").label("village_name"),
            Area.sort_order,
            village.sort_order.label("village_order"),
            GridMember.since,
        )
        .join(Person, Person.id == GridMember.person_id)
        .join(Area, Area.id == GridMember.area_id)
        .outerjoin(village, village.id == Area.parent_id)
        .where(
            GridMember.role.in_(WORKER_ROLES),
            or_(GridMember.since.is_(None), GridMember.since <= date_to),
            or_(GridMember.until.is_(None), GridMember.until >= date_from),
        )
    )
    if grid_id is not None:
        query = query.where(GridMember.area_id == grid_id)
    rows = session.execute(query).all()
    seen: dict[tuple[int, int], object] = {}
    for r in rows:
        seen.setdefault((r.person_id, r.area_id), r)  # one row for two periods in one grid
    return sorted(
        seen.values(),
        key=lambda r: (
            r.village_order or 0,
            r.village_name,
            r.sort_order or 0,
            r.grid_name,
            list(MemberRole).index(MemberRole(r.role)),
            r.since or date.min,  # a predecessor before a successor
            r.name,
        ),
    )


def _by_person_grid(session: Session, query) -> dict[tuple[int, int], int]:
    return {(r[0], r[1]): int(r[2]) for r in session.execute(query)}


def _special_group_kinds(actor: Actor) -> list[SpecialGroupKind]:
    return [kind for kind in SpecialGroupKind if may_see_special_group(actor.role, kind)]


def _responses(
    session: Session, start: datetime, end: datetime, grid_ids: set[int]
) -> dict[int, tuple[int, int, float | None]]:
    """Per grid: (tickets registered in the period, of them answered, average hours)."""
    # A correlated subquery per ticket of the period (the event table's ticket index), not
    # a grouped scan of every event: 0.5 s -> a few ms on the demo's 115k tickets.
    first_at = (
        select(func.min(TicketEvent.at))
        .where(
            TicketEvent.ticket_id == Ticket.id,
            TicketEvent.action.in_(FIRST_RESPONSE_ACTIONS),
        )
        .scalar_subquery()
    )
    rows = session.execute(
        select(Ticket.grid_id, Ticket.created_at, first_at).where(
            Ticket.grid_id.in_(grid_ids),
            Ticket.created_at >= start,
            Ticket.created_at < end,
            Ticket.status != TicketStatus.MERGED,
        )
    )
    totals: dict[int, list] = defaultdict(lambda: [0, 0, 0.0])
    for grid, created, first_at in rows:
        t = totals[grid]
        t[0] += 1
        if first_at is not None:
            t[1] += 1
            # A response logged before the ticket's (platform) receiving time counts as 0.
            t[2] += max((first_at - created).total_seconds(), 0.0) / 3600
    return {g: (n, r, (hours / r if r else None)) for g, (n, r, hours) in totals.items()}


def worker_figures(
    session: Session,
    actor: Actor,
    date_from: date,
    date_to: date,
    *,
    grid_id: int | None = None,
) -> list[WorkerFigures]:
    """Every grid worker serving in the period (or in grid ``grid_id``) with the period's
    figures, by village, grid and name (the module docstring defines each figure)."""
    date_from, date_to = check_period(date_from, date_to)
    services = _services(session, date_from, date_to, grid_id)
    if not services:
        return []
    start, end = day_start(date_from), after_day(date_to)
    people = {r.person_id for r in services}
    grids = {r.area_id for r in services}

    reported = _by_person_grid(
        session,
        select(Ticket.reported_by_person_id, Ticket.grid_id, func.count())
        .where(
            Ticket.reported_by_person_id.in_(people),
            Ticket.grid_id.in_(grids),
            Ticket.created_at >= start,
            Ticket.created_at < end,
            Ticket.status != TicketStatus.MERGED,
        )
        .group_by(Ticket.reported_by_person_id, Ticket.grid_id),
    )
    visits: dict[tuple[int, int], tuple[int, int]] = {
        (r[0], r[1]): (int(r[2]), int(r[3]))
        for r in session.execute(
            select(
                HouseholdVisit.worker_id,
                HouseholdVisit.grid_id,
                func.count(),
                func.count(func.distinct(HouseholdVisit.household_id)),
            )
            .where(
                HouseholdVisit.worker_id.in_(people),
                HouseholdVisit.grid_id.in_(grids),
                HouseholdVisit.visited_on >= date_from,
                HouseholdVisit.visited_on <= date_to,
            )
            .group_by(HouseholdVisit.worker_id, HouseholdVisit.grid_id)
        )
    }
    groups = _by_person_grid(
        session,
        select(SpecialGroupMember.worker_id, SpecialGroupMember.grid_id, func.count())
        .where(
            SpecialGroupMember.worker_id.in_(people),
            SpecialGroupMember.grid_id.in_(grids),
            SpecialGroupMember.kind.in_(_special_group_kinds(actor)),
            or_(
                SpecialGroupMember.registered_on.is_(None),
                SpecialGroupMember.registered_on <= date_to,
            ),
            or_(SpecialGroupMember.retired_at.is_(None), SpecialGroupMember.retired_at >= end),
        )
        .group_by(SpecialGroupMember.worker_id, SpecialGroupMember.grid_id),
    )
    rentals = _by_person_grid(
        session,
        select(RentalHousing.worker_id, RentalHousing.grid_id, func.count())
        .where(
            RentalHousing.worker_id.in_(people),
            RentalHousing.grid_id.in_(grids),
            or_(RentalHousing.retired_at.is_(None), RentalHousing.retired_at >= end),
        )
        .group_by(RentalHousing.worker_id, RentalHousing.grid_id),
    )
    dangers = _by_person_grid(
        session,
        select(HiddenDanger.found_by_id, HiddenDanger.grid_id, func.count())
        .where(
            HiddenDanger.found_by_id.in_(people),
            HiddenDanger.grid_id.in_(grids),
            and_(HiddenDanger.found_on >= date_from, HiddenDanger.found_on <= date_to),
        )
        .group_by(HiddenDanger.found_by_id, HiddenDanger.grid_id),
    )
    responses = _responses(session, start, end, grids)
    target = grid_work_settings(session).visit_target if _is_one_month(date_from, date_to) else 0

    figures = []
    for r in services:
        key = (r.person_id, r.area_id)
        made, households = visits.get(key, (0, 0))
        in_grid, responded, average = responses.get(r.area_id, (0, 0, None))
        figures.append(
            WorkerFigures(
                person_id=r.person_id,
                name=r.name,
                role=MemberRole(r.role),
                grid_id=r.area_id,
                grid_name=r.grid_name,
                village_name=r.village_name,
                tickets_reported=reported.get(key, 0),
                visits=made,
                households_visited=households,
                visit_target=target,
                special_groups=groups.get(key, 0),
                rentals=rentals.get(key, 0),
                dangers_found=dangers.get(key, 0),
                grid_tickets=in_grid,
                responded=responded,
                awaiting_response=in_grid - responded,
                average_response_hours=average,
            )
        )
    return figures


def grid_team_figures(
    session: Session, actor: Actor, grid_id: int, date_from: date, date_to: date
) -> GridTeamFigures:
    """Grid ``grid_id``'s "1+1+N" team serving now (services.grid_team) and its workers'
    figures for the period; ValidationError("grid_id", "unknown") for no such grid."""
    village = aliased(Area)
    row = session.execute(
        select(Area.name, func.coalesce(village.name, ""))
        .outerjoin(village, village.id == Area.parent_id)
        .where(Area.id == grid_id)
    ).first()
    if row is None:
        raise ValidationError("grid_id", "unknown")
    workers = worker_figures(session, actor, date_from, date_to, grid_id=grid_id)
    start, end = day_start(date_from), after_day(date_to)
    in_grid, responded, average = _responses(session, start, end, {grid_id}).get(
        grid_id, (0, 0, None)
    )
    return GridTeamFigures(
        grid_id=grid_id,
        grid_name=row[0],
        village_name=row[1],
        team=grid_team(session, grid_id),
        workers=workers,
        grid_tickets=in_grid,
        responded=responded,
        average_response_hours=average,
    )


def worker_activity(
    session: Session, actor: Actor, person_id: int, *, limit: int = 20
) -> WorkerActivity:
    """The latest ``limit`` tickets the worker reported and visits they made, newest first."""
    tickets = [
        RecentTicket(r.id, r.code, r.title, r.created_at, TicketStatus(r.status), r.name or "")
        for r in session.execute(
            select(
                Ticket.id, Ticket.code, Ticket.title, Ticket.created_at, Ticket.status, Area.name
            )
            .outerjoin(Area, Area.id == Ticket.grid_id)
            .where(Ticket.reported_by_person_id == person_id)
            .order_by(Ticket.created_at.desc(), Ticket.id.desc())
            .limit(limit)
        )
    ]
    visits = [
        RecentVisit(r.visited_on, r.address, r.findings or "", bool(r.problem), r.ticket_id)
        for r in session.execute(
            select(
                HouseholdVisit.visited_on,
                Household.address,
                HouseholdVisit.findings,
                HouseholdVisit.problem,
                HouseholdVisit.ticket_id,
            )
            .join(Household, Household.id == HouseholdVisit.household_id)
            .where(HouseholdVisit.worker_id == person_id)
            .order_by(HouseholdVisit.visited_on.desc(), HouseholdVisit.id.desc())
            .limit(limit)
        )
    ]
    return WorkerActivity(tickets, visits)


def current_workers(session: Session) -> list[WorkerChoice]:
    """The grid workers serving now, for the register dialog's 上报网格员 picker: each with the
    grid they serve (a person serving two grids appears twice), full-time before part-time."""
    rows = session.execute(
        select(GridMember.person_id, Person.name, GridMember.role, GridMember.area_id, Area.name)
        .join(Person, Person.id == GridMember.person_id)
        .join(Area, Area.id == GridMember.area_id)
        .where(
            GridMember.role.in_(WORKER_ROLES),
            GridMember.until.is_(None),
            Area.retired_at.is_(None),
        )
    ).all()
    choices = [WorkerChoice(r[0], r[1], MemberRole(r[2]), r[3], r[4]) for r in rows]
    choices.sort(key=lambda c: (c.grid_name, list(MemberRole).index(c.role), c.name))
    return choices


def worker_totals(rows: list[WorkerFigures]) -> dict[str, object]:
    """The town's sums over ``rows`` (worker_figures), naming nobody: what `gridcenter stats
    --json` prints under "workers". The average first response is over the grids' tickets
    (each grid counted once, however many workers it has)."""
    grids: dict[int, WorkerFigures] = {r.grid_id: r for r in rows}
    responded = sum(g.responded for g in grids.values())
    hours = sum(
        g.average_response_hours * g.responded
        for g in grids.values()
        if g.average_response_hours is not None
    )
    return {
        "grid_workers": len({r.person_id for r in rows}),
        "tickets_reported": sum(r.tickets_reported for r in rows),
        "visits": sum(r.visits for r in rows),
        "households_visited": sum(r.households_visited for r in rows),
        "special_groups": sum(r.special_groups for r in rows),
        "rentals": sum(r.rentals for r in rows),
        "dangers_found": sum(r.dangers_found for r in rows),
        "grid_tickets": sum(g.grid_tickets for g in grids.values()),
        "responded": responded,
        "avg_first_response_hours": round(hours / responded, 2) if responded else None,
    }
