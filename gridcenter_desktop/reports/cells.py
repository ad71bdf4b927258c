"""Safe cell writing and the styles the reports share.

Citizens' words go into these files. A spreadsheet treats text starting with ``=`` as a formula
(and some programs do the same for ``+ - @`` or a leading tab / carriage return), and text equal
to an error code (``#N/A``) as an error: such text is stored as a string cell with Excel's
"quote prefix" flag, so it is shown and re-edited as text and never evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# Excel refuses longer cell text; a longer description is cut with a visible mark.
MAX_CELL_TEXT = 32767
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
DAYS_FORMAT = "0.0"
PERCENT_FORMAT = "0.00"  # rates are percent figures (97.72), as the statistics give them
INTEGER_FORMAT = "#,##0"

BODY_FONT = "宋体"
HEADING_FONT = "黑体"

_THIN = Side(style="thin", color="FF808080")
GRID_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")


@dataclass(frozen=True, slots=True)
class CellStyle:
    """A bundle of openpyxl style objects applied together (immutable, so shared safely)."""

    font: Font | None = None
    fill: PatternFill | None = None
    border: Border | None = None
    alignment: Alignment | None = None
    number_format: str | None = None

    @property
    def wraps(self) -> bool:
        """Whether long text wraps onto more lines in a cell of this style."""
        return self.alignment is not None and bool(self.alignment.wrap_text)

    def apply(self, cell) -> None:
        """Set this style's parts on ``cell`` (a normal or write-only cell)."""
        if self.font is not None:
            cell.font = self.font
        if self.fill is not None:
            cell.fill = self.fill
        if self.border is not None:
            cell.border = self.border
        if self.alignment is not None:
            cell.alignment = self.alignment
        if self.number_format is not None:
            cell.number_format = self.number_format


TITLE = CellStyle(
    font=Font(name=HEADING_FONT, size=16, bold=True),
    alignment=Alignment(horizontal="center", vertical="center"),
)
SUBTITLE = CellStyle(
    font=Font(name=BODY_FONT, size=10, color="FF404040"),
    alignment=Alignment(horizontal="left", vertical="center"),
)
# Under a title on a sheet printed on pages across: centred, it stays clear of the identifying
# columns, which repeat (rows above the header too) at the left of every later page.
SUBTITLE_CENTRED = CellStyle(
    font=SUBTITLE.font, alignment=Alignment(horizontal="center", vertical="center")
)
HEADER = CellStyle(
    font=Font(name=HEADING_FONT, size=10, bold=True),
    fill=HEADER_FILL,
    border=GRID_BORDER,
    alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
)
BODY = CellStyle(
    font=Font(name=BODY_FONT, size=10),
    border=GRID_BORDER,
    alignment=Alignment(vertical="center"),
)
BODY_WRAP = CellStyle(
    font=Font(name=BODY_FONT, size=10),
    border=GRID_BORDER,
    alignment=Alignment(vertical="center", wrap_text=True),
)
BODY_CENTER = CellStyle(
    font=Font(name=BODY_FONT, size=10),
    border=GRID_BORDER,
    alignment=Alignment(horizontal="center", vertical="center"),
)
BODY_DATETIME = CellStyle(
    font=BODY.font, border=GRID_BORDER, alignment=BODY_CENTER.alignment,
    number_format=DATETIME_FORMAT,
)  # fmt: skip
BODY_DAYS = CellStyle(font=BODY.font, border=GRID_BORDER, number_format=DAYS_FORMAT)
BODY_INTEGER = CellStyle(font=BODY.font, border=GRID_BORDER, number_format=INTEGER_FORMAT)
BODY_PERCENT = CellStyle(font=BODY.font, border=GRID_BORDER, number_format=PERCENT_FORMAT)


def clean_text(text: str) -> str:
    """``text`` without the control characters XML cannot hold, cut to Excel's cell limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula or an error value."""
    return text.startswith(FORMULA_TRIGGERS) or text in ERROR_CODES


def set_value(cell, value) -> None:
    """Put ``value`` in ``cell``: text is cleaned and always stays text; numbers, dates and
    booleans keep their type so Excel can sum, sort and filter them."""
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        if is_formula_like(text):
            # openpyxl made it a formula/error cell; force an inline string, and the quote
            # prefix so Excel/WPS/LibreOffice keep it text when a user edits the cell.
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value


def styled_cell(ws, value, style: CellStyle | None = None) -> WriteOnlyCell:
    """A write-only cell holding ``value`` safely, with ``style`` applied."""
    cell = WriteOnlyCell(ws)
    if style is not None:
        style.apply(cell)
    set_value(cell, value)
    return cell


def put(ws, row: int, column: int, value, style: CellStyle | None = None):
    """Write ``value`` safely at (row, column) of a normal worksheet; returns the cell."""
    cell = ws.cell(row=row, column=column)
    set_value(cell, value)
    if style is not None:
        style.apply(cell)
    return cell


def set_up_register(ws, widths: list[float], header_row: int) -> None:
    """A register sheet's columns and paper: the widths, the header frozen and repeated on
    every page, A4 landscape one page wide and as many down as the rows need."""
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{header_row}:{header_row}"
