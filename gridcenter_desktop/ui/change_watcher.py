"""Brings other workstations' changes into this window: a thread waits on the change feed
(services/change_feed.py) and re-emits what it hears as ``bus.sig_tickets_changed``, which the
queue, detail, dispatch, tree, charts and status bar already follow."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QThread, Signal

from gridcenter_desktop.services.change_feed import ChangeListener
from gridcenter_desktop.ui.context import AppContext

# This desk's own actions come back through the feed too (NOTIFY reaches every listener; on
# SQLite our own commits move data_version). The docks refreshed already when the action
# finished, so an echo within this many seconds is dropped.
_ECHO_SECONDS = 3.0


class _FeedThread(QThread):
    sig_changed = Signal(list)
    """sig_changed(ticket_ids: list[int]): heard from the feed ([] = refresh everything)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self._engine = context.engine
        self._stopping = False

    def run(self) -> None:  # noqa: D102 - QThread override, runs on the thread
        try:
            listener = ChangeListener(self._engine)
        except Exception:  # no feed (server refused LISTEN): the desk still works, unshared
            return
        try:
            while not self._stopping:
                ids = listener.wait(0.5)
                if ids is not None and not self._stopping:
                    self.sig_changed.emit(ids)
        finally:
            listener.close()

    def stop(self) -> None:
        self._stopping = True
        self.wait(3000)


class ChangeWatcher(QObject):
    """Start with :meth:`start` once the window is up; :meth:`stop` before the engine goes."""

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._own: dict[int, float] = {}
        self._own_any = 0.0
        self._forwarding = False
        self._thread = _FeedThread(context)
        self._thread.sig_changed.connect(self._on_feed)  # queued: arrives on the GUI thread
        context.bus.sig_tickets_changed.connect(self._remember_own)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._thread.stop()

    def _remember_own(self, ids: list) -> None:
        if self._forwarding:
            return
        now = time.monotonic()
        self._own_any = now
        for ticket_id in ids:
            self._own[int(ticket_id)] = now

    def _on_feed(self, ids: list) -> None:
        now = time.monotonic()
        self._own = {t: at for t, at in self._own.items() if now - at < _ECHO_SECONDS}
        if ids and all(t in self._own for t in ids):
            return
        if not ids and now - self._own_any < _ECHO_SECONDS:
            return
        self._forwarding = True
        try:
            self._context.bus.sig_tickets_changed.emit(list(ids))
        finally:
            self._forwarding = False
