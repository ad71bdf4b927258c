"""The files a desk hands in, checked before they are kept: type by content (core.file_types),
the town's size limit, a clean file name, a small PNG thumbnail for photos.

Kept apart from services/intake/attachments.py (the use cases) because the feedback service
writes its photos through :func:`attachment_rows` too, and the ticket services must not import
the module that imports them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PureWindowsPath

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from gridcenter_desktop.core import file_types
from gridcenter_desktop.core.enums import AttachmentKind
from gridcenter_desktop.core.validation import check_text, clean_text
from gridcenter_desktop.db.intake import Attachment
from gridcenter_desktop.db.settings import AppSetting
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # 20 MB: a phone photo is 3-8 MB, a scanned PDF more
LIMIT_SETTING = "attachment.max_bytes"
# The most a town may allow: every desk reads the whole file into memory to show or open it.
LIMIT_CEILING = 200 * 1024 * 1024
THUMBNAIL_MAX_BYTES = 256 * 1024
FILE_NAME_MAX = 255
# Files one gesture (a drop, a feedback) may carry: a mistaken drop of a whole folder stops here.
FILES_PER_GESTURE = 20


@dataclass(frozen=True, slots=True)
class NewAttachment:
    """A file as the desk read it: its name (only the last part is kept), its bytes and, for a
    photo, a PNG thumbnail the desk made (services never decode images)."""

    file_name: str
    content: bytes
    thumbnail: bytes | None = None


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """One file on a ticket, without its content (what lists and the detail panel show)."""

    id: int
    ticket_id: int
    # Set when the file came with a feedback: whose feedback it was.
    assignment_id: int | None
    kind: AttachmentKind
    file_name: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime
    added_by_id: int | None
    added_by_name: str | None
    thumbnail: bytes | None

    @property
    def extension(self) -> str:
        """The extension a viewer expects for this content (from the sniffed type)."""
        for file_type in _ALL_TYPES:
            if file_type.media_type == self.media_type:
                return file_type.extension
        return ""


_ALL_TYPES = tuple(v for v in vars(file_types).values() if isinstance(v, file_types.FileType))


def size_limit(session: Session) -> int:
    """The town's largest file, in bytes (DEFAULT_MAX_BYTES unless an administrator set one)."""
    value = session.scalar(select(AppSetting.value).where(AppSetting.key == LIMIT_SETTING))
    try:
        limit = int(value) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES
    return limit if 0 < limit <= LIMIT_CEILING else DEFAULT_MAX_BYTES


def clean_file_name(name: str) -> str:
    """The file's own name (a path's folders dropped, Windows or POSIX), validated."""
    base = PureWindowsPath(str(name or "").replace("/", "\\")).name
    rule = check_text(base, max_length=FILE_NAME_MAX, required=True)
    if rule:
        raise ValidationError("attachment_name", rule)
    return clean_text(base)


def checked_type(new: NewAttachment, limit: int) -> file_types.FileType:
    """The file's type, or ValidationError("attachment_file", rule) saying why it is refused."""
    if not isinstance(new.content, bytes | bytearray):
        raise ValidationError("attachment_file", "required")
    if len(new.content) > limit:
        raise ValidationError("attachment_file", "too_large")
    found = file_types.identify(bytes(new.content))
    if found is file_types.Refusal.EMPTY:
        raise ValidationError("attachment_file", "empty_file")
    if found is file_types.Refusal.PROGRAM:
        raise ValidationError("attachment_file", "program")
    if found is file_types.Refusal.SCRIPT:
        raise ValidationError("attachment_file", "script")
    if found is file_types.Refusal.ARCHIVE:
        raise ValidationError("attachment_file", "archive")
    if found is file_types.Refusal.MACROS:
        raise ValidationError("attachment_file", "macros")
    if not isinstance(found, file_types.FileType):
        raise ValidationError("attachment_file", "unknown_type")
    if found in file_types.HEIC_TYPES and new.thumbnail is None:
        # The desk made no thumbnail: it cannot decode HEIC (no Qt plug-in here), so nobody
        # could look at the photo at the desk that reviews it. JPEG is asked for instead.
        raise ValidationError("attachment_file", "heic_unreadable")
    if new.thumbnail is not None:
        if (
            len(new.thumbnail) > THUMBNAIL_MAX_BYTES
            or file_types.identify(bytes(new.thumbnail)) != file_types.PNG
        ):
            raise ValidationError("thumbnail", "invalid")
        if found.kind is not AttachmentKind.PHOTO:
            raise ValidationError("thumbnail", "invalid")
    return found


def attachment_rows(
    session: Session,
    actor: Actor,
    ticket_id: int,
    files: Sequence[NewAttachment],
    now: datetime,
    *,
    assignment_id: int | None = None,
) -> tuple[list[Attachment], list[dict[str, object]]]:
    """The rows to add for ``files`` (all checked first: one bad file refuses them all) and what
    the ticket's event says about each (name, type, size, checksum)."""
    if len(files) > FILES_PER_GESTURE:
        raise ValidationError("attachments", "too_many")
    limit = size_limit(session)
    rows: list[Attachment] = []
    described: list[dict[str, object]] = []
    for new in files:
        if not isinstance(new, NewAttachment):
            raise ValidationError("attachments", "invalid")
        name = clean_file_name(new.file_name)
        file_type = checked_type(new, limit)
        content = bytes(new.content)
        digest = hashlib.sha256(content).hexdigest()
        rows.append(
            Attachment(
                ticket_id=ticket_id,
                assignment_id=assignment_id,
                kind=file_type.kind,
                file_name=name,
                media_type=file_type.media_type,
                size=len(content),
                sha256=digest,
                content=content,
                thumbnail=bytes(new.thumbnail) if new.thumbnail is not None else None,
                added_at=now,
                added_by_id=actor.user_id,
            )
        )
        described.append(
            {"name": name, "kind": file_type.kind.value, "size": len(content), "sha256": digest}
        )
    return rows, described


def ticket_attachments(session: Session, ticket_ids: Sequence[int]) -> list[AttachmentInfo]:
    """The files on these tickets, oldest first, with thumbnails and without content."""
    if not ticket_ids:
        return []
    rows = session.execute(
        select(Attachment, User.display_name)
        .outerjoin(User, User.id == Attachment.added_by_id)
        .where(Attachment.ticket_id.in_(ticket_ids))
        .options(undefer(Attachment.thumbnail))
        .order_by(Attachment.ticket_id, Attachment.id)
        .execution_options(populate_existing=True)
    ).all()
    return [
        AttachmentInfo(
            id=a.id,
            ticket_id=a.ticket_id,
            assignment_id=a.assignment_id,
            kind=AttachmentKind(a.kind),
            file_name=a.file_name,
            media_type=a.media_type,
            size=a.size,
            sha256=a.sha256,
            added_at=a.added_at,
            added_by_id=a.added_by_id,
            added_by_name=name,
            thumbnail=a.thumbnail,
        )
        for a, name in rows
    ]
