"""What every widget of the desk is given: the database, the acting user, settings, the job
runner and the event bus. Passed in explicitly (never a global) so tests build their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.settings import Settings
from gridcenter_desktop.ui.write_gate import WriteGate


class EventBus(QObject):
    """Signals the docks use to talk to each other without knowing each other."""

    sig_ticket_selected = Signal(object)
    """sig_ticket_selected(ticket_id: int | None): the current ticket changed (None: no
    ticket selected). Emitted by the queue; the detail and dispatch docks follow it."""

    sig_tickets_changed = Signal(list)
    """sig_tickets_changed(ticket_ids: list[int]): these tickets were changed (by this desk or
    another workstation); an empty list means "many changed, refresh everything"."""

    sig_callback_recorded = Signal(int)
    """sig_callback_recorded(ticket_id: int): a callback round was saved on this ticket (the
    待回访 list then moves on to the next reporter). Emitted just before sig_tickets_changed."""

    sig_filter_requested = Signal(dict)
    """sig_filter_requested(fields: dict): apply these services.queue.QueueFilter fields to
    the queue, e.g. {"area_id": 5} from the grid tree or {"category": "noise"} from a chart;
    fields not named keep their current value. The queue dock applies them."""

    sig_period_changed = Signal(object, object)
    """sig_period_changed(date_from: datetime.date, date_to: datetime.date): the period the
    charts (and anything following them) show, both ends inclusive."""

    sig_area_selected = Signal(int)
    """sig_area_selected(area_id: int): the operator chose an area (town, village or grid) in
    the grid tree or on the map; the other one follows (the map pans to it, the tree selects
    it). Emitted beside sig_filter_requested({"area_id": ...})."""

    sig_location_picked = Signal(float, float)
    """sig_location_picked(longitude, latitude): the operator clicked the map in "pick a place"
    mode (WGS-84); the register dialog or the detail panel that asked for it takes it."""

    sig_queue_filter_changed = Signal(object)
    """sig_queue_filter_changed(flt: services.queue.QueueFilter): the queue now shows the
    tickets of ``flt`` (emitted when its rows arrive); the map draws the same tickets."""

    sig_location_wanted = Signal(object)
    """sig_location_wanted(owner: object | None): a dialog or panel asks the map to switch to
    "pick a place" mode for ``owner`` (None: leave it). The map shows itself and answers with
    sig_location_picked."""


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
    now: Callable[[], datetime] = china_now  # core/clock.py: China time
    write_gate: WriteGate = field(default_factory=WriteGate)
    # The database's URL as opened (in memory only: it may carry the connection's password).
    url: str = ""
    # The actor signed in through services.sign_in (the window audits the sign-out); False
    # for the demo screenshot's operator and for tests.
    signed_in: bool = False
    # The database is a demo (app_setting demo="1"): the window shows a banner.
    demo: bool = False

    def today(self) -> date:
        """The current local date (from ``now()``)."""
        return self.now().date()

    def replace_engine(self, engine: Engine) -> None:
        """Act through ``engine`` from now on (signed in again after a password change on
        PostgreSQL, where the old engine still holds the old password). Sessions made after
        this use it; the old engine is disposed."""
        old = self.engine
        self.session_factory.configure(bind=engine)
        self.engine = engine
        if old is not engine:
            old.dispose()

    def sign_out(self) -> None:
        """Audit the sign-out (the window closes). A lost connection only loses the entry."""
        if not self.signed_in:
            return
        self.signed_in = False
        from gridcenter_desktop.services.sign_in import sign_out

        try:
            sign_out(self.engine, self.actor, now=self.now())
        except Exception as exc:  # noqa: BLE001 - closing must not fail over an audit row
            import logging

            logging.getLogger("gridcenter").warning("sign-out not audited: %r", exc)
