"""The audit trail: reading it (who may, filters, newest first, keyset pages, a count),
calendar edits recorded, and the archive of rows older than six months. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, func, select
from sqlalchemy.exc import DBAPIError

from gridcenter_desktop.core.enums import AuditAction, HolidayKind, UserRole
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.reports import audit_log
from gridcenter_desktop.services import audit, audit_archive
from gridcenter_desktop.services.audit import AuditFilter, audit_count, audit_page
from gridcenter_desktop.services.calendar import remove_calendar_days, set_calendar_days
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError

TODAY = date(2026, 12, 1)


def _add(sf, rows):
    """Audit rows as (at, actor, action, ticket_id), inserted as the trail would."""
    with sf() as s:
        for at, actor, action, ticket_id in rows:
            audit.record(s, actor, action, ticket_id=ticket_id, workstation="desk-1", now=at)
        s.commit()


@pytest.mark.parametrize("role", [UserRole.OPERATOR, UserRole.VIEWER])
def test_only_admins_and_supervisors_read_the_trail(world, role):
    with world.sf() as s:
        with pytest.raises(PermissionDeniedError):
            audit_page(s, world.actors[role], AuditFilter())
        with pytest.raises(PermissionDeniedError):
            audit_count(s, world.actors[role], AuditFilter())
        assert isinstance(audit_page(s, world.supervisor, AuditFilter(), limit=1), list)


def test_filters_pages_and_count(world):
    ref = world.register()
    op, sup = world.operator, world.supervisor
    _add(world.sf, [
        (datetime(2023, 5, 1, 9), op, AuditAction.SIGN_IN, None),
        (datetime(2023, 5, 1, 10), op, AuditAction.PERSONAL_DATA_VIEW, ref.id),
        (datetime(2023, 5, 2, 8), sup, AuditAction.EXPORT, None),
        (datetime(2023, 5, 3, 23, 59), op, AuditAction.PERSONAL_DATA_VIEW, ref.id),
        (datetime(2023, 5, 4, 0, 0), op, AuditAction.SIGN_OUT, None),
    ])  # fmt: skip
    may = AuditFilter(date_from=date(2023, 5, 1), date_to=date(2023, 5, 3))
    with world.sf() as s:
        rows = audit_page(s, sup, may)
        assert [r.action for r in rows] == [
            AuditAction.PERSONAL_DATA_VIEW, AuditAction.EXPORT,
            AuditAction.PERSONAL_DATA_VIEW, AuditAction.SIGN_IN,
        ]  # fmt: skip
        assert audit_count(s, sup, may) == 4
        views = AuditFilter(action=AuditAction.PERSONAL_DATA_VIEW, ticket_id=ref.id)
        assert [r.ticket_code for r in audit_page(s, sup, views)] == [ref.code, ref.code]
        mine = audit_page(s, sup, AuditFilter(user_id=op.user_id, date_from=date(2023, 5, 1),
                                              date_to=date(2023, 5, 4)))  # fmt: skip
        assert len(mine) == 4 and all(r.user_name == "调度员小王" for r in mine)
        first = audit_page(s, sup, may, limit=3)
        rest = audit_page(s, sup, may, before_id=first[-1].id, limit=3)
        assert [r.id for r in first + rest] == [r.id for r in rows]
        with pytest.raises(ValidationError):
            audit_page(s, sup, AuditFilter(date_from=date(2023, 5, 3), date_to=date(2023, 5, 1)))


def test_calendar_edits_are_recorded_before_and_after(world):
    admin = world.actors[UserRole.ADMIN]
    day = date(2031, 10, 1)
    with world.sf() as s:
        set_calendar_days(s, admin, {day: HolidayKind.HOLIDAY}, {day: "国庆节"})
    with world.sf() as s:
        set_calendar_days(s, admin, {day: HolidayKind.WORKDAY}, source="import")
    with world.sf() as s:
        assert remove_calendar_days(s, admin, [day]) == 1
    with world.sf() as s:
        rows = audit_page(s, admin, AuditFilter(action=AuditAction.CALENDAR_CHANGE), limit=3)
    removed, changed, entered = (r.detail for r in rows)
    assert entered == {"change": "set", "before": {},
                       "after": {"2031-10-01": {"kind": "holiday", "name": "国庆节"}}}  # fmt: skip
    assert changed["change"] == "import"
    assert changed["before"]["2031-10-01"]["kind"] == "holiday"
    assert changed["after"]["2031-10-01"] == {"kind": "workday", "name": None}
    assert removed == {"change": "remove", "before": {"2031-10-01": {"kind": "workday",
                       "name": None}}, "after": {}}  # fmt: skip
    assert rows[0].target == "2031-10-01"


def test_a_refused_calendar_edit_records_nothing(world):
    with world.sf() as s, pytest.raises(PermissionDeniedError):
        set_calendar_days(s, world.operator, {date(2031, 5, 1): HolidayKind.HOLIDAY})
    with world.sf() as s:
        rows = audit_page(s, world.supervisor, AuditFilter(action=AuditAction.CALENDAR_CHANGE))
    assert all("2031-05-01" not in json.dumps(r.detail) for r in rows)


def test_the_audit_log_workbook_is_written_and_its_export_recorded(world, tmp_path):
    sup = world.supervisor
    _add(world.sf, [(datetime(2023, 7, 1, 9), world.operator, AuditAction.SIGN_IN, None)])
    path = tmp_path / "审计日志.xlsx"
    flt = AuditFilter(date_from=date(2023, 7, 1), date_to=date(2023, 7, 1))
    with world.sf() as s:
        result = audit_log.export_audit_log(s, path, sup, flt, now=datetime(2023, 7, 2))
    ws = load_workbook(path).active
    assert ws["A1"].value == "审计日志"
    assert [c.value for c in ws[3]] == list(audit_log.HEADERS)
    assert ws["F4"].value == "登录成功" and result.rows == 1
    with world.sf() as s:
        (entry,) = audit_page(s, sup, AuditFilter(action=AuditAction.EXPORT, user_id=sup.user_id),
                              limit=1)  # fmt: skip
    assert entry.detail["report"] == "audit_log" and entry.detail["rows"] == 1
    assert entry.detail["filter"] == {"date_from": "2023-07-01", "date_to": "2023-07-01"}


# -- archive ------------------------------------------------------------------------------------


def test_the_archive_refuses_a_date_less_than_six_months_ago(fresh_world):
    admin = fresh_world.actors[UserRole.ADMIN]
    assert audit_archive.latest_archive_date(TODAY) == date(2026, 6, 1)
    assert audit_archive.latest_archive_date(date(2026, 8, 31)) == date(2026, 2, 28)
    with pytest.raises(ValidationError) as refused:
        audit_archive.check_archive(admin, date(2026, 6, 2), TODAY)
    assert refused.value.rule == "too_recent"
    audit_archive.check_archive(admin, date(2026, 6, 1), TODAY)
    with pytest.raises(PermissionDeniedError):
        audit_archive.check_archive(fresh_world.supervisor, date(2020, 1, 1), TODAY)


def test_archive_deletes_exactly_the_archived_rows_and_the_trail_stays_append_only(fresh_world):
    sf, admin, op = fresh_world.sf, fresh_world.actors[UserRole.ADMIN], fresh_world.operator
    _add(sf, [
        (datetime(2022, 1, 5, 9), op, AuditAction.SIGN_IN, None),
        (datetime(2022, 2, 5, 9), op, AuditAction.EXPORT, None),
        (datetime(2022, 3, 1, 0), op, AuditAction.SIGN_OUT, None),
    ])  # fmt: skip
    before = date(2022, 3, 1)
    with sf() as s:
        rows = [r for batch in audit.iter_audit_rows(s, admin, audit_archive.archive_filter(before))
                for r in batch]  # fmt: skip
    assert len(rows) == 2
    with sf() as s:  # a workbook that does not hold every row: nothing goes
        with pytest.raises(ValidationError):
            audit_archive.delete_archived(
                s, admin, before, up_to_id=max(r.id for r in rows), expected_rows=1,
                archive_file="x.xlsx", today=TODAY,
            )  # fmt: skip
    with sf() as s:
        assert audit_archive.count_before(s, before) == 2
        deleted = audit_archive.delete_archived(
            s, admin, before, up_to_id=max(r.id for r in rows), expected_rows=2,
            archive_file="audit-2022.xlsx", today=TODAY,
        )  # fmt: skip
    assert deleted == 2
    with sf() as s:
        left = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        assert [e.action for e in left] == [AuditAction.SIGN_OUT, AuditAction.AUDIT_ARCHIVE]
        # On PostgreSQL the owner's archive function writes this row (with the client address).
        assert json.loads(left[-1].detail)["rows"] == 2
        assert left[-1].target.startswith("before 2022-03-01")
    # The exemption ended with that transaction: an ordinary DELETE is refused again.
    with sf() as s:
        with pytest.raises(DBAPIError):
            s.execute(delete(AuditEntry))
            s.flush()
        s.rollback()
        assert s.scalar(select(func.count(AuditEntry.id))) == 2
