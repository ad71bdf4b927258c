"""The audit trail the Cybersecurity Law asks for: sign-ins, exports, personal-data views,
administration and calendar changes. Append-only: the database refuses UPDATE and DELETE."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.db.base import Base, enum_column


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    # None for a failed sign-in of an unknown login; ``login`` keeps what was typed.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    login: Mapped[str] = mapped_column(String(64), default="")
    workstation: Mapped[str] = mapped_column(String(128), default="")
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    # What was acted on, in words an auditor reads: "user zhangsan", "ledger", "2027-10-01".
    target: Mapped[str] = mapped_column(String(200), default="")
    # Details (filter, row count, before/after) as JSON text.
    detail: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_audit_entry_at", "at"),
        Index("ix_audit_entry_user_at", "user_id", "at"),
        Index("ix_audit_entry_action_at", "action", "at"),
        Index("ix_audit_entry_ticket", "ticket_id"),
    )
