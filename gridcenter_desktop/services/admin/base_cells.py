"""Reading one cell of the base-data workbook as its column takes it: text, a code or phone
typed as a number, full-width digits, a date as a date, an Excel day number or text, a yes/no,
a drop-down word. Whatever cannot be read is a rule code (base_problems.py words it)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.utils.datetime import from_excel

from gridcenter_desktop.core.area_codes import normalize_code
from gridcenter_desktop.core.validation import clean_text, normalize_phone
from gridcenter_desktop.services.admin.base_sheets import NO, YES, Column, Kind, fold, yes_no

# A day as people write it in a cell: "2022-3-5", "2022/03/05", "2022.3.5", "2022年3月5日"
# (year, month, day groups); the platform sheets add a time after it (services/intake/cells.py).
YMD_TEXT = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
# "20220305".
YMD_DIGITS = r"(\d{4})(\d{2})(\d{2})"
_DATE_TEXT = re.compile(YMD_TEXT + r"\s*日?")
_DATE_DIGITS = re.compile(YMD_DIGITS)


class Unreadable:
    """A cell that holds no usable value: a formula never calculated, or an error."""

    def __init__(self, rule: str, text) -> None:
        self.rule = rule
        self.text = text


def convert(col: Column, value) -> tuple[object, str | None]:
    """The cell's value as the row field takes it, or (None, rule) when it cannot be read.
    Empty cells give (None, None): whether that is allowed is the planner's to say."""
    if isinstance(value, Unreadable):
        return None, value.rule
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value) if col.kind is not Kind.TEXT else value
        if value in ERROR_CODES:
            return None, "cell_error"
        if not clean_text(value):
            return None, None
    if value is None:
        return None, None
    kind = col.kind
    if kind is Kind.TEXT:
        return _cell_text(value), None
    if kind is Kind.CODE:
        return normalize_code(number_text(value)), None
    if kind is Kind.PHONE:
        return _phone(value)
    if kind is Kind.DATE:
        day = _date(value)
        return (day, None) if day is not None else (None, "bad_date")
    if kind is Kind.INTEGER:
        number = _integer(value)
        return (number, None) if number is not None else (None, "bad_integer")
    if kind is Kind.YES_NO:
        if isinstance(value, bool):
            return value, None
        answer = yes_no(number_text(value))
        return (answer, None) if answer is not None else (None, "not_yes_no")
    chosen = col.choices.get(fold(number_text(value))) if col.choices else None
    return (chosen, None) if chosen is not None else (None, "not_in_list")


def number_text(value) -> str:
    """Text of a cell, numbers without a trailing ".0" (a code typed as a number)."""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def _cell_text(value) -> str:
    return clean_text(number_text(value)).replace("\u3000", " ").strip()


def _phone(value) -> tuple[str | None, str | None]:
    text = unicodedata.normalize("NFKC", number_text(value)).strip()
    phone = cell_phone(text, typed_as_number=isinstance(value, int | float))
    return (phone, None) if phone is not None else (None, "bad_phone")


def cell_phone(text: str, *, typed_as_number: bool) -> str | None:
    """The phone number ``text`` names (core.validation.normalize_phone), None when it names
    none. A landline typed as a number (or exported from one) lost its leading 0: when
    ``typed_as_number``, it is put back."""
    phone = normalize_phone(text)
    if phone is None and typed_as_number and not text.startswith("0"):
        phone = normalize_phone("0" + text)
    return phone


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = _DATE_DIGITS.fullmatch(str(int(value))) if float(value).is_integer() else None
        if digits:
            return _ymd(*digits.groups())
        if 18264 <= value <= 73051:  # Excel day numbers of 1950-01-01 .. 2099-12-31
            return from_excel(value).date()
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = _DATE_TEXT.fullmatch(text) or _DATE_DIGITS.fullmatch(text)
    return _ymd(*match.groups()) if match else None


def _ymd(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _integer(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return int(text) if re.fullmatch(r"-?\d{1,9}", text) else None
