"""Engines and sessions for the local SQLite file and the shared PostgreSQL server."""

from __future__ import annotations

import re
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "GridCenter"


class DatabaseUrlError(ValueError):
    """The text given as a database URL is not one we can use."""


def data_dir() -> Path:
    """The user's data folder: the local database, logs and settings live here."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'gridcenter.sqlite3'}"


def _without_password(url: str) -> str:
    """``url`` with any password replaced, for error messages (it may end up in a log)."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def normalize_url(url: str) -> str:
    """Accept the short forms people type (postgresql://, a bare file path) and make them
    SQLAlchemy URLs with the driver we ship (psycopg 3)."""
    text = url.strip()
    if not text:
        raise DatabaseUrlError("empty database URL")
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    try:
        parsed = make_url(text)
    except ArgumentError as exc:
        raise DatabaseUrlError(f"not a database URL: {_without_password(text)!r}") from exc
    except ValueError as exc:  # SQLAlchemy's int() of a port such as "abc"
        raise DatabaseUrlError(
            f"not a database URL: {_without_password(text)!r} (the port must be a number)"
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(
            f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
        )
    return parsed.render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL (None for other databases or in-memory)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str | None = None, *, echo: bool = False, must_exist: bool = False) -> Engine:
    """An engine for ``url`` (the local file when None). SQLite gets WAL (readers never block
    the writer), enforced foreign keys and a busy timeout; PostgreSQL gets an application name
    so the server's activity view shows our workstations.

    ``must_exist``: for reading and signing in; a SQLite path with no file is refused with
    DatabaseUrlError instead of leaving an empty file (and its folders) behind a typo."""
    full = normalize_url(url) if url else default_database_url()
    parsed = make_url(full)
    if parsed.get_backend_name() == "sqlite":
        db_path = parsed.database
        if db_path and db_path != ":memory:":
            if must_exist and not Path(db_path).is_file():
                raise DatabaseUrlError(f"no database file at {db_path}")
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(full, echo=echo, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no branch - always runs
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(
        full,
        echo=echo,
        pool_pre_ping=True,
        connect_args={"application_name": "gridcenter", "connect_timeout": 5},
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services hand plain values to the UI after commit.
    return sessionmaker(engine, expire_on_commit=False)
