"""Bulk writing of demo rows inside the caller's transaction.

A million tickets bring some eight million rows; ORM objects or SQLAlchemy's per-row parameter
processing would take far longer than the inserts themselves. So rows go as tuples straight to
the driver: ``executemany`` on SQLite (datetimes rendered in SQLAlchemy's own storage format, so
the ORM reads them back unchanged) and ``COPY ... FROM STDIN`` on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, DateTime, text

from gridcenter_desktop.db.models import Base


def _sqlite_datetime(value: datetime | None) -> str | None:
    # SQLAlchemy's SQLite DateTime storage format (always with microseconds), so that string
    # comparisons in queries order these rows exactly like ORM-written ones.
    if value is None:
        return None
    return f"{value.isoformat(' ', 'seconds')}.{value.microsecond:06d}"


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
            when = [i for i, c in enumerate(columns) if isinstance(model.c[c].type, DateTime)]
            if when:
                rows = [_with_sqlite_datetimes(row, when) for row in rows]
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


def _with_sqlite_datetimes(row: Sequence, positions: list[int]) -> list:
    values = list(row)
    for i in positions:
        values[i] = _sqlite_datetime(values[i])
    return values
