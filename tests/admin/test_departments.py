"""Departments an administrator keeps: added with a contact, changed, retired without losing
their history, restored, deleted only when never used; each change audited with before and
after. On SQLite and PostgreSQL, and on PostgreSQL as the administrator's own login role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction, DepartmentKind, UserRole
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.ticket import Assignment
from gridcenter_desktop.services import users
from gridcenter_desktop.services.admin import KEEP
from gridcenter_desktop.services.admin import departments as deps
from gridcenter_desktop.services.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from gridcenter_desktop.services.suggestions import active_departments
from gridcenter_desktop.services.ticket_detail import get_ticket_detail

from .town_desk import (
    PASSWORD,
    T0,
    audit_details,
    build_desk,
    dispatch,
    postgresql_desk,
    register,
    signed_in_engine,
)


@pytest.fixture
def desk(session):
    return build_desk(session)


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Department))


def test_an_administrator_adds_a_department_with_its_contact(session, desk):
    food = deps.create_department(
        session,
        desk.admin,
        name=" 食安办 ",
        kind=DepartmentKind.OFFICE,
        contact_name="王主任",
        contact_phone="０５１２－６６８８ １２３４",  # typed with a Chinese input method
    )
    assert (food.name, food.code, food.contact_phone) == ("食安办", "D001", "0512-66881234")
    assert food.active and food.dispatchable and food.retired_at is None
    market = deps.create_department(
        session, desk.admin, name="市场监督管理所", kind=DepartmentKind.AGENCY, code="market"
    )
    assert market.code == "market"
    # The dispatch form offers both; the list names them.
    assert {d.name for d in active_departments(session)} == {"食安办", "市场监督管理所"}
    assert [d.name for d in deps.list_departments(session)] == ["市场监督管理所", "食安办"]
    (target, detail), _ = audit_details(session, AuditAction.DEPARTMENT_CHANGE)
    assert target == "department 食安办"
    assert detail["before"] is None
    assert detail["after"]["contact_phone"] == "0512-66881234"
    assert detail["after"]["kind"] == "office"


@pytest.mark.parametrize(
    ("values", "field", "rule"),
    [
        ({"name": "食安办"}, "department_name", "duplicate"),
        ({"name": "  "}, "department_name", "required"),
        ({"name": "新部门", "code": "food"}, "department_code", "duplicate"),
        ({"name": "新部门", "code": "食安"}, "department_code", "bad_characters"),
        ({"name": "新部门", "contact_phone": "123"}, "contact_phone", "phone"),
        ({"name": "新部门", "kind": "ministry"}, "kind", "invalid"),
    ],
)
def test_bad_departments_are_refused_naming_the_field(session, desk, values, field, rule):
    deps.create_department(session, desk.admin, name="食安办", kind="office", code="food")
    before = _count(session)
    arguments = {"kind": DepartmentKind.OFFICE, **values}
    with pytest.raises(ValidationError) as refused:
        deps.create_department(session, desk.admin, **arguments)
    assert (refused.value.field, refused.value.rule) == (field, rule)
    session.rollback()
    assert _count(session) == before


def test_only_an_administrator_keeps_departments(session, desk):
    food = deps.create_department(session, desk.admin, name="食安办", kind="office")
    for call in (
        lambda: deps.create_department(session, desk.operator, name="旅游办", kind="office"),
        lambda: deps.update_department(session, desk.operator, food.id, name="食品办"),
        lambda: deps.retire_department(session, desk.operator, food.id),
        lambda: deps.delete_department(session, desk.operator, food.id),
    ):
        with pytest.raises(PermissionDeniedError):
            call()
    assert [d.name for d in deps.list_departments(session)] == ["食安办"]


def test_changing_a_department_keeps_what_is_not_given(session, desk):
    food = deps.create_department(
        session, desk.admin, name="食安办", kind="office", contact_name="王主任",
        contact_phone="13912345678",
    )  # fmt: skip
    changed = deps.update_department(session, desk.admin, food.id, name="食品安全办")
    assert (changed.name, changed.contact_name, changed.contact_phone, changed.code) == (
        "食品安全办", "王主任", "13912345678", food.code,
    )  # fmt: skip
    cleared = deps.update_department(
        session, desk.admin, food.id, contact_name=None, contact_phone=KEEP, dispatchable=False
    )
    assert (cleared.contact_name, cleared.contact_phone, cleared.dispatchable) == (
        None, "13912345678", False,
    )  # fmt: skip
    # Nothing changed: no audit entry.
    deps.update_department(session, desk.admin, food.id, name="食品安全办")
    changes = audit_details(session, AuditAction.DEPARTMENT_CHANGE)
    assert len(changes) == 3
    _, rename = changes[1]
    assert (rename["before"]["name"], rename["after"]["name"]) == ("食安办", "食品安全办")
    with pytest.raises(NotFoundError):
        deps.update_department(session, desk.admin, 999_999, name="无")


def test_a_retired_department_keeps_its_tickets_and_leaves_the_pickers(session, desk):
    food = deps.create_department(session, desk.admin, name="食安办", kind="office")
    ref = dispatch(session, desk, register(session, desk, T0), T0, lead_department_id=food.id)
    retired = deps.retire_department(session, desk.admin, food.id, now=T0 + timedelta(days=1))
    assert not retired.active and retired.retired_at == T0 + timedelta(days=1)
    assert active_departments(session) == []
    assert [d.name for d in deps.list_departments(session, include_retired=False)] == []
    # Its ticket still names it.
    detail = get_ticket_detail(session, ref.id)
    assert [a.department_name for a in detail.assignments] == ["食安办"]
    # A new ticket cannot be sent to it.
    other = register(session, desk, T0 + timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        dispatch(session, desk, other, T0 + timedelta(days=1), lead_department_id=food.id)
    assert (refused.value.field, refused.value.rule) == ("lead_department_id", "inactive")
    session.rollback()
    with pytest.raises(ValidationError) as twice:
        deps.retire_department(session, desk.admin, food.id)
    assert twice.value.rule == "already_retired"

    restored = deps.restore_department(session, desk.admin, food.id)
    assert restored.active and restored.retired_at is None
    assert [d.name for d in active_departments(session)] == ["食安办"]
    actions = [d for _, d in audit_details(session, AuditAction.DEPARTMENT_CHANGE)]
    assert (actions[1]["before"]["active"], actions[1]["after"]["active"]) == (True, False)
    assert (actions[2]["before"]["active"], actions[2]["after"]["active"]) == (False, True)


def test_restoring_is_refused_when_another_took_the_name(session, desk):
    old = deps.create_department(session, desk.admin, name="旅游办", kind="office")
    deps.retire_department(session, desk.admin, old.id)
    deps.create_department(session, desk.admin, name="旅游办", kind="office")
    with pytest.raises(ValidationError) as refused:
        deps.restore_department(session, desk.admin, old.id)
    assert (refused.value.field, refused.value.rule) == ("department_name", "duplicate")


def test_a_unit_on_record_is_not_offered_for_dispatch(session, desk):
    power = deps.create_department(
        session, desk.admin, name="供电所", kind=DepartmentKind.UTILITY, dispatchable=False
    )
    assert active_departments(session) == []
    assert [d.name for d in active_departments(session, dispatchable_only=False)] == ["供电所"]
    ref = register(session, desk, T0)
    with pytest.raises(ValidationError) as refused:
        dispatch(session, desk, ref, T0, lead_department_id=power.id)
    assert (refused.value.field, refused.value.rule) == ("lead_department_id", "not_dispatchable")


def test_a_department_in_use_is_not_deleted_only_retired(session, desk):
    food = deps.create_department(session, desk.admin, name="食安办", kind="office")
    judicial = deps.create_department(session, desk.admin, name="司法所", kind="agency")
    typo = deps.create_department(session, desk.admin, name="司发所", kind="agency")
    ref = register(session, desk, T0)
    dispatch(session, desk, ref, T0, lead_department_id=food.id)
    users.create_user(
        session, desk.admin, "sifa", "司法所联络员", UserRole.VIEWER, PASSWORD,
        department_id=judicial.id,
    )  # fmt: skip
    for used in (food, judicial):
        with pytest.raises(ValidationError) as refused:
            deps.delete_department(session, desk.admin, used.id)
        assert (refused.value.field, refused.value.rule) == ("department", "in_use")
        session.rollback()
    assert session.scalar(select(func.count()).select_from(Assignment)) == 1

    deps.delete_department(session, desk.admin, typo.id)
    assert {d.name for d in deps.list_departments(session)} == {"食安办", "司法所"}
    target, detail = audit_details(session, AuditAction.DEPARTMENT_CHANGE)[-1]
    assert target == "department 司发所" and detail["after"] is None
    assert detail["before"]["name"] == "司发所"


def test_several_changes_commit_together_when_asked(session, desk):
    # The base-data import passes commit=False and commits the whole workbook once.
    deps.create_department(session, desk.admin, name="食安办", kind="office", commit=False)
    deps.create_department(session, desk.admin, name="旅游办", kind="office", commit=False)
    session.rollback()
    assert deps.list_departments(session) == []


@pytest.mark.pg
def test_a_signed_in_administrator_keeps_departments_on_postgresql():
    with postgresql_desk() as (engine, desk):
        signed = signed_in_engine(engine, "admin")
        try:
            with Session(signed) as s:
                food = deps.create_department(
                    s, desk.admin, name="食安办", kind="office", contact_phone="13912345678"
                )
                deps.update_department(s, desk.admin, food.id, contact_name="王主任")
                deps.retire_department(s, desk.admin, food.id)
                deps.restore_department(s, desk.admin, food.id)
                typo = deps.create_department(s, desk.admin, name="司发所", kind="agency")
                deps.delete_department(s, desk.admin, typo.id)  # revision 0011's grant
                ref = register(s, desk, T0, actor=desk.admin)
                dispatch(s, desk, ref, T0, actor=desk.admin, lead_department_id=food.id)
                with pytest.raises(ValidationError):
                    deps.delete_department(s, desk.admin, food.id)
                s.rollback()
                assert [d.name for d in deps.list_departments(s)] == ["食安办"]
                assert len(audit_details(s, AuditAction.DEPARTMENT_CHANGE)) == 6
        finally:
            signed.dispose()
