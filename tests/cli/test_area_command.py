"""``gridcenter area`` and ``gridcenter member`` on SQLite and PostgreSQL: an administrator sets
up a town's villages, grids and teams from a script, refusals come as one line that names the
problem and write nothing, and an operator may only look."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services import users
from tests.admin.town_factory import register

PASSWORD = "Plum-Blossom-2027"
MUST_CHANGE = "gridcenter: note: op must change the password (sign in to the window)\n"


@pytest.fixture
def db(db_url, monkeypatch):
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        admin = users.create_first_admin(session, "admin", "管理员", PASSWORD)
        users.create_user(session, admin, "op", "调度员", UserRole.OPERATOR, PASSWORD)
    engine.dispose()
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    return db_url


def gc(capsys, db, *argv, user="admin"):
    code = cli.main([*argv, "--db", db, "--user", user])
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, db, *argv, user="admin") -> str:
    code, out, err = gc(capsys, db, *argv, user=user)
    # The operator has not chosen their own password yet: the CLI notes it and goes on.
    assert (code, err.replace(MUST_CHANGE, "")) == (0, ""), err
    return out


def refused(capsys, db, *argv, user="admin") -> str:
    code, out, err = gc(capsys, db, *argv, user=user)
    assert code != 0
    assert out == ""
    lines = err.replace(MUST_CHANGE, "").strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gridcenter: error: "), err
    return lines[0]


def areas_in(db) -> dict[str, tuple]:
    engine = make_engine(db)
    try:
        with make_session_factory(engine)() as session:
            rows = session.execute(select(Area.name, Area.code, Area.retired_at, Area.parent_id))
            return {
                name: (code, retired is not None, parent) for name, code, retired, parent in rows
            }
    finally:
        engine.dispose()


def build(capsys, db) -> None:
    ok(capsys, db, "area", "add", "光福镇", "--level", "town", "--code", "320506108")
    ok(capsys, db, "area", "add", "福利村", "--level", "village", "--parent", "光福镇",
       "--code", "320506108200", "--code-system", "national_stats")  # fmt: skip
    ok(capsys, db, "area", "add", "冲山村", "--level", "village", "--parent", "光福镇")
    for grid, village in (
        ("福利村第一网格", "福利村"),
        ("福利村第二网格", "福利村"),
        ("冲山村第一网格", "冲山村"),
    ):
        ok(capsys, db, "area", "add", grid, "--level", "grid", "--parent", village)


def test_an_administrator_sets_up_the_town_from_a_script(db, capsys):
    build(capsys, db)
    listing = ok(capsys, db, "area", "list", user="op")
    lines = listing.splitlines()
    assert lines[0] == "编号\t层级\t名称\t代码"
    assert [line.split("\t")[2] for line in lines[1:]] == [
        "光福镇",
        "  福利村",
        "    福利村第一网格",
        "    福利村第二网格",
        "  冲山村",
        "    冲山村第一网格",
    ]
    assert "320506108200" in lines[2]
    # Two grids of different villages may share a name: then named by village, or by #ID.
    ok(capsys, db, "area", "add", "福利村第一网格", "--level", "grid", "--parent", "冲山村")
    line = refused(capsys, db, "area", "rename", "福利村第一网格", "冲山村第二网格")
    assert "several areas" in line
    ok(capsys, db, "area", "rename", "冲山村/福利村第一网格", "冲山村第二网格")
    ok(capsys, db, "area", "rename", "冲山村第一网格", "--code", "GF-CS-01")
    assert areas_in(db)["冲山村第一网格"][0] == "GF-CS-01"
    ok(capsys, db, "area", "rename", "GF-CS-01", "--code", "")
    assert areas_in(db)["冲山村第一网格"][0] is None
    assert areas_in(db)["冲山村第二网格"][0] is None


def test_refusals_are_one_line_and_write_nothing(db, capsys):
    build(capsys, db)
    before = areas_in(db)
    for argv, words in [
        (("area", "add", "迂里村", "--level", "village", "--parent", "光福镇", "--code",
          "320506108200"), "area_code: duplicate"),
        (("area", "add", "迂里村", "--level", "village", "--parent", "光福镇", "--code",
          "3205061082"), "area_code: code_wrong_length"),
        (("area", "add", "镇直属网格", "--level", "grid", "--parent", "光福镇"),
         "parent_id: wrong_level"),
        (("area", "move", "福利村", "--to", "福利村第一网格"), "parent_id: inside_itself"),
        (("area", "move", "福利村第一网格", "--to", "福利村第一网格"), "inside_itself"),
        (("area", "retire", "福利村"), "area_id: has_children"),
        (("area", "restore", "福利村"), "area_id: not_retired"),
        (("area", "move", "福利村", "--to", "藏书镇"), "no area '藏书镇'"),
    ]:  # fmt: skip
        assert words in refused(capsys, db, *argv)
    assert "may not" in refused(
        capsys, db, "area", "add", "私设网格", "--level", "grid", "--parent", "福利村", user="op"
    )
    assert areas_in(db) == before


def test_teams_merge_and_retire_from_a_script(db, capsys):
    build(capsys, db)
    add = ("member", "add", "福利村第二网格")
    ok(capsys, db, *add, "--name", "王芳", "--role", "worker", "--phone", "139 1234 5678",
       "--since", "2024-01-01")  # fmt: skip
    ok(capsys, db, *add, "--name", "李强", "--role", "leader", "--party-member")
    ok(capsys, db, *add, "--name", "赵警官", "--role", "police")
    assert "worker_taken" in refused(capsys, db, *add, "--name", "陈明", "--role", "worker")
    team = ok(capsys, db, "member", "list", "福利村第二网格", user="op").splitlines()
    assert team[0] == "福利村第二网格：3 人在岗"
    assert [row.split("\t")[:2] for row in team[2:]] == [
        ["网格长", "李强"],
        ["专职网格员", "王芳"],
        ["民警", "赵警官"],
    ]
    assert "13912345678" in team[3]
    ok(capsys, db, "member", "move", "福利村第二网格", "王芳", "--to", "冲山村第一网格",
       "--on", "2025-07-01")  # fmt: skip
    history = ok(capsys, db, "member", "list", "福利村第二网格", "--history").splitlines()
    assert any(row.startswith("专职网格员\t王芳") and row.endswith("2024-01-01\t2025-06-30")
               for row in history)  # fmt: skip
    assert "2025-07-01\t在岗" in ok(capsys, db, "member", "list", "冲山村第一网格")
    ok(capsys, db, "member", "end", "福利村第二网格", "赵警官", "--until", "2025-12-31")

    # An open ticket in the grid: retiring is refused, merging moves it.
    engine = make_engine(db)
    with make_session_factory(engine)() as session:
        admin = users.actor_for(users.login_users(session)[0])
        grid_id = session.scalar(select(Area.id).where(Area.name == "福利村第二网格"))
        register(session, admin, grid_id)
    engine.dispose()
    assert "open_tickets" in refused(capsys, db, "area", "retire", "福利村第二网格")
    out = ok(capsys, db, "area", "merge", "福利村第二网格", "--into", "福利村第一网格")
    assert "移交未办结工单 1 件、在岗成员 1 人" in out
    assert areas_in(db)["福利村第二网格"][1] is True
    assert "福利村第二网格" not in ok(capsys, db, "area", "list")
    assert "福利村第二网格（已撤销，并入福利村第一网格）" in ok(capsys, db, "area", "list", "--all")
    assert "网格长\t李强" in ok(capsys, db, "member", "list", "福利村第一网格")
    # Retire and restore a grid without open work.
    ok(capsys, db, "area", "retire", "冲山村第一网格")
    ok(capsys, db, "area", "restore", "冲山村第一网格")
    assert areas_in(db)["冲山村第一网格"][1] is False
