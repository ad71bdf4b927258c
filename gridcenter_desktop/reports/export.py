"""One export request → one report file: what the window's File → Export and the
``gridcenter report`` command both run.

Plain data in, plain data out, so the dialog only gathers the user's choices and shows the
outcome; choosing and writing the report happens here, Qt-free and testable. Being the one
door every ledger, summary and notice goes out through, it is also where exports are audited
(which report, which filter, how many rows: the Cybersecurity Law's log of data leaving).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now, china_today
from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.reports import ledger, notice, reply, summary
from gridcenter_desktop.reports.files import CancelCheck, Progress, record_export
from gridcenter_desktop.reports.scope import check_period
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

ReportKind = Literal["ledger", "summary", "notice", "reply"]
LedgerScope = Literal["view", "period"]


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the user asked for. ``scope`` applies to the ledger: the queue's current view
    (``queue_filter``/``queue_order``) or the period; the summary always uses the period; the
    notice needs ``ticket_code``. ``actor`` is who exports (the audit row names them); the
    reporters in a ledger are masked as ``actor.role`` (else ``role``) may see them.
    ``description`` words a view's title row (default: the filter described)."""

    kind: ReportKind
    path: Path
    role: UserRole
    scope: LedgerScope = "period"
    date_from: date | None = None
    date_to: date | None = None
    queue_filter: QueueFilter | None = None
    queue_order: QueueOrder | None = None
    ticket_code: str = ""
    actor: Actor | None = None
    description: str | None = None
    # The summary's grid map picture (PNG), drawn by the caller (reports/grid_map_sheet.py).
    map_png: bytes | None = None

    @property
    def viewer_role(self) -> UserRole:
        """Whose view the report is made for."""
        return self.actor.role if self.actor is not None else UserRole(self.role)


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """The file written, what it is, and how many tickets it covers."""

    path: Path
    kind: ReportKind
    tickets: int
    # The summary's figures for the period (what the command line prints), the reply sheet's
    # worksheet names, else None.
    figures: Any = None


def check_request(request: ExportRequest) -> None:
    """Refuse an incomplete request before any work (ValidationError naming the field)."""
    if request.path is None or not str(request.path).strip():
        raise ValidationError("path", "required")
    if request.path.suffix.lower() != ".xlsx":
        raise ValidationError("path", "not_xlsx")
    if request.kind == "notice":
        if not request.ticket_code.strip():
            raise ValidationError("ticket", "required")
    elif request.kind in ("summary", "reply") or request.scope == "period":
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
    """Write the report ``request`` describes and record the export in the audit trail
    (committed); ExportCancelled when ``cancelled()`` turns true, ReportFileError when the file
    cannot be written (nothing is left behind, nothing is recorded). Should the audit row not
    commit, the file just written is removed: no export leaves unrecorded."""
    check_request(request)
    now = now or china_now()
    outcome, ticket_id = _write(session, request, now, progress, cancelled)
    record_export(
        session,
        request.actor,
        request.path,
        report=outcome.kind,
        ticket_id=ticket_id,
        detail={
            "filter": export_filter(request),
            "rows": outcome.tickets,
            "file": Path(request.path).name,
            "role": request.viewer_role.value,
        },
    )
    return outcome


def _write(session, request, now, progress, cancelled) -> tuple[ExportOutcome, int | None]:
    role = request.viewer_role
    if request.kind == "notice":
        ticket_id = notice.find_ticket_id(session, request.ticket_code)
        notice.write_notice(session, request.path, ticket_id, now=now, cancelled=cancelled)
        return ExportOutcome(request.path, "notice", 1), ticket_id
    if request.kind == "summary":
        result = summary.write_summary(
            session, request.path, request.date_from, request.date_to, now=now,
            progress=progress, cancelled=cancelled, map_png=request.map_png, role=role,
        )  # fmt: skip
        outcome = ExportOutcome(
            request.path, "summary", result.current.tickets_total, result.current
        )
        return outcome, None
    if request.kind == "reply":
        # The platforms' reply sheet covers what was closed (or fed back) in the period.
        replied = reply.write_reply(
            session, request.path, request.date_from, request.date_to,
            role=role, now=now, progress=progress, cancelled=cancelled,
        )  # fmt: skip
        return ExportOutcome(request.path, "reply", replied.rows, replied.sheets), None
    if request.scope == "view":
        written = ledger.write_queue_ledger(
            session, request.path, request.queue_filter, request.queue_order or QueueOrder(),
            role=role, now=now, description=request.description, progress=progress,
            cancelled=cancelled,
        )  # fmt: skip
    else:
        written = ledger.write_period_ledger(
            session, request.path, request.date_from, request.date_to,
            role=role, now=now, progress=progress, cancelled=cancelled,
        )  # fmt: skip
    return ExportOutcome(request.path, "ledger", written.rows), None


def export_filter(request: ExportRequest) -> dict[str, Any]:
    """What the export covered, as JSON values (for the audit row)."""
    if request.kind == "notice":
        return {"ticket": request.ticket_code}
    if request.kind in ("summary", "reply") or request.scope == "period":
        return {"period": [f"{request.date_from:%Y-%m-%d}", f"{request.date_to:%Y-%m-%d}"]}
    flt = request.queue_filter or QueueFilter()
    fields = {
        key: sorted(str(v) for v in value) if isinstance(value, (set, frozenset)) else value
        for key, value in asdict(flt).items()
        if value not in (None, False)
    }
    order = request.queue_order or QueueOrder()
    return {"view": fields, "order": [order.field, "desc" if order.descending else "asc"]}


def suggested_file_name(
    request_kind: ReportKind,
    date_from: date | None,
    date_to: date | None,
    ticket_code: str = "",
    today: date | None = None,
) -> str:
    """A file name a superior recognises: 工单台账_20220101-20221025.xlsx,
    统计报表_20220101-20221025.xlsx, 办理结果回复表_20220101-20221025.xlsx,
    责令整改通知书_GC20220301-0001.xlsx."""
    if request_kind == "notice":
        return f"责令整改通知书_{ticket_code or 'ticket'}.xlsx"
    stem = {"ledger": "工单台账", "reply": reply.REPLY_TITLE}.get(request_kind, "统计报表")
    if date_from and date_to:
        return f"{stem}_{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"
    return f"{stem}_{(today or china_today()):%Y%m%d}.xlsx"
