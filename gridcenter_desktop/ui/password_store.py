""" "Remember password": kept only in the operating system's keyring (Windows Credential
Manager, macOS Keychain, the Secret Service on Linux desktops), never in a file of ours.

When no real keyring is there (a server without a desktop session, CI) the option is offered
disabled with the reason; a keyring backend that writes a plain or weakly encrypted file
(keyrings.alt) counts as none, so a password never lands in a file by a side door.
"""

from __future__ import annotations

import logging
from enum import StrEnum

SERVICE = "GridCenter"


class KeyringProblem(StrEnum):
    NO_BACKEND = "no_backend"  # nothing to keep secrets in on this computer
    FILE_BACKEND = "file_backend"  # only a file-based keyring: refused


def _backends(backend) -> list:
    # The chainer backend stands for the list it tries in turn.
    inner = getattr(backend, "backends", None)
    return list(inner) if inner is not None else [backend]


def _is_file_backend(backend) -> bool:
    module = type(backend).__module__
    return module.startswith("keyrings.alt") or "file" in type(backend).__name__.lower()


def keyring_problem(backend=None) -> KeyringProblem | None:
    """Why a password cannot be remembered here, or None when the OS keyring is usable."""
    try:
        import keyring
        from keyring.backends import fail

        backend = backend if backend is not None else keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring install is "no keyring"
        return KeyringProblem.NO_BACKEND
    usable = [
        b
        for b in _backends(backend)
        if not isinstance(b, fail.Keyring) and getattr(b, "priority", 0) > 0
    ]
    if not usable:
        return KeyringProblem.NO_BACKEND
    if all(_is_file_backend(b) for b in usable):
        return KeyringProblem.FILE_BACKEND
    return None


def _account(server: str, login: str) -> str:
    return f"{login}@{server}"


def remembered_password(server: str, login: str) -> str | None:
    """The password kept for ``login`` on ``server`` (a db_label), or None."""
    if keyring_problem() is not None or not login:
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, _account(server, login))
    except Exception as exc:  # noqa: BLE001 - a locked or broken keyring: just ask
        logging.getLogger("gridcenter").warning("keyring read failed: %r", exc)
        return None


def remember_password(server: str, login: str, password: str) -> bool:
    """Keep ``password`` in the keyring; False (and nothing kept) when there is none."""
    if keyring_problem() is not None:
        return False
    import keyring

    try:
        keyring.set_password(SERVICE, _account(server, login), password)
    except Exception as exc:  # noqa: BLE001
        logging.getLogger("gridcenter").warning("keyring write failed: %r", exc)
        return False
    return True


def forget_password(server: str, login: str) -> None:
    """Remove a kept password (remember turned off, or the password changed)."""
    if keyring_problem() is not None:
        return
    import keyring

    try:
        keyring.delete_password(SERVICE, _account(server, login))
    except Exception:  # noqa: BLE001 - nothing kept: nothing to forget
        pass
