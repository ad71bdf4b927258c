"""Bring a database to the newest schema, and refuse one made by a newer version of the app."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

log = logging.getLogger("gridcenter")  # the window writes this logger to its log file
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Tables of ours that no model maps: Alembic's bookkeeping, and the text-search index
# (revision 0002: an FTS5 virtual table with its shadow tables on SQLite, a tsvector table on
# PostgreSQL). A migration that creates another unmapped table adds it here.
_UNMAPPED_TABLES = frozenset({"alembic_version"})
_UNMAPPED_PREFIXES = ("ticket_search",)


class SchemaTooNewError(RuntimeError):
    """The database was migrated by a newer GridCenter; this one must not touch it."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"the database schema ({revision}) is newer than this version of GridCenter knows;"
            " update GridCenter"
        )
        self.revision = revision


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(engine: Engine) -> str | None:
    """The database's revision; raises SchemaTooNewError for a revision we do not know."""
    revision = current_revision(engine)
    if revision is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    if revision not in {s.revision for s in script.walk_revisions()}:
        raise SchemaTooNewError(revision)
    return revision


def upgrade(engine: Engine, revision: str = "head", *, copy_first: bool = True) -> Path | None:
    """Migrate to ``revision`` in one transaction. A SQLite file with an older schema is first
    copied next to itself (``NAME.before-REVISION.sqlite3``, db/backup.py); returns that copy
    (None when nothing was copied: a new or current database, a server, or ``copy_first``
    False)."""
    before = check_not_newer(engine)
    copy = None
    target = head_revision() if revision == "head" else revision
    path = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if copy_first and before is not None and before != target and path and path != ":memory:":
        from gridcenter_desktop.db.backup import copy_before_migration

        copy = copy_before_migration(Path(path), before)
        log.warning("copied %s to %s before migrating it from revision %s", path, copy, before)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return copy


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def foreign_tables(engine: Engine) -> list[str]:
    """Tables in the database that GridCenter did not make (sorted): another application's.
    Set-up commands refuse such a database rather than mix our tables into it."""
    from gridcenter_desktop.db.models import Base

    ours = set(Base.metadata.tables) | _UNMAPPED_TABLES
    return sorted(
        name
        for name in inspect(engine).get_table_names()
        if name not in ours
        and not name.startswith(_UNMAPPED_PREFIXES)
        and not name.startswith("sqlite_")  # SQLite's own (sqlite_sequence, sqlite_stat1 ...)
    )
