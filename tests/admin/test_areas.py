"""Administering the area tree on SQLite and PostgreSQL: an administrator builds the town,
renames, re-codes, moves, merges, retires and restores grids; bad input is refused naming the
field, nothing half-done is kept, and every change is in the audit trail with before and after."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from gridcenter_desktop.core.enums import AreaLevel, AuditAction, MemberRole, TicketStatus, UserRole
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services import users
from gridcenter_desktop.services.admin import KEEP, areas, members
from gridcenter_desktop.services.areas import area_tree, subtree_grid_ids
from gridcenter_desktop.services.errors import NotFoundError, PermissionDeniedError, ValidationError
from gridcenter_desktop.services.suggestions import active_grids, village_grids
from gridcenter_desktop.services.tickets import dispatch_ticket, solve_in_grid
from tests.admin.town_factory import FULI_CODE, NOW, TOWN_CODE, build_town, register


@pytest.fixture
def town(session):
    return build_town(session)


def _names(session, **kw) -> list[str]:
    return [a.name for a in areas.list_areas(session, **kw)]


def _area_audit(session) -> list[tuple[str, dict]]:
    rows = session.execute(
        select(AuditEntry.target, AuditEntry.detail)
        .where(AuditEntry.action == AuditAction.AREA_CHANGE)
        .order_by(AuditEntry.id)
    ).all()
    return [(target, json.loads(detail)) for target, detail in rows]


def test_an_administrator_builds_the_town_tree_in_order(session, town):
    assert _names(session) == [
        "光福镇",
        "福利村",
        "福利村第一网格",
        "福利村第二网格",
        "东崦湖社区",
        "东崦湖社区第一网格",
    ]
    fuli = next(a for a in areas.list_areas(session) if a.id == town.fuli)
    assert (fuli.level, fuli.code, fuli.code_system, fuli.parent_id) == (
        AreaLevel.VILLAGE,
        FULI_CODE,
        "national_stats",
        town.town,
    )
    # The register dialog's picker offers the new village and community with their grids.
    choices = {v.name: [g.name for g in v.grids] for v in village_grids(session)}
    assert choices == {
        "福利村": ["福利村第一网格", "福利村第二网格"],
        "东崦湖社区": ["东崦湖社区第一网格"],
    }
    target, detail = _area_audit(session)[1]
    assert target == "area 福利村"
    assert detail["before"] is None
    assert detail["after"]["code"] == FULI_CODE
    assert detail["after"]["parent"] == "光福镇"


def test_codes_are_normalized_and_a_code_can_be_left_empty(session, town):
    # Full-width digits from a Chinese input method are folded; an empty code stays empty.
    record = areas.create_area(
        session,
        town.admin,
        parent_id=town.town,
        level=AreaLevel.VILLAGE,
        name="冲山村",
        code="３２０５０６１０８２０１",
    )
    assert record.code == "320506108201"
    blank = areas.create_area(
        session, town.admin, parent_id=town.town, level=AreaLevel.VILLAGE, name="迂里村", code="  "
    )
    assert blank.code is None


BAD_AREAS = [
    # (parent key, level, name, code, field, rule)
    ("town", AreaLevel.VILLAGE, "冲山村", FULI_CODE, "area_code", "duplicate"),
    ("town", AreaLevel.VILLAGE, "冲山村", "32050610820", "area_code", "code_wrong_length"),
    ("town", AreaLevel.VILLAGE, "冲山村", "32050610820X", "area_code", "code_not_digits"),
    ("town", AreaLevel.VILLAGE, "冲山村", "320506999200", "area_code", "code_outside_town"),
    ("town", AreaLevel.VILLAGE, "冲山村", "320506108050", "area_code", "code_village_range"),
    ("town", AreaLevel.COMMUNITY, "新社区", "320506108300", "area_code", "code_community_range"),
    ("fuli", AreaLevel.GRID, "福利村第三网格", "福利-03", "area_code", "code_grid_shape"),
    ("fuli", AreaLevel.GRID, "福利村第三网格", "320506108201001", "area_code", "code_outside_unit"),
    ("fuli", AreaLevel.GRID, "福利村第三网格", "GF-FL-01", "area_code", "duplicate"),
    ("fuli", AreaLevel.GRID, "福利村第一网格", None, "area_name", "duplicate"),
    ("fuli", AreaLevel.GRID, "  ", None, "area_name", "required"),
    ("fuli", AreaLevel.GRID, "网" * 65, None, "area_name", "too_long"),
    ("town", AreaLevel.GRID, "镇直属网格", None, "parent_id", "wrong_level"),
    ("fuli", AreaLevel.VILLAGE, "村中村", None, "parent_id", "wrong_level"),
    (None, AreaLevel.TOWN, "藏书镇", "320506109", "parent_id", "town_exists"),
    (None, AreaLevel.VILLAGE, "孤村", None, "parent_id", "required"),
    ("missing", AreaLevel.GRID, "无处网格", None, "parent_id", "unknown"),
    ("fuli", "hamlet", "自然村", None, "level", "invalid"),
]


@pytest.mark.parametrize(("parent", "level", "name", "code", "field", "rule"), BAD_AREAS)
def test_bad_areas_are_refused_naming_the_field(
    session, town, parent, level, name, code, field, rule
):
    parent_id = {"town": town.town, "fuli": town.fuli, "missing": 99999, None: None}[parent]
    before = _names(session)
    with pytest.raises(ValidationError) as err:
        areas.create_area(
            session, town.admin, parent_id=parent_id, level=level, name=name, code=code
        )
    assert (err.value.field, err.value.rule) == (field, rule)
    session.rollback()
    assert _names(session) == before


def test_only_an_administrator_changes_areas(session, town):
    operator = users.actor_for(
        users.create_user(session, town.admin, "op", "调度员", UserRole.OPERATOR, "Op-pass-2026")
    )
    with pytest.raises(PermissionDeniedError):
        areas.create_area(
            session, operator, parent_id=town.fuli, level=AreaLevel.GRID, name="福利村第三网格"
        )
    with pytest.raises(PermissionDeniedError):
        areas.retire_area(session, operator, town.fuli_2)
    assert len(_names(session)) == 6


def test_rename_and_recode_keep_or_clear_what_is_not_given(session, town):
    renamed = areas.update_area(session, town.admin, town.fuli_1, name="福利村一组网格")
    assert (renamed.name, renamed.code) == ("福利村一组网格", "GF-FL-01")  # code KEEP
    cleared = areas.update_area(session, town.admin, town.fuli, code=None)
    assert (cleared.code, cleared.code_system) == (None, None)
    again = areas.update_area(
        session, town.admin, town.fuli, code=FULI_CODE, code_system="national_stats"
    )
    assert (again.code, again.code_system) == (FULI_CODE, "national_stats")
    # Nothing changes: no audit row for a no-op.
    count = len(_area_audit(session))
    areas.update_area(session, town.admin, town.fuli, name="福利村", code=KEEP)
    assert len(_area_audit(session)) == count
    target, detail = _area_audit(session)[-1]
    assert target == "area 福利村"
    assert detail["change"] == "update"
    assert (detail["before"]["code"], detail["after"]["code"]) == (None, FULI_CODE)


def test_a_code_that_its_children_no_longer_fit_is_refused(session, town):
    with pytest.raises(ValidationError) as err:
        areas.update_area(session, town.admin, town.town, code="320506109")
    assert (err.value.field, err.value.rule) == ("area_code", "children_outside")
    session.rollback()
    assert next(a for a in areas.list_areas(session) if a.id == town.town).code == TOWN_CODE


def test_moving_a_grid_to_another_village(session, town):
    moved = areas.move_area(session, town.admin, town.fuli_2, town.donghu)
    assert moved.parent_id == town.donghu
    assert subtree_grid_ids(session, town.donghu) == sorted([town.donghu_1, town.fuli_2])
    target, detail = _area_audit(session)[-1]
    assert (target, detail["change"]) == ("area 福利村第二网格", "move")
    assert (detail["before"]["parent"], detail["after"]["parent"]) == ("福利村", "东崦湖社区")


def test_a_grid_cannot_move_under_itself_or_its_own_subtree(session, town):
    micro = areas.create_area(
        session, town.admin, parent_id=town.fuli_1, level=AreaLevel.MICRO_GRID, name="1号楼"
    )
    for area_id, parent_id in (
        (town.fuli_1, town.fuli_1),
        (town.fuli_1, micro.id),
        (town.fuli, town.fuli_1),
    ):
        with pytest.raises(ValidationError) as err:
            areas.move_area(session, town.admin, area_id, parent_id)
        assert (err.value.field, err.value.rule) == ("parent_id", "inside_itself")
        session.rollback()
    # A grid under a town, or next to a sibling of the same name: refused too.
    with pytest.raises(ValidationError) as err:
        areas.move_area(session, town.admin, town.fuli_1, town.town)
    assert (err.value.field, err.value.rule) == ("parent_id", "wrong_level")
    session.rollback()
    areas.update_area(session, town.admin, town.donghu_1, name="福利村第一网格")
    with pytest.raises(ValidationError) as err:
        areas.move_area(session, town.admin, town.donghu_1, town.fuli)
    assert (err.value.field, err.value.rule) == ("area_name", "duplicate")


def test_a_grid_with_open_tickets_cannot_be_retired_until_they_are_done(session, town):
    ticket = register(session, town.admin, town.fuli_2)
    with pytest.raises(ValidationError) as err:
        areas.retire_area(session, town.admin, town.fuli_2, now=NOW)
    assert (err.value.field, err.value.rule) == ("area_id", "open_tickets")
    session.rollback()
    # The village too, while the grid holds them (it has active children anyway).
    with pytest.raises(ValidationError) as err:
        areas.retire_area(session, town.admin, town.fuli, now=NOW)
    assert (err.value.field, err.value.rule) == ("area_id", "has_children")
    session.rollback()
    solve_in_grid(session, town.admin, ticket.id, ticket.version, "已清理", now=NOW)
    worker = members.add_member(
        session,
        town.admin,
        town.fuli_2,
        name="王芳",
        role=MemberRole.WORKER,
        since=date(2025, 1, 1),
    )
    retired = areas.retire_area(session, town.admin, town.fuli_2, now=NOW)
    assert retired.retired_at == NOW
    # Hidden from the pickers, kept in the list of all areas and in the tree (it has a ticket).
    assert "福利村第二网格" not in _names(session, include_retired=False)
    assert "福利村第二网格" in _names(session)
    assert [g.name for g in village_grids(session)[0].grids] == ["福利村第一网格"]
    assert town.fuli_2 not in [g.id for g in active_grids(session)]
    fuli_node = area_tree(session, NOW)[0].children[0]
    assert [(c.name, c.retired) for c in fuli_node.children] == [
        ("福利村第一网格", False),
        ("福利村第二网格", True),
    ]
    # Its ticket still points at it; the worker's service ended that day.
    assert session.get(Ticket, ticket.id).grid_id == town.fuli_2
    history = members.list_members(session, town.fuli_2, current_only=False)
    assert [(m.id, m.until) for m in history] == [(worker.id, NOW.date())]
    # A new ticket cannot be registered in it.
    with pytest.raises(ValidationError) as err:
        register(session, town.admin, town.fuli_2)
    assert (err.value.field, err.value.rule) == ("grid_id", "inactive")
    session.rollback()
    _target, detail = _area_audit(session)[-1]
    assert detail["change"] == "retire"
    assert detail["before"]["retired_at"] is None
    assert detail["after"]["members_ended"] == ["王芳"]


def test_a_retired_grid_without_tickets_leaves_the_tree_and_can_be_restored(session, town):
    areas.retire_area(session, town.admin, town.donghu_1, now=NOW)
    donghu = area_tree(session, NOW)[0].children[1]
    assert (donghu.name, donghu.children) == ("东崦湖社区", ())
    with pytest.raises(ValidationError) as err:
        areas.retire_area(session, town.admin, town.donghu_1, now=NOW)
    assert (err.value.field, err.value.rule) == ("area_id", "inactive")
    session.rollback()
    # Its name is free again among the active siblings, and restoring then refuses.
    areas.create_area(
        session, town.admin, parent_id=town.donghu, level=AreaLevel.GRID, name="东崦湖社区第一网格"
    )
    with pytest.raises(ValidationError) as err:
        areas.restore_area(session, town.admin, town.donghu_1)
    assert (err.value.field, err.value.rule) == ("area_name", "duplicate")
    session.rollback()
    areas.update_area(session, town.admin, town.donghu_1, name="东崦湖社区老网格")
    restored = areas.restore_area(session, town.admin, town.donghu_1)
    assert (restored.retired_at, restored.name) == (None, "东崦湖社区老网格")
    assert town.donghu_1 in [g.id for g in active_grids(session)]
    with pytest.raises(ValidationError) as err:
        areas.restore_area(session, town.admin, town.donghu_1)
    assert (err.value.field, err.value.rule) == ("area_id", "not_retired")


def test_merging_moves_open_tickets_and_the_team_and_keeps_the_history(session, town):
    open_ticket = register(session, town.admin, town.fuli_2, "路灯不亮")
    dispatched = register(session, town.admin, town.fuli_2, "井盖缺失")
    dispatched = dispatch_ticket(
        session, town.admin, dispatched.id, dispatched.version, to_grid=True, now=NOW
    )
    closed = register(session, town.admin, town.fuli_2, "噪音扰民")
    solve_in_grid(session, town.admin, closed.id, closed.version, "已劝导", now=NOW)
    leader = members.add_member(
        session,
        town.admin,
        town.fuli_2,
        name="李强",
        role=MemberRole.LEADER,
        since=date(2024, 5, 1),
    )
    members.add_member(session, town.admin, town.fuli_1, name="王芳", role=MemberRole.WORKER)
    police = members.add_member(
        session, town.admin, town.fuli_2, name="赵警官", phone="13800001111", role=MemberRole.POLICE
    )
    merge = areas.merge_grids(session, town.admin, town.fuli_2, town.fuli_1, now=NOW)
    assert (merge.tickets_moved, merge.members_moved) == (2, 2)
    assert (merge.source.retired_at, merge.source.merged_into_id) == (NOW, town.fuli_1)
    session.expire_all()
    grid_of = {t.title: t.grid_id for t in session.scalars(select(Ticket))}
    assert grid_of == {"路灯不亮": town.fuli_1, "井盖缺失": town.fuli_1, "噪音扰民": town.fuli_2}
    assert session.get(Ticket, dispatched.id).status == TicketStatus.DISPATCHED
    # The grid's pending assignment follows its ticket, so the new grid's worker sees it.
    assignment = session.scalar(select(Assignment).where(Assignment.ticket_id == dispatched.id))
    assert assignment.grid_id == town.fuli_1
    # The version moved: a desk holding the old one is told someone changed the ticket.
    assert session.get(Ticket, open_ticket.id).version > open_ticket.version
    team = members.list_members(session, town.fuli_1)
    assert [(m.name, m.role, m.since) for m in team] == [
        ("李强", MemberRole.LEADER, NOW.date()),
        ("王芳", MemberRole.WORKER, None),
        ("赵警官", MemberRole.POLICE, NOW.date()),
    ]
    past = members.list_members(session, town.fuli_2, current_only=False)
    assert {(m.id, m.since, m.until) for m in past} == {
        (leader.id, date(2024, 5, 1), date(2026, 3, 1)),
        (police.id, None, date(2026, 3, 1)),
    }
    assert "福利村第二网格" not in _names(session, include_retired=False)
    target, detail = _area_audit(session)[-1]
    assert (target, detail["change"]) == ("area 福利村第二网格", "merge")
    assert detail["after"]["merged_into"] == "福利村第一网格"
    assert len(detail["after"]["tickets_moved"]) == 2
    assert detail["after"]["members_moved"] == ["李强", "赵警官"]


def test_merging_refusals(session, town):
    members.add_member(session, town.admin, town.fuli_1, name="王芳", role=MemberRole.WORKER)
    members.add_member(session, town.admin, town.fuli_2, name="陈明", role=MemberRole.WORKER)
    members.add_member(session, town.admin, town.donghu_1, name="李强", role=MemberRole.LEADER)
    members.add_member(session, town.admin, town.fuli_1, name="周丽", role=MemberRole.LEADER)
    cases = [
        (town.fuli_2, town.fuli_1, "merge_target", "worker_taken"),
        (town.donghu_1, town.fuli_1, "merge_target", "leader_taken"),
        (town.fuli_2, town.fuli_2, "merge_target", "same_area"),
        (town.fuli, town.donghu, "area_id", "not_grid"),
        (town.fuli_2, town.fuli, "merge_target", "not_grid"),
        (town.fuli_2, 99999, "merge_target", "unknown"),
    ]
    for source, target, field, rule in cases:
        with pytest.raises(ValidationError) as err:
            areas.merge_grids(session, town.admin, source, target, now=NOW)
        assert (err.value.field, err.value.rule) == (field, rule)
        session.rollback()
    # Nothing moved or retired by the refused merges.
    assert len(_names(session, include_retired=False)) == 6
    assert [m.name for m in members.list_members(session, town.fuli_2)] == ["陈明"]
    with pytest.raises(NotFoundError):
        areas.merge_grids(session, town.admin, 99999, town.fuli_1, now=NOW)


def test_without_commit_the_caller_owns_the_transaction(session, town):
    areas.create_area(
        session,
        town.admin,
        parent_id=town.fuli,
        level=AreaLevel.GRID,
        name="福利村第三网格",
        commit=False,
    )
    # Flushed (an id exists, the next check sees it) but not committed.
    with pytest.raises(ValidationError):
        areas.create_area(
            session,
            town.admin,
            parent_id=town.fuli,
            level=AreaLevel.GRID,
            name="福利村第三网格",
            commit=False,
        )
    session.rollback()
    assert "福利村第三网格" not in _names(session)
    assert session.scalar(select(Area.id).where(Area.name == "福利村第三网格")) is None


def test_the_period_statistics_count_a_grid_retired_during_the_period(session, town):
    from gridcenter_desktop.services.statistics import period_statistics

    areas.retire_area(session, town.admin, town.donghu_1, now=datetime(2026, 2, 15, 10, 0))
    february = period_statistics(session, date(2026, 2, 1), date(2026, 2, 28), now=NOW)
    march = period_statistics(session, date(2026, 3, 1), date(2026, 3, 31), now=NOW)
    assert (february.grids, march.grids) == (3, 2)


@pytest.mark.pg
def test_on_postgresql_a_signed_in_administrator_runs_the_town_with_the_servers_grants():
    """As the administrator's own login role (not the owner): the admin group's grants cover
    every write the area and team services make; an operator's login role is refused by the
    server even when the desk claims it is an administrator."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ProgrammingError
    from sqlalchemy.orm import Session

    from gridcenter_desktop.db import migrate
    from gridcenter_desktop.db.engine import make_engine
    from gridcenter_desktop.services.actor import Actor
    from gridcenter_desktop.services.sign_in import sign_in
    from tests.admin.town_factory import ADMIN_PASSWORD, first_admin
    from tests.conftest import create_pg_database, drop_pg_database

    url = create_pg_database()
    try:
        owner = make_engine(url)
        migrate.upgrade(owner)
        with Session(owner) as s:
            admin = first_admin(s)
            users.create_user(s, admin, "op", "调度员", UserRole.OPERATOR, "Op-pass-2026")
        owner.dispose()

        signed = sign_in(url, "chief", ADMIN_PASSWORD)
        try:
            assert signed.engine.url.username != make_url(url).username
            with Session(signed.engine) as s:
                town = build_town(s, signed.actor)
                ticket = register(s, signed.actor, town.fuli_2)
                worker = members.add_member(
                    s, signed.actor, town.fuli_2, name="王芳", role=MemberRole.WORKER
                )
                members.update_person(s, signed.actor, worker.person_id, phone="13912345678")
                areas.move_area(s, signed.actor, town.fuli_2, town.donghu)
                merge = areas.merge_grids(s, signed.actor, town.fuli_2, town.donghu_1, now=NOW)
                assert (merge.tickets_moved, merge.members_moved) == (1, 1)
                assert s.get(Ticket, ticket.id).grid_id == town.donghu_1
                moved = members.list_members(s, town.donghu_1)[0]
                members.end_service(s, signed.actor, moved.id, NOW.date())
                areas.retire_area(s, signed.actor, town.fuli_1, now=NOW)
                areas.restore_area(s, signed.actor, town.fuli_1)
                # six created, one moved, merged, retired, restored
                assert len(_area_audit(s)) == 10
        finally:
            signed.engine.dispose()

        operator = sign_in(url, "op", "Op-pass-2026")
        try:
            forged = Actor(operator.actor.user_id, UserRole.ADMIN, "调度员", "op")
            with Session(operator.engine) as s:
                with pytest.raises(ProgrammingError) as err:
                    areas.create_area(
                        s, forged, parent_id=town.fuli, level=AreaLevel.GRID, name="私设网格"
                    )
                assert "permission denied" in str(err.value)
                with pytest.raises(ProgrammingError):
                    members.add_member(s, forged, town.fuli_1, name="某人", role=MemberRole.OTHER)
        finally:
            operator.engine.dispose()
    finally:
        drop_pg_database(url)


def test_a_code_taken_by_another_desk_meanwhile_is_refused_as_clearly(session, town, monkeypatch):
    # Two desks check the same free code at once; the database's unique index refuses the
    # second, which reads as the same refusal as a code taken before (nothing half-written).
    from gridcenter_desktop.core.area_codes import normalize_code

    def unchecked(session, code, level, parent_code, own_id):
        return normalize_code(code)

    monkeypatch.setattr(areas, "checked_code", unchecked)
    before = _names(session)
    for call in (
        lambda: areas.create_area(
            session, town.admin, parent_id=town.fuli, level=AreaLevel.GRID, name="福利村第三网格",
            code="GF-FL-01",
        ),
        lambda: areas.update_area(session, town.admin, town.donghu_1, code="GF-FL-02"),
    ):  # fmt: skip
        with pytest.raises(ValidationError) as err:
            call()
        assert (err.value.field, err.value.rule) == ("area_code", "duplicate")
    assert _names(session) == before
    assert next(a for a in areas.list_areas(session) if a.id == town.donghu_1).code is None
