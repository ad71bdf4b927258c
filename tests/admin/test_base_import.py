"""Importing a town's base data on SQLite and PostgreSQL: a valid workbook builds the town, a
workbook with one bad row among 500 writes nothing and names the row, re-importing changes
nothing, changed rows update what they match, and every refusal says where and why."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from gridcenter_desktop.core.enums import AreaLevel, DepartmentKind, MemberRole, UserRole
from gridcenter_desktop.db import roles
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import users
from gridcenter_desktop.services.admin import areas as area_service
from gridcenter_desktop.services.admin.base_import import (
    BaseImportRefused,
    apply_import,
    plan_import,
)
from gridcenter_desktop.services.admin.base_problems import change_text, problem_text
from gridcenter_desktop.services.admin.base_sheets import (
    AccountRow,
    AreaRow,
    BaseLists,
    DepartmentRow,
    MemberRow,
    Sheet,
)
from gridcenter_desktop.services.admin.base_workbook import read_workbook, write_template
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError

ADMIN_PASSWORD = "Chief-pass-2026"
TOWN = AreaRow(AreaLevel.TOWN, "光福镇", code="320506108", code_system="national_stats")
VILLAGES = ("福利村", "迂里村")


def town_lists(grids_per_village: int = 5, members_per_grid: int = 2) -> BaseLists:
    """Two villages with their grids, a leader and worker (and volunteers) per grid, three
    departments and two users."""
    areas = [TOWN, AreaRow(AreaLevel.VILLAGE, "福利村", "光福镇", code="320506108200"),
             # A code system without a code is kept as nothing (and re-imports unchanged);
             # the parent of a village may be left empty when there is one town.
             AreaRow(AreaLevel.VILLAGE, "迂里村", None, code_system="national_stats")]  # fmt: skip
    members = []
    phone = 13900000000
    for village in VILLAGES:
        for n in range(1, grids_per_village + 1):
            grid = f"{village}第{n}网格"
            areas.append(AreaRow(AreaLevel.GRID, grid, village))
            for m in range(members_per_grid):
                phone += 1
                role = (MemberRole.LEADER, MemberRole.WORKER)[m] if m < 2 else MemberRole.VOLUNTEER
                members.append(
                    MemberRow(
                        grid, f"{village}{n}号成员{m}", role, str(phone), m == 0, date(2024, 1, 1)
                    )  # fmt: skip
                )
    return BaseLists(
        areas=tuple(areas),
        members=tuple(members),
        departments=(
            DepartmentRow("综合执法局", DepartmentKind.OFFICE, "ZF", "王队长", "13812345678"),
            DepartmentRow("派出所", DepartmentKind.AGENCY),
            DepartmentRow("福利村村委会", DepartmentKind.COMMITTEE, dispatchable=True),
        ),
        users=(
            AccountRow("zhang.san", "张三", UserRole.OPERATOR, "综合执法局"),
            AccountRow("li.si", "李四", UserRole.SUPERVISOR, password="Lake-Stone-2027"),
        ),
    )


def workbook(tmp_path: Path, lists: BaseLists, name: str = "town.xlsx") -> BaseLists:
    """``lists`` written to a workbook and read back, as the user's file would be."""
    path = tmp_path / name
    write_template(path, example=lists)
    return read_workbook(path)


@pytest.fixture
def admin(session_factory):
    with session_factory() as s:
        return users.create_first_admin(s, "chief", "站长", ADMIN_PASSWORD)


def counts(session_factory) -> dict[str, int]:
    with session_factory() as s:
        return {
            model.__name__: s.scalar(select(func.count()).select_from(model))
            for model in (Area, Person, GridMember, Department, User, AuditEntry)
        }


def test_a_valid_workbook_builds_the_town(session_factory, admin, tmp_path):
    lists = workbook(tmp_path, town_lists())
    with session_factory() as s:
        plan = plan_import(s, lists)
        assert plan.ok, [problem_text(p) for p in plan.problems]
        assert [(p.sheet, len(p.adds)) for p in plan.sheets] == [
            (Sheet.AREAS, 13), (Sheet.MEMBERS, 20), (Sheet.DEPARTMENTS, 3), (Sheet.USERS, 2),
        ]  # fmt: skip
        summary = apply_import(s, admin, plan)
    assert summary.changed
    (generated,) = summary.passwords  # li.si had one in the file
    assert generated[0] == "zhang.san" and len(generated[1]) >= 10
    with session_factory() as s:
        tree = area_service.list_areas(s)
        assert [a.name for a in tree[:3]] == ["光福镇", "福利村", "福利村第1网格"]
        assert sum(a.level is AreaLevel.GRID for a in tree) == 10
        assert tree[1].code == "320506108200"
        leader = s.execute(
            select(Person.name, Person.phone, Person.party_member, GridMember.since)
            .join(GridMember).where(GridMember.role == MemberRole.LEADER).order_by(Person.id)
        ).first()  # fmt: skip
        assert tuple(leader) == ("福利村1号成员0", "13900000001", True, date(2024, 1, 1))
        zf = s.scalars(select(Department).where(Department.code == "ZF")).one()
        assert (zf.contact_name, zf.contact_phone, zf.dispatchable) == ("王队长", "13812345678",
                                                                       True)  # fmt: skip
        zhang = s.scalars(select(User).where(User.login == "zhang.san")).one()
        assert zhang.must_change_password and zhang.department_id == zf.id
        assert zhang.role == UserRole.OPERATOR
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "base_import")
        ).one()  # one entry for the import, beside each service's own
        assert entry.target == "file town.xlsx"
        assert json.loads(entry.detail)["after"]["网格成员"] == {"added": 20, "updated": 0}


def test_one_bad_row_among_500_writes_nothing_and_is_named(session_factory, admin, tmp_path):
    good = town_lists(grids_per_village=10, members_per_grid=25)
    assert len(good.members) == 500
    members = list(good.members)
    members[321] = MemberRow(members[321].grid, members[321].name, MemberRole.VOLUNTEER,
                             "12345")  # fmt: skip
    lists = workbook(tmp_path, BaseLists(good.areas, tuple(members), good.departments, good.users))
    before = counts(session_factory)
    with session_factory() as s:
        plan = plan_import(s, lists)
        (problem,) = plan.problems
        # Row 1 is the header: the 322nd member is on row 323.
        assert (problem.sheet, problem.row, problem.column, problem.letter) == (
            Sheet.MEMBERS, 323, "联系电话", "E",
        )  # fmt: skip
        assert problem_text(problem).startswith("“网格成员”表第 323 行“联系电话”列（E 列）：")
        with pytest.raises(ValidationError) as err:
            apply_import(s, admin, plan)
        assert (err.value.field, err.value.rule) == ("plan", "has_problems")
    assert counts(session_factory) == before


def test_reimporting_the_same_file_changes_nothing(session_factory, admin, tmp_path):
    lists = workbook(tmp_path, town_lists())
    with session_factory() as s:
        apply_import(s, admin, plan_import(s, lists))
    before = counts(session_factory)
    again = read_workbook(tmp_path / "town.xlsx")
    with session_factory() as s:
        plan = plan_import(s, again)
        assert plan.ok and not plan.has_changes
        assert sum(len(p.unchanged) for p in plan.sheets) == 38
        summary = apply_import(s, admin, plan)
    assert not summary.changed and summary.passwords == ()
    assert counts(session_factory) == before  # not even an audit entry


def test_changed_rows_update_what_they_match(session_factory, admin, tmp_path):
    original = town_lists(grids_per_village=2)
    with session_factory() as s:
        apply_import(s, admin, plan_import(s, workbook(tmp_path, original)))
    areas = list(original.areas)
    # 迂里村 gets its code; a grid is renamed through its code after it got one.
    areas[2] = AreaRow(AreaLevel.VILLAGE, "迂里村", "光福镇", code="320506108201")
    areas[3] = AreaRow(AreaLevel.GRID, "福利村第1网格", "福利村", code="GF-FL-01", sort_order=9)
    members = list(original.members)
    members[0] = MemberRow(members[0].grid, members[0].name, MemberRole.LEADER, "13911112222")
    departments = list(original.departments)
    departments[1] = DepartmentRow("派出所", DepartmentKind.AGENCY, contact_phone="0512-66550110",
                                   dispatchable=False)  # fmt: skip
    changed = BaseLists(tuple(areas), tuple(members), tuple(departments), original.users)
    with session_factory() as s:
        plan = plan_import(s, workbook(tmp_path, changed, "changed.xlsx"))
        updates = {
            (p.sheet, p.label): [change_text(c.column, c.before, c.after) for c in p.changes]
            for sheet in plan.sheets for p in sheet.updates
        }  # fmt: skip
        assert updates == {
            (Sheet.AREAS, "村 迂里村"): ["编码：（空） → 320506108201"],
            (Sheet.AREAS, "网格 福利村/福利村第1网格"): ["编码：（空） → GF-FL-01", "排序：0 → 9"],
            (Sheet.MEMBERS, "福利村1号成员0（网格长，福利村/福利村第1网格）"): [
                "联系电话：13900000001 → 13911112222"
            ],
            (Sheet.DEPARTMENTS, "派出所"): ["联系电话：（空） → 0512-66550110", "可派单：是 → 否"],
        }
        apply_import(s, admin, plan)
    renamed = list(changed.areas)
    renamed[3] = AreaRow(AreaLevel.GRID, "福利村一格", "福利村", code="GF-FL-01", sort_order=9)
    with session_factory() as s:
        plan = plan_import(s, workbook(tmp_path, BaseLists(areas=tuple(renamed)), "r.xlsx"))
        (update,) = plan.sheet(Sheet.AREAS).updates
        assert [change_text(c.column, c.before, c.after) for c in update.changes] == [
            "名称：福利村第1网格 → 福利村一格"
        ]
        apply_import(s, admin, plan)
        assert s.scalar(select(Area.name).where(Area.code == "GF-FL-01")) == "福利村一格"
        # The members of the renamed grid are found by its new name.
        members = plan_import(s, BaseLists(members=(MemberRow("福利村一格", "福利村1号成员0",
                                                              MemberRole.LEADER),)))  # fmt: skip
        assert len(members.sheet(Sheet.MEMBERS).unchanged) == 1


def _problems(session, lists: BaseLists) -> set[tuple]:
    return {(p.sheet.value, p.row, p.column, p.rule) for p in plan_import(session, lists).problems}


def test_rows_that_break_the_rules_are_named(session_factory, admin, tmp_path):
    with session_factory() as s:
        apply_import(s, admin, plan_import(s, workbook(tmp_path, town_lists(2))))
    bad = BaseLists(
        areas=(
            AreaRow(AreaLevel.TOWN, "木渎镇"),  # row 2: a second town
            AreaRow(
                AreaLevel.VILLAGE, "新村", "光福镇", code="320506108100"
            ),  # 3: 100 is a community's
            AreaRow(AreaLevel.GRID, "孤网格", "不存在村"),  # 4
            AreaRow(AreaLevel.GRID, "直属网格", "光福镇"),  # 5: a grid under the town
            # 6: 福利村's code renames 福利村, to the name of its neighbour.
            AreaRow(AreaLevel.VILLAGE, "迂里村", "光福镇", code="320506108200"),
            AreaRow(AreaLevel.VILLAGE, "新三村", "光福镇", code="320506108300"),  # 7
            AreaRow(AreaLevel.VILLAGE, "新四村", "光福镇", code="320506108300"),  # 8: same code
            AreaRow(AreaLevel.GRID, "新网格", "福利村", code="GF/1"),  # 9
        ),
        members=(
            MemberRow("福利村第1网格", "新网格长", MemberRole.LEADER),  # 2: it has one
            MemberRow("福利村", "某人", MemberRole.VOLUNTEER),  # 3: a village is not a grid
            MemberRow("没有的网格", "某人", MemberRole.VOLUNTEER),  # 4
            MemberRow("新网格", "甲", MemberRole.WORKER),  # 5 (its grid has a problem)
            MemberRow("迂里村第2网格", "", MemberRole.VOLUNTEER),  # 6
            MemberRow("迂里村第2网格", "新人", MemberRole.VOLUNTEER, since=date(2099, 1, 1)),  # 7
        ),
        departments=(
            DepartmentRow("司法所", DepartmentKind.AGENCY, code="SF"),
            DepartmentRow("司法所", DepartmentKind.AGENCY),  # 3: twice in the file
            DepartmentRow("信访办", None),  # 4
        ),
        users=(
            AccountRow("zhang san", "张三", UserRole.OPERATOR),  # 2
            AccountRow("wang.wu", "王五", UserRole.VIEWER, "没有的部门"),  # 3
            AccountRow("zhao.liu", "赵六", UserRole.OPERATOR, password="123"),  # 4
            AccountRow("zhang.san", "张三丰", UserRole.ADMIN),  # existing: kept, noted
        ),
    )
    with session_factory() as s:
        found = _problems(s, bad)
        plan = plan_import(s, bad)
    assert found == {
        ("区域和网格", 2, "名称", "second_town"),
        ("区域和网格", 3, "编码", "code_village_range"),
        ("区域和网格", 4, "上级名称", "parent_missing"),
        ("区域和网格", 5, "上级名称", "parent_wrong_level"),
        ("区域和网格", 6, "名称", "name_taken"),
        ("区域和网格", 8, "编码", "duplicate_in_file"),
        ("区域和网格", 9, "编码", "code_grid_shape"),
        ("网格成员", 2, "岗位", "leader_taken"),
        ("网格成员", 3, "所属网格", "not_a_grid"),
        ("网格成员", 4, "所属网格", "grid_missing"),
        ("网格成员", 6, "姓名", "required"),
        ("网格成员", 7, "任职起始日期", "since_future"),
        ("部门", 3, "部门名称", "duplicate_in_file"),
        ("部门", 4, "类别", "required"),
        ("用户", 2, "登录名", "login_bad_characters"),
        ("用户", 3, "所属部门", "department_missing"),
        ("用户", 4, "初始密码", "too_short"),
    }
    texts = {(p.sheet.value, p.row): problem_text(p) for p in plan.problems}
    assert "已有在任网格长“福利村1号成员0”" in texts[("网格成员", 2)]
    assert "“福利村”是“村”，成员只能属于网格或微网格" in texts[("网格成员", 3)]
    assert "同一上级下已有名为“迂里村”的区域" in texts[("区域和网格", 6)]
    assert "与第 7 行重复" in texts[("区域和网格", 8)]
    assert "123" not in texts[("用户", 4)]  # a password is never repeated back
    (note,) = plan.notes
    assert "zhang.san" in problem_text(note) and "不会修改" in problem_text(note)


def test_a_parent_named_twice_asks_for_the_path(session_factory, admin, tmp_path):
    lists = BaseLists(
        areas=(
            TOWN,
            AreaRow(AreaLevel.VILLAGE, "福利村", "光福镇"),
            AreaRow(AreaLevel.VILLAGE, "迂里村", "光福镇"),
            AreaRow(AreaLevel.GRID, "第一网格", "福利村"),
            AreaRow(AreaLevel.GRID, "第一网格", "迂里村"),
            AreaRow(AreaLevel.MICRO_GRID, "1 号楼", "第一网格"),  # row 7: which one?
            AreaRow(AreaLevel.MICRO_GRID, "2 号楼", "迂里村/第一网格"),
        ),
        members=(
            MemberRow("第一网格", "甲", MemberRole.VOLUNTEER),  # row 2: which one?
            MemberRow("福利村/第一网格", "乙", MemberRole.VOLUNTEER),
            MemberRow("迂里村/第一网格/2 号楼", "丙", MemberRole.BUILDING_LEADER),
        ),
    )
    with session_factory() as s:
        plan = plan_import(s, lists)
    assert {(p.sheet.value, p.row, p.rule) for p in plan.problems} == {
        ("区域和网格", 7, "parent_ambiguous"), ("网格成员", 2, "grid_ambiguous"),
    }  # fmt: skip
    text = problem_text(plan.problems[0])
    assert "福利村/第一网格" in text and "迂里村/第一网格" in text


def test_only_an_administrator_imports_and_a_stale_preview_is_refused(
    session_factory, admin, tmp_path
):
    lists = workbook(tmp_path, town_lists(1))
    with session_factory() as s:
        op = users.create_user(s, admin, "op", "调度员", UserRole.OPERATOR, "Harbor-Kite-7730")
        operator = users.actor_for(s.get(User, op.id))
        plan = plan_import(s, lists)
        with pytest.raises(PermissionDeniedError):
            apply_import(s, operator, plan)
        # Someone adds a village of the same name after the preview was made.
        town = area_service.create_area(s, admin, parent_id=None, level=AreaLevel.TOWN,
                                        name="光福镇", code="320506108")  # fmt: skip
        area_service.create_area(s, admin, parent_id=town.id, level=AreaLevel.VILLAGE,
                                 name="迂里村")  # fmt: skip
        before = counts(session_factory)
        with pytest.raises(ValidationError) as err:
            apply_import(s, admin, plan)
        assert (err.value.field, err.value.rule) == ("plan", "stale")
    assert counts(session_factory) == before


def test_a_row_a_service_refuses_rolls_the_whole_workbook_back(session_factory, admin, tmp_path):
    # The plan cannot see that 福利村's grids' all-digit codes hang on its code; the area
    # service refuses the new code, after the departments and other rows were written.
    lists = BaseLists(
        areas=(TOWN, AreaRow(AreaLevel.VILLAGE, "福利村", "光福镇", code="320506108200"),
               AreaRow(AreaLevel.GRID, "福利村第一网格", "福利村", code="320506108200001")),
    )  # fmt: skip
    with session_factory() as s:
        apply_import(s, admin, plan_import(s, lists))
    moved = BaseLists(
        areas=(AreaRow(AreaLevel.VILLAGE, "福利村", "光福镇", code="320506108201"),),
        departments=(DepartmentRow("司法所", DepartmentKind.AGENCY),),
    )
    before = counts(session_factory)
    with session_factory() as s:
        plan = plan_import(s, moved)
        assert plan.ok
        with pytest.raises(BaseImportRefused) as err:
            apply_import(s, admin, plan)
    assert (err.value.problem.sheet, err.value.problem.row) == (Sheet.AREAS, 2)
    assert str(err.value).startswith("“区域和网格”表第 2 行“编码”列")
    assert counts(session_factory) == before


def test_a_user_created_without_commit_goes_with_a_rollback(session_factory, admin):
    # The import's users are created with commit=False; on PostgreSQL the account's login
    # role is created in the same transaction, so a rolled-back import leaves no role behind.
    with session_factory() as s:
        row = users.create_user(s, admin, "temp.user", "临时", UserRole.VIEWER,
                                "Harbor-Kite-7730", commit=False)  # fmt: skip
        assert row.login == "temp.user"
        s.rollback()
    with session_factory() as s:
        assert s.scalar(select(User.id).where(User.login == "temp.user")) is None
        if s.get_bind().dialect.name == "postgresql":
            role = roles.login_role(roles.database_prefix(s.connection()), "temp.user")
            found = s.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
            assert found.first() is None
        # With commit (the default) it stays, as before.
        users.create_user(s, admin, "kept.user", "留下", UserRole.VIEWER, "Harbor-Kite-7730")
    with session_factory() as s:
        assert s.scalar(select(User.id).where(User.login == "kept.user")) is not None
        if s.get_bind().dialect.name == "postgresql":
            role = roles.login_role(roles.database_prefix(s.connection()), "kept.user")
            found = s.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
            assert found.first() is not None
