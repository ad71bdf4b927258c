"""Background jobs: run slow work (queries on big filters, charts, building the demo) on a
thread pool so the window never freezes.

A job is a plain function ``fn(job_context, *args)``. It runs on a worker thread, opens its own
database session through ``job_context.session()``, never touches widgets, reports progress with
``job_context.progress(done, total, text)`` and looks at ``job_context.cancelled`` in long
loops. Its result, error and progress come back to the GUI thread through queued signals, where
the ``on_result`` / ``on_error`` / ``on_progress`` callbacks run.

Submitting a job with a ``key`` supersedes the previous job of that key: the old one is told to
cancel and, whatever it returns, its result is dropped. That is how a fast typist's stale search
results never overwrite the newest ones.
"""

from __future__ import annotations

import itertools
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker


class JobCancelled(Exception):
    """Raised by ``JobContext.check_cancelled()``; a cancelled job ends quietly."""


class JobContext:
    """What a running job may use: its own sessions, progress reporting and a cancel flag."""

    def __init__(self, job: Job, session_factory: sessionmaker[Session] | None) -> None:
        self._job = job
        self._session_factory = session_factory
        self._sessions: list[Session] = []

    def session(self) -> Session:
        """A new database session for this job (closed when the job ends)."""
        if self._session_factory is None:
            raise RuntimeError("this JobRunner has no session factory")
        session = self._session_factory()
        self._sessions.append(session)
        return session

    @property
    def cancelled(self) -> bool:
        """True once the job was cancelled or superseded; long loops should stop early."""
        return self._job.cancelled

    def check_cancelled(self) -> None:
        """Raise JobCancelled when the job was cancelled (ends it without an error)."""
        if self._job.cancelled:
            raise JobCancelled()

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report progress; delivered to ``on_progress(done, total, text)`` in the GUI thread."""
        self._job._runner._sig_progress.emit(self._job.id, int(done), int(total), str(text))

    def _close(self) -> None:
        for session in self._sessions:
            try:
                session.close()
            except DBAPIError as exc:
                # A server that went away mid-job cannot take the closing ROLLBACK; the job's
                # own outcome (already handed over) says what happened. Anything else is a bug.
                if not exc.connection_invalidated:
                    raise
        self._sessions.clear()


class Job:
    """Handle of a submitted job: cancel it, or ask whether it finished."""

    def __init__(
        self,
        runner: JobRunner,
        job_id: int,
        key: str | None,
        on_result: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
    ) -> None:
        self._runner = runner
        self.id = job_id
        self.key = key
        self.on_result = on_result
        self.on_error = on_error
        self.on_progress = on_progress
        self._cancel = threading.Event()
        self.done = False

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the job to stop; its result (if any) is dropped."""
        self._cancel.set()


class _Runnable(QRunnable):
    def __init__(self, runner: JobRunner, job: Job, fn: Callable[..., Any], args: tuple) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._runner = runner
        self._job = job
        self._fn = fn
        self._args = args
        self._session_factory = runner.session_factory

    def run(self) -> None:  # worker thread
        ctx = JobContext(self._job, self._session_factory)
        runner = self._runner
        try:
            if self._job.cancelled:
                runner._sig_finished.emit(self._job.id)
                return
            result = self._fn(ctx, *self._args)
        except JobCancelled:
            runner._sig_finished.emit(self._job.id)
        except BaseException as exc:  # handed to the GUI thread, shown there
            runner._sig_error.emit(self._job.id, exc)
        else:
            runner._sig_result.emit(self._job.id, result)
        finally:
            ctx._close()


_RUNNERS: weakref.WeakSet[JobRunner] = weakref.WeakSet()


def live_runners() -> list[JobRunner]:
    """Every JobRunner still alive (tests check that none has jobs left)."""
    return list(_RUNNERS)


class _IdleWaiter:
    """A when_idle callback (compared by identity)."""

    def __init__(self, callback: Callable[[], object]) -> None:
        self.callback = callback


class JobRunner(QObject):
    """Runs jobs on its own QThreadPool and delivers their outcome in the GUI thread."""

    sig_job_failed = Signal(object)
    """sig_job_failed(exc: BaseException): a job without ``on_error`` raised; the frame shows
    it (ui.errors) so no error is ever lost."""

    sig_job_error = Signal(object)
    """sig_job_error(exc: BaseException): any job (with or without ``on_error``) raised; the
    connection monitor looks for disconnects here."""

    sig_busy_changed = Signal(bool)
    """sig_busy_changed(busy: bool): whether any job is running (for a busy indicator)."""

    _sig_result = Signal(int, object)
    _sig_error = Signal(int, object)
    _sig_progress = Signal(int, int, int, str)
    _sig_finished = Signal(int)

    def __init__(
        self,
        session_factory: sessionmaker[Session] | None = None,
        parent: QObject | None = None,
        max_threads: int = 3,
    ) -> None:
        super().__init__(parent)
        self.session_factory = session_factory
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._jobs: dict[int, Job] = {}
        self._by_key: dict[str, Job] = {}
        self._idle_waiters: list[_IdleWaiter] = []
        # Worker threads emit; this object lives in the GUI thread, so delivery is queued.
        self._sig_result.connect(self._deliver_result)
        self._sig_error.connect(self._deliver_error)
        self._sig_progress.connect(self._deliver_progress)
        self._sig_finished.connect(self._deliver_finished)
        _RUNNERS.add(self)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        key: str | None = None,
    ) -> Job:
        """Run ``fn(job_context, *args)`` in the background; callbacks run in the GUI thread.
        A job with the same ``key`` as a running one cancels and supersedes it."""
        job = Job(self, next(self._ids), key, on_result, on_error, on_progress)
        if key is not None:
            previous = self._by_key.get(key)
            if previous is not None:
                previous.cancel()
            self._by_key[key] = job
        was_idle = not self._jobs
        self._jobs[job.id] = job
        if was_idle:
            self.sig_busy_changed.emit(True)
        self._pool.start(_Runnable(self, job, fn, args))
        return job

    def cancel_all(self) -> None:
        """Cancel every running job and forget when_idle callbacks (the window closes)."""
        self._idle_waiters.clear()
        for job in list(self._jobs.values()):
            job.cancel()

    def pending_count(self) -> int:
        """Jobs submitted whose outcome has not been delivered yet."""
        return len(self._jobs)

    def is_idle(self) -> bool:
        """No job running, nothing waiting to be delivered, no when_idle callback pending."""
        return not self._jobs and not self._idle_waiters and self._pool.activeThreadCount() == 0

    def when_idle(
        self,
        callback: Callable[[], object],
        max_wait_ms: int = 1500,
        owner: QObject | None = None,
    ) -> None:
        """Call ``callback`` (GUI thread) once no job is running, or after ``max_wait_ms`` at
        the latest. For work that can wait behind the start-up jobs: the queue's first rows
        paint before a dock imports a heavy library or runs a big query. The callback is
        dropped when ``owner`` is destroyed first."""
        waiter = _IdleWaiter(callback)
        self._idle_waiters.append(waiter)
        if owner is not None:
            waiters = self._idle_waiters  # not self: the connection must not keep it alive
            owner.destroyed.connect(lambda *_: waiter in waiters and waiters.remove(waiter))
        QTimer.singleShot(max_wait_ms, self, lambda: self._fire(waiter))
        if not self._jobs:
            QTimer.singleShot(0, self, lambda: self._fire(waiter))

    def _fire(self, waiter: _IdleWaiter) -> None:
        if waiter in self._idle_waiters:  # once only: idle moment or time limit
            self._idle_waiters.remove(waiter)
            waiter.callback()

    def _run_idle_waiters(self) -> None:
        for waiter in list(self._idle_waiters):
            # After the current delivery returns, and only if still idle then (otherwise the
            # next idle moment, or the time limit, fires it).
            QTimer.singleShot(0, self, lambda w=waiter: None if self._jobs else self._fire(w))

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Process events until every job (including ones their callbacks submit) finished and
        was delivered; False on timeout. For tests and shutdown."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                return self.is_idle()
            self._pool.waitForDone(min(remaining_ms, 50))
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if self.is_idle():
                return True

    # -- delivery in the GUI thread ----------------------------------------------------------

    def _finish(self, job_id: int) -> Job | None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return None
        job.done = True
        if job.key is not None and self._by_key.get(job.key) is job:
            del self._by_key[job.key]
        if not self._jobs:
            self.sig_busy_changed.emit(False)
            self._run_idle_waiters()
        return job

    @Slot(int, object)
    def _deliver_result(self, job_id: int, result: object) -> None:
        job = self._finish(job_id)
        if job is not None and not job.cancelled and job.on_result is not None:
            job.on_result(result)

    @Slot(int, object)
    def _deliver_error(self, job_id: int, exc: object) -> None:
        job = self._finish(job_id)
        if job is None or job.cancelled:
            return
        assert isinstance(exc, BaseException)
        self.sig_job_error.emit(exc)
        if job.on_error is not None:
            job.on_error(exc)
        else:
            self.sig_job_failed.emit(exc)

    @Slot(int, int, int, str)
    def _deliver_progress(self, job_id: int, done: int, total: int, text: str) -> None:
        job = self._jobs.get(job_id)
        if job is not None and not job.cancelled and job.on_progress is not None:
            job.on_progress(done, total, text)

    @Slot(int)
    def _deliver_finished(self, job_id: int) -> None:
        self._finish(job_id)
