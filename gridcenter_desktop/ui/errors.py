"""What the operator sees when something goes wrong.

Service errors (bad input, a conflict, a refused transition) are expected: they are shown in
plain words from labels.error_text. Anything else is a bug: it is written with its traceback to
the log file and to a crash report (services/crash_report.py) in the log folder, and the
operator gets a plain dialog saying what happened, where the report is, and a button opening
its folder; never the traceback. The window keeps working either way. Hard crashes are caught
by faulthandler (services/fatal_dump.py) and reported at the next start.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, qInstallMessageHandler, qVersion
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from gridcenter_desktop.db.engine import data_dir
from gridcenter_desktop.services import fatal_dump
from gridcenter_desktop.services.about import app_version
from gridcenter_desktop.services.crash_report import (
    CrashFacts,
    crash_facts,
    database_kind,
    make_report,
)
from gridcenter_desktop.services.errors import ServiceError
from gridcenter_desktop.ui.crash_dialog import CrashDialog
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.private_files import open_private, private_file, private_folder
from gridcenter_desktop.ui.settings import without_password

LOGGER_NAME = "gridcenter"
LOG_FILE_NAME = "gridcenter.log"


def default_log_dir() -> Path:
    """db/engine.data_dir()/logs."""
    return data_dir() / "logs"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files (the current one and each one rotation starts) readable by the owner only."""

    def _open(self):
        return open_private(self.baseFilename, self.mode, encoding=self.encoding)


def setup_logging(log_dir: Path) -> Path:
    """Send the app's log records to a rotating file in ``log_dir`` (folder 0700, files
    0600); returns the file's path."""
    private_folder(log_dir)
    path = private_file(log_dir / LOG_FILE_NAME)
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.FileHandler):
            if Path(handler.baseFilename) == path:
                return path
            logger.removeHandler(handler)
            handler.close()
    handler = _PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def route_qt_messages_to_log() -> None:
    """Qt's own warnings (e.g. the offscreen platform's "does not support
    propagateSizeHints()") go to the log file instead of the operator's terminal."""
    qt_logger = logging.getLogger(f"{LOGGER_NAME}.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context, message: str) -> None:
        qt_logger.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


class ErrorReporter(QObject):
    """Logs unexpected exceptions and shows them as plain dialogs; shows service errors."""

    sig_error_shown = Signal(str)
    """sig_error_shown(text: str): a dialog with this text was just shown (for tests)."""

    def __init__(self, log_dir: Path, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.log_path = setup_logging(log_dir)
        self._parent_widget = parent_widget
        self.log_dir = log_dir
        self._database = ""
        self._open_dialog: QDialog | None = None
        self._previous_hook = None
        self.logger = logging.getLogger(LOGGER_NAME)

    def set_parent_widget(self, widget: QWidget | None) -> None:
        """The window error dialogs are shown over."""
        self._parent_widget = widget

    def install(self) -> None:
        """Route uncaught exceptions (including those raised in Qt slots) here."""
        self._previous_hook = sys.excepthook
        sys.excepthook = self.handle_exception

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None

    def handle_exception(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """sys.excepthook: log the traceback, show a plain dialog, keep running."""
        if issubclass(exc_type, KeyboardInterrupt):
            if self._previous_hook is not None:
                self._previous_hook(exc_type, exc, tb)
            return
        self.report(exc, tb)

    def set_database(self, url: str) -> None:
        """The database in use, named in crash reports by kind and server (never a
        password)."""
        self._database = database_kind(without_password(url)) if url else ""
        # In the log too: a hard crash's report, made at the next start, shows it in its tail.
        self.logger.info("database in use: %s, version %s", self._database, app_version())

    def facts(self) -> CrashFacts:
        return crash_facts(qVersion(), self._database)

    def write_report(self, exc: BaseException, tb: TracebackType | None, what: str) -> Path | None:
        """Log ``exc`` with its traceback and write a crash report; the report's path, or None
        when it could not be written (the log still has the traceback)."""
        text = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
        for handler in self.logger.handlers:
            handler.flush()
        path = None
        try:
            # Written before the error is logged: the report's log lines are those that led up
            # to it (its traceback is in the report once already).
            path = make_report(self.log_dir, what, text, self.facts(), self.log_path)
        except Exception:  # noqa: BLE001 - a full disk must not hide the dialog
            self.logger.exception("the crash report could not be written")
        self.logger.error("unexpected error\n%s", text)
        if path is not None:
            self.logger.info("crash report written: %s", path)
        return path

    def report(self, exc: BaseException, tb: TracebackType | None = None) -> None:
        """Show ``exc``: a service error in plain words; anything else is a bug, written to a
        crash report whose folder the dialog offers to open."""
        if isinstance(exc, ServiceError):
            self.show_message(error_text(exc), icon=QMessageBox.Icon.Warning)
            return
        path = self.write_report(exc, tb, "Unexpected error")
        self.show_crash(
            self.tr(
                "Something unexpected went wrong. The window keeps working: you can carry on,"
                " and if the last action did not finish, try it again."
            ),
            path,
        )

    def report_startup_failure(self, exc: BaseException) -> Path | None:
        """An error before the window exists: a report and a plain message the operator
        closes before the program ends (never a silent exit)."""
        path = self.write_report(exc, exc.__traceback__, "Start-up failed")
        self.show_crash(
            self.tr("GridCenter could not start because of an unexpected error."),
            path,
            wait=True,
        )
        return path

    def start_fatal_dump(self) -> Path | None:
        """Turn a hard crash of the previous run into a report (its path, or None), then let
        faulthandler write this run's hard crashes into the log folder."""
        try:
            previous = fatal_dump.collect_previous(self.log_dir, self.facts(), self.log_path)
        except Exception:  # noqa: BLE001 - never stop a start over last time's crash
            self.logger.exception("the previous run's fatal error could not be reported")
            previous = None
        if previous is not None:
            self.logger.warning("the previous run stopped with a fatal error: %s", previous)
        fatal_dump.enable(self.log_dir)
        return previous

    def tell_previous_crash(self, path: Path) -> None:
        """Once, at the start after a hard crash: where its report is."""
        self.show_crash(
            self.tr(
                "GridCenter stopped unexpectedly the last time it ran. What was known about it"
                " was written to a report."
            ),
            path,
            wait=True,
        )

    def show_crash(self, lead: str, path: Path | None, *, wait: bool = False) -> None:
        """The crash dialog: ``lead`` and where the report is (or the log, when the report
        could not be written). ``wait``: block until the operator closes it."""
        if path is not None:
            text = self.tr(
                "{lead}\n\nA report was written to:\n{path}\n\nIf this happens again, send"
                " that file to your administrator."
            ).format(lead=lead, path=path)
        else:
            text = self.tr(
                "{lead}\n\nThe details were written to the log file:\n{path}\n\nIf this"
                " happens again, send that file to your administrator."
            ).format(lead=lead, path=self.log_path)
        if not wait and self._dialog_open():  # a start-up failure is always shown
            self.logger.info("error not shown (a dialog is already open): %s", text)
            return
        dialog = CrashDialog(text, path if path is not None else self.log_path)
        self._show(dialog, wait)
        self.sig_error_shown.emit(text)

    def show_message(self, text: str, icon: QMessageBox.Icon) -> None:
        """A non-blocking message box; while one is open, further errors are only logged."""
        if self._dialog_open():
            self.logger.info("error not shown (a dialog is already open): %s", text)
            return
        box = QMessageBox(icon, self.tr("GridCenter"), text, QMessageBox.StandardButton.Ok)
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what users typed
        self._show(box, wait=False)
        self.sig_error_shown.emit(text)

    def _dialog_open(self) -> bool:
        return self._open_dialog is not None and self._open_dialog.isVisible()

    def _show(self, dialog: QDialog, wait: bool) -> None:
        dialog.setParent(self._parent_widget, dialog.windowFlags())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.finished.connect(self._dialog_closed)
        self._open_dialog = dialog
        if wait:
            dialog.exec()
        else:
            dialog.open()

    def current_dialog(self) -> QDialog | None:
        """The error dialog on screen, if any."""
        return self._open_dialog

    def _dialog_closed(self) -> None:
        self._open_dialog = None
