"""Files only their owner may read: the settings and the log hold server addresses, logins and
what went wrong, so on a shared computer no other local account may read them (POSIX modes;
on Windows the user's profile folder already keeps them private)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def _posix() -> bool:
    return os.name == "posix"


def private_folder(path: Path) -> Path:
    """Create ``path`` (and its parents) readable by the owner only; an existing folder of ours
    that others could read is tightened."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if _posix():
        _tighten(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists with mode 0600 (created empty when missing), in a private
    folder. Call before anything writes it: a file created readable by all could be read
    between its creation and a later chmod."""
    private_folder(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    if _posix():
        _tighten(path, FILE_MODE)
    return path


def open_private(path: str, mode: str = "a", encoding: str | None = "utf-8"):
    """``open()`` that creates the file with mode 0600 (for log handlers)."""

    def opener(name: str, flags: int) -> int:
        return os.open(name, flags, FILE_MODE)

    handle = open(path, mode, encoding=encoding, opener=opener)  # noqa: SIM115 - handed back
    if _posix():
        _tighten(Path(path), FILE_MODE)
    return handle


def _tighten(path: Path, mode: int) -> None:
    current = stat.S_IMODE(path.stat().st_mode)
    if current & ~mode:
        try:
            path.chmod(mode)
        except PermissionError:  # not ours (a shared folder given on purpose): leave it
            pass
