"""Hard crashes: a segmentation fault or an abort in a native library (Qt, a database driver)
kills the process before any Python handler runs. faulthandler then writes the threads'
stacks into a file of the log folder, kept open for the whole process; the next start finds
the dump there, turns it into a crash report and empties the file.

The file is opened for appending so that two windows of the same user (two databases) never
overwrite each other's dump; it is emptied only after its dump became a report.
"""

from __future__ import annotations

import faulthandler
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from gridcenter_desktop.core.clock import as_china, china_now
from gridcenter_desktop.services.crash_report import CrashFacts, make_report

DUMP_FILE_NAME = "fatal-errors.txt"
WHAT = "The program stopped (fatal error)"

# "Fatal Python error: Segmentation fault" (POSIX and Windows), "Windows fatal exception:
# access violation" (Windows' own exceptions). On Windows faulthandler also logs every C++
# exception thrown (code 0xe06d7363) before anything catches it: Qt and the drivers catch
# their own, so that code alone is no crash.
_FATAL = re.compile(
    r"Fatal Python error|Windows fatal exception: (?!code 0xe06d7363)", re.IGNORECASE
)

_dump_file: IO[str] | None = None
_dump_file_path: Path | None = None


def dump_path(folder: Path) -> Path:
    return folder / DUMP_FILE_NAME


def has_fatal_dump(text: str) -> bool:
    return bool(_FATAL.search(text))


def collect_previous(folder: Path, facts: CrashFacts, log_path: Path | None = None) -> Path | None:
    """A report made from the dump the previous run left behind, or None when it left none.
    The dump file is emptied either way (the same crash is reported once). ``facts`` describe
    this start; the report says the crash happened in an earlier run."""
    path = dump_path(folder)
    try:
        dump = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if not dump.strip():
        return None
    try:  # the dump's last write is when the process died (before emptying touches it)
        crashed_at = as_china(datetime.fromtimestamp(path.stat().st_mtime, tz=UTC))
    except OSError:
        crashed_at = china_now()
    _empty(path)
    if not has_fatal_dump(dump):
        return None
    traceback_text = (
        "(faulthandler's dump of an earlier run, written when it stopped; the versions above"
        f" are those of the start that found it)\n\n{dump}"
    )
    return make_report(folder, WHAT, traceback_text, facts, log_path, when=crashed_at)


def _empty(path: Path) -> None:
    try:
        with open(path, "r+", encoding="utf-8") as handle:
            handle.truncate(0)
    except OSError:
        pass


def enable(folder: Path) -> Path | None:
    """Let faulthandler write fatal errors into the folder's dump file for the rest of the
    process; returns the file's path (None when it cannot be opened: no dump then)."""
    global _dump_file, _dump_file_path
    path = dump_path(folder)
    if _dump_file is not None and not _dump_file.closed and _dump_file_path == path:
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
        handle = os.fdopen(fd, "a", encoding="utf-8")
    except OSError:
        return None
    faulthandler.enable(handle, all_threads=True)
    previous, _dump_file, _dump_file_path = _dump_file, handle, path
    if previous is not None:
        previous.close()
    return path


def disable() -> None:
    """Stop writing dumps (tests; the process normally keeps it to the end)."""
    global _dump_file, _dump_file_path
    faulthandler.disable()
    if _dump_file is not None:
        _dump_file.close()
    _dump_file = _dump_file_path = None
