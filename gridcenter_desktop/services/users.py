"""Who may sign in to the desk: the login list, password checks with a lock after repeated
failures, and the first administrator of a new, empty database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.core.passwords import hash_password, verify_password
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError

# Five wrong passwords in a row lock the login for a quarter of an hour: enough to stop a
# guesser at the desk, short enough not to strand an operator on shift.
MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 6


@dataclass(frozen=True, slots=True)
class LoginUser:
    """An account as the login list shows it (no password hash)."""

    id: int
    login: str
    display_name: str
    role: UserRole


def login_users(session: Session) -> list[LoginUser]:
    """Active accounts, operators first, then by display name."""
    rows = session.execute(
        select(User.id, User.login, User.display_name, User.role).where(User.active.is_(True))
    )
    order = {UserRole.OPERATOR: 0, UserRole.SUPERVISOR: 1, UserRole.ADMIN: 2, UserRole.VIEWER: 3}
    users = [LoginUser(r.id, r.login, r.display_name, UserRole(r.role)) for r in rows]
    users.sort(key=lambda u: (order.get(u.role, 9), u.display_name, u.id))
    return users


def actor_for(user: LoginUser | User) -> Actor:
    """The Actor services are called with for this account."""
    return Actor(
        user_id=user.id,
        role=UserRole(user.role),
        display_name=user.display_name,
        login=user.login,
    )


def authenticate(session: Session, login: str, password: str, now: datetime) -> Actor:
    """Check ``password`` for ``login``; returns the Actor. Refuses with ValidationError:
    ("login", "unknown") for no such active account, ("login", "locked") while locked after
    too many failures, ("password", "wrong_password") otherwise. Commits the failure count."""
    user = session.scalars(
        select(User).where(User.login == login.strip(), User.active.is_(True))
    ).one_or_none()
    if user is None:
        raise ValidationError("login", "unknown")
    if user.locked_until is not None and user.locked_until > now:
        raise ValidationError("login", "locked")
    if not verify_password(password, user.password_hash):
        user.failed_attempts = (user.failed_attempts or 0) + 1
        if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            user.failed_attempts = 0
        session.commit()
        raise ValidationError("password", "wrong_password")
    if user.failed_attempts or user.locked_until is not None:
        user.failed_attempts = 0
        user.locked_until = None
        session.commit()
    return actor_for(user)


def has_users(session: Session) -> bool:
    """Whether any account exists (a new database has none)."""
    return bool(session.scalar(select(func.count()).select_from(User)))


def create_first_admin(session: Session, login: str, display_name: str, password: str) -> Actor:
    """The administrator of a new, empty database; refused once any account exists, so it can
    never be used to add a second administrator behind the others' backs."""
    login = login.strip()
    display_name = display_name.strip()
    if has_users(session):
        raise ValidationError("login", "duplicate")
    if not login:
        raise ValidationError("login", "required")
    if len(login) > 64:
        raise ValidationError("login", "too_long")
    if not display_name:
        raise ValidationError("display_name", "required")
    if len(display_name) > 64:
        raise ValidationError("display_name", "too_long")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password", "too_short")
    user = User(
        login=login,
        display_name=display_name,
        role=UserRole.ADMIN,
        password_hash=hash_password(password),
        failed_attempts=0,
        active=True,
    )
    session.add(user)
    session.commit()
    return actor_for(user)
