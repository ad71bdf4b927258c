"""What a register's search asks: text, grid, kind and state, and a page."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RowState(StrEnum):
    """Which rows of a register: those in force (default), those struck off, or all. For the
    hidden dangers: OVERDUE is the rectifications past their deadline."""

    ACTIVE = "active"
    RETIRED = "retired"
    ALL = "all"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class RegisterQuery:
    """A register's search. ``text`` looks in addresses and places (and names, as far as the
    role may search them: core.permissions.reporter_search); ``kind`` is a SpecialGroupKind
    or DangerKind value; ``group_rental`` keeps only group rentals; ``risk_level`` and
    ``status`` narrow the dangers."""

    text: str = ""
    grid_id: int | None = None
    kind: str | None = None
    state: RowState = RowState.ACTIVE
    group_rental: bool = False
    risk_level: str | None = None
    status: str | None = None
    offset: int = 0
    limit: int = 200
