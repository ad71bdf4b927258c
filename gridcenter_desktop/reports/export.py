"""One export request → one report file: what the window's File → Export runs in a job.

Plain data in, plain data out, so the dialog only gathers the user's choices and shows the
outcome; choosing and writing the report happens here, Qt-free and testable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.reports import ledger, notice, summary
from gridcenter_desktop.reports.files import CancelCheck, Progress
from gridcenter_desktop.reports.scope import check_period
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

ReportKind = Literal["ledger", "summary", "notice"]
LedgerScope = Literal["view", "period"]


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the user asked for. ``scope`` applies to the ledger: the queue's current view
    (``queue_filter``/``queue_order``) or the period; the summary always uses the period; the
    notice needs ``ticket_code``."""

    kind: ReportKind
    path: Path
    role: UserRole
    scope: LedgerScope = "period"
    date_from: date | None = None
    date_to: date | None = None
    queue_filter: QueueFilter | None = None
    queue_order: QueueOrder | None = None
    ticket_code: str = ""


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """The file written, what it is, and how many tickets it covers."""

    path: Path
    kind: ReportKind
    tickets: int


def check_request(request: ExportRequest) -> None:
    """Refuse an incomplete request before any work (ValidationError naming the field)."""
    if request.path is None or not str(request.path).strip():
        raise ValidationError("path", "required")
    if request.path.suffix.lower() != ".xlsx":
        raise ValidationError("path", "not_xlsx")
    if request.kind == "notice":
        if not request.ticket_code.strip():
            raise ValidationError("ticket", "required")
    elif request.kind == "summary" or request.scope == "period":
        check_period(request.date_from, request.date_to)
    elif request.queue_filter is None:
        raise ValidationError("scope", "no_current_view")


def export_report(
    session: Session,
    request: ExportRequest,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ExportOutcome:
    """Write the report ``request`` describes; ExportCancelled when ``cancelled()`` turns
    true, ReportFileError when the file cannot be written (nothing is left behind)."""
    check_request(request)
    now = now or datetime.now()
    if request.kind == "notice":
        ticket_id = notice.find_ticket_id(session, request.ticket_code)
        notice.write_notice(session, request.path, ticket_id, now=now, cancelled=cancelled)
        return ExportOutcome(request.path, "notice", 1)
    if request.kind == "summary":
        result = summary.write_summary(
            session, request.path, request.date_from, request.date_to, now=now,
            progress=progress, cancelled=cancelled,
        )  # fmt: skip
        return ExportOutcome(request.path, "summary", result.current.tickets_total)
    if request.scope == "view":
        written = ledger.write_queue_ledger(
            session, request.path, request.queue_filter, request.queue_order or QueueOrder(),
            role=request.role, now=now, progress=progress, cancelled=cancelled,
        )  # fmt: skip
    else:
        written = ledger.write_period_ledger(
            session, request.path, request.date_from, request.date_to,
            role=request.role, now=now, progress=progress, cancelled=cancelled,
        )  # fmt: skip
    return ExportOutcome(request.path, "ledger", written.rows)


def suggested_file_name(
    request_kind: ReportKind,
    date_from: date | None,
    date_to: date | None,
    ticket_code: str = "",
    today: date | None = None,
) -> str:
    """A file name a superior recognises: 工单台账_20220101-20221025.xlsx,
    统计报表_20220101-20221025.xlsx, 责令整改通知书_GC20220301-0001.xlsx."""
    if request_kind == "notice":
        return f"责令整改通知书_{ticket_code or 'ticket'}.xlsx"
    stem = "工单台账" if request_kind == "ledger" else "统计报表"
    if date_from and date_to:
        return f"{stem}_{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"
    return f"{stem}_{(today or date.today()):%Y%m%d}.xlsx"
