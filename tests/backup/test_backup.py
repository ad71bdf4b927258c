"""``gridcenter backup`` and ``gridcenter restore`` (issue 13, item 2), and the copy of a
SQLite file taken before a migration on open.

The concurrency check: another process registers ticket i on day i (tests/backup/writer.py),
one ticket per transaction, while backups are taken. A backup is one moment of the database
when the restored copy holds exactly the source's first n tickets for some n between the
count just before the backup began and just after it ended, and the statistics over the
restored copy equal the statistics over the source's days 0..n-1 (the figures as they were at
that moment, since later tickets fall on later days)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.statistics import period_statistics
from tests.admin.town_desk import PASSWORD, T0, Desk, build_desk
from tests.cli.admin_console import assert_one_line_error, run_here
from tests.conftest import _admin_execute, create_pg_database, drop_pg_database, require_pg

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2030, 1, 1, 12, 0)


def _count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM ticket")).scalar_one()
    finally:
        engine.dispose()


def _wait_for(url: str, n: int) -> int:
    deadline = time.monotonic() + 120
    while (count := _count(url)) < n:
        assert time.monotonic() < deadline, f"the writer registered only {count} tickets"
        time.sleep(0.05)
    return count


@contextlib.contextmanager
def _writer(url: str, desk: Desk, tmp_path: Path):
    stop = tmp_path / "stop-writing"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.backup.writer", url, str(desk.operator.user_id),
         str(desk.grid_id), str(stop)],
        cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        yield proc
    finally:
        stop.touch()
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err


def _snapshot_of(source: str, restored: str) -> int:
    """n when ``restored`` holds exactly the first n tickets of ``source`` with the figures
    the source had over them; fails otherwise."""
    src, dst = make_engine(source), make_engine(restored)
    try:
        with Session(src) as s_src, Session(dst) as s_dst:
            ids = s_dst.scalars(select(Ticket.id).order_by(Ticket.id)).all()
            n = len(ids)
            assert n > 0
            first = s_src.scalars(select(Ticket.id).order_by(Ticket.id).limit(n)).all()
            assert ids == first
            last_day = (T0 + timedelta(days=n - 1)).date()
            # The source's figures over days 0..n-1 are its figures at the backup's moment.
            figures = period_statistics(s_dst, date(2000, 1, 1), last_day, NOW)
            assert figures.tickets_total == n
            assert figures == period_statistics(s_src, date(2000, 1, 1), last_day, NOW)
            everything = period_statistics(s_dst, date(2000, 1, 1), date(2099, 12, 31), NOW)
            assert everything.tickets_total == n
            for table in ("ticket_event",):
                q = text(f"SELECT count(*) FROM {table} WHERE ticket_id <= :last")
                assert (
                    s_dst.execute(q, {"last": ids[-1]}).scalar_one()
                    == s_src.execute(q, {"last": ids[-1]}).scalar_one()
                )
        return n
    finally:
        src.dispose()
        dst.dispose()


def _sqlite_desk(path: Path) -> Desk:
    engine = make_engine(str(path))
    migrate.upgrade(engine)
    with Session(engine) as session:
        desk = build_desk(session)
    engine.dispose()
    return desk


@pytest.fixture
def sqlite_desk(tmp_path) -> tuple[Path, Desk]:
    path = tmp_path / "desk.sqlite3"
    return path, _sqlite_desk(path)


# --- SQLite ---------------------------------------------------------------------------------


def test_a_backup_taken_while_another_process_writes_restores_to_one_moment(
    sqlite_desk, tmp_path, capsys, monkeypatch
):
    path, desk = sqlite_desk
    url = f"sqlite:///{path}"
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    taken = []
    with _writer(url, desk, tmp_path):
        _wait_for(url, 30)
        for k in range(4):
            out = tmp_path / f"backup-{k}.sqlite3"
            before = _count(url)
            result = run_here(capsys, "backup", "--db", str(path), "--out", str(out))
            after = _count(url)
            assert result.returncode == 0, result.stderr
            assert f"wrote {out}" in result.stdout and "tickets" in result.stdout
            taken.append((out, before, after, result.stdout))
            time.sleep(0.1)
        # The desk was never stopped: it keeps registering after the backups.
        _wait_for(url, after + 10)
    # The writer committed while backups were being taken (else the test proves nothing).
    assert any(before < after for _out, before, after, _said in taken), taken
    assert not list(tmp_path.glob("*.partial*"))
    for k, (out, before, after, said) in enumerate(taken):
        target = tmp_path / f"restored-{k}.sqlite3"
        result = run_here(capsys, "restore", "--db", str(target), "--from", str(out),
                          "--user", "admin")  # fmt: skip
        assert result.returncode == 0, result.stderr
        engine = make_engine(str(target))
        assert migrate.is_up_to_date(engine)
        engine.dispose()
        n = _snapshot_of(url, f"sqlite:///{target}")
        assert before <= n <= after
        assert f"{n} tickets" in said and f"{n} tickets" in result.stdout


def test_restore_refuses_a_database_that_holds_anything(sqlite_desk, tmp_path, capsys, monkeypatch):
    path, _desk = sqlite_desk
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    out = tmp_path / "b.sqlite3"
    assert run_here(capsys, "backup", "--db", str(path), "--out", str(out)).returncode == 0
    other = tmp_path / "other.sqlite3"
    _sqlite_desk(other)
    before = other.read_bytes()
    result = run_here(capsys, "restore", "--db", str(other), "--from", str(out), "--user", "admin")
    assert_one_line_error(result, str(other), "not empty", "tables", "0 tickets")
    assert other.read_bytes() == before
    # Another application's file too.
    foreign = tmp_path / "foreign.sqlite3"
    with contextlib.closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
    result = run_here(
        capsys, "restore", "--db", str(foreign), "--from", str(out), "--user", "admin"
    )
    assert_one_line_error(result, "not empty", "1 tables")


def test_restore_needs_an_administrator_of_the_backup_and_then_writes_nothing(
    sqlite_desk, tmp_path, capsys, monkeypatch
):
    path, _desk = sqlite_desk
    out = tmp_path / "b.sqlite3"
    assert run_here(capsys, "backup", "--db", str(path), "--out", str(out)).returncode == 0
    target = tmp_path / "new" / "restored.sqlite3"
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    result = run_here(capsys, "restore", "--db", str(target), "--from", str(out), "--user", "op")
    assert_one_line_error(result, "op", "administrators only")
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "wrong-wrong")
    result = run_here(capsys, "restore", "--db", str(target), "--from", str(out), "--user", "admin")
    assert_one_line_error(result, "wrong password")
    result = run_here(capsys, "restore", "--db", str(target), "--from", str(out))
    assert_one_line_error(result, "--user LOGIN")
    assert not target.exists() and not list(target.parent.iterdir())


def test_a_backup_of_a_missing_or_unreadable_file_names_it(tmp_path, capsys):
    missing = tmp_path / "typo" / "desk.sqlite3"
    out = tmp_path / "b.sqlite3"
    result = run_here(capsys, "backup", "--db", str(missing), "--out", str(out))
    assert_one_line_error(result, "no database file", str(missing))
    assert not missing.parent.exists() and not out.exists()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    result = run_here(capsys, "backup", "--db", str(garbage), "--out", str(out))
    assert_one_line_error(result, "cannot read", str(garbage))
    assert not out.exists() and not list(tmp_path.glob("*.partial*"))
    if os.geteuid() != 0:  # root reads any file
        locked = tmp_path / "locked.sqlite3"
        _sqlite_desk(locked)
        locked.chmod(0)
        result = run_here(capsys, "backup", "--db", str(locked), "--out", str(out))
        assert_one_line_error(result, "cannot read", str(locked))
        assert not out.exists()


def test_a_restore_of_a_newer_schema_is_refused(sqlite_desk, tmp_path, capsys, monkeypatch):
    path, _desk = sqlite_desk
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    out = tmp_path / "b.sqlite3"
    assert run_here(capsys, "backup", "--db", str(path), "--out", str(out)).returncode == 0
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    target = tmp_path / "restored.sqlite3"
    result = run_here(capsys, "restore", "--db", str(target), "--from", str(out), "--user", "admin")
    assert_one_line_error(result, "9999", "newer")
    assert not target.exists() and not list(tmp_path.glob("*.partial*"))


def test_an_older_file_is_copied_next_to_itself_before_it_is_migrated(tmp_path, capsys):
    path = tmp_path / "desk.sqlite3"
    engine = make_engine(str(path))
    migrate.upgrade(engine, "0013")
    engine.dispose()
    result = run_here(capsys, "migrate", "--db", str(path))
    assert result.returncode == 0, result.stderr
    copy = tmp_path / "desk.before-0013.sqlite3"
    assert copy.is_file() and f"copied to {copy}" in result.stdout
    old = make_engine(str(copy))
    assert migrate.current_revision(old) == "0013"
    old.dispose()
    new = make_engine(str(path))
    assert migrate.is_up_to_date(new)
    new.dispose()
    # The window's path (ui/app.py) calls the same upgrade: a current file is not copied again.
    assert migrate.upgrade(make_engine(str(path))) is None


# --- PostgreSQL -----------------------------------------------------------------------------


def test_postgresql_backup_while_another_process_writes_and_restore(tmp_path, capsys, monkeypatch):
    require_pg()
    url, other = create_pg_database(), create_pg_database()
    name = url.rsplit("/", 1)[1]
    kept = f"{url}_kept"
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
        with Session(engine) as session:
            desk = build_desk(session)
        engine.dispose()
        monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
        out = tmp_path / "desk.dump"
        with _writer(url, desk, tmp_path):
            _wait_for(url, 30)
            before = _count(url)
            result = run_here(capsys, "backup", "--db", url, "--out", str(out), "--user", "admin")
            after = _count(url)
            assert result.returncode == 0, result.stderr
            _wait_for(url, after + 10)
        assert f"wrote {out}" in result.stdout and out.stat().st_size > 0
        assert not list(tmp_path.glob("*.partial*"))
        # The grants name the roles of the database's name: another name is refused.
        result = run_here(capsys, "restore", "--db", other, "--from", str(out),
                          "--user", "admin")  # fmt: skip
        assert_one_line_error(result, name, "restore it into an empty database named")
        assert _tables(other) == []
        # The server loses the database; its roles (and so the accounts' passwords) remain.
        _admin_execute(f'CREATE DATABASE "{name}_kept" TEMPLATE "{name}"')
        _admin_execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        _admin_execute(f'CREATE DATABASE "{name}"')
        result = run_here(capsys, "restore", "--db", url, "--from", str(out),
                          "--user", "admin")  # fmt: skip
        assert result.returncode == 0, result.stderr
        n = _snapshot_of(kept, url)
        assert before <= n <= after
        assert f"({n} tickets" in result.stdout
        engine = make_engine(url)
        assert migrate.is_up_to_date(engine)
        engine.dispose()
        # The desks sign in again with their own passwords.
        signed = run_here(capsys, "town", "show", "--db", url, "--user", "op")
        assert signed.returncode == 0, signed.stderr
        # Now it holds something: a second restore is refused.
        result = run_here(capsys, "restore", "--db", url, "--from", str(out),
                          "--user", "admin")  # fmt: skip
        assert_one_line_error(result, name, "not empty", f"{n} tickets")
    finally:
        _admin_execute(f'DROP DATABASE IF EXISTS "{name}_kept" WITH (FORCE)')
        drop_pg_database(url)
        drop_pg_database(other)


def _tables(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_postgresql_backup_without_pg_dump_names_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "x.dump"
    result = run_here(capsys, "backup", "--db", "postgresql+psycopg://u@127.0.0.1/none",
                      "--out", str(out), "--user", "admin")  # fmt: skip
    assert_one_line_error(result, "pg_dump")
    assert not out.exists()


def test_the_window_copies_an_older_file_before_migrating_it_and_logs_it(tmp_path, caplog):
    from gridcenter_desktop.ui.app import _prepare_existing
    from gridcenter_desktop.ui.startup import DbState

    path = tmp_path / "gridcenter.sqlite3"
    engine = make_engine(str(path))
    migrate.upgrade(engine, "0013")
    engine.dispose()
    with caplog.at_level("WARNING", logger="gridcenter"):
        _prepare_existing(f"sqlite:///{path}", DbState.OUTDATED)
    copy = tmp_path / "gridcenter.before-0013.sqlite3"
    assert copy.is_file()
    assert any(str(copy) in r.getMessage() for r in caplog.records)
    old = make_engine(str(copy))
    assert migrate.current_revision(old) == "0013"
    old.dispose()
