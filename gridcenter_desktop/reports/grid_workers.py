"""网格员工作情况: the grid workers' figures of a period (services.grid_workers) as an Excel
sheet for the superiors, written like the other registers (title, period and export time, a
header row, an auto-filter; formula-safe text, all-or-nothing) and audited as an EXPORT.

It names the workers (members of the grid teams, not private persons) and counts; it carries no
reporter or household data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.reports import cells, print_layout
from gridcenter_desktop.reports.files import CancelCheck, atomic_output, check_cancel, record_export
from gridcenter_desktop.reports.labels import MEMBER_ROLE
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.grid_workers import WorkerFigures, worker_figures

TITLE = "网格员工作情况"
SHEET_NAME = "网格员工作情况"
HEADER_ROW = 3
_HOURS = cells.CellStyle(font=cells.BODY.font, border=cells.GRID_BORDER, number_format="0.0")

COLUMNS: tuple[tuple[str, float, cells.CellStyle], ...] = (
    ("序号", 6, cells.BODY_CENTER),
    ("村/社区", 12, cells.BODY),
    ("网格", 18, cells.BODY),
    ("网格员", 10, cells.BODY),
    ("类别", 11, cells.BODY_CENTER),
    ("上报工单", 9, cells.BODY_INTEGER),
    ("走访次数", 9, cells.BODY_INTEGER),
    ("走访户数", 9, cells.BODY_INTEGER),
    ("目标户数", 9, cells.BODY_INTEGER),
    ("覆盖率(%)", 10, cells.BODY_PERCENT),
    ("特殊群体", 9, cells.BODY_INTEGER),
    ("出租房屋", 9, cells.BODY_INTEGER),
    ("发现隐患", 9, cells.BODY_INTEGER),
    ("网格工单", 9, cells.BODY_INTEGER),
    ("已响应", 8, cells.BODY_INTEGER),
    ("待响应", 8, cells.BODY_INTEGER),
    ("平均首次响应(小时)", 12, _HOURS),
)
KEY_COLUMNS = 4  # 序号, 村/社区, 网格, 网格员: whose figures a row holds
NOTE = (
    "说明：上报工单、走访、台账按网格员在该网格统计；覆盖率＝走访户数÷每月目标户数（仅整月统计）；"
    "首次响应＝工单受理至首次派单、签收或网格内解决的时长（小时），为该网格全部工单的平均值。"
)


@dataclass(frozen=True, slots=True)
class WorkersSheetResult:
    path: Path
    rows: int


def _values(number: int, row: WorkerFigures) -> list:
    coverage = row.coverage
    return [
        number,
        row.village_name,
        row.grid_name,
        row.name,
        MEMBER_ROLE.get(row.role, str(row.role)),
        row.tickets_reported,
        row.visits,
        row.households_visited,
        row.visit_target or None,
        None if coverage is None else round(coverage * 100, 2),
        row.special_groups,
        row.rentals,
        row.dangers_found,
        row.grid_tickets,
        row.responded,
        row.awaiting_response,
        None if row.average_response_hours is None else round(row.average_response_hours, 1),
    ]


def write_worker_sheet(
    path: Path | str,
    rows: list[WorkerFigures],
    date_from: date,
    date_to: date,
    *,
    now: datetime | None = None,
    cancelled: CancelCheck | None = None,
) -> WorkersSheetResult:
    """Write ``rows`` (as services.grid_workers.worker_figures gives them) to ``path``."""
    now = now or china_now()
    with atomic_output(path, cancelled) as tmp:
        # A normal (not write-only) sheet: one row per grid worker, a few hundred at most, and
        # the paper layout needs merged title cells, row heights and page breaks.
        wb = Workbook()
        ws = wb.active
        ws.title = SHEET_NAME
        last_col = get_column_letter(len(COLUMNS))
        for index, (_h, width, _s) in enumerate(COLUMNS, 1):
            ws.column_dimensions[get_column_letter(index)].width = width
        cells.put(ws, 1, 1, TITLE, cells.TITLE)
        ws.row_dimensions[1].height = 30
        period = f"统计期间：{date_from:%Y-%m-%d} 至 {date_to:%Y-%m-%d}"
        cells.put(ws, 2, 1, f"{period}    导出时间：{now:%Y-%m-%d %H:%M}", cells.SUBTITLE)
        for column, (header, _w, _s) in enumerate(COLUMNS, 1):
            cells.put(ws, HEADER_ROW, column, header, cells.HEADER)
        for number, row in enumerate(rows, 1):
            values = _values(number, row)
            for column, (value, (_h, _w, style)) in enumerate(zip(values, COLUMNS, strict=True), 1):
                cells.put(ws, HEADER_ROW + number, column, value, style)
        last = HEADER_ROW + len(rows)
        print_layout.widen_to_text(ws, [2, 3, 4, 5], HEADER_ROW + 1, last)
        widths = print_layout.sheet_widths(ws, len(COLUMNS))
        # A4 landscape at 90 % on pages across, 序号 to 网格员 repeated at the left.
        scale = print_layout.set_up_for_paper(
            ws, widths, header_row=HEADER_ROW, title=TITLE, key_columns=KEY_COLUMNS, heading_rows=2
        )
        ws.row_dimensions[HEADER_ROW].height = 30  # 平均首次响应(小时) in two lines
        # The note spans the first page's columns, as the title and the period do: a range
        # merged over a page's edge prints cut there.
        first_page = print_layout.columns_on_first_page(widths, scale)
        page_col = get_column_letter(first_page)
        note_row = last + 2
        for column in range(1, first_page + 1):  # styled first: the merged range keeps them
            cells.put(ws, note_row, column, NOTE if column == 1 else None, cells.BODY_WRAP)
        ws.merge_cells(f"A{note_row}:{page_col}{note_row}")
        room = sum(widths[:first_page])
        lines = -(-print_layout.text_width(NOTE) // int(room * 0.9))
        ws.row_dimensions[note_row].height = 14 * lines + 8
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{HEADER_ROW + max(len(rows), 1)}"
        print_layout.paginate_table(
            ws,
            columns=len(COLUMNS),
            header=(HEADER_ROW, HEADER_ROW),
            last=note_row,
            landscape=True,
            scale=scale,
        )
        check_cancel(cancelled)
        wb.save(tmp)
    return WorkersSheetResult(Path(path), len(rows))


def export_worker_sheet(
    session: Session,
    path: Path | str,
    actor: Actor,
    date_from: date,
    date_to: date,
    *,
    now: datetime | None = None,
    cancelled: CancelCheck | None = None,
) -> WorkersSheetResult:
    """The period's figures of every grid worker written to ``path``; the export audited."""
    rows = worker_figures(session, actor, date_from, date_to)
    check_cancel(cancelled)
    result = write_worker_sheet(path, rows, date_from, date_to, now=now, cancelled=cancelled)
    record_export(
        session,
        actor,
        path,
        report="grid_workers",
        ticket_id=None,
        detail={
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
            "rows": result.rows,
            "file": Path(path).name,
        },
    )
    return result
