"""Departments and units the centre dispatches to: create, change, retire, restore and (when
never used) delete them.

A department that has handled tickets or that users work for is retired, not deleted: its past
assignments keep pointing at it and keep counting in the statistics of their periods, while
the pickers (dispatch form, users dialog) stop offering it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import AuditAction, DepartmentKind
from gridcenter_desktop.core.validation import (
    NAME_MAX,
    check_text,
    clean_text,
    is_possible_id,
    normalize_phone,
)
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.ticket import Assignment
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import KEEP, require_admin, transaction
from gridcenter_desktop.services.errors import (
    NotFoundError,
    ValidationError,
)

CODE_MAX = 32
# Codes are keys (core/categories.py names a category's usual departments by code).
CODE_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
GENERATED_PREFIX = "D"


@dataclass(frozen=True, slots=True)
class DepartmentRecord:
    id: int
    code: str
    name: str
    kind: DepartmentKind
    active: bool
    dispatchable: bool
    contact_name: str | None
    contact_phone: str | None
    retired_at: datetime | None


def list_departments(session: Session, *, include_retired: bool = True) -> list[DepartmentRecord]:
    """Every department by name (active ones first), retired ones too unless asked not to."""
    query = select(Department).order_by(Department.active.desc(), Department.name, Department.id)
    if not include_retired:
        query = query.where(Department.active.is_(True))
    return [_record(d) for d in session.scalars(query)]


def get_department(session: Session, department_id: int) -> DepartmentRecord:
    """One department; NotFoundError when there is none with this id."""
    return _record(_department(session, department_id))


def create_department(
    session: Session,
    actor: Actor,
    *,
    name: str,
    kind: DepartmentKind,
    code: str | None = None,
    contact_name: str | None = None,
    contact_phone: str | None = None,
    dispatchable: bool = True,
    commit: bool = True,
) -> DepartmentRecord:
    """A new active department. ``code`` is generated ("D001", ...) when empty; name and code
    must not be in use already; the contact phone is stored in its normal form."""
    require_admin(actor)
    clean_name = _name(session, name, None)
    department = Department(
        code=_code(session, code),
        name=clean_name,
        kind=_kind(kind),
        active=True,
        dispatchable=bool(dispatchable),
        contact_name=_contact_name(contact_name),
        contact_phone=_contact_phone(contact_phone),
        retired_at=None,
    )
    with transaction(session, commit):
        session.add(department)
        session.flush()
        after = _record(department)
        _audit(session, actor, after, None, after)
    return after


def update_department(
    session: Session,
    actor: Actor,
    department_id: int,
    *,
    name: str | None = None,
    kind: DepartmentKind | None = None,
    contact_name: Any = KEEP,
    contact_phone: Any = KEEP,
    dispatchable: bool | None = None,
    commit: bool = True,
) -> DepartmentRecord:
    """Change what is given: None leaves name, kind and dispatchable as they are; the contact
    fields are kept unless given (None or "" clears them). The code never changes (imports
    and category defaults find a department by it)."""
    require_admin(actor)
    department = _department(session, department_id)
    before = _record(department)
    # Everything checked before anything changes: a refusal leaves the row as it was.
    values = {
        "name": _name(session, name, department.id) if name is not None else before.name,
        "kind": _kind(kind) if kind is not None else before.kind,
        "contact_name": (
            _contact_name(contact_name) if contact_name is not KEEP else before.contact_name
        ),
        "contact_phone": (
            _contact_phone(contact_phone) if contact_phone is not KEEP else before.contact_phone
        ),
        "dispatchable": bool(dispatchable) if dispatchable is not None else before.dispatchable,
    }
    with transaction(session, commit):
        for column, value in values.items():
            setattr(department, column, value)
        session.flush()
        after = _record(department)
        if after != before:
            _audit(session, actor, after, before, after)
    return after


def retire_department(
    session: Session,
    actor: Actor,
    department_id: int,
    *,
    now: datetime | None = None,
    commit: bool = True,
) -> DepartmentRecord:
    """Retire a department: hidden from the pickers, its history kept. Work it still has open
    stays with it until the operators re-dispatch it."""
    require_admin(actor)
    department = _department(session, department_id)
    if not department.active:
        raise ValidationError(
            "department", "already_retired", f"department {department.name} is already retired"
        )
    before = _record(department)
    with transaction(session, commit):
        department.active = False
        department.retired_at = now or china_now()
        session.flush()
        after = _record(department)
        _audit(session, actor, after, before, after)
    return after


def restore_department(
    session: Session, actor: Actor, department_id: int, *, commit: bool = True
) -> DepartmentRecord:
    """Bring a retired department back; refused when an active one took its name meanwhile."""
    require_admin(actor)
    department = _department(session, department_id)
    if department.active:
        raise ValidationError(
            "department", "not_retired", f"department {department.name} is not retired"
        )
    before = _record(department)
    _name(session, department.name, department.id)
    with transaction(session, commit):
        department.active = True
        department.retired_at = None
        session.flush()
        after = _record(department)
        _audit(session, actor, after, before, after)
    return after


def delete_department(
    session: Session, actor: Actor, department_id: int, *, commit: bool = True
) -> None:
    """Delete a department entered by mistake. Refused (``ValidationError("department",
    "in_use")``) once a ticket was ever assigned to it or a user works for it: retire it."""
    require_admin(actor)
    department = _department(session, department_id)
    if department_in_use(session, department.id):
        raise ValidationError(
            "department",
            "in_use",
            f"department {department.name} is in use (tickets were assigned to it or users"
            " work for it): retire it instead",
        )
    before = _record(department)
    with transaction(session, commit):
        session.delete(department)
        session.flush()
        _audit(session, actor, before, before, None)


def department_in_use(session: Session, department_id: int) -> bool:
    """True when an assignment (open or long closed) or a user account refers to it."""
    return bool(
        session.scalar(
            select(
                exists().where(Assignment.department_id == department_id)
                | exists().where(User.department_id == department_id)
            )
        )
    )


# -- helpers ----------------------------------------------------------------------------------


def _department(session: Session, department_id: int) -> Department:
    department = session.get(Department, department_id) if is_possible_id(department_id) else None
    if department is None:
        raise NotFoundError("department", department_id)
    return department


def _record(d: Department) -> DepartmentRecord:
    return DepartmentRecord(
        id=d.id,
        code=d.code,
        name=d.name,
        kind=DepartmentKind(d.kind),
        active=bool(d.active),
        dispatchable=bool(d.dispatchable),
        contact_name=d.contact_name,
        contact_phone=d.contact_phone,
        retired_at=d.retired_at,
    )


def _text(field: str, value: str | None, max_length: int, required: bool = False) -> str:
    rule = check_text(value, max_length=max_length, required=required)
    if rule:
        raise ValidationError(field, rule)
    return clean_text(value)


def _name(session: Session, name: str | None, own_id: int | None) -> str:
    clean = _text("department_name", name, NAME_MAX, required=True)
    taken = select(Department.id).where(Department.name == clean, Department.active.is_(True))
    if own_id is not None:
        taken = taken.where(Department.id != own_id)
    if session.scalar(taken.limit(1)) is not None:
        # Two active departments of one name could not be told apart in the pickers.
        raise ValidationError(
            "department_name", "duplicate", f"an active department is named {clean}"
        )
    return clean


def _code(session: Session, code: str | None) -> str:
    clean = _text("department_code", code, CODE_MAX)
    if not clean:
        return _generated_code(session)
    if not CODE_SHAPE.fullmatch(clean):
        raise ValidationError(
            "department_code",
            "bad_characters",
            f"a code is letters, digits, dots, dashes and underscores: {clean}",
        )
    if session.scalar(select(Department.id).where(Department.code == clean)) is not None:
        raise ValidationError("department_code", "duplicate", f"the code {clean} is already in use")
    return clean


def _generated_code(session: Session) -> str:
    """The next free "D001"-style code (a retired or deleted department's code is not reused
    while it exists; codes of other shapes are ignored)."""
    codes = set(session.scalars(select(Department.code).where(Department.code.like("D%"))))
    number = len(codes) + 1
    while f"{GENERATED_PREFIX}{number:03d}" in codes:
        number += 1
    return f"{GENERATED_PREFIX}{number:03d}"


def _kind(kind: object) -> DepartmentKind:
    try:
        return DepartmentKind(kind)
    except ValueError:
        raise ValidationError("kind", "invalid") from None


def _contact_name(value: str | None) -> str | None:
    return _text("contact_name", value, NAME_MAX) or None


def _contact_phone(value: str | None) -> str | None:
    if value is None or not clean_text(value):
        return None
    phone = normalize_phone(value)
    if phone is None:
        raise ValidationError("contact_phone", "phone")
    return phone


def _audit(
    session: Session,
    actor: Actor,
    record: DepartmentRecord,
    before: DepartmentRecord | None,
    after: DepartmentRecord | None,
) -> None:
    audit.record(
        session,
        actor,
        AuditAction.DEPARTMENT_CHANGE,
        target=f"department {record.name}",
        detail={"before": _values(before), "after": _values(after)},
    )


def _values(record: DepartmentRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None
    values = asdict(record)
    values["kind"] = record.kind.value
    values["retired_at"] = record.retired_at.isoformat(sep=" ") if record.retired_at else None
    return values
