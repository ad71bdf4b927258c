"""The area tree (town → village/community → grid) as the grid-tree dock and the queue see it.

The tree is small (one town: a few dozen villages and grids), so it is read whole and walked in
Python; only the ticket counts come from a grouped query.

Retired areas (services/admin/areas.py) stay in :func:`all_areas` (their tickets keep pointing
at them, and the statistics of their periods name them) but are marked; the tree shows a retired
area only while tickets are located in it, so the operator can still find them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import DateTime, bindparam, func, literal_column, select, text
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import OPEN_STATUSES, AreaLevel
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.ticket import OPEN_STATUS_SQL, Ticket
from gridcenter_desktop.services.errors import NotFoundError


@dataclass(frozen=True, slots=True)
class AreaNode:
    """One area with its open and overdue ticket counts (its whole subtree's)."""

    id: int
    parent_id: int | None
    level: AreaLevel
    name: str
    code: str | None
    open_count: int
    overdue_count: int
    children: tuple[AreaNode, ...] = field(default=())
    # Retired (hidden from pickers); shown in the tree only while tickets are located in it.
    retired: bool = False


@dataclass(frozen=True, slots=True)
class AreaInfo:
    id: int
    parent_id: int | None
    level: AreaLevel
    name: str
    code: str | None
    sort_order: int
    retired: bool = False


def all_areas(session: Session) -> dict[int, AreaInfo]:
    """Every area by id, retired ones included (marked)."""
    rows = session.execute(
        select(
            Area.id,
            Area.parent_id,
            Area.level,
            Area.name,
            Area.code,
            Area.sort_order,
            Area.retired_at,
        )
    )
    return {
        r.id: AreaInfo(
            r.id,
            r.parent_id,
            AreaLevel(r.level),
            r.name,
            r.code,
            r.sort_order,
            r.retired_at is not None,
        )
        for r in rows
    }


def _children_of(areas: dict[int, AreaInfo]) -> dict[int | None, list[AreaInfo]]:
    children: dict[int | None, list[AreaInfo]] = defaultdict(list)
    for info in areas.values():
        children[info.parent_id].append(info)
    for items in children.values():
        items.sort(key=lambda a: (a.sort_order, a.id))
    return children


def subtree_grid_ids(session: Session, area_id: int) -> list[int]:
    """Ids of the grids in ``area_id``'s subtree (the area itself when it is a grid);
    NotFoundError for an unknown area."""
    areas = all_areas(session)
    return grids_under(areas, area_id)


def grids_under(areas: dict[int, AreaInfo], area_id: int) -> list[int]:
    """Like :func:`subtree_grid_ids` over an already-read area table."""
    if area_id not in areas:
        raise NotFoundError("area", area_id)
    children = _children_of(areas)
    found: list[int] = []
    stack = [area_id]
    while stack:
        current = stack.pop()
        if areas[current].level == AreaLevel.GRID:
            found.append(current)
        stack.extend(c.id for c in children.get(current, ()))
    return sorted(found)


def village_of(areas: dict[int, AreaInfo], grid_id: int) -> AreaInfo | None:
    """The village or community a grid belongs to (its nearest such ancestor)."""
    current = areas.get(grid_id)
    while current is not None and current.parent_id is not None:
        current = areas.get(current.parent_id)
        if current is not None and current.level in (AreaLevel.VILLAGE, AreaLevel.COMMUNITY):
            return current
    return None


def area_tree(session: Session, now: datetime | None = None) -> list[AreaNode]:
    """The roots of the area tree, each node carrying the open tickets located in its subtree
    and how many of them are overdue at ``now`` (default: the current time; a suspended ticket's
    clock is stopped, so it is not overdue, as in the queue). Merged duplicates are not open, so
    they never count."""
    now = now or china_now()
    areas = all_areas(session)
    # The open tickets (literal statuses: the partial indexes' term) in a fenced subquery
    # (OFFSET 0): grouped directly, SQLite prefers walking all of ix_ticket_grid_status in grid
    # order to avoid a sort (128 ms CPU at 1M tickets, against 39 ms this way).
    if session.get_bind().dialect.name == "sqlite":
        # Since revision 0006 SQLite would rather scan all of the covering ix_ticket_grid_facts
        # (100 ms CPU at 1M): told to read the open tickets' partial index, in SQL text, as
        # SQLAlchemy renders no index hints for SQLite.
        counts = session.execute(
            text(
                "SELECT grid_id, count(*),"
                " count(*) FILTER (WHERE deadline_at < :now AND suspended_at IS NULL)"
                " FROM (SELECT grid_id, deadline_at, suspended_at FROM ticket"
                f" INDEXED BY ix_ticket_open_deadline WHERE {OPEN_STATUS_SQL}"
                " LIMIT -1 OFFSET 0) WHERE grid_id IS NOT NULL GROUP BY grid_id"
            ).bindparams(bindparam("now", now, type_=DateTime))
        )
    else:
        open_tickets = (
            select(Ticket.grid_id, Ticket.deadline_at, Ticket.suspended_at)
            .where(
                Ticket.status.in_([literal_column(f"'{s.value}'") for s in sorted(OPEN_STATUSES)])
            )
            .offset(0)
            .subquery()
        )
        counts = session.execute(
            select(
                open_tickets.c.grid_id,
                func.count(),
                func.count().filter(
                    open_tickets.c.deadline_at < now, open_tickets.c.suspended_at.is_(None)
                ),
            )
            .where(open_tickets.c.grid_id.is_not(None))
            .group_by(open_tickets.c.grid_id)
        )
    own: dict[int, tuple[int, int]] = {gid: (n, int(late or 0)) for gid, n, late in counts}
    children = _children_of(areas)
    with_tickets = _retired_with_tickets(session, [a.id for a in areas.values() if a.retired])

    def build(info: AreaInfo) -> AreaNode | None:
        kids = tuple(
            node for node in (build(c) for c in children.get(info.id, ())) if node is not None
        )
        if info.retired and not kids and info.id not in with_tickets:
            return None
        n, late = own.get(info.id, (0, 0))
        return AreaNode(
            id=info.id,
            parent_id=info.parent_id,
            level=info.level,
            name=info.name,
            code=info.code,
            open_count=n + sum(k.open_count for k in kids),
            overdue_count=late + sum(k.overdue_count for k in kids),
            children=kids,
            retired=info.retired,
        )

    roots = (build(root) for root in children.get(None, ()))
    return [root for root in roots if root is not None]


def _retired_with_tickets(session: Session, retired_ids: list[int]) -> set[int]:
    """Which of the retired areas still have tickets located in them (any status)."""
    if not retired_ids:
        return set()
    found = session.scalars(
        select(Ticket.grid_id).where(Ticket.grid_id.in_(retired_ids)).distinct()
    )
    return set(found)
