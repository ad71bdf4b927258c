"""Is the database server reachable? The state of the link and how often to try again.

Qt-free so the rules are tested on their own: ui/connection_monitor.py runs the checks in
background jobs and shows the state. The link goes connected → lost (a check or any job failed
with a disconnect) → retrying (checks at growing intervals: 1, 2, 4 … 30 s) → restored (a
check answered; the window refreshes everything) → connected.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# Seconds between reconnection attempts: quick at first (a restarting server is back in a
# few seconds), then every half minute so a long outage does not hammer the network.
BACKOFF_SECONDS = (1, 2, 4, 8, 16, 30)


class LinkState(StrEnum):
    CONNECTED = "connected"
    LOST = "lost"
    RETRYING = "retrying"
    RESTORED = "restored"


def is_disconnect(exc: BaseException) -> bool:
    """Whether ``exc`` means the server could not be reached or the connection broke (as
    opposed to a refused statement, which the server answered)."""
    if isinstance(exc, DBAPIError):
        return bool(exc.connection_invalidated) or isinstance(
            exc, OperationalError | InterfaceError
        )
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg ships with the app
        return False
    return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)


def probe(engine: Engine) -> None:
    """One cheap round trip; raises (OperationalError) when the server does not answer. The
    pool's pre-ping replaces a connection the server dropped, so a restarted server passes."""
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")


class LinkHealth:
    """The link's state machine. Call :meth:`failed` when a check or a job hit a disconnect,
    :meth:`retrying` when a reconnection attempt starts, :meth:`answered` when a check got an
    answer; :meth:`next_delay` says how long to wait before the next attempt."""

    def __init__(self, backoff: tuple[float, ...] = BACKOFF_SECONDS) -> None:
        self.state = LinkState.CONNECTED
        self.failures = 0
        self._backoff = backoff

    @property
    def online(self) -> bool:
        """Writing is possible."""
        return self.state in (LinkState.CONNECTED, LinkState.RESTORED)

    def failed(self) -> bool:
        """A disconnect was seen. True when this took the link down (was online)."""
        if self.online:
            self.state = LinkState.LOST
            self.failures = 0
            return True
        self.failures += 1
        return False

    def retrying(self) -> None:
        """A reconnection attempt starts."""
        if not self.online:
            self.state = LinkState.RETRYING

    def answered(self) -> bool:
        """A check got an answer. True when this restored a lost link."""
        if self.online:
            self.state = LinkState.CONNECTED
            return False
        self.state = LinkState.RESTORED
        self.failures = 0
        return True

    def next_delay(self) -> float:
        """Seconds to wait before the next reconnection attempt."""
        return self._backoff[min(self.failures, len(self._backoff) - 1)]
