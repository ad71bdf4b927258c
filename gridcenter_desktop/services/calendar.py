"""The working calendar: the bundled Chinese holidays plus what an administrator entered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.core.enums import AuditAction, HolidayKind
from gridcenter_desktop.core.permissions import may_edit_calendar
from gridcenter_desktop.core.validation import check_text, clean_text
from gridcenter_desktop.db.calendar import CalendarDay
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError

_NAME_MAX = 64


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    day: date
    kind: HolidayKind
    name: str | None


def load_calendar(session: Session) -> WorkCalendar:
    """A WorkCalendar honouring every day an administrator entered."""
    rows = session.execute(select(CalendarDay.day, CalendarDay.kind)).all()
    return WorkCalendar({day: HolidayKind(kind) for day, kind in rows})


def list_calendar_days(session: Session, year: int | None = None) -> list[CalendarEntry]:
    """The administrator's entries, by date; only ``year``'s when given."""
    query = select(CalendarDay).order_by(CalendarDay.day)
    if year is not None:
        query = query.where(CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)))
    return [CalendarEntry(r.day, HolidayKind(r.kind), r.name) for r in session.scalars(query)]


def set_calendar_days(
    session: Session,
    actor: Actor,
    days: Mapping[date, HolidayKind],
    names: Mapping[date, str] | None = None,
    *,
    source: str = "set",
) -> None:
    """Enter (or change) holidays and make-up working days, e.g. a year the bundled calendar
    does not know yet. Administrators only; all days are written in one commit, with one
    CALENDAR_CHANGE audit row holding each day before and after (``source``: "set" or
    "import")."""
    if not may_edit_calendar(actor.role):
        raise PermissionDeniedError("edit_calendar", actor.role)
    names = names or {}
    try:
        before = _entries(session, days)
        for day, kind in days.items():
            try:
                kind = HolidayKind(kind)
            except ValueError:
                raise ValidationError("kind", "invalid") from None
            name = clean_text(names.get(day)) or None
            rule = check_text(name, max_length=_NAME_MAX)
            if rule:
                raise ValidationError("name", rule)
            row = session.get(CalendarDay, day)
            if row is None:
                session.add(CalendarDay(day=day, kind=kind, name=name))
            else:
                row.kind = kind
                row.name = name
        session.flush()
        _record_change(session, actor, source, before, _entries(session, days))
        session.commit()
    except BaseException:
        session.rollback()
        raise


def remove_calendar_days(session: Session, actor: Actor, days: Iterable[date]) -> int:
    """Forget entries (the day falls back to the bundled calendar or the weekend rule);
    returns how many were removed. Administrators only."""
    if not may_edit_calendar(actor.role):
        raise PermissionDeniedError("edit_calendar", actor.role)
    wanted = list(days)
    try:
        before = _entries(session, wanted)
        result = session.execute(delete(CalendarDay).where(CalendarDay.day.in_(wanted)))
        if before:
            _record_change(session, actor, "remove", before, {})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return result.rowcount or 0


def _entries(session: Session, days: Iterable[date]) -> dict[str, dict[str, str | None]]:
    """The entries of ``days`` as they stand, keyed by ISO date (for the audit row)."""
    wanted = list(days)
    if not wanted:
        return {}
    rows = session.scalars(select(CalendarDay).where(CalendarDay.day.in_(wanted)))
    return {r.day.isoformat(): {"kind": HolidayKind(r.kind).value, "name": r.name} for r in rows}


def _record_change(session, actor, source, before, after) -> None:
    changed = sorted(set(before) | set(after))
    target = changed[0] if len(changed) == 1 else f"{changed[0]}…{changed[-1]} ({len(changed)})"
    audit.record(
        session,
        actor,
        AuditAction.CALENDAR_CHANGE,
        target=target,
        detail={"change": source, "before": before, "after": after},
    )


_KIND_WORDS = {
    "holiday": HolidayKind.HOLIDAY,
    "休": HolidayKind.HOLIDAY,
    "假": HolidayKind.HOLIDAY,
    "节假日": HolidayKind.HOLIDAY,
    "workday": HolidayKind.WORKDAY,
    "班": HolidayKind.WORKDAY,
    "调休上班": HolidayKind.WORKDAY,
    "上班": HolidayKind.WORKDAY,
}


def parse_calendar_rows(
    rows: Iterable[Sequence[str]],
) -> tuple[dict[date, HolidayKind], dict[date, str]]:
    """Read a year's holidays as an administrator types them from the State Council notice:
    rows of ``date, kind[, name]`` (kind ``holiday``/``休`` or ``workday``/``班``). A header
    row and blank rows are skipped. Any bad row refuses the whole file with
    ``ValidationError(field="row N", rule=...)`` so nothing is half-entered."""
    days: dict[date, HolidayKind] = {}
    names: dict[date, str] = {}
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        where = f"row {number}"
        if number == 1 and cells[0].lower() in ("date", "日期"):
            continue
        if len(cells) < 2:
            raise ValidationError(where, "missing_kind", f"{where}: date and kind are required")
        try:
            day = date.fromisoformat(cells[0])
        except ValueError:
            raise ValidationError(
                where, "bad_date", f"{where}: not a date (YYYY-MM-DD): {cells[0]!r}"
            ) from None
        kind = _KIND_WORDS.get(cells[1].lower())
        if kind is None:
            raise ValidationError(
                where, "bad_kind", f"{where}: kind must be holiday/休 or workday/班: {cells[1]!r}"
            )
        if day in days:
            raise ValidationError(where, "duplicate", f"{where}: {day} is listed twice")
        days[day] = kind
        if len(cells) > 2 and cells[2]:
            names[day] = cells[2]
    return days, names
