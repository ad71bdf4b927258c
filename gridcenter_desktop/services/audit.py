"""The audit trail: one append-only row per sign-in, export, personal-data view,
administration or calendar change. Rows are added to the caller's transaction, so an audited
action and its audit entry commit (or roll back) together."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.periods import after_day, day_start


def workstation_name() -> str:
    """This computer's name, as the audit trail records it."""
    return socket.gethostname()[:128]


def record(
    session: Session,
    actor: Actor | None,
    action: AuditAction,
    *,
    login: str | None = None,
    ticket_id: int | None = None,
    target: str = "",
    detail: dict[str, Any] | None = None,
    workstation: str | None = None,
    now: datetime | None = None,
) -> AuditEntry:
    """Add an audit row to ``session`` (the caller commits). ``login`` defaults to the actor's;
    a failed sign-in passes the login as typed and no actor."""
    entry = AuditEntry(
        at=now or china_now(),
        user_id=actor.user_id if actor is not None else None,
        login=(login if login is not None else (actor.login if actor else ""))[:64],
        workstation=(workstation if workstation is not None else workstation_name())[:128],
        action=AuditAction(action),
        ticket_id=ticket_id,
        target=target[:200],
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
    )
    session.add(entry)
    return entry


# -- reading the trail ---------------------------------------------------------------------------


def may_read_audit(role: UserRole) -> bool:
    """Who reads the audit trail: administrators and supervisors (it names who looked at
    which reporter); operators and viewers do not."""
    return UserRole(role) in (UserRole.ADMIN, UserRole.SUPERVISOR)


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which audit rows: by user (id, or ``login`` as typed, which also finds failed sign-ins
    of unknown logins), action, period (``date_from``..``date_to``, both days inclusive) and
    ticket. None means any."""

    user_id: int | None = None
    action: AuditAction | None = None
    date_from: date | None = None
    date_to: date | None = None
    ticket_id: int | None = None
    login: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The filter as plain JSON values (for the export's own audit row and titles)."""
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()
                if v is not None}  # fmt: skip


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    user_id: int | None
    login: str
    user_name: str | None
    workstation: str
    action: AuditAction
    ticket_id: int | None
    ticket_code: str | None
    target: str
    detail: dict[str, Any]


def _check_reader(actor: Actor) -> None:
    if not may_read_audit(actor.role):
        raise PermissionDeniedError("read_audit", actor.role)


def _where(flt: AuditFilter) -> list:
    if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
        raise ValidationError("date_to", "before_date_from")
    conditions = []
    if flt.user_id is not None:
        conditions.append(AuditEntry.user_id == flt.user_id)
    if flt.login:
        conditions.append(AuditEntry.login == flt.login.strip())
    if flt.action is not None:
        conditions.append(AuditEntry.action == AuditAction(flt.action))
    if flt.date_from is not None:
        conditions.append(AuditEntry.at >= day_start(flt.date_from))
    if flt.date_to is not None:
        conditions.append(AuditEntry.at < after_day(flt.date_to))
    if flt.ticket_id is not None:
        conditions.append(AuditEntry.ticket_id == flt.ticket_id)
    return conditions


def audit_page(
    session: Session,
    actor: Actor,
    flt: AuditFilter,
    *,
    before_id: int | None = None,
    limit: int = 200,
) -> list[AuditRow]:
    """Up to ``limit`` audit rows matching ``flt``, newest first, older than ``before_id``
    (keyset by id: the next page passes the last row's id). Administrators and supervisors
    only (PermissionDeniedError otherwise)."""
    _check_reader(actor)
    conditions = _where(flt)
    if before_id is not None:
        conditions.append(AuditEntry.id < before_id)
    query = (
        select(AuditEntry, User.display_name, Ticket.code)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .outerjoin(Ticket, Ticket.id == AuditEntry.ticket_id)
        .where(*conditions)
        .order_by(AuditEntry.id.desc())
        .limit(max(1, min(int(limit), 10_000)))
    )
    return [_row(entry, name, code) for entry, name, code in session.execute(query)]


def audit_count(session: Session, actor: Actor, flt: AuditFilter) -> int:
    """How many audit rows match ``flt`` (same permission as :func:`audit_page`)."""
    _check_reader(actor)
    return session.scalar(select(func.count(AuditEntry.id)).where(*_where(flt))) or 0


def iter_audit_rows(
    session: Session, actor: Actor, flt: AuditFilter, *, batch_size: int = 1000
) -> Iterator[list[AuditRow]]:
    """Every row matching ``flt``, newest first, ``batch_size`` at a time (exports)."""
    before = None
    while True:
        rows = audit_page(session, actor, flt, before_id=before, limit=batch_size)
        if rows:
            yield rows
        if len(rows) < batch_size:
            return
        before = rows[-1].id


def _row(entry: AuditEntry, user_name: str | None, ticket_code: str | None) -> AuditRow:
    detail: dict[str, Any] = {}
    if entry.detail:
        try:
            value = json.loads(entry.detail)
        except ValueError:
            value = entry.detail
        detail = value if isinstance(value, dict) else {"value": value}
    return AuditRow(
        id=entry.id,
        at=entry.at,
        user_id=entry.user_id,
        login=entry.login,
        user_name=user_name,
        workstation=entry.workstation,
        action=AuditAction(entry.action),
        ticket_id=entry.ticket_id,
        ticket_code=ticket_code,
        target=entry.target,
        detail=detail,
    )
