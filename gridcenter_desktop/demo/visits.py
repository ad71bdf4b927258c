"""Household visits (走访) for the demo: a few hundred households per grid and each grid
worker's visits over the last six months before the demo's "now", with realistic coverage
(most workers 85-110 % of the target, a few behind), some visits that found a problem linked
to the grid-patrol tickets the demo already has in that grid and month (raised_from_kind
VISIT), so no ticket is added and the pinned figures do not move.

A worker walks their grid's households in a round (a shuffled order, continued month after
month), as workers do, so a grid with more households than three months of visits has some
not visited for three months (the "not visited" list). Drawn from its own random generator
(seed + 1201), never from the demo's main one.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select, text

from gridcenter_desktop.core.enums import (
    AreaLevel,
    MemberRole,
    RegisterKind,
    TicketSource,
    VisitSource,
)
from gridcenter_desktop.db.area import Area, GridMember
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.demo.writer import BulkWriter
from gridcenter_desktop.services.admin.grid_work_settings import DEFAULT_VISIT_TARGET

SEED_OFFSET = 1201
MONTHS = 6
BEHIND_SHARE = 0.08  # about 4 of 48 workers behind the target in a month
PROBLEMS_PER_MONTH = 2  # visits per worker-month linked to a grid-patrol ticket, at most

_FINDINGS = (
    "家中情况正常，宣传防诈骗知识",
    "独居老人身体尚可，已留联系电话",
    "了解家庭人口变动，无异常",
    "宣传燃气安全和电动车充电安全",
    "住户反映路灯不亮，已记录",
    "出租户登记信息已核对",
    "宣传垃圾分类，住户配合",
    "家中无人，已留联系卡",
)
_PROBLEM_FINDINGS = "走访发现问题，已上报"


def _month_start(day: date, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _next_month(first: date) -> date:
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def add_visits(conn: Connection, now: datetime, seed: int) -> tuple[int, int]:
    """Write the households and visits; returns (households, visits)."""
    rng = random.Random(seed + SEED_OFFSET)
    village = Area.__table__.alias("village")
    grids = conn.execute(
        select(Area.id, Area.name, village.c.name)
        .join(village, village.c.id == Area.parent_id)
        .where(Area.level == AreaLevel.GRID, Area.retired_at.is_(None))
        .order_by(Area.id)
    ).all()
    workers = dict(
        conn.execute(
            select(GridMember.area_id, GridMember.person_id).where(
                GridMember.role == MemberRole.WORKER, GridMember.until.is_(None)
            )
        ).all()
    )
    today = now.date()
    first_month = _month_start(today, MONTHS - 1)
    tickets = _patrol_tickets(conn, datetime.combine(first_month, datetime.min.time()), now)
    households: list[tuple] = []
    visits: list[tuple] = []
    links: list[dict] = []
    for grid_id, _grid, village_name in grids:
        worker = workers.get(grid_id)
        count = rng.randint(240, 420)
        first_id = len(households) + 1
        for k in range(count):
            group, number = divmod(k, 40)
            register_no = f"{grid_id:03d}{k + 1:04d}" if rng.random() < 0.7 else None
            households.append(
                (
                    first_id + k,
                    grid_id,
                    f"{village_name}{group + 1}组{number + 1}号",
                    register_no,
                    now - timedelta(days=400),
                )
            )
        if worker is None:
            continue
        walk = list(range(first_id, first_id + count))
        rng.shuffle(walk)
        position = rng.randrange(count)
        behind = rng.random() < BEHIND_SHARE * 3  # some workers fall behind now and then
        month = first_month
        while month <= today:
            end = min(_next_month(month) - timedelta(days=1), today)
            share = (end - month).days + 1
            share /= (_next_month(month) - month).days
            low, high = (0.5, 0.8) if behind and rng.random() < 0.35 else (0.85, 1.10)
            planned = round(DEFAULT_VISIT_TARGET * rng.uniform(low, high) * share)
            days = (end - month).days
            month_visits: list[int] = []
            for _ in range(planned):
                household = walk[position % count]
                position += 1
                # Now and then a household is called on twice in the month.
                for _again in range(2 if rng.random() < 0.04 else 1):
                    day = month + timedelta(days=rng.randint(0, days))
                    visit_id = len(visits) + 1
                    visits.append(
                        (
                            visit_id,
                            household,
                            grid_id,
                            worker,
                            day,
                            rng.choice(_FINDINGS),
                            False,
                            None,
                            VisitSource.IMPORT.value,
                            f"SCWGT-{grid_id:03d}-{visit_id:07d}",
                            datetime.combine(day, datetime.min.time()) + timedelta(hours=18),
                            None,
                        )
                    )
                    month_visits.append(visit_id)
            found = tickets.get((grid_id, month), [])
            for ticket_id, created in found[:PROBLEMS_PER_MONTH]:
                if not month_visits:
                    break
                visit_id = month_visits.pop(rng.randrange(len(month_visits)))
                row = list(visits[visit_id - 1])
                row[4] = created.date()
                row[5], row[6], row[7] = _PROBLEM_FINDINGS, True, ticket_id
                visits[visit_id - 1] = tuple(row)
                links.append({"tid": ticket_id, "vid": visit_id, "worker": worker})
            month = _next_month(month)
    writer = BulkWriter(conn)
    writer.insert(
        "household",
        ("id", "grid_id", "address", "register_no", "created_at"),
        households,
    )
    writer.insert(
        "household_visit",
        (
            "id",
            "household_id",
            "grid_id",
            "worker_id",
            "visited_on",
            "findings",
            "problem",
            "ticket_id",
            "source",
            "external_code",
            "recorded_at",
            "recorded_by_id",
        ),
        visits,
    )
    last_visit: dict[int, date] = {}
    for row in visits:
        if last_visit.get(row[1], date.min) < row[4]:
            last_visit[row[1]] = row[4]
    _set_last_visits(conn, last_visit)
    if links:
        conn.execute(
            text(
                "UPDATE ticket SET raised_from_kind = :kind, raised_from_id = :vid,"
                " reported_by_person_id = :worker WHERE id = :tid"
            ),
            [{**link, "kind": RegisterKind.VISIT.value} for link in links],
        )
    writer.reset_sequences(("household", "household_visit"))
    return len(households), len(visits)


def _patrol_tickets(conn: Connection, since: datetime, now: datetime) -> dict:
    """Grid-patrol tickets by (grid, month), oldest first: the ones a visit found."""
    out: dict[tuple[int, date], list[tuple[int, datetime]]] = {}
    for tid, grid_id, created in conn.execute(
        select(Ticket.id, Ticket.grid_id, Ticket.created_at)
        .where(
            Ticket.source == TicketSource.GRID_PATROL,
            Ticket.grid_id.is_not(None),
            Ticket.created_at >= since,
            Ticket.created_at <= now,
        )
        .order_by(Ticket.created_at, Ticket.id)
    ):
        out.setdefault((grid_id, created.date().replace(day=1)), []).append((tid, created))
    return out


def _set_last_visits(conn: Connection, last_visit: dict[int, date]) -> None:
    if not last_visit:
        return
    conn.execute(
        text("UPDATE household SET last_visited_on = :day WHERE id = :hid"),
        [{"hid": hid, "day": day} for hid, day in last_visit.items()],
    )
