"""Writing a report file all-or-nothing.

A report is written to a temporary file in the target's own folder (so the final rename stays
on one file system and is atomic), then renamed over the target. On any error or a cancel the
temporary file is removed and an existing target is left exactly as it was. Faults a user can
fix are turned into ReportFileError with a reason code the window and the command line word
for the user.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ServiceError

# Reasons a report file could not be written.
DIRECTORY_MISSING = "directory_missing"
NOT_WRITABLE = "not_writable"
LOCKED = "locked"  # held open by Excel/WPS/LibreOffice
DISK_FULL = "disk_full"
IS_DIRECTORY = "is_directory"
IO_ERROR = "io_error"

_MESSAGES = {
    DIRECTORY_MISSING: "the folder does not exist",
    NOT_WRITABLE: "no permission to write there",
    LOCKED: "the file is open in another program (close it in Excel/WPS and try again)",
    DISK_FULL: "the disk is full",
    IS_DIRECTORY: "the path is a folder, not a file",
    IO_ERROR: "the file could not be written",
}


class ReportFileError(ServiceError):
    """The report file could not be written; ``reason`` is one of this module's codes."""

    code = "report_file"

    def __init__(self, reason: str, path: Path | str, detail: str = "") -> None:
        text = f"cannot write {path}: {_MESSAGES.get(reason, reason)}"
        super().__init__(text + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.path = Path(path)
        self.detail = detail


class ExportCancelled(ServiceError):
    """The user cancelled the export; nothing was written."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("export cancelled")


CancelCheck = Callable[[], bool]
Progress = Callable[[int, int, str], None]


def check_cancel(cancelled: CancelCheck | None) -> None:
    """Raise ExportCancelled when the user asked to stop."""
    if cancelled is not None and cancelled():
        raise ExportCancelled


def lock_files(target: Path) -> list[Path]:
    """Lock files office programs keep beside a document they have open: Excel/WPS
    ``~$name.xlsx`` and LibreOffice ``.~lock.name.xlsx#``."""
    return [
        target.with_name("~$" + target.name),
        target.with_name(".~lock." + target.name + "#"),
    ]


def _classify(exc: OSError, target: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DISK_FULL
    if exc.errno == errno.ENOENT:
        # A folder that exists but refuses new files (e.g. a virtual file system) also says
        # ENOENT; only a really missing folder is "missing".
        return NOT_WRITABLE if target.parent.is_dir() else DIRECTORY_MISSING
    if exc.errno == errno.EISDIR:
        return IS_DIRECTORY
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if exc.errno == errno.EROFS or not os.access(target.parent, os.W_OK):
            return NOT_WRITABLE
        # Windows refuses to replace a file Excel holds open with a sharing violation, which
        # Python reports as PermissionError although the folder is writable.
        return LOCKED if target.exists() else NOT_WRITABLE
    if exc.errno == errno.EBUSY or getattr(exc, "winerror", None) in (32, 33):
        return LOCKED
    return IO_ERROR


def check_target(target: Path) -> None:
    """Refuse, before any work, a target that cannot be written."""
    if target.is_dir():
        raise ReportFileError(IS_DIRECTORY, target)
    if not target.parent.is_dir():
        raise ReportFileError(DIRECTORY_MISSING, target)
    if not os.access(target.parent, os.W_OK):
        raise ReportFileError(NOT_WRITABLE, target)
    if target.exists() and not os.access(target, os.W_OK):
        raise ReportFileError(NOT_WRITABLE, target)
    if any(p.exists() for p in lock_files(target)):
        raise ReportFileError(LOCKED, target)


@contextlib.contextmanager
def atomic_output(target: Path | str, cancelled: CancelCheck | None = None) -> Iterator[Path]:
    """Yield a temporary path to write the report to; on success it replaces ``target``.

    Any exception inside the block (including ExportCancelled) removes the temporary file and
    leaves ``target`` untouched; OSErrors become ReportFileError with a reason. ``cancelled``
    is asked once more right before the rename, so a cancel during the final save still wins.
    """
    target = Path(target).expanduser().absolute()
    check_target(target)
    # Not tempfile.mkstemp: its files are private (0600), and a report shared on the town's
    # network drive must get the folder's usual permissions.
    tmp = target.with_name(f".~gridcenter-{uuid.uuid4().hex[:12]}.tmp{target.suffix}")
    try:
        with open(tmp, "xb"):
            pass
    except OSError as exc:
        raise ReportFileError(_classify(exc, target), target, exc.strerror or "") from exc
    try:
        yield tmp
        check_cancel(cancelled)
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise ReportFileError(_classify(exc, target), target, exc.strerror or "") from exc
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def record_export(
    session: Session,
    actor: Actor | None,
    path: str | Path,
    *,
    report: str,
    ticket_id: int | None,
    detail: dict[str, Any],
) -> None:
    """Record the export of the file at ``path`` in the audit trail and commit. Should the
    record not commit, the file just written is removed: no export leaves unrecorded."""
    try:
        audit.record(
            session,
            actor,
            AuditAction.EXPORT,
            ticket_id=ticket_id,
            target=report,
            detail={"report": report, **detail},
        )
        session.commit()
    except BaseException:
        session.rollback()
        with contextlib.suppress(OSError):
            Path(path).unlink()
        raise
