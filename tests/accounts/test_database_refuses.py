"""A workstation's database login gives no more than its user's role: connected as a member of
each group with plain SQL (psycopg, no application in between), the forbidden statements are
refused by the database itself."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import migrate, roles
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.services import users
from tests.conftest import create_pg_database, drop_pg_database

pytestmark = pytest.mark.pg
PASSWORD = "Town-pass-2026"


def _town(url: str) -> dict[str, object]:
    """Schema, one account per role, a ticket with an event and an audit row."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as s:
        admin = users.create_first_admin(s, "admin", "管理员", PASSWORD)
        for role in (UserRole.VIEWER, UserRole.OPERATOR, UserRole.SUPERVISOR):
            users.create_user(s, admin, role.value, role.value, role, PASSWORD)
        s.execute(
            text(
                "INSERT INTO department (code, name, kind, active)"
                " VALUES ('d', '部门', 'office', true);"
                "INSERT INTO ticket (code, kind, source, category, title, description, address,"
                " priority, priority_rank, status, created_at, deadline_at, due_soon_at,"
                " people_count, solved_in_grid, urge_count, supervised, reopen_count,"
                " updated_at, version) VALUES ('GC20220301-0001', 'ordinary', 'hotline', 'noise',"
                " 't', '', '', 'ordinary', 0, 'pending_dispatch', now(), now(), now(), 1, false,"
                " 0, false, 0, now(), 1);"
                "INSERT INTO ticket_event (ticket_id, at, user_id, action, to_status, note)"
                " VALUES (1, now(), 2, 'register', 'pending_dispatch', '')"
            )
        )
        ids = dict(s.execute(text("SELECT login, id FROM app_user")).all())
        s.commit()
    engine.dispose()
    return {"url": url, "ids": ids, "prefix": roles.prefix_for(make_url(url).database)}


@pytest.fixture(scope="module")
def town():
    url = create_pg_database()
    try:
        yield _town(url)
    finally:
        drop_pg_database(url)


def _connect(town, login: str, database: str | None = None) -> psycopg.Connection:
    url = make_url(town["url"])
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        dbname=database or url.database,
        user=roles.login_role(town["prefix"], login),
        password=PASSWORD,
        autocommit=True,
    )


def _refused(conn: psycopg.Connection, statement: str) -> bool:
    """True when the database refuses ``statement`` for lack of privilege (SQLSTATE 42501:
    grants, row-level security, the action trigger and the account functions all say so), not
    for some incidental error."""
    try:
        conn.execute(statement)
    except psycopg.Error as exc:
        assert exc.sqlstate == "42501", f"{statement}: {exc}"
        return True
    return False


FORBIDDEN = {
    "viewer": [
        "INSERT INTO department (code, name, kind, active) VALUES ('x', 'x', 'office', true)",
        "UPDATE ticket SET title = 'changed'",
        "UPDATE department SET name = 'changed'",
        "DELETE FROM ticket_search",
        "INSERT INTO ticket_event (ticket_id, at, user_id, action, to_status, note)"
        " VALUES (1, now(), {viewer}, 'urge', 'pending_dispatch', '')",
        "INSERT INTO app_setting (key, value) VALUES ('demo', '1')",
        "INSERT INTO calendar_day (day, kind) VALUES ('2031-01-01', 'holiday')",
        "UPDATE app_user SET role = 'admin'",
    ],
    "operator": [
        "INSERT INTO app_user (login, display_name, role, password_hash, failed_attempts,"
        " active, must_change_password) VALUES ('x', 'x', 'admin', '!', 0, true, false)",
        "UPDATE app_user SET role = 'admin' WHERE login = 'operator'",
        "UPDATE department SET name = 'changed'",
        "INSERT INTO calendar_day (day, kind) VALUES ('2031-01-01', 'holiday')",
        "UPDATE ticket_event SET note = 'rewritten'",
        "DELETE FROM ticket_event",
        "UPDATE audit_entry SET login = 'someone'",
        "DELETE FROM audit_entry",
        "TRUNCATE ticket_event",
        # An event in another user's name (row-level security).
        "INSERT INTO ticket_event (ticket_id, at, user_id, action, to_status, note)"
        " VALUES (1, now(), {supervisor}, 'urge', 'pending_dispatch', '')",
        # An audit row in another user's name.
        "INSERT INTO audit_entry (at, user_id, login, workstation, action, target)"
        " VALUES (now(), {admin}, 'admin', 'x', 'export', '')",
        # A supervisor's action in the operator's own name (the action trigger).
        "INSERT INTO ticket_event (ticket_id, at, user_id, action, to_status, note)"
        " VALUES (1, now(), {operator}, 'close', 'closed', '')",
        "SELECT gc_user_create('x', 'x', 'admin', 'SCRAM-SHA-256$x', NULL, NULL, 'ws', NULL)",
        "SELECT gc_first_admin('x', 'x', 'SCRAM-SHA-256$x', 'ws')",
        "CREATE TABLE intruder (id integer)",
    ],
    "supervisor": [
        "UPDATE ticket_event SET note = 'rewritten'",
        "DELETE FROM audit_entry",
        "INSERT INTO department (code, name, kind, active) VALUES ('x', 'x', 'office', true)",
    ],
    "admin": [
        "UPDATE ticket_event SET note = 'rewritten'",
        "DELETE FROM ticket_event",
        "UPDATE audit_entry SET login = 'someone'",
        "DELETE FROM audit_entry",
        "UPDATE app_user SET role = 'viewer' WHERE login = 'operator'",
        "UPDATE app_user SET db_role = 'postgres' WHERE login = 'operator'",
        "UPDATE app_user SET failed_attempts = 0, locked_until = NULL",
        "INSERT INTO ticket_event (ticket_id, at, user_id, action, to_status, note)"
        " VALUES (1, now(), {operator}, 'urge', 'pending_dispatch', '')",
        "SELECT gc_first_admin('x', 'x', 'SCRAM-SHA-256$x', 'ws')",
        "ALTER TABLE ticket DISABLE ROW LEVEL SECURITY",
        "DROP TRIGGER trg_ticket_event_append_only ON ticket_event",
        "CREATE ROLE intruder LOGIN",
    ],
}


@pytest.mark.parametrize("login", sorted(FORBIDDEN))
def test_each_role_is_refused_what_it_may_not_do(town, login):
    statements = [s.format(**town["ids"]) for s in FORBIDDEN[login]]
    with _connect(town, login) as conn:
        allowed = [s for s in statements if not _refused(conn, s)]
    assert allowed == []


def test_what_each_role_may_do_it_does(town):
    ids = town["ids"]
    with _connect(town, "viewer") as conn:
        assert conn.execute("SELECT count(*) FROM ticket").fetchone() == (1,)
        # A viewer writes nothing but its own audit rows (an export, a sign-out), stamped
        # with the server's time whatever the desk says.
        conn.execute(
            "INSERT INTO audit_entry (at, user_id, login, workstation, action, target)"
            f" VALUES ('2000-01-01', {ids['viewer']}, 'viewer', 'x', 'export', 'ledger')"
        )
        stamped = conn.execute(
            "SELECT at > localtimestamp - interval '1 day' FROM audit_entry"
            f" WHERE user_id = {ids['viewer']}"
        ).fetchall()
        assert stamped == [(True,)]
        # ... and reads only those.
        seen = {r[0] for r in conn.execute("SELECT user_id FROM audit_entry")}
        assert seen == {ids["viewer"]}
    with _connect(town, "operator") as conn:
        conn.execute(
            "INSERT INTO ticket_event (ticket_id, at, user_id, action, to_status, note)"
            f" VALUES (1, now(), {ids['operator']}, 'urge', 'pending_dispatch', '')"
        )
        conn.execute("UPDATE ticket SET urge_count = urge_count + 1")
    with _connect(town, "supervisor") as conn:
        seen = {r[0] for r in conn.execute("SELECT user_id FROM audit_entry")}
        assert {ids["admin"], ids["viewer"]} <= seen
    with _connect(town, "admin") as conn:
        conn.execute("UPDATE department SET name = '新部门名'")
        conn.execute("UPDATE app_user SET display_name = '张三' WHERE login = 'operator'")


def test_the_gate_may_only_count_attempts(town):
    url = make_url(town["url"])
    with psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        dbname=url.database,
        user=roles.gate_role(town["prefix"]),
        password=roles.GATE_PASSWORD,
        autocommit=True,
    ) as conn:
        for statement in (
            "SELECT * FROM ticket",
            "SELECT * FROM app_user",
            "SELECT * FROM audit_entry",
            "SELECT * FROM gc_sign_in_done('ws')",
            "SELECT gc_user_reset_password(1, 'SCRAM-SHA-256$x', 'ws', NULL)",
        ):
            assert _refused(conn, statement), statement
        outcome = conn.execute("SELECT outcome FROM gc_sign_in_begin('nobody', 'ws')")
        assert outcome.fetchone() == ("unknown",)


def test_a_user_of_one_town_cannot_connect_to_another(town):
    other = create_pg_database()
    try:
        engine = make_engine(other)
        migrate.upgrade(engine)
        engine.dispose()
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            _connect(town, "admin", database=make_url(other).database)
    finally:
        drop_pg_database(other)


def test_group_role_names_say_what_they_are(town):
    names = roles.group_roles(town["prefix"])
    for role, name in names.items():
        assert role.value in name and name.startswith(town["prefix"])
    engine = make_engine(town["url"])
    with engine.connect() as conn:
        existing = set(
            conn.scalars(
                text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:n)"),
                {"n": list(names.values())},
            )
        )
        assert existing == set(names.values())
        can_login = conn.scalars(
            text("SELECT rolcanlogin FROM pg_roles WHERE rolname = ANY(:n)"),
            {"n": list(names.values())},
        ).all()
    engine.dispose()
    assert not any(can_login)


def test_a_disabled_accounts_open_session_loses_its_rights_at_once(town):
    engine = make_engine(town["url"])
    with Session(engine) as s:
        owner_as_admin = users.actor_for(
            next(u for u in users.login_users(s) if u.login == "admin")
        )
        temp = users.create_user(s, owner_as_admin, "temp", "临时", UserRole.OPERATOR, PASSWORD)
    with _connect(town, "temp") as conn:
        assert conn.execute("SELECT count(*) FROM ticket").fetchone() == (1,)
        with Session(engine) as s:
            users.disable_user(s, owner_as_admin, temp.id)
        assert _refused(conn, "SELECT count(*) FROM ticket")
    engine.dispose()
