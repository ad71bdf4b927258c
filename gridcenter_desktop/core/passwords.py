"""Password hashing with scrypt (hashlib, no extra dependency).

A stored hash reads ``scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>``, so the cost parameters can
be raised later without breaking the hashes already in a database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

_SCHEME = "scrypt"
# n=2**14, r=8, p=1: about 16 MiB and a few tens of milliseconds per check on this class of
# machine: slow for a guesser, unnoticeable at a login.
_N = 2**14
_R = 8
_P = 1
_KEY_LENGTH = 32
_SALT_LENGTH = 16


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The storable scrypt hash of ``password`` with a fresh random salt.

    ``salt`` is for reproducible fixtures (the demo data set); real accounts leave it None.
    """
    if not isinstance(password, str) or not password:
        raise ValueError("password must be a non-empty string")
    salt = os.urandom(_SALT_LENGTH) if salt is None else salt
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_KEY_LENGTH)
    return f"{_SCHEME}${_N}${_R}${_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; False for a wrong password or a malformed
    hash (a damaged row must never let anyone in, nor crash the login)."""
    try:
        scheme, n, r, p, salt_b64, key_b64 = stored.split("$")
        if scheme != _SCHEME:
            return False
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(key_b64, validate=True)
        key = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError, AttributeError):
        return False
    return hmac.compare_digest(key, expected)
