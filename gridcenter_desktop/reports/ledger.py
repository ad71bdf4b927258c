"""The ticket ledger (工单台账): one row per ticket, streamed from the database in batches.

The workbook is written in openpyxl's write-only mode: rows go straight to a temporary XML
stream, so memory stays flat whatever the number of tickets. Everything that write-only mode
writes before the rows (column widths, frozen panes, page set-up) is set before the first row;
the auto-filter and print area are set after the rows, so they cover exactly the rows written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session, aliased

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    DataPurpose,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.core.personal_data import PersonalDataMask
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.intake import Attachment
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.reports import cells, labels, print_layout
from gridcenter_desktop.reports.files import (
    CancelCheck,
    Progress,
    atomic_output,
    check_cancel,
)
from gridcenter_desktop.reports.scope import check_period, describe_filter, period_text
from gridcenter_desktop.reports.streaming import (
    add_sheet,
    discard,
    fill_row,
    template_cell,
)
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.admin.town import CENTRE_SUFFIX, town_settings
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

LEDGER_TITLE = "工单台账"


def ledger_title(centre_name: str) -> str:
    """The ledger's title on paper and in the sheet: the centre's name before 工单台账
    (e.g. 某某镇集成指挥中心工单台账) once the town is set up; plain 工单台账 before that (the bare
    suffix 集成指挥中心 names no centre)."""
    centre_name = (centre_name or "").strip()
    if not centre_name or centre_name == CENTRE_SUFFIX:
        return LEDGER_TITLE
    return f"{centre_name}{LEDGER_TITLE}"


SHEET_NAME = "工单台账"
BATCH_SIZE = 1000
HEADER_ROW = 3  # row 1: title, row 2: period and export time, row 3: column headers

# Progress stages (the window words them; services return codes, not text).
STAGE_ROWS = "rows"
STAGE_SAVING = "saving"


@dataclass(frozen=True, slots=True)
class LedgerColumn:
    header: str
    width: float
    style: cells.CellStyle
    printed: bool = False  # inside the print area (the printed columns come first)


# On paper (A4 landscape, docs/printing-ledger.md) the first nine columns print, at 90 % of
# the 10 pt body, i.e. 9 pt: what a superior checks a ticket by (which one, what, where, since
# when, due when, who handles it, how far it is). The others stay in the sheet for sorting
# and filtering, to the right of the print area. Long texts wrap; their rows grow to fit.
COLUMNS: tuple[LedgerColumn, ...] = (
    LedgerColumn("序号", 6, cells.BODY_CENTER, True),
    LedgerColumn("编号", 16, cells.BODY, True),
    LedgerColumn("标题", 20, cells.BODY_WRAP, True),
    LedgerColumn("网格", 14, cells.BODY_WRAP, True),
    LedgerColumn("地址", 18, cells.BODY_WRAP, True),
    LedgerColumn("受理时间", 17, cells.BODY_DATETIME, True),
    LedgerColumn("时限", 17, cells.BODY_DATETIME, True),
    LedgerColumn("主办部门", 12, cells.BODY_WRAP, True),
    LedgerColumn("状态", 7, cells.BODY_CENTER, True),
    LedgerColumn("办结时间", 17, cells.BODY_DATETIME),
    LedgerColumn("是否超期", 5, cells.BODY_CENTER),
    LedgerColumn("处理天数", 6, cells.BODY_DAYS),
    LedgerColumn("来源", 11, cells.BODY),
    LedgerColumn("类型", 8, cells.BODY_CENTER),
    LedgerColumn("类别", 10, cells.BODY),
    LedgerColumn("紧急程度", 6, cells.BODY_CENTER),
    LedgerColumn("反映人", 7, cells.BODY),
    LedgerColumn("联系电话", 13, cells.BODY),
    LedgerColumn("村/社区", 10, cells.BODY),
    LedgerColumn("派遣时间", 17, cells.BODY_DATETIME),
    LedgerColumn("协办部门", 15, cells.BODY),
    LedgerColumn("满意度", 8, cells.BODY_CENTER),
    LedgerColumn("催办次数", 5, cells.BODY_INTEGER),
    # Photos and documents on file: a closed ticket without its site photo stands out.
    LedgerColumn("附件数", 5, cells.BODY_INTEGER),
)
HEADERS = tuple(c.header for c in COLUMNS)
PRINTED_COLUMNS = sum(c.printed for c in COLUMNS)
LINE_POINTS = print_layout.BODY_LINE_POINTS  # for the rows of wrapped text


@dataclass(frozen=True, slots=True)
class LedgerResult:
    """What was written: the file and the number of ticket rows in it."""

    path: Path
    rows: int


IdBatches = Iterable[Sequence[int]]


def write_ledger(
    session: Session,
    path: Path | str,
    id_batches: IdBatches,
    *,
    total: int,
    period_text: str,
    role: UserRole | str = UserRole.VIEWER,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> LedgerResult:
    """Write the ledger of the tickets whose ids ``id_batches`` yields, in that order.

    ``total`` is the expected row count (for progress); ``period_text`` describes what the
    ledger covers (a period or the queue's filter) for the title row. Reporters' names and
    phones are masked unless ``role`` may see them in a ledger
    (core.permissions.may_see_personal_data). Written all-or-nothing to ``path``;
    ``cancelled()`` returning True stops it with ExportCancelled and nothing is left behind.
    """
    by_id = (_rows_by_id(session, ids) for ids in id_batches)
    return _write_ledger(
        session,
        path,
        by_id,
        total=total,
        period_text=period_text,
        role=role,
        now=now,
        progress=progress,
        cancelled=cancelled,
    )


def _write_ledger(
    session: Session,
    path: Path | str,
    row_batches: Iterable[Sequence[Row]],
    *,
    total: int,
    period_text: str,
    role: UserRole | str,
    now: datetime | None,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> LedgerResult:
    """Write the ledger of the ticket rows (``_ticket_select``'s) ``row_batches`` yields."""
    now = now or china_now()
    mask = PersonalDataMask(role, DataPurpose.LEDGER)
    with atomic_output(path, cancelled) as tmp:
        wb = Workbook(write_only=True)
        ws = add_sheet(wb, SHEET_NAME)
        try:
            title = ledger_title(town_settings(session).centre_name)
            _set_up_sheet(ws, title)
            _write_heading(ws, title, period_text, now)
            rows = _write_rows(session, ws, row_batches, total, mask, now, progress, cancelled)
            _finish_sheet(ws, rows)
            check_cancel(cancelled)
            if progress:
                progress(rows, max(total, rows), STAGE_SAVING)
            wb.save(tmp)
        except BaseException:
            discard(ws)
            raise
    return LedgerResult(Path(path), rows)


def write_queue_ledger(
    session: Session,
    path: Path | str,
    flt: QueueFilter,
    order: QueueOrder,
    *,
    role: UserRole | str = UserRole.VIEWER,
    now: datetime | None = None,
    description: str | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    batch_size: int = BATCH_SIZE,
) -> LedgerResult:
    """The ledger of exactly what the queue shows for ``flt`` in ``order``: the queue's own
    keyset pages (services.queue.keyset_pages: fetch_page's conditions, order and cursors),
    ``batch_size`` tickets at a time, two queries a page."""
    now = now or china_now()
    began = _begin_snapshot(session)
    try:
        total = queue.count(session, flt, now)
        return _write_ledger(
            session,
            path,
            _queue_pages(session, flt, order, now=now, batch_size=batch_size),
            total=total,
            period_text=description or describe_filter(session, flt),
            role=role,
            now=now,
            progress=progress,
            cancelled=cancelled,
        )
    finally:
        if began:
            session.rollback()  # end the read-only snapshot we opened


def write_period_ledger(
    session: Session,
    path: Path | str,
    date_from: date,
    date_to: date,
    *,
    role: UserRole | str = UserRole.VIEWER,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    batch_size: int = BATCH_SIZE,
) -> LedgerResult:
    """The ledger of the tickets created from ``date_from`` to ``date_to`` (inclusive, merged
    duplicates left out, as the statistics count them), oldest first."""
    check_period(date_from, date_to)
    return write_queue_ledger(
        session,
        path,
        QueueFilter(created_from=date_from, created_to=date_to),
        QueueOrder(field="created"),
        role=role,
        now=now,
        description=period_text(date_from, date_to),
        progress=progress,
        cancelled=cancelled,
        batch_size=batch_size,
    )


def queue_ledger_values(
    session: Session,
    flt: QueueFilter,
    order: QueueOrder,
    mask: PersonalDataMask,
    now: datetime,
    *,
    limit: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple]:
    """The ledger's cell values of what the queue shows for ``flt`` in ``order`` (its first
    ``limit`` tickets when given), numbered from 1: each page read once, along the queue's own
    keyset (as the Excel ledger reads it), for the printed ledger."""
    number = 1
    for rows in _queue_pages(session, flt, order, now=now, batch_size=batch_size):
        if limit is not None:
            rows = rows[: max(0, limit - number + 1)]
        yield from _values(session, rows, mask, now, first_number=number)
        number += len(rows)
        if limit is not None and number > limit:
            return


def _queue_pages(
    session: Session, flt: QueueFilter, order: QueueOrder, *, now: datetime, batch_size: int
) -> Iterator[Sequence[Row]]:
    """The ledger's ticket rows of the queue in ``order``: one query a page reads them along
    the queue's own conditions, ordering and cursors (services.queue.keyset_pages), rather
    than the queue's rows and then the same tickets again by id."""
    return queue.keyset_pages(session, _ticket_select(), flt, order, limit=batch_size, now=now)


def _begin_snapshot(session: Session) -> bool:
    """On PostgreSQL read the whole export in one REPEATABLE READ snapshot, so the count and
    the rows agree even while other workstations register tickets. (SQLite's driver runs
    each SELECT on its own; there a ticket registered mid-export may or may not appear.)"""
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        return True
    return False


def _set_up_sheet(ws, title: str = LEDGER_TITLE) -> None:
    for index, column in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    wrapping = [(i, c.width) for i, c in enumerate(COLUMNS) if c.style.wraps]
    ws.grow_rows(len(COLUMNS), wrapping, LINE_POINTS)
    # A fixed scale, not fit-to-width: fitting all the columns on one page wide printed them
    # at 5-6 pt. The printed columns fit A4 at 90 %, so they print one page across; the print
    # area (set when the rows are known) holds them. The title rows span them, centred.
    print_layout.set_up_for_paper(
        ws,
        [c.width for c in COLUMNS[:PRINTED_COLUMNS]],
        header_row=HEADER_ROW,
        title=title,
        key_columns=2,  # 序号, 编号 (were the printed columns ever wider than a page)
        heading_rows=HEADER_ROW - 1,
    )


def _write_heading(ws, title: str, period_text: str, now: datetime) -> None:
    ws.row_dimensions[1].height = 30
    ws.append([cells.styled_cell(ws, title, cells.TITLE)])
    subtitle = f"{period_text}    导出时间：{now:%Y-%m-%d %H:%M}"
    ws.append([cells.styled_cell(ws, subtitle, cells.SUBTITLE)])
    ws.row_dimensions[HEADER_ROW].height = 28
    ws.append([cells.styled_cell(ws, header, cells.HEADER) for header in HEADERS])


def _write_rows(
    session: Session,
    ws,
    row_batches: Iterable[Sequence[Row]],
    total: int,
    mask: PersonalDataMask,
    now: datetime,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> int:
    # One styled cell per column, reused for every row: write-only mode serialises a row as
    # soon as it is appended, so the cells are free again for the next one. This keeps style
    # look-ups and cell objects out of the per-row cost.
    templates = [template_cell(ws, column.style) for column in COLUMNS]
    styles = [column.style for column in COLUMNS]
    clean: dict[str, str | None] = {}
    written = 0
    for batch in row_batches:
        check_cancel(cancelled)
        for values in _values(session, batch, mask, now, first_number=written + 1):
            ws.append(fill_row(ws, templates, styles, values, clean))
            written += 1
        if progress:
            progress(written, max(total, written), STAGE_ROWS)
    return written


def _finish_sheet(ws, rows: int) -> None:
    last_row = HEADER_ROW + max(rows, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{last_row}"
    ws.print_area = f"A1:{get_column_letter(PRINTED_COLUMNS)}{last_row}"


_grid = aliased(Area, name="grid_area")
_village = aliased(Area, name="village_area")

# Photos and documents on file, counted in the row's own query (ix_attachment_ticket answers
# it without reading the content).
_ATTACHMENT_COUNT = (
    select(func.count())
    .where(Attachment.ticket_id == Ticket.id)
    .correlate(Ticket)
    .scalar_subquery()
    .label("attachments")
)

_TICKET_COLUMNS = (
    Ticket.id,
    Ticket.code,
    Ticket.source,
    Ticket.kind,
    Ticket.category,
    Ticket.priority,
    Ticket.title,
    Ticket.reporter_name,
    Ticket.reporter_phone,
    _village.name,
    _grid.name,
    Ticket.address,
    Ticket.created_at,
    Ticket.dispatched_at,
    Ticket.deadline_at,
    Ticket.status,
    Ticket.closed_at,
    Ticket.satisfaction,
    Ticket.urge_count,
    _ATTACHMENT_COUNT,
)


def _ticket_select() -> Select:
    """One ticket row of the ledger: everything but the departments."""
    return (
        select(*_TICKET_COLUMNS)
        .outerjoin(_grid, _grid.id == Ticket.grid_id)
        .outerjoin(_village, _village.id == _grid.parent_id)
    )


def _rows_by_id(session: Session, ids: Sequence[int]) -> list[Row]:
    """The ticket rows of ``ids``, in that order (a ticket deleted meanwhile is left out)."""
    if not ids:
        return []
    by_id = {row[0]: row for row in session.execute(_ticket_select().where(Ticket.id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]


def ledger_values(
    session: Session,
    ids: Sequence[int],
    mask: PersonalDataMask,
    now: datetime,
    *,
    first_number: int = 1,
) -> Iterator[tuple]:
    """The ledger's cell values for the tickets ``ids``, in that order (two queries)."""
    return _values(session, _rows_by_id(session, ids), mask, now, first_number=first_number)


def _values(
    session: Session,
    rows: Sequence[Row],
    mask: PersonalDataMask,
    now: datetime,
    *,
    first_number: int = 1,
) -> Iterator[tuple]:
    """The ledger's cell values of the ticket rows ``rows`` (``_ticket_select``'s, perhaps
    followed by the queue's page key), numbered from ``first_number``."""
    if not rows:
        return
    lead, assist = _departments(session, [row[0] for row in rows])
    # Codes repeat on every row: each is worded once per batch.
    sources = _Wording(labels.SOURCE)
    kinds = _Wording(labels.KIND)
    priorities = _Wording(labels.PRIORITY)
    statuses = _Wording(labels.STATUS)
    ratings = _Wording(labels.SATISFACTION)
    categories: dict = {}
    name, phone = mask.name, mask.phone
    number = first_number
    for row in rows:
        (
            ticket_id, code, source, kind, category, priority, title, reporter, reporter_phone,
            village, grid, address, created, dispatched, deadline, status, closed,
            satisfaction, urges, files,
        ) = row[:20]  # fmt: skip
        overdue, days = _timeliness(status, created, deadline, closed, now)
        category_text = categories.get(category)
        if category_text is None:
            category_text = categories[category] = labels.category_name(category)
        helpers = assist.get(ticket_id)
        yield (  # in COLUMNS' order
            number,
            code,
            title,
            grid or "",
            address or "",
            created,
            deadline,
            lead.get(ticket_id, ""),
            statuses[status],
            closed,
            overdue,
            days,
            sources[source],
            kinds[kind],
            category_text,
            priorities[priority],
            name(reporter),
            phone(reporter_phone),
            village or "",
            dispatched,
            "、".join(helpers) if helpers else "",
            ratings[satisfaction],
            urges,
            files,
        )
        number += 1


class _Wording(dict):
    """labels.label of one table, remembered per code."""

    def __init__(self, table: dict) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, code) -> str:
        text = self[code] = labels.label(self.table, code)
        return text


def _timeliness(status, created, deadline, closed, now) -> tuple[str, float | None]:
    """是否超期 and 处理天数: a closed ticket is overdue when closed after its deadline and its
    handling days run from registration to closing (as the statistics count them); an open
    one is overdue once its deadline has passed and has no handling days yet."""
    if status == TicketStatus.MERGED:
        return "", None
    if closed is not None:
        days = round((closed - created).total_seconds() / 86400, 1)
        return ("是" if closed > deadline else "否"), days
    return ("是" if now > deadline else "否"), None


def _departments(
    session: Session, ids: Sequence[int]
) -> tuple[dict[int, str], dict[int, list[str]]]:
    """Lead unit (a department, or the grid for "小事不出网格") and assisting departments of
    each ticket, from its assignments that were not withdrawn."""
    query = (
        select(Assignment.ticket_id, Assignment.role, Department.name, Area.name)
        .outerjoin(Department, Department.id == Assignment.department_id)
        .outerjoin(Area, Area.id == Assignment.grid_id)
        .where(
            Assignment.ticket_id.in_(ids),
            Assignment.status.not_in([AssignmentStatus.CANCELLED, AssignmentStatus.RETURNED]),
        )
        .order_by(Assignment.ticket_id, Assignment.id)
    )
    lead: dict[int, str] = {}
    assist: dict[int, list[str]] = {}
    for ticket_id, role, department, grid in session.execute(query):
        unit = department or grid or ""
        if role == AssignmentRole.LEAD:
            lead[ticket_id] = unit
        elif unit and unit not in assist.setdefault(ticket_id, []):
            assist[ticket_id].append(unit)
    return lead, assist


def batched(ids: Iterable[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    """Split an id sequence into batches of ``size``."""
    batch: list[int] = []
    for ticket_id in ids:
        batch.append(ticket_id)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
