"""特殊群体: the special groups' register of each grid (add, edit, strike off, search).

Sensitive groups (社区矫正 ...) exist only for supervisors and administrators: for anyone else
they are neither listed nor counted nor found by id (services/registers/common.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import RegisterKind, SpecialGroupKind, UserRole
from gridcenter_desktop.core.permissions import (
    ReporterSearch,
    may_see_special_group,
    reporter_search,
)
from gridcenter_desktop.core.validation import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    check_phone,
    normalize_phone,
)
from gridcenter_desktop.db.area import Area, Person
from gridcenter_desktop.db.gridwork import SpecialGroupMember
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import NotFoundError, PermissionDeniedError, ValidationError
from gridcenter_desktop.services.registers.common import (
    RegisterMask,
    RegisterPage,
    add_row,
    edit_row,
    grid_of,
    keep_personal,
    names_by_id,
    page_limits,
    retire_row,
    worker_exists,
)
from gridcenter_desktop.services.registers.query import RegisterQuery, RowState
from gridcenter_desktop.services.tickets.common import text_input

_ID_NUMBER = re.compile(r"\d{15}|\d{17}[\dX]")
FIELDS = (
    "grid_id",
    "kind",
    "name",
    "id_number",
    "phone",
    "address",
    "guardian",
    "guardian_phone",
    "care_note",
    "worker_id",
    "registered_on",
    "last_visited_on",
)


@dataclass(frozen=True, slots=True)
class SpecialGroupForm:
    """A special group member as typed (add and edit)."""

    grid_id: int | None
    kind: SpecialGroupKind
    name: str
    id_number: str | None = None
    phone: str | None = None
    address: str = ""
    guardian: str | None = None
    guardian_phone: str | None = None
    care_note: str = ""
    worker_id: int | None = None
    registered_on: date | None = None
    last_visited_on: date | None = None


@dataclass(frozen=True, slots=True)
class SpecialGroupRow:
    """A special group member as the actor may see it (personal fields masked by role)."""

    id: int
    grid_id: int
    grid_name: str
    kind: SpecialGroupKind
    name: str
    id_number: str
    phone: str
    address: str
    guardian: str
    guardian_phone: str
    care_note: str
    worker_id: int | None
    worker_name: str
    registered_on: date | None
    last_visited_on: date | None
    retired: bool
    version: int
    masked: bool


def visible_kinds(role: UserRole) -> list[SpecialGroupKind]:
    """The groups ``role`` may know of, in the enum's order."""
    return [k for k in SpecialGroupKind if may_see_special_group(role, k)]


def clean_form(session: Session, form: SpecialGroupForm) -> dict[str, object]:
    """The form's values as stored; ValidationError naming the first field at fault."""
    grid_of(session, form.grid_id)
    try:
        kind = SpecialGroupKind(form.kind)
    except ValueError:
        raise ValidationError("kind", "invalid") from None
    id_number = (form.id_number or "").strip().upper() or None
    if id_number is not None and not _ID_NUMBER.fullmatch(id_number):
        raise ValidationError("id_number", "id_number")
    if check_phone(form.phone):
        raise ValidationError("phone", "phone")
    if check_phone(form.guardian_phone):
        raise ValidationError("guardian_phone", "phone")
    worker_exists(session, form.worker_id)
    return {
        "grid_id": form.grid_id,
        "kind": kind,
        "name": text_input("member_name", form.name, required=True, max_length=NAME_MAX),
        "id_number": id_number,
        "phone": normalize_phone(form.phone),
        "address": text_input("address", form.address, required=False, max_length=ADDRESS_MAX),
        "guardian": text_input("guardian", form.guardian, required=False, max_length=NAME_MAX)
        or None,
        "guardian_phone": normalize_phone(form.guardian_phone),
        "care_note": text_input(
            "care_note", form.care_note, required=False, max_length=DESCRIPTION_MAX
        ),
        "worker_id": form.worker_id,
        "registered_on": form.registered_on,
        "last_visited_on": form.last_visited_on,
    }


def _may_hold(actor: Actor, kind: SpecialGroupKind) -> None:
    if not may_see_special_group(actor.role, kind):
        raise PermissionDeniedError("see_special_group", actor.role)


def _held(actor: Actor, values: dict[str, object]) -> dict[str, object]:
    """``values`` (cleaned), when ``actor`` may hold a member of their group."""
    _may_hold(actor, values["kind"])  # type: ignore[arg-type]
    return values


def add_special_group(
    session: Session, actor: Actor, form: SpecialGroupForm, now: datetime | None = None
) -> int:
    """Register a member of a special group; one audited commit; returns the row's id
    (common.add_row; PermissionDeniedError for a group ``actor`` may not know of)."""
    return add_row(
        session,
        actor,
        SpecialGroupMember,
        RegisterKind.SPECIAL_GROUP,
        FIELDS,
        lambda: _held(actor, clean_form(session, form)),
        now,
    )


def visible_member(session: Session, actor: Actor, member_id: int) -> SpecialGroupMember:
    """The member ``member_id``; NotFoundError also when ``actor`` may not know of its group."""
    row = session.get(SpecialGroupMember, member_id)
    if row is None or not may_see_special_group(actor.role, row.kind):
        raise NotFoundError("special_group_member", member_id)
    return row


def edit_special_group(
    session: Session,
    actor: Actor,
    member_id: int,
    version: int,
    form: SpecialGroupForm,
    now: datetime | None = None,
) -> int:
    """Change a member's record (optimistic: ``version`` as read); returns the new version.
    Personal fields stay as stored when ``actor`` sees them masked (common.keep_personal)."""
    return edit_row(
        session,
        actor,
        RegisterKind.SPECIAL_GROUP,
        FIELDS,
        find=lambda: visible_member(session, actor, member_id),
        label=f"特殊群体 {member_id}",
        version=version,
        clean=lambda row: _held(actor, clean_form(session, keep_personal(actor, row, form))),
        now=now,
    )


def retire_special_group(
    session: Session,
    actor: Actor,
    member_id: int,
    version: int,
    reason: str,
    now: datetime | None = None,
) -> None:
    """Strike a member off (注销: moved away, died, care ended), with the reason audited."""
    retire_row(
        session,
        actor,
        RegisterKind.SPECIAL_GROUP,
        find=lambda: visible_member(session, actor, member_id),
        label=f"特殊群体 {member_id}",
        version=version,
        reason=reason,
        retired=ValidationError("member_id", "retired"),
        now=now,
    )


def _conditions(actor: Actor, query: RegisterQuery) -> list:
    kinds = visible_kinds(actor.role)
    conditions = [SpecialGroupMember.kind.in_(kinds)]
    if query.kind:
        conditions.append(SpecialGroupMember.kind == SpecialGroupKind(query.kind))
    if query.grid_id is not None:
        conditions.append(SpecialGroupMember.grid_id == query.grid_id)
    state = RowState(query.state)
    if state is RowState.ACTIVE:
        conditions.append(SpecialGroupMember.retired_at.is_(None))
    elif state is RowState.RETIRED:
        conditions.append(SpecialGroupMember.retired_at.is_not(None))
    text = query.text.strip()
    if text:
        found = [SpecialGroupMember.address.contains(text, autoescape=True)]
        how = reporter_search(actor.role)
        if how is ReporterSearch.PARTIAL:
            found.append(SpecialGroupMember.name.contains(text, autoescape=True))
        elif how is ReporterSearch.WHOLE:
            found.append(SpecialGroupMember.name == text)
        conditions.append(or_(*found))
    return conditions


def search_special_groups(
    session: Session, actor: Actor, query: RegisterQuery
) -> RegisterPage[SpecialGroupRow]:
    """A page of members matching ``query`` (grid, then name order), masked for ``actor``."""
    offset, limit = page_limits(query.offset, query.limit)
    conditions = _conditions(actor, query)
    total = session.scalar(select(func.count(SpecialGroupMember.id)).where(*conditions)) or 0
    rows = list(
        session.scalars(
            select(SpecialGroupMember)
            .join(Area, Area.id == SpecialGroupMember.grid_id)
            .where(*conditions)
            .order_by(Area.sort_order, Area.id, SpecialGroupMember.id)
            .offset(offset)
            .limit(limit)
        )
    )
    return RegisterPage([*_rows(session, actor, rows)], total)


def special_group_row(session: Session, actor: Actor, member_id: int) -> SpecialGroupRow:
    """One member as ``actor`` may see it."""
    return _rows(session, actor, [visible_member(session, actor, member_id)])[0]


def _rows(session: Session, actor: Actor, rows: list[SpecialGroupMember]) -> list[SpecialGroupRow]:
    mask = RegisterMask(actor)
    grids = names_by_id(session, Area, {r.grid_id for r in rows})
    workers = names_by_id(session, Person, {r.worker_id for r in rows if r.worker_id})
    return [
        SpecialGroupRow(
            id=r.id,
            grid_id=r.grid_id,
            grid_name=grids.get(r.grid_id, ""),
            kind=SpecialGroupKind(r.kind),
            name=mask.field("name", r.name),
            id_number=mask.field("id_number", r.id_number),
            phone=mask.field("phone", r.phone),
            address=r.address,
            guardian=mask.field("guardian", r.guardian),
            guardian_phone=mask.field("guardian_phone", r.guardian_phone),
            care_note=r.care_note,
            worker_id=r.worker_id,
            worker_name=workers.get(r.worker_id, "") if r.worker_id else "",
            registered_on=r.registered_on,
            last_visited_on=r.last_visited_on,
            retired=r.retired_at is not None,
            version=r.version,
            masked=not mask.visible,
        )
        for r in rows
    ]
