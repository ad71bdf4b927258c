"""A stand-in for services/users.py's administration interface (written by another helper in
parallel), for the UI tests only: the same names and signatures as agreed in the brief, over
the app_user table on SQLite. ``use_real_or_stand_in`` puts it in place only where the real
module lacks a function, so once the real one is merged the tests exercise it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.core.passwords import hash_password, password_problem, verify_password
from gridcenter_desktop.core.permissions import may_administer
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError

NAMES = (
    "UserRow",
    "list_users",
    "create_user",
    "disable_user",
    "enable_user",
    "reset_password",
    "change_own_password",
)


@dataclass(frozen=True)
class UserRow:
    id: int
    login: str
    display_name: str
    role: UserRole
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    department_id: int | None
    area_id: int | None
    created_at: datetime | None


def _row(u: User) -> UserRow:
    return UserRow(
        u.id,
        u.login,
        u.display_name,
        UserRole(u.role),
        bool(u.active),
        bool(u.must_change_password),
        u.locked_until,
        u.department_id,
        u.area_id,
        u.created_at,
    )


def _admin(actor, action: str) -> None:
    if not may_administer(actor.role):
        raise PermissionDeniedError(action, str(actor.role))


def _check_password(password: str, login: str) -> None:
    rule = password_problem(password, login)
    if rule:
        raise ValidationError("password", rule)


def list_users(session, actor):
    _admin(actor, "list_users")
    return [_row(u) for u in session.scalars(select(User).order_by(User.login))]


def create_user(
    session, actor, login, display_name, role, password, *, department_id=None, area_id=None
):
    _admin(actor, "create_user")
    if not login.strip():
        raise ValidationError("login", "required")
    if session.scalar(select(User).where(User.login == login)) is not None:
        raise ValidationError("login", "duplicate")
    _check_password(password, login)
    user = User(
        login=login,
        display_name=display_name,
        role=UserRole(role),
        password_hash=hash_password(password),
        failed_attempts=0,
        active=True,
        department_id=department_id,
        area_id=area_id,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, AuditAction.USER_CREATE, target=login)
    session.commit()
    return _row(user)


def _set(session, actor, user_id, action, **values):
    _admin(actor, str(action))
    user = session.get(User, user_id)
    for key, value in values.items():
        setattr(user, key, value)
    audit.record(session, actor, action, target=user.login)
    session.commit()


def disable_user(session, actor, user_id):
    _set(session, actor, user_id, AuditAction.USER_DISABLE, active=False)


def enable_user(session, actor, user_id):
    _set(session, actor, user_id, AuditAction.USER_ENABLE, active=True)


def reset_password(session, actor, user_id, new_password):
    user = session.get(User, user_id)
    _check_password(new_password, user.login)
    _set(
        session,
        actor,
        user_id,
        AuditAction.USER_RESET_PASSWORD,
        password_hash=hash_password(new_password),
        must_change_password=True,
    )


def change_own_password(session, actor, old_password, new_password):
    user = session.get(User, actor.user_id)
    if not verify_password(old_password, user.password_hash):
        raise ValidationError("old_password", "wrong_password")
    _check_password(new_password, user.login)
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    audit.record(session, actor, AuditAction.PASSWORD_CHANGE)
    session.commit()


def use_real_or_stand_in(monkeypatch) -> None:
    """Fill in what services.users does not have yet."""
    from gridcenter_desktop.services import users

    for name in NAMES:
        if not hasattr(users, name):
            monkeypatch.setattr(users, name, globals()[name], raising=False)
