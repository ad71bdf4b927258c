"""Brings other workstations' changes into this window: a thread waits on the change feed
(services/change_feed.py) and re-emits what it hears as ``bus.sig_tickets_changed``, which the
queue, detail, dispatch, tree, charts and status bar already follow.

The feed itself leaves out this desk's own changes (it knows the engine's origin id), so
nothing here guesses echoes from timing: a change by another desk a moment after one's own is
shown like any other."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal

from gridcenter_desktop.services.change_feed import ChangeListener
from gridcenter_desktop.ui.context import AppContext

# How long one wait on the feed lasts before the thread checks whether it should stop.
_WAIT_SECONDS = 0.25
# Pauses between attempts to start listening while the server cannot be reached.
_RETRY_FIRST = 0.5
_RETRY_MAX = 10.0


class _FeedThread(QThread):
    sig_changed = Signal(list)
    """sig_changed(ticket_ids: list[int]): heard from the feed ([] = refresh everything)."""

    sig_state = Signal(bool)
    """sig_state(connected: bool): the feed lost its server (False) or has it again (True)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self._engine = context.engine
        self._stopping = False

    def run(self) -> None:  # noqa: D102 - QThread override, runs on the thread
        listener = self._first_listener()
        if listener is None:
            return
        try:
            while not self._stopping:
                ids = listener.wait(_WAIT_SECONDS)
                if ids is not None and not self._stopping:
                    self.sig_changed.emit(ids)
        finally:
            listener.close()

    def _first_listener(self) -> ChangeListener | None:
        """The listener, retried with a growing pause while the server cannot be reached
        (the desk works meanwhile, without other desks' changes); None when stopped first."""
        pause = _RETRY_FIRST
        failed = False
        while not self._stopping:
            try:
                listener = ChangeListener(self._engine, on_state=self.sig_state.emit)
            except Exception:  # unreachable server, refused LISTEN: try again later
                if not failed:
                    failed = True
                    self.sig_state.emit(False)
                waited = 0.0
                while waited < pause and not self._stopping:
                    self.msleep(100)
                    waited += 0.1
                pause = min(pause * 2, _RETRY_MAX)
                continue
            if failed:
                self.sig_state.emit(True)
                self.sig_changed.emit([])  # what changed meanwhile was not heard
            return listener
        return None

    def stop(self) -> None:
        self._stopping = True
        self.wait(3000)


class ChangeWatcher(QObject):
    """Start with :meth:`start` once the window is up; :meth:`stop` before the engine goes."""

    sig_feed_state = Signal(bool)
    """sig_feed_state(connected: bool): whether other desks' changes are reaching this window
    (False while the listener has lost the server and retries; True when it is back, after
    which everything is refreshed once)."""

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._thread = _FeedThread(context)
        # Queued connections: they arrive on the GUI thread.
        self._thread.sig_changed.connect(self._on_feed)
        self._thread.sig_state.connect(self.sig_feed_state)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._thread.stop()

    def _on_feed(self, ids: list) -> None:
        self._context.bus.sig_tickets_changed.emit(list(ids))
