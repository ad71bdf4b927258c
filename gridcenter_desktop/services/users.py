"""Accounts: the login list, user administration, password changes and the first
administrator of a new database.

On SQLite the desk keeps a scrypt hash in app_user. On PostgreSQL every account is a login role
of the server (db/roles.py); the account functions of migration 0008 (SECURITY DEFINER, owned
by the schema owner) create and alter those roles, so the application's administrator needs no
CREATEROLE, only membership of the admin group. Passwords reach the server as SCRAM verifiers
made here, never in clear. Every change is audited (on PostgreSQL by the function itself, so a
call that skips the application is audited too).

Sign-in is services/sign_in.py; ``authenticate`` below is the older SQLite-only check, kept for
callers not yet moved to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.core.passwords import (
    LOCK_MINUTES,
    MAX_FAILED_ATTEMPTS,
    hash_password,
    password_problem,
    verify_password,
)
from gridcenter_desktop.core.permissions import may_administer
from gridcenter_desktop.db import roles
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.tickets.common import local_now

MAX_DISPLAY_NAME = 64
ADMINISTER = "administer_users"


@dataclass(frozen=True, slots=True)
class LoginUser:
    """An account as the login list shows it (no password hash)."""

    id: int
    login: str
    display_name: str
    role: UserRole


@dataclass(frozen=True, slots=True)
class UserRow:
    """An account as the Users dialog and ``gridcenter user list`` show it."""

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


def has_users(session: Session) -> bool:
    """Whether any account exists (a new database has none)."""
    return bool(session.scalar(select(func.count()).select_from(User)))


# --- administration ---------------------------------------------------------------------------


def list_users(session: Session, actor: Actor) -> list[UserRow]:
    """Every account, active ones first, by login (administrators only)."""
    _require_admin(actor)
    users = session.scalars(select(User).order_by(User.active.desc(), User.login)).all()
    return [_row(u) for u in users]


def create_user(
    session: Session,
    actor: Actor,
    login: str,
    display_name: str,
    role: UserRole,
    password: str,
    *,
    department_id: int | None = None,
    area_id: int | None = None,
    commit: bool = True,
    now: datetime | None = None,
) -> UserRow:
    """A new account; its user chooses their own password at the first sign-in. Refuses a
    non-administrator, a login already taken or of the wrong shape (db/roles.py), an empty
    name and a password that breaks the rules (core/passwords.py).

    ``commit=False`` leaves the transaction open for the caller (the base-data import creates
    a workbook's accounts and commits once; on PostgreSQL the login role made by
    gc_user_create is transactional and goes with a rollback too). A refusal from the
    server still rolls the caller's transaction back: the caller must start again."""
    _require_admin(actor)
    login = login.strip()
    display_name = _checked_name(display_name)
    _check_login(login)
    role = _checked_role(role)
    _check_password(password, login)
    if _is_postgresql(session):
        verifier = _verifier(session, login, password)
        new_id = _call(
            session,
            actor.role,
            "SELECT gc_user_create(:login, :name, :role, :verifier, :department, :area, :ws,"
            " :actor)",
            login=login,
            name=display_name,
            role=role.value,
            verifier=verifier,
            department=department_id,
            area=area_id,
            ws=audit.workstation_name(),
            actor=actor.user_id,
        )
        if commit:
            session.commit()
        return _row(session.get(User, new_id, populate_existing=True))
    if session.scalar(select(User.id).where(User.login == login)) is not None:
        raise ValidationError("login", "duplicate")
    user = User(
        login=login,
        display_name=display_name,
        role=role,
        password_hash=hash_password(password),
        failed_attempts=0,
        active=True,
        must_change_password=True,
        department_id=department_id,
        area_id=area_id,
        created_at=now or local_now(),
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        AuditAction.USER_CREATE,
        target=f"user {login}",
        detail={
            "after": {
                "login": login,
                "display_name": display_name,
                "role": role.value,
                "department_id": department_id,
                "area_id": area_id,
            }
        },
    )
    if commit:
        session.commit()
    return _row(user)


def disable_user(session: Session, actor: Actor, user_id: int) -> None:
    """The account can no longer sign in (on PostgreSQL its open sessions lose their rights at
    once). Refuses disabling yourself and the last active administrator."""
    _set_active(session, actor, user_id, False)


def enable_user(session: Session, actor: Actor, user_id: int) -> None:
    """A disabled account may sign in again."""
    _set_active(session, actor, user_id, True)


def reset_password(session: Session, actor: Actor, user_id: int, new_password: str) -> None:
    """An administrator sets a new password (and unlocks the account); the user must change it
    at the next sign-in."""
    _require_admin(actor)
    target = _user(session, user_id)
    _check_password(new_password, target.login)
    if _is_postgresql(session):
        _call(
            session,
            actor.role,
            "SELECT gc_user_reset_password(:id, :verifier, :ws, :actor)",
            id=user_id,
            verifier=_verifier(session, target.login, new_password),
            ws=audit.workstation_name(),
            actor=actor.user_id,
        )
        session.commit()
        return
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(
            password_hash=hash_password(new_password),
            must_change_password=True,
            failed_attempts=0,
            locked_until=None,
        )
    )
    audit.record(session, actor, AuditAction.USER_RESET_PASSWORD, target=f"user {target.login}")
    session.commit()


def change_own_password(
    session: Session, actor: Actor, old_password: str, new_password: str
) -> None:
    """The signed-in user chooses a new password, proving the old one. On PostgreSQL
    ``session`` must be connected as the user's own login role."""
    if actor.user_id is None:
        raise PermissionDeniedError("change_password", UserRole(actor.role).value)
    user = _user(session, actor.user_id)
    _check_password(new_password, user.login)
    if new_password == old_password:
        raise ValidationError("password", "same_as_old")
    if _is_postgresql(session):
        if not _server_accepts(session.get_bind(), user.db_role, old_password):
            raise ValidationError("old_password", "wrong_password")
        _call(
            session,
            actor.role,
            "SELECT gc_change_own_password(:verifier, :ws)",
            verifier=_verifier(session, user.login, new_password),
            ws=audit.workstation_name(),
        )
        session.commit()
        return
    if not verify_password(old_password, user.password_hash):
        raise ValidationError("old_password", "wrong_password")
    session.execute(
        update(User)
        .where(User.id == user.id)
        .values(password_hash=hash_password(new_password), must_change_password=False)
    )
    audit.record(session, actor, AuditAction.PASSWORD_CHANGE, target=f"user {user.login}")
    session.commit()


def create_first_admin(session: Session, login: str, display_name: str, password: str) -> Actor:
    """The administrator of a new, empty database; refused once any account exists, so it can
    never add a second administrator behind the others' backs. Atomic: ten desks at once
    create one (PostgreSQL: an advisory lock in ``gc_first_admin``, which only the schema
    owner may call; SQLite: the write lock taken before the check)."""
    login = login.strip()
    display_name = _checked_name(display_name)
    _check_login(login)
    _check_password(password, login)
    if _is_postgresql(session):
        new_id = _call(
            session,
            UserRole.ADMIN,
            "SELECT gc_first_admin(:login, :name, :verifier, :ws)",
            login=login,
            name=display_name,
            verifier=_verifier(session, login, password),
            ws=audit.workstation_name(),
        )
        session.commit()
        return Actor(new_id, UserRole.ADMIN, display_name, login)
    return _first_admin_sqlite(session.get_bind(), login, display_name, password)


def authenticate(session: Session, login: str, password: str, now: datetime) -> Actor:
    """SQLite-only password check (superseded by services.sign_in.sign_in). Refuses with
    ValidationError: ("login", "unknown"), ("login", "locked"), ("password",
    "wrong_password"). Commits the failure count."""
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


# --- helpers ----------------------------------------------------------------------------------


def _row(user: User) -> UserRow:
    return UserRow(
        id=user.id,
        login=user.login,
        display_name=user.display_name,
        role=UserRole(user.role),
        active=bool(user.active),
        must_change_password=bool(user.must_change_password),
        locked_until=user.locked_until,
        department_id=user.department_id,
        area_id=user.area_id,
        created_at=user.created_at,
    )


def _require_admin(actor: Actor) -> None:
    if not may_administer(actor.role):
        raise PermissionDeniedError(ADMINISTER, UserRole(actor.role).value)


def _check_login(login: str) -> None:
    problem = roles.login_problem(login)
    if problem is not None:
        raise ValidationError("login", problem)


def _checked_name(display_name: str) -> str:
    name = display_name.strip()
    if not name:
        raise ValidationError("display_name", "required")
    if len(name) > MAX_DISPLAY_NAME:
        raise ValidationError("display_name", "too_long")
    return name


def _checked_role(role: UserRole | str) -> UserRole:
    try:
        return UserRole(role)
    except ValueError:
        raise ValidationError("role", "invalid") from None


def _check_password(password: str, login: str) -> None:
    problem = password_problem(password, login)
    if problem is not None:
        raise ValidationError("password", problem)


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id, populate_existing=True)
    if user is None:
        raise ValidationError("user", "not_found")
    return user


def _set_active(session: Session, actor: Actor, user_id: int, active: bool) -> None:
    _require_admin(actor)
    target = _user(session, user_id)
    if _is_postgresql(session):
        _call(
            session,
            actor.role,
            "SELECT gc_user_set_active(:id, :active, :ws, :actor)",
            id=user_id,
            active=active,
            ws=audit.workstation_name(),
            actor=actor.user_id,
        )
        session.commit()
        return
    if target.active == active:
        return
    if not active:
        if target.id == actor.user_id:
            raise ValidationError("user", "self")
        others = (
            select(func.count())
            .select_from(User)
            .where(User.role == UserRole.ADMIN, User.active.is_(True), User.id != user_id)
            .scalar_subquery()
        )
        # One statement: the check and the change cannot be split by another desk.
        done = session.execute(
            update(User)
            .where(User.id == user_id, (User.role != UserRole.ADMIN) | (others > 0))
            .values(active=False)
        ).rowcount
        if not done:
            session.rollback()
            raise ValidationError("user", "last_admin")
    else:
        session.execute(
            update(User)
            .where(User.id == user_id)
            .values(active=True, failed_attempts=0, locked_until=None)
        )
    audit.record(
        session,
        actor,
        AuditAction.USER_ENABLE if active else AuditAction.USER_DISABLE,
        target=f"user {target.login}",
        detail={"before": {"active": not active}, "after": {"active": active}},
    )
    session.commit()


def _first_admin_sqlite(engine: Engine, login: str, display_name: str, password: str) -> Actor:
    """BEGIN IMMEDIATE takes SQLite's write lock before the "no account yet" check, so desks
    racing to create the first administrator queue up and all but one are refused."""
    password_hash = hash_password(password)  # slow on purpose: outside the lock
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        previous = raw.isolation_level
        raw.isolation_level = None  # we issue BEGIN ourselves
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                with Session(bind=conn) as session:
                    if has_users(session):
                        raise ValidationError("login", "duplicate")
                    user = User(
                        login=login,
                        display_name=display_name,
                        role=UserRole.ADMIN,
                        password_hash=password_hash,
                        failed_attempts=0,
                        active=True,
                        created_at=local_now(),
                    )
                    session.add(user)
                    session.flush()
                    actor = actor_for(user)
                    audit.record(
                        session,
                        actor,
                        AuditAction.USER_CREATE,
                        target=f"user {login}",
                        detail={
                            "after": {
                                "login": login,
                                "display_name": display_name,
                                "role": UserRole.ADMIN.value,
                                "first_admin": True,
                            }
                        },
                    )
                    session.flush()
                conn.exec_driver_sql("COMMIT")
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
        finally:
            conn.rollback()
            raw.isolation_level = previous
    return actor


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _verifier(session: Session, login: str, password: str) -> str:
    conn = session.connection()
    role = roles.login_role(roles.database_prefix(conn), login)
    return roles.scram_verifier(conn, role, password)


def _call(session: Session, caller_role: UserRole, statement: str, **params) -> object:
    """Run an account function of migration 0008; its refusals become service errors."""
    from gridcenter_desktop.services.pg_sign_in import refusal_of

    try:
        return session.execute(text(statement), params).scalar()
    except DBAPIError as exc:
        session.rollback()
        refusal = refusal_of(exc, UserRole(caller_role).value)
        if refusal is None:
            raise
        raise refusal from None


def _server_accepts(engine: Engine, db_role: str | None, password: str) -> bool:
    """Whether the server accepts ``password`` for ``db_role`` (a fresh connection)."""
    from gridcenter_desktop.services.pg_sign_in import engine_as, is_refused_password

    if db_role is None:
        return False
    probe = engine_as(engine.url, db_role, password)
    try:
        with probe.connect():
            return True
    except OperationalError as exc:
        if is_refused_password(exc):
            return False
        raise
    finally:
        probe.dispose()
