"""The checks and tree walks behind services/admin/areas.py: where an area may sit, whether
its name and code are acceptable, what lies under it. Each check raises the ValidationError the
area services document."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gridcenter_desktop.core.area_codes import code_problem, may_sit_under, normalize_code
from gridcenter_desktop.core.enums import AreaLevel, MemberRole
from gridcenter_desktop.core.validation import ID_MAX, NAME_MAX, is_possible_id
from gridcenter_desktop.db.area import Area, GridMember
from gridcenter_desktop.services.errors import NotFoundError, ValidationError
from gridcenter_desktop.services.tickets.common import text_input

CODE_SYSTEM_MAX = 32
# Members serve grids and micro grids (never a village or the town as a whole); only these
# can be merged into one another.
TEAM_LEVELS = frozenset({AreaLevel.GRID, AreaLevel.MICRO_GRID})
# Roles a grid has at most one of at a time ("1+1": one leader, one full-time worker).
SINGLE_ROLES = frozenset({MemberRole.LEADER, MemberRole.WORKER})


def area_by_id(session: Session, area_id: int) -> Area:
    area = session.get(Area, area_id) if is_possible_id(area_id) else None
    if area is None:
        raise NotFoundError("area", area_id)
    return area


def parent_area(session: Session, parent_id: int | None) -> Area | None:
    if parent_id is None:
        return None
    parent = session.get(Area, parent_id) if is_possible_id(parent_id) else None
    if parent is None:
        raise ValidationError("parent_id", "unknown")
    if parent.retired_at is not None:
        raise ValidationError("parent_id", "inactive")
    return parent


def check_place(session: Session, level: AreaLevel, parent: Area | None, moving: Area | None):
    """The level may sit under the parent; a root is the one town."""
    if not may_sit_under(level, AreaLevel(parent.level) if parent is not None else None):
        if parent is None:
            raise ValidationError("parent_id", "required")
        raise ValidationError("parent_id", "wrong_level")
    if parent is None:
        others = (
            select(func.count())
            .select_from(Area)
            .where(Area.parent_id.is_(None), Area.retired_at.is_(None))
        )
        if moving is not None:
            others = others.where(Area.id != moving.id)
        if session.scalar(others):
            raise ValidationError("parent_id", "town_exists")


def checked_name(session: Session, name: str, parent_id: int | None, own_id: int | None) -> str:
    name = text_input("area_name", name, required=True, max_length=NAME_MAX)
    siblings = select(Area.id).where(
        Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id,
        Area.name == name,
        Area.retired_at.is_(None),
    )
    if own_id is not None:
        siblings = siblings.where(Area.id != own_id)
    if session.scalar(siblings.limit(1)) is not None:
        raise ValidationError("area_name", "duplicate")
    return name


def checked_code(
    session: Session, code: str | None, level: AreaLevel, parent_code: str | None, own_id
) -> str | None:
    """The code as stored (None when empty); refused when its shape is wrong for the level
    and parent, or another area (retired ones too: the unique index covers them) has it."""
    if code is not None and not isinstance(code, str):
        code = str(code)
    code = normalize_code(code)
    if code is None:
        return None
    check_code_shape(code, level, parent_code)
    taken = select(Area.id).where(Area.code == code)
    if own_id is not None:
        taken = taken.where(Area.id != own_id)
    if session.scalar(taken.limit(1)) is not None:
        raise ValidationError("area_code", "duplicate")
    return code


def check_code_shape(code: str, level: AreaLevel, parent_code: str | None) -> None:
    problem = code_problem(code, level, parent_code)
    if problem is not None:
        raise ValidationError("area_code", problem.value)


def checked_code_system(code_system: str | None) -> str | None:
    return (
        text_input("code_system", code_system, required=False, max_length=CODE_SYSTEM_MAX) or None
    )


def checked_sort_order(sort_order: object) -> int:
    if not isinstance(sort_order, int) or isinstance(sort_order, bool):
        raise ValidationError("sort_order", "invalid")
    if not 0 <= sort_order <= ID_MAX:
        raise ValidationError("sort_order", "range")
    return sort_order


def next_sort_order(session: Session, parent_id: int | None) -> int:
    highest = session.scalar(
        select(func.max(Area.sort_order)).where(
            Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id
        )
    )
    return 0 if highest is None else highest + 1


def children_by_parent(session: Session) -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for area_id, parent_id in session.execute(select(Area.id, Area.parent_id)):
        children[parent_id].append(area_id)
    return children


def subtree_ids(session: Session, area_id: int) -> list[int]:
    """``area_id`` and every area below it, retired or not."""
    children = children_by_parent(session)
    found, stack = [], [area_id]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, ()))
    return found


def is_below(session: Session, candidate: Area, ancestor_id: int) -> bool:
    return candidate.id in subtree_ids(session, ancestor_id)


def active_children(session: Session, area_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Area)
            .where(Area.parent_id == area_id, Area.retired_at.is_(None))
        )
        or 0
    )


def current_members(session: Session, area_id: int) -> list[GridMember]:
    return list(
        session.scalars(
            select(GridMember)
            .where(GridMember.area_id == area_id, GridMember.until.is_(None))
            .order_by(GridMember.id)
        )
    )


def last_day_before(on: date, since: date | None) -> date:
    """The last day of a period ending because another starts ``on`` (never before its own
    first day: a period begun that same day ends that day)."""
    last = on - timedelta(days=1)
    return max(last, since) if since is not None else last


def flush_code(session: Session) -> None:
    """Flush the area just added or changed. A code another desk took between the check and
    now is refused by the unique index; it reads as the same clear refusal."""
    try:
        session.flush()
    except IntegrityError as exc:
        if "code" not in str(exc.orig):
            raise
        raise ValidationError("area_code", "duplicate") from None
