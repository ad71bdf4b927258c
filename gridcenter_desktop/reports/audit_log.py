"""The audit log (审计日志) as an Excel sheet: what an auditor or the archive keeps.

Styled like the ledger (title, what it covers, export time, a header row, an auto-filter) and
written the same way: streamed in write-only mode, every text cell formula-safe, the file
all-or-nothing. The rows come from services.audit (newest first), so the same permission
applies: administrators and supervisors only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.reports import cells, labels, print_layout
from gridcenter_desktop.reports.files import (
    CancelCheck,
    Progress,
    atomic_output,
    check_cancel,
    record_export,
)
from gridcenter_desktop.reports.streaming import add_sheet
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.audit import AuditFilter, AuditRow, audit_count, iter_audit_rows

TITLE = "审计日志"
SHEET_NAME = "审计日志"
HEADER_ROW = 3
STAGE_ROWS = "rows"
STAGE_SAVING = "saving"

COLUMNS: tuple[tuple[str, float, cells.CellStyle], ...] = (
    ("序号", 7, cells.BODY_CENTER),
    ("时间", 17, cells.BODY_DATETIME),
    # Names typed by people (accounts, workstations, targets) wrap rather than run on.
    ("账号", 12, cells.BODY_WRAP),
    ("姓名", 10, cells.BODY_WRAP),
    ("工作站", 14, cells.BODY_WRAP),
    ("操作", 12, cells.BODY_WRAP),
    ("工单", 17, cells.BODY),
    ("对象", 20, cells.BODY_WRAP),
    ("详情", 60, cells.BODY_WRAP),
)
HEADERS = tuple(c[0] for c in COLUMNS)


@dataclass(frozen=True, slots=True)
class AuditLogResult:
    path: Path
    rows: int
    # The newest row written (the archive deletes up to it and no further).
    last_id: int | None


def describe(flt: AuditFilter, user_text: str = "") -> str:
    """The title row's wording of a filter."""
    parts = []
    if flt.date_from or flt.date_to:
        start = f"{flt.date_from:%Y-%m-%d}" if flt.date_from else "…"
        end = f"{flt.date_to:%Y-%m-%d}" if flt.date_to else "…"
        parts.append(f"期间：{start} 至 {end}")
    if user_text or flt.login:
        parts.append(f"用户：{user_text or flt.login}")
    if flt.action:
        parts.append("操作：" + labels.label(labels.AUDIT_ACTION, flt.action))
    if flt.ticket_id is not None:
        parts.append(f"工单：{flt.ticket_id}")
    return "；".join(parts) if parts else "全部记录"


def write_audit_log(
    session: Session,
    path: Path | str,
    actor: Actor,
    flt: AuditFilter,
    *,
    description: str | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> AuditLogResult:
    """Write the audit rows ``flt`` selects (newest first) to ``path``, all-or-nothing;
    PermissionDeniedError for a role that may not read the audit trail."""
    now = now or china_now()
    total = audit_count(session, actor, flt)
    return write_rows(
        session,
        path,
        iter_audit_rows(session, actor, flt),
        total=total,
        description=description or describe(flt),
        now=now,
        progress=progress,
        cancelled=cancelled,
    )


def write_rows(
    session: Session,
    path: Path | str,
    batches: Iterable[Sequence[AuditRow]],
    *,
    total: int,
    description: str,
    now: datetime,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> AuditLogResult:
    """Write ``batches`` of audit rows as the audit log sheet (the archive's way in)."""
    written = 0
    last_id: int | None = None
    with atomic_output(path, cancelled) as tmp:
        wb = Workbook(write_only=True)
        ws = add_sheet(wb, SHEET_NAME)
        _set_up(ws)
        ws.append([cells.styled_cell(ws, TITLE, cells.TITLE)])
        subtitle = f"{description}    导出时间：{now:%Y-%m-%d %H:%M}"
        ws.append([cells.styled_cell(ws, subtitle, cells.SUBTITLE_CENTRED)])
        ws.append([cells.styled_cell(ws, h, cells.HEADER) for h in HEADERS])
        for batch in batches:
            check_cancel(cancelled)
            for row in batch:
                written += 1
                last_id = row.id if last_id is None else max(last_id, row.id)
                values = _values(written, row)
                ws.append(
                    [cells.styled_cell(ws, v, c[2]) for v, c in zip(values, COLUMNS, strict=True)]
                )
            if progress:
                progress(written, max(total, written), STAGE_ROWS)
        ws.auto_filter.ref = (
            f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{HEADER_ROW + max(written, 1)}"
        )
        check_cancel(cancelled)
        if progress:
            progress(written, max(total, written), STAGE_SAVING)
        wb.save(tmp)
    return AuditLogResult(Path(path), written, last_id)


def _values(number: int, row: AuditRow) -> tuple:
    detail = json.dumps(row.detail, ensure_ascii=False, sort_keys=True) if row.detail else ""
    return (
        number,
        row.at,
        row.login,
        row.user_name or "",
        row.workstation,
        labels.label(labels.AUDIT_ACTION, row.action),
        row.ticket_code or "",
        row.target,
        detail,
    )


# What identifies a row on paper, repeated at the left of every page across: 序号, 时间.
KEY_COLUMNS = 2


def _set_up(ws) -> None:
    # A4 landscape at 90 % (the body at 9 pt), on pages across, rows grown to their text.
    print_layout.set_up_streamed_table(
        ws, COLUMNS, header_row=HEADER_ROW, title=TITLE, key_columns=KEY_COLUMNS
    )


def export_audit_log(
    session: Session,
    path: Path | str,
    actor: Actor,
    flt: AuditFilter,
    *,
    description: str | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> AuditLogResult:
    """:func:`write_audit_log`, and the export recorded in the audit trail (committed; the
    file is removed again should the record not commit)."""
    result = write_audit_log(
        session, path, actor, flt, description=description, now=now, progress=progress,
        cancelled=cancelled,
    )  # fmt: skip
    record_export(
        session,
        actor,
        path,
        report="audit_log",
        ticket_id=flt.ticket_id,
        detail={"filter": flt.as_json(), "rows": result.rows, "file": Path(path).name},
    )
    return result
