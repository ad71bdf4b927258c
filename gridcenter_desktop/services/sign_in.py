"""Signing in: the one door every entry point (window, command line, screenshot) goes through.

``sign_in(url, login, password)`` returns a :class:`SignedIn`: the actor, and an engine that
acts with that user's rights.

* SQLite (one laptop): the desk checks the scrypt hash in app_user; failures are counted with
  one atomic UPDATE, and five in a row lock the login for 15 minutes.
* PostgreSQL (the shared server): the server checks the password of the user's own login role
  (SCRAM), and the engine is connected as that role, so the database's grants limit it to the
  user's application role (see db/roles.py and docs/deployment.md).

Every attempt, success or failure, is written to the audit trail with the workstation name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.core.passwords import LOCK_MINUTES, MAX_FAILED_ATTEMPTS, verify_password
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import local_now


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A signed-in user: who they are, and the engine that acts with their rights. The caller
    disposes of the engine when the user signs out."""

    engine: Engine
    actor: Actor
    must_change_password: bool = False


def sign_in(
    url: str | None,
    login: str,
    password: str,
    *,
    workstation: str | None = None,
    now: datetime | None = None,
) -> SignedIn:
    """Sign ``login`` in to the database at ``url``. Refuses with ValidationError:
    ("login", "unknown") for no such active account, ("login", "locked") while locked,
    ("password", "wrong_password") otherwise; ``error.detail`` of a locked login says until
    when. Connection problems raise SQLAlchemy's OperationalError; a SQLite path with no file
    raises DatabaseUrlError (nothing is created)."""
    engine = make_engine(url, must_exist=True)
    try:
        if engine.dialect.name == "postgresql":
            from gridcenter_desktop.services.pg_sign_in import sign_in_postgresql

            return sign_in_postgresql(engine, login, password, workstation=workstation, now=now)
        actor, must_change = _sign_in_sqlite(engine, login, password, workstation, now)
        return SignedIn(engine, actor, must_change)
    except BaseException:
        engine.dispose()
        raise


def _sign_in_sqlite(
    engine: Engine, login: str, password: str, workstation: str | None, now: datetime | None
) -> tuple[Actor, bool]:
    now = now or local_now()
    login = login.strip()
    with Session(engine) as session:
        user = session.scalars(
            select(User).where(User.login == login, User.active.is_(True))
        ).one_or_none()
        if user is None:
            _failed(session, login, workstation, now, "unknown")
            session.commit()
            raise ValidationError("login", "unknown")
        user_id = user.id
        session.rollback()
        _reserve_attempt(session, user_id, login, workstation, now)
        # The password is checked only after the attempt was counted: twenty desks guessing at
        # once get five checks between them, not twenty.
        user = session.get(User, user_id)
        if not verify_password(password, user.password_hash):
            _record_failure(session, user_id, login, workstation, now)
            raise ValidationError("password", "wrong_password")
        actor = Actor(user.id, UserRole(user.role), user.display_name, user.login)
        must_change = bool(user.must_change_password)
        session.execute(
            update(User).where(User.id == user_id).values(failed_attempts=0, locked_until=None)
        )
        audit.record(session, actor, AuditAction.SIGN_IN, workstation=workstation, now=now)
        session.commit()
        return actor, must_change


def _failed(
    session: Session, login: str, workstation: str | None, now: datetime, reason: str
) -> None:
    """Audit a refused sign-in (no actor: the login as typed, and why)."""
    audit.record(
        session,
        None,
        AuditAction.SIGN_IN_FAILED,
        login=login,
        workstation=workstation,
        now=now,
        detail={"reason": reason},
    )


def _reserve_attempt(
    session: Session, user_id: int, login: str, workstation: str | None, now: datetime
) -> None:
    """Count this attempt as a failure before the password is checked (one atomic UPDATE;
    SQLite's write lock serialises desks). Refuses ("login", "locked") when the login is locked
    or its five attempts are taken; a success resets the count."""
    taken = session.execute(
        update(User)
        .where(
            User.id == user_id,
            User.failed_attempts < MAX_FAILED_ATTEMPTS,
            (User.locked_until.is_(None)) | (User.locked_until <= now),
        )
        .values(failed_attempts=User.failed_attempts + 1, locked_until=None)
        .returning(User.failed_attempts)
    ).scalar_one_or_none()
    if taken is not None:
        session.commit()
        return
    until = session.scalar(select(User.locked_until).where(User.id == user_id))
    if until is None or until <= now:
        # Five attempts were taken by desks still checking: lock from now.
        until = now + timedelta(minutes=LOCK_MINUTES)
        session.execute(
            update(User).where(User.id == user_id).values(failed_attempts=0, locked_until=until)
        )
    _failed(session, login, workstation, now, "locked")
    session.commit()
    raise ValidationError("login", "locked", until.isoformat(sep=" "))


def _record_failure(
    session: Session, user_id: int, login: str, workstation: str | None, now: datetime
) -> None:
    """A wrong password: audited; the fifth reserved failure in a row locks the login."""
    failures = session.scalar(select(User.failed_attempts).where(User.id == user_id))
    _failed(session, login, workstation, now, "wrong_password")
    if failures is not None and failures >= MAX_FAILED_ATTEMPTS:
        session.execute(
            update(User)
            .where(User.id == user_id)
            .values(failed_attempts=0, locked_until=now + timedelta(minutes=LOCK_MINUTES))
        )
        audit.record(
            session,
            None,
            AuditAction.SIGN_IN_LOCKED,
            login=login,
            workstation=workstation,
            now=now,
        )
    session.commit()


def sign_out(
    engine: Engine,
    actor: Actor,
    *,
    workstation: str | None = None,
    now: datetime | None = None,
) -> None:
    """Audit that ``actor`` signed out (the window closed). The caller disposes the engine."""
    with Session(engine) as session:
        audit.record(session, actor, AuditAction.SIGN_OUT, workstation=workstation, now=now)
        session.commit()
