"""How application accounts map to PostgreSQL roles.

Roles are global to a server cluster, and several towns' databases may share one server (a
district), so every name is derived from the database's name through a *prefix*:

* group roles ``<prefix>_viewer``, ``<prefix>_operator``, ``<prefix>_supervisor``,
  ``<prefix>_admin``: one per application role, holding the grants (migration 0008); NOLOGIN;
* the gate ``<prefix>_gate``: a login role whose password is public (``GATE_PASSWORD``) because
  it may only EXECUTE the sign-in functions that count attempts (services/pg_sign_in.py);
* one login role per account, ``<prefix>.<login>``, member of its group role; its password is
  the account's password, checked by the server (SCRAM).

The prefix is the database name itself when that is a plain lower-case identifier of at most
30 characters (``guangfu`` → ``guangfu_admin``, ``guangfu.zhangsan``), so a DBA reads the names
at a glance. Any other name (capitals, dashes, too long) becomes its first 21 plain characters,
a dash and 8 hex digits of its SHA-256: the dash never occurs in a plain prefix, so two
databases never share a prefix. Group-role suffixes contain no underscore and logins are kept
apart by the dot, which no prefix contains: names never clash between databases.

Logins: 1 to 32 ASCII letters, digits, ``_``, ``.`` or ``-``, starting with a letter or a digit
(they go into role names and onto command lines; 30 + 1 + 32 fits PostgreSQL's 63 bytes).

Passwords never cross the wire in clear: the client turns them into a SCRAM verifier
(``scram_verifier``) and only the verifier reaches the server and its logs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Connection

from gridcenter_desktop.core.enums import UserRole

GROUP_SUFFIXES: dict[UserRole, str] = {
    UserRole.VIEWER: "viewer",
    UserRole.OPERATOR: "operator",
    UserRole.SUPERVISOR: "supervisor",
    UserRole.ADMIN: "admin",
}
GATE_SUFFIX = "gate"
# Not a secret: the gate may only call the attempt-counting functions (docs/deployment.md).
GATE_PASSWORD = "gridcenter-gate"
MAX_LOGIN_LENGTH = 32
MAX_PLAIN_PREFIX = 30
_PLAIN_PREFIX = re.compile(r"[a-z_][a-z0-9_]{0,29}")
_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}")
_NOT_PLAIN = re.compile(r"[^a-z0-9_]")
# Every role this module names carries this comment, so a migration never adopts a role that
# somebody else made for another purpose.
ROLE_COMMENT = "gridcenter {kind} of database {database}"


def prefix_for(database: str) -> str:
    """The role-name prefix of ``database`` (see the module docstring)."""
    if _PLAIN_PREFIX.fullmatch(database):
        return database
    plain = _NOT_PLAIN.sub("_", database.lower())[:21] or "db"
    digest = hashlib.sha256(database.encode("utf-8")).hexdigest()[:8]
    return f"{plain}-{digest}"


def group_role(prefix: str, role: UserRole) -> str:
    """The group role holding the grants of application role ``role``."""
    return f"{prefix}_{GROUP_SUFFIXES[UserRole(role)]}"


def group_roles(prefix: str) -> dict[UserRole, str]:
    return {role: group_role(prefix, role) for role in GROUP_SUFFIXES}


def gate_role(prefix: str) -> str:
    return f"{prefix}_{GATE_SUFFIX}"


def login_problem(login: str) -> str | None:
    """The rule ``login`` breaks, or None: "required", "too_long", "bad_characters"."""
    if not login:
        return "required"
    if len(login) > MAX_LOGIN_LENGTH:
        return "too_long"
    if not _LOGIN.fullmatch(login):
        return "bad_characters"
    return None


def login_role(prefix: str, login: str) -> str:
    """The login role of account ``login`` (which must pass ``login_problem``)."""
    problem = login_problem(login)
    if problem is not None:
        raise ValueError(f"login {login!r}: {problem}")
    return f"{prefix}.{login}"


def all_role_names(prefix: str) -> list[str]:
    """Group and gate roles of a prefix (login roles are ``<prefix>.%``)."""
    return [*group_roles(prefix).values(), gate_role(prefix)]


def quote_ident(conn: Connection, name: str) -> str:
    """``name`` quoted as an SQL identifier by the driver (psycopg.sql), for DDL that takes no
    bind parameters (CREATE ROLE, GRANT)."""
    from psycopg import sql

    raw = conn.connection.dbapi_connection
    return sql.Identifier(name).as_string(raw)


def quote_literal(conn: Connection, value: str) -> str:
    from psycopg import sql

    raw = conn.connection.dbapi_connection
    return sql.Literal(value).as_string(raw)


def execute_ddl(conn: Connection, statement: str) -> None:
    """Run a statement without bind parameters (a SCRAM verifier holds colons, which text()
    would read as parameters) in ``conn``'s transaction."""
    with conn.connection.dbapi_connection.cursor() as cursor:
        cursor.execute(statement)


def scram_verifier(conn: Connection, role: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` for ``role``, computed here by libpq: the
    server stores and logs only this, never the password."""
    raw = conn.connection.dbapi_connection
    verifier = raw.pgconn.encrypt_password(
        password.encode("utf-8"), role.encode("utf-8"), b"scram-sha-256"
    )
    return verifier.decode("ascii")


def database_prefix(conn: Connection) -> str:
    """The prefix of the database ``conn`` is connected to."""
    return prefix_for(conn.scalar(text("SELECT current_database()")))


def create_logins(conn: Connection, accounts: Iterable[tuple[str, UserRole, str]]) -> None:
    """Give existing app_user rows their login roles: ``accounts`` are (login, role, password).
    For bulk loads run by the schema owner (the demo); the user administration goes through
    services/users.py. Runs the owner-only function of migration 0008 in ``conn``'s
    transaction."""
    prefix = database_prefix(conn)
    for login, _role, password in accounts:
        verifier = scram_verifier(conn, login_role(prefix, login), password)
        conn.execute(
            text("SELECT gc_user_login_create(id, :verifier) FROM app_user WHERE login = :login"),
            {"verifier": verifier, "login": login},
        )


def drop_logins(conn: Connection) -> None:
    """Drop the login roles of the connected database's accounts (before its app_user rows are
    wiped: the demo's --replace). The schema owner's CREATEROLE allows it."""
    for name in conn.scalars(
        text("SELECT rolname FROM pg_roles WHERE starts_with(rolname, :dotted)"),
        {"dotted": database_prefix(conn) + "."},
    ).all():
        conn.execute(text(f"DROP ROLE {quote_ident(conn, name)}"))


def drop_all(conn: Connection, prefix: str) -> None:
    """Drop every role of ``prefix`` (after its database is gone: tests, decommissioning).
    ``conn`` must be allowed to drop roles (CREATEROLE or superuser)."""
    names = conn.scalars(
        text(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(:fixed)"
            " OR starts_with(rolname, :dotted)"
        ),
        {"fixed": all_role_names(prefix), "dotted": prefix + "."},
    ).all()
    # Login roles first: they are members of the groups.
    for name in sorted(names, key=lambda n: "." not in n):
        conn.execute(text(f"DROP ROLE IF EXISTS {quote_ident(conn, name)}"))
