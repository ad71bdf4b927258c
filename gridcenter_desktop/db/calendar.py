"""Holidays and make-up working days an administrator entered for years the bundled Chinese
calendar does not know yet (it stops at 2026)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.core.enums import HolidayKind
from gridcenter_desktop.db.base import Base, enum_column


class CalendarDay(Base):
    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[HolidayKind] = mapped_column(enum_column(HolidayKind))
    name: Mapped[str | None] = mapped_column(String(64))
