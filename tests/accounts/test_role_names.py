"""Role names: derived from the database name so several towns on one server never clash,
readable by a DBA, within PostgreSQL's 63 bytes; logins of a safe shape."""

from __future__ import annotations

import itertools

import pytest

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import pg_security, roles
from gridcenter_desktop.services import sign_in

DATABASES = [
    "guangfu",
    "gc_test_0123456789ab",
    "Guangfu",
    "guang-fu",
    "guang_fu",
    "光福镇",
    "x" * 63,
]


def test_a_plain_database_name_is_its_own_prefix():
    assert roles.group_roles("guangfu") == {
        UserRole.VIEWER: "guangfu_viewer",
        UserRole.OPERATOR: "guangfu_operator",
        UserRole.SUPERVISOR: "guangfu_supervisor",
        UserRole.ADMIN: "guangfu_admin",
    }
    assert roles.login_role(roles.prefix_for("guangfu"), "zhang.san") == "guangfu.zhang.san"


def test_names_never_clash_between_databases_and_fit_postgresql():
    names = {}
    for database in DATABASES:
        prefix = roles.prefix_for(database)
        mine = [*roles.all_role_names(prefix), roles.login_role(prefix, "a" * 32)]
        for name in mine:
            assert len(name.encode()) <= 63, name
            assert names.setdefault(name, database) == database, name
    prefixes = [roles.prefix_for(d) for d in DATABASES]
    assert len(set(prefixes)) == len(prefixes)
    for a, b in itertools.permutations(prefixes, 2):
        assert not roles.group_role(a, UserRole.ADMIN) == roles.gate_role(b)


@pytest.mark.parametrize(
    ("login", "problem"),
    [
        ("zhang", None),
        ("zhang.san-2_b", None),
        ("Z9", None),
        ("", "required"),
        ("a" * 33, "too_long"),
        (".hidden", "bad_characters"),
        ("zhang san", "bad_characters"),
        ("张三", "bad_characters"),
        ('x"; DROP ROLE y; --', "bad_characters"),
    ],
)
def test_login_shapes(login, problem):
    assert roles.login_problem(login) == problem


def test_the_servers_lockout_is_the_desks():
    assert (pg_security.MAX_FAILED_ATTEMPTS, pg_security.LOCK_MINUTES) == (
        sign_in.MAX_FAILED_ATTEMPTS,
        sign_in.LOCK_MINUTES,
    )
