"""Tickets in from the platforms above and files on tickets: the column-mapping profiles a desk
saved for a platform's sheets, the platform's own category names mapped to ours, and the photos
and documents kept on tickets and feedbacks (services/intake/)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.core.enums import AttachmentKind, IntakeSource, TicketSource
from gridcenter_desktop.db.base import Base, enum_column


class IntakeProfile(Base):
    """A named column mapping for one platform's sheets: which header holds which field, in the
    sheet's own column order (the reply sheet goes back in that order)."""

    __tablename__ = "intake_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[IntakeSource] = mapped_column(enum_column(IntakeSource))
    # The TicketSource the imported tickets get (12345 → hotline, district → district platform).
    ticket_source: Mapped[TicketSource] = mapped_column(enum_column(TicketSource))
    # JSON: [[header, field or null], ...] in the sheet's column order.
    columns: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class IntakeCategoryMap(Base):
    """A platform's category (its "大类/小类" path as written) → one of our category codes,
    saved once by an operator so every later import maps it."""

    __tablename__ = "intake_category_map"
    __table_args__ = (UniqueConstraint("source", "external"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[IntakeSource] = mapped_column(enum_column(IntakeSource))
    external: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Attachment(Base):
    """A photo or document on a ticket, or on one assignment's feedback. Kept in the database
    (bytea / blob) so every desk sees it and a backup holds it; never changed once written
    (no UPDATE grant), removed only while its ticket is open (a trigger on PostgreSQL)."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_ticket", "ticket_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    # Set when the file came with a feedback (附现场照片).
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"))
    kind: Mapped[AttachmentKind] = mapped_column(enum_column(AttachmentKind))
    file_name: Mapped[str] = mapped_column(String(255))
    # What the content is (sniffed from its first bytes, never from the name).
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Deferred: lists and the detail panel read the small columns and the thumbnail only.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
