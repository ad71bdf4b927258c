"""Migration 0008 on PostgreSQL: it needs CREATEROLE and says so, and its downgrade leaves no
role behind and gives CONNECT back to PUBLIC."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gridcenter_desktop.db import migrate, roles
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.pg_security import MissingPrivilegeError
from tests.conftest import PG_ADMIN_URL, create_pg_database, drop_pg_database

pytestmark = pytest.mark.pg


def _roles_of(url: str) -> list[str]:
    prefix = roles.prefix_for(make_url(url).database)
    engine = create_engine(PG_ADMIN_URL)
    with engine.connect() as conn:
        found = conn.scalars(
            text(
                "SELECT rolname FROM pg_roles WHERE rolname = ANY(:fixed)"
                " OR starts_with(rolname, :dotted)"
            ),
            {"fixed": roles.all_role_names(prefix), "dotted": prefix + "."},
        ).all()
    engine.dispose()
    return sorted(found)


def test_downgrade_drops_the_roles_and_upgrade_makes_them_again(empty_db_url):
    if not empty_db_url.startswith("postgresql"):
        engine = make_engine(empty_db_url)
        migrate.upgrade(engine)
        migrate_downgrade(engine, "0007")
        engine.dispose()
        return
    engine = make_engine(empty_db_url)
    migrate.upgrade(engine)
    from sqlalchemy.orm import Session

    from gridcenter_desktop.services import users

    with Session(engine) as s:
        users.create_first_admin(s, "chief", "站长", "Chief-pass-2026")
    assert len(_roles_of(empty_db_url)) == 6  # four groups, the gate, one login
    migrate_downgrade(engine, "0007")
    assert _roles_of(empty_db_url) == []
    with engine.connect() as conn:
        public_connect = conn.scalar(
            text("SELECT has_database_privilege('public', current_database(), 'CONNECT')")
        )
    assert public_connect
    migrate.upgrade(engine)
    assert len(_roles_of(empty_db_url)) == 5
    engine.dispose()


def migrate_downgrade(engine, revision: str) -> None:
    from alembic import command

    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def test_a_migrating_role_without_createrole_is_told_which_privilege_it_lacks():
    url = create_pg_database()
    owner = f"gc_test_owner_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    database = make_url(url).database
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE ROLE "{owner}" LOGIN'))
            conn.execute(text(f'ALTER DATABASE "{database}" OWNER TO "{owner}"'))
        as_owner = make_engine(make_url(url).set(username=owner).render_as_string(False))
        with pytest.raises(MissingPrivilegeError, match="CREATEROLE"):
            migrate.upgrade(as_owner)
        as_owner.dispose()
        # With CREATEROLE (and nothing more) the owner migrates.
        with admin.connect() as conn:
            conn.execute(text(f'ALTER ROLE "{owner}" CREATEROLE'))
        as_owner = make_engine(make_url(url).set(username=owner).render_as_string(False))
        migrate.upgrade(as_owner)
        as_owner.dispose()
    finally:
        drop_pg_database(url)
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{owner}"'))
        admin.dispose()


def test_signing_in_to_a_database_without_roles_says_what_to_do(capsys, monkeypatch):
    from gridcenter_desktop import cli

    url = create_pg_database()
    try:
        engine = make_engine(url)
        migrate.upgrade(engine, "0007")
        engine.dispose()
        monkeypatch.setenv("GRIDCENTER_PASSWORD", "Chief-pass-2026")
        code = cli.main(["user", "list", "--user", "chief", "--db", url])
        err = capsys.readouterr().err
        assert code == 1 and len(err.strip().splitlines()) == 1
        assert "gridcenter migrate" in err
    finally:
        drop_pg_database(url)
