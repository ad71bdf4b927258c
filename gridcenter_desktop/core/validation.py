"""Checks on what people type into a ticket. Each returns the rule broken (a code the UI
translates, e.g. "phone", "too_long") or None; services raise ValidationError with it."""

from __future__ import annotations

import re

TITLE_MAX = 200
ADDRESS_MAX = 200
NAME_MAX = 64
PHONE_MAX = 32

# Mainland mobile numbers: 11 digits starting 13-19. Landlines: area code 0 + 2-3 digits,
# then 7-8 digits, with or without a hyphen (0512-66881234, 02166881234).
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")


def check_phone(phone: str | None) -> str | None:
    """None for an empty value, a mainland mobile number or a landline; else "phone"."""
    if phone is None:
        return None
    text = phone.strip()
    if not text:
        return None
    if _MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text):
        return None
    return "phone"


def check_text(value: str | None, *, max_length: int, required: bool = False) -> str | None:
    """ "required" for a missing required text, "too_long" past ``max_length`` characters."""
    text = (value or "").strip()
    if required and not text:
        return "required"
    if len(text) > max_length:
        return "too_long"
    return None


def check_required(value: str | None) -> str | None:
    """ "required" when ``value`` is empty or only spaces."""
    return "required" if not (value or "").strip() else None


def check_coordinate(value: float | None, limit: float) -> str | None:
    """ "range" for a latitude/longitude outside ±``limit`` degrees."""
    if value is None:
        return None
    if not -limit <= value <= limit:
        return "range"
    return None
