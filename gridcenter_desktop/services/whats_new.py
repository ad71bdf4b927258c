"""What is new at this desk: tickets other desks registered or changed since the window
opened, until the operator has seen them (selected them in the queue).

The rule lives here, Qt-free. Every action writes exactly one ticket event (merge one on each
ticket), and event ids only grow, so "what happened since" is "events after the newest one this
desk has read" — whatever the change feed could say (on SQLite it only says "something
changed"), and whatever the desks' clocks say. :func:`events_since` reads them;
:class:`DeskNews` keeps the per-desk state:

* an event by another user marks its ticket unseen: NEW when it registers the ticket, CHANGED
  otherwise (a NEW ticket stays NEW however often it changes before it is seen);
* the desk's own user's events mark nothing (this desk did them, or the same person at another
  desk);
* a ticket the operator has selected is seen: selecting it clears its mark, and changes to the
  ticket being looked at mark nothing (the open forms show them in their warning strip);
* a dispatch with 吹哨报到 (whistle) and a registration of an urgent or critical ticket by
  another user raise an :class:`Alert` (the window shows a notification).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import EventAction, Priority
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.db.user import User

# At most this many events are read per check; a desk far behind catches up over a few checks.
EVENTS_PER_CHECK = 500


@dataclass(frozen=True, slots=True)
class TicketNews:
    """One ticket event as the news rule needs it."""

    event_id: int
    ticket_id: int
    code: str
    title: str
    priority: Priority
    action: EventAction
    at: datetime
    user_id: int | None
    user_name: str | None
    whistle: bool = False


def newest_event_id(session: Session) -> int:
    """The id of the newest ticket event (0 when none): where a desk starts reading."""
    return int(session.scalar(select(func.max(TicketEvent.id))) or 0)


def events_since(
    session: Session, after_event_id: int, limit: int = EVENTS_PER_CHECK
) -> list[TicketNews]:
    """The ticket events after ``after_event_id``, oldest first (at most ``limit``)."""
    rows = session.execute(
        select(
            TicketEvent.id,
            TicketEvent.ticket_id,
            Ticket.code,
            Ticket.title,
            Ticket.priority,
            TicketEvent.action,
            TicketEvent.at,
            TicketEvent.user_id,
            User.display_name,
            TicketEvent.data,
        )
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .outerjoin(User, User.id == TicketEvent.user_id)
        .where(TicketEvent.id > after_event_id)
        .order_by(TicketEvent.id)
        .limit(limit)
    ).all()
    return [
        TicketNews(
            event_id=r.id,
            ticket_id=r.ticket_id,
            code=r.code,
            title=r.title,
            priority=Priority(r.priority),
            action=EventAction(r.action),
            at=r.at,
            user_id=r.user_id,
            user_name=r.display_name,
            whistle=_whistle(r.data),
        )
        for r in rows
    ]


def _whistle(data: str | None) -> bool:
    if not data:
        return False
    try:
        return bool(json.loads(data).get("whistle"))
    except (ValueError, AttributeError):
        return False


class Mark(StrEnum):
    NEW = "new"  # registered by another desk, not seen yet
    CHANGED = "changed"  # changed by another desk, not seen yet


class AlertKind(StrEnum):
    WHISTLE = "whistle"  # dispatched with 吹哨报到: departments must report in within hours
    URGENT = "urgent"  # an urgent or critical ticket was registered


@dataclass(frozen=True, slots=True)
class Unseen:
    """Why a ticket is marked: the mark and the latest event by another desk."""

    mark: Mark
    news: TicketNews


@dataclass(frozen=True, slots=True)
class Alert:
    kind: AlertKind
    news: TicketNews


_URGENT = frozenset({Priority.URGENT, Priority.CRITICAL})


class DeskNews:
    """One desk's unseen tickets (see the module docstring). ``start`` is the newest event id
    when the desk opened: what happened before is not news."""

    def __init__(self, my_user_id: int | None, start: int) -> None:
        self.my_user_id = my_user_id
        self.last_event_id = start
        self._unseen: dict[int, Unseen] = {}
        self._current: int | None = None

    def observe(self, events: Iterable[TicketNews]) -> tuple[set[int], list[Alert]]:
        """Take in events (any order; those already read are skipped): the ids of tickets
        whose mark changed, and the alerts to raise."""
        changed: set[int] = set()
        alerts: list[Alert] = []
        for e in sorted(events, key=lambda e: e.event_id):
            if e.event_id <= self.last_event_id:
                continue
            self.last_event_id = e.event_id
            if e.user_id == self.my_user_id or e.ticket_id == self._current:
                continue
            before = self._unseen.get(e.ticket_id)
            registered = e.action is EventAction.REGISTER
            mark = Mark.NEW if registered or (before and before.mark is Mark.NEW) else Mark.CHANGED
            self._unseen[e.ticket_id] = Unseen(mark, e)
            changed.add(e.ticket_id)
            if e.action is EventAction.DISPATCH and e.whistle:
                alerts.append(Alert(AlertKind.WHISTLE, e))
            elif registered and e.priority in _URGENT:
                alerts.append(Alert(AlertKind.URGENT, e))
        return changed, alerts

    def select(self, ticket_id: int | None) -> bool:
        """The operator selected this ticket (None: none): it is seen. True when that cleared
        a mark."""
        self._current = ticket_id
        return ticket_id is not None and self._unseen.pop(ticket_id, None) is not None

    def unseen(self, ticket_id: int) -> Unseen | None:
        """Why the ticket is marked, or None."""
        return self._unseen.get(ticket_id)

    @property
    def new_count(self) -> int:
        """Unseen NEW tickets (what the window title and the tray show)."""
        return sum(1 for u in self._unseen.values() if u.mark is Mark.NEW)

    @property
    def unseen_count(self) -> int:
        """Unseen tickets, new and changed."""
        return len(self._unseen)
