"""Grid teams ("1+1+N") on SQLite and PostgreSQL: an administrator adds the leader, the worker
and the others, a person serves two grids as one person, moving or ending a service keeps who
served when, refusals name the field, and every change is audited with before and after."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import AreaLevel, AuditAction, MemberRole
from gridcenter_desktop.db.area import Person
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.services.admin import KEEP, areas, members
from gridcenter_desktop.services.errors import NotFoundError, ValidationError
from gridcenter_desktop.services.grid_team import grid_team
from gridcenter_desktop.services.tickets import local_now
from tests.admin.town_factory import NOW, build_town


@pytest.fixture
def town(session):
    return build_town(session)


def _member_audit(session) -> list[tuple[str, dict]]:
    rows = session.execute(
        select(AuditEntry.target, AuditEntry.detail)
        .where(AuditEntry.action == AuditAction.MEMBER_CHANGE)
        .order_by(AuditEntry.id)
    ).all()
    return [(target, json.loads(detail)) for target, detail in rows]


def _team(session, grid_id, **kw) -> list[tuple[str, MemberRole]]:
    return [(m.name, m.role) for m in members.list_members(session, grid_id, **kw)]


def test_a_grid_team_lists_leader_worker_then_the_others(session, town):
    add = members.add_member
    add(session, town.admin, town.fuli_1, name="志愿者乙", role=MemberRole.VOLUNTEER)
    add(session, town.admin, town.fuli_1, name="赵警官", role=MemberRole.POLICE)
    add(
        session, town.admin, town.fuli_1, name="王芳", phone="139 1234 5678", role=MemberRole.WORKER
    )
    add(session, town.admin, town.fuli_1, name="李强", role=MemberRole.LEADER, party_member=True)
    add(session, town.admin, town.fuli_1, name="孙律师", role=MemberRole.LAWYER)
    assert _team(session, town.fuli_1) == [
        ("李强", MemberRole.LEADER),
        ("王芳", MemberRole.WORKER),
        ("赵警官", MemberRole.POLICE),
        ("孙律师", MemberRole.LAWYER),
        ("志愿者乙", MemberRole.VOLUNTEER),
    ]
    worker = members.list_members(session, town.fuli_1)[1]
    assert worker.phone == "13912345678"  # the one stored form
    assert members.list_members(session, town.fuli_1)[0].party_member
    # The grid tree's team panel reads the same team.
    assert [m.name for m in grid_team(session, town.fuli_1)][:2] == ["李强", "王芳"]
    target, detail = _member_audit(session)[2]
    assert target == "member 王芳 (福利村第一网格)"
    assert detail["before"] is None
    assert detail["after"]["role"] == "worker"
    assert detail["after"]["phone"] == "13912345678"


def test_a_person_serving_two_grids_is_one_person(session, town):
    first = members.add_member(
        session, town.admin, town.fuli_1, name="赵警官", phone="13800001111", role=MemberRole.POLICE
    )
    second = members.add_member(
        session,
        town.admin,
        town.donghu_1,
        name="赵警官",
        phone="138-0000-1111",
        role=MemberRole.POLICE,
        party_member=True,
    )
    assert first.person_id == second.person_id
    assert session.scalar(select(func.count()).select_from(Person)) == 1
    found = members.find_person(session, " 赵警官 ", "+86 138 0000 1111")
    assert (found.id, found.party_member) == (first.person_id, True)
    # A namesake with another phone is another person.
    other = members.add_member(
        session, town.admin, town.fuli_2, name="赵警官", phone="13900002222", role=MemberRole.POLICE
    )
    assert other.person_id != first.person_id
    assert members.find_person(session, "赵警官", None) is None
    # Correcting the person shows in both grids.
    members.update_person(session, town.admin, first.person_id, name="赵建国")
    assert _team(session, town.fuli_1) == [("赵建国", MemberRole.POLICE)]
    assert _team(session, town.donghu_1) == [("赵建国", MemberRole.POLICE)]


BAD_MEMBERS = [
    # (area key, name, phone, role, field, rule)
    ("fuli_1", "陈明", None, MemberRole.LEADER, "member_role", "leader_taken"),
    ("fuli_1", "陈明", None, MemberRole.WORKER, "member_role", "worker_taken"),
    ("fuli_1", "李强", None, MemberRole.LEADER, "member", "duplicate"),
    ("fuli", "陈明", None, MemberRole.POLICE, "area_id", "not_grid"),
    ("fuli_1", "陈明", "12345", MemberRole.POLICE, "phone", "phone"),
    ("fuli_1", " ", None, MemberRole.POLICE, "person_name", "required"),
    ("fuli_1", "陈明", None, "mayor", "member_role", "invalid"),
    ("fuli_1", "陈明", None, MemberRole.POLICE, "since", "future"),
]


@pytest.mark.parametrize(("area", "name", "phone", "role", "field", "rule"), BAD_MEMBERS)
def test_bad_members_are_refused_naming_the_field(
    session, town, area, name, phone, role, field, rule
):
    members.add_member(session, town.admin, town.fuli_1, name="李强", role=MemberRole.LEADER)
    members.add_member(session, town.admin, town.fuli_1, name="王芳", role=MemberRole.WORKER)
    since = local_now().date() + timedelta(days=1) if field == "since" else None
    with pytest.raises(ValidationError) as err:
        members.add_member(
            session, town.admin, getattr(town, area), name=name, phone=phone, role=role, since=since
        )
    assert (err.value.field, err.value.rule) == (field, rule)
    session.rollback()
    assert len(members.list_members(session, town.fuli_1)) == 2
    assert session.scalar(select(func.count()).select_from(Person)) == 2


def test_a_retired_grid_takes_no_members(session, town):
    areas.retire_area(session, town.admin, town.donghu_1, now=NOW)
    with pytest.raises(ValidationError) as err:
        members.add_member(session, town.admin, town.donghu_1, name="陈明", role=MemberRole.WORKER)
    assert (err.value.field, err.value.rule) == ("area_id", "inactive")
    with pytest.raises(NotFoundError):
        members.add_member(session, town.admin, 99999, name="陈明", role=MemberRole.WORKER)


def test_a_micro_grid_has_members_too(session, town):
    micro = areas.create_area(
        session, town.admin, parent_id=town.fuli_1, level=AreaLevel.MICRO_GRID, name="1号楼"
    )
    members.add_member(
        session, town.admin, micro.id, name="楼栋长甲", role=MemberRole.BUILDING_LEADER
    )
    assert _team(session, micro.id) == [("楼栋长甲", MemberRole.BUILDING_LEADER)]


def test_moving_a_worker_keeps_who_served_when(session, town):
    worker = members.add_member(
        session,
        town.admin,
        town.fuli_1,
        name="王芳",
        role=MemberRole.WORKER,
        since=date(2024, 1, 1),
    )
    moved = members.move_member(session, town.admin, worker.id, town.donghu_1, date(2025, 7, 1))
    assert (moved.area_id, moved.role, moved.since, moved.until) == (
        town.donghu_1,
        MemberRole.WORKER,
        date(2025, 7, 1),
        None,
    )
    assert moved.person_id == worker.person_id
    assert members.list_members(session, town.fuli_1) == []
    history = members.list_members(session, town.fuli_1, current_only=False)
    assert [(m.name, m.since, m.until) for m in history] == [
        ("王芳", date(2024, 1, 1), date(2025, 6, 30))
    ]
    assert _team(session, town.donghu_1) == [("王芳", MemberRole.WORKER)]
    # The old grid takes a new worker; the new one's place is taken.
    members.add_member(session, town.admin, town.fuli_1, name="陈明", role=MemberRole.WORKER)
    with pytest.raises(ValidationError) as err:
        members.move_member(session, town.admin, moved.id, town.fuli_1, date(2025, 9, 1))
    assert (err.value.field, err.value.rule) == ("member_role", "worker_taken")
    session.rollback()
    # ... but in another role (a change of role in the same grid is a move too).
    leader = members.move_member(
        session, town.admin, moved.id, town.donghu_1, date(2025, 9, 1), role=MemberRole.LEADER
    )
    history = members.list_members(session, town.donghu_1, current_only=False)
    assert [(m.role, m.since, m.until) for m in history] == [
        (MemberRole.LEADER, date(2025, 9, 1), None),
        (MemberRole.WORKER, date(2025, 7, 1), date(2025, 8, 31)),
    ]
    target, detail = _member_audit(session)[-1]
    assert target == "member 王芳 (东崦湖社区第一网格)"
    assert detail["change"] == "move"
    assert detail["before"]["until"] is None
    assert detail["after"]["ended"]["until"] == "2025-08-31"
    assert detail["after"]["started"]["role"] == "leader"
    assert leader.id != moved.id


def test_move_refusals(session, town):
    worker = members.add_member(
        session,
        town.admin,
        town.fuli_1,
        name="王芳",
        role=MemberRole.WORKER,
        since=date(2024, 1, 1),
    )
    tomorrow = local_now().date() + timedelta(days=1)
    for to, on, field, rule in [
        (town.fuli_1, date(2025, 1, 1), "to_area_id", "same_area"),
        (town.fuli, date(2025, 1, 1), "to_area_id", "not_grid"),
        (99999, date(2025, 1, 1), "to_area_id", "unknown"),
        (town.donghu_1, date(2024, 1, 1), "on", "before_since"),
        (town.donghu_1, tomorrow, "on", "future"),
    ]:
        with pytest.raises(ValidationError) as err:
            members.move_member(session, town.admin, worker.id, to, on)
        assert (err.value.field, err.value.rule) == (field, rule)
        session.rollback()
    assert _team(session, town.fuli_1) == [("王芳", MemberRole.WORKER)]


def test_ending_a_service(session, town):
    worker = members.add_member(
        session,
        town.admin,
        town.fuli_1,
        name="王芳",
        role=MemberRole.WORKER,
        since=date(2024, 1, 1),
    )
    for until, rule in [
        (date(2023, 12, 31), "before_since"),
        (local_now().date() + timedelta(days=1), "future"),
    ]:
        with pytest.raises(ValidationError) as err:
            members.end_service(session, town.admin, worker.id, until)
        assert (err.value.field, err.value.rule) == ("until", rule)
        session.rollback()
    ended = members.end_service(session, town.admin, worker.id, date(2025, 12, 31))
    assert ended.until == date(2025, 12, 31)
    assert members.list_members(session, town.fuli_1) == []
    with pytest.raises(ValidationError) as err:
        members.end_service(session, town.admin, worker.id, date(2025, 12, 31))
    assert (err.value.field, err.value.rule) == ("member", "ended")
    session.rollback()
    target, detail = _member_audit(session)[-1]
    assert (target, detail["change"]) == ("member 王芳 (福利村第一网格)", "end")
    assert (detail["before"]["until"], detail["after"]["until"]) == (None, "2025-12-31")
    # The place is free again.
    members.add_member(session, town.admin, town.fuli_1, name="陈明", role=MemberRole.WORKER)


def test_correcting_a_person(session, town):
    member = members.add_member(
        session, town.admin, town.fuli_1, name="王芳", phone="13912345678", role=MemberRole.WORKER
    )
    kept = members.update_person(session, town.admin, member.person_id, party_member=True)
    assert (kept.phone, kept.party_member) == ("13912345678", True)  # phone KEEP
    cleared = members.update_person(session, town.admin, member.person_id, phone=None)
    assert cleared.phone is None
    members.update_person(session, town.admin, member.person_id, phone="0512 6688 1234")
    assert members.list_members(session, town.fuli_1)[0].phone == "0512-66881234"
    other = members.add_member(
        session, town.admin, town.fuli_2, name="陈明", phone="13900002222", role=MemberRole.WORKER
    )
    with pytest.raises(ValidationError) as err:
        members.update_person(
            session, town.admin, other.person_id, name="王芳", phone="0512-66881234"
        )
    assert (err.value.field, err.value.rule) == ("person_name", "duplicate")
    session.rollback()
    count = len(_member_audit(session))
    members.update_person(session, town.admin, member.person_id, name="王芳", phone=KEEP)
    assert len(_member_audit(session)) == count  # nothing changed, nothing recorded
    target, detail = _member_audit(session)[-2]  # the last is 陈明 joining
    assert target == "person 王芳"
    assert (detail["before"]["phone"], detail["after"]["phone"]) == (None, "0512-66881234")
