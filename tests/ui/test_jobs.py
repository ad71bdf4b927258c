"""Background jobs deliver results in the GUI thread, drop superseded results, and report
errors and progress."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from gridcenter_desktop.ui.jobs import JobRunner


def test_result_arrives_in_gui_thread(qapp):
    runner = JobRunner()
    seen = []
    worker_threads = []

    def work(ctx, a, b):
        worker_threads.append(threading.current_thread())
        return a + b

    runner.submit(work, 2, 3, on_result=lambda r: seen.append((r, threading.current_thread())))
    assert runner.wait_idle(5000)
    assert seen == [(5, threading.main_thread())]
    assert worker_threads[0] is not threading.main_thread()


def test_same_key_drops_the_stale_result(qapp):
    runner = JobRunner()
    release = threading.Event()
    seen = []

    def slow(ctx, word):
        release.wait(5)
        return word

    runner.submit(slow, "old", on_result=seen.append, key="search")
    runner.submit(lambda ctx, w: w, "new", on_result=seen.append, key="search")
    release.set()
    assert runner.wait_idle(5000)
    assert seen == ["new"]


def test_error_goes_to_on_error_or_the_failure_signal(qapp, qtbot):
    runner = JobRunner()
    errors = []

    def boom(ctx):
        raise ValueError("bad")

    runner.submit(boom, on_error=errors.append)
    assert runner.wait_idle(5000)
    assert isinstance(errors[0], ValueError)

    with qtbot.waitSignal(runner.sig_job_failed, timeout=5000) as blocker:
        runner.submit(boom)
    assert isinstance(blocker.args[0], ValueError)
    assert runner.wait_idle(5000)


def test_progress_reaches_the_gui_thread_in_order(qapp):
    runner = JobRunner()
    progress = []

    def counting(ctx):
        for i in range(3):
            ctx.progress(i + 1, 3, f"step {i + 1}")
        return "done"

    runner.submit(counting, on_progress=lambda *a: progress.append(a))
    assert runner.wait_idle(5000)
    assert progress == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]


@pytest.mark.parametrize("cancel", [False, True])
def test_cancelled_job_stops_and_delivers_nothing(qapp, cancel):
    runner = JobRunner()
    results = []
    started = threading.Event()
    go = threading.Event()

    def loop(ctx):
        started.set()
        go.wait(5)
        ctx.check_cancelled()
        return "finished"

    job = runner.submit(loop, on_result=results.append)
    started.wait(5)
    if cancel:
        job.cancel()
    go.set()
    assert runner.wait_idle(5000)
    assert results == ([] if cancel else ["finished"])


def test_job_gets_its_own_session(qapp, session_factory):
    runner = JobRunner(session_factory)
    seen = []

    def query(ctx):
        with ctx.session() as s:
            return s.execute(text("select count(*) from ticket")).scalar_one()

    runner.submit(query, on_result=seen.append)
    assert runner.wait_idle(10_000)
    assert seen == [0]


def test_when_idle_waits_for_running_jobs(qapp):
    runner = JobRunner()
    order = []
    release = threading.Event()

    def slow(ctx):
        release.wait(5)
        return "job"

    runner.submit(slow, on_result=order.append)
    runner.when_idle(lambda: order.append("idle"), max_wait_ms=10_000)
    assert not runner.is_idle()
    release.set()
    assert runner.wait_idle(5000)
    assert order == ["job", "idle"]


def test_when_idle_runs_soon_when_nothing_runs_and_once_only(qapp):
    runner = JobRunner()
    calls = []
    runner.when_idle(lambda: calls.append(1), max_wait_ms=50)
    assert runner.wait_idle(2000)
    # The time limit passes too: the callback still ran once only.
    threading.Event().wait(0.2)
    qapp.processEvents()
    assert calls == [1]


def test_when_idle_is_dropped_with_its_owner(qapp):
    from PySide6.QtCore import QObject

    runner = JobRunner()
    release = threading.Event()
    runner.submit(lambda ctx: release.wait(5))
    owner = QObject()
    calls = []
    runner.when_idle(lambda: calls.append("late"), max_wait_ms=10_000, owner=owner)
    owner.deleteLater()
    qapp.processEvents()
    qapp.sendPostedEvents(None, 52)  # QEvent.DeferredDelete
    release.set()
    assert runner.wait_idle(5000)
    assert calls == []
