"""Signing in on the command line: every command that reads personal data or writes runs as a
user (``--user LOGIN``) with that user's rights, through the same door as the window
(services.sign_in).

The password is never an option (it would sit in the shell history and the process list):
it is read from ``GRIDCENTER_PASSWORD`` when that is set (scheduled jobs: keep it in the job's
environment, not in a script file), else asked for with getpass when a terminal is attached;
otherwise the command stops with one line.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import default_database_url, make_engine, normalize_url
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.audit import workstation_name
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.sign_in import SignedIn, sign_in

PASSWORD_ENV = "GRIDCENTER_PASSWORD"


class SignInError(Exception):
    """The command may not run: no sign-in, or a refused one (one line for the user)."""


class DatabaseNotReady(Exception):
    """No database file at the path, or no (or an older) GridCenter schema in it."""


def day_argument(text: str) -> date:
    """An argparse ``type`` for a day written YYYY-MM-DD (every command's --from, --to...)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_user_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--user LOGIN`` on ``parser``. As with --db, "gridcenter --user X report ..." and
    "gridcenter report ... --user X" both work: a sub-command's default (SUPPRESS) never hides
    the top-level value."""
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        default=None if top_level else argparse.SUPPRESS,
        help=f"sign in as LOGIN; the password comes from {PASSWORD_ENV} when set (scheduled"
        " jobs), else it is asked for",
    )


def password_for(login: str, env: str = PASSWORD_ENV) -> str:
    """The password of ``login``: the ``env`` variable when set, else typed at the terminal."""
    value = os.environ.get(env)
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(f"{login} 的密码 (password): ")
        except EOFError:  # Ctrl-D at the prompt
            raise SignInError(f"no password given for {login}") from None
    raise SignInError(f"no password: set {env} or run in a terminal")


def database_url(args: argparse.Namespace) -> str:
    """The full URL ``--db`` names (the local file without it)."""
    db = getattr(args, "db", None)
    return normalize_url(db) if db else default_database_url()


def require_existing_file(url: str) -> None:
    """A command that opens an existing database must not leave an empty SQLite file (and its
    folders) behind a mistyped path."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not os.path.isfile(parsed.database):
            raise DatabaseNotReady(f"no database file at {parsed.database}")


def require_schema(engine: Engine) -> None:
    """The database holds this GridCenter's schema (SchemaTooNewError for a newer one)."""
    revision = migrate.check_not_newer(engine)
    if revision is None:
        raise DatabaseNotReady("the database has no GridCenter schema; run 'gridcenter init-db'")
    if revision != migrate.head_revision():
        raise DatabaseNotReady(
            f"the database schema (revision {revision}) is older than this GridCenter;"
            " run 'gridcenter migrate' first"
        )


def signed_in(
    args: argparse.Namespace, password: str | None = None, *, note_must_change: bool = True
) -> SignedIn:
    """Sign ``args.user`` in to ``args.db``; the caller disposes of ``.engine``. ``password``
    when the caller already has it (else password_for). Raises SignInError (no --user, no
    password, refused), DatabaseNotReady, or SQLAlchemy's errors for an unreachable server."""
    login = (getattr(args, "user", None) or "").strip()
    if not login:
        raise SignInError("this command needs a sign-in: add --user LOGIN")
    url = database_url(args)
    require_existing_file(url)
    local = make_url(url).get_backend_name() == "sqlite"
    if local:
        # Checked before the password is asked for: a file without our schema cannot sign
        # anyone in, and saying so beats a prompt followed by "no such table".
        engine = make_engine(url)
        try:
            require_schema(engine)
        finally:
            engine.dispose()
    if password is None:
        password = password_for(login)
    try:
        signed = sign_in(url, login, password, workstation=workstation_name())
    except ValidationError as exc:
        raise SignInError(refusal(login, exc)) from None
    if not local:
        # A server is checked once signed in: the URL alone may not be allowed to connect.
        try:
            require_schema(signed.engine)
        except BaseException:
            signed.engine.dispose()
            raise
    if signed.must_change_password and note_must_change:
        # Not refused: a scheduled job should not stop overnight; but the log says it.
        print(
            f"gridcenter: note: {login} must change the password (sign in to the window)",
            file=sys.stderr,
        )
    return signed


@contextmanager
def signed_session(args: argparse.Namespace) -> Iterator[tuple[Session, Actor]]:
    """:func:`signed_in`, then one Session on its engine for the command's work: yields
    (session, actor) and disposes of the engine afterwards, however the command ends."""
    signed = signed_in(args)
    try:
        with Session(signed.engine) as session:
            yield session, signed.actor
    finally:
        signed.engine.dispose()


def refusal(login: str, error: ValidationError) -> str:
    """One line saying why ``login`` was not signed in."""
    if (error.field, error.rule) == ("login", "locked"):
        return f"cannot sign in as {login}: locked after repeated wrong passwords{_until(error)}"
    if (error.field, error.rule) == ("login", "unknown"):
        return f"cannot sign in as {login}: no such active account"
    if error.field == "password":
        return f"cannot sign in as {login}: wrong password"
    return f"cannot sign in as {login}: {error}"


def _until(error: ValidationError) -> str:
    try:
        until = datetime.fromisoformat(str(error))
    except ValueError:
        return ""
    return f" until {until:%H:%M}"
