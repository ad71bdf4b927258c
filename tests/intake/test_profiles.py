"""Saved column mappings: an operator saves one from the mapping page and the next import of
that platform's sheet needs no questions; names are unique, each field is mapped once; only an
administrator deletes one, never while tickets imported with it need its columns for the reply
sheet. Both databases, and PostgreSQL as the operator's and the administrator's login roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction, IntakeField, IntakeSource, TicketSource
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.demo import platform_sheet
from gridcenter_desktop.services.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from gridcenter_desktop.services.intake.profiles import (
    delete_profile,
    get_profile,
    latest_profile,
    list_profiles,
    save_profile,
)
from gridcenter_desktop.services.intake.rows import Profile
from gridcenter_desktop.services.intake.sheet import read_sheet
from tests.admin.town_desk import (
    T0,
    audit_details,
    build_desk,
    postgresql_desk,
    register,
    signed_in_engine,
)

F = IntakeField
COLUMNS = (
    ("平台单据号", F.EXTERNAL_CODE),
    ("来电时间", F.RECEIVED_AT),
    ("诉求内容", F.DESCRIPTION),
    ("备注", None),
)


def _profile(name: str = "12345 新版", columns=COLUMNS, **kw) -> Profile:
    values = dict(source=IntakeSource.HOTLINE_12345, ticket_source=TicketSource.HOTLINE)
    values.update(kw)
    return Profile(name, columns=columns, **values)


@pytest.fixture
def desk(session):
    return build_desk(session)


def test_a_saved_profile_reads_the_next_sheet_without_questions(session, desk, tmp_path):
    headers = list(platform_sheet.HEADERS[IntakeSource.HOTLINE_12345])
    headers[0] = "平台单据号"
    path = tmp_path / "odd.xlsx"
    rows = platform_sheet.write_xlsx(path, 10, headers=headers)
    assert read_sheet(path).unrecognised == ("平台单据号",)
    saved = save_profile(session, desk.operator, _profile(), now=T0)
    assert saved.id is not None and saved.updated_at == T0
    again = get_profile(session, "12345 新版")
    assert again == saved
    assert again.columns == COLUMNS
    sheet = read_sheet(path, profile=again)
    assert sheet.unrecognised == () and sheet.problems == ()
    assert sheet.rows[0].values[F.EXTERNAL_CODE] == rows[0].code
    ((target, detail),) = audit_details(session, AuditAction.INTAKE_CHANGE)
    assert target == "profile:12345 新版"
    assert detail["before"] is None
    assert detail["after"]["columns"][0] == ["平台单据号", "external_code"]


def test_saving_under_the_same_name_replaces_the_columns(session, desk):
    save_profile(session, desk.operator, _profile(), now=T0)
    changed = save_profile(
        session,
        desk.operator,
        _profile(columns=(("单号", F.EXTERNAL_CODE), ("标题", F.TITLE))),
        now=T0 + timedelta(hours=1),
    )
    assert [p.name for p in list_profiles(session)] == ["12345 新版"]
    assert changed.columns == (("单号", F.EXTERNAL_CODE), ("标题", F.TITLE))
    _, (_, detail) = audit_details(session, AuditAction.INTAKE_CHANGE)
    assert detail["before"]["columns"][0] == ["平台单据号", "external_code"]


def test_profiles_are_listed_by_platform_and_the_latest_is_the_default(session, desk):
    save_profile(session, desk.operator, _profile("甲"), now=T0)
    save_profile(session, desk.operator, _profile("乙"), now=T0 + timedelta(minutes=5))
    save_profile(
        session,
        desk.operator,
        _profile("区平台", source=IntakeSource.DISTRICT,
                 ticket_source=TicketSource.DISTRICT_PLATFORM),
        now=T0 + timedelta(minutes=9),
    )  # fmt: skip
    assert [p.name for p in list_profiles(session, IntakeSource.HOTLINE_12345)] == ["乙", "甲"]
    assert latest_profile(session, IntakeSource.HOTLINE_12345).name == "乙"
    assert latest_profile(session, IntakeSource.OTHER) is None
    assert list_profiles(session, IntakeSource.DISTRICT)[0].ticket_source is (
        TicketSource.DISTRICT_PLATFORM
    )


def test_renaming_onto_another_profiles_name_is_refused(session, desk):
    save_profile(session, desk.operator, _profile("甲"), now=T0)
    second = save_profile(session, desk.operator, _profile("乙"), now=T0)
    with pytest.raises(ValidationError) as caught:
        save_profile(session, desk.operator, _profile("甲", id=second.id), now=T0)
    assert (caught.value.field, caught.value.rule) == ("profile_name", "duplicate")
    renamed = save_profile(session, desk.operator, _profile("丙", id=second.id), now=T0)
    assert renamed.id == second.id
    assert [p.name for p in list_profiles(session)] == ["丙", "甲"]


@pytest.mark.parametrize(
    ("profile", "field", "rule"),
    [
        (_profile(" "), "profile_name", "required"),
        (_profile("名" * 65), "profile_name", "too_long"),
        (_profile("名\x07"), "profile_name", "control_chars"),
        (
            _profile(columns=(("单号", F.EXTERNAL_CODE), ("编号", F.EXTERNAL_CODE))),
            "profile_columns",
            "duplicate_field",
        ),
        (
            _profile(columns=(("单号", F.EXTERNAL_CODE), ("单 号", F.TITLE))),
            "profile_columns",
            "duplicate_header",
        ),
        (_profile(columns=(("备注", None),)), "profile_columns", "required"),
        (_profile(columns=(("单号", "no_such_field"),)), "profile_columns", "unknown"),
        (_profile(source="weibo"), "profile_source", "unknown"),
    ],
)
def test_a_bad_profile_is_refused_and_nothing_is_saved(session, desk, profile, field, rule):
    with pytest.raises(ValidationError) as caught:
        save_profile(session, desk.operator, profile, now=T0)
    assert (caught.value.field, caught.value.rule) == (field, rule)
    assert list_profiles(session) == []


def test_only_an_administrator_deletes_and_not_while_tickets_use_it(session, desk):
    saved = save_profile(session, desk.operator, _profile(), now=T0)
    with pytest.raises(PermissionDeniedError):
        delete_profile(session, desk.operator, saved.name)
    ref = register(session, desk, T0)
    session.execute(update(Ticket).where(Ticket.id == ref.id).values(intake_profile_id=saved.id))
    session.commit()
    with pytest.raises(ValidationError) as caught:
        delete_profile(session, desk.admin, saved.name)
    assert (caught.value.field, caught.value.rule) == ("profile_name", "profile_in_use")
    session.execute(update(Ticket).where(Ticket.id == ref.id).values(intake_profile_id=None))
    session.commit()
    delete_profile(session, desk.admin, saved.name, now=T0)
    assert list_profiles(session) == []
    with pytest.raises(NotFoundError):
        get_profile(session, saved.name)
    assert audit_details(session, AuditAction.INTAKE_CHANGE)[-1][1]["after"] is None


@pytest.mark.pg
def test_on_postgresql_an_operator_saves_and_the_administrator_deletes():
    with postgresql_desk() as (engine, desk):
        as_operator = signed_in_engine(engine, "op")
        as_admin = signed_in_engine(engine, "admin")
        try:
            with Session(as_operator) as session:
                save_profile(session, desk.operator, _profile(), now=T0)
                save_profile(session, desk.operator, _profile(columns=COLUMNS[:2]), now=T0)
                assert get_profile(session, "12345 新版").columns == COLUMNS[:2]
            with Session(as_admin) as session:
                delete_profile(session, desk.admin, "12345 新版", now=T0)
                assert list_profiles(session) == []
        finally:
            as_operator.dispose()
            as_admin.dispose()
