"""Shared fixtures: a migrated database on SQLite and, when the server is there, PostgreSQL.

The ``db_url`` fixture is parametrized over both backends, so a service test written once runs
on each. PostgreSQL tests create and drop their own database. With GRIDCENTER_REQUIRE_PG=1 (CI)
an unreachable server fails the run instead of skipping.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine, make_session_factory

# Demo accounts get this password instead of random ones, so tests can sign in to a demo
# (set before any build; a value from the environment wins).
os.environ.setdefault("GRIDCENTER_DEMO_PASSWORD", "demo-pass-2026")

PG_ADMIN_URL = os.environ.get(
    "GRIDCENTER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REQUIRE_PG = os.environ.get("GRIDCENTER_REQUIRE_PG") == "1"

# CI replays the same derandomized examples on every run, so a landing never depends on the
# luck of a draw; developers' runs explore new random examples (and keep failures in
# .hypothesis/ to replay them).
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

_pg_state: dict[str, str | None] = {}


def pg_unavailable_reason() -> str | None:
    """None when the PostgreSQL test server answers, else why not (checked once)."""
    if "reason" not in _pg_state:
        try:
            eng = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
            with eng.connect() as conn:
                conn.execute(text("select 1"))
            eng.dispose()
            _pg_state["reason"] = None
        except Exception as exc:  # any failure to connect means "no server"
            _pg_state["reason"] = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc}"
    return _pg_state["reason"]


def require_pg() -> None:
    reason = pg_unavailable_reason()
    if reason is None:
        return
    if REQUIRE_PG:
        pytest.fail(reason + " (GRIDCENTER_REQUIRE_PG=1)")
    pytest.skip(reason)


def _admin_execute(sql: str) -> None:
    eng = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(text(sql))
    eng.dispose()


def create_pg_database() -> str:
    """A fresh, empty PostgreSQL database; returns its URL. Drop it with drop_pg_database."""
    require_pg()
    name = f"gc_test_{uuid.uuid4().hex[:12]}"
    _admin_execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_pg_database(url: str) -> None:
    """Drop the database, then its roles (roles are global to the server: none may leak)."""
    from gridcenter_desktop.db import roles

    name = url.rsplit("/", 1)[1]
    _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    eng = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        roles.drop_all(conn, roles.prefix_for(name))
    eng.dispose()


@contextlib.contextmanager
def pg_database_with_accounts(
    password: str,
    chief_login: str,
    accounts: Sequence[tuple[str, str, object]],
    *,
    fill: Callable[[Session], object] | None = None,
) -> Iterator[tuple[str, Engine, dict[str, object], object]]:
    """A migrated PostgreSQL database with a first administrator ``chief_login`` and
    ``accounts`` (login, display name, role), all with login roles and ``password``, none
    asked to change it. ``fill(session)`` runs after the administrator is made, before the
    other accounts. Yields (URL as typed, engine, users by login, what ``fill`` returned);
    drops the database and the login roles afterwards."""
    from gridcenter_desktop.db.user import User
    from gridcenter_desktop.services.users import create_first_admin, create_user

    url = create_pg_database()
    logins: list[str] = []
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
        with Session(engine) as session:
            chief = create_first_admin(session, chief_login, "主任", password)
            filled = fill(session) if fill is not None else None
            for login, name, role in accounts:
                create_user(session, chief, login, name, role, password)
            # New accounts must change their password at first sign-in; these have done so.
            session.execute(text("UPDATE app_user SET must_change_password = false"))
            session.commit()
            users = {u.login: u for u in session.scalars(select(User))}
            logins = [u.db_role for u in users.values() if u.db_role]
        yield url, engine, users, filled
    finally:
        drop_pg_database(url)
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for role in logins:
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def worlds_as_roles(world, password: str) -> Iterator[dict]:
    """For a fixture on PostgreSQL: ``world`` (a test town with a session factory ``sf``)
    once per application role, each connected as that role's own login role (created with
    ``password``); the engines are disposed of when the fixture ends."""
    import dataclasses

    from gridcenter_desktop.core.enums import UserRole
    from gridcenter_desktop.db import roles
    from gridcenter_desktop.services.pg_sign_in import engine_as

    with world.sf() as s:
        conn = s.connection()
        roles.create_logins(conn, [(role.value, role, password) for role in UserRole])
        prefix = roles.database_prefix(conn)
        s.commit()
    url = world.sf.kw["bind"].url
    engines = {
        role: engine_as(url, roles.login_role(prefix, role.value), password) for role in UserRole
    }
    yield {
        role: dataclasses.replace(world, sf=make_session_factory(engine))
        for role, engine in engines.items()
    }
    for engine in engines.values():
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def empty_db_url(request, tmp_path) -> Iterator[str]:
    """URL of an empty database (no schema), on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'gridcenter.sqlite3'}"
        return
    url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory) -> Path:
    """An SQLite file migrated to head once per run: each test's database is a copy of it
    (migrating ~700 SQLite databases one by one cost minutes of every run). The migrations
    themselves are tested from an empty database (tests/test_schema.py)."""
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as conn:  # everything in the main file, so copying it copies all
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def db_url(request, empty_db_url) -> str:
    """URL of a database migrated to head, on each backend."""
    if empty_db_url.startswith("sqlite:///"):
        template = request.getfixturevalue("migrated_sqlite_file")
        shutil.copyfile(template, empty_db_url.removeprefix("sqlite:///"))
        return empty_db_url
    engine = make_engine(empty_db_url)
    migrate.upgrade(engine)
    engine.dispose()
    return empty_db_url


@pytest.fixture
def engine(db_url) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def session(session_factory) -> Iterator[Session]:
    with session_factory() as s:
        yield s
