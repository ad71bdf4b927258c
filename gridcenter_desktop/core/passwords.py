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


# Five wrong passwords in a row lock the login for a quarter of an hour: enough to stop a
# guesser at the desk, short enough not to strand an operator on shift. One rule for the desk's
# own sign-in (services/sign_in.py) and the server's (db/pg_security.py).
MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15

# Password rules for accounts (issue: at least 10 characters, not the login, not a common
# password). The list holds passwords long enough to pass the length rule that leaked-password
# lists rank highest, in China and elsewhere; with the length rule they stop the first guesses.
MIN_LENGTH = 10
_COMMON = frozenset(
    """
    1234567890 0123456789 0987654321 9876543210 1111111111 0000000000 1234512345 1234554321
    1q2w3e4r5t 1qaz2wsx3edc qwertyuiop qwertyuiop1 asdfghjkl; asdfghjkl1 zxcvbnm123 qazwsxedc1
    password12 password123 password1234 passw0rd12 p@ssw0rd12 p@ssword123 admin12345 admin123456
    administrator root123456 welcome123 iloveyou12 abc1234567 abcd123456 a123456789 aa12345678
    qwer123456 qwe1234567 1234qwer12 woaini1314 woaini520 5201314520 1314520520 wodemima123
    zhang123456 wang123456 li12345678 chen123456 liu1234567 12345678910 123456789a 123456789q
    11223344556 1122334455 147258369 1472583690 123123123123 1231231231 6666666666 8888888888
    9999999999 5555555555 7777777777 2222222222 3333333333 4444444444 a1234567890 1234567890a
    letmein123 sunshine12 football12 baseball12 dragon1234 monkey1234 master1234 shadow1234
    superman12 trustno1234 whatever12 qwerty1234 qwerty12345 1234567890qwe gridcenter gridcenter1
    gridcenter123 demo123456 demo12345678 changeme12 changeme123 operator12 supervisor
    """.split()
)


def password_problem(password: str, login: str = "") -> str | None:
    """The rule a new password breaks, or None: "too_short" under MIN_LENGTH characters,
    "same_as_login" when it is the login (in any case, or reversed, or the login plus digits),
    "common" for a well-known password or one character or one run of digits repeated."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    lowered = password.lower()
    name = login.strip().lower()
    if name and (
        lowered == name
        or lowered == name[::-1]
        or (lowered.startswith(name) and lowered[len(name) :].isdigit())
    ):
        return "same_as_login"
    if lowered in _COMMON or len(set(lowered)) <= 2:
        return "common"
    if lowered.isdigit() and _is_run(lowered):
        return "common"
    return None


def _is_run(digits: str) -> bool:
    """1234567890, 9876543210, 2345678901: consecutive digits up or down."""
    steps = {(int(b) - int(a)) % 10 for a, b in zip(digits, digits[1:], strict=False)}
    return steps in ({1}, {9})
