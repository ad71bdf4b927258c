"""How the workbooks go on paper (A4): the statistical report's sheets (margins, a running
header with the report's title, page numbers, page breaks that keep every page a fair share of
a long table), the ledger's columns at a readable size, and the registers and logs on pages
across (their sections below).

LibreOffice and Excel repeat a sheet's print title rows on every page of that sheet, so a
sheet that prints a table with repeated headers holds nothing else; charts live on sheets of
their own (reports/summary.py). Page breaks are computed here from the column widths and row
heights the sheet declares, the same arithmetic the spreadsheet programs use to scale a sheet
to the page width, with a safety share so that a program measuring a little differently never
adds a break of its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# A4 in points, and the margins (inches, as the file stores them).
A4_PT = (595.0, 842.0)
MARGIN_SIDE = 0.5
MARGIN_TOP = 0.75
MARGIN_BOTTOM = 0.75
MARGIN_HEADER = 0.3
PAGE_NUMBERS = "第 &P 页，共 &N 页"

BODY_ROW_PT = 15.0  # a table row of 10 pt text (Excel's own default row)
DEFAULT_ROW_PT = 15.0
SAFETY = 0.97  # the share of a page's computed height the rows may fill
MIN_ROWS_ON_A_PAGE = 3


def text_width(text: str) -> int:
    """Width of ``text`` in character units: a CJK (wide) character takes two, any other one
    (the estimate of ``text_units`` below, without the cell's padding)."""
    return _units(text)


def column_pt(width_chars: float) -> float:
    """A column's printed width in points for its width in characters (Excel's rule: 7 px per
    character and 5 px of padding, at 96 px per inch)."""
    return (width_chars * 7 + 5) * 0.75


def printable_pt(landscape: bool) -> tuple[float, float]:
    """The width and height inside the margins of an A4 page."""
    width, height = A4_PT[::-1] if landscape else A4_PT
    return width - 2 * MARGIN_SIDE * 72, height - (MARGIN_TOP + MARGIN_BOTTOM) * 72


def set_paper(
    ws: Worksheet,
    title: str,
    *,
    landscape: bool,
    pages_tall: int = 0,
    title_rows: tuple[int, int] | None = None,
) -> None:
    """A4 in ``landscape`` or portrait, one page wide (``pages_tall`` pages tall, 0: as many as
    the rows need), centred, the report's ``title`` at the top of every page and the page
    numbers at the bottom; ``title_rows`` (first, last) repeated on every page."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = pages_tall
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    margins.left = margins.right = MARGIN_SIDE
    margins.top, margins.bottom = MARGIN_TOP, MARGIN_BOTTOM
    margins.header = margins.footer = MARGIN_HEADER
    ws.oddHeader.center.text = title
    ws.oddHeader.center.size = 9
    ws.oddFooter.center.text = PAGE_NUMBERS
    ws.oddFooter.center.size = 9
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def sheet_width_pt(ws: Worksheet, columns: int) -> float:
    """The printed width of the first ``columns`` columns."""
    total = 0.0
    for index in range(1, columns + 1):
        letter = get_column_letter(index)
        # openpyxl makes up a 13-character column on reading one not set: 8.43 is the default.
        width = ws.column_dimensions[letter].width if letter in ws.column_dimensions else None
        total += column_pt(width or 8.43)
    return total


def _row_pt(ws: Worksheet, row: int) -> float:
    return ws.row_dimensions[row].height or DEFAULT_ROW_PT


def paginate_table(
    ws: Worksheet,
    *,
    columns: int,
    header: tuple[int, int],
    last: int,
    landscape: bool,
    scale: int | None = None,
) -> int:
    """Lay the table whose header rows are ``header`` (first, last) and whose rows run to
    ``last`` out on pages: on one page (shrunk a little if need be) when it nearly fits, else
    on as many pages as it needs with the rows shared evenly between them and the header
    repeated, so no page carries a stray row or two. Sets the body rows' height. Returns the
    number of pages.

    The rows a page takes are counted at the scale Excel's default font (Calibri) gives the
    sheet; LibreOffice without that font measures the columns wider and shrinks the sheet
    more, so the same pages come out with more white below, never with a row more.

    With a fixed ``scale`` (percent; a sheet set up by :func:`set_up_for_paper`) the rows are
    counted at that scale and the sheet is never shrunk onto fewer pages.
    """
    first_body = header[1] + 1
    for row in range(first_body, last + 1):
        if ws.row_dimensions[row].height is None:
            ws.row_dimensions[row].height = BODY_ROW_PT
    page_w, page_h = printable_pt(landscape)
    fixed = scale is not None
    share = scale / 100 if fixed else min(1.0, page_w / sheet_width_pt(ws, columns))
    room = page_h / share * SAFETY  # the page's height in the sheet's own points
    above = sum(_row_pt(ws, r) for r in range(1, header[1] + 1))
    heads = sum(_row_pt(ws, r) for r in range(header[0], header[1] + 1))
    body = [_row_pt(ws, r) for r in range(first_body, last + 1)]
    ws.row_breaks = RowBreak()
    if above + sum(body) <= room * (1.0 if fixed else 1.1):
        if not fixed:
            # Nearly one page: shrink it onto one rather than spill a few rows.
            set_fit(ws, pages_tall=1)
        return 1
    capacity = room - max(above, heads)
    pages = max(1, math.ceil(sum(body) / capacity))
    while True:
        cuts = _even_cuts(body, pages)
        sizes = [b - a for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
        heights = [sum(body[a:b]) for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
        if max(heights) <= capacity or min(sizes) <= MIN_ROWS_ON_A_PAGE:
            break
        pages += 1
    for cut in cuts:
        ws.row_breaks.append(Break(id=first_body - 1 + cut))
    # As many pages tall as the breaks make: LibreOffice ignores manual breaks on a sheet
    # fitted to N pages tall.
    if not fixed:
        set_fit(ws, pages_tall=0)
    ws.print_title_rows = f"{header[0]}:{header[1]}"
    return pages


def _even_cuts(heights: list[float], pages: int) -> list[int]:
    """Where to end each page but the last (row counts from the first body row) so that the
    pages hold about the same height: each cut at the row whose running height is nearest to
    its share."""
    total = sum(heights)
    cuts, running, index = [], 0.0, 0
    for page in range(1, pages):
        target = total * page / pages
        while index < len(heights) and running + heights[index] / 2 <= target:
            running += heights[index]
            index += 1
        cuts.append(index)
    return cuts


def set_fit(ws: Worksheet, *, pages_tall: int) -> None:
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = pages_tall


def shown_text(cell) -> str:
    """The text a spreadsheet shows for ``cell`` (numbers as their number format writes them),
    as far as the report's own formats go."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    fmt = cell.number_format or "General"
    decimals = 0
    if "0.0" in fmt:
        decimals = len(fmt.split(";")[0].split(".")[1].split('"')[0])
    text = f"{value:,.{decimals}f}" if "#,##0" in fmt else f"{value:.{decimals}f}"
    if fmt.startswith("+") and value > 0:
        text = "+" + text
    if '"' in fmt:
        text += fmt.split('"')[1]
    return text if fmt != "General" else str(value)


def cut_cells(ws: Worksheet, padding: int = 1) -> list[str]:
    """The cells of ``ws`` whose shown text is wider than the room it has, and so would be
    cut (or shown as ### for a number) on paper: text that is not wrapped, measured in
    character units (a CJK character two) against its column, or its merged range, plus
    ``padding``; left-aligned text may run on into the empty cells to its right."""
    merged = {}
    covered = set()
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = rng
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                covered.add((row, col))

    def width(col: int) -> float:
        letter = get_column_letter(col)
        return (
            ws.column_dimensions[letter].width if letter in ws.column_dimensions else None
        ) or 8.43

    cut = []
    for row in ws.iter_rows():
        for cell in row:
            text = shown_text(cell)
            if not text or (cell.alignment is not None and cell.alignment.wrap_text):
                continue
            rng = merged.get((cell.row, cell.column))
            if rng is not None:
                room = sum(width(c) for c in range(rng.min_col, rng.max_col + 1))
            else:
                room = width(cell.column)
                numeric = isinstance(cell.value, int | float)
                left = not numeric and (cell.alignment is None or cell.alignment.horizontal
                                        in (None, "general", "left"))  # fmt: skip
                col = cell.column + 1
                while (
                    left
                    and col <= ws.max_column
                    and (cell.row, col) not in covered
                    and (ws.cell(cell.row, col).value is None)
                ):
                    room += width(col)
                    col += 1
            if text_width(text) + padding > room:
                cut.append(f"{cell.coordinate} {text!r}")
    return cut


def widen_to_text(ws: Worksheet, columns: range | list[int], first: int, last: int) -> None:
    """Widen each of ``columns`` (numbers) to hold the widest text of rows ``first`` ..
    ``last`` on one line (names of grids and departments are never cut on paper)."""
    for col in columns:
        letter = get_column_letter(col)
        texts = (shown_text(ws.cell(row, col)) for row in range(first, last + 1))
        widest = max((text_width(t) for t in texts), default=0)
        current = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 8.43
        ws.column_dimensions[letter].width = max(current or 8.43, widest + 2)


# -- Wide sheets (the ledger) at a readable size ----------------------------------------
#
# How a wide sheet goes on A4 paper at a readable size.
#
# Excel, WPS and LibreOffice measure a column's width in "characters" of the workbook's default
# font (Calibri 11 in the files openpyxl writes). Where that font is missing the unit grows:
# measured, LibreOffice on a Linux desktop without Calibri (or its metric twin Carlito) makes a
# unit 7 pt wide, where Excel on Windows makes it 7 pixels at 96 dpi, about 5.3 pt. A print
# layout that fits the widest unit fits every program, so the sums below use it; Excel then
# prints a little narrower, centred on the page.
#
# Text widths are estimated the same way the columns are sized: a wide (CJK) character counts
# two units, any other one, plus a unit for the cell's inner margins.
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


def printed_points(font_points: float, scale: int) -> float:
    """The size text of ``font_points`` comes out on paper at ``scale`` percent."""
    return font_points * scale / 100


# -- Registers and logs on paper ---------------------------------------------------------
#
# A register (or a log) is read on paper record by record, and it is too wide for one A4 page
# at a readable size. Fitting it one page wide printed it at 4-6 pt in LibreOffice. So a sheet
# that does not fit across at 90 % (the 10 pt body at 9 pt) prints at 90 % on pages across,
# its identifying columns repeated at the left of every page and its header row at the top,
# the pages numbered across first: pages 1 and 2 hold the same records' left and right
# parts, to lay side by side, as a reader follows a record along its row. (Down first would
# print every record's left part, then, many pages later, their right parts.)
PAGE_ORDER = "overThenDown"
# The largest scale (percent) a sheet prints at: at 100 % the 10 pt body prints at 10 pt.
FULL_SCALE = 100
READABLE_SCALE = 90  # the 10 pt body at 9 pt
HEADER_LINE_POINTS = 13.5


def printable_width_units(scale: int, *, landscape: bool = True) -> float:
    """How many column units (LibreOffice's 7 pt) fit across A4 between the narrow side
    margins at ``scale`` percent."""
    width = (A4_LANDSCAPE_WIDTH if landscape else A4_LANDSCAPE_HEIGHT) - 2 * SIDE_MARGIN * 72
    return width / (UNIT_POINTS * scale / 100)


def readable_scale(widths: Sequence[float], *, landscape: bool = True) -> int:
    """The scale a table of column ``widths`` prints at: the largest up to 100 % at which it
    fits one page across, if that is still 90 % or more; else 90 % (and pages across)."""
    total = sum(widths)
    fit = int(100 * printable_width_units(100, landscape=landscape) / total) if total else 100
    return min(FULL_SCALE, fit) if fit >= READABLE_SCALE else READABLE_SCALE


def pages_across(widths: Sequence[float], key_columns: int, scale: int, *, landscape=True) -> int:
    """How many pages across the columns of ``widths`` take at ``scale``, the first
    ``key_columns`` repeated at the left of every page after the first (each page takes whole
    columns, as the spreadsheet programs break them)."""
    room = printable_width_units(scale, landscape=landscape)
    keys = sum(widths[:key_columns])
    pages, used = 1, 0.0
    for width in widths:
        if used + width > room:
            pages, used = pages + 1, keys
        used += width
    return pages


def columns_on_first_page(widths: Sequence[float], scale: int, *, landscape=True) -> int:
    """How many of the first ``widths`` print on the first page at ``scale``."""
    room = printable_width_units(scale, landscape=landscape)
    used = 0.0
    for count, width in enumerate(widths):
        used += width
        if used > room:
            return count
    return len(widths)


def sheet_widths(ws: Worksheet, columns: int) -> list[float]:
    """The widths (units) of the first ``columns`` columns of ``ws`` (8.43 where not set)."""
    dims = ws.column_dimensions
    return [
        (dims[letter].width if letter in dims else None) or 8.43
        for letter in map(get_column_letter, range(1, columns + 1))
    ]


def header_height(headers: Sequence[str], widths: Sequence[float]) -> float | None:
    """The height of a wrapped header row holding each of ``headers`` in its column's width
    (None: one line, the default height)."""
    pairs = zip(headers, widths, strict=True)
    lines = max(text_lines(h, max(2, int(w) - CELL_PADDING_UNITS)) for h, w in pairs)
    return None if lines <= 1 else lines * HEADER_LINE_POINTS + 3


def set_up_for_paper(
    ws: Worksheet,
    widths: Sequence[float],
    *,
    header_row: int,
    title: str,
    key_columns: int,
    headers: Sequence[str] = (),
    heading_rows: int = 0,
    landscape: bool = True,
) -> int:
    """Set a register's or a log's sheet up for A4 at 9 pt or more: the column ``widths``
    (units), the header frozen and repeated on every page, and a scale from
    :func:`readable_scale` (never fitted to the page); a sheet too wide for one page prints on
    pages across, numbered across first, its first ``key_columns`` (what identifies a record)
    repeated at the left of each. The page header carries ``title``, the footer the page
    numbers. ``headers`` (the header row's texts) give the header row its wrapped height.
    The first ``heading_rows`` (the title, what the sheet covers) are merged over the first
    page's columns: a title centred over all the columns would print cut at a page's edge.
    Returns the scale. Long texts are the caller's to wrap (their rows grown to their lines:
    streaming.CellRowSheet.grow_rows)."""
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    scale = readable_scale(widths, landscape=landscape)
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
    ws.page_setup.scale = scale
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = None
    margins = ws.page_margins
    margins.left = margins.right = SIDE_MARGIN
    # Room between the paper's edge and the table for the page header and footer, or
    # LibreOffice prints the table over them.
    margins.top, margins.bottom = MARGIN_TOP, MARGIN_BOTTOM
    margins.header = margins.footer = MARGIN_HEADER
    ws.oddHeader.center.text = title.replace("&", "&&")  # "&" starts a header code
    ws.oddHeader.center.size = 9
    ws.oddFooter.center.text = PAGE_NUMBERS
    ws.oddFooter.center.size = 9
    ws.print_title_rows = f"{header_row}:{header_row}"
    if pages_across(widths, key_columns, scale, landscape=landscape) > 1:
        ws.print_title_cols = f"A:{get_column_letter(key_columns)}"
        ws.page_setup.pageOrder = PAGE_ORDER
    else:
        ws.print_options.horizontalCentered = True
    page = get_column_letter(columns_on_first_page(widths, scale, landscape=landscape))
    for row in range(1, heading_rows + 1):
        if isinstance(ws, Worksheet):
            ws.merge_cells(f"A{row}:{page}{row}")
        else:  # a write-only sheet: the range is written with the sheet
            ws.merged_cells.add(f"A{row}:{page}{row}")
    if headers:
        height = header_height(headers, widths)
        if height is not None:
            ws.row_dimensions[header_row].height = height
    return scale


def set_up_streamed_table(
    ws,
    columns: Sequence[tuple[str, float, object]],
    *,
    header_row: int,
    title: str,
    key_columns: int,
) -> None:
    """A log or register written row by row (streaming.CellRowSheet) whose ``columns`` are
    (header, width, cell style): set up as :func:`set_up_for_paper`, the rows above the header
    as its heading, and every row grown to its wrapping columns' lines (LibreOffice would print
    wrapped text over the next rows)."""
    set_up_for_paper(
        ws,
        [width for _header, width, _style in columns],
        header_row=header_row,
        title=title,
        key_columns=key_columns,
        headers=[header for header, _width, _style in columns],
        heading_rows=header_row - 1,
    )
    wrapping = [(i, width) for i, (_h, width, style) in enumerate(columns) if style.wraps]
    ws.grow_rows(len(columns), wrapping, BODY_LINE_POINTS)
