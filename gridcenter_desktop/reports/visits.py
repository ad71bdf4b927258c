"""The visit coverage sheet (走访覆盖): per month, each grid worker's visited households against
the target, with the grid and village totals; written alone (the 走访 window's export and
``gridcenter report visits``) or as one sheet of the statistical report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.reports import cells, print_layout
from gridcenter_desktop.reports.files import CancelCheck, atomic_output, check_cancel, record_export
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.visits.coverage import (
    MonthCoverage,
    add_months,
    coverage_months,
    month_start,
)

SHEET = "走访覆盖"
REPORT = "visit_coverage"  # the EXPORT audit entry's report name
HEADERS = ("月份", "网格员", "网格", "村（社区）", "走访户数", "目标户数", "覆盖率（%）")
WIDTHS = [10, 12, 24, 16, 11, 11, 12]
MAX_MONTHS = 24


def _percent(rate: float) -> float:
    return round(rate * 100, 2)


def coverage_sheet(ws: Worksheet, months: Sequence[MonthCoverage], subtitle: str = "") -> int:
    """Fill ``ws`` with the months' worker rows (the latest month first), then each month's
    village totals; returns the number of worker rows."""
    ws.title = SHEET
    last = get_column_letter(len(HEADERS))
    ws.merge_cells(f"A1:{last}1")
    cells.put(ws, 1, 1, "网格员走访覆盖情况", cells.TITLE)
    ws.row_dimensions[1].height = 30
    target = months[-1].target if months else 0
    line = subtitle or "每名网格员每月走访户数（同一户多次走访计一户）与目标对照"
    ws.merge_cells(f"A2:{last}2")
    cells.put(ws, 2, 1, f"{line}；每月目标 {target} 户", cells.SUBTITLE)
    header_row = 4
    for column, header in enumerate(HEADERS, 1):
        cells.put(ws, header_row, column, header, cells.HEADER)
    row = header_row + 1
    count = 0
    ordered = sorted(months, key=lambda m: m.month, reverse=True)
    for month in ordered:
        for w in month.workers:
            values = (
                f"{month.month:%Y-%m}",
                w.worker,
                w.grid,
                w.village,
                w.households,
                w.target,
                _percent(w.rate),
            )
            styles = (cells.BODY_CENTER, cells.BODY, cells.BODY, cells.BODY,
                      cells.BODY_INTEGER, cells.BODY_INTEGER, cells.BODY_PERCENT)  # fmt: skip
            for column, (value, style) in enumerate(zip(values, styles, strict=True), 1):
                cells.put(ws, row, column, value, style)
            row += 1
            count += 1
    # Each month's village totals under the same columns (the header repeated on a printed
    # page stays true over them): the workers counted in 网格员, 合计 in 网格.
    for month in ordered:
        for v in month.villages:
            values = (f"{month.month:%Y-%m}", f"{v.workers}人", "合计", v.name, v.households,
                      v.target, _percent(v.rate))  # fmt: skip
            for column, value in enumerate(values, 1):
                style = cells.HEADER if column in (2, 3) else cells.BODY
                if column == 7:
                    style = cells.BODY_PERCENT
                cell = cells.put(ws, row, column, value, style)
                cell.font = cells.HEADER.font
            row += 1
    for column, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(column)].width = width
    print_layout.widen_to_text(ws, [2, 3, 4], header_row + 1, row - 1)
    # Landscape: portrait would fit the seven columns one page wide only below 9 pt.
    scale = print_layout.set_up_for_paper(
        ws,
        print_layout.sheet_widths(ws, len(HEADERS)),
        header_row=header_row,
        title="网格员走访覆盖情况",
        key_columns=2,  # 月份, 网格员
    )
    print_layout.paginate_table(
        ws,
        columns=len(HEADERS),
        header=(header_row, header_row),
        last=row - 1,
        landscape=True,
        scale=scale,
    )
    return count


def months_of_period(date_from: date, date_to: date) -> tuple[date, int]:
    """The last month and how many months (at most MAX_MONTHS) a period covers."""
    first, last = month_start(date_from), month_start(date_to)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return last, max(1, min(count, MAX_MONTHS))


def summary_coverage_sheet(ws: Worksheet, session: Session, date_from: date, date_to: date) -> None:
    """The statistical report's 走访覆盖 sheet for the report's period."""
    last, count = months_of_period(date_from, date_to)
    coverage_sheet(
        ws,
        coverage_months(session, last, count),
        f"{date_from:%Y年%m月%d日}至{date_to:%Y年%m月%d日}，按月统计",
    )


def write_visit_coverage(
    session: Session,
    actor: Actor | None,
    path: Path | str,
    last_month: date,
    months: int = 1,
    *,
    now: datetime | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """Write the 走访覆盖 workbook for ``months`` months up to ``last_month`` (audited EXPORT);
    returns the number of worker rows."""
    now = now or china_now()
    months = max(1, min(int(months), MAX_MONTHS))
    coverage = coverage_months(session, last_month, months)
    check_cancel(cancelled)
    with atomic_output(path, cancelled) as tmp:
        book = Workbook()
        count = coverage_sheet(book.active, coverage)
        book.save(tmp)
    first = add_months(month_start(last_month), -(months - 1))
    record_export(
        session,
        actor,
        path,
        report=REPORT,
        ticket_id=None,
        detail={"from": f"{first:%Y-%m}", "to": f"{last_month:%Y-%m}", "rows": count},
    )
    return count
