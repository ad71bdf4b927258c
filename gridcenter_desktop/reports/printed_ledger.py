"""The ledger of the current view (the queue's filter and order) on paper: A4 landscape, the
columns that fit at 9 pt, long titles and addresses wrapped, the header row repeated on every
page.

Of the Excel ledger's 24 columns (reports/ledger.py) the paper keeps the eleven a reader of a
printed ledger looks for: 序号, 工单编号, 标题, 来源, 类别, 网格, 地址, 登记时间, 期限, 状态,
承办部门. The reporter's name and phone are never printed here (the sheet hands them to those
who may see them; a sheet of paper cannot know who reads it).

A printed ledger is capped at MAX_ROWS tickets (about fifty pages): a dispatcher who asks
for 100,000 rows by mistake is told how many pages it would take and offered the first ones,
and the desk never lays out more than that.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import DataPurpose, UserRole
from gridcenter_desktop.core.personal_data import PersonalDataMask
from gridcenter_desktop.reports.ledger import (
    HEADERS,
    LEDGER_TITLE,
    ledger_title,
    queue_ledger_values,
)
from gridcenter_desktop.reports.paper import Paper, body_row, esc, header_row, table, title
from gridcenter_desktop.reports.scope import describe_filter
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.admin.town import town_settings
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

MAX_ROWS = 1000
# About this many rows fill a landscape page (two-line rows); for telling the page count.
ROWS_PER_PAGE = 18
BATCH = 500
# The rows go in tables of this many, one under the other (the header row only on the first;
# the printout repeats it on every page): laying out one table of a thousand rows takes
# several times as long as five of two hundred.
TABLE_ROWS = 100

# (header on paper, the ledger's column it shows, width in %, alignment): by the ledger's header,
# not its position, since the Excel ledger orders its columns for its own print area.
_PRINTED: tuple[tuple[str, str, int, str], ...] = (
    ("序号", "序号", 4, "center"),
    ("工单编号", "编号", 11, "left"),
    ("标题", "标题", 18, "left"),
    ("来源", "来源", 7, "left"),
    ("类别", "类别", 7, "left"),
    ("网格", "网格", 9, "left"),
    ("地址", "地址", 12, "left"),
    ("登记时间", "受理时间", 8, "center"),
    ("期限", "时限", 8, "center"),
    ("状态", "状态", 5, "center"),
    ("承办部门", "主办部门", 11, "left"),
)
# (header, index in reports.ledger.ledger_values' row, width in %, alignment)
COLUMNS: tuple[tuple[str, int, int, str], ...] = tuple(
    (header, HEADERS.index(source), width, align) for header, source, width, align in _PRINTED
)
TIME_COLUMNS = frozenset({HEADERS.index("受理时间"), HEADERS.index("时限")})


def count_text(n: int) -> str:
    """A count as the desk writes it (the queue's totals, the print prompt) and the paper
    repeats it: with the thousands separator, 110,213."""
    return f"{n:,}"


def pages_for(rows: int) -> int:
    """About how many landscape pages ``rows`` tickets take."""
    return max(1, -(-rows // ROWS_PER_PAGE))


def view_count(session: Session, flt: QueueFilter, now: datetime | None = None) -> int:
    """How many tickets the current view holds (what printing it would cover)."""
    return queue.count(session, flt, now or china_now())


def printed_ledger(
    session: Session,
    flt: QueueFilter,
    order: QueueOrder,
    *,
    role: UserRole | str = UserRole.VIEWER,
    now: datetime | None = None,
    limit: int = MAX_ROWS,
    total: int | None = None,
) -> Paper:
    """The first ``limit`` (at most MAX_ROWS) tickets of the view, in the queue's order."""
    now = now or china_now()
    limit = max(0, min(limit, MAX_ROWS))
    total = view_count(session, flt, now) if total is None else total
    mask = PersonalDataMask(role, DataPurpose.LEDGER)
    rows = list(queue_ledger_values(session, flt, order, mask, now, limit=limit, batch_size=BATCH))
    centre = town_settings(session).centre_name
    return compose_printed_ledger(rows, centre, describe_filter(session, flt), now, total)


def _cell(index: int, value) -> str:
    if index in TIME_COLUMNS and isinstance(value, datetime):
        # Date over time: the column stays narrow and nothing is cut.
        return f"{value:%Y-%m-%d}<br/>{value:%H:%M}"
    return esc(value)


def compose_printed_ledger(
    rows: list[tuple], centre_name: str, scope_text: str, now: datetime, total: int
) -> Paper:
    """The printed ledger of ``rows`` (reports.ledger.ledger_values' rows)."""
    count = f"共 {count_text(total)} 件"
    if len(rows) < total:
        count += f"，本次打印前 {count_text(len(rows))} 件"
    head = (
        '<table width="100%" border="0" cellpadding="1" style="font-size: 10pt;"><tr>'
        f"<td>范围：{esc(scope_text)}　{esc(count)}</td>"
        f'<td align="right">打印时间：{now:%Y-%m-%d %H:%M}</td></tr></table>'
    )
    aligns = [c[3] for c in COLUMNS]
    widths = [c[2] for c in COLUMNS]
    tables = []
    for start in range(0, max(len(rows), 1), TABLE_ROWS):
        lines = [header_row([c[0] for c in COLUMNS], widths)] if start == 0 else []
        for row in rows[start : start + TABLE_ROWS]:
            cells = [_cell(i, row[i]) for _h, i, _w, _a in COLUMNS]
            if start and not lines:
                # The first row of a following table sets its columns' widths.
                cells = [f'<td width="{w}%" align="{a}">{v}</td>' for v, w, a in
                         zip(cells, widths, aligns, strict=True)]  # fmt: skip
                lines.append("<tr>" + "".join(cells) + "</tr>")
            else:
                lines.append(body_row(cells, aligns))
        tables.append(table(lines, size=9, pad=3))
    if not rows:
        tables = [
            table(
                [
                    header_row([c[0] for c in COLUMNS], widths),
                    f'<tr><td colspan="{len(COLUMNS)}" align="center">（无工单）</td></tr>',
                ],
                size=9,
                pad=3,
            )
        ]
    name = ledger_title(centre_name)
    return Paper(
        report="ledger",
        name=f"{LEDGER_TITLE}_{now:%Y%m%d}",
        html=title(name, 16) + head + "".join(tables),
        landscape=True,
        running_head=f"{name}（续）",
        font_pt=9,
    )
