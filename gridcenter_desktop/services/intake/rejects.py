"""The rejects file: the rows an import left out, as they were, so the operator corrects them
in the platform's own layout and imports that file again."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from gridcenter_desktop.services.intake.plan import IntakePlan
from gridcenter_desktop.services.intake.problems import problem_text
from gridcenter_desktop.services.intake.rows import CellProblem, IncomingSheet

REASON_HEADER = "原因"
_HEAD = Font(bold=True)
_REASON_FILL = PatternFill("solid", fgColor="FFF2CC")


def reason_cell(problems: tuple[CellProblem, ...]) -> str:
    """Every reason of one row, each naming the row in the original file and the column:
    "第 12 行 D 列（联系电话）：“不详12”不是有效的电话号码…。第 12 行 B 列…"."""
    return "".join(problem_text(problem) for problem in problems)


def write_rejects(path: str | Path, sheet: IncomingSheet, plan: IntakePlan) -> int:
    """Write ``plan``'s rejected rows to ``path`` (.xlsx): the sheet's headers, each row's cells
    as read, then the 原因 column naming the original row, the column and the reason (no other
    column added, so the corrected file imports with the same profile). Returns how many rows
    were written."""
    by_number = {row.number: row for row in sheet.rows}
    book = Workbook(write_only=True)
    out = book.create_sheet("未导入的行")
    out.append([*sheet.headers, REASON_HEADER])
    written = 0
    for rejected in plan.rejected:
        row = by_number.get(rejected.row)
        cells = list(row.cells) if row is not None else []
        cells += [""] * (len(sheet.headers) - len(cells))
        out.append([*cells[: len(sheet.headers)], reason_cell(rejected.problems)])
        written += 1
    book.save(Path(path))
    _style(Path(path), len(sheet.headers))
    return written


def _style(path: Path, columns: int) -> None:
    """Bold headers, the reason column highlighted and wide enough to read (write-only
    workbooks cannot style as they go; the file is small: rejected rows only)."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(path)
    sheet = book.active
    for cell in sheet[1]:
        cell.font = _HEAD
    reason = get_column_letter(columns + 1)
    sheet.column_dimensions[reason].width = 60
    for cell in sheet[reason][1:]:
        cell.fill = _REASON_FILL
    sheet.freeze_panes = "A2"
    book.save(path)


__all__ = ["REASON_HEADER", "reason_cell", "write_rejects"]
