"""What each register's tab shows and edits: its table columns, filters and form fields, and
how a form's values become the service's form. Qt-light: strings through translate()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from gridcenter_desktop.core.enums import RegisterKind
from gridcenter_desktop.core.permissions import may_see_special_group
from gridcenter_desktop.services.registers.dangers import DangerForm
from gridcenter_desktop.services.registers.query import RowState
from gridcenter_desktop.services.registers.rentals import RentalForm
from gridcenter_desktop.services.registers.special_groups import SpecialGroupForm
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.registers.forms import Field


def _day(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else ""


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], object]
    width: int = 100


@dataclass(frozen=True)
class TabSpec:
    register: RegisterKind
    title: str
    columns: tuple[Column, ...]
    kinds: tuple[tuple[str | None, str], ...]  # the kind filter's choices
    states: tuple[tuple[RowState, str], ...]
    fields: tuple[Field, ...]
    to_form: Callable[[dict[str, Any], int | None], Any]  # (values, worker_id) → service form
    retires: bool  # strike off by a reason (dangers: status 已销号 instead)
    personal: bool  # has personal data to reveal


def _struck_off_states() -> tuple[tuple[RowState, str], ...]:
    """The state filter of the registers whose rows are struck off (特殊群体, 出租房屋); one
    place so both tabs offer the same words. Dangers have their own (rectification)."""
    return (
        (RowState.ACTIVE, QCoreApplication.translate("Registers", "On the register")),
        (RowState.RETIRED, QCoreApplication.translate("Registers", "Struck off")),
        (RowState.ALL, QCoreApplication.translate("Registers", "All")),
    )


def special_groups_tab(role) -> TabSpec:
    kinds = tuple(
        (v, t) for v, t in labels.special_group_choices() if may_see_special_group(role, v)
    )
    return TabSpec(
        RegisterKind.SPECIAL_GROUP,
        QCoreApplication.translate("Registers", "Special groups"),
        (
            Column(QCoreApplication.translate("Registers", "Grid"), lambda r: r.grid_name, 140),
            Column(
                QCoreApplication.translate("Registers", "Group"),
                lambda r: labels.special_group_label(r.kind),
                100,
            ),
            Column(QCoreApplication.translate("Registers", "Name"), lambda r: r.name, 80),
            Column(QCoreApplication.translate("Registers", "Phone"), lambda r: r.phone, 110),
            Column(QCoreApplication.translate("Registers", "Address"), lambda r: r.address, 180),
            Column(
                QCoreApplication.translate("Registers", "Contact person"), lambda r: r.guardian, 80
            ),
            Column(
                QCoreApplication.translate("Registers", "Grid worker"), lambda r: r.worker_name, 80
            ),
            Column(
                QCoreApplication.translate("Registers", "Last visit"),
                lambda r: _day(r.last_visited_on),
                90,
            ),
            Column(
                QCoreApplication.translate("Registers", "Care given"), lambda r: r.care_note, 200
            ),
        ),
        ((None, QCoreApplication.translate("Registers", "All groups")), *kinds),
        _struck_off_states(),
        (
            Field("grid_id", QCoreApplication.translate("Registers", "Grid"), "grid"),
            Field("kind", QCoreApplication.translate("Registers", "Group"), "choice", kinds),
            Field("name", QCoreApplication.translate("Registers", "Name"), errors=("member_name",)),
            Field("id_number", QCoreApplication.translate("Registers", "ID number")),
            Field("phone", QCoreApplication.translate("Registers", "Phone")),
            Field("address", QCoreApplication.translate("Registers", "Address")),
            Field("guardian", QCoreApplication.translate("Registers", "Contact person")),
            Field(
                "guardian_phone", QCoreApplication.translate("Registers", "Contact person's phone")
            ),
            Field(
                "registered_on", QCoreApplication.translate("Registers", "Registered on"), "date"
            ),
            Field("last_visited_on", QCoreApplication.translate("Registers", "Last visit"), "date"),
            Field("worker_id", QCoreApplication.translate("Registers", "Grid worker"), "worker"),
            Field("care_note", QCoreApplication.translate("Registers", "Care given"), "note"),
        ),
        lambda v, worker: SpecialGroupForm(**v),
        True,
        True,
    )


def rentals_tab(role) -> TabSpec:
    del role
    return TabSpec(
        RegisterKind.RENTAL,
        QCoreApplication.translate("Registers", "Rental housing"),
        (
            Column(QCoreApplication.translate("Registers", "Grid"), lambda r: r.grid_name, 140),
            Column(QCoreApplication.translate("Registers", "Address"), lambda r: r.address, 180),
            Column(
                QCoreApplication.translate("Registers", "Landlord"), lambda r: r.landlord_name, 80
            ),
            Column(
                QCoreApplication.translate("Registers", "Landlord's phone"),
                lambda r: r.landlord_phone,
                110,
            ),
            Column(
                QCoreApplication.translate("Registers", "Tenants"), lambda r: r.tenants_count, 60
            ),
            Column(
                QCoreApplication.translate("Registers", "Group rental"),
                lambda r: QCoreApplication.translate("Registers", "Yes") if r.group_rental else "",
                70,
            ),
            Column(
                QCoreApplication.translate("Registers", "Last inspection"),
                lambda r: _day(r.last_inspected_on),
                90,
            ),
            Column(
                QCoreApplication.translate("Registers", "Next inspection"),
                lambda r: _day(r.next_inspection_on),
                90,
            ),
            Column(
                QCoreApplication.translate("Registers", "Grid worker"), lambda r: r.worker_name, 80
            ),
            Column(QCoreApplication.translate("Registers", "Hazards"), lambda r: r.hazards, 200),
        ),
        (
            (None, QCoreApplication.translate("Registers", "All rentals")),
            ("group", QCoreApplication.translate("Registers", "Group rentals only")),
        ),
        _struck_off_states(),
        (
            Field("grid_id", QCoreApplication.translate("Registers", "Grid"), "grid"),
            Field("address", QCoreApplication.translate("Registers", "Address")),
            Field("landlord_name", QCoreApplication.translate("Registers", "Landlord")),
            Field("landlord_phone", QCoreApplication.translate("Registers", "Landlord's phone")),
            Field("tenants_count", QCoreApplication.translate("Registers", "Tenants"), "count"),
            Field("rooms_count", QCoreApplication.translate("Registers", "Rooms"), "count"),
            Field(
                "group_rental", QCoreApplication.translate("Registers", "Group rental"), "yes_no"
            ),
            Field(
                "last_inspected_on",
                QCoreApplication.translate("Registers", "Last inspection"),
                "date",
            ),
            Field(
                "next_inspection_on",
                QCoreApplication.translate("Registers", "Next inspection"),
                "date",
            ),
            Field("worker_id", QCoreApplication.translate("Registers", "Grid worker"), "worker"),
            Field("hazards", QCoreApplication.translate("Registers", "Hazards"), "note"),
        ),
        lambda v, worker: RentalForm(**v),
        True,
        True,
    )


def dangers_tab(role) -> TabSpec:
    del role
    return TabSpec(
        RegisterKind.DANGER,
        QCoreApplication.translate("Registers", "Hidden dangers"),
        (
            Column(QCoreApplication.translate("Registers", "Grid"), lambda r: r.grid_name, 140),
            Column(QCoreApplication.translate("Registers", "Place"), lambda r: r.place, 180),
            Column(
                QCoreApplication.translate("Registers", "Kind"),
                lambda r: labels.danger_kind_label(r.kind),
                70,
            ),
            Column(
                QCoreApplication.translate("Registers", "Risk"),
                lambda r: labels.risk_level_label(r.risk_level),
                50,
            ),
            Column(
                QCoreApplication.translate("Registers", "Found on"), lambda r: _day(r.found_on), 90
            ),
            Column(QCoreApplication.translate("Registers", "Found by"), lambda r: r.found_by, 80),
            Column(
                QCoreApplication.translate("Registers", "Rectify by"),
                lambda r: _day(r.rectify_by),
                90,
            ),
            Column(
                QCoreApplication.translate("Registers", "Status"),
                lambda r: (
                    labels.danger_status_label(r.status)
                    + (QCoreApplication.translate("Registers", " (overdue)") if r.overdue else "")
                ),
                110,
            ),
            Column(
                QCoreApplication.translate("Registers", "Description"), lambda r: r.description, 200
            ),
        ),
        (
            (None, QCoreApplication.translate("Registers", "All kinds")),
            *labels.danger_kind_choices(),
        ),
        (
            (RowState.ACTIVE, QCoreApplication.translate("Registers", "Not yet rectified")),
            (RowState.OVERDUE, QCoreApplication.translate("Registers", "Rectification overdue")),
            (RowState.RETIRED, QCoreApplication.translate("Registers", "Rectified or struck off")),
            (RowState.ALL, QCoreApplication.translate("Registers", "All")),
        ),
        (
            Field("grid_id", QCoreApplication.translate("Registers", "Grid"), "grid"),
            Field("place", QCoreApplication.translate("Registers", "Place")),
            Field(
                "kind",
                QCoreApplication.translate("Registers", "Kind"),
                "choice",
                tuple(labels.danger_kind_choices()),
            ),
            Field(
                "risk_level",
                QCoreApplication.translate("Registers", "Risk"),
                "choice",
                tuple(labels.risk_level_choices()),
            ),
            Field("found_on", QCoreApplication.translate("Registers", "Found on"), "date"),
            Field(
                "found_by_id",
                QCoreApplication.translate("Registers", "Found by (grid worker)"),
                "worker",
            ),
            Field("found_by_name", QCoreApplication.translate("Registers", "Found by (other)")),
            Field("rectify_by", QCoreApplication.translate("Registers", "Rectify by"), "date"),
            Field(
                "status",
                QCoreApplication.translate("Registers", "Status"),
                "choice",
                tuple(labels.danger_status_choices()),
            ),
            Field("rectified_on", QCoreApplication.translate("Registers", "Rectified on"), "date"),
            Field(
                "rectification_note",
                QCoreApplication.translate("Registers", "Rectification"),
                "note",
            ),
            Field("description", QCoreApplication.translate("Registers", "Description"), "note"),
        ),
        lambda v, worker: DangerForm(**v),
        False,
        False,
    )


def with_grids(
    spec: TabSpec, grids: list[tuple[int, str]], workers: list[tuple[int | None, str]] = ()
) -> TabSpec:
    """``spec`` with its grid field offering ``grids`` (id, name) and its worker field
    ``workers`` (person id, "name (grid)")."""
    none = (None, QCoreApplication.translate("Registers", "(none)"))
    fields = tuple(
        replace(f, kind="choice", choices=tuple(grids))
        if f.kind == "grid"
        else replace(f, kind="choice", choices=(none, *workers))
        if f.kind == "worker"
        else f
        for f in spec.fields
    )
    return replace(spec, fields=fields)


def row_values(spec: TabSpec, row) -> dict[str, object]:
    """A row's values for the edit form (a danger's found_by is the recorded name)."""
    values = {f.name: getattr(row, f.name, None) for f in spec.fields}
    if spec.register is RegisterKind.DANGER:
        values["found_by_name"] = row.found_by if row.found_by_id is None else ""
        values["found_by_id"] = row.found_by_id
    return values


def worker_of(spec: TabSpec, row) -> int | None:
    if row is None:
        return None
    return row.found_by_id if spec.register is RegisterKind.DANGER else row.worker_id
