"""Signing in: the login list, wrong passwords refused by field, a lock after repeated failures,
and the first administrator of an empty database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.core.passwords import hash_password
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import users
from gridcenter_desktop.services.errors import ValidationError

NOW = datetime(2022, 10, 25, 9, 0)
# One fixed hash for every fixture user: scrypt is slow on purpose.
PASSWORD = "s3cret-pw"
HASH = hash_password(PASSWORD, salt=b"fixed-salt-16byt")


@pytest.fixture
def accounts(session_factory):
    with session_factory() as s:
        s.add_all(
            [
                User(
                    login="boss",
                    display_name="刘值班长",
                    role=UserRole.SUPERVISOR,
                    password_hash=HASH,
                ),
                User(login="op", display_name="张调度", role=UserRole.OPERATOR, password_hash=HASH),
                User(
                    login="gone",
                    display_name="已离职",
                    role=UserRole.OPERATOR,
                    password_hash=HASH,
                    active=False,
                ),
            ]
        )
        s.commit()
    return session_factory


def test_login_list_shows_active_accounts_operators_first(accounts):
    with accounts() as s:
        listed = users.login_users(s)
    assert [u.login for u in listed] == ["op", "boss"]


def test_right_password_gives_the_actor(accounts):
    with accounts() as s:
        actor = users.authenticate(s, "op", PASSWORD, NOW)
    assert (actor.role, actor.display_name) == (UserRole.OPERATOR, "张调度")


def test_wrong_password_names_the_password_field(accounts):
    with accounts() as s, pytest.raises(ValidationError) as err:
        users.authenticate(s, "op", "nope", NOW)
    assert (err.value.field, err.value.rule) == ("password", "wrong_password")


def test_inactive_or_unknown_login_is_refused(accounts):
    with accounts() as s:
        for login in ("gone", "nobody"):
            with pytest.raises(ValidationError) as err:
                users.authenticate(s, login, PASSWORD, NOW)
            assert err.value.field == "login"


def test_five_failures_lock_the_login_for_a_while(accounts):
    with accounts() as s:
        for _ in range(users.MAX_FAILED_ATTEMPTS):
            with pytest.raises(ValidationError):
                users.authenticate(s, "op", "nope", NOW)
    with accounts() as s, pytest.raises(ValidationError) as err:
        users.authenticate(s, "op", PASSWORD, NOW + timedelta(minutes=1))
    assert err.value.rule == "locked"
    with accounts() as s:
        later = NOW + timedelta(minutes=users.LOCK_MINUTES + 1)
        assert users.authenticate(s, "op", PASSWORD, later).display_name == "张调度"


def test_first_admin_only_in_an_empty_database(session_factory):
    with session_factory() as s:
        with pytest.raises(ValidationError) as err:
            users.create_first_admin(s, "admin", "管理员", "123")
        assert err.value.field == "password"
        actor = users.create_first_admin(s, "admin", "管理员", "admin-pass")
        assert actor.role == UserRole.ADMIN
    with session_factory() as s:
        assert [(u.id, u.login) for u in users.login_users(s)] == [(actor.user_id, "admin")]
        with pytest.raises(ValidationError) as err:
            users.create_first_admin(s, "admin2", "第二个", "admin-pass")
        assert (err.value.field, err.value.rule) == ("login", "duplicate")
