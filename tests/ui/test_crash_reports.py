"""An unexpected error leaves a crash report in the log folder, and the dialog offers to open
that folder or copy the report's path; a hard crash of the last run becomes a report at the
next start; an error before the window exists ends in a report and a message, not a silent
exit."""

from __future__ import annotations

import faulthandler
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QPushButton

from gridcenter_desktop.services import fatal_dump
from gridcenter_desktop.services.about import app_version
from gridcenter_desktop.ui.crash_dialog import CrashDialog
from gridcenter_desktop.ui.errors import ErrorReporter

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def reporter(qapp, tmp_path):
    rep = ErrorReporter(tmp_path / "logs")
    rep.install()
    yield rep
    dialog = rep.current_dialog()
    if dialog is not None:
        dialog.close()
    rep.uninstall()


def _crash_in_a_slot(qtbot, reporter):
    button = QPushButton("boom")
    qtbot.addWidget(button)

    def broken_slot():
        raise RuntimeError("kaputt-in-a-slot")

    button.clicked.connect(broken_slot)
    with qtbot.waitSignal(reporter.sig_error_shown, timeout=3000):
        button.click()
    (report,) = reporter.log_dir.glob("crash-*.txt")
    return report


def test_an_error_in_a_slot_writes_a_report_with_traceback_and_version(qtbot, reporter):
    reporter.logger.info("opened the ticket GC20221025-0042")
    report = _crash_in_a_slot(qtbot, reporter)
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: kaputt-in-a-slot" in text
    assert "broken_slot" in text
    assert f"Version:   {app_version()}" in text
    assert "opened the ticket GC20221025-0042" in text  # what the log said just before
    assert text.count("RuntimeError: kaputt-in-a-slot") == 1
    dialog = reporter.current_dialog()
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    assert str(report) in dialog.text() and "kaputt" not in dialog.text()


def test_the_dialog_opens_the_reports_folder(qtbot, reporter, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    report = _crash_in_a_slot(qtbot, reporter)
    dialog = reporter.current_dialog()
    button = dialog.findChild(QPushButton, "crash.open_folder")
    assert button is not None and button.isEnabled() and button.text()
    button.click()
    assert [Path(url.toLocalFile()) for url in opened] == [report.parent]
    assert dialog.isVisible()  # the message stays until the operator closes it


def test_when_the_folder_cannot_be_opened_its_path_is_shown(qtbot, reporter, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    report = _crash_in_a_slot(qtbot, reporter)
    dialog = reporter.current_dialog()
    dialog.findChild(QPushButton, "crash.open_folder").click()
    assert dialog.status.isVisibleTo(dialog) and str(report.parent) in dialog.status.text()
    dialog.findChild(QPushButton, "crash.copy_path").click()
    assert QGuiApplication.clipboard().text() == str(report)


def test_no_password_in_the_report_of_a_server_database(qtbot, reporter):
    url = "postgresql+psycopg://dispatcher:s3cret-pw@db.town.local:5432/grid"
    reporter.set_database(url)
    reporter.logger.info("connected to %s", url)  # a careless log line is scrubbed too
    try:
        raise ConnectionError(f"lost {url}")
    except ConnectionError as exc:
        with qtbot.waitSignal(reporter.sig_error_shown, timeout=3000):
            reporter.report(exc)
    (report,) = reporter.log_dir.glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "s3cret-pw" not in text
    assert "PostgreSQL db.town.local:5432/grid" in text and "ConnectionError" in text


def test_a_hard_crash_last_time_is_told_once_at_the_next_start(qtbot, reporter, monkeypatch):
    folder = reporter.log_dir
    crash = textwrap.dedent(
        f"""
        import faulthandler
        from pathlib import Path
        from gridcenter_desktop.services import fatal_dump
        fatal_dump.enable(Path({str(folder)!r}))
        faulthandler._sigsegv()
        """
    )
    assert subprocess.run([sys.executable, "-c", crash], timeout=60).returncode != 0
    shown: list[CrashDialog] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    try:
        report = reporter.start_fatal_dump()
        assert report is not None
        assert "Segmentation fault" in report.read_text(encoding="utf-8")
        assert fatal_dump.dump_path(folder).exists()  # this run's dumps go there again
        reporter.tell_previous_crash(report)
        assert len(shown) == 1 and str(report) in shown[0].text()
        assert shown[0].findChild(QPushButton, "crash.open_folder").isEnabled()
        assert reporter.start_fatal_dump() is None  # once only
    finally:
        fatal_dump.disable()
        faulthandler.enable(sys.__stderr__)


def test_an_error_before_the_window_ends_in_a_report_and_a_message(qapp, tmp_path, monkeypatch):
    from gridcenter_desktop.ui import app, errors, settings

    logs = tmp_path / "logs"
    monkeypatch.setattr(errors, "default_log_dir", lambda: logs)
    monkeypatch.setattr(settings, "default_settings_path", lambda: tmp_path / "settings.ini")

    def broken_start(*_args, **_kwargs):
        raise KeyError("no-such-setting")

    monkeypatch.setattr(app, "_interactive", broken_start)
    shown: list[str] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda dialog: shown.append(dialog.text()) or 0)
    try:
        code = app.run_window()
    finally:
        fatal_dump.disable()
        faulthandler.enable(sys.__stderr__)
    assert code == 1
    (report,) = logs.glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "Start-up failed" in text and "KeyError: 'no-such-setting'" in text
    assert len(shown) == 1 and str(report) in shown[0]
