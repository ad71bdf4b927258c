"""What every reader hands the planner: the sheet's headers, which field each column holds, and
its rows with their cells converted, each problem naming the row and the column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gridcenter_desktop.core.enums import IntakeField, IntakeSource, TicketSource


@dataclass(frozen=True, slots=True)
class CellProblem:
    """One thing wrong with one row: the row number as the user sees it in the file (Excel's
    row, the CSV's line, the JSON's item from 1), the column's header and letter (empty for a
    whole-row problem), a rule code (worded in Chinese by ``problem_text``), and the value."""

    row: int
    header: str
    letter: str
    rule: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: converted values of the mapped columns (missing keys: empty cells), the
    problems of its cells, and every cell as text in the sheet's column order (the rejects file
    writes these back as they were)."""

    number: int
    values: dict[IntakeField, object]
    problems: tuple[CellProblem, ...] = ()
    cells: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IncomingSheet:
    """A file read: its headers in column order, the field each column was mapped to (None:
    ignored), the headers nobody recognised (the mapping dialog asks about these), and rows.
    ``problems`` are the file's own (a required field no column holds ...)."""

    path: Path
    headers: tuple[str, ...]
    fields: tuple[IntakeField | None, ...]
    rows: tuple[SheetRow, ...]
    header_row: int = 1
    unrecognised: tuple[str, ...] = ()
    problems: tuple[CellProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class Profile:
    """A saved column mapping (db/intake.py IntakeProfile): header → field in the sheet's
    column order; the platform; the TicketSource its tickets get."""

    name: str
    source: IntakeSource
    ticket_source: TicketSource
    columns: tuple[tuple[str, IntakeField | None], ...]
    id: int | None = None
    updated_at: datetime | None = None


# The TicketSource an import gets when no profile says otherwise.
TICKET_SOURCE_OF: dict[IntakeSource, TicketSource] = {
    IntakeSource.HOTLINE_12345: TicketSource.HOTLINE,
    IntakeSource.DISTRICT: TicketSource.DISTRICT_PLATFORM,
    IntakeSource.OPEN311: TicketSource.DISTRICT_PLATFORM,
    IntakeSource.OTHER: TicketSource.DISTRICT_PLATFORM,
}


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a long step got (rows done of rows in all), for a progress bar."""

    done: int
    total: int
    stage: str = ""


def column_letter(index: int) -> str:
    """Excel's letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


__all__ = [
    "TICKET_SOURCE_OF",
    "CellProblem",
    "IncomingSheet",
    "Profile",
    "Progress",
    "SheetRow",
    "column_letter",
]
