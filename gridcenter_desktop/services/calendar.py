"""The working calendar: the bundled Chinese holidays plus what an administrator entered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.core.enums import HolidayKind
from gridcenter_desktop.core.permissions import may_edit_calendar
from gridcenter_desktop.core.validation import check_text
from gridcenter_desktop.db.calendar import CalendarDay
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
) -> None:
    """Enter (or change) holidays and make-up working days, e.g. a year the bundled calendar
    does not know yet. Administrators only; all days are written in one commit."""
    if not may_edit_calendar(actor.role):
        raise PermissionDeniedError("edit_calendar", actor.role)
    names = names or {}
    try:
        for day, kind in days.items():
            try:
                kind = HolidayKind(kind)
            except ValueError:
                raise ValidationError("kind", "invalid") from None
            name = (names.get(day) or "").strip() or None
            if check_text(name, max_length=_NAME_MAX):
                raise ValidationError("name", "too_long")
            row = session.get(CalendarDay, day)
            if row is None:
                session.add(CalendarDay(day=day, kind=kind, name=name))
            else:
                row.kind = kind
                row.name = name
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
        result = session.execute(delete(CalendarDay).where(CalendarDay.day.in_(wanted)))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return result.rowcount or 0
