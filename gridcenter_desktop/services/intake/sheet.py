"""Reading a platform's sheet (.xlsx, or .csv as Chinese Excel saves it) into an IncomingSheet.

The header row is looked for in the first ten rows (platforms put a merged title and an
export-time line above it); rows that hold nothing (Excel's formatted but empty rows at the end)
are skipped; every cell goes through cells.convert, and what cannot be read becomes a
CellProblem of that row and column, never an exception. A file that is not a sheet we can read
is refused as a whole: ValidationError("file", rule), worded by problems.file_problem_text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from openpyxl import load_workbook

from gridcenter_desktop.core.enums import IntakeField
from gridcenter_desktop.services.admin.base_workbook import (
    HEADER_SCAN_ROWS,
    is_workbook_archive,
    refuse_missing_or_xls,
)
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake.cells import cell_text, convert
from gridcenter_desktop.services.intake.columns import fold_header, missing_fields, recognise
from gridcenter_desktop.services.intake.rows import (
    CellProblem,
    IncomingSheet,
    Profile,
    Progress,
    SheetRow,
    column_letter,
)

XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_SUFFIXES = frozenset({".csv", ".txt"})
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# How often the progress callback hears from a long read.
PROGRESS_EVERY = 500

ProgressCallback = Callable[[Progress], None]


def read_sheet(
    path: str | Path,
    *,
    profile: Profile | None = None,
    progress: ProgressCallback | None = None,
) -> IncomingSheet:
    """The file's header, mapping and rows. ``profile`` (a saved mapping) decides the columns
    it names before the synonyms do. Refuses files it cannot read: ValidationError("file",
    "not_found" | "xls_format" | "not_workbook" | "unknown_encoding" | "not_text" |
    "unsupported_format" | "no_header")."""
    path = Path(path)
    rows, total = sheet_rows(path)
    try:
        return _read(path, rows, total, profile, progress)
    finally:
        # A read stopped early (no header row) still closes the workbook's file.
        close = getattr(rows, "close", None)
        if close is not None:
            close()


# --- the two file kinds, as (row number, cells) ----------------------------------------------


def sheet_rows(path: Path) -> tuple[Iterator[tuple[int, Sequence[object]]], int]:
    """A workbook's first sheet or a CSV file (UTF-8 with or without BOM, or GB18030) as
    (row number, cells) with the row count: the one reader of every sheet the desk takes in
    (platform tickets, the visits app's export, the video channels' registry). The caller closes
    the iterator when it stops early (``close`` where it has one). Refuses a missing file, an
    old .xls and other formats: ValidationError("file", ...)."""
    refuse_missing_or_xls(path)
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES or (zipfile.is_zipfile(path) and suffix not in CSV_SUFFIXES):
        return _xlsx_rows(path)
    if suffix in CSV_SUFFIXES:
        return _csv_rows(path)
    raise ValidationError("file", "unsupported_format")


def _xlsx_rows(path: Path) -> tuple[Iterator[tuple[int, Sequence[object]]], int]:
    if not is_workbook_archive(path):
        raise ValidationError("file", "not_workbook")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ValidationError("file", "not_workbook") from None
    sheet = book.worksheets[0]
    # The first sheet is the list (platforms export one); a later sheet would be notes.
    total = sheet.max_row or 0

    def rows() -> Iterator[tuple[int, Sequence[object]]]:
        try:
            yield from enumerate(sheet.iter_rows(values_only=True), start=1)
        except Exception:  # a sheet damaged half-way: refused whole, never half-read
            raise ValidationError("file", "not_workbook") from None
        finally:
            book.close()

    return rows(), total


def _csv_rows(path: Path) -> tuple[Iterator[tuple[int, Sequence[object]]], int]:
    text = _decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return iter(enumerate(lines, start=1)), len(lines)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030 (Chinese Excel's "CSV"); nothing else: a guess
    at another encoding would import garbled names without a word."""
    if data.startswith(_UTF8_BOM):
        try:
            return data[len(_UTF8_BOM) :].decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError("file", "unknown_encoding") from None
    if data.startswith(_UTF16_BOMS):
        raise ValidationError("file", "unknown_encoding")
    if b"\x00" in data:
        raise ValidationError("file", "not_text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("file", "unknown_encoding")


# --- header and rows -------------------------------------------------------------------------


def _read(
    path: Path,
    rows: Iterator[tuple[int, Sequence[object]]],
    total: int,
    profile: Profile | None,
    progress: ProgressCallback | None,
) -> IncomingSheet:
    scanned: list[tuple[int, Sequence[object]]] = []
    for item in rows:
        scanned.append(item)
        if len(scanned) >= HEADER_SCAN_ROWS:
            break
    found = _header_row(scanned, profile)
    if found is None:
        raise ValidationError("file", "no_header")
    header_number, header_cells = found
    headers = _headers(header_cells)
    fields, unrecognised = recognise(headers, profile)
    sheet_problems = tuple(
        CellProblem(header_number, "", "", "missing_column", field.value)
        for field in missing_fields(fields)
    )
    data = (item for item in _chain(scanned, rows) if item[0] > header_number)
    out: list[SheetRow] = []
    for number, cells in data:
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(Progress(number, total, "read"))
        if _blank(cells):
            continue
        out.append(_row(number, cells, headers, fields))
    if progress is not None:
        progress(Progress(total, total, "read"))
    return IncomingSheet(
        path=path,
        headers=headers,
        fields=fields,
        rows=tuple(out),
        header_row=header_number,
        unrecognised=unrecognised,
        problems=sheet_problems,
    )


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


def _header_row(
    scanned: list[tuple[int, Sequence[object]]], profile: Profile | None
) -> tuple[int, Sequence[object]] | None:
    """The row with the most headers we know (a profile's included); when none has two, the
    first row with two cells filled in (a merged title row has one), so the mapping page can
    ask about its headers."""
    known = {fold_header(h) for h, _ in profile.columns} if profile else set()
    best: tuple[int, int, Sequence[object]] | None = None
    for number, cells in scanned:
        fields, _ = recognise(_headers(cells), None)
        score = sum(1 for f in fields if f is not None)
        score += sum(1 for c in cells if c is not None and fold_header(c) in known)
        if score >= 2 and (best is None or score > best[0]):
            best = (score, number, cells)
    if best is not None:
        return best[1], best[2]
    for number, cells in scanned:
        if sum(1 for c in cells if not _blank((c,))) >= 2:
            return number, cells
    return None


def _headers(cells: Sequence[object]) -> tuple[str, ...]:
    headers = [cell_text(c).strip() for c in cells]
    while headers and not headers[-1]:
        headers.pop()  # the columns Excel counts as used to the right of the last header
    return tuple(headers)


def _blank(cells: Iterable[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _row(
    number: int,
    cells: Sequence[object],
    headers: tuple[str, ...],
    fields: tuple[IntakeField | None, ...],
) -> SheetRow:
    values: dict[IntakeField, object] = {}
    problems: list[CellProblem] = []
    for index, field in enumerate(fields):
        if field is None or index >= len(cells):
            continue
        raw = cells[index]
        value, rule = convert(field, raw)
        if rule is not None:
            problems.append(
                CellProblem(number, headers[index], column_letter(index), rule, cell_text(raw))
            )
        elif value is not None:
            values[field] = value
    shown = tuple(cell_text(cells[i]) if i < len(cells) else "" for i in range(len(headers)))
    return SheetRow(number, values, tuple(problems), shown)


__all__ = ["HEADER_SCAN_ROWS", "read_sheet"]
