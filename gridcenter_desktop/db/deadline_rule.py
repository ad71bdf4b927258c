"""Deadline rules an administrator entered (core/deadline_rules.py): every change is a new row
with the moment it takes effect, so the rule a ticket got can always be told."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.core.deadline_rules import LimitKind
from gridcenter_desktop.core.deadlines import LimitUnit
from gridcenter_desktop.core.enums import Priority
from gridcenter_desktop.db.base import Base, enum_column


class DeadlineRule(Base):
    __tablename__ = "deadline_rule"
    __table_args__ = (
        Index("ix_deadline_rule_key", "kind", "category", "priority", "effective_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[LimitKind] = mapped_column(enum_column(LimitKind))
    category: Mapped[str | None] = mapped_column(String(32))
    priority: Mapped[Priority | None] = mapped_column(enum_column(Priority))
    amount: Mapped[int] = mapped_column(Integer)
    unit: Mapped[LimitUnit] = mapped_column(enum_column(LimitUnit))
    effective_from: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
