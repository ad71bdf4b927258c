"""Departments and units the centre dispatches to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.core.enums import DepartmentKind
from gridcenter_desktop.db.base import Base, enum_column


class Department(Base):
    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[DepartmentKind] = mapped_column(enum_column(DepartmentKind))
    # False once retired: hidden from pickers, its past assignments kept and counted.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A unit on record (for the team lists and notices) that tickets are not sent to.
    dispatchable: Mapped[bool] = mapped_column(Boolean, default=True)
    contact_name: Mapped[str | None] = mapped_column(String(64))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
