"""Declarative base with a naming convention, so Alembic names constraints identically on
SQLite (batch mode recreates tables) and PostgreSQL."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_column(enum: type[StrEnum]) -> String:
    """Enums are stored as their plain string values (no native ENUM type), so adding a value
    never needs a PostgreSQL type migration; the rules validate values before they are written."""
    return String(max(len(m.value) for m in enum) + 8)
