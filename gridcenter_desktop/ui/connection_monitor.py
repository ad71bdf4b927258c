"""Keeps the window up when the server goes away: notices the loss (a periodic cheap check,
or any background job failing with a disconnect), greys the write actions, retries with
growing intervals in background jobs (never on the GUI thread), and when the server answers
again re-enables writing and refreshes every dock. What the operator typed stays in the forms.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from gridcenter_desktop.services.connection import LinkHealth, LinkState, is_disconnect, probe
from gridcenter_desktop.ui.context import AppContext

CHECK_MS = 10_000


def _probe_job(_job, engine) -> None:
    probe(engine)


class ConnectionMonitor(QObject):
    """Start with :meth:`start` once the window is up; :meth:`stop` before the engine goes."""

    sig_state_changed = Signal(str)
    """sig_state_changed(state: services.connection.LinkState): the link changed state."""

    def __init__(
        self,
        context: AppContext,
        parent: QObject | None = None,
        *,
        check_ms: int = CHECK_MS,
        backoff_scale: float = 1.0,
    ) -> None:
        """``backoff_scale`` shrinks the waits between attempts (tests use a small one)."""
        super().__init__(parent)
        self._context = context
        self.health = LinkHealth()
        self._scale = backoff_scale
        self._stopped = False
        self._checking = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._attempt)
        context.jobs.sig_job_error.connect(self.notice_error)

    @property
    def state(self) -> LinkState:
        return self.health.state

    def start(self) -> None:
        self._stopped = False
        self._timer.start()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._retry.stop()

    # -- noticing -----------------------------------------------------------------------------

    def check(self) -> None:
        """The periodic check (only while connected; while lost the retries check)."""
        if self._stopped or self._checking or not self.health.online:
            return
        self._checking = True
        self._context.jobs.submit(
            _probe_job,
            self._context.engine,
            on_result=self._check_answered,
            on_error=self._check_failed,
            key="connection.check",
        )

    def _check_answered(self, _result) -> None:
        self._checking = False
        if self.health.online:
            before = self.health.state
            self.health.answered()
            if self.health.state != before:
                self._set(self.health.state)

    def _check_failed(self, exc: BaseException) -> None:
        self._checking = False
        self.notice_error(exc)

    def notice_error(self, exc: BaseException) -> None:
        """Any job's error: a disconnect takes the link down and starts the retries."""
        if self._stopped or not is_disconnect(exc):
            return
        if self.health.failed():
            logging.getLogger("gridcenter").warning("connection to the server lost: %s", exc)
            self._context.write_gate.set_writable(False)
            self._set(LinkState.LOST)
            self._schedule()

    # -- retrying -----------------------------------------------------------------------------

    def _schedule(self) -> None:
        if not self._stopped:
            self._retry.start(int(self.health.next_delay() * 1000 * self._scale))

    def _attempt(self) -> None:
        if self._stopped or self.health.online:
            return
        self.health.retrying()
        self._set(LinkState.RETRYING)
        self._context.jobs.submit(
            _probe_job,
            self._context.engine,
            on_result=self._retry_answered,
            on_error=self._retry_failed,
            key="connection.retry",
        )

    def _retry_answered(self, _result) -> None:
        if self._stopped or not self.health.answered():
            return
        logging.getLogger("gridcenter").info("connection to the server restored")
        self._context.write_gate.set_writable(True)
        self._set(LinkState.RESTORED)
        # Everything may have changed meanwhile: every dock reloads (the refresh-all signal).
        self._context.bus.sig_tickets_changed.emit([])

    def _retry_failed(self, exc: BaseException) -> None:
        if self._stopped:
            return
        if not is_disconnect(exc):
            logging.getLogger("gridcenter").warning("reconnection check failed: %r", exc)
        self.health.failed()
        self._schedule()

    def _set(self, state: LinkState) -> None:
        self.sig_state_changed.emit(str(state))
