"""An unexpected error is logged with its traceback in the data folder and shown as a plain
dialog saying what to do (never the traceback); service errors read as sentences; the window
keeps working."""

from __future__ import annotations

import sys

import pytest

from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.ui.errors import ErrorReporter
from gridcenter_desktop.ui.labels import field_label


def _raise_and_catch():
    try:
        raise RuntimeError("kaputt-42")
    except RuntimeError:
        return sys.exc_info()


@pytest.fixture
def reporter(qapp, tmp_path):
    rep = ErrorReporter(tmp_path / "logs")
    yield rep
    dialog = rep.current_dialog()
    if dialog is not None:
        dialog.close()
    rep.uninstall()


def test_unexpected_error_is_logged_and_shown_plainly(qtbot, reporter, tmp_path):
    reporter.install()
    assert sys.excepthook == reporter.handle_exception
    with qtbot.waitSignal(reporter.sig_error_shown, timeout=2000) as blocker:
        sys.excepthook(*_raise_and_catch())
    text = blocker.args[0]
    log = (tmp_path / "logs" / "gridcenter.log").read_text(encoding="utf-8")
    assert "kaputt-42" in log and "Traceback" in log
    (report,) = (tmp_path / "logs").glob("crash-*.txt")
    assert str(report) in text
    assert "Traceback" not in text and "kaputt" not in text
    dialog = reporter.current_dialog()
    assert dialog is not None and dialog.isVisible() and dialog.text() == text


def test_service_error_names_the_field(qtbot, reporter):
    with qtbot.waitSignal(reporter.sig_error_shown, timeout=2000) as blocker:
        reporter.report(ValidationError("reporter_phone", "phone"))
    assert field_label("reporter_phone") in blocker.args[0]


def test_failed_job_reaches_the_dialog_and_the_window_keeps_working(
    qtbot, make_context, small_town, tmp_path
):
    from gridcenter_desktop.ui.main_window import MainWindow

    url, _ids = small_town
    ctx = make_context(url)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    rep = ErrorReporter(tmp_path / "logs", window)
    ctx.jobs.sig_job_failed.connect(rep.report)

    def broken(job):
        raise ZeroDivisionError("in a job")

    with qtbot.waitSignal(rep.sig_error_shown, timeout=5000):
        ctx.jobs.submit(broken)
    assert ctx.jobs.wait_idle(5000)
    assert "ZeroDivisionError" in (tmp_path / "logs" / "gridcenter.log").read_text("utf-8")
    # The same path as an error in the window: a crash report with the job's own traceback.
    (report,) = (tmp_path / "logs").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "ZeroDivisionError: in a job" in text and "in broken" in text
    rep.current_dialog().close()
    # Still responsive: a refresh runs its jobs and updates the counters.
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=1000):
        window.commands["view.refresh"].trigger()
    assert ctx.jobs.wait_idle(10_000)
    assert window.status.counts.get("overdue") == 2
    window.close()
