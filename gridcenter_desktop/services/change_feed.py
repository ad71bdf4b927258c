"""The change feed between workstations: when one desk changes tickets, the others' open
windows hear of it at once and refresh what they show.

Each engine (one per desk) has a random *origin* id; a listener hears only the other origins'
changes, so a desk is not told again what it just did itself, and a change from another desk
is never mistaken for an echo, however close in time.

* PostgreSQL: every transaction that writes tickets through the ORM sends
  ``NOTIFY gridcenter_tickets, '<origin>:<ids>'`` just before it commits. NOTIFY is
  transactional, so a rolled-back action announces nothing and listeners never see a change
  before it is visible. :class:`ChangeListener` LISTENs on its own connection and hands a
  notification over as soon as it arrives (plus whatever else is already queued, so a burst
  becomes one refresh). When the server goes away it reconnects with a growing pause and
  reports the state; after a reconnection it says "refresh everything", since changes made
  meanwhile were not heard.
* SQLite (one laptop, but possibly a second process such as a scheduled import): notifications
  cannot carry a payload. The listener polls ``PRAGMA data_version`` (a few microseconds; it
  changes when another connection commits) and, when it moves, reads the timeline rows added
  since its last look: every ticket action writes one, so their ticket ids are what changed.
  Rows this engine wrote itself are remembered at commit and skipped. Like NOTIFY, only ticket
  actions are announced (a calendar edit or a sign-in is not a change to show).

Bulk loaders that bypass the ORM (the demo builder) announce nothing: a desk opened on a
database being rebuilt is not a case we serve.
"""

from __future__ import annotations

import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent

CHANNEL = "gridcenter_tickets"
# NOTIFY payloads are limited to 8000 bytes; past this many ids we say "refresh everything".
_MAX_IDS = 500
_PENDING = "gridcenter_changed_tickets"
_PENDING_EVENTS = "gridcenter_own_events"
# How often a SQLite listener looks at data_version (see docs/performance.md for its cost).
SQLITE_POLL_SECONDS = 0.025
# Pauses between reconnection attempts after the server went away: 0.5 s doubling to 10 s.
_RECONNECT_FIRST = 0.5
_RECONNECT_MAX = 10.0


class _Origin:
    """One engine's identity on the feed, and (SQLite) the timeline rows it wrote itself
    that a listener on the same engine has not yet skipped."""

    def __init__(self) -> None:
        self.id = uuid.uuid4().hex[:12]
        self.listeners = 0
        self.own_events: set[int] = set()
        self.lock = threading.Lock()


_ORIGINS: weakref.WeakKeyDictionary[Engine, _Origin] = weakref.WeakKeyDictionary()
_ORIGINS_LOCK = threading.Lock()


def origin_of(engine: Engine) -> _Origin:
    """The origin of ``engine`` (made on first use)."""
    with _ORIGINS_LOCK:
        origin = _ORIGINS.get(engine)
        if origin is None:
            origin = _ORIGINS[engine] = _Origin()
        return origin


def _ticket_ids(objects: Iterable[object]) -> set[int]:
    ids: set[int] = set()
    for obj in objects:
        if isinstance(obj, Ticket) and obj.id is not None:
            ids.add(obj.id)
        elif isinstance(obj, Assignment | TicketEvent) and obj.ticket_id is not None:
            ids.add(obj.ticket_id)
    return ids


def _after_flush(session: Session, _context) -> None:
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        changed = _ticket_ids([*session.new, *session.dirty, *session.deleted])
        if changed:
            session.info.setdefault(_PENDING, set()).update(changed)
        return
    if origin_of(bind.engine).listeners:
        events = {o.id for o in session.new if isinstance(o, TicketEvent) and o.id is not None}
        if events:
            session.info.setdefault(_PENDING_EVENTS, set()).update(events)


def announce(session: Session, ticket_ids: Iterable[int]) -> None:
    """Announce tickets written by bulk statements (which the ORM hooks above do not see) with
    the session's next commit. PostgreSQL only: SQLite listeners read the timeline rows."""
    if session.get_bind().dialect.name == "postgresql":
        session.info.setdefault(_PENDING, set()).update(ticket_ids)


def _before_commit(session: Session) -> None:
    ids = session.info.pop(_PENDING, None)
    if not ids:
        return
    listed = "" if len(ids) > _MAX_IDS else ",".join(str(i) for i in sorted(ids))
    origin = origin_of(session.get_bind().engine).id
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": f"{origin}:{listed}"},
    )


def _after_commit(session: Session) -> None:
    events = session.info.pop(_PENDING_EVENTS, None)
    if events:
        origin = origin_of(session.get_bind().engine)
        with origin.lock:
            origin.own_events.update(events)


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_PENDING_EVENTS, None)


def parse_payload(payload: str) -> tuple[str, list[int]]:
    """(origin, ticket ids) of a notification; [] means "many or unknown: refresh
    everything". A payload without an origin (an older desk) has origin ""."""
    origin, _, listed = payload.rpartition(":")
    return origin, [int(part) for part in listed.split(",") if part.strip().isdigit()]


class ChangeListener:
    """Waits for other workstations' changes. Use from one (background) thread; ``close()``
    when done. ``wait(timeout)`` returns the changed ticket ids ([] = refresh everything) or
    None when nothing changed within ``timeout`` seconds. ``on_state(connected)`` is called
    when the connection to the server is lost or comes back (PostgreSQL)."""

    def __init__(
        self,
        engine: Engine,
        *,
        poll_interval: float = SQLITE_POLL_SECONDS,
        on_state: Callable[[bool], None] | None = None,
    ) -> None:
        self._poll_interval = poll_interval
        self._on_state = on_state or (lambda _connected: None)
        self._origin = origin_of(engine)
        self._pg = None
        self._sqlite = None
        self._closed = False
        if engine.dialect.name == "postgresql":
            url = make_url(engine.url).set(drivername="postgresql")
            self._conninfo = url.render_as_string(hide_password=False)
            self._pg = self._connect()
        else:
            with self._origin.lock:
                self._origin.listeners += 1
            self._sqlite = engine.raw_connection()
            self._version = self._data_version()
            self._last_event = self._max_event_id()

    # -- PostgreSQL -------------------------------------------------------------------------

    def _connect(self):
        # Imported here: psycopg costs ~0.2 s at start-up, which a SQLite desk never needs.
        import psycopg

        conn = psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _wait_pg(self, timeout: float) -> list[int] | None:
        import psycopg

        if self._closed:
            return None
        if self._pg is None:
            return self._reconnect(timeout)
        ids: set[int] = set()
        everything = False
        got = False
        try:
            deadline = time.monotonic() + timeout
            while not got:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                # stop_after=1: hand over the first notification as soon as it arrives;
                # timeout=0 then takes only what is already queued, without waiting.
                for batch_timeout, stop_after in ((left, 1), (0.0, None)):
                    for notify in self._pg.notifies(timeout=batch_timeout, stop_after=stop_after):
                        origin, parsed = parse_payload(notify.payload)
                        if origin == self._origin.id:
                            continue  # this desk's own change: it refreshed already
                        got = True
                        everything = everything or not parsed
                        ids.update(parsed)
        except psycopg.OperationalError:
            self._lost()
            return None
        return [] if everything else sorted(ids)

    def _lost(self) -> None:
        if self._pg is not None:
            try:
                self._pg.close()
            except Exception:  # closing a broken connection may fail; it is gone either way
                pass
            self._pg = None
            self._pause = _RECONNECT_FIRST
            self._next_try = time.monotonic() + self._pause
            self._on_state(False)

    def _reconnect(self, timeout: float) -> list[int] | None:
        """Try again once the pause is over; [] (refresh everything) when connected again."""
        import psycopg

        wait = self._next_try - time.monotonic()
        if wait > 0:
            time.sleep(min(wait, timeout))
            if wait > timeout:
                return None
        try:
            self._pg = self._connect()
        except psycopg.OperationalError:
            self._pause = min(self._pause * 2, _RECONNECT_MAX)
            self._next_try = time.monotonic() + self._pause
            return None
        self._on_state(True)
        return []

    @property
    def connected(self) -> bool:
        """False while the listener has lost its server and is trying to get it back."""
        return self._sqlite is not None or self._pg is not None

    # -- SQLite ------------------------------------------------------------------------------

    def _data_version(self) -> int:
        cur = self._sqlite.cursor()
        try:
            return cur.execute("PRAGMA data_version").fetchone()[0]
        finally:
            cur.close()

    def _max_event_id(self) -> int:
        cur = self._sqlite.cursor()
        try:
            return cur.execute("SELECT coalesce(max(id), 0) FROM ticket_event").fetchone()[0]
        finally:
            cur.close()

    def _changes_since_last_look(self) -> list[int] | None:
        cur = self._sqlite.cursor()
        try:
            rows = cur.execute(
                "SELECT id, ticket_id FROM ticket_event WHERE id > ? ORDER BY id",
                (self._last_event,),
            ).fetchall()
            if not rows:
                newest = self._max_event_id()
                if newest < self._last_event:
                    self._last_event = newest  # the timeline was rebuilt
                    return []
        finally:
            cur.close()
            # Read outside a transaction, so the next data_version comparison is fresh.
            self._sqlite.rollback()
        if not rows:
            return None  # a commit that changed no ticket (a setting, the calendar, ...)
        self._last_event = rows[-1][0]
        with self._origin.lock:
            own = self._origin.own_events
            foreign = {ticket_id for event_id, ticket_id in rows if event_id not in own}
            own.difference_update(event_id for event_id, _ in rows)
        return sorted(foreign) if foreign else None

    def _wait_sqlite(self, timeout: float) -> list[int] | None:
        deadline = time.monotonic() + timeout
        while True:
            version = self._data_version()
            if version != self._version:
                self._version = version
                changed = self._changes_since_last_look()
                if changed is not None:
                    return changed
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            time.sleep(min(self._poll_interval, left))

    # -----------------------------------------------------------------------------------------

    def wait(self, timeout: float) -> list[int] | None:
        if self._sqlite is not None:
            return self._wait_sqlite(timeout)
        return self._wait_pg(timeout)

    def close(self) -> None:
        if self._pg is not None:
            self._pg.close()
            self._pg = None
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
            with self._origin.lock:
                self._origin.listeners -= 1
        self._closed = True


event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "before_commit", _before_commit)
event.listen(Session, "after_commit", _after_commit)
event.listen(Session, "after_rollback", _after_rollback)
