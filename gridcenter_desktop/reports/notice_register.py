"""The rectification notice register (整改通知书台账) as an Excel sheet: every notice with its
ticket, party, dates and follow-up, styled and written like the other registers (title, what it
covers, export time, a header row, an auto-filter; formula-safe text, all-or-nothing).

It names the party a notice was issued to, never the reporter (DataPurpose.NOTICE): the rows
come from services.notices, which reads no reporter data at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import NoticeStatus
from gridcenter_desktop.reports import cells, print_layout
from gridcenter_desktop.reports.files import CancelCheck, atomic_output, check_cancel, record_export
from gridcenter_desktop.reports.streaming import add_sheet
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.notices import NoticeRow, notice_register

TITLE = "整改通知书台账"
SHEET_NAME = "整改通知书台账"
HEADER_ROW = 3
# What each filter of the register window covers, as the title row says it.
SCOPES = {"all": "全部通知书", "due": "到期待复查", "checked": "已复查"}
STATUS_TEXT = {
    NoticeStatus.ISSUED: "整改中",
    NoticeStatus.RECTIFIED: "复查合格",
    NoticeStatus.NOT_RECTIFIED: "复查未整改",
}

_DATE = cells.CellStyle(
    font=cells.BODY.font,
    border=cells.GRID_BORDER,
    alignment=cells.BODY_CENTER.alignment,
    number_format=cells.DATE_FORMAT,
)
COLUMNS: tuple[tuple[str, float, cells.CellStyle], ...] = (
    ("序号", 6, cells.BODY_CENTER),
    ("通知书编号", 22, cells.BODY),
    ("工单编号", 17, cells.BODY),
    ("当事人", 22, cells.BODY_WRAP),
    ("地址", 22, cells.BODY_WRAP),
    ("存在问题", 36, cells.BODY_WRAP),
    ("整改要求", 30, cells.BODY_WRAP),
    ("下发日期", 11, _DATE),
    ("整改期限", 11, _DATE),
    ("状态", 11, cells.BODY_CENTER),
    ("逾期天数", 8, cells.BODY_INTEGER),
    ("复查时间", 17, cells.BODY_DATETIME),  # yyyy-mm-dd hh:mm and the padding
    ("复查情况", 24, cells.BODY_WRAP),
)


@dataclass(frozen=True, slots=True)
class RegisterResult:
    path: Path
    rows: int


def write_notice_register(
    path: Path | str,
    rows: list[NoticeRow],
    *,
    scope: str = "all",
    now: datetime | None = None,
    cancelled: CancelCheck | None = None,
) -> RegisterResult:
    """Write ``rows`` (as services.notices.notice_register gives them) to ``path``."""
    now = now or china_now()
    with atomic_output(path, cancelled) as tmp:
        wb = Workbook(write_only=True)
        ws = add_sheet(wb, SHEET_NAME)
        _set_up(ws)
        ws.append([cells.styled_cell(ws, TITLE, cells.TITLE)])
        subtitle = f"{SCOPES.get(scope, scope)}    导出时间：{now:%Y-%m-%d %H:%M}"
        ws.append([cells.styled_cell(ws, subtitle, cells.SUBTITLE_CENTRED)])
        ws.append([cells.styled_cell(ws, c[0], cells.HEADER) for c in COLUMNS])
        for number, row in enumerate(rows, 1):
            ws.append(
                [
                    cells.styled_cell(ws, v, c[2])
                    for v, c in zip(_values(number, row), COLUMNS, strict=True)
                ]
            )
        ws.auto_filter.ref = (
            f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{HEADER_ROW + max(len(rows), 1)}"
        )
        check_cancel(cancelled)
        wb.save(tmp)
    return RegisterResult(Path(path), len(rows))


def export_notice_register(
    session: Session,
    path: Path | str,
    actor: Actor,
    *,
    scope: str = "all",
    now: datetime | None = None,
    cancelled: CancelCheck | None = None,
) -> RegisterResult:
    """The register of ``scope`` ("all", "due" for a check-back, "checked") written to
    ``path`` and the export recorded in the audit trail."""
    now = now or china_now()
    rows = notice_register(session, actor, now=now, **register_filter(scope))
    check_cancel(cancelled)
    result = write_notice_register(path, rows, scope=scope, now=now, cancelled=cancelled)
    record_export(
        session,
        actor,
        path,
        report="notice_register",
        ticket_id=None,
        detail={"scope": scope, "rows": result.rows, "file": Path(path).name},
    )
    return result


def export_notice_document(
    session: Session,
    path: Path | str,
    actor: Actor,
    notice_id: int,
    *,
    now: datetime | None = None,
    cancelled: CancelCheck | None = None,
):
    """The printable notice (reports/notice.py) of the notice on record ``notice_id``, and
    the export recorded in the audit trail."""
    from gridcenter_desktop.reports.notice import write_notice
    from gridcenter_desktop.services.notices import get_notice

    row = get_notice(session, notice_id, now=now)
    result = write_notice(
        session, path, row.ticket_id, notice_id=notice_id, now=now, cancelled=cancelled
    )
    record_export(
        session,
        actor,
        path,
        report="notice",
        ticket_id=row.ticket_id,
        detail={"number": row.number, "file": Path(path).name},
    )
    return result


def register_filter(scope: str) -> dict:
    """notice_register's arguments for a scope of the register window."""
    if scope == "due":
        return {"due_only": True}
    if scope == "checked":
        return {"status": (NoticeStatus.RECTIFIED, NoticeStatus.NOT_RECTIFIED)}
    return {}


def _values(number: int, row: NoticeRow) -> tuple:
    return (
        number,
        row.number,
        row.ticket_code,
        row.party,
        row.party_address,
        row.problems,
        row.requirements,
        row.issued_on,
        row.deadline,
        STATUS_TEXT.get(row.status, row.status),
        row.days_overdue or None,
        row.checked_at,
        row.check_note,
    )


# What identifies a row on paper, repeated at the left of every page across: 序号, 通知书编号.
KEY_COLUMNS = 2


def _set_up(ws) -> None:
    # A4 landscape at 90 % (the body at 9 pt), on pages across, rows grown to their text.
    print_layout.set_up_streamed_table(
        ws, COLUMNS, header_row=HEADER_ROW, title=TITLE, key_columns=KEY_COLUMNS
    )
