"""Signing in on PostgreSQL: the server checks the password of the user's own login role.

1. Through the gate (``<prefix>_gate``, a role whose password is public and which may only call
   two functions), ``gc_sign_in_begin`` reserves one of the login's five attempts under a row
   lock *before* the password is tried, or refuses while the login is locked. Twenty desks
   guessing at once get five tries between them, not twenty.
2. The client connects as the login role with the password (SCRAM: the password never crosses
   the wire). A refusal is reported through the gate (``gc_sign_in_failed``: audited, the fifth
   failure locks the role so that even the right password fails, with the same message).
3. Connected, ``gc_sign_in_done`` (callable by the user's group) resets the count and writes the
   sign-in to the audit trail.

The returned engine is connected as the login role; its password lives only in that engine's
memory, never in settings. What a client that skips the gate can still do, and how the server
is hardened against it, is in docs/deployment.md.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import roles
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.audit import workstation_name
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    ServiceError,
    ValidationError,
)
from gridcenter_desktop.services.sign_in import SignedIn

_REFUSAL = "gridcenter-refusal "
# libpq reports a refused connection without an SQLSTATE, only as text (translated when the
# server's lc_messages is Chinese). The gate was just reached, so a fatal refusal of the login
# role is taken as a refused password unless it says the server is full or going away.
_FATAL = ("FATAL", "致命错误")
_NOT_AUTH = ("too many", "remaining connection slots", "database system is", "shutting down")


def is_refused_password(exc: OperationalError) -> bool:
    """Whether a failed connection was the server refusing the password (or the role)."""
    message = str(exc.orig)
    return any(f in message for f in _FATAL) and not any(n in message for n in _NOT_AUTH)


class GateMissingError(ServiceError):
    """The database has no sign-in gate: its schema predates revision 0008 (or the server
    refuses the gate's connection in pg_hba.conf)."""

    code = "no_gate"

    def __init__(self, gate: str, detail: str) -> None:
        super().__init__(
            f"the server refuses the sign-in role {gate!r} ({detail}); the database's schema"
            " may predate database roles: its owner runs 'gridcenter migrate'"
        )


def engine_as(url: URL, role: str, password: str) -> Engine:
    """An engine for ``url`` connected as ``role`` (options as db.engine.make_engine's)."""
    return create_engine(
        url.set(username=role, password=password),
        pool_pre_ping=True,
        connect_args={"application_name": "gridcenter", "connect_timeout": 5},
    )


def gate_engine(url: URL) -> Engine:
    prefix = roles.prefix_for(url.database or "")
    return engine_as(url, roles.gate_role(prefix), roles.GATE_PASSWORD)


def refusal_of(exc: DBAPIError, role: str = "") -> ValidationError | PermissionDeniedError | None:
    """The service error a gridcenter function raised (``gc_refuse``), or None; ``role`` is
    the caller's, for a PermissionDeniedError."""
    diag = getattr(exc.orig, "diag", None)
    message = getattr(diag, "message_primary", None) or ""
    if not message.startswith(_REFUSAL):
        return None
    field, _space, rule = message[len(_REFUSAL) :].partition(" ")
    if field == "forbidden":
        return PermissionDeniedError(rule, role)
    return ValidationError(field, rule)


def sign_in_postgresql(
    engine: Engine,
    login: str,
    password: str,
    *,
    workstation: str | None = None,
    now: datetime | None = None,
) -> SignedIn:
    """Sign ``login`` in to the database ``engine`` points at (its user and password are not
    used). Refusals as services.sign_in.sign_in. The lock's clock is the server's, so ``now``
    is not used here."""
    del now
    login = login.strip()
    workstation = workstation if workstation is not None else workstation_name()
    url = engine.url
    gate = gate_engine(url)
    try:
        try:
            with gate.begin() as conn:
                outcome, db_role, locked_until = conn.execute(
                    text("SELECT * FROM gc_sign_in_begin(:login, :ws)"),
                    {"login": login, "ws": workstation},
                ).one()
        except OperationalError as exc:
            if not is_refused_password(exc):
                raise
            raise GateMissingError(gate.url.username, str(exc.orig).splitlines()[-1]) from None
        if outcome == "unknown":
            raise ValidationError("login", "unknown")
        if outcome == "locked":
            raise ValidationError("login", "locked", str(locked_until))
        user_engine = engine_as(url, db_role, password)
        try:
            with user_engine.begin() as conn:
                row = conn.execute(
                    text("SELECT * FROM gc_sign_in_done(:ws)"), {"ws": workstation}
                ).one()
        except OperationalError as exc:
            user_engine.dispose()
            if not is_refused_password(exc):
                raise
            with gate.begin() as conn:
                until = conn.scalar(
                    text("SELECT gc_sign_in_failed(:login, :ws)"),
                    {"login": login, "ws": workstation},
                )
            raise ValidationError(
                "password", "wrong_password", str(until) if until else None
            ) from None
        except DBAPIError as exc:
            user_engine.dispose()
            refusal = refusal_of(exc)
            if refusal is None:
                raise
            raise refusal from None
    finally:
        gate.dispose()
    actor = Actor(row.user_id, UserRole(row.role), row.display_name, row.login)
    return SignedIn(user_engine, actor, bool(row.must_change_password))
