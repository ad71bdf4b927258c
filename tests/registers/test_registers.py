"""The registers (特殊群体, 出租房屋, 安全隐患): keeping them, masking by role, need-to-know for the
sensitive groups, audit, raising a ticket from a row, overdue rectifications."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import (
    AuditAction,
    DangerStatus,
    Priority,
    RegisterKind,
    SpecialGroupKind,
    TicketSource,
    UserRole,
)
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.gridwork import HiddenDanger
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from gridcenter_desktop.services.registers.dangers import (
    DangerForm,
    edit_danger,
    overdue_count,
    search_dangers,
)
from gridcenter_desktop.services.registers.overview import registers_overview
from gridcenter_desktop.services.registers.query import RegisterQuery, RowState
from gridcenter_desktop.services.registers.rentals import rental_row, search_rentals
from gridcenter_desktop.services.registers.special_groups import (
    SpecialGroupForm,
    add_special_group,
    edit_special_group,
    retire_special_group,
    search_special_groups,
    special_group_row,
)
from gridcenter_desktop.services.registers.tickets import (
    RaisedTicket,
    raise_ticket,
    reveal_register_contact,
    tickets_raised_from,
)
from tests.registers.town import NOW, TODAY, build_register_town


@pytest.fixture
def rt(session):
    return build_register_town(session)


def _audit(session, action):
    return [
        json.loads(d)
        for d in session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == action).order_by(AuditEntry.id)
        )
    ]


def test_special_groups_are_masked_for_operators_and_viewers_not_for_supervisors(session, rt):
    seen = {}
    for role in UserRole:
        row = special_group_row(session, rt.as_role(role), rt.elderly)
        seen[role] = (row.name, row.phone, row.id_number, row.guardian_phone, row.masked)
    assert seen[UserRole.SUPERVISOR] == (
        "王秀英",
        "13812345678",
        "320506193805121234",
        "13700001111",
        False,
    )
    assert seen[UserRole.ADMIN] == seen[UserRole.SUPERVISOR]
    masked = ("王**", "138****5678", "320***********1234", "137****1111", True)
    assert seen[UserRole.OPERATOR] == masked
    assert seen[UserRole.VIEWER] == masked


def test_rental_landlords_are_masked_by_role(session, rt):
    operator = rental_row(session, rt.as_role(UserRole.OPERATOR), rt.rental)
    supervisor = rental_row(session, rt.as_role(UserRole.SUPERVISOR), rt.rental)
    assert (operator.landlord_name, operator.landlord_phone) == ("陈**", "135****2222")
    assert (supervisor.landlord_name, supervisor.landlord_phone) == ("陈美华", "13511112222")
    assert supervisor.group_rental and supervisor.tenants_count == 12
    assert supervisor.worker_name == "周建国"


def test_dangers_hold_no_personal_data_and_read_alike_for_every_role(session, rt):
    pages = {
        role: search_dangers(session, rt.as_role(role), RegisterQuery(), TODAY) for role in UserRole
    }
    assert {len(p.rows) for p in pages.values()} == {2}
    first = pages[UserRole.VIEWER].rows[0]
    assert (first.place, first.found_by, first.overdue) == ("福利村小作坊", "周建国", True)


def test_sensitive_groups_do_not_exist_for_operators_and_viewers(session, rt):
    for role in (UserRole.OPERATOR, UserRole.VIEWER):
        actor = rt.as_role(role)
        page = search_special_groups(session, actor, RegisterQuery())
        assert [r.id for r in page.rows] == [rt.elderly] and page.total == 1
        with pytest.raises(NotFoundError):
            special_group_row(session, actor, rt.corrected)
        overview = registers_overview(session, actor, TODAY)
        assert SpecialGroupKind.COMMUNITY_CORRECTION not in overview.kinds
        assert all(SpecialGroupKind.COMMUNITY_CORRECTION not in g.groups for g in overview.grids)
    with pytest.raises(NotFoundError):
        raise_ticket(
            session,
            rt.as_role(UserRole.OPERATOR),
            RegisterKind.SPECIAL_GROUP,
            rt.corrected,
            RaisedTicket("public_services", "回访"),
            NOW,
        )
    supervisor = rt.as_role(UserRole.SUPERVISOR)
    assert search_special_groups(session, supervisor, RegisterQuery()).total == 2
    grid = next(
        g
        for g in registers_overview(session, supervisor, TODAY).grids
        if g.grid_id == rt.town.fuli_1
    )
    assert grid.groups == {
        SpecialGroupKind.ELDERLY_ALONE: 1,
        SpecialGroupKind.COMMUNITY_CORRECTION: 1,
    }


def test_an_operator_may_not_register_a_sensitive_group_a_viewer_keeps_nothing(session, rt):
    form = SpecialGroupForm(grid_id=rt.town.fuli_1, kind=SpecialGroupKind.DRUG_REHAB, name="赵六")
    with pytest.raises(PermissionDeniedError):
        add_special_group(session, rt.as_role(UserRole.OPERATOR), form, NOW)
    elderly = SpecialGroupForm(grid_id=rt.town.fuli_1, kind=SpecialGroupKind.DISABLED, name="赵六")
    with pytest.raises(PermissionDeniedError):
        add_special_group(session, rt.as_role(UserRole.VIEWER), elderly, NOW)
    assert add_special_group(session, rt.as_role(UserRole.OPERATOR), elderly, NOW) > 0


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        ({"name": " "}, "member_name", "required"),
        ({"phone": "12345"}, "phone", "phone"),
        ({"id_number": "32050619380512"}, "id_number", "id_number"),
        ({"grid_id": None}, "grid_id", "required"),
        ({"worker_id": 999999}, "worker_id", "unknown"),
    ],
)
def test_bad_input_is_refused_naming_the_field(session, rt, change, field, rule):
    form = SpecialGroupForm(grid_id=rt.town.fuli_1, kind=SpecialGroupKind.DISABLED, name="赵六")
    import dataclasses

    with pytest.raises(ValidationError) as caught:
        add_special_group(session, rt.admin, dataclasses.replace(form, **change), NOW)
    assert (caught.value.field, caught.value.rule) == (field, rule)


def test_edits_are_optimistic_and_audited_with_personal_fields_masked(session, rt):
    row = special_group_row(session, rt.admin, rt.elderly)
    form = SpecialGroupForm(
        grid_id=row.grid_id,
        kind=row.kind,
        name=row.name,
        id_number=row.id_number,
        phone="13899998888",
        address=row.address,
        guardian=row.guardian,
        guardian_phone=row.guardian_phone,
        care_note="每天电话问候",
        worker_id=row.worker_id,
    )
    version = edit_special_group(session, rt.admin, rt.elderly, row.version, form, NOW)
    assert version == row.version + 1
    with pytest.raises(ConflictError):
        edit_special_group(session, rt.admin, rt.elderly, row.version, form, NOW)
    change = _audit(session, AuditAction.REGISTER_CHANGE)[-1]
    assert change["change"] == "edit"
    assert change["before"] == {"phone": "138****5678", "care_note": "每周电话问候"}
    assert change["after"] == {"phone": "138****8888", "care_note": "每天电话问候"}
    added = _audit(session, AuditAction.REGISTER_CHANGE)[0]
    assert added["after"]["name"] == "王**" and "王秀英" not in json.dumps(
        added, ensure_ascii=False
    )
    retire_special_group(session, rt.admin, rt.elderly, version, "已搬离", NOW)
    assert search_special_groups(session, rt.admin, RegisterQuery()).total == 1
    retired = search_special_groups(session, rt.admin, RegisterQuery(state=RowState.RETIRED))
    assert [r.id for r in retired.rows] == [rt.elderly]


def test_an_operator_reveals_one_row_with_a_reason_and_it_is_audited(session, rt):
    operator = rt.as_role(UserRole.OPERATOR)
    with pytest.raises(ValidationError) as caught:
        reveal_register_contact(session, operator, RegisterKind.SPECIAL_GROUP, rt.elderly, " ")
    assert caught.value.field == "reason"
    contact = reveal_register_contact(
        session, operator, RegisterKind.SPECIAL_GROUP, rt.elderly, "电话回访独居老人", NOW
    )
    assert (contact.name, contact.phone, contact.guardian_phone) == (
        "王秀英",
        "13812345678",
        "13700001111",
    )
    views = _audit(session, AuditAction.REGISTER_VIEW)
    assert views == [{"register": "special_group", "id": rt.elderly, "reason": "电话回访独居老人"}]
    with pytest.raises(PermissionDeniedError):
        reveal_register_contact(
            session, rt.as_role(UserRole.VIEWER), RegisterKind.RENTAL, rt.rental, "看看"
        )
    with pytest.raises(NotFoundError):
        reveal_register_contact(session, operator, RegisterKind.SPECIAL_GROUP, rt.corrected, "查")


def test_a_ticket_raised_from_a_row_names_the_row_and_the_worker(session, rt):
    operator = rt.as_role(UserRole.OPERATOR)
    ref = raise_ticket(
        session,
        operator,
        RegisterKind.RENTAL,
        rt.rental,
        RaisedTicket("fire_safety", "群租房楼道堆放电动车", "12 人群租", Priority.URGENT),
        NOW,
    )
    ticket = session.get(Ticket, ref.id)
    assert ticket.source == TicketSource.GRID_PATROL
    assert (ticket.raised_from_kind, ticket.raised_from_id) == (RegisterKind.RENTAL, rt.rental)
    assert ticket.reported_by_person_id == rt.worker_id
    assert (ticket.grid_id, ticket.address) == (rt.town.fuli_2, "福利村 8 号 2 楼")
    raised = tickets_raised_from(session, operator, RegisterKind.RENTAL, rt.rental)
    assert [(r.code, r.title) for r in raised] == [(ref.code, "群租房楼道堆放电动车")]
    assert tickets_raised_from(session, operator, RegisterKind.DANGER, rt.overdue_danger) == []
    with pytest.raises(ValidationError) as caught:  # registration's own checks, nothing written
        raise_ticket(
            session,
            operator,
            RegisterKind.DANGER,
            rt.overdue_danger,
            RaisedTicket("", "无类别"),
            NOW,
        )
    assert caught.value.field == "category"
    assert session.scalar(select(func.count(Ticket.id))) == 1


def test_overdue_rectifications_are_listed_and_counted_as_sql_counts_them(session, rt):
    operator = rt.as_role(UserRole.OPERATOR)
    overdue = search_dangers(session, operator, RegisterQuery(state=RowState.OVERDUE), TODAY)
    assert [r.id for r in overdue.rows] == [rt.overdue_danger]
    by_sql = session.scalar(
        select(func.count(HiddenDanger.id)).where(
            HiddenDanger.status.in_(["open", "rectifying"]), HiddenDanger.rectify_by < TODAY
        )
    )
    assert overdue_count(session, TODAY) == by_sql == 1
    # Rectified: no longer overdue, and it needs its day.
    row = overdue.rows[0]
    form = DangerForm(
        grid_id=row.grid_id,
        place=row.place,
        kind=row.kind,
        risk_level=row.risk_level,
        found_on=row.found_on,
        rectify_by=row.rectify_by,
        status=DangerStatus.RECTIFIED,
        found_by_id=row.found_by_id,
    )
    with pytest.raises(ValidationError) as caught:
        edit_danger(session, operator, row.id, row.version, form, NOW)
    assert (caught.value.field, caught.value.rule) == ("rectified_on", "required")
    import dataclasses

    done = dataclasses.replace(form, rectified_on=date(2026, 3, 1), rectification_note="已清理")
    edit_danger(session, operator, row.id, row.version, done, NOW)
    assert overdue_count(session, TODAY) == 0
    grid = next(
        g for g in registers_overview(session, operator, TODAY).grids if g.grid_id == rt.town.fuli_1
    )
    assert grid.dangers_by_status == {DangerStatus.RECTIFIED: 1} and grid.overdue == 0


def test_search_by_address_grid_and_name_as_far_as_the_role_may(session, rt):
    supervisor, operator = rt.as_role(UserRole.SUPERVISOR), rt.as_role(UserRole.OPERATOR)
    assert search_special_groups(session, supervisor, RegisterQuery(text="12 号")).total == 1
    assert search_special_groups(session, supervisor, RegisterQuery(text="王")).total == 1
    # An operator finds a person by the whole name only (no browsing by surname).
    assert search_special_groups(session, operator, RegisterQuery(text="王")).total == 0
    assert search_special_groups(session, operator, RegisterQuery(text="王秀英")).total == 1
    assert search_rentals(session, operator, RegisterQuery(grid_id=rt.town.fuli_1)).total == 0
    assert search_rentals(session, operator, RegisterQuery(group_rental=True)).total == 1


def test_an_operators_edit_keeps_the_personal_fields_it_saw_masked(session, rt):
    operator = rt.as_role(UserRole.OPERATOR)
    row = special_group_row(session, operator, rt.elderly)
    form = SpecialGroupForm(
        grid_id=row.grid_id,
        kind=row.kind,
        name=row.name,  # 王** as shown
        phone=row.phone,
        id_number=row.id_number,
        guardian=row.guardian,
        guardian_phone=row.guardian_phone,
        address="福利村 12 号 东侧",
        care_note=row.care_note,
        worker_id=row.worker_id,
    )
    edit_special_group(session, operator, rt.elderly, row.version, form, NOW)
    full = special_group_row(session, rt.admin, rt.elderly)
    assert (full.name, full.phone, full.address) == ("王秀英", "13812345678", "福利村 12 号 东侧")
