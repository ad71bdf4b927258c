"""Bulk writing of demo rows inside the caller's transaction.

A million tickets bring some eight million rows; ORM objects or SQLAlchemy's per-row parameter
processing would take far longer than the inserts themselves. So rows go as tuples straight to
the driver: ``executemany`` on SQLite (datetimes rendered in SQLAlchemy's own storage format, so
the ORM reads them back unchanged) and ``COPY ... FROM STDIN`` on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, Date, DateTime, text

from gridcenter_desktop.db.models import Base


class BulkWriter:
    """Writes rows of known columns into tables on the connection's current transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.sqlite = connection.dialect.name == "sqlite"
        self.raw = connection.connection.driver_connection

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        """Insert ``rows`` (tuples in ``columns`` order) into ``table``."""
        if not rows:
            return
        names = ", ".join(columns)
        if self.sqlite:
            model = Base.metadata.tables[table]
            # Rendered in SQLAlchemy's SQLite DateTime format (always with microseconds), so
            # string comparisons in queries order these rows exactly like ORM-written ones.
            when = [i for i, c in enumerate(columns) if isinstance(model.c[c].type, DateTime)]
            if when:
                rows = [_with_sqlite_datetimes(row, when) for row in rows]
            days = [i for i, c in enumerate(columns) if type(model.c[c].type) is Date]
            if days:
                rows = [_with_sqlite_dates(row, days) for row in rows]
            marks = ", ".join("?" * len(columns))
            cursor = self.raw.cursor()
            try:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
            finally:
                cursor.close()
            return
        with self.raw.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def insert_dicts(self, table: str, rows: Sequence[dict]) -> None:
        """Insert rows given as dicts (all with the same keys): for the small tables."""
        if rows:
            columns = tuple(rows[0])
            self.insert(table, columns, [tuple(r[c] for c in columns) for r in rows])

    def reset_sequences(self, tables: Sequence[str]) -> None:
        """After explicit ids, make PostgreSQL's id sequences continue past them."""
        if self.sqlite:
            return
        for table in tables:
            self.connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                )
            )


@contextmanager
def indexes_deferred(connection: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Drop the secondary indexes (and on PostgreSQL the foreign keys) of ``tables`` for a bulk
    load and build them again at the end: one sort per index instead of millions of random
    B-tree inserts, one join per foreign key instead of a trigger per row.

    The definitions are read from the database itself, so whatever its schema holds comes back
    exactly. Must run inside the load's transaction, after its first write (SQLite's driver
    opens the transaction at the first INSERT, and DDL before it would commit on its own):
    if the load fails, the rollback restores the indexes with the old rows.
    """
    if connection.dialect.name == "sqlite":
        saved = [
            (name, sql)
            for table in tables
            for name, sql in connection.execute(
                text(
                    "SELECT name, sql FROM sqlite_master"
                    " WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
                ),
                {"t": table},
            )
        ]
        keys: list[tuple[str, str, str]] = []
    else:
        saved = [
            (name, sql)
            for table in tables
            for name, sql in connection.execute(
                text(
                    "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
                    " JOIN pg_class i ON i.oid = x.indexrelid"
                    " WHERE x.indrelid = CAST(:t AS regclass)"
                    " AND NOT x.indisprimary AND NOT x.indisunique"
                ),
                {"t": table},
            )
        ]
        keys = [
            (table, name, definition)
            for table in tables
            for name, definition in connection.execute(
                text(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    " WHERE conrelid = CAST(:t AS regclass) AND contype = 'f'"
                ),
                {"t": table},
            )
        ]
    for table, name, _definition in keys:
        connection.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    for name, _sql in saved:
        connection.execute(text(f'DROP INDEX "{name}"'))
    yield
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
    for _name, sql in saved:
        connection.execute(text(sql))
    for table, name, definition in keys:
        connection.execute(text(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))


def _with_sqlite_dates(row: Sequence, positions: list[int]) -> list:
    values = list(row)
    for i in positions:
        if values[i] is not None:
            values[i] = values[i].isoformat()
    return values


def _with_sqlite_datetimes(row: Sequence, positions: list[int]) -> list:
    values = list(row)
    for i in positions:
        value = values[i]
        if value is not None:
            # str() is the fast path; it omits the fraction only when it is zero.
            text_ = str(value)
            values[i] = text_ + ".000000" if len(text_) == 19 else text_
    return values
