"""Streaming rows into a write-only worksheet fast, with styles, and dropping a half-written
sheet cleanly. Used by the ledger, whose size is unbounded, and the reply sheet."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.dimensions import DimensionHolder

from gridcenter_desktop.reports import cells
from gridcenter_desktop.reports.print_layout import text_lines


class _GrowingRows(DimensionHolder):
    """A CellRowSheet's row dimensions: a height set for a row number wins; any other row is
    written with the height its wrapped text needs (``pending``, worked out on append)."""

    pending: dict[str, str] | None = None

    def get(self, key, default=None):
        found = dict.get(self, key)
        if found is not None:
            return found
        return self.pending or default


class CellRowSheet(WriteOnlyWorksheet):
    """A write-only sheet whose appended rows are always lists of ready cells.

    openpyxl's own ``append`` first tries every item as a plain value and, for a cell, fails
    with a formatted ValueError before using it: measured, that costs more than writing the
    cell. The ledger's rows are cells (for their styles), so this sheet takes them as they
    are. (Overrides a private openpyxl method; the ledger tests read every file back, so a
    change in openpyxl shows at once.)

    Rows whose wrapping cells hold long text are given the height of their lines
    (``grow_rows``): LibreOffice does not fit a row's height to wrapped text when it opens
    a workbook, so a row left at the default height prints its second line over the next row.
    """

    def _setup(self):
        super()._setup()
        self.row_dimensions = _GrowingRows(worksheet=self, default_factory=self._add_row)
        self._wrapping: tuple[tuple[int, int], ...] = ()
        self._row_width = 0
        self._line_points = 0.0
        self._heights: dict[int, dict[str, str]] = {}

    def grow_rows(
        self, row_width: int, wrapping: Sequence[tuple[int, float]], line_points: float
    ) -> None:
        """Give each appended row of ``row_width`` cells the height of its longest wrapped
        text: ``wrapping`` holds each wrapping column's index (from 0) and width (in column
        units), ``line_points`` the height of one line of text."""
        self._row_width = row_width
        # A column of w units holds w // 2 wide characters a line in Excel (a unit is about
        # half a 10 pt wide character there; LibreOffice fits more): whole wide characters,
        # an odd unit left at a line's end stays empty.
        self._wrapping = tuple((i, max(2, int(width) // 2 * 2)) for i, width in wrapping)
        self._line_points = line_points

    def _values_to_row(self, values, row_idx):
        for col_idx, cell in enumerate(values, 1):
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    def append(self, row):
        if self._wrapping:
            self.row_dimensions.pending = self._height(row)
        super().append(row)

    def _height(self, row) -> dict[str, str] | None:
        # Per row of a ledger of 100,000: kept to plain operations (GBK's byte count is the
        # width estimate, print_layout.text_units, at C speed; text_lines only for text in lines).
        if len(row) != self._row_width:
            return None
        lines = 1
        for index, room in self._wrapping:
            text = row[index]._value
            if text.__class__ is str and len(text) * 2 > room:
                if "\n" in text:
                    needed = text_lines(text, room)
                else:
                    needed = -(-len(text.encode("gbk", "replace")) // room)
                if needed > lines:
                    lines = needed
        if lines == 1:
            return None
        height = self._heights.get(lines)
        if height is None:
            height = {"ht": f"{lines * self._line_points + 3:g}", "customHeight": "1"}
            self._heights[lines] = height
        return height


def add_sheet(wb: Workbook, title: str) -> CellRowSheet:
    """A new CellRowSheet at the end of the write-only workbook ``wb`` (openpyxl's
    ``create_sheet`` makes its own sheet class, so the sheet is added by its private door)."""
    ws = CellRowSheet(parent=wb, title=title)
    wb._add_sheet(ws)
    return ws


class TemplateCell(Cell):
    """A styled cell reused for every row of its column. Its style never changes, so its
    style id is looked up once instead of once per written cell."""

    __slots__ = ("_fixed_style_id",)

    # A template exists to carry its column's style (a font and a border at least), so the
    # writer's per-cell "any style set?" scan of the style array is answered once here.
    has_style = True

    @property
    def style_id(self) -> int:
        return self._fixed_style_id


def template_cell(ws, style: cells.CellStyle) -> TemplateCell:
    """A cell styled with ``style`` whose value the caller sets for each row."""
    cell = TemplateCell(ws)
    style.apply(cell)
    cell._fixed_style_id = ws.parent._cell_styles.add(cell._style)
    return cell


# Text already made safe, by its raw value: a ledger repeats the same labels, villages, grids
# and departments on every row, so most texts are cleaned once. Bounded, so memory stays flat.
_CLEAN_LIMIT = 20_000


def fill_row(
    ws,
    templates: list[TemplateCell],
    styles: Sequence[cells.CellStyle],
    values: Sequence,
    clean: dict[str, str | None] | None = None,
) -> list[Cell]:
    """The row's cells: the column templates holding this row's values (``styles`` are the
    columns' styles, for the rare text that needs a cell of its own).

    Values are bound directly (text "s", numbers "n", datetimes "d"): the ledger knows the
    types it writes, and openpyxl's general binding (type probing, a second scan of each text
    for control characters) was the largest cost after the XML itself. ``clean`` (a dict the
    caller keeps for the whole sheet) remembers each text's cleaned form, None for text a
    spreadsheet could take for a formula.
    """
    if clean is None:
        clean = {}
    elif len(clean) > _CLEAN_LIMIT:
        clean.clear()
    if len(templates) != len(values):
        raise ValueError(f"{len(values)} values for {len(templates)} columns")
    row: list[Cell] = []
    append = row.append
    index = 0
    for value in values:
        template = templates[index]
        kind = value.__class__
        if kind is str:
            text = clean.get(value, "")
            if text == "":
                text = cells.clean_text(value)
                if cells.is_formula_like(text):
                    text = None
                clean[value] = text
            if text is None:
                # A fresh cell: the quote-prefix flag must not stick to the shared template.
                append(cells.styled_cell(ws, value, styles[index]))
                index += 1
                continue
            template._value = text
            template.data_type = "s"
        elif value is None:
            template._value = None
            template.data_type = "n"
        elif kind is int or kind is float:
            template._value = value
            template.data_type = "n"
        elif kind is datetime:
            template._value = value
            template.data_type = "d"
        else:
            template.value = value
        append(template)
        index += 1
    return row


def discard(ws) -> None:
    """Drop a half-written write-only sheet's temporary stream (openpyxl keeps it in the system
    temp folder until save)."""
    writer = getattr(ws, "_writer", None)
    rows = getattr(ws, "_rows", None)
    with contextlib.suppress(Exception):
        if rows is not None:
            rows.close()
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.close()
        with contextlib.suppress(Exception):
            writer.cleanup()
