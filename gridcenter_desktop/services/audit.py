"""The audit trail: one append-only row per sign-in, export, personal-data view,
administration or calendar change. Rows are added to the caller's transaction, so an audited
action and its audit entry commit (or roll back) together."""

from __future__ import annotations

import json
import socket
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets.common import local_now


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
        at=now or local_now(),
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
