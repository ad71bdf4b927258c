"""What every widget of the desk is given: the database, the acting user, settings, the job
runner and the event bus. Passed in explicitly (never a global) so tests build their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.settings import Settings


class EventBus(QObject):
    """Signals the docks use to talk to each other without knowing each other."""

    sig_ticket_selected = Signal(object)
    """sig_ticket_selected(ticket_id: int | None): the current ticket changed (None: no
    ticket selected). Emitted by the queue; the detail and dispatch docks follow it."""

    sig_tickets_changed = Signal(list)
    """sig_tickets_changed(ticket_ids: list[int]): these tickets were changed (by this desk or
    another workstation); an empty list means "many changed, refresh everything"."""

    sig_filter_requested = Signal(dict)
    """sig_filter_requested(fields: dict): apply these services.queue.QueueFilter fields to
    the queue, e.g. {"area_id": 5} from the grid tree or {"category": "noise"} from a chart;
    fields not named keep their current value. The queue dock applies them."""

    sig_period_changed = Signal(object, object)
    """sig_period_changed(date_from: datetime.date, date_to: datetime.date): the period the
    charts (and anything following them) show, both ends inclusive."""


def _local_now() -> datetime:
    # Naive local time (China time) everywhere, as the database stores it.
    return datetime.now()


@dataclass
class AppContext:
    """The desk's shared state. ``now()`` returns the current naive local datetime; tests pass a
    fixed clock so "overdue" and "today" do not depend on when they run."""

    engine: Engine
    session_factory: sessionmaker[Session]
    db_label: str
    actor: Actor
    settings: Settings
    jobs: JobRunner
    bus: EventBus = field(default_factory=EventBus)
    now: Callable[[], datetime] = _local_now

    def today(self) -> date:
        """The current local date (from ``now()``)."""
        return self.now().date()
