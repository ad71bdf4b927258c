"""The migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.models import Base


def _mapped_objects_only(name, type_, _parent_names) -> bool:
    # The text search index (revision 0002, services/search.py) is deliberately unmapped: an
    # FTS5 virtual table with its shadow tables on SQLite, a tsvector table on PostgreSQL.
    return not (type_ == "table" and name.startswith("ticket_search"))


def test_migration_head_matches_models(db_url):
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": _mapped_objects_only}
            )
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        assert migrate.is_up_to_date(engine)
    finally:
        engine.dispose()


def test_upgrade_from_empty_creates_every_table(empty_db_url):
    engine = make_engine(empty_db_url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        # Upgrading again is a no-op, not an error.
        migrate.upgrade(engine)
    finally:
        engine.dispose()


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_database_of_a_newer_schema_is_refused(tmp_path):
    import pytest

    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
        with pytest.raises(migrate.SchemaTooNewError, match="newer"):
            migrate.upgrade(engine)
    finally:
        engine.dispose()
