"""Importing the grid workers' mobile app export (苏城网格通 走访记录): .xlsx or .csv with Chinese
headers, one visit a row.

Three steps like the other imports: :func:`read_visit_sheet` (the file; a file we cannot read
is refused whole, ValidationError("file", rule)), :func:`plan_visits` (reads the database only:
every bad cell is a :class:`VisitProblem` naming the row and column; rows whose record id was
imported before are counted as already there, so importing the same sheet twice adds nothing)
and :func:`import_visits` (all or nothing: refused while the plan has problems, unless
``skip_bad`` is given, when the good rows are imported and the bad ones go to a rejects sheet
written by :func:`write_rejects`). One commit and one REGISTER_IMPORT audit row per import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.categories import CATEGORIES, CATEGORY_BY_CODE
from gridcenter_desktop.core.enums import AreaLevel, AuditAction, RegisterKind, VisitSource
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.gridwork import HouseholdVisit
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.base_sheets import fold, fold_header
from gridcenter_desktop.services.admin.base_workbook import HEADER_SCAN_ROWS
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake.cells import cell_text, date_time
from gridcenter_desktop.services.intake.sheet import sheet_rows
from gridcenter_desktop.services.tickets.common import local_now
from gridcenter_desktop.services.visits.recording import (
    NewVisit,
    RaisedTicket,
    apply_visit,
    require_visit_keeper,
    visiting_workers,
)

EXTERNAL_CODE_MAX = 64

# Column key -> the headers the app's export (and people retyping it) use.
COLUMNS: dict[str, tuple[str, ...]] = {
    "record": ("记录编号", "走访编号", "记录id", "编号", "id"),
    "visited_on": ("走访日期", "走访时间", "日期"),
    "worker": ("网格员", "走访人", "网格员姓名"),
    "grid": ("所属网格", "网格", "网格名称", "网格编码"),
    "address": ("地址", "住址", "走访地址", "户籍地址"),
    "register_no": ("户号", "户籍户号", "户编号"),
    "head_name": ("户主", "户主姓名", "被走访人"),
    "findings": ("走访情况", "情况记录", "走访内容", "民情日志"),
    "problem": ("是否发现问题", "发现问题", "有无问题"),
    "category": ("问题类别", "事项类别", "问题类型"),
}
REQUIRED = ("record", "visited_on", "worker", "grid", "address")
# The column headers written in the rejects sheet and the template, in this order.
HEADERS = {key: names[0] for key, names in COLUMNS.items()}
_YES = {"是", "有", "y", "yes", "1", "true", "√"}
_NO = {"否", "无", "n", "no", "0", "false", ""}
_CATEGORY_BY_NAME = {fold(c.name): c.code for c in CATEGORIES}


@dataclass(frozen=True, slots=True)
class VisitProblem:
    """A bad cell (``column`` is the header, empty for the whole row) or a missing column."""

    row: int
    column: str
    rule: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class VisitSheet:
    path: Path
    header_row: int
    columns: dict[str, int]  # column key -> index
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]  # (row number, cells)
    problems: tuple[VisitProblem, ...]  # missing columns


@dataclass(slots=True)
class VisitPlan:
    visits: list[tuple[int, str, NewVisit]] = field(default_factory=list)  # row, record, visit
    already: int = 0  # rows whose record id is already imported
    problems: list[VisitProblem] = field(default_factory=list)

    @property
    def bad_rows(self) -> set[int]:
        return {p.row for p in self.problems}


@dataclass(frozen=True, slots=True)
class VisitImportResult:
    imported: int
    already: int
    rejected: int
    tickets: int
    households_created: int


def read_visit_sheet(path: str | Path) -> VisitSheet:
    """The file's header and rows; ValidationError("file", rule) for a file we cannot read."""
    path = Path(path)
    rows, _ = sheet_rows(path)
    try:
        all_rows = [(n, tuple(cells)) for n, cells in rows]
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    wanted = {fold_header(h): key for key, names in COLUMNS.items() for h in names}
    best = None
    for number, cells in all_rows[:HEADER_SCAN_ROWS]:
        found = {}
        for index, cell in enumerate(cells):
            key = wanted.get(fold_header(cell))
            if key is not None and key not in found:
                found[key] = index
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (number, found, cells)
    if best is None:
        raise ValidationError("file", "no_header")
    number, found, cells = best
    problems = tuple(
        VisitProblem(number, HEADERS[key], "missing_column") for key in REQUIRED if key not in found
    )
    body = tuple(
        (n, c)
        for n, c in all_rows
        if n > number and any(v is not None and str(v).strip() for v in c)
    )
    headers = tuple(cell_text(c).strip() for c in cells)
    return VisitSheet(path, number, found, headers, body, problems)


def plan_visits(session: Session, sheet: VisitSheet, now: datetime | None = None) -> VisitPlan:
    """What importing ``sheet`` would do; reads the database only."""
    now = now or local_now()
    plan = VisitPlan(problems=list(sheet.problems))
    if sheet.problems:
        return plan
    grids = _grids(session)
    known = _known_codes(session, sheet)
    seen: dict[str, int] = {}
    workers: dict[tuple[int, date], list] = {}
    for number, cells in sheet.rows:
        problems_before = len(plan.problems)

        def cell(key: str, cells=cells) -> object:
            index = sheet.columns.get(key)
            return cells[index] if index is not None and index < len(cells) else None

        def bad(key: str, rule: str, value: object = None, number=number) -> None:
            shown = cell_text(cell(key) if value is None else value)
            plan.problems.append(VisitProblem(number, HEADERS[key], rule, shown))

        record = cell_text(cell("record")).strip()
        if not record:
            bad("record", "required")
        elif len(record) > EXTERNAL_CODE_MAX:
            bad("record", "too_long")
        elif record in seen:
            bad("record", "duplicate_in_file")
        if record and record in known:
            plan.already += 1
            continue
        seen.setdefault(record, number)
        when = cell("visited_on")
        at = date_time(when) if when not in (None, "") else None
        if when in (None, ""):
            bad("visited_on", "required")
        elif at is None:
            bad("visited_on", "bad_date")
        elif at.date() > now.date():
            bad("visited_on", "in_future")
        grid_text = fold(cell_text(cell("grid")))
        grid_id = None
        if not grid_text:
            bad("grid", "required")
        else:
            matches = grids.get(grid_text, [])
            if not matches:
                bad("grid", "unknown")
            elif len(matches) > 1:
                bad("grid", "ambiguous")
            else:
                grid_id = matches[0]
        worker_name = fold(cell_text(cell("worker")))
        worker_id = None
        if not worker_name:
            bad("worker", "required")
        elif grid_id is not None and at is not None:
            key = (grid_id, at.date())
            if key not in workers:
                workers[key] = visiting_workers(session, grid_id, at.date())
            found = [w.id for w in workers[key] if fold(w.name) == worker_name]
            if not found:
                bad("worker", "not_in_grid")
            else:
                worker_id = found[0]
        address = cell_text(cell("address")).strip()
        if not address:
            bad("address", "required")
        elif len(address) > 200:
            bad("address", "too_long")
        problem_word = fold(cell_text(cell("problem")))
        problem = problem_word in _YES
        if not problem and problem_word not in _NO:
            bad("problem", "yes_no")
        category = None
        if problem:
            word = fold(cell_text(cell("category")))
            category = _CATEGORY_BY_NAME.get(word) or (word if word in CATEGORY_BY_CODE else None)
            if not word:
                bad("category", "required")
            elif category is None:
                bad("category", "unknown")
        findings = cell_text(cell("findings")).strip()
        if problem and not findings:
            bad("findings", "required")
        if len(plan.problems) > problems_before:
            continue
        plan.visits.append(
            (
                number,
                record,
                NewVisit(
                    grid_id=grid_id,
                    worker_id=worker_id,
                    visited_on=at.date(),
                    address=address,
                    register_no=cell_text(cell("register_no")).strip() or None,
                    head_name=cell_text(cell("head_name")).strip() or None,
                    findings=findings,
                    ticket=RaisedTicket(category=category) if problem else None,
                ),
            )
        )
    return plan


def import_visits(
    session: Session,
    actor: Actor,
    sheet: VisitSheet,
    *,
    skip_bad: bool = False,
    now: datetime | None = None,
) -> VisitImportResult:
    """Import ``sheet``: one commit. Refused (ValidationError("file", "has_problems")) while the
    plan has problems, unless ``skip_bad``: then only the good rows go in."""
    now = now or local_now()
    require_visit_keeper(actor)
    plan = plan_visits(session, sheet, now)
    if sheet.problems or (plan.problems and not skip_bad):
        raise ValidationError("file", "has_problems")
    tickets = created = 0
    try:
        for _number, record, visit in plan.visits:
            done = apply_visit(
                session, actor, visit, now, VisitSource.IMPORT, record, worker_checked=True
            )
            tickets += done.ticket is not None
            created += done.household_created
        result = VisitImportResult(
            len(plan.visits), plan.already, len(plan.bad_rows), tickets, created
        )
        audit.record(
            session,
            actor,
            AuditAction.REGISTER_IMPORT,
            target=str(RegisterKind.VISIT),
            detail={
                "file": sheet.path.name,
                "imported": result.imported,
                "already": result.already,
                "rejected": result.rejected,
                "tickets": result.tickets,
            },
            now=now,
        )
        session.commit()
        return result
    except BaseException:
        session.rollback()
        raise


def write_rejects(path: str | Path, sheet: VisitSheet, problems: Sequence[VisitProblem]) -> int:
    """The bad rows as they were, with a 问题 column saying what is wrong with each; the count."""
    reasons: dict[int, list[str]] = {}
    for p in problems:
        reasons.setdefault(p.row, []).append(problem_words(p))
    book = Workbook()
    out = book.active
    out.title = "未导入"
    out.append([*sheet.headers, "问题"])
    count = 0
    for number, cells in sheet.rows:
        if number in reasons:
            shown = [cell_text(c) for c in cells][: len(sheet.headers)]
            shown += [""] * (len(sheet.headers) - len(shown))
            out.append([*shown, "；".join(reasons[number])])
            count += 1
    book.save(path)
    return count


_RULE_WORDS = {
    "required": "必填",
    "too_long": "太长",
    "duplicate_in_file": "记录编号在表中重复",
    "bad_date": "不是日期",
    "in_future": "日期在今天之后",
    "unknown": "找不到",
    "ambiguous": "有同名的多个网格，请写网格编码",
    "not_in_grid": "不是该网格当日的网格员",
    "yes_no": "应填“是”或“否”",
    "missing_column": "缺少此列",
}


def problem_words(problem: VisitProblem) -> str:
    """A problem in Chinese (for the rejects sheet, the CLI and the window)."""
    where = f"第{problem.row}行"
    if problem.column:
        where += f"“{problem.column}”列"
    value = f"（{problem.value}）" if problem.value else ""
    return f"{where}{_RULE_WORDS.get(problem.rule, problem.rule)}{value}"


def _grids(session: Session) -> dict[str, list[int]]:
    """Active grids by folded code and by folded name."""
    out: dict[str, list[int]] = {}
    for gid, name, code in session.execute(
        select(Area.id, Area.name, Area.code).where(
            Area.level == AreaLevel.GRID, Area.retired_at.is_(None)
        )
    ):
        out.setdefault(fold(name), []).append(gid)
        if code:
            out.setdefault(fold(code), []).append(gid)
    return {k: sorted(set(v)) for k, v in out.items()}


def _known_codes(session: Session, sheet: VisitSheet) -> set[str]:
    index = sheet.columns.get("record")
    if index is None:
        return set()
    codes = {cell_text(c[index]).strip() for _, c in sheet.rows if index < len(c)} - {""}
    known: set[str] = set()
    ordered = sorted(codes)
    for start in range(0, len(ordered), 500):
        known.update(
            session.scalars(
                select(HouseholdVisit.external_code).where(
                    HouseholdVisit.external_code.in_(ordered[start : start + 500])
                )
            )
        )
    return known
