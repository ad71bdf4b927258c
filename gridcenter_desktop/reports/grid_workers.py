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
from gridcenter_desktop.reports import cells
from gridcenter_desktop.reports.cells import set_up_register
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
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(SHEET_NAME)
        set_up_register(ws, [width for _h, width, _s in COLUMNS], HEADER_ROW)
        ws.append([cells.styled_cell(ws, TITLE, cells.TITLE)])
        period = f"统计期间：{date_from:%Y-%m-%d} 至 {date_to:%Y-%m-%d}"
        subtitle = f"{period}    导出时间：{now:%Y-%m-%d %H:%M}"
        ws.append([cells.styled_cell(ws, subtitle, cells.SUBTITLE)])
        ws.append([cells.styled_cell(ws, c[0], cells.HEADER) for c in COLUMNS])
        for number, row in enumerate(rows, 1):
            ws.append(
                [
                    cells.styled_cell(ws, v, c[2])
                    for v, c in zip(_values(number, row), COLUMNS, strict=True)
                ]
            )
        ws.append([])
        ws.append([cells.styled_cell(ws, NOTE, cells.BODY)])
        ws.auto_filter.ref = (
            f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{HEADER_ROW + max(len(rows), 1)}"
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
