"""``gridcenter template base`` and ``gridcenter import base`` as an administrator uses them: the
template, a dry run, an import that prints what it added and the first passwords, a re-import
that changes nothing, a bad row that is named and stops everything, a .xls refused in one
line; on PostgreSQL the import runs as the administrator's own login role."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import AreaLevel, DepartmentKind, MemberRole, UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area, GridMember
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.admin.base_sheets import (
    AccountRow,
    AreaRow,
    BaseLists,
    DepartmentRow,
    MemberRow,
)
from gridcenter_desktop.services.admin.base_workbook import write_template
from gridcenter_desktop.services.users import create_first_admin
from tests.conftest import create_pg_database, drop_pg_database

PASSWORD = "Plum-Blossom-2027"
LISTS = BaseLists(
    areas=(
        AreaRow(AreaLevel.TOWN, "光福镇", code="320506108"),
        AreaRow(AreaLevel.VILLAGE, "福利村", "光福镇", code="320506108200"),
        AreaRow(AreaLevel.GRID, "福利村第一网格", "福利村"),
        AreaRow(AreaLevel.COMMUNITY, "东崦湖社区", "光福镇"),
        AreaRow(AreaLevel.GRID, "东崦湖社区第一网格", "东崦湖社区"),
    ),
    members=(
        MemberRow("福利村第一网格", "张三", MemberRole.LEADER, "13912345678", True),
        MemberRow("东崦湖社区第一网格", "李四", MemberRole.WORKER, "13912345679"),
    ),
    departments=(DepartmentRow("综合执法局", DepartmentKind.OFFICE),),
    users=(AccountRow("wang.wu", "王五", UserRole.OPERATOR, "综合执法局"),),
)


def _migrated(url: str) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        create_first_admin(session, "chief", "站长", PASSWORD)
    engine.dispose()


@pytest.fixture
def desk(tmp_path) -> str:
    path = tmp_path / "desk.sqlite3"
    _migrated(str(path))
    return str(path)


def run(monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _count(url: str, model) -> int:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(model))
    finally:
        engine.dispose()


def test_the_template_command_writes_the_empty_workbook(tmp_path, monkeypatch, capsys):
    out = tmp_path / "模板.xlsx"
    code, text, err = run(monkeypatch, capsys, "template", "base", "--out", str(out))
    assert (code, err) == (0, "") and str(out) in text
    assert load_workbook(out).sheetnames == ["说明", "区域和网格", "网格成员", "部门", "用户"]
    code, _text, err = run(
        monkeypatch, capsys, "template", "base", "--out", str(tmp_path / "x.xls")
    )
    assert code == 1 and ".xlsx" in err


def _import(monkeypatch, capsys, url: str, file: Path, *more: str):
    return run(monkeypatch, capsys, "import", "base", str(file), "--db", url, "--user", "chief",
               *more)  # fmt: skip


def test_dry_run_import_and_reimport(desk, tmp_path, monkeypatch, capsys):
    file = tmp_path / "town.xlsx"
    write_template(file, example=LISTS)
    code, out, err = _import(monkeypatch, capsys, desk, file, "--dry-run")
    assert (code, err) == (0, ""), err
    assert "区域和网格：新增 5，更新 0，不变 0" in out
    assert "新增 第 3 行 村 福利村" in out and "没有写入任何数据" in out
    assert _count(desk, Area) == 0

    code, out, err = _import(monkeypatch, capsys, desk, file)
    assert (code, err) == (0, ""), err
    assert "已导入：新增 9 行，更新 0 行。" in out
    assert "wang.wu  " in out  # the generated first password, shown once
    assert (_count(desk, Area), _count(desk, GridMember), _count(desk, User)) == (5, 2, 2)

    code, out, err = _import(monkeypatch, capsys, desk, file)
    assert (code, err) == (0, "")
    assert "没有需要导入的变化" in out and "wang.wu  " not in out


def test_a_bad_row_is_named_and_nothing_is_written(desk, tmp_path, monkeypatch, capsys):
    file = tmp_path / "town.xlsx"
    write_template(file, example=LISTS)
    wb = load_workbook(file)
    wb["网格成员"]["A3"] = "东崦湖社区第九网格"
    wb["网格成员"]["D2"] = "组长"
    wb.save(file)
    code, out, err = _import(monkeypatch, capsys, desk, file)
    assert code == 1
    assert "“网格成员”表第 2 行“岗位”列（D 列）：“组长”不是下拉列表中的选项" in out
    assert "“网格成员”表第 3 行“所属网格”列（A 列）：找不到网格“东崦湖社区第九网格”" in out
    (line,) = err.strip().splitlines()
    assert "网格成员第 2 行、网格成员第 3 行有问题，没有导入任何数据" in line
    assert _count(desk, Area) == 0


def test_a_xls_file_is_refused_in_one_line(desk, tmp_path, monkeypatch, capsys):
    file = tmp_path / "old.xls"
    file.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    code, out, err = _import(monkeypatch, capsys, desk, file)
    (line,) = err.strip().splitlines()
    assert code == 1 and out == ""
    assert "old.xls" in line and "另存为" in line


def test_an_operator_may_not_import(desk, tmp_path, monkeypatch, capsys):
    engine = make_engine(desk)
    with Session(engine) as session:
        from gridcenter_desktop.services import users

        chief = users.actor_for(session.scalars(select(User)).one())
        users.create_user(session, chief, "op", "调度员", UserRole.OPERATOR, PASSWORD)
        session.execute(User.__table__.update().values(must_change_password=False))
        session.commit()
    engine.dispose()
    file = tmp_path / "town.xlsx"
    write_template(file, example=LISTS)
    code, _out, err = run(monkeypatch, capsys, "import", "base", str(file), "--db", desk,
                          "--user", "op")  # fmt: skip
    assert code == 1 and "may not" in err
    assert _count(desk, Area) == 0


@pytest.mark.pg
def test_on_postgresql_the_administrators_own_role_imports(tmp_path, monkeypatch, capsys):
    url = create_pg_database()
    try:
        _migrated(url)
        file = tmp_path / "town.xlsx"
        write_template(file, example=LISTS)
        code, out, err = _import(monkeypatch, capsys, url, file)
        assert (code, err) == (0, ""), err
        assert "已导入：新增 9 行" in out
        assert (_count(url, Area), _count(url, GridMember), _count(url, User)) == (5, 2, 2)
        code, out, err = _import(monkeypatch, capsys, url, file)
        assert (code, err) == (0, "") and "没有需要导入的变化" in out
    finally:
        drop_pg_database(url)
