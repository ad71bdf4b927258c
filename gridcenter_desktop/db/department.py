"""Departments and units the centre dispatches to."""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.core.enums import DepartmentKind
from gridcenter_desktop.db.base import Base, enum_column


class Department(Base):
    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[DepartmentKind] = mapped_column(enum_column(DepartmentKind))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
