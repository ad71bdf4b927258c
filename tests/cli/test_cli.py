"""The ``gridcenter`` command end to end, as a user runs it (``python -m gridcenter_desktop``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import types

import pytest

from gridcenter_desktop import cli
from gridcenter_desktop.core.passwords import password_problem
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine

DEMO_ACCOUNTS = {"admin", "operator1", "operator2", "supervisor", "viewer"}


def run(*args: str, home, **environ: str | None) -> subprocess.CompletedProcess:
    """``gridcenter ARGS`` in a new process; ``environ`` sets (or, with None, unsets)
    environment variables."""
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    for name, value in environ.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "-m", "gridcenter_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def run_here(capsys, *args: str) -> subprocess.CompletedProcess:
    """The same command in this process (cheaper than a new interpreter for error cases)."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), code, out, err)


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gridcenter: error: ")
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.stderr


def test_init_db_demo_and_stats_give_the_reports_figures(tmp_path):
    db = str(tmp_path / "desk.sqlite3")
    created = run("init-db", "--db", db, home=tmp_path)
    assert created.returncode == 0, created.stderr
    assert f"schema created (revision {migrate.head_revision()})" in created.stdout
    again = run("init-db", "--db", db, home=tmp_path)
    assert again.returncode == 0 and "already initialised" in again.stdout

    # Without GRIDCENTER_DEMO_PASSWORD each account gets its own random password, printed once.
    # Built as of the report's date (quick: recent years and the period, nothing since).
    demo = run("demo", "--db", db, "--now", "2022-10-25T18:00", home=tmp_path,
               GRIDCENTER_DEMO_PASSWORD=None)  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    assert "演示数据已生成" in demo.stdout and "demo1234" not in demo.stdout
    assert re.search(r"生成工单 ([\d,]+)/\1 \(100%\)", demo.stderr)
    printed = dict(
        (line.split()[0], line.split()[-1])
        for line in demo.stdout.splitlines()
        if line.startswith("  ") and line.split()[0] in DEMO_ACCOUNTS
    )
    assert set(printed) == DEMO_ACCOUNTS
    assert len(set(printed.values())) == len(DEMO_ACCOUNTS)
    assert all(password_problem(p, login) is None for login, p in printed.items())
    # The printed password signs in; another account's does not.
    listed = run("calendar", "--db", db, "list", "--user", "supervisor", home=tmp_path,
                 GRIDCENTER_PASSWORD=printed["supervisor"])  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    wrong = run("calendar", "--db", db, "list", "--user", "supervisor", home=tmp_path,
                GRIDCENTER_PASSWORD=printed["admin"])  # fmt: skip
    assert_one_line_error(wrong, "wrong password")

    stats = run("stats", "--db", db, "--from", "2022-01-01", "--to", "2022-10-25", "--json",
                home=tmp_path)  # fmt: skip
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    assert (figures["tickets_closed"], figures["closure_rate"], figures["grids"]) == (
        13765,
        97.72,
        48,
    )
    # Disputes, letters and visits, suggestions: "近年来", 2020-01-01 .. 2022-10-25.
    stats = run("stats", "--db", db, "--from", "2020-01-01", "--to", "2022-10-25", "--json",
                home=tmp_path)  # fmt: skip
    figures = json.loads(stats.stdout)
    assert (
        figures["disputes_resolved"],
        figures["dispute_resolution_rate"],
        figures["petition_batches"],
        figures["petition_people"],
        figures["suggestions_resolved"],
        figures["suggestions_total"],
    ) == (2596, 99.12, 200, 283, 26, 31)

    table = run("stats", "--db", db, "--from", "2022-01-01", "--to", "2022-10-25", home=tmp_path)
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert any(line.startswith("结案率") and line.endswith("97.72 %") for line in lines)
    assert any(line.startswith("办结工单") and line.endswith("13,765") for line in lines)

    # A second demo over the data is refused until --replace says so.
    refused = run("demo", "--db", db, home=tmp_path)
    assert_one_line_error(refused, "--replace")


def test_migrate_says_from_which_revision_to_which(tmp_path, capsys):
    db = str(tmp_path / "old.sqlite3")
    first = run_here(capsys, "migrate", "--db", db)
    assert first.returncode == 0, first.stderr
    assert f"migrated from (empty) to {migrate.head_revision()}" in first.stdout
    second = run_here(capsys, "migrate", "--db", f"sqlite:///{db}")
    assert "already at the newest revision" in second.stdout


def test_without_db_the_local_file_in_the_users_data_folder_is_used(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = run_here(capsys, "init-db")
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "data").rglob("gridcenter.sqlite3"))


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("oracle://scott@db/orcl", ("unsupported database",)),
        ("postgresql://postgres@127.0.0.1:99999999/x", ("cannot use the database",)),
    ],
)
def test_a_bad_url_gives_one_line(capsys, url, words):
    assert_one_line_error(run_here(capsys, "migrate", "--db", url), *words)


def test_an_unreachable_server_gives_one_line_and_a_failing_exit(tmp_path):
    # Through a real process: what the user sees on the terminal, exit code included.
    # Port 1 on this machine: nothing listens there.
    result = run("migrate", "--db", "postgresql://postgres@127.0.0.1:1/gridcenter", home=tmp_path)
    assert_one_line_error(result, "cannot use the database", "refused")


def test_stats_needs_a_database_with_schema(tmp_path, capsys):
    missing = run_here(capsys, "stats", "--db", str(tmp_path / "nope.sqlite3"),
                       "--from", "2022-01-01", "--to", "2022-01-31")  # fmt: skip
    assert_one_line_error(missing, "no database file")
    assert not (tmp_path / "nope.sqlite3").exists()
    engine = make_engine(str(tmp_path / "bare.sqlite3"))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE note (id INTEGER)")
    engine.dispose()
    bare = run_here(capsys, "stats", "--db", str(tmp_path / "bare.sqlite3"),
                    "--from", "2022-01-01", "--to", "2022-01-31")  # fmt: skip
    assert_one_line_error(bare, "no GridCenter schema", "init-db")


def test_a_database_of_a_newer_schema_is_refused_in_one_line(tmp_path, capsys):
    db = tmp_path / "future.sqlite3"
    engine = make_engine(str(db))
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    engine.dispose()
    for command in (["migrate"], ["stats", "--from", "2022-01-01", "--to", "2022-01-31"]):
        result = run_here(capsys, *command, "--db", str(db))
        assert_one_line_error(result, "newer")


@pytest.mark.pg
def test_postgresql_urls_work_as_people_type_them(tmp_path, capsys):
    from tests.conftest import create_pg_database, drop_pg_database

    url = create_pg_database().replace("postgresql+psycopg://", "postgresql://")
    try:
        created = run_here(capsys, "init-db", "--db", url)
        assert created.returncode == 0, created.stderr
        stats = run_here(capsys, "stats", "--db", url, "--from", "2022-01-01", "--to",
                         "2022-01-31", "--json")  # fmt: skip
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["tickets_total"] == 0
    finally:
        drop_pg_database(url)


def test_the_window_gets_the_top_level_options(monkeypatch, tmp_path):
    seen = {}
    fake = types.ModuleType("gridcenter_desktop.ui.app")
    fake.run_window = lambda **kwargs: seen.update(kwargs) or 0
    monkeypatch.setitem(sys.modules, "gridcenter_desktop.ui.app", fake)
    db = tmp_path / "w.sqlite3"
    code = cli.main(["--db", str(db), "--demo", "--screenshot", "w.png", "--size", "1600x1000",
                     "--lang", "en", "--user", "operator1"])  # fmt: skip
    assert code == 0
    # The window gets the demo builder from here: the desk never imports the demo generator.
    assert callable(seen.pop("build_demo"))
    assert seen == {
        "db_url": f"sqlite:///{db}",
        "demo": True,
        "screenshot": "w.png",
        "size": "1600x1000",
        "lang": "en",
        "user": "operator1",
        "dock": None,
    }


def test_without_the_window_module_a_clear_line_and_exit_2(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "gridcenter_desktop.ui.app", None)
    assert cli.main([]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("gridcenter: error: the window cannot start")


def test_a_bad_window_size_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["--size", "big"])
    assert exited.value.code == 2
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
