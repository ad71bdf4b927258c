"""What the operator sees when something goes wrong.

Service errors (bad input, a conflict, a refused transition) are expected: they are shown in
plain words from labels.error_text. Anything else is a bug: it is written with its traceback to
a log file in the user's data folder, and the operator gets a plain dialog saying what happened
and what to do, never the traceback. The window keeps working either way.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QMessageBox, QWidget

from gridcenter_desktop.db.engine import data_dir
from gridcenter_desktop.services.errors import ServiceError
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.private_files import open_private, private_file, private_folder

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
        self._open_dialog: QMessageBox | None = None
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

    def report(self, exc: BaseException, tb: TracebackType | None = None) -> None:
        """Show ``exc``: a service error in plain words; anything else logged as a bug."""
        if isinstance(exc, ServiceError):
            self.show_message(error_text(exc), icon=QMessageBox.Icon.Warning)
            return
        text = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
        self.logger.error("unexpected error\n%s", text)
        for handler in self.logger.handlers:
            handler.flush()
        self.show_message(
            self.tr(
                "Something unexpected went wrong. The window keeps working: you can carry on,"
                " and if the last action did not finish, try it again.\n\nThe details were"
                " written to the log file:\n{path}\n\nIf this happens again, send that file to"
                " your administrator."
            ).format(path=self.log_path),
            icon=QMessageBox.Icon.Critical,
        )

    def show_message(self, text: str, icon: QMessageBox.Icon) -> None:
        """A non-blocking message box; while one is open, further errors are only logged."""
        if self._open_dialog is not None and self._open_dialog.isVisible():
            self.logger.info("error not shown (a dialog is already open): %s", text)
            return
        box = QMessageBox(icon, self.tr("GridCenter"), text, QMessageBox.StandardButton.Ok)
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what users typed
        box.setParent(self._parent_widget, box.windowFlags())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.finished.connect(self._dialog_closed)
        self._open_dialog = box
        box.open()
        self.sig_error_shown.emit(text)

    def current_dialog(self) -> QMessageBox | None:
        """The error dialog on screen, if any."""
        return self._open_dialog

    def _dialog_closed(self) -> None:
        self._open_dialog = None
