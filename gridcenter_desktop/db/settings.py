"""Small tables that keep the database's own facts: key/value settings (the demo marker, later
the town's name), the per-day ticket number counter, and idempotency keys of actions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.db.base import Base

# app_setting key present (value "1") in a database built by ``gridcenter demo``.
DEMO_MARKER = "demo"


class AppSetting(Base):
    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class TicketCodeCounter(Base):
    """The last ticket number given out on a day: incremented in the registering transaction,
    so two desks can never draw the same code (PostgreSQL row lock; SQLite write lock)."""

    __tablename__ = "ticket_code_counter"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)  # yyyymmdd
    last: Mapped[int] = mapped_column(Integer, default=0)


class ActionKey(Base):
    """An action's idempotency key, written in the action's own transaction: a retry after a
    commit whose outcome was lost finds it and is not applied a second time."""

    __tablename__ = "action_key"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    # What the action returned (JSON), so the retry answers as the first attempt did.
    result: Mapped[str | None] = mapped_column(Text)
