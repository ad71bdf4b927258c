"""Citizens' words come back from the file exactly as text, never as formulas or errors."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from gridcenter_desktop.reports.cells import (
    BODY_DATETIME,
    MAX_CELL_TEXT,
    put,
    styled_cell,
)

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","点我")',
    "+86 138 0000 0000",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=cmd|' /C calc'!A0",
    "\r=1",
    "#N/A",
    "=",
]


@pytest.mark.parametrize("write_only", [True, False])
def test_formula_like_text_comes_back_as_text(tmp_path, write_only):
    path = tmp_path / "x.xlsx"
    wb = Workbook(write_only=write_only)
    if write_only:
        ws = wb.create_sheet("s")
        for text in DANGEROUS:
            ws.append([styled_cell(ws, text)])
    else:
        ws = wb.active
        for row, text in enumerate(DANGEROUS, 1):
            put(ws, row, 1, text)
    wb.save(path)

    back = load_workbook(path).worksheets[0]
    cells = [back.cell(row=i, column=1) for i in range(1, len(DANGEROUS) + 1)]
    assert [c.value for c in cells] == DANGEROUS
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells if c.value != "")


def test_control_characters_and_overlong_text_do_not_break_the_file(tmp_path):
    path = tmp_path / "x.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    ws.append([styled_cell(ws, "漏水\x00\x07严重"), styled_cell(ws, "长" * (MAX_CELL_TEXT + 10))])
    wb.save(path)
    back = load_workbook(path).worksheets[0]
    assert back["A1"].value == "漏水严重"
    assert len(back["B1"].value) == MAX_CELL_TEXT


def test_numbers_and_dates_keep_their_types(tmp_path):
    path = tmp_path / "x.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    when = datetime(2022, 3, 1, 9, 30)
    ws.append([styled_cell(ws, 3.5), styled_cell(ws, when, BODY_DATETIME), styled_cell(ws, 7)])
    wb.save(path)
    back = load_workbook(path).worksheets[0]
    assert back["A1"].value == 3.5 and back["A1"].data_type == "n"
    assert back["B1"].value == when and back["B1"].is_date
    assert back["B1"].number_format == "yyyy-mm-dd hh:mm"
    assert back["C1"].value == 7
