"""The link to the server: the state machine (connected → lost → retrying → restored) and its
backoff without Qt, what counts as a disconnect, and a real PostgreSQL database that stops
accepting connections and comes back."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError, OperationalError

from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.services.connection import (
    BACKOFF_SECONDS,
    LinkHealth,
    LinkState,
    is_disconnect,
    probe,
)
from tests.conftest import PG_ADMIN_URL, create_pg_database, drop_pg_database


def test_lost_retrying_restored_with_growing_waits():
    health = LinkHealth()
    assert health.state == LinkState.CONNECTED and health.online
    assert health.failed() is True  # a job or the check saw a disconnect
    assert health.state == LinkState.LOST and not health.online
    assert health.failed() is False  # a second failing job changes nothing visible
    waits = []
    health = LinkHealth()
    health.failed()
    for _ in range(8):
        waits.append(health.next_delay())
        health.retrying()
        assert health.state == LinkState.RETRYING and not health.online
        health.failed()
    assert waits == [1, 2, 4, 8, 16, 30, 30, 30]
    assert max(waits) == BACKOFF_SECONDS[-1]
    assert health.answered() is True  # restored: the window refreshes
    assert health.state == LinkState.RESTORED and health.online
    assert health.next_delay() == 1  # a later loss starts quick again
    assert health.answered() is False
    assert health.state == LinkState.CONNECTED


def test_what_counts_as_a_disconnect():
    refused = OperationalError("SELECT 1", {}, Exception("connection refused"))
    assert is_disconnect(refused)
    duplicate = IntegrityError("INSERT", {}, Exception("duplicate key"))
    assert not is_disconnect(duplicate)  # the server answered: not a lost link
    assert not is_disconnect(ValueError("x"))


def test_sqlite_probe_answers(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    probe(engine)
    engine.dispose()


def _admin(sql: str) -> None:
    eng = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(text(sql))
    eng.dispose()


def block(url: str) -> None:
    """The server stops accepting connections to this database and drops ours (what a
    server restart or a cut cable looks like from the desk)."""
    name = url.rsplit("/", 1)[1]
    _admin(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
    _admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        f" WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )


def unblock(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    _admin(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


@pytest.mark.pg
def test_probe_fails_while_the_server_is_away_and_passes_after():
    url = create_pg_database()
    engine = make_engine(url)
    try:
        probe(engine)
        block(url)
        with pytest.raises(OperationalError) as caught:
            probe(engine)
        assert is_disconnect(caught.value)
        health = LinkHealth()
        assert health.failed()
        unblock(url)
        health.retrying()
        probe(engine)  # the pool replaced the killed connection
        assert health.answered() and health.state == LinkState.RESTORED
    finally:
        engine.dispose()
        unblock(url)
        drop_pg_database(url)
