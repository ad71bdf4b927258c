"""Administering the area tree: create, rename, re-code, move, merge, retire and restore the
town's villages, communities, grids and micro grids.

An area is never deleted: tickets keep pointing at the grid they were located in, so a grid
that stops serving is *retired* (hidden from pickers, still counted in the statistics of the
periods it served). Merging two grids moves the source's open tickets and current team to the
target and retires the source with ``merged_into_id`` naming the target.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.area_codes import code_problem
from gridcenter_desktop.core.enums import (
    OPEN_STATUSES,
    AreaLevel,
    AssignmentStatus,
    AuditAction,
    MemberRole,
)
from gridcenter_desktop.core.validation import is_possible_id
from gridcenter_desktop.db.area import Area, GridMember
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import KEEP, require_admin, transaction
from gridcenter_desktop.services.admin.area_checks import (
    SINGLE_ROLES,
    TEAM_LEVELS,
    active_children,
    area_by_id,
    check_code_shape,
    check_place,
    checked_code,
    checked_code_system,
    checked_name,
    checked_sort_order,
    current_members,
    flush_code,
    is_below,
    last_day_before,
    next_sort_order,
    parent_area,
    subtree_ids,
)
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import local_now

# Assignments still waiting on someone: they follow an open ticket to the grid that takes over.
_OPEN_ASSIGNMENTS = (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED)


@dataclass(frozen=True, slots=True)
class AreaRecord:
    id: int
    parent_id: int | None
    level: AreaLevel
    name: str
    code: str | None
    code_system: str | None
    sort_order: int
    retired_at: datetime | None
    merged_into_id: int | None

    @property
    def retired(self) -> bool:
        return self.retired_at is not None


@dataclass(frozen=True, slots=True)
class GridMerge:
    """What a merge did: the retired source, the target, and what moved between them."""

    source: AreaRecord
    target: AreaRecord
    tickets_moved: int
    members_moved: int


def record_of(area: Area) -> AreaRecord:
    return AreaRecord(
        id=area.id,
        parent_id=area.parent_id,
        level=AreaLevel(area.level),
        name=area.name,
        code=area.code,
        code_system=area.code_system,
        sort_order=area.sort_order or 0,
        retired_at=area.retired_at,
        merged_into_id=area.merged_into_id,
    )


def list_areas(session: Session, *, include_retired: bool = True) -> list[AreaRecord]:
    """Every area in tree order: each parent before its children, siblings by sort order.
    Without ``include_retired`` a retired area and everything under it are left out."""
    records = [record_of(a) for a in session.scalars(select(Area))]
    children: dict[int | None, list[AreaRecord]] = defaultdict(list)
    for record in records:
        children[record.parent_id].append(record)
    for items in children.values():
        items.sort(key=lambda r: (r.sort_order, r.id))
    ordered: list[AreaRecord] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        record = stack.pop()
        if record.retired and not include_retired:
            continue
        ordered.append(record)
        stack.extend(reversed(children.get(record.id, [])))
    return ordered


def create_area(
    session: Session,
    actor: Actor,
    *,
    parent_id: int | None,
    level: AreaLevel,
    name: str,
    code: str | None = None,
    code_system: str | None = None,
    sort_order: int | None = None,
    commit: bool = True,
) -> AreaRecord:
    """A new area under ``parent_id`` (None only for the town itself). Refused: a level that
    may not sit under the parent (a grid directly under the town), a retired parent, a second
    town, a name another active sibling has, a code of the wrong shape or already in use."""
    require_admin(actor)
    try:
        level = AreaLevel(level)
    except ValueError:
        raise ValidationError("level", "invalid") from None
    with transaction(session, commit):
        parent = parent_area(session, parent_id)
        check_place(session, level, parent, moving=None)
        name = checked_name(session, name, parent_id, own_id=None)
        code = checked_code(session, code, level, parent.code if parent else None, own_id=None)
        area = Area(
            parent_id=parent_id,
            level=level,
            name=name,
            code=code,
            code_system=checked_code_system(code_system) if code else None,
            sort_order=checked_sort_order(sort_order)
            if sort_order is not None
            else next_sort_order(session, parent_id),
        )
        session.add(area)
        flush_code(session)
        _audit(session, actor, area, "create", None, _snapshot(session, area))
        return record_of(area)


def update_area(
    session: Session,
    actor: Actor,
    area_id: int,
    *,
    name: str | None = None,
    code: Any = KEEP,
    code_system: Any = KEEP,
    sort_order: int | None = None,
    commit: bool = True,
) -> AreaRecord:
    """Rename an area, change or clear (None) its code and code system, or its place among
    its siblings. A new code must fit the parent's and keep fitting the children's codes."""
    require_admin(actor)
    with transaction(session, commit):
        area = area_by_id(session, area_id)
        before = _snapshot(session, area)
        level = AreaLevel(area.level)
        if name is not None:
            area.name = checked_name(session, name, area.parent_id, own_id=area.id)
        if code is not KEEP:
            parent_code = area.parent.code if area.parent is not None else None
            new_code = checked_code(session, code, level, parent_code, own_id=area.id)
            if new_code != area.code:
                for child in area.children:
                    if child.code and code_problem(child.code, child.level, new_code):
                        raise ValidationError("area_code", "children_outside")
            area.code = new_code
        if code_system is not KEEP:
            area.code_system = checked_code_system(code_system)
        if area.code is None:
            area.code_system = None
        if sort_order is not None:
            area.sort_order = checked_sort_order(sort_order)
        flush_code(session)
        after = _snapshot(session, area)
        if after != before:
            _audit(session, actor, area, "update", before, after)
        return record_of(area)


def move_area(
    session: Session, actor: Actor, area_id: int, new_parent_id: int | None, *, commit: bool = True
) -> AreaRecord:
    """Put an area (with its subtree, open tickets and team) under another parent, last among
    its new siblings. Refused: under itself or one of its own descendants, under a level it may
    not sit under, under a retired area, next to an active sibling of the same name, or when
    its code does not fit the new parent's."""
    require_admin(actor)
    with transaction(session, commit):
        area = area_by_id(session, area_id)
        if area.parent_id == new_parent_id:
            return record_of(area)
        parent = parent_area(session, new_parent_id)
        if parent is not None and (parent.id == area.id or is_below(session, parent, area.id)):
            raise ValidationError("parent_id", "inside_itself")
        level = AreaLevel(area.level)
        check_place(session, level, parent, moving=area)
        checked_name(session, area.name, new_parent_id, own_id=area.id)
        if area.code:
            check_code_shape(area.code, level, parent.code if parent else None)
        before = _snapshot(session, area)
        area.parent_id = new_parent_id
        area.sort_order = next_sort_order(session, new_parent_id)
        session.flush()
        session.expire(area, ["parent"])
        _audit(session, actor, area, "move", before, _snapshot(session, area))
        return record_of(area)


def merge_grids(
    session: Session,
    actor: Actor,
    source_id: int,
    target_id: int,
    *,
    now: datetime | None = None,
    commit: bool = True,
) -> GridMerge:
    """Merge grid ``source_id`` into ``target_id``: the source's open tickets (and their
    pending assignments to the grid) and its current team move to the target, and the source is
    retired with ``merged_into_id``. Closed tickets stay with the source, so its history and
    its statistics for the periods it served are kept. Refused when the target already has a
    current leader or full-time worker and the source brings another one (the administrator
    decides who stays first) or when the source still has active micro grids."""
    require_admin(actor)
    now = now or local_now()
    with transaction(session, commit):
        source = area_by_id(session, source_id)
        target = session.get(Area, target_id) if is_possible_id(target_id) else None
        if target is None:
            raise ValidationError("merge_target", "unknown")
        if source.id == target.id:
            raise ValidationError("merge_target", "same_area")
        if AreaLevel(source.level) not in TEAM_LEVELS:
            raise ValidationError("area_id", "not_grid")
        if target.level != source.level:
            raise ValidationError("merge_target", "not_grid")
        if source.retired_at is not None:
            raise ValidationError("area_id", "inactive")
        if target.retired_at is not None:
            raise ValidationError("merge_target", "inactive")
        if active_children(session, source.id):
            raise ValidationError("area_id", "has_children")
        before = _snapshot(session, source)
        moving = current_members(session, source.id)
        staying = current_members(session, target.id)
        for member in moving:
            holder = next((m for m in staying if m.role == member.role), None)
            if member.role in SINGLE_ROLES and holder and holder.person_id != member.person_id:
                if member.role == MemberRole.LEADER:
                    raise ValidationError("merge_target", "leader_taken")
                raise ValidationError("merge_target", "worker_taken")
        on = now.date()
        already = {(m.person_id, MemberRole(m.role)) for m in staying}
        for member in moving:
            member.until = last_day_before(on, member.since)
            if (member.person_id, MemberRole(member.role)) not in already:
                session.add(
                    GridMember(
                        area_id=target.id, person_id=member.person_id, role=member.role, since=on
                    )
                )
        tickets = session.scalars(
            select(Ticket).where(Ticket.grid_id == source.id, Ticket.status.in_(OPEN_STATUSES))
        ).all()
        for ticket in tickets:
            ticket.grid_id = target.id
        assignments = session.scalars(
            select(Assignment).where(
                Assignment.grid_id == source.id, Assignment.status.in_(_OPEN_ASSIGNMENTS)
            )
        ).all()
        for assignment in assignments:
            assignment.grid_id = target.id
        source.retired_at = now
        source.merged_into_id = target.id
        session.flush()
        after = _snapshot(session, source) | {
            "tickets_moved": sorted(t.code for t in tickets),
            "members_moved": sorted(m.person.name for m in moving),
        }
        _audit(session, actor, source, "merge", before, after)
        return GridMerge(record_of(source), record_of(target), len(tickets), len(moving))


def retire_area(
    session: Session,
    actor: Actor,
    area_id: int,
    *,
    now: datetime | None = None,
    commit: bool = True,
) -> AreaRecord:
    """Retire an area that no longer serves: hidden from pickers, its tickets and its team's
    past kept. Its current team's service ends today. Refused while it has active children or
    open tickets (or open assignments) in its subtree: move them first, or merge the grid."""
    require_admin(actor)
    now = now or local_now()
    with transaction(session, commit):
        area = area_by_id(session, area_id)
        if area.retired_at is not None:
            raise ValidationError("area_id", "inactive")
        if active_children(session, area.id):
            raise ValidationError("area_id", "has_children")
        subtree = subtree_ids(session, area.id)
        open_tickets = session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.grid_id.in_(subtree), Ticket.status.in_(OPEN_STATUSES))
        )
        open_assignments = session.scalar(
            select(func.count())
            .select_from(Assignment)
            .where(Assignment.grid_id.in_(subtree), Assignment.status.in_(_OPEN_ASSIGNMENTS))
        )
        if open_tickets or open_assignments:
            raise ValidationError("area_id", "open_tickets")
        before = _snapshot(session, area)
        ended = current_members(session, area.id)
        for member in ended:
            member.until = max(now.date(), member.since) if member.since else now.date()
        area.retired_at = now
        session.flush()
        after = _snapshot(session, area) | {"members_ended": sorted(m.person.name for m in ended)}
        _audit(session, actor, area, "retire", before, after)
        return record_of(area)


def restore_area(
    session: Session, actor: Actor, area_id: int, *, commit: bool = True
) -> AreaRecord:
    """Bring a retired area back into service (its team is added again by hand). Refused
    under a retired parent or when an active sibling has taken its name meanwhile."""
    require_admin(actor)
    with transaction(session, commit):
        area = area_by_id(session, area_id)
        if area.retired_at is None:
            raise ValidationError("area_id", "not_retired")
        parent = area.parent
        if parent is not None and parent.retired_at is not None:
            raise ValidationError("parent_id", "inactive")
        if parent is None:
            check_place(session, AreaLevel(area.level), None, moving=area)
        checked_name(session, area.name, area.parent_id, own_id=area.id)
        before = _snapshot(session, area)
        area.retired_at = None
        area.merged_into_id = None
        session.flush()
        _audit(session, actor, area, "restore", before, _snapshot(session, area))
        return record_of(area)


# -- audit ----------------------------------------------------------------------------------------


def _snapshot(session: Session, area: Area) -> dict[str, Any]:
    parent = session.get(Area, area.parent_id) if area.parent_id is not None else None
    merged = session.get(Area, area.merged_into_id) if area.merged_into_id is not None else None
    return {
        "level": AreaLevel(area.level).value,
        "name": area.name,
        "parent": parent.name if parent is not None else None,
        "parent_id": area.parent_id,
        "code": area.code,
        "code_system": area.code_system,
        "sort_order": area.sort_order,
        "retired_at": area.retired_at.isoformat(sep=" ") if area.retired_at else None,
        "merged_into": merged.name if merged is not None else None,
    }


def _audit(session, actor, area: Area, change: str, before, after) -> None:
    audit.record(
        session,
        actor,
        AuditAction.AREA_CHANGE,
        target=f"area {area.name}",
        detail={"change": change, "before": before, "after": after},
    )
