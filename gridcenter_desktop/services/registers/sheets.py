"""The registers' Excel: the template to fill in, and the import of a filled-in sheet.

The import is all or nothing, like the base data's (services/admin/base_import.py): every row
is read and checked first; any problem (a cell that cannot be read, a grid or worker not found,
a value the register's own rules refuse, a sensitive group the importer may not know of) is
named by its Excel row and column and the import is refused as a whole
(:class:`RegisterImportRefused`); otherwise all rows are added in one commit with one
REGISTER_IMPORT audit row. Rows are added, never matched to existing ones: re-importing a sheet
adds its rows again (the registers have no natural key a town's sheets share reliably).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AreaLevel, AuditAction, RegisterKind, SpecialGroupKind
from gridcenter_desktop.core.permissions import may_see_special_group
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.gridwork import HiddenDanger, RentalHousing, SpecialGroupMember
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.base_cells import convert
from gridcenter_desktop.services.admin.base_sheets import Kind, fold, fold_header
from gridcenter_desktop.services.admin.base_workbook import HEADER_SCAN_ROWS, refuse_missing_or_xls
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.services.registers import dangers, rentals, special_groups
from gridcenter_desktop.services.registers.columns import (
    COLUMNS,
    DANGER_KIND_WORDS,
    DANGER_STATUS_WORDS,
    RISK_WORDS,
    SHEET_TITLES,
    SPECIAL_GROUP_WORDS,
)
from gridcenter_desktop.services.registers.common import require_keeper
from gridcenter_desktop.services.tickets.common import local_now

ROW_MAX = 50_000
_HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")
_REQUIRED_FILL = PatternFill("solid", fgColor="FFFCE4D6")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row cannot be imported: Excel row (0: the sheet itself), the column's header,
    the rule code (ui words it) and the value at fault."""

    row: int
    column: str
    rule: str
    value: object = None


class RegisterImportRefused(ServiceError):
    """The sheet has problems; nothing was imported."""

    code = "import_refused"

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s), nothing imported")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class RegisterImportSummary:
    register: RegisterKind
    added: int


def write_template(path: str | Path, register: RegisterKind) -> None:
    """The register's sheet to fill in: headers (required ones shaded), drop-down lists for
    the choices, text format for ID numbers and phones."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLES[RegisterKind(register)]
    for index, col in enumerate(COLUMNS[RegisterKind(register)], start=1):
        cell = ws.cell(row=1, column=index, value=col.header)
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if col.required else _HEADER_FILL
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = col.width
        span = f"{letter}2:{letter}5001"
        words = ("是", "否") if col.kind is Kind.YES_NO else col.words
        if words:
            check = DataValidation(
                type="list", formula1='"' + ",".join(words) + '"', allow_blank=True
            )
            check.add(span)
            ws.add_data_validation(check)
        if col.kind in (Kind.CODE, Kind.PHONE):
            for row in range(2, 202):
                ws.cell(row=row, column=index).number_format = "@"
    ws.freeze_panes = "A2"
    wb.save(path)


def _read(path: Path, register: RegisterKind) -> tuple[list[tuple[int, dict]], list[RowProblem]]:
    """The sheet's rows as (Excel row, field → converted value), and the problems found."""
    refuse_missing_or_xls(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is no workbook
        raise ValidationError("file", "not_xlsx") from None
    try:
        ws = wb.active
        grid = [tuple(c.value for c in row) for row in ws.iter_rows()]
    finally:
        wb.close()
    columns = COLUMNS[register]
    names = {c.field: {fold_header(n) for n in (c.header, *c.aliases)} for c in columns}
    header_index, positions = -1, {}
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        found = {}
        for col_index, value in enumerate(row):
            folded = fold_header(value)
            for field, known in names.items():
                if folded and folded in known and field not in found:
                    found[field] = col_index
        if all(c.field in found for c in columns if c.required):
            header_index, positions = index, found
            break
    if header_index < 0:
        missing = [c.header for c in columns if c.required]
        return [], [RowProblem(0, "、".join(missing), "missing_columns")]
    rows: list[tuple[int, dict]] = []
    problems: list[RowProblem] = []
    by_field = {c.field: c for c in columns}
    for index in range(header_index + 1, len(grid)):
        cells = grid[index]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        excel_row = index + 1
        values: dict[str, object] = {}
        for field, col_index in positions.items():
            raw = cells[col_index] if col_index < len(cells) else None
            value, rule = convert(by_field[field], raw)
            if rule:
                problems.append(RowProblem(excel_row, by_field[field].header, rule, raw))
            values[field] = value
        rows.append((excel_row, values))
        if len(rows) > ROW_MAX:
            return [], [RowProblem(0, "", "too_many_rows", ROW_MAX)]
    return rows, problems


class _Lookup:
    """Grids by name or code, grid workers by name (unique within the town, or within the
    row's grid)."""

    def __init__(self, session: Session) -> None:
        self.grids: dict[str, list[int]] = {}
        for gid, name, code in session.execute(
            select(Area.id, Area.name, Area.code).where(
                Area.level == AreaLevel.GRID, Area.retired_at.is_(None)
            )
        ):
            for key in {fold(name), fold(code or "")} - {""}:
                self.grids.setdefault(key, []).append(gid)
        self.people: dict[str, set[int]] = {}
        self.members: dict[tuple[int, int], bool] = {}
        for pid, name in session.execute(select(Person.id, Person.name)):
            self.people.setdefault(fold(name), set()).add(pid)
        for pid, gid in session.execute(select(GridMember.person_id, GridMember.area_id)):
            self.members[(pid, gid)] = True

    def grid(self, text: object) -> tuple[int | None, str | None]:
        found = self.grids.get(fold(str(text or "")), [])
        if not text:
            return None, "required"
        if len(found) != 1:
            return None, "unknown_grid" if not found else "ambiguous_grid"
        return found[0], None

    def person(self, text: object, grid_id: int | None) -> tuple[int | None, str | None]:
        if not text:
            return None, None
        found = self.people.get(fold(str(text)), set())
        if len(found) > 1 and grid_id is not None:
            found = {p for p in found if (p, grid_id) in self.members}
        if len(found) != 1:
            return None, "unknown_person" if not found else "ambiguous_person"
        return next(iter(found)), None


def _coordinate(value: object) -> float | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not re.fullmatch(r"-?\d{1,3}(\.\d+)?", text):
        raise ValueError(text)
    return float(text)


def _form(register: RegisterKind, values: dict, grid_id: int, worker_id: int | None):
    if register is RegisterKind.SPECIAL_GROUP:
        return special_groups.SpecialGroupForm(
            grid_id=grid_id,
            kind=values.get("kind"),
            name=values.get("name") or "",  # type: ignore[arg-type]
            id_number=values.get("id_number"),
            phone=values.get("phone"),  # type: ignore[arg-type]
            address=values.get("address") or "",
            guardian=values.get("guardian"),  # type: ignore[arg-type]
            guardian_phone=values.get("guardian_phone"),  # type: ignore[arg-type]
            care_note=values.get("care_note") or "",
            worker_id=worker_id,  # type: ignore[arg-type]
            registered_on=values.get("registered_on"),  # type: ignore[arg-type]
            last_visited_on=values.get("last_visited_on"),  # type: ignore[arg-type]
        )
    if register is RegisterKind.RENTAL:
        return rentals.RentalForm(
            grid_id=grid_id,
            address=values.get("address") or "",  # type: ignore[arg-type]
            landlord_name=values.get("landlord_name") or "",  # type: ignore[arg-type]
            landlord_phone=values.get("landlord_phone"),  # type: ignore[arg-type]
            tenants_count=values.get("tenants_count") or 0,  # type: ignore[arg-type]
            rooms_count=values.get("rooms_count"),  # type: ignore[arg-type]
            group_rental=bool(values.get("group_rental")),
            last_inspected_on=values.get("last_inspected_on"),  # type: ignore[arg-type]
            next_inspection_on=values.get("next_inspection_on"),  # type: ignore[arg-type]
            hazards=values.get("hazards") or "",
            worker_id=worker_id,  # type: ignore[arg-type]
        )
    return dangers.DangerForm(
        grid_id=grid_id,
        place=values.get("place") or "",  # type: ignore[arg-type]
        kind=values.get("kind"),
        risk_level=values.get("risk_level"),  # type: ignore[arg-type]
        found_on=values.get("found_on"),  # type: ignore[arg-type]
        description=values.get("description") or "",  # type: ignore[arg-type]
        found_by_id=worker_id,
        found_by_name="" if worker_id else (values.get("found_by") or ""),  # type: ignore[arg-type]
        rectify_by=values.get("rectify_by"),  # type: ignore[arg-type]
        status=values.get("status") or dangers.DangerStatus.OPEN,  # type: ignore[arg-type]
        rectified_on=values.get("rectified_on"),  # type: ignore[arg-type]
        rectification_note=values.get("rectification_note") or "",  # type: ignore[arg-type]
        longitude=_coordinate(values.get("longitude")),
        latitude=_coordinate(values.get("latitude")),
    )


_MODELS = {
    RegisterKind.SPECIAL_GROUP: (SpecialGroupMember, special_groups.clean_form),
    RegisterKind.RENTAL: (RentalHousing, rentals.clean_form),
    RegisterKind.DANGER: (HiddenDanger, dangers.clean_form),
}
# A form field's column, where the field's name is not the column's own.
_FIELD_COLUMN = {
    "grid_id": "grid",
    "worker_id": "worker",
    "found_by_id": "found_by",
    "found_by_name": "found_by",
    "member_name": "name",
}


def import_register(
    session: Session,
    actor: Actor,
    register: RegisterKind,
    path: str | Path,
    now: datetime | None = None,
) -> RegisterImportSummary:
    """Import the filled-in sheet at ``path`` into ``register``: all rows or none
    (RegisterImportRefused lists the problems by row and column)."""
    now = now or local_now()
    register = RegisterKind(register)
    require_keeper(actor)
    rows, problems = _read(Path(path), register)
    lookup = _Lookup(session)
    headers = {c.field: c.header for c in COLUMNS[register]}
    model, clean = _MODELS[register]
    planned: list[dict] = []
    unreadable = {p.row for p in problems}
    for excel_row, values in rows:
        grid_id, rule = lookup.grid(values.get("grid"))
        if rule:
            problems.append(RowProblem(excel_row, headers["grid"], rule, values.get("grid")))
            continue
        who = "found_by" if register is RegisterKind.DANGER else "worker"
        worker_id, rule = lookup.person(values.get(who), grid_id)
        if rule and register is not RegisterKind.DANGER:
            problems.append(RowProblem(excel_row, headers[who], rule, values.get(who)))
            continue
        if excel_row in unreadable:  # its cells' problems are said; the rules need good cells
            continue
        try:
            form = _form(register, values, grid_id, worker_id)  # type: ignore[arg-type]
        except ValueError as exc:
            problems.append(RowProblem(excel_row, "经度/纬度", "bad_coordinate", str(exc)))
            continue
        try:
            cleaned = clean(session, form)
        except ValidationError as exc:
            column = _FIELD_COLUMN.get(exc.field, exc.field)
            problems.append(
                RowProblem(excel_row, headers.get(column, column), exc.rule, values.get(column))
            )
            continue
        kind = cleaned.get("kind")
        if isinstance(kind, SpecialGroupKind) and not may_see_special_group(actor.role, kind):
            problems.append(RowProblem(excel_row, headers["kind"], "not_allowed", None))
            continue
        planned.append(cleaned)
    if not rows and not problems:
        problems.append(RowProblem(0, "", "empty"))
    if problems:
        raise RegisterImportRefused(sorted(problems, key=lambda p: (p.row, p.column)))
    try:
        for values in planned:
            session.add(
                model(**values, created_at=now, updated_at=now, updated_by_id=actor.user_id)
            )
        audit.record(
            session,
            actor,
            AuditAction.REGISTER_IMPORT,
            target=register.value,
            detail={"register": register.value, "file": Path(path).name, "added": len(planned)},
            now=now,
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return RegisterImportSummary(register, len(planned))


def export_values(register: RegisterKind, row) -> list[object]:
    """A register row (as a search returns it, masked already) as the sheet's cells, in
    :data:`COLUMNS` order (an exported sheet imports again)."""
    register = RegisterKind(register)
    cells: list[object] = []
    for col in COLUMNS[register]:
        field = col.field
        if field == "grid":
            value: object = row.grid_name
        elif field == "worker":
            value = row.worker_name
        elif field == "found_by":
            value = row.found_by
        elif field == "kind":
            words = (
                SPECIAL_GROUP_WORDS if register is RegisterKind.SPECIAL_GROUP else DANGER_KIND_WORDS
            )
            value = words[row.kind]
        elif field == "risk_level":
            value = RISK_WORDS[row.risk_level]
        elif field == "status":
            value = DANGER_STATUS_WORDS[row.status]
        elif field == "group_rental":
            value = "是" if row.group_rental else "否"
        else:
            value = getattr(row, field)
        if isinstance(value, date):
            value = value.isoformat()
        cells.append(value)
    return cells
