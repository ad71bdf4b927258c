"""gridcenter backup and gridcenter restore: a copy of the whole database while desks
keep working, and that copy put back into an empty database.

    gridcenter backup --db URL --out FILE [--user LOGIN]
    gridcenter restore --db URL --from FILE --user LOGIN

Who may: on SQLite (one laptop) whoever may read the file may copy it, so backup needs no
sign-in there (the file's owner; with --user the login is signed in and must be an
administrator). On PostgreSQL backup signs in like every other command and only an
administrator may. pg_dump then connects with the account --db names, which must be able
to read the whole database (its owner, as for init-db and migrate: an administrator's
own login role may not read every sequence, and row-level security hides rows from it); a
password in the URL goes to pg_dump in PGPASSWORD, never on its command line. pg_dump must be
on PATH.

restore writes only into an empty database and refuses one that holds anything, saying
what. On SQLite the backup is copied into a new file beside the target, its schema checked (a
newer one than this GridCenter knows is refused; an older one is migrated), --user signed
in on the copy as an administrator, and only then is the copy renamed onto the target. On
PostgreSQL an empty database has no accounts yet: --db names a server account that owns
the empty database (as for init-db), pg_restore runs in one transaction, and --user is
then signed in on the restored database and must be an administrator there. The database's roles
are named after it and the dump's grants name them, so a dump goes back into an
empty database of the same name on a server that has those roles (the same server after
DROP DATABASE / CREATE DATABASE, or a new one given them by pg_dumpall --roles-only).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from gridcenter_desktop.cli_sign_in import (
    DatabaseNotReady,
    SignInError,
    add_user_option,
    database_url,
    password_for,
    signed_in,
)


def add_commands(subparsers, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter backup`` and ``gridcenter restore`` (cli.py calls this)."""
    backup = subparsers.add_parser(
        "backup",
        help="copy the whole database to a file while desks keep working",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(backup)
    add_user_option(backup)
    backup.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help="the backup file (SQLite: a database file; PostgreSQL: pg_dump -Fc)",
    )
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore",
        help="put a backup into an empty database",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(restore)
    add_user_option(restore)
    restore.add_argument(
        "--from",
        dest="backup",
        type=Path,
        required=True,
        metavar="FILE",
        help="a file written by 'gridcenter backup'",
    )
    restore.set_defaults(handler=run_restore)


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _require_admin(signed) -> None:
    from gridcenter_desktop.core.enums import UserRole

    if signed.actor.role != UserRole.ADMIN:
        raise SignInError(f"{signed.actor.login} may not back up or restore: administrators only")


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.1f} kB"


def run_backup(args: argparse.Namespace) -> int:
    """Write the backup; the exit code (errors are raised for cli.main to say in one line)."""
    from gridcenter_desktop.db import backup

    url = database_url(args)
    if _is_sqlite(url):
        if getattr(args, "user", None):
            signed = signed_in(args, note_must_change=False)
            try:
                _require_admin(signed)
            finally:
                signed.engine.dispose()
        done = backup.backup_sqlite(Path(make_url(url).database or ""), args.out)
        tickets = "no ticket table" if done.tickets is None else f"{done.tickets} tickets"
        print(f"wrote {done.path} ({_size(done.size)}, {tickets})")
        return 0
    backup.require_pg_tool(backup.PG_DUMP)  # before the password is asked for
    login = (getattr(args, "user", None) or "").strip()
    if not login:
        raise SignInError("backing up a server needs a sign-in: add --user LOGIN")
    signed = signed_in(args, password_for(login), note_must_change=False)
    try:
        _require_admin(signed)
        tickets = _count_tickets(signed.engine)
    finally:
        signed.engine.dispose()
    # The administrator's group role may not read every sequence and row (row-level
    # security): pg_dump connects with the account --db names, which must be able to read
    # the whole database (its owner, as for init-db and migrate).
    size = backup.backup_postgresql(make_url(url), args.out)
    print(f"wrote {args.out} ({_size(size)}, about {tickets} tickets when it began)")
    return 0


def _count_tickets(engine) -> int:
    from sqlalchemy import text

    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM ticket")).scalar_one()


def run_restore(args: argparse.Namespace) -> int:
    """Restore into an empty database; the exit code."""
    from gridcenter_desktop.db import backup, migrate
    from gridcenter_desktop.db.engine import make_engine

    login = (getattr(args, "user", None) or "").strip()
    if not login:
        raise SignInError(
            "restore needs a sign-in: add --user LOGIN (an administrator in the backup)"
        )
    url = database_url(args)
    if not _is_sqlite(url):
        return _restore_postgresql(args, url, login)
    target = Path(make_url(url).database or "")
    password = password_for(login)
    with backup.restoring_sqlite(args.backup, target) as copy:
        engine = make_engine(str(copy.path))
        try:
            revision = migrate.check_not_newer(engine)  # SchemaTooNewError, as the app
            if revision is None:
                raise DatabaseNotReady(f"{args.backup} holds no GridCenter schema")
            migrate.upgrade(engine, copy_first=False)
        finally:
            engine.dispose()
        on_copy = argparse.Namespace(db=str(copy.path), user=login)
        signed = signed_in(on_copy, password, note_must_change=False)
        try:
            _require_admin(signed)
        finally:
            signed.engine.dispose()
    tickets = "no ticket table" if copy.tickets is None else f"{copy.tickets} tickets"
    print(f"restored {args.backup} into {target} ({tickets}, schema {migrate.head_revision()})")
    return 0


def _restore_postgresql(args: argparse.Namespace, url: str, login: str) -> int:
    from sqlalchemy import inspect

    from gridcenter_desktop.db import backup, migrate, pg_security
    from gridcenter_desktop.db.engine import make_engine

    backup.require_pg_tool(backup.PG_RESTORE)
    engine = make_engine(url)
    try:
        tables = inspect(engine).get_table_names()
        if tables:
            held = [f"{len(tables)} tables"]
            if "ticket" in tables:
                held.append(f"{_count_tickets(engine)} tickets")
            raise backup.BackupError(
                f"the database {engine.url.database} is not empty (it holds {', '.join(held)});"
                " restore only into an empty database"
            )
        backup.require_same_database(engine.url, args.backup)
        _require_roles(engine)
        backup.restore_postgresql(engine.url, args.backup)
        with engine.begin() as conn:
            pg_security.grant_database_access(conn)  # a dump carries no database grants
        migrate.check_not_newer(engine)  # SchemaTooNewError, as the app
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    signed = signed_in(args, password_for(login), note_must_change=False)
    try:
        _require_admin(signed)
        tickets = _count_tickets(signed.engine)
    finally:
        signed.engine.dispose()
    print(f"restored {args.backup} ({tickets} tickets, schema {migrate.head_revision()})")
    return 0


def _require_roles(engine) -> None:
    """The server has the roles of this database's name (the restored grants name them)."""
    from sqlalchemy import text

    from gridcenter_desktop.db import roles
    from gridcenter_desktop.db.backup import BackupError

    with engine.connect() as conn:
        names = roles.all_role_names(roles.database_prefix(conn))
        found = set(
            conn.scalars(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:n)"), {"n": names})
        )
    missing = [n for n in names if n not in found]
    if missing:
        raise BackupError(
            f"the server has no role {missing[0]}: restore the roles first"
            " (pg_dumpall --roles-only on the old server, psql on this one)"
        )
