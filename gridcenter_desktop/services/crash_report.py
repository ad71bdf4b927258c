"""Crash reports: one text file per unexpected error, in the log folder, that an operator can
send to the administrator as it is.

A report holds when and where it happened (version, system, Python and Qt, the kind of
database), the traceback and the end of the log. It never holds a password: every URL and
connection keyword in it is scrubbed, the traceback and the log included. Hard crashes (a
segmentation fault in a native library) leave no Python traceback; faulthandler writes the
threads' stacks into a file kept open for the whole process, and the next start turns what it
finds there into a report (fatal_dump).

Qt-free: the UI (ui/errors.py) passes in the Qt version and shows the outcome.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.services.about import (
    UNKNOWN,
    app_version,
    package_version,
    platform_text,
    python_version,
    scrub_passwords,
)

LOG_TAIL_LINES = 200
REPORT_PREFIX = "crash-"
_FILE_MODE = 0o600  # the log folder's files are the owner's only (ui/private_files.py)


@dataclass(frozen=True)
class CrashFacts:
    """Where the error happened; the database as a kind and an address without password."""

    version: str
    platform: str
    python: str
    qt: str
    pyside: str
    database: str = UNKNOWN


def crash_facts(qt_version: str = "", database: str = "") -> CrashFacts:
    return CrashFacts(
        version=app_version(),
        platform=platform_text(),
        python=python_version(),
        qt=qt_version or UNKNOWN,
        pyside=package_version("PySide6-Essentials"),
        database=database or UNKNOWN,
    )


def database_kind(url: str) -> str:
    """ "SQLite" or "PostgreSQL" and the server without any password, from ``url``."""
    if not url:
        return UNKNOWN
    try:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - an unparsable text still gets scrubbed below
        return scrub_passwords(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return f"SQLite {parsed.database or ':memory:'}"
    if backend == "postgresql":
        port = f":{parsed.port}" if parsed.port else ""
        return f"PostgreSQL {parsed.host or 'localhost'}{port}/{parsed.database or ''}"
    return backend


def log_tail(path: Path | None, lines: int = LOG_TAIL_LINES) -> list[str]:
    """The last ``lines`` lines of the log file (empty when there is none)."""
    if path is None:
        return []
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            # About 200 bytes a line is plenty; a traceback's lines are shorter.
            handle.seek(max(0, size - lines * 400))
            data = handle.read()
    except OSError:
        return []
    return data.decode("utf-8", errors="replace").splitlines()[-lines:]


def report_text(
    when: datetime,
    what: str,
    facts: CrashFacts,
    traceback_text: str,
    log_lines: list[str] | None = None,
) -> str:
    """The report's text. ``what`` says in one line what happened ("Unexpected error",
    "The program stopped (fatal error)", "Start-up failed")."""
    parts = [
        f"GridCenter Desktop crash report — {what}",
        "",
        f"Time:      {when.isoformat(sep=' ', timespec='seconds')}",
        f"Version:   {facts.version}",
        f"System:    {facts.platform}",
        f"Python:    {facts.python}",
        f"Qt:        {facts.qt} (PySide6 {facts.pyside})",
        f"Database:  {facts.database}",
        "",
        "Traceback",
        "---------",
        traceback_text.rstrip() or UNKNOWN,
        "",
        f"The log's last lines ({len(log_lines or [])})",
        "-------------------------",
        *(log_lines or []),
        "",
    ]
    return scrub_passwords("\n".join(parts))


def write_report(folder: Path, text: str, when: datetime) -> Path:
    """Write ``text`` to ``folder``/crash-YYYYMMDD-HHMMSS.txt (a suffix when two errors come
    within one second), readable by its owner only; returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{REPORT_PREFIX}{when:%Y%m%d-%H%M%S}"
    for n in range(1000):
        path = folder / (f"{stem}.txt" if n == 0 else f"{stem}-{n}.txt")
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, _FILE_MODE)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return path
    raise FileExistsError(folder / f"{stem}.txt")


def make_report(
    folder: Path,
    what: str,
    traceback_text: str,
    facts: CrashFacts,
    log_path: Path | None,
    when: datetime | None = None,
) -> Path:
    """Build and write one report; returns its path."""
    when = when or china_now()
    text = report_text(when, what, facts, traceback_text, log_tail(log_path))
    return write_report(folder, text, when)
