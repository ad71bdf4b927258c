"""The registers, the notice register, the audit log and the grid workers' sheet on paper
(without LibreOffice): A4 landscape at a fixed scale that prints their 10 pt text at 9 pt or
more, on pages across with the record's identifying columns repeated at the left and the
header at the top, numbered across first; long texts wrap in rows grown to their lines, and
nothing else is wider than its column."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from gridcenter_desktop.core.enums import RegisterKind
from gridcenter_desktop.reports import audit_log, notice_register, print_layout, registers
from gridcenter_desktop.reports.grid_workers import write_worker_sheet
from gridcenter_desktop.services.registers.columns import COLUMNS
from gridcenter_desktop.services.registers.query import RegisterQuery
from tests.registers.town import TODAY, build_register_town

from .paper_registers import add_long_registers, audit_rows, notice_rows
from .test_grid_workers_print import _workers

NOW = datetime(2026, 12, 2, 10)
REGISTERS = (RegisterKind.SPECIAL_GROUP, RegisterKind.RENTAL, RegisterKind.DANGER)


def check_paper(ws, header_row: int, key_columns: int) -> None:
    """What every register and log sheet must hold to print readable and whole."""
    scale = ws.page_setup.scale
    widths = print_layout.sheet_widths(ws, ws.max_column)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # never shrunk to the page
    sizes = {c.font.sz for row in ws.iter_rows(min_row=header_row) for c in row if c.value}
    assert print_layout.printed_points(min(sizes), scale) >= print_layout.MIN_PRINTED_POINTS
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    across = print_layout.pages_across(widths, key_columns, scale)
    assert across > 1
    assert ws.print_title_cols == f"$A:${chr(64 + key_columns)}"
    assert ws.page_setup.pageOrder == "overThenDown"
    # Every column fits a page beside the repeated ones.
    room = print_layout.printable_width_units(scale)
    assert sum(widths[:key_columns]) + max(widths[key_columns:]) <= room
    # No text wider than its column unless it wraps; wrapped text has the rows it needs.
    cut = [
        f"{cell.coordinate} {_shown(cell)}"
        for row in ws.iter_rows(min_row=header_row)
        for cell in row
        if cell.value is not None
        and not cell.alignment.wrap_text
        and print_layout.text_units(_shown(cell)) > widths[cell.column - 1]
    ]
    assert cut == []
    wrapped_rows = 0
    for row in ws.iter_rows(min_row=header_row + 1):
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            room_units = int(widths[cell.column - 1]) // 2 * 2
            lines = print_layout.text_lines(cell.value, room_units)
            if lines > 1:
                wrapped_rows += 1
                height = ws.row_dimensions[cell.row].height
                assert height is not None and height >= lines * print_layout.BODY_LINE_POINTS
    assert wrapped_rows > 0


def _shown(cell) -> str:
    """The cell's text as the sheet shows it (dates and times in their number format)."""
    if isinstance(cell.value, datetime):
        return cell.value.strftime("%Y-%m-%d %H:%M" if "hh" in cell.number_format else "%Y-%m-%d")
    return print_layout.shown_text(cell)


@pytest.fixture
def long_registers(session, tmp_path):
    rt = build_register_town(session)
    add_long_registers(session, rt, 12)
    paths = {}
    for kind in REGISTERS:
        paths[kind] = tmp_path / f"{kind.value}.xlsx"
        registers.export_register(session, rt.admin, kind, RegisterQuery(), paths[kind], TODAY)
    return paths


def test_each_register_prints_at_9_pt_on_pages_across_in_the_template_order(long_registers):
    for kind, path in long_registers.items():
        ws = load_workbook(path).active
        # The import template's columns in its order: the export imports again.
        assert [c.value for c in ws[1]] == [c.header for c in COLUMNS[kind]], kind
        assert ws.page_setup.scale == 90, kind
        check_paper(ws, 1, registers.KEY_COLUMNS[kind])
        assert ws.oddHeader.center.text.startswith(ws.title)


def test_the_special_groups_take_two_pages_across_with_name_repeated(long_registers):
    ws = load_workbook(long_registers[RegisterKind.SPECIAL_GROUP]).active
    assert [c.value for c in ws[1]][:3] == ["网格", "类别", "姓名"]
    widths = print_layout.sheet_widths(ws, ws.max_column)
    assert print_layout.pages_across(widths, 3, ws.page_setup.scale) == 2


def test_the_notice_register_prints_at_9_pt_on_pages_across(tmp_path):
    path = tmp_path / "notices.xlsx"
    notice_register.write_notice_register(path, notice_rows(30), now=NOW)
    ws = load_workbook(path).active
    check_paper(ws, notice_register.HEADER_ROW, notice_register.KEY_COLUMNS)
    # The title spans the first page only, so it prints whole there.
    first = print_layout.columns_on_first_page(
        print_layout.sheet_widths(ws, ws.max_column), ws.page_setup.scale
    )
    assert f"A1:{chr(64 + first)}1" in ws.merged_cells


def test_the_audit_log_prints_at_9_pt_on_pages_across(session, tmp_path):
    path = tmp_path / "audit.xlsx"
    audit_log.write_rows(session, path, [audit_rows(40)], total=40, description="全部记录", now=NOW)
    ws = load_workbook(path).active
    check_paper(ws, audit_log.HEADER_ROW, audit_log.KEY_COLUMNS)


def test_the_grid_workers_sheet_prints_at_9_pt_on_pages_across(tmp_path):
    path = tmp_path / "workers.xlsx"
    write_worker_sheet(path, _workers(30), date(2026, 11, 1), date(2026, 11, 30), now=NOW)
    ws = load_workbook(path).active
    widths = print_layout.sheet_widths(ws, ws.max_column)
    assert print_layout.printed_points(10, ws.page_setup.scale) >= 9
    assert print_layout.pages_across(widths, 4, ws.page_setup.scale) == 2
    assert ws.print_title_cols == "$A:$D"


def test_a_narrow_table_prints_one_page_wide_at_full_size():
    # The visit coverage table's seven columns: no pages across, nothing repeated.
    assert print_layout.readable_scale([10, 12, 24, 16, 11, 11, 12]) == 100
    assert print_layout.pages_across([10, 12, 24, 16, 11, 11, 12], 2, 100) == 1
    assert print_layout.readable_scale([10] * 30) == 90
