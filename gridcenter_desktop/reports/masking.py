"""Masking of personal data (a reporter's name and phone) by the user's role.

Supervisors and administrators may see who reported a matter (they call reporters back and
handle complaints about the centre); operators and viewers get masked values, as the queue's
detail panel shows them. A masked value keeps enough to recognise a caller on the phone
(138****5678, 张**) but not enough to identify them from the file.
"""

from __future__ import annotations

import re

from gridcenter_desktop.core.enums import UserRole

ROLES_SEEING_PERSONAL_DATA = frozenset({UserRole.SUPERVISOR, UserRole.ADMIN})

_DIGITS = re.compile(r"\d")


def may_see_personal_data(role: UserRole | str) -> bool:
    """Whether ``role`` may see reporters' names and phone numbers unmasked."""
    return role in ROLES_SEEING_PERSONAL_DATA


def mask_phone(phone: str | None) -> str:
    """138****5678 for a mobile; a landline keeps its area code and last 4 digits
    (0512-****1234); separators stay where they were. Short numbers keep only the last 2."""
    if not phone:
        return ""
    digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
    n = len(digits)
    if n >= 8:
        area = phone.find("-")
        keep_head = area if phone.startswith("0") and 0 < area <= 4 else 3
        keep_tail = 4
    else:
        keep_head, keep_tail = 0, min(2, n)
    masked = list(phone)
    for rank, index in enumerate(digits):
        if index >= keep_head and rank < n - keep_tail:
            masked[index] = "*"
    return "".join(masked)


def mask_name(name: str | None) -> str:
    """The first character and one star for each other one: 张三丰 → 张**, 李四 → 李*."""
    if not name:
        return ""
    name = name.strip()
    if len(name) <= 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)


class PersonalDataMask:
    """Applies the masking a role requires; built once per report."""

    def __init__(self, role: UserRole | str) -> None:
        self.visible = may_see_personal_data(role)

    def name(self, value: str | None) -> str:
        """The reporter's name as this role may see it."""
        return (value or "") if self.visible else mask_name(value)

    def phone(self, value: str | None) -> str:
        """The reporter's phone as this role may see it."""
        return (value or "") if self.visible else mask_phone(value)
