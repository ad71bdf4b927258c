"""What the desk proposes to the operator: where to dispatch a ticket, and which grid an address
lies in.

Dispatch suggestions come from history: the departments that led and assisted on the most
recent tickets of the same category (weighted towards the same grid), because that is how the
centre actually works; a category with no history yet falls back to the departments
core/categories.py names for it. The operator always decides; these only pre-fill the form.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from gridcenter_desktop.core.categories import CATEGORY_BY_CODE
from gridcenter_desktop.core.enums import AreaLevel, AssignmentRole, AssignmentStatus
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.ticket import Assignment, Ticket

# How many recent tickets of the category the history looks at: enough to be representative,
# small enough to stay a few milliseconds at a million tickets (uses ix_ticket_category_created).
HISTORY_TICKETS = 400
# A ticket of the same grid counts this many times: local habits (which committee, which
# police station) matter.
SAME_GRID_WEIGHT = 3
MAX_ASSISTING = 3
# An assisting department is suggested when it helped on at least this share of the tickets.
ASSIST_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class DepartmentChoice:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class DispatchSuggestion:
    """Pre-filled choices for the dispatch form.

    ``to_grid`` means "solve it in the grid" (小事不出网格) is what was usually done;
    ``basis`` is "history" (with ``sample_size`` similar tickets), "category" (core/categories
    defaults) or "none".
    """

    grid_id: int | None
    grid_name: str | None
    village_name: str | None
    to_grid: bool
    lead: DepartmentChoice | None
    assisting: tuple[DepartmentChoice, ...]
    basis: str
    sample_size: int


@dataclass(frozen=True, slots=True)
class GridChoice:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class VillageChoice:
    """A village or community with its grids, for the register dialog's pickers."""

    id: int
    name: str
    level: AreaLevel
    grids: tuple[GridChoice, ...]


@dataclass(frozen=True, slots=True)
class AddressGuess:
    """Where an address probably lies. ``reason``: "grid_name" (the address names the grid),
    "village_group" (earlier tickets at that village group were in this grid), "only_grid" (the
    village has one grid) or "village"
    (only the village is known; the operator picks the grid)."""

    village_id: int
    grid_id: int | None
    reason: str


def active_departments(
    session: Session, *, dispatchable_only: bool = True
) -> list[DepartmentChoice]:
    """Every department tickets may be sent to (active and dispatchable), by name, for the
    dispatch form's pickers; ``dispatchable_only=False`` adds the active units on record that
    are not sent tickets (the users dialog: someone may work for one). Retired departments
    are never offered."""
    query = (
        select(Department.id, Department.code, Department.name)
        .where(Department.active.is_(True))
        .order_by(Department.name)
    )
    if dispatchable_only:
        query = query.where(Department.dispatchable.is_(True))
    rows = session.execute(query)
    return [DepartmentChoice(r.id, r.code, r.name) for r in rows]


def _grid_names(session: Session, grid_id: int | None) -> tuple[str | None, str | None]:
    if grid_id is None:
        return None, None
    village = aliased(Area)
    row = session.execute(
        select(Area.name, village.name)
        .outerjoin(village, village.id == Area.parent_id)
        .where(Area.id == grid_id)
    ).first()
    return (row[0], row[1]) if row else (None, None)


def suggest_dispatch(session: Session, category: str, grid_id: int | None) -> DispatchSuggestion:
    """Where tickets like this one (same category, preferably same grid) were sent lately.

    The lead is the department (or the grid) that led most often among the last
    ``HISTORY_TICKETS`` dispatched tickets of the category; assisting departments are those
    that assisted on at least ``ASSIST_SHARE`` of them. Without history, the category's own
    department list: its first department leads, the others assist; a category that names no
    department goes to the grid.
    """
    grid_name, village_name = _grid_names(session, grid_id)
    recent = (
        select(Ticket.id, Ticket.grid_id)
        .where(Ticket.category == category, Ticket.dispatched_at.is_not(None))
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .limit(HISTORY_TICKETS)
        .subquery()
    )
    rows = session.execute(
        select(
            recent.c.id,
            recent.c.grid_id,
            Assignment.role,
            Assignment.department_id,
            Assignment.grid_id.label("assigned_grid"),
        )
        .join(Assignment, Assignment.ticket_id == recent.c.id)
        .where(Assignment.status != AssignmentStatus.CANCELLED)
    ).all()

    lead_votes: Counter[int | None] = Counter()  # None = dispatched to the grid
    assist_votes: Counter[int] = Counter()
    weights: dict[int, int] = {}
    for r in rows:
        w = SAME_GRID_WEIGHT if grid_id is not None and r.grid_id == grid_id else 1
        weights[r.id] = w
        if r.role == AssignmentRole.LEAD:
            lead_votes[r.department_id if r.department_id is not None else None] += w
        elif r.department_id is not None:
            assist_votes[r.department_id] += w

    departments = {d.id: d for d in active_departments(session)}
    if lead_votes:
        total = sum(weights.values())
        lead_id, _ = max(lead_votes.items(), key=lambda kv: (kv[1], kv[0] is None))
        to_grid = lead_id is None
        lead = None if to_grid else departments.get(lead_id)
        assisting = tuple(
            departments[dep_id]
            for dep_id, votes in assist_votes.most_common()
            if dep_id in departments and dep_id != lead_id and votes >= ASSIST_SHARE * total
        )[:MAX_ASSISTING]
        if to_grid or lead is not None:
            return DispatchSuggestion(
                grid_id,
                grid_name,
                village_name,
                to_grid,
                None if to_grid else lead,
                () if to_grid else assisting,
                "history",
                len(weights),
            )

    by_code = {d.code: d for d in departments.values()}
    cat = CATEGORY_BY_CODE.get(category)
    defaults = [by_code[c] for c in (cat.departments if cat else ()) if c in by_code]
    if defaults:
        return DispatchSuggestion(
            grid_id,
            grid_name,
            village_name,
            False,
            defaults[0],
            tuple(defaults[1:]),
            "category",
            0,
        )
    return DispatchSuggestion(grid_id, grid_name, village_name, True, None, (), "none", 0)


def village_grids(session: Session) -> list[VillageChoice]:
    """Villages and communities in service in their display order, each with its grids in
    service (retired ones are not offered for new tickets)."""
    areas = session.execute(
        select(Area.id, Area.parent_id, Area.level, Area.name)
        .where(Area.retired_at.is_(None))
        .order_by(Area.sort_order, Area.id)
    ).all()
    grids: dict[int, list[GridChoice]] = {}
    for a in areas:
        if a.level == AreaLevel.GRID and a.parent_id is not None:
            grids.setdefault(a.parent_id, []).append(GridChoice(a.id, a.name))
    return [
        VillageChoice(a.id, a.name, AreaLevel(a.level), tuple(grids.get(a.id, ())))
        for a in areas
        if a.level in (AreaLevel.VILLAGE, AreaLevel.COMMUNITY)
    ]


def active_grids(session: Session) -> list[GridChoice]:
    """The grids in service, village by village in display order: what pickers offer (a grid
    under a retired village or community is left out with it)."""
    return [grid for village in village_grids(session) for grid in village.grids]


_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_GRID_ORDINAL = re.compile(r"第?([0-9]{1,2}|[一二三四五六七八九十]{1,2})网格")
# A door or building inside the town: "香雪路7号", "福溪花园5幢", "迂里新村219号" (read after the
# town's name, so the city, district and town never become part of it).
_DOOR = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:路|街|大街|大道|巷|弄|新村|自然村|花园|小区|家园|苑)[0-9]{1,4}(?:号|幢|栋)"
)
_VILLAGE_GROUP = re.compile(r"([0-9]{1,2}|[一二三四五六七八九十]{1,2})组")


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_DIGITS.get(text)
    if text[0] == "十":  # 十一 .. 十九
        return 10 + _CN_DIGITS.get(text[1], 0)
    if text[1] == "十":  # 二十
        return _CN_DIGITS.get(text[0], 0) * 10
    return None


def _group_vote(
    session: Session, village: VillageChoice, key: str, votes: dict[str, int | None] | None
) -> int | None:
    """The grid most earlier tickets at this village group were registered in, or None."""
    if votes is not None and key in votes:
        return votes[key]
    grid_ids = [g.id for g in village.grids]
    found = session.execute(
        select(Ticket.grid_id)
        .where(Ticket.grid_id.in_(grid_ids), Ticket.address.like(f"%{key}%"))
        .order_by(Ticket.created_at.desc())
        .limit(50)
    ).scalars()
    counted = Counter(found)
    voted = counted.most_common(1)[0][0] if counted else None
    if votes is not None:
        votes[key] = voted
    return voted


# How far back an import's door table looks in each village (the newest tickets): enough for
# years of a town's work, bounded for a million-ticket database.
_DOOR_HISTORY = 50_000


def _door_key(address: str, village: VillageChoice) -> str | None:
    """The door or building an address names after the town and the village, if any."""
    rest = address.rpartition("镇")[2]
    door = _DOOR.search(rest.partition(village.name)[2] or rest)
    return door.group(0) if door is not None else None


def _door_vote(
    session: Session,
    village: VillageChoice,
    key: str,
    doors: dict[int, dict[str, int]] | None,
) -> int | None:
    """The grid most earlier tickets at this door of the village were registered in, or None.
    With ``doors`` (an import), the village's doors are read once into it, so a sheet of
    thousands of different doors costs one query per village, not one per row."""
    grid_ids = [g.id for g in village.grids]
    if doors is None:
        # One guess (the register form): the newest tickets whose address holds the door,
        # counted only when their door is this one (香雪路7号 is not 新香雪路7号), as an
        # import's door table counts them.
        found = session.execute(
            select(Ticket.address, Ticket.grid_id)
            .where(Ticket.grid_id.in_(grid_ids), Ticket.address.like(f"%{key}%"))
            .order_by(Ticket.created_at.desc())
            .limit(50)
        )
        counted = Counter(g for a, g in found if _door_key(a or "", village) == key)
        return counted.most_common(1)[0][0] if counted else None
    table = doors.get(village.id)
    if table is None:
        counted: dict[str, Counter] = {}
        rows = session.execute(
            select(Ticket.address, Ticket.grid_id)
            .where(Ticket.grid_id.in_(grid_ids))
            .order_by(Ticket.created_at.desc())
            .limit(_DOOR_HISTORY)
        )
        for address, grid_id in rows:
            door = _door_key(address or "", village)
            if door is not None:
                counted.setdefault(door, Counter())[grid_id] += 1
        table = {door: c.most_common(1)[0][0] for door, c in counted.items()}
        doors[village.id] = table
    return table.get(key)


def _grid_ordinal(name: str) -> int | None:
    m = _GRID_ORDINAL.search(name)
    return _number(m.group(1)) if m else None


def guess_grid(
    session: Session,
    address: str,
    *,
    villages: list[VillageChoice] | None = None,
    votes: dict[str, int | None] | None = None,
    doors: dict[int, dict[str, int]] | None = None,
) -> AddressGuess | None:
    """The village (and when possible the grid) an address names.

    The village is the longest village/community name in the address (a short name such as
    "迂里" is accepted too). The grid is found when the address names it ("迂里村第三网格",
    "3网格"), or, for a village group ("迂里村3组") or a door ("香雪路7号", "福溪花园5幢"), from
    where earlier tickets at that same village group or door were located: the grid most of
    them were registered in. Otherwise only the village is returned and the operator chooses
    the grid. None when no village is named.

    An import guesses thousands of addresses: it passes ``villages`` (read once) and a
    ``votes`` dict that remembers each village group's answer and a ``doors`` dict that holds
    each village's doors once read, so neither the area tree nor the same village group nor
    the same village's doors are queried again.
    """
    text = address.strip()
    if not text:
        return None
    best: tuple[int, VillageChoice] | None = None
    for v in villages if villages is not None else village_grids(session):
        short = v.name.removesuffix("社区").removesuffix("村")
        for name in (v.name, short):
            if len(name) >= 2 and name in text and (best is None or len(name) > best[0]):
                best = (len(name), v)
    if best is None:
        return None
    village = best[1]
    for g in village.grids:
        if g.name in text:
            return AddressGuess(village.id, g.id, "grid_name")
    ordinal = _grid_ordinal(text)
    if ordinal is not None:
        for g in village.grids:
            if _grid_ordinal(g.name) == ordinal:
                return AddressGuess(village.id, g.id, "grid_name")
    group = _VILLAGE_GROUP.search(text)
    if group is not None and village.grids:
        prefix = text[: group.end()]
        at = prefix.find(village.name)
        key = prefix[at:] if at >= 0 else prefix
        voted = _group_vote(session, village, key, votes)
        if voted is not None:
            return AddressGuess(village.id, voted, "village_group")
    # The same door or building as earlier tickets of this village: where an operator placed
    # those is where this one belongs (a whole street may cross grids, one number does not).
    door = _door_key(text, village)
    if door is not None and village.grids:
        voted = _door_vote(session, village, door, doors)
        if voted is not None:
            return AddressGuess(village.id, voted, "same_door")
    if len(village.grids) == 1:
        return AddressGuess(village.id, village.grids[0].id, "only_grid")
    return AddressGuess(village.id, None, "village")
