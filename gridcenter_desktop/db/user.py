"""People who log in to the desk."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.base import Base, enum_column


class User(Base):
    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[UserRole] = mapped_column(enum_column(UserRole))
    # SQLite: the scrypt hash the desk checks. PostgreSQL: unused ("!" + role); the server checks
    # the password of the user's own login role (SCRAM).
    password_hash: Mapped[str] = mapped_column(String(256))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set by an administrator's password reset: the next sign-in must choose a new password.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # PostgreSQL: the login role this account signs in with (unique on the server cluster).
    db_role: Mapped[str | None] = mapped_column(String(63), unique=True)
    # Scope for later rules: the department or grid this account works for, if any.
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    created_at: Mapped[datetime | None] = mapped_column(DateTime)
