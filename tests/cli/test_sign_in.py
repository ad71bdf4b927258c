"""Every command that reads personal data or writes signs in: the CLI's commands are enumerated
from its parser, and each one is run without a sign-in, with a wrong password, for a locked or
unknown login and without a password source: it refuses in one line and writes nothing. With
the right password it runs, with the signed-in user's role."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import inspect, text, update
from sqlalchemy.orm import Session

from gridcenter_desktop import cli, cli_sign_in
from gridcenter_desktop.core.enums import (
    AreaLevel,
    DepartmentKind,
    HolidayKind,
    MemberRole,
    UserRole,
)
from gridcenter_desktop.core.passwords import hash_password
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.calendar import CalendarDay
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.user import User
from tests.reports.conftest import insert_report_data

PASSWORD = "Tiger-Lake-4821"
LOCKED_UNTIL = datetime(2100, 1, 1, 9, 30)


# --- the commands --------------------------------------------------------------------------


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple]:
    """Every command the parser accepts, as a path of words: sub-commands and their nested
    sub-commands, and a leading positional with fixed choices (``report ledger``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found = []
            for name, sub in action.choices.items():
                found += commands(sub, (*path, name))
            return found
    for action in parser._actions:
        if not action.option_strings and action.choices and action.dest != "help":
            return [(*path, str(choice)) for choice in action.choices]
    return [path]


# Commands that need no sign-in, and why. (--version prints the version and exits; the window,
# the top level without a command, signs in in its own dialog: ui/app.py.)
NO_SIGN_IN = {
    ("stats",): "aggregates only (counts, rates, days): nobody is named",
    ("init-db",): "set-up: an empty database, refused when it holds tables not ours",
    ("migrate",): "set-up: schema only, refused when the database holds tables not ours",
    ("demo",): "set-up: refuses any data but a demo's, and tables not ours",
    ("template", "base"): "writes the empty base-data template; opens no database",
    # tests/backup/test_backup.py covers both: on PostgreSQL backup signs an administrator in;
    # restore signs --user in on the restored copy (the empty target has no accounts).
    ("backup",): "SQLite: the file's owner copies it (with --user, an administrator)",
    ("restore",): "into an empty database only, which has no accounts to sign in to",
}


def _argv(db: Path, tmp: Path, code: str) -> dict[tuple, list[str]]:
    """The arguments of each command that signs in (the --user comes on top), given a
    database ``db`` like ``desk``'s, a scratch folder and a ticket code."""
    csv_file, out, db_ = str(tmp / "2027.csv"), str(tmp / "out.xlsx"), ["--db", str(db)]
    period = ["--from", "2022-01-01", "--to", "2022-10-25"]
    return {
        ("report", "ledger"): ["report", "ledger", *db_, "--out", out],
        ("report", "summary"): ["report", "summary", *db_, *period, "--out", out],
        ("report", "notice"): ["report", "notice", *db_, "--ticket", code, "--out", out],
        ("report", "reply"): ["report", "reply", *db_, *period, "--out", out],
        ("export", "open311"): ["export", "open311", *db_, "--out", str(tmp / "requests.json")],
        ("calendar", "list"): ["calendar", *db_, "list", "--year", "2027"],
        ("calendar", "import"): ["calendar", *db_, "import", csv_file],
        ("calendar", "set"): ["calendar", *db_, "set", "2027-05-04", "--kind", "holiday"],
        ("calendar", "remove"): ["calendar", *db_, "remove", "2027-10-01"],
        # `gridcenter user ...` (user administration), as the issue names it.
        ("user", "add"): ["user", "add", "newbie", "--role", "viewer", "--name", "新同事", *db_],
        ("user", "disable"): ["user", "disable", "sup", *db_],
        ("user", "enable"): ["user", "enable", "sup", *db_],
        ("user", "password"): ["user", "password", *db_],
        ("user", "reset-password"): ["user", "reset-password", "sup", *db_],
        ("user", "list"): ["user", "list", *db_],
        ("audit", "list"): ["audit", "list", *db_],
        ("audit", "archive"): ["audit", "archive", "--before", "2020-01-01", "--out", out, *db_],
        ("import", "base"): ["import", "base", str(tmp / "base.xlsx"), *db_],
        ("import", "tickets"): ["import", "tickets", str(tmp / "12345.xlsx"), "--dry-run", *db_],
        ("import", "visits"): ["import", "visits", str(tmp / "visits.csv"), "--dry-run", *db_],
        ("import", "grids"): ["import", "grids", str(tmp / "grids.geojson"), *db_],
        ("export", "grids"): ["export", "grids", *db_, "--out", str(tmp / "out.geojson")],
        # `gridcenter area ...` / `gridcenter member ...` (issue 9's administration).
        ("area", "list"): ["area", "list", *db_],
        ("area", "add"): ["area", "add", "迂里村第三网格", "--level", "grid", "--parent", "迂里村",
                          *db_],
        ("area", "rename"): ["area", "rename", "迂里村第二网格", "迂里村二组网格", *db_],
        ("area", "move"): ["area", "move", "迂里村第二网格", "--to", "梅园社区", *db_],
        ("area", "merge"): ["area", "merge", "迂里村第二网格", "--into", "迂里村第一网格", *db_],
        ("area", "retire"): ["area", "retire", "梅园社区第一网格", *db_],
        ("area", "restore"): ["area", "restore", "迂里村旧网格", *db_],
        ("member", "list"): ["member", "list", "迂里村第一网格", *db_],
        ("member", "add"): ["member", "add", "迂里村第一网格", "--name", "李强", "--role", "leader",
                            *db_],
        ("member", "end"): ["member", "end", "迂里村第一网格", "王芳", *db_],
        ("member", "move"): ["member", "move", "迂里村第一网格", "王芳", "--to", "梅园社区第一网格",
                             *db_],
        # Town administration (issue 9).
        ("department", "list"): ["department", "list", *db_],
        ("department", "add"): ["department", "add", "食安办", "--kind", "office", *db_],
        ("department", "edit"): ["department", "edit", "police", "--contact-name", "王警官", *db_],
        ("department", "retire"): ["department", "retire", "police", *db_],
        ("department", "restore"): ["department", "restore", "retired", *db_],
        ("department", "delete"): ["department", "delete", "unused", *db_],
        ("deadline", "list"): ["deadline", "list", *db_],
        ("deadline", "set", "finish"): ["deadline", "set", "finish", "--category", "noise",
                                         "--priority", "urgent", "--limit", "1d", *db_],
        ("deadline", "set", "accept"): ["deadline", "set", "accept", "--priority", "ordinary",
                                        "--limit", "8h", *db_],
        ("deadline", "set", "whistle_accept"): ["deadline", "set", "whistle_accept",
                                                "--limit", "1h", *db_],
        ("deadline", "reset", "finish"): ["deadline", "reset", "finish", "--category", "noise",
                                          "--priority", "urgent", *db_],
        ("deadline", "reset", "accept"): ["deadline", "reset", "accept", "--priority", "urgent",
                                          *db_],
        ("deadline", "reset", "whistle_accept"): ["deadline", "reset", "whistle_accept", *db_],
        ("town", "show"): ["town", "show", *db_],
        ("town", "set"): ["town", "set", "--name", "某镇", *db_],
    }  # fmt: skip


SIGN_IN = set(_argv(Path("db"), Path("."), "code"))


def test_every_command_is_known_to_sign_in_or_allowed_without():
    found = commands(cli.build_parser())
    assert ("report", "ledger") in found and ("calendar", "import") in found
    unknown = [c for c in found if c not in NO_SIGN_IN and c not in SIGN_IN]
    assert not unknown, (
        f"commands neither tested for their sign-in nor allowed without one: {unknown};"
        " add them to _argv (and so to the refusal tests) or, with a reason, to NO_SIGN_IN"
    )


def _sign_in_commands() -> list[tuple]:
    """The commands this build has that must sign in (the table also names ``user ...``,
    which a build may lack)."""
    return [c for c in commands(cli.build_parser()) if c in SIGN_IN]


def _prepare(tmp: Path) -> None:
    from gridcenter_desktop.demo.platform_sheet import write_xlsx
    from gridcenter_desktop.services.admin.base_workbook import write_template

    (tmp / "2027.csv").write_text("2027-05-03,休,劳动节\n", encoding="utf-8")
    write_template(tmp / "base.xlsx")
    write_xlsx(tmp / "12345.xlsx", 3)
    (tmp / "visits.csv").write_text("记录编号,走访日期,网格员,所属网格,地址\n", encoding="utf-8")
    square = [[120.40, 31.29], [120.41, 31.29], [120.41, 31.30], [120.40, 31.30], [120.40, 31.29]]
    geometry = {"type": "Polygon", "coordinates": [square]}
    (tmp / "grids.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "迂里村第一网格"}, "geometry": geometry}]}),
        encoding="utf-8")  # fmt: skip


# --- a desk's database ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def template_db(tmp_path_factory) -> tuple[Path, str]:
    """A migrated SQLite file: the report tests' tickets, one account per role with PASSWORD,
    a locked operator, and an entered holiday. Returns (path, a ticket code)."""
    path = tmp_path_factory.mktemp("desk") / "desk.sqlite3"
    engine = make_engine(str(path))
    migrate.upgrade(engine)
    with Session(engine) as session:
        data = insert_report_data(session)
        code = data.codes[0]
        # For `area restore` a retired grid, for `member end|move` a serving worker.
        yuli_1 = session.get(Area, data.grid_ids["迂里村第一网格"])
        session.add(Area(name="迂里村旧网格", level=AreaLevel.GRID, parent_id=yuli_1.parent_id,
                         sort_order=9, retired_at=datetime(2022, 1, 1)))  # fmt: skip
        worker = Person(name="王芳", phone="13912345678", party_member=False)
        session.add(worker)
        session.flush()
        session.add(GridMember(area_id=yuli_1.id, person_id=worker.id, role=MemberRole.WORKER,
                               since=date(2022, 1, 1)))  # fmt: skip
        hashed = hash_password(PASSWORD)
        session.execute(update(User).where(User.login == "admin").values(password_hash=hashed))
        for login, role, locked in (
            ("op", UserRole.OPERATOR, None),
            ("sup", UserRole.SUPERVISOR, None),
            ("locked", UserRole.OPERATOR, LOCKED_UNTIL),
        ):
            session.add(User(login=login, display_name=login, role=role, password_hash=hashed,
                             failed_attempts=0, locked_until=locked, active=True))  # fmt: skip
        session.add(CalendarDay(day=date(2027, 10, 1), kind=HolidayKind.HOLIDAY, name="国庆节"))
        # Departments for `department restore` and `department delete` to act on.
        session.add(Department(code="retired", name="旧部门", kind=DepartmentKind.OFFICE,
                               active=False, dispatchable=True))  # fmt: skip
        session.add(Department(code="unused", name="多余部门", kind=DepartmentKind.OFFICE,
                               active=True, dispatchable=True))  # fmt: skip
        session.commit()
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path, code


@pytest.fixture
def desk(template_db, tmp_path) -> tuple[Path, str]:
    path, code = template_db
    copy = tmp_path / "desk.sqlite3"
    shutil.copy(path, copy)
    return copy, code


_SIGN_IN_COUNTERS = ("failed_attempts", "locked_until")


def _without(keys, row) -> dict:
    return {k: v for k, v in row.items() if k not in keys}


def content(db: Path) -> dict[str, list]:
    """Everything the database holds that a command could have written, leaving out what a
    refused sign-in itself records: the audit trail and the accounts' failure counters."""
    engine = make_engine(str(db))
    try:
        with engine.connect() as conn:
            tables = [
                t
                for t in inspect(conn).get_table_names()
                if t != "audit_entry" and not t.startswith(("sqlite_", "ticket_search"))
            ]
            seen = {}
            for table in tables:
                rows = conn.execute(text(f"SELECT * FROM {table}")).mappings().all()
                seen[table] = sorted(repr(_without(_SIGN_IN_COUNTERS, row)) for row in rows)
            return seen
    finally:
        engine.dispose()


def run(monkeypatch, capsys, argv, *, user=None, password=None):
    """``gridcenter ARGV [--user USER]`` in this process, with GRIDCENTER_PASSWORD set to
    ``password`` (unset when None) and no terminal on stdin."""
    if password is None:
        monkeypatch.delenv("GRIDCENTER_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("GRIDCENTER_PASSWORD", password)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main([*argv, *(["--user", user] if user else [])])
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code, out, err, *words):
    lines = err.strip().splitlines()
    assert code != 0
    assert len(lines) == 1, err
    assert lines[0].startswith("gridcenter: error: ")
    for word in words:
        assert word in lines[0]
    assert out == ""


REFUSALS = {
    "no --user": (None, PASSWORD, ("--user LOGIN",)),
    "wrong password": ("admin", "not-the-password", ("admin", "wrong password")),
    "locked login": ("locked", PASSWORD, ("locked", "until 09:30")),
    "unknown login": ("nobody", PASSWORD, ("nobody", "no such active account")),
    "no password source": ("admin", None, ("no password", "GRIDCENTER_PASSWORD")),
}


@pytest.mark.parametrize("case", list(REFUSALS))
@pytest.mark.parametrize("command", _sign_in_commands(), ids=" ".join)
def test_a_command_without_a_valid_sign_in_refuses_in_one_line_and_writes_nothing(
    desk, tmp_path, monkeypatch, capsys, command, case
):
    db, code = desk
    _prepare(tmp_path)
    argv = _argv(db, tmp_path, code)[command]
    user, password, words = REFUSALS[case]
    before = content(db)
    assert_refused(*run(monkeypatch, capsys, argv, user=user, password=password), *words)
    assert content(db) == before
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("command", _sign_in_commands(), ids=" ".join)
def test_with_the_right_password_the_command_runs(desk, tmp_path, monkeypatch, capsys, command):
    # The refusals above are refusals of the sign-in, not of arguments the command rejects.
    db, code = desk
    _prepare(tmp_path)
    argv = _argv(db, tmp_path, code)[command]
    if command in (("user", "add"), ("user", "password"), ("user", "reset-password")):
        monkeypatch.setenv("GRIDCENTER_NEW_PASSWORD", "Harbor-Kite-7730")
    result, out, err = run(monkeypatch, capsys, argv, user="admin", password=PASSWORD)
    assert (result, err) == (0, ""), err
    assert out


@pytest.mark.parametrize("command", _sign_in_commands(), ids=" ".join)
def test_a_mistyped_database_path_leaves_no_file_behind(tmp_path, monkeypatch, capsys, command):
    missing = tmp_path / "typo" / "desk.sqlite3"
    _prepare(tmp_path)
    argv = _argv(missing, tmp_path, "GC20220301-0001")[command]
    assert_refused(*run(monkeypatch, capsys, argv, user="admin", password=PASSWORD),
                   "no database file")  # fmt: skip
    assert not (tmp_path / "typo").exists()


def test_the_user_may_come_before_the_command(desk, tmp_path, monkeypatch, capsys):
    db, _code = desk
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    out = tmp_path / "l.xlsx"
    assert cli.main(["--user", "sup", "--db", str(db), "report", "ledger", "--out", str(out)]) == 0
    assert cli.main(["--user", "sup", "calendar", "--db", str(db), "list"]) == 0
    capsys.readouterr()


# --- acting with the signed-in user's role --------------------------------------------------


def _sheet_text(path: Path) -> str:
    sheet = load_workbook(path).active
    return " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)


def test_the_ledger_masks_reporters_for_an_operator_not_for_a_supervisor(
    desk, tmp_path, monkeypatch, capsys
):
    db, _code = desk
    texts = {}
    for login in ("op", "sup"):
        out = tmp_path / f"{login}.xlsx"
        argv = ["report", "ledger", "--db", str(db), "--out", str(out)]
        result, _out, err = run(monkeypatch, capsys, argv, user=login, password=PASSWORD)
        assert result == 0, err
        texts[login] = _sheet_text(out)
    # The first ticket's reporter: 张三丰, 13812345678 (tests/reports/conftest.py).
    assert "13812345678" in texts["sup"] and "张三丰" in texts["sup"]
    assert "13812345678" not in texts["op"] and "张三丰" not in texts["op"]


def test_report_has_no_role_option(desk, tmp_path, monkeypatch, capsys):
    db, _code = desk
    with pytest.raises(SystemExit):
        run(monkeypatch, capsys, ["report", "ledger", "--db", str(db), "--role", "supervisor",
                                  "--out", str(tmp_path / "l.xlsx")], user="op",
            password=PASSWORD)  # fmt: skip
    assert not (tmp_path / "l.xlsx").exists()


def test_an_operator_may_not_edit_the_calendar(desk, tmp_path, monkeypatch, capsys):
    db, _code = desk
    before = content(db)
    for action in (["set", "2027-05-04", "--kind", "holiday"], ["remove", "2027-10-01"]):
        result = run(monkeypatch, capsys, ["calendar", "--db", str(db), *action], user="op",
                     password=PASSWORD)  # fmt: skip
        assert_refused(*result, "may not")
    assert content(db) == before
    # The administrator may.
    result, out, _err = run(monkeypatch, capsys, ["calendar", "--db", str(db), "remove",
                            "2027-10-01"], user="admin", password=PASSWORD)  # fmt: skip
    assert result == 0 and "已删除 1 个日期" in out


def test_five_wrong_passwords_lock_the_login_for_the_command_line_too(
    desk, tmp_path, monkeypatch, capsys
):
    db, _code = desk
    argv = ["calendar", "--db", str(db), "list"]
    for _ in range(5):
        assert_refused(*run(monkeypatch, capsys, argv, user="sup", password="guess-guess"),
                       "wrong password")  # fmt: skip
    # The right password no longer helps: the login is locked.
    assert_refused(*run(monkeypatch, capsys, argv, user="sup", password=PASSWORD), "locked")


# --- where the password comes from ----------------------------------------------------------


def test_the_password_comes_from_the_environment_first(monkeypatch):
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "from-the-job")
    monkeypatch.setattr("getpass.getpass", lambda prompt: pytest.fail("prompted"))
    assert cli_sign_in.password_for("admin") == "from-the-job"


def test_at_a_terminal_the_password_is_asked_for(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked = []
    monkeypatch.delenv("GRIDCENTER_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "typed")
    assert cli_sign_in.password_for("admin") == "typed"
    assert "admin" in asked[0]


def test_ctrl_d_at_the_prompt_is_one_line_not_a_traceback(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def end_of_input(prompt):
        raise EOFError

    monkeypatch.delenv("GRIDCENTER_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", end_of_input)
    with pytest.raises(cli_sign_in.SignInError, match="no password given for admin"):
        cli_sign_in.password_for("admin")


def test_without_a_terminal_or_the_variable_no_password(monkeypatch):
    monkeypatch.delenv("GRIDCENTER_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(cli_sign_in.SignInError, match="set GRIDCENTER_PASSWORD"):
        cli_sign_in.password_for("admin")


def test_a_signed_in_command_is_in_the_audit_trail(desk, tmp_path, monkeypatch, capsys):
    db, _code = desk
    run(monkeypatch, capsys, ["calendar", "--db", str(db), "list"], user="sup", password=PASSWORD)
    run(monkeypatch, capsys, ["calendar", "--db", str(db), "list"], user="sup", password="nope")
    engine = make_engine(str(db))
    try:
        with engine.connect() as conn:
            actions = conn.execute(text("SELECT action, login FROM audit_entry ORDER BY id")).all()
    finally:
        engine.dispose()
    assert actions[-2:] == [("sign_in", "sup"), ("sign_in_failed", "sup")]


def test_stats_needs_no_sign_in_and_names_nobody(desk, monkeypatch, capsys):
    db, _code = desk
    for extra in ([], ["--json"]):
        result, out, err = run(monkeypatch, capsys, ["stats", "--db", str(db), "--from",
                               "2022-01-01", "--to", "2022-12-31", *extra])  # fmt: skip
        assert (result, err) == (0, "")
        assert "结案率" in out or "closure_rate" in out
        # The data's reporters (tests/reports/conftest.py) appear nowhere.
        for personal in ("张三丰", "13812345678", "李四", "66881234"):
            assert personal not in out
