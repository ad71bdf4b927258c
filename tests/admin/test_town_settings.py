"""The town's own settings: a new database names no town; the reports and notices carry the
configured centre, issuer and notice number; the default report period is what the app picks;
bad values are refused naming the field; every change is audited. On SQLite and PostgreSQL,
and on PostgreSQL as the administrator's own login role."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import gridcenter_desktop
from gridcenter_desktop.core.enums import AreaLevel, AuditAction, UserRole
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.settings import AppSetting
from gridcenter_desktop.db.user import User
from gridcenter_desktop.reports import notice, summary
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.town import (
    ReportPeriod,
    TownSettings,
    save_town_settings,
    town_settings,
)
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.periods import default_period, last_whole_period, whole_period
from tests.reports.conftest import NOW, insert_report_data

from .town_desk import audit_details, build_desk, postgresql_desk, signed_in_engine

DONGSHAN = TownSettings(
    town_name="东山镇",
    town_code="320506999",  # a test town's made-up code
    centre_name="东山镇综合指挥中心",
    issuer="东山镇人民政府",
    notice_pattern="东山整改〔{year}〕{seq}号",
    report_period=ReportPeriod.QUARTER,
)


@pytest.fixture
def reports_town(session):
    """The reports' tickets (their town area is named 光福镇) and its administrator."""
    data = insert_report_data(session)
    session.commit()
    admin = session.scalar(select(User).where(User.login == "admin"))
    return data, Actor(admin.id, UserRole.ADMIN, admin.display_name, admin.login)


def _cover_title(session: Session, tmp_path) -> str:
    path = tmp_path / "月报.xlsx"
    summary.write_summary(session, path, date(2022, 3, 1), date(2022, 3, 31), now=NOW)
    return load_workbook(path)[summary.COVER]["A1"].value


def _notice_texts(session: Session, tmp_path, ticket_id: int) -> tuple[str, list[str]]:
    path = tmp_path / f"通知书{ticket_id}.xlsx"
    result = notice.write_notice(session, path, ticket_id, now=NOW)
    sheet = load_workbook(path)[notice.SHEET_NAME]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    return result.number, texts


def test_a_new_database_names_no_town(session, tmp_path):
    settings = town_settings(session)
    assert settings == TownSettings()
    assert (settings.town_name, settings.centre_name, settings.issuer) == (
        "",
        "集成指挥中心",
        "集成指挥中心",
    )
    assert settings.report_period is ReportPeriod.MONTH
    # No settings entered, but an area tree whose root is a town: the reports name that town.
    data = insert_report_data(session)
    session.commit()
    settings = town_settings(session)
    assert (settings.town_name, settings.centre_name) == ("光福镇", "光福镇集成指挥中心")
    assert _cover_title(session, tmp_path) == "光福镇集成指挥中心工作月报"
    number, texts = _notice_texts(session, tmp_path, data.ticket_ids[0])
    assert texts[0] == "光福镇集成指挥中心" and number == "光福镇整改〔2022〕1号"


def test_the_reports_carry_the_configured_town(session, reports_town, tmp_path):
    data, admin = reports_town
    saved = save_town_settings(session, admin, DONGSHAN)
    assert saved == DONGSHAN
    assert _cover_title(session, tmp_path) == "东山镇综合指挥中心工作月报"
    first, texts = _notice_texts(session, tmp_path, data.ticket_ids[0])
    assert texts[0] == "东山镇人民政府"
    assert first == "东山整改〔2022〕1号" and first in texts
    # The ticket's serial in its year (a duplicate registered on 03-01 comes before this
    # one of 03-15); stable on reprint.
    second, _ = _notice_texts(session, tmp_path, data.ticket_ids[1])
    assert second == "东山整改〔2022〕3号"
    assert _notice_texts(session, tmp_path, data.ticket_ids[0])[0] == first
    # The root area carries the town's name and code.
    town = session.scalars(select(Area).where(Area.level == AreaLevel.TOWN)).one()
    assert (town.name, town.code) == ("东山镇", "320506999")


def test_the_centres_name_follows_the_town_unless_written_out(session):
    desk = build_desk(session)
    named = save_town_settings(session, desk.admin, TownSettings(town_name="东山镇"))
    assert (named.centre_name, named.issuer) == ("东山镇集成指挥中心", "东山镇集成指挥中心")
    # Renamed with the settings as read: the derived names follow.
    renamed = save_town_settings(
        session, desk.admin, dataclasses.replace(named, town_name="西山镇")
    )
    assert renamed.centre_name == "西山镇集成指挥中心"
    custom = save_town_settings(
        session, desk.admin, dataclasses.replace(renamed, issuer="西山镇人民政府")
    )
    again = save_town_settings(session, desk.admin, dataclasses.replace(custom, town_name="金庭镇"))
    assert (again.centre_name, again.issuer) == ("金庭镇集成指挥中心", "西山镇人民政府")
    # The town area was created with the first name and renamed since.
    towns = session.scalars(select(Area).where(Area.level == AreaLevel.TOWN)).all()
    assert [t.name for t in towns] == ["金庭镇"]


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        ({"notice_pattern": "{town}整改{foo}{seq}号"}, "notice_pattern", "bad_placeholder"),
        ({"notice_pattern": "整改〔{year}〕{seq号"}, "notice_pattern", "bad_placeholder"),
        ({"notice_pattern": "{town}整改〔{year}〕号"}, "notice_pattern", "no_serial"),
        ({"town_code": "32050"}, "town_code", "code_wrong_length"),
        ({"town_code": "3205061AB"}, "town_code", "code_not_digits"),
        ({"town_name": "镇" * 65}, "town_name", "too_long"),
        ({"issuer": "人民政府\x00"}, "issuer", "control_chars"),
        ({"report_period": "fortnight"}, "report_period", "invalid"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(session, change, field, rule):
    desk = build_desk(session)
    save_town_settings(session, desk.admin, DONGSHAN)
    stored = session.scalar(select(func.count()).select_from(AppSetting))
    with pytest.raises(ValidationError) as refused:
        save_town_settings(session, desk.admin, dataclasses.replace(DONGSHAN, **change))
    assert (refused.value.field, refused.value.rule) == (field, rule)
    session.rollback()
    assert town_settings(session) == DONGSHAN
    assert session.scalar(select(func.count()).select_from(AppSetting)) == stored
    assert len(audit_details(session, AuditAction.SETTINGS_CHANGE)) == 1


def test_only_an_administrator_changes_the_settings(session):
    desk = build_desk(session)
    with pytest.raises(PermissionDeniedError):
        save_town_settings(session, desk.operator, DONGSHAN)
    assert town_settings(session) == TownSettings()


def test_a_change_is_audited_with_before_and_after(session):
    desk = build_desk(session)
    save_town_settings(session, desk.admin, DONGSHAN)
    save_town_settings(session, desk.admin, DONGSHAN)  # unchanged: no entry
    save_town_settings(
        session, desk.admin, dataclasses.replace(DONGSHAN, report_period=ReportPeriod.YEAR)
    )
    changes = audit_details(session, AuditAction.SETTINGS_CHANGE)
    assert [target for target, _ in changes] == ["town 东山镇", "town 东山镇"]
    first, second = (detail for _, detail in changes)
    assert first["before"]["town_name"] == "" and first["after"]["issuer"] == "东山镇人民政府"
    assert (second["before"]["report_period"], second["after"]["report_period"]) == (
        "quarter",
        "year",
    )


def test_the_default_report_period_is_what_the_app_picks():
    day = date(2022, 10, 25)  # a Tuesday
    assert whole_period(ReportPeriod.WEEK, day) == (date(2022, 10, 24), date(2022, 10, 30))
    assert whole_period(ReportPeriod.QUARTER, day) == (date(2022, 10, 1), date(2022, 12, 31))
    # The charts: the period so far, up to the last ticket.
    later = date(2026, 12, 2)
    assert default_period(date(2023, 5, 20), later, kind=ReportPeriod.MONTH) == (
        date(2023, 5, 1),
        date(2023, 5, 20),
    )
    assert default_period(date(2023, 5, 20), later, kind=ReportPeriod.YEAR) == (
        date(2023, 1, 1),
        date(2023, 5, 20),
    )
    # A report without dates: the last whole one (月报 for last month, 季报 for last quarter).
    assert last_whole_period(ReportPeriod.MONTH, date(2023, 5, 20), later) == (
        date(2023, 4, 1),
        date(2023, 4, 30),
    )
    assert last_whole_period(ReportPeriod.QUARTER, date(2023, 6, 30), later) == (
        date(2023, 4, 1),
        date(2023, 6, 30),
    )
    assert last_whole_period(ReportPeriod.WEEK, None, day) == (
        date(2022, 10, 17),
        date(2022, 10, 23),
    )


@pytest.mark.pg
def test_a_signed_in_administrator_sets_the_town_on_postgresql():
    with postgresql_desk() as (engine, desk):
        signed = signed_in_engine(engine, "admin")
        try:
            with Session(signed) as s:
                assert save_town_settings(s, desk.admin, DONGSHAN) == DONGSHAN
                renamed = save_town_settings(
                    s, desk.admin, dataclasses.replace(DONGSHAN, town_name="西山镇")
                )
                assert renamed.town_name == "西山镇"
                assert len(audit_details(s, AuditAction.SETTINGS_CHANGE)) == 2
            operator = signed_in_engine(engine, "op")
            try:
                with Session(operator) as s:
                    assert town_settings(s).town_name == "西山镇"  # every desk reads them
            finally:
                operator.dispose()
        finally:
            signed.dispose()


def test_no_town_is_named_outside_the_demo():
    # The reports, notices and windows take the town from its settings; only demo/ (and the
    # demo command's own help) may name the demo town.
    package = Path(gridcenter_desktop.__file__).parent
    named = [
        str(path.relative_to(package))
        for layer in ("core", "db", "services", "reports", "ui")
        for path in sorted((package / layer).rglob("*.py"))
        if "光福" in path.read_text(encoding="utf-8")
    ]
    assert named == []


def test_renaming_the_town_area_renames_the_town_on_reports(session, reports_town):
    from gridcenter_desktop.services.admin import areas as area_admin

    _data, admin = reports_town
    save_town_settings(session, admin, TownSettings(town_name="东山镇", town_code="320506100"))
    town = next(a for a in area_admin.list_areas(session) if a.parent_id is None)
    area_admin.update_area(session, admin, town.id, name="西山镇")
    settings = town_settings(session)
    assert settings.town_name == "西山镇"
    assert settings.centre_name == "西山镇集成指挥中心"
    assert settings.town_code == "320506100"
