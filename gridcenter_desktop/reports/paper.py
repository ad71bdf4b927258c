"""How a wide sheet goes on A4 paper at a readable size.

Excel, WPS and LibreOffice measure a column's width in "characters" of the workbook's default
font (Calibri 11 in the files openpyxl writes). Where that font is missing the unit grows:
measured, LibreOffice on a Linux desktop without Calibri (or its metric twin Carlito) makes a
unit 7 pt wide, where Excel on Windows makes it 7 pixels at 96 dpi, about 5.3 pt. A print
layout that fits the widest unit fits every program, so the sums below use it; Excel then
prints a little narrower, centred on the page.

Text widths are estimated the same way the columns are sized: a wide (CJK) character counts
two units, any other one, plus a unit for the cell's inner margins.
"""

from __future__ import annotations

from collections.abc import Sequence

# A4 landscape, in points.
A4_LANDSCAPE_WIDTH = 841.89
A4_LANDSCAPE_HEIGHT = 595.3
# Excel's "narrow" margins left and right (inches): room for the columns, still inside what
# office printers can print.
SIDE_MARGIN = 0.25
# The widest column unit measured (LibreOffice without Calibri), in points at 100 %.
UNIT_POINTS = 7.0
# The smallest printed text size (points) a ledger may be read at.
MIN_PRINTED_POINTS = 9.0
CELL_PADDING_UNITS = 1
# One line of the 10 pt body (宋体) in a row of wrapped text.
BODY_LINE_POINTS = 13.5


def text_units(text: str) -> int:
    """The width ``text`` needs in a column, in column units: wide characters count two, the
    others one, plus the cell's padding. For text in lines, the longest line."""
    return max(_units(line) for line in str(text).split("\n")) + CELL_PADDING_UNITS


def text_lines(text: str, room: int) -> int:
    """How many lines ``text`` takes in a wrapping column with ``room`` units for text."""
    return sum(-(-_units(line) // room) or 1 for line in text.split("\n"))


def _units(line: str) -> int:
    # GBK takes two bytes for a wide (CJK) character and one for the others: the estimate at C
    # speed, for the ledger's every row. (Characters GBK lacks count one, as "?".)
    return len(line.encode("gbk", "replace"))


def printable_units(scale: int, side_margin: float = SIDE_MARGIN) -> float:
    """How many column units fit across A4 landscape at ``scale`` percent."""
    width = A4_LANDSCAPE_WIDTH - 2 * side_margin * 72
    return width / (UNIT_POINTS * scale / 100)


def columns_that_fit(widths: Sequence[float], scale: int) -> int:
    """How many of the first ``widths`` fit across A4 landscape at ``scale`` percent."""
    room = printable_units(scale)
    used = 0.0
    for count, width in enumerate(widths):
        used += width
        if used > room:
            return count
    return len(widths)


def printed_points(font_points: float, scale: int) -> float:
    """The size text of ``font_points`` comes out on paper at ``scale`` percent."""
    return font_points * scale / 100
