"""One cell of a platform's sheet as its field takes it, or the rule it breaks.

Platforms' exports are not tidy: a time is an Excel date in one row and "2022/3/5 14:02" in the
next; a landline typed as a number lost its leading 0; a deadline is a date-time or "5个工作日".
Every reader (xlsx, csv) goes through :func:`convert`, so both read a cell the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.utils.datetime import from_excel

from gridcenter_desktop.core.clock import as_china
from gridcenter_desktop.core.enums import IntakeField, Priority, TicketKind
from gridcenter_desktop.core.validation import (
    LATITUDE_LIMIT,
    LONGITUDE_LIMIT,
    check_coordinate,
    clean_text,
)
from gridcenter_desktop.services.admin.base_cells import (
    YMD_DIGITS,
    YMD_TEXT,
    cell_phone,
    number_text,
)
from gridcenter_desktop.services.admin.base_sheets import fold

F = IntakeField


class LimitUnit(StrEnum):
    WORKING_DAYS = "working_days"  # 工作日: the work calendar counts them
    DAYS = "days"  # 天 / 自然日
    HOURS = "hours"  # 小时 (urgent matters: "24小时")


@dataclass(frozen=True, slots=True)
class DeadlineLimit:
    """A deadline given as a time allowed ("5个工作日", "3天", "24小时", a bare "5"): the
    planner turns it into a date-time from the received time with the work calendar."""

    amount: int
    unit: LimitUnit


# "2022/3/5 14:02", "2022-03-05 14:02:33", "2022年3月5日 14时02分", "2022.3.5", "2022-03-05T14:02".
_DATE_TIME = re.compile(
    YMD_TEXT + r"\s*[日号]?"
    r"(?:\s*[T\s]?\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*分?"
    r"(?:\s*[:：]?\s*(\d{1,2}(?:\.\d+)?)\s*秒?)?)?"
)
_DIGIT_DATE = re.compile(YMD_DIGITS + r"(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?")
# "5", "5个工作日", "3天", "3 日", "7个自然日", "24小时", "2个工作日内".
_LIMIT = re.compile(r"(\d{1,3})\s*(?:个)?\s*(工作日|自然日|天|日|小时|h|d)?\s*内?", re.IGNORECASE)
_LIMIT_UNITS = {
    None: LimitUnit.WORKING_DAYS,  # a bare number: platforms count working days
    "工作日": LimitUnit.WORKING_DAYS,
    "自然日": LimitUnit.DAYS,
    "天": LimitUnit.DAYS,
    "日": LimitUnit.DAYS,
    "d": LimitUnit.DAYS,
    "小时": LimitUnit.HOURS,
    "h": LimitUnit.HOURS,
}
# Excel's day numbers of 2000-01-01 .. 2099-12-31: a time typed in a cell not formatted as one.
_SERIAL_RANGE = (36526, 73051)
# What people write when there is no phone number.
_NO_VALUE = frozenset({"无", "不详", "未知", "暂无", "匿名", "/", "-", "--", "—", "n/a", "null"})

_PRIORITY_WORDS = {
    "一般": Priority.ORDINARY, "普通": Priority.ORDINARY, "正常": Priority.ORDINARY,
    "常规": Priority.ORDINARY, "平件": Priority.ORDINARY, "ordinary": Priority.ORDINARY,
    "紧急": Priority.URGENT, "急": Priority.URGENT, "加急": Priority.URGENT,
    "急件": Priority.URGENT, "较急": Priority.URGENT, "urgent": Priority.URGENT,
    "特急": Priority.CRITICAL, "特别紧急": Priority.CRITICAL, "非常紧急": Priority.CRITICAL,
    "特急件": Priority.CRITICAL, "critical": Priority.CRITICAL,
}  # fmt: skip
# 诉求性质: what is not a dispute, a petition or a suggestion is an ordinary matter (投诉, 求助,
# 咨询, 举报 ...), so any word is read.
_KIND_WORDS = (
    ("纠纷", TicketKind.DISPUTE), ("矛盾", TicketKind.DISPUTE), ("信访", TicketKind.PETITION),
    ("建议", TicketKind.SUGGESTION), ("意见", TicketKind.SUGGESTION),
)  # fmt: skip

_DATE_TIME_FIELDS = frozenset({F.RECEIVED_AT, F.CLOSED_AT})
# Two numbers in one cell: "13912345678/0512-66881234", "13912345678、13812345678".
_PHONE_SPLIT = re.compile(r"[,，、/;；|]+|\s{2,}")


def convert(field: IntakeField, value: object) -> tuple[object, str | None]:
    """(the value the field takes, None) or (None, rule). Empty cells give (None, None):
    whether one may be empty is the planner's to say."""
    if isinstance(value, str):
        if value in ERROR_CODES:
            return None, "cell_error"
        value = clean_text(ILLEGAL_CHARACTERS_RE.sub("", value)).replace("\u3000", " ").strip()
        if not value:
            return None, None
    if value is None:
        return None, None
    if field in _DATE_TIME_FIELDS:
        at = date_time(value)
        return (at, None) if at is not None else (None, "bad_datetime")
    if field is F.DEADLINE:
        return _deadline(value)
    if field is F.REPORTER_PHONE:
        return _phone(value)
    if field in (F.LATITUDE, F.LONGITUDE):
        return _coordinate(field, value)
    if field is F.PRIORITY:
        priority = priority_of(value)
        return (priority, None) if priority is not None else (None, "unknown_priority")
    if field is F.KIND:
        return kind_of(value), None
    text = clean_text(number_text(value))
    return (text or None), None


def priority_of(value: object) -> Priority | None:
    """The priority a platform's 紧急程度 names ("特急", "加急", "一般" ...), None when unknown."""
    return _PRIORITY_WORDS.get(fold(number_text(value)))


def kind_of(value: object) -> TicketKind:
    """The kind a platform's 诉求性质 says (纠纷, 信访, 建议 ...); any other word is ordinary."""
    word = fold(number_text(value))
    return next((k for w, k in _KIND_WORDS if w in word), TicketKind.ORDINARY)


def date_time(value: object) -> datetime | None:
    """A date-time from an Excel date, an Excel day number, or text in the platforms'
    spellings; a date alone is its midnight. None when it is none of these."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(float(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = _DATE_TIME.fullmatch(text) or _DIGIT_DATE.fullmatch(text)
    if match is None:
        return _iso(text)
    year, month, day, hour, minute, second = match.groups()
    seconds = float(second) if second else 0.0
    try:
        return datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(seconds)
        )
    except ValueError:
        return None


def _iso(text: str) -> datetime | None:
    """ISO 8601 with an offset ("2022-03-05T06:02:33Z", "...+08:00") as China time, or an
    Excel day number written as text."""
    try:
        at = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            return _serial(float(text))
        except ValueError:
            return None
    return china_time(at)


def china_time(at: datetime) -> datetime:
    """``at`` as naive China time to the second (a time with an offset is converted)."""
    return as_china(at).replace(microsecond=0)


def _serial(number: float) -> datetime | None:
    if not _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        return None
    at = from_excel(number)
    # Excel's fractions of a day land a hair off the second: round to the nearest one.
    if not isinstance(at, datetime):
        return None
    return (at + timedelta(microseconds=500_000)).replace(microsecond=0)


def _deadline(value: object) -> tuple[object, str | None]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 0 < value < 1000:
            return DeadlineLimit(int(value), LimitUnit.WORKING_DAYS), None
    elif not isinstance(value, datetime | date):
        text = unicodedata.normalize("NFKC", str(value)).strip()
        match = _LIMIT.fullmatch(text)
        if match is not None:
            amount = int(match.group(1))
            unit = match.group(2).lower() if match.group(2) else None
            if amount > 0:
                return DeadlineLimit(amount, _LIMIT_UNITS[unit]), None
            return None, "bad_deadline"
    at = date_time(value)
    return (at, None) if at is not None else (None, "bad_deadline")


def _phone(value: object) -> tuple[str | None, str | None]:
    text = unicodedata.normalize("NFKC", number_text(value)).strip()
    if text.lower() in _NO_VALUE:
        return None, None
    phone = _one_phone(text)
    if phone is None:
        # The first of several numbers is the one to call back.
        parts = [p for p in _PHONE_SPLIT.split(text) if p.strip()]
        phone = _one_phone(parts[0].strip()) if len(parts) > 1 else None
    return (phone, None) if phone is not None else (None, "bad_phone")


def _one_phone(text: str) -> str | None:
    # A CSV has no numbers: digits alone may be a landline that lost its 0 on the way.
    return cell_phone(text, typed_as_number=text.isdigit())


def _coordinate(field: IntakeField, value: object) -> tuple[float | None, str | None]:
    try:
        number = float(unicodedata.normalize("NFKC", number_text(value)).strip())
    except ValueError:
        return None, "bad_coordinate"
    limit = LATITUDE_LIMIT if field is F.LATITUDE else LONGITUDE_LIMIT
    return (None, "bad_coordinate") if check_coordinate(number, limit) else (number, None)


def cell_text(value: object) -> str:
    """A cell as the user saw it, for the rejects file and the problem's value."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}" if not value.second else f"{value:%Y-%m-%d %H:%M:%S}"
    return number_text(value)


__all__ = [
    "DeadlineLimit",
    "LimitUnit",
    "cell_text",
    "china_time",
    "convert",
    "date_time",
    "kind_of",
    "priority_of",
]
