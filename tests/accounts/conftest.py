"""A throwaway PostgreSQL cluster that checks passwords (SCRAM), for the tests that need it.

The shared test server trusts local connections, so it accepts any password. The
``scram_server`` fixture runs initdb in a temporary folder with ``scram-sha-256`` for every
host connection, starts it on a free port once per session and stops it afterwards. initdb
refuses to run as root (CI runs as root): then the cluster is run by the ``postgres`` OS user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gridcenter_desktop.db import migrate, roles
from gridcenter_desktop.db.engine import make_engine
from tests.conftest import REQUIRE_PG, require_pg

SUPERUSER_PASSWORD = "throwaway-superuser-pw"
OWNER_PASSWORD = "throwaway-owner-pw"


def _bindir() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class ScramServer:
    port: int
    admin_url: str  # the cluster's superuser, with its password
    log: Path  # the server's log (every statement is logged)

    def create_database(self) -> str:
        """A fresh database owned by a role that has CREATEROLE and nothing more (as
        docs/deployment.md sets it up), migrated to head by that owner; returns its URL
        without credentials (sign-in supplies them)."""
        name = f"gc_scram_{uuid.uuid4().hex[:10]}"
        eng = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with eng.connect() as conn:
            conn.execute(
                text(f"CREATE ROLE \"owner_{name}\" LOGIN CREATEROLE PASSWORD '{OWNER_PASSWORD}'")
            )
            conn.execute(text(f'CREATE DATABASE "{name}" OWNER "owner_{name}"'))
        eng.dispose()
        engine = make_engine(self.owner_url(name))
        migrate.upgrade(engine)
        engine.dispose()
        return f"postgresql+psycopg://127.0.0.1:{self.port}/{name}"

    def owner_url(self, database: str) -> str:
        """The database owner's URL (with its password)."""
        url = make_url(self.admin_url).set(
            database=database, username=f"owner_{database}", password=OWNER_PASSWORD
        )
        return url.render_as_string(False)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        eng = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with eng.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            roles.drop_all(conn, roles.prefix_for(name))
            conn.execute(text(f'DROP ROLE IF EXISTS "owner_{name}"'))
        eng.dispose()


@pytest.fixture(scope="session")
def scram_server() -> Iterator[ScramServer]:
    require_pg()  # the same condition as the other PostgreSQL tests (CI requires it)
    bindir = _bindir()
    if bindir is None:
        if REQUIRE_PG:  # CI: the password tests must run, not skip
            pytest.fail("initdb not installed (GRIDCENTER_REQUIRE_PG=1)")
        pytest.skip("initdb not installed")
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="gc_scram_"))
    data = base / "data"
    pwfile = base / "pw"
    pwfile.write_text(SUPERUSER_PASSWORD + "\n")
    if as_root:
        os.chmod(base, 0o755)
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")

    def run(*args: str) -> None:
        command = [str(bindir / args[0]), *args[1:]]
        if as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    port = _free_port()
    run(
        "initdb", "-D", str(data), "-U", "postgres", "--pwfile", str(pwfile),
        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync",
    )  # fmt: skip
    with open(data / "postgresql.conf", "a") as conf:
        conf.write(
            f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{base}'\npassword_encryption = 'scram-sha-256'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            "max_connections = 60\nshared_buffers = 32MB\nlog_statement = 'all'\n"
        )
    (data / "pg_hba.conf").write_text(
        "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
    )
    run("pg_ctl", "-D", str(data), "-l", str(base / "log"), "-w", "-t", "60", "start")
    try:
        yield ScramServer(
            port,
            f"postgresql+psycopg://postgres:{SUPERUSER_PASSWORD}@127.0.0.1:{port}/postgres",
            base / "log",
        )
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def scram_db(scram_server) -> Iterator[str]:
    url = scram_server.create_database()
    try:
        yield url
    finally:
        scram_server.drop_database(url)
