"""The demo is a town like any other: Guangfu's name is in its settings (entered through the
administration service), so its reports say 光福镇 while a new database's say no town."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.services.admin.town import ReportPeriod, town_settings
from tests.admin.town_desk import audit_details


def test_the_demo_enters_guangfus_settings(demo_engine):
    with Session(demo_engine) as session:
        settings = town_settings(session)
        changes = audit_details(session, AuditAction.SETTINGS_CHANGE)
    assert (settings.town_name, settings.town_code) == ("光福镇", "320506108")
    assert settings.centre_name == settings.issuer == "光福镇集成指挥中心"
    assert settings.notice_pattern == "光福整改〔{year}〕{seq:03d}号"
    assert settings.report_period is ReportPeriod.MONTH
    ((target, detail),) = changes
    assert target == "town 光福镇" and detail["after"]["town_name"] == "光福镇"
