"""Triggers that keep the timeline (ticket_event) and the audit trail (audit_entry)
append-only: the database itself refuses UPDATE and DELETE, whoever asks.

On PostgreSQL the grants already refuse both to every application role; the trigger also stops
the schema owner, so an administrator with the owner's password cannot quietly rewrite history.
The one way out is the documented archive of audit rows older than six months
(``gridcenter audit archive``), which sets ``gridcenter.archive_before`` for its transaction.
TRUNCATE (the demo's --replace, owner only) fires no row trigger.

On SQLite (one laptop, whose user owns the file) the triggers guard against mistakes, not
against the file's owner; the demo's --replace drops and recreates them around its wipe.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

APPEND_ONLY_TABLES = ("ticket_event", "audit_entry")

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION gc_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cutoff text := current_setting('gridcenter.archive_before', true);
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_entry' AND cutoff IS NOT NULL
       AND cutoff <> '' AND OLD.at < cutoff::timestamp
       AND OLD.at < (now() AT TIME ZONE 'Asia/Shanghai') - interval '6 months' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'gridcenter: % rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$
"""


def create(conn: Connection) -> None:
    """Install the triggers on both tables (idempotent)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(_PG_FUNCTION))
        for table in APPEND_ONLY_TABLES:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{table}_append_only ON {table}")
            conn.exec_driver_sql(
                f"CREATE TRIGGER trg_{table}_append_only BEFORE UPDATE OR DELETE ON {table}"
                " FOR EACH ROW EXECUTE FUNCTION gc_append_only()"
            )
        return
    for table in APPEND_ONLY_TABLES:
        for op in ("UPDATE", "DELETE"):
            name = f"trg_{table}_no_{op.lower()}"
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} BEFORE {op} ON {table} BEGIN"
                f" SELECT RAISE(ABORT, 'gridcenter: {table} rows are append-only ({op} refused)');"
                " END"
            )


def drop(conn: Connection) -> None:
    """Remove the triggers (SQLite demo wipe, downgrade)."""
    if conn.dialect.name == "postgresql":
        for table in APPEND_ONLY_TABLES:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{table}_append_only ON {table}")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS gc_append_only()")
        return
    for table in APPEND_ONLY_TABLES:
        for op in ("update", "delete"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{table}_no_{op}")
