"""The administrator's calendar entries, stored in the database, win over the bundled one."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from gridcenter_desktop.core.enums import HolidayKind, UserRole
from gridcenter_desktop.services.calendar import (
    list_calendar_days,
    load_calendar,
    remove_calendar_days,
    set_calendar_days,
)
from gridcenter_desktop.services.errors import PermissionDeniedError


@pytest.fixture
def world(fresh_world):
    """A database of its own: calendar entries change every deadline."""
    return fresh_world


def test_entries_from_the_database_change_deadlines(world):
    admin = world.actors[UserRole.ADMIN]
    # 2027 is beyond the bundled calendar: an administrator enters its Spring Festival.
    spring = {date(2027, 2, d): HolidayKind.HOLIDAY for d in range(8, 13)}
    spring[date(2027, 2, 6)] = HolidayKind.WORKDAY  # a Saturday worked (调休)
    with world.sf() as s:
        set_calendar_days(s, admin, spring, names={date(2027, 2, 8): "春节"})
    with world.sf() as s:
        cal = load_calendar(s)
        assert not cal.is_workday(date(2027, 2, 8))
        assert cal.is_workday(date(2027, 2, 6))
        entries = list_calendar_days(s, 2027)
    assert len(entries) == 6 and entries[1].name == "春节"

    # Registered Friday 2027-02-05 10:00, noise (5 working days): Sat 6th (worked), then
    # Mon 15th .. Thu 18th → due Thursday 2027-02-18 10:00.
    world.now = datetime(2027, 2, 5, 10, 0)
    ref = world.register()
    assert world.ticket(ref.id).deadline_at == datetime(2027, 2, 18, 10, 0)

    with world.sf() as s:
        assert remove_calendar_days(s, admin, spring) == 6
    with world.sf() as s:
        assert load_calendar(s).is_workday(date(2027, 2, 8))


def test_a_database_entry_overrides_a_year_the_package_knows(world):
    with world.sf() as s:
        set_calendar_days(s, world.actors[UserRole.ADMIN], {date(2022, 3, 2): HolidayKind.HOLIDAY})
    ref = world.register()  # Tuesday 2022-03-01 09:00, 5 working days, Wednesday is off
    assert world.ticket(ref.id).deadline_at == datetime(2022, 3, 9, 9, 0)


def test_only_administrators_edit_the_calendar(world):
    for role in (UserRole.VIEWER, UserRole.OPERATOR, UserRole.SUPERVISOR):
        with world.sf() as s, pytest.raises(PermissionDeniedError):
            set_calendar_days(s, world.actors[role], {date(2027, 1, 1): HolidayKind.HOLIDAY})
    with world.sf() as s:
        assert list_calendar_days(s) == []
