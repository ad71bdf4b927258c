"""Photos and documents on tickets (附件): added while a ticket is open (ATTACH), read by every
desk from the database, removed while it is open (DETACH). Once a ticket is closed (or merged)
its files are part of the record: the service refuses the removal (the status rule in
core.workflow) and so does the database (a trigger on SQLite and PostgreSQL).

A feedback's own photos are written by the feedback (services.tickets.handling) in its own
transaction; the checks are shared (services.intake.attachment_files).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction, EventAction
from gridcenter_desktop.core.validation import is_possible_id
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.intake import Attachment
from gridcenter_desktop.db.settings import AppSetting
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import require_admin, transaction
from gridcenter_desktop.services.errors import NotFoundError, ValidationError
from gridcenter_desktop.services.intake.attachment_files import (
    DEFAULT_MAX_BYTES,
    LIMIT_CEILING,
    LIMIT_SETTING,
    AttachmentInfo,
    NewAttachment,
    attachment_rows,
    size_limit,
    ticket_attachments,
)
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    local_now,
    perform,
    ticket_assignment,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "AttachmentInfo",
    "NewAttachment",
    "add_attachment",
    "add_attachments",
    "attachment_content",
    "list_attachments",
    "remove_attachment",
    "save_size_limit",
    "size_limit",
]


def add_attachments(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    files: Sequence[NewAttachment],
    *,
    now: datetime | None = None,
    assignment_id: int | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Keep ``files`` on the open ticket (one gesture: a drop of several files is one ATTACH
    event and one commit; one refused file refuses them all). ``assignment_id`` ties them to
    one of the ticket's assignments (photos sent later for a feedback)."""
    if not files:
        raise ValidationError("attachments", "required")

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        if assignment_id is not None:
            ticket_assignment(ticket, assignment_id)
        rows, described = attachment_rows(
            session, actor, ticket.id, list(files), at, assignment_id=assignment_id
        )
        session.add_all(rows)
        data: dict[str, object] = {"files": described}
        if assignment_id is not None:
            data["assignment_id"] = assignment_id
        return Change(note="、".join(str(d["name"]) for d in described), data=data)

    return perform(
        session, actor, ticket_id, version, EventAction.ATTACH, now, body, idempotency_key
    )


def add_attachment(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    new: NewAttachment,
    *,
    now: datetime | None = None,
    assignment_id: int | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Keep one file on the open ticket (see :func:`add_attachments`)."""
    return add_attachments(
        session,
        actor,
        ticket_id,
        version,
        [new],
        now=now,
        assignment_id=assignment_id,
        idempotency_key=idempotency_key,
    )


def list_attachments(session: Session, actor: Actor, ticket_id: int) -> list[AttachmentInfo]:
    """The ticket's files, oldest first, with thumbnails and without content (any signed-in
    user who may see the ticket)."""
    del actor  # every role reads tickets; kept for the services' common signature
    if not is_possible_id(ticket_id) or session.get(Ticket, ticket_id) is None:
        raise NotFoundError("ticket", ticket_id)
    return ticket_attachments(session, [ticket_id])


def attachment_content(session: Session, actor: Actor, attachment_id: int) -> bytes:
    """The file's bytes, as they were added (checked against the checksum kept with them)."""
    del actor
    row = (
        session.execute(
            select(Attachment.content, Attachment.sha256).where(Attachment.id == attachment_id)
        ).first()
        if is_possible_id(attachment_id)
        else None
    )
    if row is None:
        raise NotFoundError("attachment", attachment_id)
    content = bytes(row.content)
    if hashlib.sha256(content).hexdigest() != row.sha256:
        # Never hand a desk a file that is not what was added (a damaged restore).
        raise ValidationError("attachment_file", "damaged")
    return content


def remove_attachment(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    attachment_id: int,
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Remove a file from an open ticket (DETACH, naming the file in the timeline). A closed or
    merged ticket keeps its files: TransitionError here, and the database refuses too."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        row = session.get(Attachment, attachment_id) if is_possible_id(attachment_id) else None
        if row is None or row.ticket_id != ticket.id:
            raise ValidationError("attachment_id", "unknown")
        data = {
            "attachment_id": row.id,
            "name": row.file_name,
            "size": row.size,
            "sha256": row.sha256,
        }
        if row.assignment_id is not None:
            data["assignment_id"] = row.assignment_id
        session.delete(row)
        return Change(note=row.file_name, data=data)

    return perform(
        session, actor, ticket_id, version, EventAction.DETACH, now, body, idempotency_key
    )


def save_size_limit(
    session: Session,
    actor: Actor,
    max_bytes: int,
    *,
    now: datetime | None = None,
    commit: bool = True,
) -> int:
    """Set the town's largest file (administrators; audited as a settings change)."""
    require_admin(actor)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise ValidationError("attachment_limit", "invalid")
    if not 0 < max_bytes <= LIMIT_CEILING:
        raise ValidationError("attachment_limit", "range")
    with transaction(session, commit):
        before = size_limit(session)
        setting = session.get(AppSetting, LIMIT_SETTING)
        if setting is None:
            session.add(AppSetting(key=LIMIT_SETTING, value=str(max_bytes)))
        else:
            setting.value = str(max_bytes)
        audit.record(
            session,
            actor,
            AuditAction.SETTINGS_CHANGE,
            target=LIMIT_SETTING,
            detail={"before": before, "after": max_bytes},
            now=now or local_now(),
        )
    return max_bytes
