"""Start-up decisions without Qt: which database, in what state, and building the demo.

Kept free of widgets so the rules (what "no database yet" means, where the demo lives, who the
demo user is) are testable on their own; ui/app.py turns them into dialogs.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

from sqlalchemy import inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import (
    data_dir,
    default_database_url,
    make_engine,
    normalize_url,
)
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor


class DbState(StrEnum):
    MISSING = "missing"  # the SQLite file does not exist
    EMPTY = "empty"  # reachable, but no GridCenter schema
    OUTDATED = "outdated"  # an older schema: migrate before use
    READY = "ready"
    TOO_NEW = "too_new"  # made by a newer GridCenter: refuse


def display_problem(platform: str = sys.platform, environ=os.environ) -> str | None:
    """The one line to print when Qt could not open a window here, else None. Only Linux and
    the BSDs need a display server; an explicit QT_QPA_PLATFORM (e.g. offscreen) is trusted."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "gridcenter: no display found (DISPLAY and WAYLAND_DISPLAY are unset): run it in a"
        " desktop session, or `xvfb-run gridcenter`, or for a screenshot"
        " `QT_QPA_PLATFORM=offscreen gridcenter --screenshot window.png`"
    )


def parse_size(text: str | None) -> tuple[int, int] | None:
    """ "1600x1000" → (1600, 1000); None for None; ValueError for anything else."""
    if text is None:
        return None
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise ValueError(f"size must look like 1600x1000, not {text!r}")
    w, h = int(width), int(height)
    if not (320 <= w <= 10_000 and 240 <= h <= 10_000):
        raise ValueError(f"size out of range: {text!r}")
    return w, h


def default_or_last_url(settings) -> str:
    """The database opened last (``settings.last_db_url``), else the local default file."""
    return settings.last_db_url or default_database_url()


def demo_database_url() -> str:
    """The demo's own file, apart from the operator's real database."""
    return f"sqlite:///{data_dir() / 'demo.sqlite3'}"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL (None for other databases or in-memory)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def database_state(url: str) -> DbState:
    """What is at ``url``. Connection problems raise (sqlalchemy.exc.OperationalError,
    db.engine.DatabaseUrlError) for the caller to explain."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return DbState.MISSING
    engine = make_engine(url)
    try:
        return engine_state(engine)
    finally:
        engine.dispose()


def engine_state(engine) -> DbState:
    """database_state over an engine (a signed-in user's)."""
    try:
        migrate.check_not_newer(engine)
    except migrate.SchemaTooNewError:
        return DbState.TOO_NEW
    revision = migrate.current_revision(engine)
    if revision is None:
        return DbState.EMPTY
    if revision != migrate.head_revision():
        return DbState.OUTDATED
    return DbState.READY


def needs_sign_in_to_look(exc: BaseException) -> bool:
    """The server answered but wants a password before it shows anything: the address is
    right, and the user's own sign-in (their login role) will open it."""
    from sqlalchemy.exc import OperationalError

    if not isinstance(exc, OperationalError):
        return False
    text = str(exc.orig or exc).lower()
    return "password" in text or "authentication" in text


def has_tickets(url: str) -> bool:
    """Whether the (migrated) database at ``url`` holds any ticket."""
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table("ticket"):
            return False
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT 1 FROM ticket LIMIT 1").first() is not None
    finally:
        engine.dispose()


def empty_desk(session: Session) -> tuple[bool, bool]:
    """(no ticket yet, no grid yet): what a new town's desk still lacks."""
    no_ticket = session.execute(text("SELECT 1 FROM ticket LIMIT 1")).first() is None
    no_grid = (
        session.execute(text("SELECT 1 FROM area WHERE level = 'grid' LIMIT 1")).first() is None
    )
    return no_ticket, no_grid


def demo_actor(session: Session) -> Actor:
    """The demo's operator (the first active operator account): --demo and --screenshot act
    as this person. LookupError when the database has no operator."""
    user = session.scalars(
        select(User)
        .where(User.role == UserRole.OPERATOR, User.active.is_(True))
        .order_by(User.id)
        .limit(1)
    ).first()
    if user is None:
        raise LookupError("no operator account in this database")
    return Actor(
        user_id=user.id,
        role=UserRole.OPERATOR,
        display_name=user.display_name,
        login=user.login,
    )


def db_label(url: str) -> str:
    """How the status bar names the database: the file path, or user@server/database."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    parsed = make_url(normalize_url(url))
    user = f"{parsed.username}@" if parsed.username else ""
    port = f":{parsed.port}" if parsed.port else ""
    return f"{user}{parsed.host or 'localhost'}{port}/{parsed.database or ''}"


def build_demo_file(url: str, progress=None, cancel=None):
    """Build the demo at ``url``; returns its demo.build.DemoSummary (with the accounts'
    passwords). For an SQLite file it is built beside it and moved into place only when
    complete, so a cancelled or failed build never leaves a half-made demo."""
    from gridcenter_desktop.demo.build import build_demo

    path = sqlite_path(url)
    if path is None:
        return build_demo(url, progress=progress, cancel=cancel, replace=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    for leftover in _sqlite_files(partial):
        leftover.unlink(missing_ok=True)
    try:
        summary = build_demo(f"sqlite:///{partial}", progress=progress, cancel=cancel)
        engine = make_engine(f"sqlite:///{partial}")
        with engine.connect() as conn:  # fold the WAL in: one self-contained file to move
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        for old in _sqlite_files(path):
            old.unlink(missing_ok=True)
        os.replace(partial, path)
        return summary
    finally:
        for leftover in _sqlite_files(partial):
            leftover.unlink(missing_ok=True)


def _sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
