"""Rows of wrapped text are written as tall as their lines (LibreOffice does not grow them when
it opens a workbook, and prints the extra lines over the next rows)."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from gridcenter_desktop.reports import cells, print_layout
from gridcenter_desktop.reports.streaming import add_sheet

LINE = print_layout.BODY_LINE_POINTS


def _sheet(tmp_path, rows, explicit=None):
    wb = Workbook(write_only=True)
    ws = add_sheet(wb, "表")
    # Column 2 wraps at 10 units (five wide characters a line); column 1 does not.
    ws.grow_rows(2, [(1, 10)], LINE)
    for row, height in (explicit or {}).items():
        ws.row_dimensions[row].height = height
    for first, second in rows:
        ws.append([cells.styled_cell(ws, first, cells.BODY),
                   cells.styled_cell(ws, second, cells.BODY_WRAP)])  # fmt: skip
    wb.save(tmp_path / "t.xlsx")
    return load_workbook(tmp_path / "t.xlsx")["表"]


def test_a_row_is_as_tall_as_its_longest_wrapped_text(tmp_path):
    ws = _sheet(
        tmp_path,
        [
            ("标题", "五个汉字啊"),  # fits one line: the default height
            ("一二三四五六七八九十一二三四五六", "十一个汉字的一段话啊"),  # two lines
            ("x", "苏州市吴中区光福镇太湖渔港村12组43号"),  # 36 units: four lines
            ("x", "第一行\n第二行\n第三行"),  # lines of its own
            ("x", 12345678901234),  # a number never wraps
        ],
    )
    assert ws.row_dimensions[1].height is None
    assert ws.row_dimensions[2].height == 2 * LINE + 3
    assert ws.row_dimensions[3].height == 4 * LINE + 3
    assert ws.row_dimensions[4].height == 3 * LINE + 3
    assert ws.row_dimensions[5].height is None


def test_a_height_set_for_a_row_wins(tmp_path):
    ws = _sheet(tmp_path, [("表头", "很长很长很长很长很长的表头")], explicit={1: 28})
    assert ws.row_dimensions[1].height == 28
