"""Visit coverage (走访覆盖率): per grid worker per month, the distinct households they visited
in their grid that month against the target (GridWorkSettings.visit_target, 100 at Guangfu),
summed per grid and per village; and the households not visited for N months
(GridWorkSettings.stale_months).

A worker's row is (worker, grid): everyone who served a grid as its worker or part-time worker
on any day of the month, plus anyone who recorded visits in a grid that month (a leader
standing in). Households are counted once per row however often they were visited. A grid's
and a village's target is the target times their rows; their visited households are the sum
of their rows (a household two people visited counts for both, as each did the work).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from gridcenter_desktop.core.enums import MemberRole
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.gridwork import Household, HouseholdVisit
from gridcenter_desktop.services.admin.grid_work_settings import grid_work_settings

# Under this share of the target a worker is well behind (shown red; between it and the
# target, near it: amber). Guangfu's workers mostly land between 85 % and 110 %.
WELL_BEHIND = 0.85


@dataclass(frozen=True, slots=True)
class WorkerCoverage:
    month: date  # the first day of the month
    worker_id: int
    worker: str
    grid_id: int
    grid: str
    village: str
    households: int  # distinct households visited
    visits: int
    target: int

    @property
    def rate(self) -> float:
        """Visited households / target (1.0 = 100 %)."""
        return self.households / self.target if self.target else 0.0


@dataclass(frozen=True, slots=True)
class AreaCoverage:
    area_id: int
    name: str
    workers: int
    households: int
    target: int

    @property
    def rate(self) -> float:
        return self.households / self.target if self.target else 0.0


@dataclass(frozen=True, slots=True)
class MonthCoverage:
    month: date
    target: int  # per worker
    workers: list[WorkerCoverage]
    grids: list[AreaCoverage]
    villages: list[AreaCoverage]

    @property
    def behind(self) -> list[WorkerCoverage]:
        """The workers under the target."""
        return [w for w in self.workers if w.households < w.target]

    @property
    def well_behind(self) -> list[WorkerCoverage]:
        """The workers under WELL_BEHIND of the target."""
        return [w for w in self.workers if w.rate < WELL_BEHIND]


@dataclass(frozen=True, slots=True)
class StaleHousehold:
    id: int
    grid: str
    village: str
    address: str
    register_no: str | None
    last_visited_on: date | None


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` (negative: back), the day clipped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_first = date(year + (month == 12), month % 12 + 1, 1)
    last = (next_first - date(year, month, 1)).days
    return date(year, month, min(day.day, last))


def month_coverage(session: Session, month: date, target: int | None = None) -> MonthCoverage:
    """The coverage of the month containing ``month`` (target: the setting when None)."""
    start = month_start(month)
    end = add_months(start, 1)
    target = target if target is not None else grid_work_settings(session).visit_target
    counted = dict(
        (
            (r.worker_id, r.grid_id),
            (r.households, r.visits),
        )
        for r in session.execute(
            select(
                HouseholdVisit.worker_id,
                HouseholdVisit.grid_id,
                func.count(func.distinct(HouseholdVisit.household_id)).label("households"),
                func.count().label("visits"),
            )
            .where(HouseholdVisit.visited_on >= start, HouseholdVisit.visited_on < end)
            .group_by(HouseholdVisit.worker_id, HouseholdVisit.grid_id)
        )
    )
    serving = session.execute(
        select(GridMember.person_id, GridMember.area_id).where(
            GridMember.role.in_((MemberRole.WORKER, MemberRole.PART_TIME_WORKER)),
            or_(GridMember.since.is_(None), GridMember.since < end),
            or_(GridMember.until.is_(None), GridMember.until >= start),
        )
    ).all()
    pairs = set(counted) | {(r.person_id, r.area_id) for r in serving}
    names = _names(session, {p for p, _ in pairs}, {g for _, g in pairs})
    workers = []
    for worker_id, grid_id in pairs:
        households, visits = counted.get((worker_id, grid_id), (0, 0))
        grid, village, _ = names["grids"].get(grid_id, ("", "", None))
        workers.append(
            WorkerCoverage(
                start,
                worker_id,
                names["people"].get(worker_id, ""),
                grid_id,
                grid,
                village,
                households,
                visits,
                target,
            )
        )
    workers.sort(key=lambda w: (w.village, w.grid, w.worker, w.worker_id))
    grids = _sum_by(workers, lambda w: (w.grid_id, w.grid))
    villages = _sum_by(
        workers, lambda w: (names["grids"].get(w.grid_id, ("", "", None))[2] or 0, w.village)
    )
    return MonthCoverage(start, target, workers, grids, villages)


def coverage_months(session: Session, last_month: date, count: int) -> list[MonthCoverage]:
    """``count`` months of coverage up to the one containing ``last_month``, oldest first."""
    target = grid_work_settings(session).visit_target
    first = add_months(month_start(last_month), -(count - 1))
    return [month_coverage(session, add_months(first, i), target) for i in range(count)]


def _sum_by(workers: list[WorkerCoverage], key) -> list[AreaCoverage]:
    totals: dict[tuple[int, str], list[int]] = {}
    for w in workers:
        t = totals.setdefault(key(w), [0, 0, 0])
        t[0] += 1
        t[1] += w.households
        t[2] += w.target
    return [
        AreaCoverage(area_id, name, n, households, target)
        for (area_id, name), (n, households, target) in sorted(
            totals.items(), key=lambda item: item[0][1]
        )
    ]


def _names(session: Session, people: set[int], grids: set[int]) -> dict:
    village = aliased(Area)
    grid_rows = (
        session.execute(
            select(Area.id, Area.name, village.name, village.id)
            .join(village, village.id == Area.parent_id, isouter=True)
            .where(Area.id.in_(grids))
        ).all()
        if grids
        else []
    )
    person_rows = (
        session.execute(select(Person.id, Person.name).where(Person.id.in_(people))).all()
        if people
        else []
    )
    return {
        "grids": {r[0]: (r[1], r[2] or "", r[3]) for r in grid_rows},
        "people": dict(person_rows),
    }


def stale_cutoff(today: date, months: int) -> date:
    """A household last visited before this day is stale."""
    return add_months(today, -months)


def stale_households(
    session: Session,
    today: date,
    months: int | None = None,
    *,
    grid_id: int | None = None,
    limit: int = 500,
) -> tuple[int, list[StaleHousehold]]:
    """Households (not retired) not visited for ``months`` months (the setting when None) at
    ``today``, never visited ones first, then the longest unvisited: (how many in all, the
    first ``limit``)."""
    months = months if months is not None else grid_work_settings(session).stale_months
    cutoff = stale_cutoff(today, months)
    village = aliased(Area)
    grid = aliased(Area)
    condition = and_(
        Household.retired_at.is_(None),
        or_(Household.last_visited_on.is_(None), Household.last_visited_on < cutoff),
    )
    if grid_id is not None:
        condition = and_(condition, Household.grid_id == grid_id)
    total = session.scalar(select(func.count()).select_from(Household).where(condition)) or 0
    rows = session.execute(
        select(
            Household.id,
            grid.name,
            village.name,
            Household.address,
            Household.register_no,
            Household.last_visited_on,
        )
        .join(grid, grid.id == Household.grid_id)
        .join(village, village.id == grid.parent_id, isouter=True)
        .where(condition)
        .order_by(Household.last_visited_on.is_not(None), Household.last_visited_on, Household.id)
        .limit(limit)
    ).all()
    return total, [StaleHousehold(r[0], r[1], r[2] or "", r[3], r[4], r[5]) for r in rows]
