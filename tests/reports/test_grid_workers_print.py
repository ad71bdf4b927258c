"""网格员工作情况 on paper: at 9 pt on pages across with the worker's columns repeated, the
title and the note span the first page, no name is cut, a town's workers are shared evenly
over A4 landscape pages with the header repeated."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gridcenter_desktop.core.enums import MemberRole
from gridcenter_desktop.reports import print_layout
from gridcenter_desktop.reports.grid_workers import HEADER_ROW, NOTE, write_worker_sheet
from gridcenter_desktop.services.grid_workers import WorkerFigures


def _workers(count: int) -> list[WorkerFigures]:
    return [
        WorkerFigures(
            person_id=n,
            name="欧阳" + "一二三四五六七八九十"[n % 10] + "明",
            role=MemberRole.WORKER,
            grid_id=n,
            grid_name=f"太湖渔港村第{n}网格",
            village_name="太湖渔港村",
            tickets_reported=n,
            visits=120,
            households_visited=98,
            visit_target=100,
            average_response_hours=12.25,
        )
        for n in range(1, count + 1)
    ]


def test_a_town_of_workers_prints_on_even_pages_with_nothing_cut(tmp_path):
    path = tmp_path / "网格员工作情况.xlsx"
    write_worker_sheet(path, _workers(48), date(2026, 11, 1), date(2026, 11, 30),
                       now=datetime(2026, 12, 2, 10))  # fmt: skip
    ws = load_workbook(path).active
    assert print_layout.cut_cells(ws) == []
    first_page = print_layout.columns_on_first_page(_widths(ws), ws.page_setup.scale)
    assert ws["A1"].value == "网格员工作情况" and f"A1:{get_column_letter(first_page)}1" in (
        ws.merged_cells
    )
    # 9 pt or more on paper; 序号 to 网格员 at the left of every page across.
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert print_layout.printed_points(10, ws.page_setup.scale) >= 9
    assert ws.print_title_cols == "$A:$D" and ws.page_setup.pageOrder == "overThenDown"
    assert print_layout.pages_across(_widths(ws), 4, ws.page_setup.scale) == 2
    note_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == NOTE)
    assert ws.cell(note_row, 1).alignment.wrap_text
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    breaks = [b.id for b in ws.row_breaks.brk]
    bounds = [HEADER_ROW, *breaks, note_row]
    counts = [b - a for a, b in zip(bounds, bounds[1:], strict=False)]
    assert len(counts) >= 2
    assert min(counts) >= 3 * print_layout.MIN_ROWS_ON_A_PAGE


def test_a_few_workers_print_on_one_page(tmp_path):
    path = tmp_path / "网格员工作情况.xlsx"
    write_worker_sheet(path, _workers(5), date(2026, 11, 1), date(2026, 11, 30))
    ws = load_workbook(path).active
    assert not ws.row_breaks.brk
    assert print_layout.printed_points(10, ws.page_setup.scale) >= 9


def _widths(ws) -> list[float]:
    return [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
