"""What the search box finds besides words: ticket codes, reporters' names and phones.

The queue's search box (services.queue ``QueueFilter.text``) is read three ways:

* A **code** (GC20261201-0001, or its beginning: GC202612, 20261201-00) is looked up on the
  code's unique index: a whole code exactly, a beginning as an index range. It is searched as a
  code only: no ticket text holds such strings.
* Everything else is a **text** search (services.search: title, description, address) OR a
  **reporter** search, when the searcher's role allows it (core.permissions.reporter_search):
  the reporter's name (whole, or its beginning for PARTIAL) and phone (the last 7 digits or
  more, or the last 4 for PARTIAL: "尾号5678"). Both on indexes: the name on its own column,
  the phone on ``reporter_phone_reversed`` (its digits, country code dropped, reversed), so
  "ends with" is an index range, whatever way the number was written (+86 139-1234-5678,
  full-width digits, 0512-66881234 found by 66881234).

Ranges on PostgreSQL are written as ``LIKE 'prefix%'`` over ``text_pattern_ops`` indexes, which
index a prefix under any database collation; on SQLite as a range (binary collation) plus the
LIKE as a check.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import ColumnElement, Connection, and_, event, func, inspect, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Mapper

from gridcenter_desktop.core.permissions import ReporterSearch
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import search

# A whole code: GC + yyyymmdd + "-" + 4 or more digits; a beginning: GC and any digits, with
# or without the dash part; or the date part with a dash (operators drop the GC).
_WHOLE_CODE = re.compile(r"GC\d{8}-\d{4,}")
_CODE_START = re.compile(r"GC\d{0,8}|GC\d{8}-\d{0,6}|\d{8}-\d{0,6}")
_NOT_DIGIT = re.compile(r"\D")
_PHONE_CHARS = re.compile(r"[\d\s+()\-－—]+")

WHOLE_PHONE_DIGITS = 7
PARTIAL_PHONE_DIGITS = 4


def _fold(text: str) -> str:
    # NFKC: full-width ＧＣ２０２６ and １３９ as operators sometimes type them.
    return unicodedata.normalize("NFKC", text).strip()


def code_query(query: str) -> tuple[str, bool] | None:
    """``(code or code beginning, whole)`` when ``query`` reads as a ticket code, else None."""
    folded = _fold(query).upper().replace(" ", "")
    if _WHOLE_CODE.fullmatch(folded):
        return folded, True
    if _CODE_START.fullmatch(folded):
        return (folded if folded.startswith("GC") else "GC" + folded), False
    return None


def phone_digits(phone: str | None) -> str:
    """A phone number's digits without the country code (+86, 0086)."""
    digits = _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", phone or ""))
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def reversed_phone(phone: str | None) -> str | None:
    """What ``reporter_phone_reversed`` holds for ``phone`` (None for no number)."""
    digits = phone_digits(phone)
    return digits[::-1] or None


def _starts_with(dialect: str, column: InstrumentedAttribute, prefix: str) -> ColumnElement:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = column.like(escaped + "%", escape="\\")
    if dialect != "sqlite":
        return like
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper, like)


def code_clause(
    dialect: str, code: str, whole: bool, *, probe: bool = False
) -> ColumnElement[bool]:
    """Tickets with this code, or whose code starts with it. With ``probe`` (a beginning
    that thousands of codes share, "GC2022") SQLite checks the code row by row while it walks
    the queue's ordering index, instead of reading the range and sorting it all for a page
    (:func:`code_count` tells)."""
    if whole:
        return Ticket.code == code
    if probe and dialect == "sqlite":
        # code || '': the same value, but no index on it, so the ordering index drives.
        unindexed = Ticket.code.concat("")
        escaped = code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return unindexed.like(escaped + "%", escape="\\")
    return _starts_with(dialect, Ticket.code, code)


def code_count(connection: Connection, code: str, whole: bool, bound: int) -> int:
    """How many codes the query matches, counted up to ``bound`` only (an index range)."""
    cond = code_clause(connection.dialect.name, code, whole)
    inner = select(Ticket.id).where(cond).limit(bound).subquery()
    return int(connection.scalar(select(func.count()).select_from(inner)) or 0)


def reporter_clause(dialect: str, query: str, scope: ReporterSearch) -> ColumnElement[bool] | None:
    """Tickets whose reporter the query names or whose number it ends, within ``scope``; None
    when nothing of the query may be looked up there."""
    if scope is ReporterSearch.NONE:
        return None
    folded = _fold(query)
    terms: list[ColumnElement[bool]] = []
    if folded and len(folded) <= 64:
        if scope is ReporterSearch.PARTIAL:
            terms.append(_starts_with(dialect, Ticket.reporter_name, folded))
        else:
            terms.append(Ticket.reporter_name == folded)
    if _PHONE_CHARS.fullmatch(folded):
        digits = phone_digits(folded)
        least = PARTIAL_PHONE_DIGITS if scope is ReporterSearch.PARTIAL else WHOLE_PHONE_DIGITS
        if len(digits) >= least:
            terms.append(_starts_with(dialect, Ticket.reporter_phone_reversed, digits[::-1]))
    return or_(*terms) if terms else None


def search_clause(
    dialect: str, query: str, scope: ReporterSearch, *, probe: bool = False
) -> ColumnElement[bool]:
    """The WHERE clause of the search box (see the module docstring); ``probe`` as in
    search.matching_ids_clause."""
    code = code_query(query)
    if code is not None:
        return code_clause(dialect, *code, probe=probe)
    text = search.matching_ids_clause(dialect, query, probe=probe)
    reporter = reporter_clause(dialect, query, scope)
    return text if reporter is None else or_(text, reporter)


def _key_on_insert(_mapper: Mapper, _connection, target: Ticket) -> None:
    target.reporter_phone_reversed = reversed_phone(target.reporter_phone)


def _key_on_update(_mapper: Mapper, _connection, target: Ticket) -> None:
    if inspect(target).attrs.reporter_phone.history.has_changes():
        target.reporter_phone_reversed = reversed_phone(target.reporter_phone)


# Every ORM save keeps the key in step with the number (bulk loaders set it themselves).
if not event.contains(Ticket, "before_insert", _key_on_insert):
    event.listen(Ticket, "before_insert", _key_on_insert)
    event.listen(Ticket, "before_update", _key_on_update)
