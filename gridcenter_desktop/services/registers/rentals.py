"""出租房屋/群租房: the rental housing register of each grid (add, edit, strike off, search).
The landlord's name and phone are personal data (masked by role)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import RegisterKind
from gridcenter_desktop.core.permissions import ReporterSearch, reporter_search
from gridcenter_desktop.core.validation import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    check_phone,
    normalize_phone,
)
from gridcenter_desktop.db.area import Area, Person
from gridcenter_desktop.db.gridwork import RentalHousing
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.registers.common import (
    RegisterMask,
    RegisterPage,
    add_row,
    edit_row,
    get_row,
    grid_of,
    keep_personal,
    names_by_id,
    page_limits,
    retire_row,
    worker_exists,
)
from gridcenter_desktop.services.registers.query import RegisterQuery, RowState
from gridcenter_desktop.services.tickets.common import text_input

COUNT_MAX = 10000
FIELDS = (
    "grid_id",
    "address",
    "landlord_name",
    "landlord_phone",
    "tenants_count",
    "rooms_count",
    "group_rental",
    "last_inspected_on",
    "next_inspection_on",
    "hazards",
    "worker_id",
)


@dataclass(frozen=True, slots=True)
class RentalForm:
    """A rental as typed (add and edit)."""

    grid_id: int | None
    address: str
    landlord_name: str
    landlord_phone: str | None = None
    tenants_count: int = 0
    rooms_count: int | None = None
    group_rental: bool = False
    last_inspected_on: date | None = None
    next_inspection_on: date | None = None
    hazards: str = ""
    worker_id: int | None = None


@dataclass(frozen=True, slots=True)
class RentalRow:
    id: int
    grid_id: int
    grid_name: str
    address: str
    landlord_name: str
    landlord_phone: str
    tenants_count: int
    rooms_count: int | None
    group_rental: bool
    last_inspected_on: date | None
    next_inspection_on: date | None
    hazards: str
    worker_id: int | None
    worker_name: str
    retired: bool
    version: int
    masked: bool


def clean_form(session: Session, form: RentalForm) -> dict[str, object]:
    """The form's values as stored; ValidationError naming the first field at fault."""
    grid_of(session, form.grid_id)
    if check_phone(form.landlord_phone):
        raise ValidationError("landlord_phone", "phone")
    tenants = form.tenants_count
    if isinstance(tenants, bool) or not isinstance(tenants, int) or tenants < 0:
        raise ValidationError("tenants_count", "invalid")
    if tenants > COUNT_MAX:
        raise ValidationError("tenants_count", "range")
    rooms = form.rooms_count
    if rooms is not None and (isinstance(rooms, bool) or not isinstance(rooms, int) or rooms < 0):
        raise ValidationError("rooms_count", "invalid")
    if rooms is not None and rooms > COUNT_MAX:
        raise ValidationError("rooms_count", "range")
    last, following = form.last_inspected_on, form.next_inspection_on
    if last is not None and following is not None and following < last:
        raise ValidationError("next_inspection_on", "before_last_inspection")
    worker_exists(session, form.worker_id)
    return {
        "grid_id": form.grid_id,
        "address": text_input("address", form.address, required=True, max_length=ADDRESS_MAX),
        "landlord_name": text_input(
            "landlord_name", form.landlord_name, required=True, max_length=NAME_MAX
        ),
        "landlord_phone": normalize_phone(form.landlord_phone),
        "tenants_count": tenants,
        "rooms_count": rooms,
        "group_rental": bool(form.group_rental),
        "last_inspected_on": last,
        "next_inspection_on": following,
        "hazards": text_input("hazards", form.hazards, required=False, max_length=DESCRIPTION_MAX),
        "worker_id": form.worker_id,
    }


def add_rental(
    session: Session, actor: Actor, form: RentalForm, now: datetime | None = None
) -> int:
    """Register a rental; one audited commit; returns the row's id (common.add_row)."""
    return add_row(
        session,
        actor,
        RentalHousing,
        RegisterKind.RENTAL,
        FIELDS,
        lambda: clean_form(session, form),
        now,
    )


def rental(session: Session, rental_id: int) -> RentalHousing:
    return get_row(session, RentalHousing, rental_id, "rental_housing")


def edit_rental(
    session: Session,
    actor: Actor,
    rental_id: int,
    version: int,
    form: RentalForm,
    now: datetime | None = None,
) -> int:
    """Change a rental's record (optimistic: ``version`` as read); returns the new version.
    The landlord's name and phone stay as stored when ``actor`` sees them masked."""
    return edit_row(
        session,
        actor,
        RegisterKind.RENTAL,
        FIELDS,
        find=lambda: rental(session, rental_id),
        label=f"出租房屋 {rental_id}",
        version=version,
        clean=lambda row: clean_form(session, keep_personal(actor, row, form)),
        now=now,
    )


def retire_rental(
    session: Session,
    actor: Actor,
    rental_id: int,
    version: int,
    reason: str,
    now: datetime | None = None,
) -> None:
    """Strike a rental off (no longer let), with the reason audited."""
    retire_row(
        session,
        actor,
        RegisterKind.RENTAL,
        find=lambda: rental(session, rental_id),
        label=f"出租房屋 {rental_id}",
        version=version,
        reason=reason,
        retired=ValidationError("rental_id", "retired"),
        now=now,
    )


def _conditions(actor: Actor, query: RegisterQuery) -> list:
    conditions = []
    if query.grid_id is not None:
        conditions.append(RentalHousing.grid_id == query.grid_id)
    if query.group_rental:
        conditions.append(RentalHousing.group_rental.is_(True))
    state = RowState(query.state)
    if state is RowState.ACTIVE:
        conditions.append(RentalHousing.retired_at.is_(None))
    elif state is RowState.RETIRED:
        conditions.append(RentalHousing.retired_at.is_not(None))
    text = query.text.strip()
    if text:
        found = [RentalHousing.address.contains(text, autoescape=True)]
        how = reporter_search(actor.role)
        if how is ReporterSearch.PARTIAL:
            found.append(RentalHousing.landlord_name.contains(text, autoescape=True))
        elif how is ReporterSearch.WHOLE:
            found.append(RentalHousing.landlord_name == text)
        conditions.append(or_(*found))
    return conditions


def search_rentals(session: Session, actor: Actor, query: RegisterQuery) -> RegisterPage[RentalRow]:
    """A page of rentals matching ``query`` (grid order), masked for ``actor``."""
    offset, limit = page_limits(query.offset, query.limit)
    conditions = _conditions(actor, query)
    total = session.scalar(select(func.count(RentalHousing.id)).where(*conditions)) or 0
    rows = list(
        session.scalars(
            select(RentalHousing)
            .join(Area, Area.id == RentalHousing.grid_id)
            .where(*conditions)
            .order_by(Area.sort_order, Area.id, RentalHousing.id)
            .offset(offset)
            .limit(limit)
        )
    )
    return RegisterPage(_rows(session, actor, rows), total)


def rental_row(session: Session, actor: Actor, rental_id: int) -> RentalRow:
    return _rows(session, actor, [rental(session, rental_id)])[0]


def _rows(session: Session, actor: Actor, rows: list[RentalHousing]) -> list[RentalRow]:
    mask = RegisterMask(actor)
    grids = names_by_id(session, Area, {r.grid_id for r in rows})
    workers = names_by_id(session, Person, {r.worker_id for r in rows if r.worker_id})
    return [
        RentalRow(
            id=r.id,
            grid_id=r.grid_id,
            grid_name=grids.get(r.grid_id, ""),
            address=r.address,
            landlord_name=mask.field("landlord_name", r.landlord_name),
            landlord_phone=mask.field("landlord_phone", r.landlord_phone),
            tenants_count=r.tenants_count,
            rooms_count=r.rooms_count,
            group_rental=r.group_rental,
            last_inspected_on=r.last_inspected_on,
            next_inspection_on=r.next_inspection_on,
            hazards=r.hazards,
            worker_id=r.worker_id,
            worker_name=workers.get(r.worker_id, "") if r.worker_id else "",
            retired=r.retired_at is not None,
            version=r.version,
            masked=not mask.visible,
        )
        for r in rows
    ]
