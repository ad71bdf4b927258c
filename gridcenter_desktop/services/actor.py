"""Who is acting: every service call that changes something names its actor."""

from __future__ import annotations

from dataclasses import dataclass

from gridcenter_desktop.core.enums import UserRole


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int | None
    role: UserRole
    display_name: str = ""
    login: str = ""
