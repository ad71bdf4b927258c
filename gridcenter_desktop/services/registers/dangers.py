"""安全隐患: the hidden dangers found in each grid and their rectification (add, edit, close
as 已销号, search, overdue rectifications).

A rectification is overdue when its deadline (rectify_by) is before ``today`` and the danger is
still open or being rectified: :func:`overdue_condition` is the one definition, used by the
search, the counts and the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import DangerKind, DangerStatus, RegisterKind, RiskLevel
from gridcenter_desktop.core.validation import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    LATITUDE_LIMIT,
    LONGITUDE_LIMIT,
    NAME_MAX,
)
from gridcenter_desktop.db.area import Area, Person
from gridcenter_desktop.db.gridwork import HiddenDanger
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.registers.common import (
    RegisterPage,
    add_row,
    edit_row,
    get_row,
    grid_of,
    names_by_id,
    page_limits,
)
from gridcenter_desktop.services.registers.query import RegisterQuery, RowState
from gridcenter_desktop.services.tickets.common import text_input

OPEN_STATES = (DangerStatus.OPEN, DangerStatus.RECTIFYING)
FIELDS = (
    "grid_id",
    "place",
    "kind",
    "risk_level",
    "description",
    "found_on",
    "found_by_id",
    "found_by_name",
    "rectify_by",
    "status",
    "rectified_on",
    "rectification_note",
    "latitude",
    "longitude",
)


@dataclass(frozen=True, slots=True)
class DangerForm:
    """A hidden danger as typed (add and edit)."""

    grid_id: int | None
    place: str
    kind: DangerKind
    risk_level: RiskLevel
    found_on: date | None
    description: str = ""
    found_by_id: int | None = None
    found_by_name: str = ""
    rectify_by: date | None = None
    status: DangerStatus = DangerStatus.OPEN
    rectified_on: date | None = None
    rectification_note: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class DangerRow:
    id: int
    grid_id: int
    grid_name: str
    place: str
    kind: DangerKind
    risk_level: RiskLevel
    description: str
    found_on: date
    found_by_id: int | None
    found_by: str  # the member's name, else the name as recorded
    rectify_by: date | None
    status: DangerStatus
    rectified_on: date | None
    rectification_note: str
    latitude: float | None
    longitude: float | None
    overdue: bool
    version: int


def overdue_condition(today: date):
    """SQL: the rectification is past its deadline on ``today`` and not done."""
    return and_(
        HiddenDanger.status.in_(OPEN_STATES),
        HiddenDanger.rectify_by.is_not(None),
        HiddenDanger.rectify_by < today,
    )


def is_overdue(status: DangerStatus, rectify_by: date | None, today: date) -> bool:
    """The same rule as :func:`overdue_condition`, for one row."""
    return status in OPEN_STATES and rectify_by is not None and rectify_by < today


def clean_form(session: Session, form: DangerForm) -> dict[str, object]:
    """The form's values as stored; ValidationError naming the first field at fault."""
    grid_of(session, form.grid_id)
    try:
        kind = DangerKind(form.kind)
    except ValueError:
        raise ValidationError("kind", "invalid") from None
    try:
        risk = RiskLevel(form.risk_level)
    except ValueError:
        raise ValidationError("risk_level", "invalid") from None
    try:
        status = DangerStatus(form.status)
    except ValueError:
        raise ValidationError("status", "invalid") from None
    if form.found_on is None:
        raise ValidationError("found_on", "required")
    if form.rectify_by is not None and form.rectify_by < form.found_on:
        raise ValidationError("rectify_by", "before_found_on")
    if status is DangerStatus.RECTIFIED and form.rectified_on is None:
        raise ValidationError("rectified_on", "required")
    if form.rectified_on is not None and form.rectified_on < form.found_on:
        raise ValidationError("rectified_on", "before_found_on")
    if form.found_by_id is not None and session.get(Person, form.found_by_id) is None:
        raise ValidationError("found_by_id", "unknown")
    if form.latitude is not None and abs(form.latitude) > LATITUDE_LIMIT:
        raise ValidationError("latitude", "range")
    if form.longitude is not None and abs(form.longitude) > LONGITUDE_LIMIT:
        raise ValidationError("longitude", "range")
    return {
        "grid_id": form.grid_id,
        "place": text_input("place", form.place, required=True, max_length=ADDRESS_MAX),
        "kind": kind,
        "risk_level": risk,
        "description": text_input(
            "description", form.description, required=False, max_length=DESCRIPTION_MAX
        ),
        "found_on": form.found_on,
        "found_by_id": form.found_by_id,
        "found_by_name": text_input(
            "found_by_name", form.found_by_name, required=False, max_length=NAME_MAX
        ),
        "rectify_by": form.rectify_by,
        "status": status,
        "rectified_on": form.rectified_on if status is DangerStatus.RECTIFIED else None,
        "rectification_note": text_input(
            "rectification_note",
            form.rectification_note,
            required=False,
            max_length=DESCRIPTION_MAX,
        ),
        "latitude": form.latitude,
        "longitude": form.longitude,
    }


def add_danger(
    session: Session, actor: Actor, form: DangerForm, now: datetime | None = None
) -> int:
    """Record a hidden danger; one audited commit; returns the row's id (common.add_row)."""
    return add_row(
        session,
        actor,
        HiddenDanger,
        RegisterKind.DANGER,
        FIELDS,
        lambda: clean_form(session, form),
        now,
    )


def danger(session: Session, danger_id: int) -> HiddenDanger:
    return get_row(session, HiddenDanger, danger_id, "hidden_danger")


def edit_danger(
    session: Session,
    actor: Actor,
    danger_id: int,
    version: int,
    form: DangerForm,
    now: datetime | None = None,
) -> int:
    """Change a danger's record, its rectification included (optimistic: ``version`` as read);
    returns the new version. Striking it off is status CANCELLED (已销号). No personal fields,
    so the form is cleaned as typed (no keep_personal)."""
    return edit_row(
        session,
        actor,
        RegisterKind.DANGER,
        FIELDS,
        find=lambda: danger(session, danger_id),
        label=f"安全隐患 {danger_id}",
        version=version,
        clean=lambda row: clean_form(session, form),
        now=now,
    )


def _conditions(query: RegisterQuery, today: date) -> list:
    conditions = []
    if query.grid_id is not None:
        conditions.append(HiddenDanger.grid_id == query.grid_id)
    if query.kind:
        conditions.append(HiddenDanger.kind == DangerKind(query.kind))
    if query.risk_level:
        conditions.append(HiddenDanger.risk_level == RiskLevel(query.risk_level))
    if query.status:
        conditions.append(HiddenDanger.status == DangerStatus(query.status))
    state = RowState(query.state)
    if state is RowState.ACTIVE:
        conditions.append(HiddenDanger.status.in_(OPEN_STATES))
    elif state is RowState.RETIRED:
        conditions.append(HiddenDanger.status.not_in(OPEN_STATES))
    elif state is RowState.OVERDUE:
        conditions.append(overdue_condition(today))
    text = query.text.strip()
    if text:
        conditions.append(HiddenDanger.place.contains(text, autoescape=True))
    return conditions


def search_dangers(
    session: Session, actor: Actor, query: RegisterQuery, today: date
) -> RegisterPage[DangerRow]:
    """A page of dangers matching ``query``: overdue first, then by deadline."""
    del actor  # every role reads the dangers (no personal data in them)
    offset, limit = page_limits(query.offset, query.limit)
    conditions = _conditions(query, today)
    total = session.scalar(select(func.count(HiddenDanger.id)).where(*conditions)) or 0
    rows = list(
        session.scalars(
            select(HiddenDanger)
            .where(*conditions)
            .order_by(
                HiddenDanger.rectify_by.is_(None),
                HiddenDanger.rectify_by,
                HiddenDanger.id,
            )
            .offset(offset)
            .limit(limit)
        )
    )
    return RegisterPage(_rows(session, rows, today), total)


def overdue_count(session: Session, today: date, grid_id: int | None = None) -> int:
    """How many rectifications are overdue on ``today`` (in one grid, or the town)."""
    conditions = [overdue_condition(today)]
    if grid_id is not None:
        conditions.append(HiddenDanger.grid_id == grid_id)
    return session.scalar(select(func.count(HiddenDanger.id)).where(*conditions)) or 0


def danger_row(session: Session, danger_id: int, today: date) -> DangerRow:
    return _rows(session, [danger(session, danger_id)], today)[0]


def _rows(session: Session, rows: list[HiddenDanger], today: date) -> list[DangerRow]:
    grids = names_by_id(session, Area, {r.grid_id for r in rows})
    people = names_by_id(session, Person, {r.found_by_id for r in rows if r.found_by_id})
    return [
        DangerRow(
            id=r.id,
            grid_id=r.grid_id,
            grid_name=grids.get(r.grid_id, ""),
            place=r.place,
            kind=DangerKind(r.kind),
            risk_level=RiskLevel(r.risk_level),
            description=r.description,
            found_on=r.found_on,
            found_by_id=r.found_by_id,
            found_by=people.get(r.found_by_id, "") if r.found_by_id else r.found_by_name,
            rectify_by=r.rectify_by,
            status=DangerStatus(r.status),
            rectified_on=r.rectified_on,
            rectification_note=r.rectification_note,
            latitude=r.latitude,
            longitude=r.longitude,
            overdue=is_overdue(r.status, r.rectify_by, today),
            version=r.version,
        )
        for r in rows
    ]
