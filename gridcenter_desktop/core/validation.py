"""Checks on what people type into a ticket. Each returns the rule broken (a code the UI
translates, e.g. "phone", "too_long") or None; services raise ValidationError with it, and
store the cleaned value (:func:`clean_text`, :func:`normalize_phone`)."""

from __future__ import annotations

import re
import unicodedata

TITLE_MAX = 200
ADDRESS_MAX = 200
NAME_MAX = 64
PHONE_MAX = 32
DESCRIPTION_MAX = 20000
# Petitions count the people who came together; a few thousand is already a crowd.
PEOPLE_MAX = 10000

# Ids are INTEGER columns (32-bit on PostgreSQL): a number past this names no row, and
# SQLite cannot even take one past 2**63 as a parameter.
ID_MAX = 2**31 - 1

# Mainland mobile numbers: 11 digits starting 13-19.
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Landlines: a 3-character area code (010 Beijing, 02X the big cities) or a 4-character one,
# then a 7-8 digit local number.
_LANDLINE = re.compile(r"(0[12]\d)(\d{7,8})|(0[3-9]\d{2})(\d{7,8})")
# A local number without its area code, as people give it within their own city.
_LOCAL = re.compile(r"[2-9]\d{6,7}")
# What may separate the digits: spaces, hyphens, dots, brackets around the area code.
_SEPARATORS = re.compile(r"[\s\-.()]")
# Control characters other than tab and line breaks: PostgreSQL refuses NUL in text, and none
# of them means anything in a ticket.
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def _is_invisible(char: str) -> bool:
    """Whitespace, or a format character that shows nothing (zero-width space U+200B, joiners,
    the byte-order mark, bidi marks): such text looks empty."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def clean_text(value: str | None) -> str:
    """``value`` without the spaces and invisible format characters at either end."""
    text = value or ""
    start, end = 0, len(text)
    while start < end and _is_invisible(text[start]):
        start += 1
    while end > start and _is_invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def has_control_chars(value: str | None) -> bool:
    """True when ``value`` holds a control character (NUL, escape ...) other than tab or
    a line break."""
    return any(unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS for c in value or "")


def normalize_phone(phone: str | None) -> str | None:
    """The stored form of a phone number, or None when it is empty or not one we accept.

    Full-width characters (what Chinese input methods type: １３９, （0512）) become ASCII;
    digits of other scripts (Arabic-Indic ١٣٩ ...) are refused, not converted. Separators
    (spaces, hyphens, dots, brackets) and the country code (+86, 0086) are dropped. Stored:
    a mobile as 13912345678, a landline as 0512-66881234, a local number as 66881234.
    """
    if phone is None:
        return None
    # NFKC folds full-width digits and punctuation to ASCII and leaves other scripts' digits.
    text = unicodedata.normalize("NFKC", phone).strip()
    if not text or len(text) > PHONE_MAX:
        return None
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not digits.isascii() or not digits.isdigit():
        return None
    if _MOBILE.fullmatch(digits):
        return digits
    if text.startswith(("+86", "0086")) and not digits.startswith("0"):
        digits = "0" + digits  # +86 512 ... is 0512 ... dialled from within China
    landline = _LANDLINE.fullmatch(digits)
    if landline:
        area, local = landline.group(1, 2) if landline.group(1) else landline.group(3, 4)
        return f"{area}-{local}"
    if _LOCAL.fullmatch(digits):
        return digits
    return None


def check_phone(phone: str | None) -> str | None:
    """None for an empty value or a number :func:`normalize_phone` accepts; else "phone"."""
    if phone is None or not phone.strip():
        return None
    return None if normalize_phone(phone) is not None else "phone"


def check_text(value: str | None, *, max_length: int, required: bool = False) -> str | None:
    """ "required" for a missing required text (invisible characters count as missing),
    "control_chars" for text holding control characters, "too_long" past ``max_length``
    characters."""
    text = clean_text(value)
    if required and not text:
        return "required"
    if has_control_chars(text):
        return "control_chars"
    if len(text) > max_length:
        return "too_long"
    return None


def check_required(value: str | None) -> str | None:
    """ "required" when ``value`` is empty or only spaces (or invisible characters)."""
    return "required" if not clean_text(value) else None


def check_people_count(value: object) -> str | None:
    """ "invalid" for a non-integer, "positive" below 1, "range" past :data:`PEOPLE_MAX`."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "invalid"
    if value < 1:
        return "positive"
    if value > PEOPLE_MAX:
        return "range"
    return None


def is_possible_id(value: object) -> bool:
    """True for an int that could be a row's id (1 .. :data:`ID_MAX`)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= ID_MAX


# Degrees either side of zero a latitude and a longitude may take.
LATITUDE_LIMIT = 90
LONGITUDE_LIMIT = 180


def check_coordinate(value: float | None, limit: float) -> str | None:
    """ "range" for a latitude/longitude outside ±``limit`` degrees (or not a number)."""
    if value is None:
        return None
    if not -limit <= value <= limit:
        return "range"
    return None
