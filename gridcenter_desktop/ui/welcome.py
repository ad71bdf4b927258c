"""First-run dialogs: choose a database (demo, new empty file, server) and wait for the demo
to be built (a new database's town and administrator: ui/first_run.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.password_fields import password_edit
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.settings import without_password
from gridcenter_desktop.ui.startup import DbState, database_state

SERVER_EXAMPLE = "postgresql://gridcenter@127.0.0.1:5432/gridcenter"


@dataclass(frozen=True)
class WelcomeChoice:
    """What the operator chose: "demo", "empty" (a new local file) or "server" (with url;
    the connection password, if one was typed, is in the url in memory only)."""

    kind: str
    url: str = ""
    state: DbState | None = None


def connection_problem_text(exc: BaseException) -> str:
    """A plain sentence for a failed connection attempt (no traceback, no driver jargon
    first)."""
    from sqlalchemy.exc import OperationalError

    from gridcenter_desktop.db.engine import DatabaseUrlError

    if isinstance(exc, DatabaseUrlError):
        return QCoreApplication.translate(
            "Welcome", "This is not a database address. Write it like {example}."
        ).format(example=SERVER_EXAMPLE)
    if isinstance(exc, OperationalError):
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else ""
        return QCoreApplication.translate(
            "Welcome",
            "Could not reach the database server. Check the address, that the server is"
            " running and that this computer may connect to it. ({detail})",
        ).format(detail=detail)
    return QCoreApplication.translate("Welcome", "Could not open the database: {detail}").format(
        detail=exc
    )


def _test_connection(_job, url: str) -> DbState | None:
    """The database's state; None when the server wants the user's own sign-in first."""
    from gridcenter_desktop.ui.startup import needs_sign_in_to_look

    try:
        return database_state(url)
    except Exception as exc:
        if needs_sign_in_to_look(exc):
            return None
        raise


class WelcomeDialog(QDialog):
    """No database yet: open the demo, create an empty database, or connect to a server."""

    def __init__(
        self, jobs: JobRunner, parent: QWidget | None = None, local_exists: bool = False
    ) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self.choice: WelcomeChoice | None = None
        self.setWindowTitle(self.tr("Welcome to GridCenter"))
        self.setMinimumWidth(560)
        self.pages = QStackedWidget(self)

        start = QWidget(self)
        start_box = QVBoxLayout(start)
        intro_text = (
            self.tr("Which database should GridCenter open?")
            if local_exists
            else self.tr(
                "GridCenter has no database on this computer yet. How would you like to start?"
            )
        )
        intro = QLabel(intro_text, start)
        intro.setWordWrap(True)
        start_box.addWidget(intro)
        self.demo_button = QCommandLinkButton(
            self.tr("Open the demo data"),
            self.tr(
                "Guangfu Town with its 48 grids and a year of tickets, built on this computer "
                "now; a progress bar shows how far it is."
            ),
            start,
        )
        if local_exists:
            self.empty_button = QCommandLinkButton(
                self.tr("Open the database on this computer"),
                self.tr("The local database file in your data folder."),
                start,
            )
        else:
            self.empty_button = QCommandLinkButton(
                self.tr("Create an empty database"),
                self.tr(
                    "A new database file on this computer; a short wizard sets up your town, its"
                    " lists and its first administrator."
                ),
                start,
            )
        self.server_button = QCommandLinkButton(
            self.tr("Connect to a server"),
            self.tr("Use the command centre's shared PostgreSQL database."),
            start,
        )
        for button in (self.demo_button, self.empty_button, self.server_button):
            start_box.addWidget(button)
        # A way out that says so (issue 8: only the title bar's close button left).
        self.quit_button = QPushButton(self.tr("Quit"), start)
        self.quit_button.setObjectName("welcome.quit")
        self.quit_button.setToolTip(self.tr("Close GridCenter without opening a database"))
        self.quit_button.clicked.connect(self.reject)
        quit_box = QDialogButtonBox(start)
        quit_box.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        start_box.addWidget(quit_box)
        self.demo_button.clicked.connect(lambda: self._choose(WelcomeChoice("demo")))
        self.empty_button.clicked.connect(lambda: self._choose(WelcomeChoice("empty")))
        self.server_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))

        server = QWidget(self)
        form = QFormLayout(server)
        self.url_edit = QLineEdit(server)
        self.url_edit.setObjectName("welcome.url")
        self.url_edit.setPlaceholderText(SERVER_EXAMPLE)
        form.addRow(self.tr("Server address:"), self.url_edit)
        self.server_password = password_edit(server, "welcome.password")
        self.server_password.setPlaceholderText(self.tr("only if the server asks for one"))
        form.addRow(self.tr("Connection password:"), self.server_password)
        self.server_status = plain(QLabel(server))
        self.server_status.setObjectName("welcome.server_status")
        self.server_status.setWordWrap(True)
        form.addRow(self.server_status)
        self.test_button = QPushButton(self.tr("Test and connect"), server)
        self.back_button = QPushButton(self.tr("Back"), server)
        self.test_button.clicked.connect(self.test_server)
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        buttons = QDialogButtonBox(server)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.AcceptRole)
        form.addRow(buttons)

        self.pages.addWidget(start)
        self.pages.addWidget(server)
        box = QVBoxLayout(self)
        box.addWidget(self.pages)

    def _choose(self, choice: WelcomeChoice) -> None:
        self.choice = choice
        self.accept()

    def test_server(self) -> None:
        """Try the typed address in the background; connect when it answers."""
        url = self.connection_url()
        self.test_button.setEnabled(False)
        self.server_status.setStyleSheet("")
        self.server_status.setText(self.tr("Connecting…"))
        self._jobs.submit(
            _test_connection,
            url,
            on_result=lambda state: self._server_answered(url, state),
            on_error=self._server_failed,
            key="welcome.server",
        )

    def connection_url(self) -> str:
        """The typed address with the typed password. A password typed into the address is
        moved to the password field, so it is not left on screen in clear."""
        typed = self.url_edit.text().strip() or SERVER_EXAMPLE
        clean = without_password(typed)
        if clean != typed:
            from sqlalchemy.engine import make_url

            try:
                self.server_password.setText(make_url(typed).password or "")
            except Exception:  # noqa: BLE001 - unparsable: the connection test will say
                pass
            self.url_edit.setText(clean)
        password = self.server_password.text()
        if not password:
            return clean
        from sqlalchemy.engine import make_url

        try:
            return make_url(clean).set(password=password).render_as_string(hide_password=False)
        except Exception:  # noqa: BLE001 - unparsable: the connection test will say
            return clean

    def _server_answered(self, url: str, state: DbState | None) -> None:
        self.test_button.setEnabled(True)
        if state == DbState.TOO_NEW:
            self._server_failed_text(
                self.tr("This database was set up by a newer GridCenter; update GridCenter.")
            )
            return
        self._choose(WelcomeChoice("server", url, state))

    def _server_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self._server_failed_text(connection_problem_text(exc))

    def _server_failed_text(self, text: str) -> None:
        self.server_status.setStyleSheet("color: #c0392b;")
        self.server_status.setText(text)


def run_with_progress(
    jobs: JobRunner,
    fn,
    *args,
    title: str,
    parent: QWidget | None = None,
    show: bool = True,
    describe=None,
    cancellable: bool = True,
):
    """Run ``fn(job, *args)`` as a job while a progress dialog (with Cancel) shows its
    progress; returns ("ok", result), ("cancelled", None) or ("error", exc).

    ``describe(done, total, stage)`` turns the job's stage into ``(text, counted)``: the
    label to show, and whether the bar counts (False: a busy bar, for a step with no
    count, so the dialog never sits at 100 % while work goes on). ``cancellable=False``
    shows no Cancel button, for a job that cannot stop halfway (one transaction)."""
    outcome: list = []
    loop = QEventLoop()
    dialog = None
    if show:
        dialog = QProgressDialog(
            title, QCoreApplication.translate("Welcome", "Cancel"), 0, 0, parent
        )
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        if not cancellable:
            dialog.setCancelButton(None)

    def on_progress(done: int, total: int, text: str) -> None:
        if dialog is None:
            return
        counted = True
        if describe is not None:
            text, counted = describe(done, total, text)
        if not counted:
            total = 0
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    def finish(kind: str, value) -> None:
        outcome.append((kind, value))
        loop.quit()

    job = jobs.submit(
        fn,
        *args,
        on_result=lambda r: finish("ok", r),
        on_error=lambda e: finish("cancelled" if job.cancelled else "error", e),
        on_progress=on_progress,
    )
    if dialog is not None:
        dialog.canceled.connect(job.cancel)
        dialog.canceled.connect(lambda: finish("cancelled", None))
        dialog.show()
    if not outcome:
        loop.exec()
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()
    jobs.wait_idle(30_000)
    return outcome[0]
