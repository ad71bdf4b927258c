"""The change feed between workstations: when one desk changes tickets, the others' open
windows hear of it within a second and refresh what they show.

* PostgreSQL: every transaction that writes tickets through the ORM sends
  ``NOTIFY gridcenter_tickets, '<ids>'`` just before it commits. NOTIFY is transactional, so a
  rolled-back action announces nothing and listeners never see a change before it is visible.
  :class:`ChangeListener` LISTENs on its own connection (round trip ~0.2 ms here).
* SQLite (one laptop, but possibly a second process such as a scheduled import): the listener
  polls ``PRAGMA data_version``, which changes when another connection commits; it cannot say
  which tickets changed, so it reports "refresh everything" (an empty id list).

Bulk loaders that bypass the ORM (the demo builder) announce nothing: a desk opened on a
database being rebuilt is not a case we serve.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent

CHANNEL = "gridcenter_tickets"
# NOTIFY payloads are limited to 8000 bytes; past this many ids we say "refresh everything".
_MAX_IDS = 500
_PENDING = "gridcenter_changed_tickets"


def _ticket_ids(objects: Iterable[object]) -> set[int]:
    ids: set[int] = set()
    for obj in objects:
        if isinstance(obj, Ticket) and obj.id is not None:
            ids.add(obj.id)
        elif isinstance(obj, Assignment | TicketEvent) and obj.ticket_id is not None:
            ids.add(obj.ticket_id)
    return ids


def _after_flush(session: Session, _context) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    changed = _ticket_ids([*session.new, *session.dirty, *session.deleted])
    if changed:
        session.info.setdefault(_PENDING, set()).update(changed)


def _before_commit(session: Session) -> None:
    ids = session.info.pop(_PENDING, None)
    if not ids:
        return
    payload = "" if len(ids) > _MAX_IDS else ",".join(str(i) for i in sorted(ids))
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
    )


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


def parse_payload(payload: str) -> list[int]:
    """Ticket ids from a notification; [] means "many or unknown: refresh everything"."""
    return [int(part) for part in payload.split(",") if part.strip().isdigit()]


class ChangeListener:
    """Waits for other workstations' changes. Use from one (background) thread; ``close()``
    when done. ``wait(timeout)`` returns the changed ticket ids ([] = refresh everything) or
    None when nothing changed within ``timeout`` seconds."""

    def __init__(self, engine: Engine, *, poll_interval: float = 0.5) -> None:
        self._poll_interval = poll_interval
        self._pg: psycopg.Connection | None = None  # noqa: F821 - imported when used
        self._sqlite = None
        if engine.dialect.name == "postgresql":
            url = make_url(engine.url).set(drivername="postgresql")
            conninfo = url.render_as_string(hide_password=False)
            # Imported here: psycopg costs ~0.2 s at start-up, which a SQLite desk never needs.
            import psycopg

            self._pg = psycopg.connect(conninfo, autocommit=True, connect_timeout=5)
            self._pg.execute(f"LISTEN {CHANNEL}")
        else:
            self._sqlite = engine.raw_connection()
            self._version = self._data_version()

    def _data_version(self) -> int:
        cur = self._sqlite.cursor()
        try:
            return cur.execute("PRAGMA data_version").fetchone()[0]
        finally:
            cur.close()

    def wait(self, timeout: float) -> list[int] | None:
        if self._pg is not None:
            ids: set[int] = set()
            everything = False
            got = False
            for notify in self._pg.notifies(timeout=timeout, stop_after=1):
                got = True
                parsed = parse_payload(notify.payload)
                everything = everything or not parsed
                ids.update(parsed)
            if not got:
                return None
            # Drain what else arrived meanwhile, so a burst becomes one refresh.
            for notify in self._pg.notifies(timeout=0.05):
                parsed = parse_payload(notify.payload)
                everything = everything or not parsed
                ids.update(parsed)
            return [] if everything else sorted(ids)
        deadline = time.monotonic() + timeout
        while True:
            version = self._data_version()
            if version != self._version:
                self._version = version
                return []
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            time.sleep(min(self._poll_interval, left))

    def close(self) -> None:
        if self._pg is not None:
            self._pg.close()
            self._pg = None
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None


event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "before_commit", _before_commit)
event.listen(Session, "after_rollback", _after_rollback)
