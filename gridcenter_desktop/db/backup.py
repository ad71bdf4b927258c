"""Copies of a database: a backup while desks keep working, a restore into an empty database,
and the copy of a SQLite file taken before a migration on open.

SQLite goes through the online backup API (``sqlite3.Connection.backup``): one step copies
every page under one read snapshot, so the copy is the database as it was at one moment, and
in WAL mode the desks' writes go on meanwhile. PostgreSQL goes through ``pg_dump -Fc`` and
``pg_restore`` when they are on PATH. Every copy is written to a temporary file next to its
destination and renamed into place: a failed copy leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

PG_DUMP = "pg_dump"
PG_RESTORE = "pg_restore"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is one line for the user."""


@dataclass(frozen=True)
class Copied:
    path: Path
    size: int
    tickets: int | None  # None: the copy holds no ticket table


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.partial")


@contextlib.contextmanager
def _written_then_renamed(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path``, renamed onto it when the block succeeds and removed
    (with any SQLite side files) when it fails."""
    tmp = _partial(path)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def _open_existing(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing SQLite file (never creates one)."""
    if not path.is_file():
        raise BackupError(f"no database file at {path}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise BackupError(f"cannot read the database file {path}: {exc}") from None
    return conn


def _tickets(conn: sqlite3.Connection) -> int | None:
    has = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ticket'"
    ).fetchone()
    return conn.execute("SELECT count(*) FROM ticket").fetchone()[0] if has else None


def _copy(source: sqlite3.Connection, target: Path) -> int | None:
    """The whole of ``source`` into a new file ``target`` in one backup step (one snapshot);
    returns the tickets the copy holds."""
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)  # pages=-1: every page in one step, under one read snapshot
        dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return _tickets(dest)
    finally:
        dest.close()


def backup_sqlite(source: Path, out: Path) -> Copied:
    """Copy the SQLite database ``source`` to ``out`` while others may keep writing to it."""
    if out.resolve() == source.resolve():
        raise BackupError(f"--out names the database itself: {out}")
    conn = _open_existing(source)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _written_then_renamed(out) as tmp:
            tickets = _copy(conn, tmp)
    finally:
        conn.close()
    return Copied(out, out.stat().st_size, tickets)


def sqlite_contents(path: Path) -> list[str]:
    """What an existing SQLite file holds, as words for a refusal (empty: nothing)."""
    if not path.exists() or path.stat().st_size == 0:
        return []
    conn = _open_existing(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if not tables:
            return []
        held = [f"{len(tables)} tables"]
        tickets = _tickets(conn)
        if tickets is not None:
            held.append(f"{tickets} tickets")
        return held
    finally:
        conn.close()


@contextlib.contextmanager
def restoring_sqlite(backup: Path, target: Path) -> Iterator[Copied]:
    """Copy the backup file into a temporary file next to ``target`` and yield it; the block
    checks the copy (schema, sign-in) and, when it ends without an error, the copy is renamed
    onto ``target``. ``target`` must be missing or empty (BackupError naming what it holds)."""
    held = sqlite_contents(target)
    if held:
        raise BackupError(
            f"{target} is not empty (it holds {', '.join(held)});"
            " restore only into an empty database"
        )
    source = _open_existing(backup)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _written_then_renamed(target) as tmp:
            tickets = _copy(source, tmp)
            source.close()
            yield Copied(tmp, tmp.stat().st_size, tickets)
    finally:
        source.close()


def copy_before_migration(path: Path, revision: str) -> Path:
    """Copy the SQLite file ``path`` next to itself before it is migrated from ``revision``:
    ``NAME.before-REVISION.sqlite3``. An earlier copy of the same revision is kept."""
    copy = path.with_name(f"{path.stem}.before-{revision}.sqlite3")
    if copy.exists():
        return copy
    conn = _open_existing(path)
    try:
        with _written_then_renamed(copy) as tmp:
            _copy(conn, tmp)
    finally:
        conn.close()
    return copy


# --- PostgreSQL ---------------------------------------------------------------------------


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump / pg_restore, and the environment carrying the password
    (never on the command line, where the process list shows it)."""
    args = ["--dbname", str(url.database or "")]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not on PATH: install the PostgreSQL client tools ({name}) to back up"
            " or restore a PostgreSQL database"
        )
    return found


def require_pg_tool(name: str) -> None:
    _tool(name)


def _run(argv: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise BackupError(f"{what} failed: {lines[0] if lines else f'exit {done.returncode}'}")


def backup_postgresql(url: URL, out: Path) -> int:
    """``pg_dump -Fc`` of the database at ``url`` into ``out``; returns the file's size."""
    exe = _tool(PG_DUMP)
    args, env = _libpq(url)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _written_then_renamed(out) as tmp:
        _run([exe, "--format=custom", "--file", str(tmp), *args], env, PG_DUMP)
    return out.stat().st_size


def dumped_database(backup: Path) -> str:
    """The name of the database a ``pg_dump -Fc`` file was taken from (``pg_restore --list``)."""
    exe = _tool(PG_RESTORE)
    if not backup.is_file():
        raise BackupError(f"no backup file at {backup}")
    done = subprocess.run([exe, "--list", str(backup)], capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith(";") and "dbname:" in line:
            return line.split("dbname:", 1)[1].strip()
    raise BackupError(f"{backup} is not a backup written by 'gridcenter backup' (pg_dump -Fc)")


def require_same_database(url: URL, backup: Path) -> None:
    """The dump was taken from a database of ``url``'s name (BackupError otherwise)."""
    source = dumped_database(backup)
    if source != url.database:
        raise BackupError(
            f"{backup} is a backup of the database {source!r}; its grants name that database's"
            f" roles, so restore it into an empty database named {source!r}"
        )


def restore_postgresql(url: URL, backup: Path) -> None:
    """``pg_restore`` of a ``pg_dump -Fc`` file into the (empty) database at ``url``, in one
    transaction: a failed restore leaves the database empty.

    Roles are named after the database (db/roles.py) and the dump's grants name them, so the
    dump goes back into a database of the same name on a server that has its roles (the same
    server, or one given them with ``pg_dumpall --roles-only``); BackupError otherwise."""
    exe = _tool(PG_RESTORE)
    require_same_database(url, backup)
    args, env = _libpq(url)
    _run([exe, "--single-transaction", "--exit-on-error", *args, str(backup)], env, PG_RESTORE)
