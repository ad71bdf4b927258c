"""The registers on paper: a register exported to Excel (masked as the exporting role may see
it, audited EXPORT), and the "台账情况" sheet of the statistical report (counts per grid)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import DangerStatus, RegisterKind, RiskLevel, UserRole
from gridcenter_desktop.reports import cells, print_layout
from gridcenter_desktop.reports.files import atomic_output, record_export
from gridcenter_desktop.reports.labels import DANGER_STATUS, RISK_LEVEL, SPECIAL_GROUP
from gridcenter_desktop.reports.streaming import add_sheet
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.base_sheets import Kind
from gridcenter_desktop.services.registers.columns import COLUMNS, SHEET_TITLES
from gridcenter_desktop.services.registers.dangers import search_dangers
from gridcenter_desktop.services.registers.overview import RegistersOverview, registers_overview
from gridcenter_desktop.services.registers.query import RegisterQuery
from gridcenter_desktop.services.registers.rentals import search_rentals
from gridcenter_desktop.services.registers.sheets import export_values
from gridcenter_desktop.services.registers.special_groups import search_special_groups

REGISTERS_SHEET = "台账情况"
COUNT_WIDTH = 6.5
_BATCH = 1000


@dataclass(frozen=True, slots=True)
class RegisterExport:
    path: Path
    register: RegisterKind
    rows: int


def export_register(
    session: Session,
    actor: Actor,
    register: RegisterKind,
    query: RegisterQuery,
    path: str | Path,
    today: date,
) -> RegisterExport:
    """Write the rows of ``register`` matching ``query`` (all pages) to ``path``, in the
    import template's columns (so it imports again), personal data masked as ``actor`` may
    see it; the export is recorded in the audit trail (EXPORT) and committed."""
    register = RegisterKind(register)
    path = Path(path)
    written = 0
    with atomic_output(path) as tmp:
        wb = Workbook(write_only=True)
        ws = add_sheet(wb, SHEET_TITLES[register])
        columns = COLUMNS[register]
        styles = _set_up_for_paper(ws, register)
        ws.append([cells.styled_cell(ws, c.header, cells.HEADER) for c in columns])
        offset = 0
        while True:
            page_query = RegisterQuery(
                text=query.text,
                grid_id=query.grid_id,
                kind=query.kind,
                state=query.state,
                group_rental=query.group_rental,
                risk_level=query.risk_level,
                status=query.status,
                offset=offset,
                limit=_BATCH,
            )
            if register is RegisterKind.SPECIAL_GROUP:
                rows = search_special_groups(session, actor, page_query).rows
            elif register is RegisterKind.RENTAL:
                rows = search_rentals(session, actor, page_query).rows
            else:
                rows = search_dangers(session, actor, page_query, today).rows
            for row in rows:
                values = export_values(register, row)
                ws.append(
                    [cells.styled_cell(ws, v, s) for v, s in zip(values, styles, strict=True)]
                )
            written += len(rows)
            offset += _BATCH
            if len(rows) < _BATCH:
                break
        wb.save(tmp)
    record_export(
        session,
        actor,
        path,
        report=f"register_{register.value}",
        ticket_id=None,
        detail={
            "rows": written,
            "file": path.name,
            "role": actor.role.value,
            "filter": {
                "text": query.text,
                "grid_id": query.grid_id,
                "kind": query.kind,
                "state": query.state.value,
            },
        },
    )
    return RegisterExport(path, register, written)


# What identifies a record on paper: repeated at the left of every page across (the columns
# keep the import template's order, so an exported register imports again).
KEY_COLUMNS = {
    RegisterKind.SPECIAL_GROUP: 3,  # 网格, 类别, 姓名
    RegisterKind.RENTAL: 2,  # 网格, 房屋地址
    RegisterKind.DANGER: 2,  # 网格, 隐患地点
}
# Names, places, descriptions and the choices' words wrap; codes, phones, dates and numbers
# fit their columns on one line.
_WRAPPING_KINDS = (Kind.TEXT, Kind.CHOICE)
# The special groups' 网格 prints 14 units wide (a long grid name in two lines) so that the
# register, its three identifying columns repeated, takes two pages across instead of three.
_PRINT_WIDTHS = {(RegisterKind.SPECIAL_GROUP, "grid"): 14}


def print_widths(register: RegisterKind) -> list[float]:
    """The widths (column units) of ``register``'s columns in an exported sheet."""
    return [_PRINT_WIDTHS.get((register, c.field), c.width) for c in COLUMNS[register]]


def _set_up_for_paper(ws, register: RegisterKind) -> list[cells.CellStyle]:
    """A4 landscape at 90 %, pages across with the identifying columns repeated; the
    columns' cell styles returned (long text wrapping, its rows grown to their lines)."""
    columns = COLUMNS[register]
    widths = print_widths(register)
    print_layout.set_up_for_paper(
        ws,
        widths,
        header_row=1,
        title=f"{SHEET_TITLES[register]}台账",
        key_columns=KEY_COLUMNS[register],
        headers=[c.header for c in columns],
    )
    styles = [cells.BODY_WRAP if c.kind in _WRAPPING_KINDS else cells.BODY for c in columns]
    wrapping = [(i, w) for i, (w, s) in enumerate(zip(widths, styles, strict=True)) if s.wraps]
    ws.grow_rows(len(columns), wrapping, print_layout.BODY_LINE_POINTS)
    return styles


_RISKS = (RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW)
_STATUSES = tuple(DangerStatus)


def registers_sheet(ws: Worksheet, overview: RegistersOverview) -> None:
    """The "台账情况" sheet: one row per grid (village, grid), special groups by kind (the kinds
    the report's reader may know of), rentals, group rentals and tenants, dangers not yet
    rectified by risk, dangers by status, overdue rectifications; a total row."""
    ws.title = REGISTERS_SHEET
    headers = (
        ["村（社区）", "网格"]
        + [SPECIAL_GROUP[k] for k in overview.kinds]
        + ["出租房屋", "其中群租房", "承租人数"]
        + [f"未整改隐患（{RISK_LEVEL[r]}）" for r in _RISKS]
        + [f"隐患{DANGER_STATUS[s]}" for s in _STATUSES]
        + ["整改超期"]
    )
    last = get_column_letter(len(headers))
    ws.merge_cells(f"A1:{last}1")
    cells.put(ws, 1, 1, "网格台账情况", cells.TITLE)
    ws.merge_cells(f"A2:{last}2")
    cells.put(ws, 2, 1, f"截至{overview.today:%Y年%m月%d日}（整改超期按此日计）", cells.SUBTITLE)
    top = 4
    for col, header in enumerate(headers, 1):
        cells.put(ws, top, col, header, cells.HEADER)
    totals = [0] * (len(headers) - 2)
    row = top
    for row, grid in enumerate(overview.grids, top + 1):
        figures = (
            [grid.groups.get(k, 0) for k in overview.kinds]
            + [grid.rentals, grid.group_rentals, grid.tenants]
            + [grid.dangers_by_risk.get(r, 0) for r in _RISKS]
            + [grid.dangers_by_status.get(s, 0) for s in _STATUSES]
            + [grid.overdue]
        )
        cells.put(ws, row, 1, grid.village_name, cells.BODY)
        cells.put(ws, row, 2, grid.grid_name, cells.BODY)
        for col, value in enumerate(figures, 3):
            cells.put(ws, row, col, value, cells.BODY_INTEGER)
            totals[col - 3] += value
    row += 1
    cells.put(ws, row, 1, "合计", cells.HEADER)
    cells.put(ws, row, 2, "", cells.HEADER)
    for col, value in enumerate(totals, 3):
        cells.put(ws, row, col, value, cells.BODY_INTEGER)
    # Twenty-odd counts side by side: narrow columns under headers wrapped in up to five
    # lines keep the printed text near its own size on an A4 landscape page.
    cells.set_up_register(ws, [12, 18] + [COUNT_WIDTH] * (len(headers) - 2), top)
    ws.row_dimensions[top].height = 70
    print_layout.widen_to_text(ws, [1, 2], top + 1, row)
    print_layout.set_paper(ws, REGISTERS_SHEET, landscape=True)
    print_layout.paginate_table(
        ws, columns=len(headers), header=(top, top), last=row, landscape=True
    )


def add_registers_sheet(wb: Workbook, session: Session, role: UserRole | None, today: date) -> None:
    """Append the "台账情况" sheet to ``wb`` as a reader of ``role`` may see it (None: a reader
    who may not know of the sensitive special groups)."""
    reader = Actor(None, UserRole(role) if role is not None else UserRole.VIEWER)
    registers_sheet(wb.create_sheet(REGISTERS_SHEET), registers_overview(session, reader, today))
