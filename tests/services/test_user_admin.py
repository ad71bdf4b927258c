"""User administration on both backends: an administrator creates, disables, enables and
resets accounts, everyone changes their own password, every change is audited, and ten desks
creating the first administrator at once create one."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import select

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import users
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError

ADMIN_PASSWORD = "Chief-pass-2026"
PASSWORD = "Zhang-pass-2026"


@pytest.fixture
def admin(session_factory):
    with session_factory() as s:
        return users.create_first_admin(s, "chief", "站长", ADMIN_PASSWORD)


def _audit(session_factory) -> list[tuple[str, str, int | None, dict]]:
    with session_factory() as s:
        rows = s.execute(
            select(
                AuditEntry.action, AuditEntry.target, AuditEntry.user_id, AuditEntry.detail
            ).order_by(AuditEntry.id)
        ).all()
    return [(str(a), t, u, json.loads(d) if d else {}) for a, t, u, d in rows]


def test_an_administrator_creates_a_user_who_must_choose_a_password(session_factory, admin):
    with session_factory() as s:
        row = users.create_user(s, admin, "zhang.san", "张三", UserRole.OPERATOR, PASSWORD)
    assert (row.login, row.display_name, row.role, row.active) == (
        "zhang.san",
        "张三",
        UserRole.OPERATOR,
        True,
    )
    assert row.must_change_password
    with session_factory() as s:
        listed = users.list_users(s, admin)
    assert [u.login for u in listed] == ["chief", "zhang.san"]
    action, target, user_id, detail = _audit(session_factory)[-1]
    assert (action, target, user_id) == ("user_create", "user zhang.san", admin.user_id)
    assert detail["after"]["role"] == "operator"


BAD_ACCOUNTS = [
    ("chief", PASSWORD, "login", "duplicate"),
    ("zhang san", PASSWORD, "login", "bad_characters"),
    ("张三", PASSWORD, "login", "bad_characters"),
    ("", PASSWORD, "login", "required"),
    ("x" * 33, PASSWORD, "login", "too_long"),
    ("zhang", "short-1", "password", "too_short"),
    ("zhang", "zhang12345", "password", "same_as_login"),
    ("zhang", "password123", "password", "common"),
]


def test_bad_accounts_are_refused_naming_the_field(session_factory, admin):
    with session_factory() as s:
        for login, password, field, rule in BAD_ACCOUNTS:
            with pytest.raises(ValidationError) as err:
                users.create_user(s, admin, login, "某人", UserRole.OPERATOR, password)
            assert (err.value.field, err.value.rule) == (field, rule), login
        assert [u.login for u in users.list_users(s, admin)] == ["chief"]


def test_only_an_administrator_administers(session_factory, admin):
    with session_factory() as s:
        op = users.create_user(s, admin, "op", "调度员", UserRole.OPERATOR, PASSWORD)
        operator = users.actor_for(s.get(User, op.id))
        for call in (
            lambda: users.list_users(s, operator),
            lambda: users.create_user(s, operator, "x1", "x", UserRole.ADMIN, PASSWORD),
            lambda: users.disable_user(s, operator, admin.user_id),
            lambda: users.reset_password(s, operator, admin.user_id, PASSWORD),
        ):
            with pytest.raises(PermissionDeniedError):
                call()


def test_disable_enable_and_the_last_administrator(session_factory, admin):
    with session_factory() as s:
        op = users.create_user(s, admin, "op", "调度员", UserRole.OPERATOR, PASSWORD)
        with pytest.raises(ValidationError) as err:
            users.disable_user(s, admin, admin.user_id)
        assert (err.value.field, err.value.rule) == ("user", "self")
        users.disable_user(s, admin, op.id)
        assert [u.login for u in users.login_users(s)] == ["chief"]
        users.enable_user(s, admin, op.id)
        assert {u.login for u in users.login_users(s)} == {"chief", "op"}
        second = users.create_user(s, admin, "deputy", "副站长", UserRole.ADMIN, PASSWORD)
        deputy = users.actor_for(s.get(User, second.id))
        users.disable_user(s, deputy, admin.user_id)
        users.enable_user(s, deputy, admin.user_id)
        users.disable_user(s, admin, second.id)
    actions = [(a, t) for a, t, _u, _d in _audit(session_factory)]
    assert ("user_disable", "user op") in actions
    assert ("user_enable", "user op") in actions
    assert actions.count(("user_disable", "user chief")) == 1


def test_the_last_active_administrator_cannot_be_disabled(session_factory, admin):
    with session_factory() as s:
        second = users.create_user(s, admin, "deputy", "副站长", UserRole.ADMIN, PASSWORD)
        deputy = users.actor_for(s.get(User, second.id))
        users.disable_user(s, deputy, admin.user_id)
        # The only active administrator left is the deputy, who may not disable themself; the
        # disabled chief (acting from a stale window) may not leave the town without one.
        with pytest.raises(ValidationError) as err:
            users.disable_user(s, admin, second.id)
        assert (err.value.field, err.value.rule) == ("user", "last_admin")


def test_a_reset_password_must_be_changed_at_the_next_sign_in(session_factory, admin):
    with session_factory() as s:
        op = users.create_user(s, admin, "op", "调度员", UserRole.OPERATOR, PASSWORD)
        with pytest.raises(ValidationError) as err:
            users.reset_password(s, admin, op.id, "op")
        assert err.value.field == "password"
        users.reset_password(s, admin, op.id, "Fresh-pass-2026")
        assert next(u for u in users.list_users(s, admin) if u.id == op.id).must_change_password
    assert _audit(session_factory)[-1][:2] == ("user_reset_password", "user op")


def test_changing_ones_own_password_on_sqlite(tmp_path):
    # PostgreSQL: tests/accounts/test_sign_in_lockout.py (needs a server that checks passwords).
    engine = make_engine(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    migrate.upgrade(engine)
    session_factory = make_session_factory(engine)
    with session_factory() as s:
        admin = users.create_first_admin(s, "chief", "站长", ADMIN_PASSWORD)
        with pytest.raises(ValidationError) as err:
            users.change_own_password(s, admin, "Wrong-pass-2026", "New-pass-20266")
        assert err.value.field == "old_password"
        with pytest.raises(ValidationError) as err:
            users.change_own_password(s, admin, ADMIN_PASSWORD, "chief")
        assert err.value.field == "password"
        users.change_own_password(s, admin, ADMIN_PASSWORD, "New-pass-20266")
        assert users.authenticate(s, "chief", "New-pass-20266", users.local_now())
    assert _audit(session_factory)[-1][:2] == ("password_change", "user chief")
    engine.dispose()


def test_ten_desks_creating_the_first_administrator_at_once_create_one(session_factory):
    start = threading.Barrier(10)
    outcomes: list[str] = []

    def desk(n: int) -> None:
        start.wait()
        with session_factory() as s:
            try:
                users.create_first_admin(s, f"admin{n}", f"管理员{n}", f"First-admin-{n}x")
                outcomes.append("created")
            except ValidationError as exc:
                outcomes.append(exc.rule)

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["created"] + ["duplicate"] * 9
    with session_factory() as s:
        assert len(users.login_users(s)) == 1
        assert s.scalar(select(User.role)) == UserRole.ADMIN
