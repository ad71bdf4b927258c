"""Start-up decisions without Qt: which database, and in what state.

Kept free of widgets so the rules (what "no database yet" means, where the demo lives) are
testable on their own; ui/app.py turns them into dialogs. Who acts in a demo is
services.demo_desk's; building the demo is the command line's to hand in (demo/file.py).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import (
    data_dir,
    default_database_url,
    make_engine,
    normalize_url,
    sqlite_path,
)


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


def db_label(url: str) -> str:
    """How the status bar names the database: the file path, or user@server/database."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    parsed = make_url(normalize_url(url))
    user = f"{parsed.username}@" if parsed.username else ""
    port = f":{parsed.port}" if parsed.port else ""
    return f"{user}{parsed.host or 'localhost'}{port}/{parsed.database or ''}"
