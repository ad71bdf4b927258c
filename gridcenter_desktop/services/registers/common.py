"""What the three registers (特殊群体, 出租房屋, 安全隐患) share: who may keep and read them,
masking personal data per role, the audit of every change, grids and workers by id, paging.

Rules applied here, once for all three registers:
* keeping a register (add, edit, retire, import) is for the desk roles
  (core.permissions.may_keep_registers); a viewer reads figures and masked rows;
* personal data (names, phones, ID numbers) is masked unless
  ``may_see_personal_data(role, DataPurpose.REGISTER)`` (supervisors and administrators);
* sensitive special groups (core.permissions.SENSITIVE_GROUPS) do not exist for operators and
  viewers: not in lists, counts, exports, imports, tickets raised, nor by id (NotFoundError);
  PostgreSQL's row-level security says the same (migration 0014);
* every change writes REGISTER_CHANGE with the row's values before and after, personal
  fields masked in the audit detail (the audit trail is read by supervisors, not a copy of the
  register);
* a row is added, edited and struck off by add_row, edit_row and retire_row (the registers'
  add_X/edit_X/retire_X are thin wrappers): the keeper check, the optimistic version, the
  audit and the one commit (rolled back on any error) are written once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction, DataPurpose, RegisterKind
from gridcenter_desktop.core.permissions import may_keep_registers
from gridcenter_desktop.core.personal_data import (
    PersonalDataMask,
    mask_id_number,
    mask_name,
    mask_phone,
)
from gridcenter_desktop.core.validation import NAME_MAX
from gridcenter_desktop.db.area import Area, Person
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from gridcenter_desktop.services.tickets.common import active_grid, local_now, text_input

# Personal fields of each register and how each is masked.
NAME_FIELDS = frozenset({"name", "guardian", "landlord_name"})
PHONE_FIELDS = frozenset({"phone", "guardian_phone", "landlord_phone"})
ID_FIELDS = frozenset({"id_number"})
PERSONAL_FIELDS = NAME_FIELDS | PHONE_FIELDS | ID_FIELDS

PAGE_MAX = 1000
# A grid worker's name shown for worker_id (None when unknown).
Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class RegisterPage(Generic[Row]):
    """One page of a register's search: the rows and how many match in all."""

    rows: list[Row]
    total: int


class RegisterMask:
    """Masks a register row's personal fields for one actor (built once per result)."""

    def __init__(self, actor: Actor) -> None:
        self._mask = PersonalDataMask(actor.role, DataPurpose.REGISTER)
        self.visible = self._mask.visible

    def field(self, name: str, value: str | None) -> str:
        if self.visible:
            return value or ""
        return masked_value(name, value)


def masked_value(name: str, value: str | None) -> str:
    """``value`` of personal field ``name`` masked (any other field unchanged)."""
    if name in NAME_FIELDS:
        return mask_name(value)
    if name in PHONE_FIELDS:
        return mask_phone(value)
    if name in ID_FIELDS:
        return mask_id_number(value)
    return value or ""


def require_keeper(actor: Actor) -> None:
    """PermissionDeniedError unless ``actor`` may keep the registers."""
    if not may_keep_registers(actor.role):
        raise PermissionDeniedError("keep_registers", actor.role)


def check_version(row: Any, version: int, label: str) -> None:
    """ConflictError when someone changed ``row`` since the caller read version ``version``."""
    if row.version != version:
        raise ConflictError(label, version, row.version, None, getattr(row, "updated_at", None))


def grid_of(session: Session, grid_id: int | None) -> Area:
    """The grid ``grid_id``, in service (tickets.common.active_grid); ValidationError("grid_id",
    ...) otherwise."""
    if grid_id is None:
        raise ValidationError("grid_id", "required")
    return active_grid(session, grid_id)


def worker_exists(session: Session, worker_id: int | None) -> None:
    """ValidationError("worker_id", "unknown") for an id that is no person."""
    if worker_id is not None and session.get(Person, worker_id) is None:
        raise ValidationError("worker_id", "unknown")


def names_by_id(session: Session, model, ids: set[int]) -> dict[int, str]:
    """Names of the areas or persons ``ids`` (one query)."""
    if not ids:
        return {}
    return dict(session.execute(select(model.id, model.name).where(model.id.in_(ids))).all())


def snapshot(row: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """A row's values for the audit trail: personal fields masked, dates as text."""
    values: dict[str, Any] = {}
    for name in fields:
        value = getattr(row, name)
        if name in PERSONAL_FIELDS:
            value = masked_value(name, value)
        elif isinstance(value, (date, datetime)):
            value = value.isoformat()
        elif hasattr(value, "value"):
            value = value.value
        values[name] = value
    return values


def audit_change(
    session: Session,
    actor: Actor,
    register: RegisterKind,
    row_id: int,
    change: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    now: datetime,
) -> None:
    """REGISTER_CHANGE for ``change`` (add, edit, retire) of row ``row_id``; only the fields
    that changed are kept for an edit."""
    if before is not None and after is not None:
        keys = [k for k in after if before.get(k) != after.get(k)]
        before = {k: before.get(k) for k in keys}
        after = {k: after[k] for k in keys}
    audit.record(
        session,
        actor,
        AuditAction.REGISTER_CHANGE,
        target=f"{register.value}:{row_id}",
        detail={
            "register": register.value,
            "id": row_id,
            "change": change,
            "before": before,
            "after": after,
        },
        now=now,
    )


def get_row(session: Session, model: type[Row], row_id: int, what: str) -> Row:
    """The row ``row_id`` of ``model``; NotFoundError(``what``, ``row_id``) when there is none.
    One getter for the registers whose rows every role may know of (rentals, dangers)."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(what, row_id)
    return row


def add_row(
    session: Session,
    actor: Actor,
    model: type,
    register: RegisterKind,
    fields: tuple[str, ...],
    clean: Callable[[], Mapping[str, Any]],
    now: datetime | None,
) -> int:
    """Add a row of ``model`` from ``clean()`` (the register's cleaned form), audited as "add"
    with the row's ``fields``; one commit, rolled back on any error; returns the row's id.

    Shared so that the three registers keep one way to add a row: the keeper check comes first,
    then ``clean`` (called inside, so that its errors roll back too), then the audit with the
    row's id, all in the same commit."""
    now = now or local_now()
    try:
        require_keeper(actor)
        row = model(**clean(), created_at=now, updated_at=now, updated_by_id=actor.user_id)
        session.add(row)
        session.flush()
        audit_change(session, actor, register, row.id, "add", None, snapshot(row, fields), now)
        session.commit()
        return row.id
    except BaseException:
        session.rollback()
        raise


def edit_row(
    session: Session,
    actor: Actor,
    register: RegisterKind,
    fields: tuple[str, ...],
    *,
    find: Callable[[], Any],
    label: str,
    version: int,
    clean: Callable[[Any], Mapping[str, Any]],
    now: datetime | None,
) -> int:
    """Change the row ``find()`` to ``clean(row)`` (optimistic: ``version`` as read, ConflictError
    naming ``label`` otherwise), audited as "edit" with the ``fields`` that changed; one commit,
    rolled back on any error; returns the row's new version.

    ``clean`` gets the stored row so that a register can keep what the actor may not change
    (keep_personal) or refuse what the actor may not hold."""
    now = now or local_now()
    try:
        require_keeper(actor)
        row = find()
        check_version(row, version, label)
        values = clean(row)
        before = snapshot(row, fields)
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at, row.updated_by_id = now, actor.user_id
        session.flush()
        audit_change(session, actor, register, row.id, "edit", before, snapshot(row, fields), now)
        session.commit()
        return row.version
    except BaseException:
        session.rollback()
        raise


def retire_row(
    session: Session,
    actor: Actor,
    register: RegisterKind,
    *,
    find: Callable[[], Any],
    label: str,
    version: int,
    reason: str,
    retired: ValidationError,
    now: datetime | None,
) -> None:
    """Strike the row ``find()`` off (retired_at), with the reason audited as "retire";
    ``retired`` (the caller's ValidationError(<its id field>, "retired")) is raised when it already
    is; optimistic as edit_row; one commit, rolled back on any error. The caller builds that error
    with literal arguments so that tests/ui/test_error_labels.py, which reads the source for
    every ValidationError's field and rule, still finds it.

    For the registers whose rows are struck off by a date (特殊群体, 出租房屋); a danger is
    closed by its status instead."""
    now = now or local_now()
    try:
        require_keeper(actor)
        row = find()
        check_version(row, version, label)
        reason = text_input("reason", reason, required=True, max_length=NAME_MAX * 4)
        if row.retired_at is not None:
            raise retired
        row.retired_at = row.updated_at = now
        row.updated_by_id = actor.user_id
        session.flush()
        audit_change(session, actor, register, row.id, "retire", None, {"reason": reason}, now)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def page_limits(offset: int, limit: int) -> tuple[int, int]:
    return max(0, int(offset)), max(1, min(int(limit), PAGE_MAX))


def keep_personal(actor: Actor, row: Any, form: Any) -> Any:
    """``form`` as an edit by ``actor`` may apply it: one who sees personal data masked (an
    operator) edits the other fields, and the personal ones stay as stored (what they were
    shown is the masked value, which must never overwrite the real one)."""
    if RegisterMask(actor).visible:
        return form
    kept = {name: getattr(row, name) for name in PERSONAL_FIELDS if hasattr(form, name)}
    return dataclasses.replace(form, **kept)


@dataclass(frozen=True, slots=True)
class WorkerChoice:
    """A grid worker a register row can name (联系网格员/发现人): who, and the grid served."""

    person_id: int
    name: str
    grid_name: str


def worker_choices(session: Session) -> list[WorkerChoice]:
    """The grid workers serving now (full- and part-time), grid by grid."""
    from gridcenter_desktop.core.enums import MemberRole
    from gridcenter_desktop.db.area import GridMember

    rows = session.execute(
        select(Person.id, Person.name, Area.name)
        .join(GridMember, GridMember.person_id == Person.id)
        .join(Area, Area.id == GridMember.area_id)
        .where(
            GridMember.role.in_([MemberRole.WORKER, MemberRole.PART_TIME_WORKER]),
            GridMember.until.is_(None),
        )
        .order_by(Area.sort_order, Area.id, Person.id)
    ).all()
    return [WorkerChoice(pid, name, grid) for pid, name, grid in rows]
