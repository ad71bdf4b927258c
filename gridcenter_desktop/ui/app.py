"""Starting the desk: display check, language, database choice, sign-in, the main window, and
the ``--screenshot`` mode that renders the window to a PNG and exits."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gridcenter_desktop.db.engine import default_database_url
from gridcenter_desktop.ui.startup import (
    DbState,
    database_state,
    db_label,
    default_or_last_url,
    demo_database_url,
    display_problem,
    has_tickets,
    parse_size,
)

DEFAULT_SCREENSHOT_SIZE = (1600, 1000)

# build_demo_file(url, progress=, cancel=) -> DemoSummary: the demo town's builder, handed in
# by the command line (cli.py passes demo.file.build_demo_file). The desk never imports the
# demo generator itself (an import-linter contract); without a builder a demo that is not
# built yet cannot be opened.
DemoBuilder = Callable[..., Any]
_demo_builder: DemoBuilder | None = None


class StartupCancelled(Exception):
    """The operator closed a start-up dialog: quit quietly."""


class StartupFailed(Exception):
    """Start-up cannot go on; the message is shown (a dialog, or one line for --screenshot)."""


def application_icon():
    """The desk's icon (resources/icons/gridcenter.svg: a town's grids and a ticket's pin) for
    every window and the taskbar (a QIcon)."""
    from PySide6.QtGui import QIcon

    from gridcenter_desktop.ui.i18n import resources_dir

    return QIcon(str(resources_dir() / "icons" / "gridcenter.svg"))


def run_window(
    db_url: str | None = None,
    demo: bool = False,
    screenshot: str | None = None,
    size: str | None = None,
    lang: str | None = None,
    user: str | None = None,
    build_demo: DemoBuilder | None = None,
    dock: str | None = None,
) -> int:
    """Open the main window (the ``gridcenter`` command without a sub-command). Returns the
    process exit code: 0 normally, 1 when start-up failed, 2 for bad options or no display.
    ``user`` signs a ``screenshot`` in (password from GRIDCENTER_PASSWORD); without it only a
    demo database can be rendered. ``build_demo`` builds the demo when it is asked for and
    not there yet (see :data:`DemoBuilder`). ``dock`` (with ``screenshot``): save that dock
    alone ("map" for dock.map) instead of the whole window."""
    global _demo_builder
    _demo_builder = build_demo
    problem = display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    try:
        window_size = parse_size(size) if size else None
    except ValueError as exc:
        print(f"gridcenter: error: {exc}", file=sys.stderr)
        return 2
    if lang is not None and lang not in ("zh_CN", "en"):
        print(f"gridcenter: error: unknown language {lang!r} (zh_CN or en)", file=sys.stderr)
        return 2
    if dock is not None and not screenshot:
        print("gridcenter: error: --dock only goes with --screenshot", file=sys.stderr)
        return 2

    from PySide6.QtWidgets import QApplication

    from gridcenter_desktop.ui.errors import (
        ErrorReporter,
        default_log_dir,
        route_qt_messages_to_log,
    )
    from gridcenter_desktop.ui.i18n import install_translators
    from gridcenter_desktop.ui.settings import ORGANIZATION, Settings, default_settings_path

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "gridcenter"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName("GridCenter")
    app.setWindowIcon(application_icon())
    with tempfile.TemporaryDirectory(prefix="gridcenter-") as scratch:
        # A screenshot shows the default layout and never touches the operator's settings.
        settings_path = Path(scratch) / "settings.ini" if screenshot else default_settings_path()
        settings = Settings.at(settings_path)
        language = lang or settings.language
        translators = install_translators(app, language)
        reporter = ErrorReporter(default_log_dir())
        reporter.install()
        route_qt_messages_to_log()
        try:
            if screenshot:
                return _screenshot(app, settings, db_url, demo, screenshot, window_size, user, dock)
            # A hard crash of the last run becomes a report now; this run's go to the log folder.
            previous_crash = reporter.start_fatal_dump()
            if previous_crash is not None:
                reporter.tell_previous_crash(previous_crash)
            return _interactive(
                app, settings, reporter, db_url, demo, window_size, user, translators
            )
        except Exception as exc:
            if screenshot:
                raise
            # Before the window exists nothing else would show it: a report and a message,
            # never a silent exit (the program has no console on a workstation).
            reporter.report_startup_failure(exc)
            return 1
        finally:
            reporter.uninstall()
            for translator in translators:
                app.removeTranslator(translator)


# -- the pieces ------------------------------------------------------------------------------


def _make_context(url: str, settings, engine, actor, runner=None, *, signed_in=False):
    """The desk's context over ``engine`` (the signed-in user's)."""
    from gridcenter_desktop.db.engine import make_session_factory
    from gridcenter_desktop.ui.context import AppContext
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.signing_in import demo_marked

    factory = make_session_factory(engine)
    jobs = runner or JobRunner()
    jobs.session_factory = factory
    demo = demo_marked(factory)
    return AppContext(
        engine=engine,
        session_factory=factory,
        db_label=db_label(url),
        actor=actor,
        settings=settings,
        jobs=jobs,
        url=url,
        signed_in=signed_in,
        demo=demo,
    )


def _demo_actor(url: str):
    from gridcenter_desktop.db.engine import make_engine, make_session_factory
    from gridcenter_desktop.services.demo_desk import demo_actor

    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return demo_actor(session)
    finally:
        engine.dispose()


def demo_stage_text(done: int, total: int, stage: str) -> tuple[str, bool]:
    """The demo build's progress line in words, and whether its bar counts (issue 8: the
    dialog showed the stage's English code, and sat at 100 % while indexes were built)."""
    from PySide6.QtCore import QCoreApplication

    # Literal translate calls: pyside6-lupdate only finds those.
    if stage == "tickets":
        text = QCoreApplication.translate("Startup", "Writing tickets: {done} of {total}…")
        return text.format(done=f"{done:,}", total=f"{total:,}"), True
    if stage == "schema":
        return QCoreApplication.translate("Startup", "Preparing the database…"), False
    if stage == "reference":
        return QCoreApplication.translate(
            "Startup", "Writing villages, grids, departments and people…"
        ), False
    if stage == "indexes":
        return QCoreApplication.translate(
            "Startup", "All tickets written; building the indexes…"
        ), False
    if stage == "search_index":
        return QCoreApplication.translate(
            "Startup", "Building the search index (almost done)…"
        ), False
    return QCoreApplication.translate("Startup", "Building the demo data…"), False


def _ensure_demo(url: str, jobs, show_progress: bool):
    """Build the demo at ``url`` unless it is already there; returns the build's DemoSummary,
    or None when the demo was there already."""
    from PySide6.QtCore import QCoreApplication

    from gridcenter_desktop.ui.welcome import run_with_progress

    state = database_state(url)
    if state == DbState.READY and has_tickets(url):
        return None
    if state == DbState.TOO_NEW:
        raise StartupFailed(_too_new_text())

    builder = _demo_builder
    if builder is None:
        raise StartupFailed(
            QCoreApplication.translate("Startup", "The demo data could not be built: {e}").format(
                e=QCoreApplication.translate("Startup", "this program cannot build it")
            )
        )

    def build(job, target):
        def cancel() -> bool:
            return job.cancelled

        return builder(target, progress=job.progress, cancel=cancel)

    kind, value = run_with_progress(
        jobs,
        build,
        url,
        title=QCoreApplication.translate("Startup", "Building the demo data…"),
        show=show_progress,
        describe=demo_stage_text,
    )
    if kind == "cancelled":
        raise StartupCancelled()
    if kind == "error":
        raise StartupFailed(
            QCoreApplication.translate("Startup", "The demo data could not be built: {e}").format(
                e=value
            )
        ) from value
    return value


def _too_new_text() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "Startup",
        "This database was set up by a newer version of GridCenter. Update GridCenter to open it.",
    )


def _prepare_existing(url: str, state: DbState) -> None:
    """Bring a known database to the current schema, or explain why not."""
    from PySide6.QtCore import QCoreApplication

    from gridcenter_desktop.db import migrate
    from gridcenter_desktop.db.engine import make_engine, sqlite_path

    if state == DbState.TOO_NEW:
        raise StartupFailed(_too_new_text())
    if state == DbState.OUTDATED:
        if sqlite_path(url) is None:
            # A shared server is upgraded deliberately, once, not by whichever desk starts first.
            raise StartupFailed(
                QCoreApplication.translate(
                    "Startup",
                    "The server's database has an older layout. Ask the administrator to run"
                    " `gridcenter migrate --db {url}` once, then start again.",
                ).format(url=db_label(url))
            )
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()


def _screenshot(app, settings, db_url, demo, path, size, user=None, dock=None) -> int:
    """Render the window with all docks for ``path`` (PNG) and exit, or only the dock named
    ``dock`` ("map": dock.map, brought to the front of its tabs first). Signs in like the
    window: ``user`` with GRIDCENTER_PASSWORD, or a demo database's operator."""
    from gridcenter_desktop.services.errors import ValidationError
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.signing_in import screenshot_sign_in

    url = db_url or (demo_database_url() if demo else default_or_last_url(settings))
    runner = JobRunner()
    try:
        if demo:
            _ensure_demo(url, runner, show_progress=False)
        state = database_state(url)
        if state in (DbState.MISSING, DbState.EMPTY):
            raise StartupFailed(f"no GridCenter database at {db_label(url)} (try --demo)")
        _prepare_existing(url, state)
        password = os.environ.get("GRIDCENTER_PASSWORD") if user else None
        engine, actor, signed_in = screenshot_sign_in(url, user, password)
    except ValidationError as exc:
        print(f"gridcenter: error: sign-in as {user} refused: {_refusal(exc)}", file=sys.stderr)
        return 1
    except (StartupFailed, StartupCancelled, LookupError, ValueError) as exc:
        print(f"gridcenter: error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # connection problems: one line, no traceback
        print(f"gridcenter: error: cannot open {db_label(url)}: {exc}", file=sys.stderr)
        return 1
    context = _make_context(url, settings, engine, actor, runner, signed_in=signed_in)
    from gridcenter_desktop.ui.main_window import MainWindow

    window = MainWindow(context)
    window.resize(*(size or DEFAULT_SCREENSHOT_SIZE))
    from gridcenter_desktop.ui.layout import apply_default_layout

    apply_default_layout(window)
    window.show()
    settle(app, context.jobs)
    # Once more with the docks settled, as the shown window does a moment after showing.
    from gridcenter_desktop.ui.layout import default_sizes

    default_sizes(window)
    _select_first_ticket(window)
    settle(app, context.jobs)
    target = window
    if dock is not None:
        from PySide6.QtWidgets import QDockWidget

        target = window.findChild(QDockWidget, f"dock.{dock}")
        if target is None:
            window.close()
            context.engine.dispose()
            print(f"gridcenter: error: no dock named {dock!r}", file=sys.stderr)
            return 2
        target.show()
        target.raise_()
        settle(app, context.jobs)
    image = target.grab()
    ok = image.save(str(path), "PNG")
    window.close()
    context.engine.dispose()
    if not ok:
        print(f"gridcenter: error: could not write {path}", file=sys.stderr)
        return 1
    print(f"saved {path}")
    return 0


def _refusal(exc) -> str:
    """A sign-in refusal in words, for the one line --screenshot prints."""
    if exc.rule == "locked":
        return f"locked until {exc}" if str(exc)[:1].isdigit() else "locked for now"
    if exc.rule in ("unknown", "wrong_password"):
        return "wrong login name or password"
    return str(exc)


def _select_first_ticket(window) -> None:
    """Show the dispatch form and the detail with a real ticket: select the queue's first row."""
    table = getattr(window.dock_widget("dock.queue"), "table", None)
    if table is not None and table.model() is not None and table.model().rowCount() > 0:
        table.selectRow(0)


def settle(app, jobs, timeout_s: float = 60.0) -> None:
    """Let the window paint, fetch what the paint asked for, and paint again, until no job is
    left (the queue fetches the rows it shows only once it is painted)."""
    deadline = time.monotonic() + timeout_s
    quiet_rounds = 0
    while time.monotonic() < deadline and quiet_rounds < 3:
        app.processEvents()
        was_idle = jobs.is_idle()
        jobs.wait_idle(int(max(0.1, deadline - time.monotonic()) * 1000))
        app.processEvents()
        time.sleep(0.05)
        quiet_rounds = quiet_rounds + 1 if was_idle and jobs.is_idle() else 0


def _interactive(app, settings, reporter, db_url, demo, size, user=None, translators=None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from gridcenter_desktop.services.connection import is_disconnect
    from gridcenter_desktop.ui.appearance import apply_theme, follow_system_scheme
    from gridcenter_desktop.ui.jobs import JobRunner

    if db_url and user and not demo and _running_window_woken(db_url, user):
        # The account and database are known before sign-in (--db and --user): a window of
        # theirs already runs, so nobody is asked for a password only to be turned away.
        return 0
    # This workstation's theme (View → Settings), and the system's switches while it follows.
    apply_theme(settings.theme, app)
    follow_system_scheme(settings, app)
    runner = JobRunner()
    # A lost server is the connection monitor's to show (status bar), not a bug report.
    runner.sig_job_failed.connect(lambda exc: None if is_disconnect(exc) else reporter.report(exc))
    try:
        url, signed = _choose_database_and_user(settings, runner, db_url, demo, user or "")
    except StartupCancelled:
        return 0
    except StartupFailed as exc:
        QMessageBox.critical(None, "GridCenter", str(exc))
        return 1
    reporter.set_database(url)
    translators = translators if translators is not None else []
    carried = None  # the desk as it was, for the window reopened in another language
    while True:
        code, then, carried = _run_desk(app, settings, reporter, runner, url, signed, size, carried)
        if then == "language":
            # View → Language: the same user, the window again in the chosen language.
            from gridcenter_desktop.ui.i18n import install_translators

            for translator in translators:
                app.removeTranslator(translator)
            translators[:] = install_translators(app, settings.language)
            continue
        if then != "switch_user":
            return code
        # Account → Sign out / switch user: the same database, someone else signs in.
        try:
            signed = _sign_in(url, settings)
        except StartupCancelled:
            return 0
        except StartupFailed as exc:
            QMessageBox.critical(None, "GridCenter", str(exc))
            return 1


def _running_window_woken(url: str, login: str) -> bool:
    """True when this account already has a window on this database: it was asked to come
    forward, and this start ends."""
    from gridcenter_desktop.ui.single_instance import SingleInstance, instance_name

    if not SingleInstance(instance_name(url, login)).bring_forward_running():
        return False
    print(
        "gridcenter: this account already has a window on this database; it was brought forward",
        file=sys.stderr,
    )
    return True


def _run_desk(app, settings, reporter, runner, url, signed, size, carried=None):
    """The window for one signed-in user until it closes: (exit code, what the user asked
    for: "switch_user" (sign out, let another user sign in), "language" (the window again
    in another language, the same user) or None, the desk's state to carry into the reopened
    window). ``carried``: the state the previous window left (ui/desk_state.py)."""
    from gridcenter_desktop.ui.single_instance import SingleInstance, instance_name

    # One window per account and database: a second start brings the first one forward.
    if _running_window_woken(url, signed.actor.login):
        signed.engine.dispose()
        return 0, None, None
    instance = SingleInstance(instance_name(url, signed.actor.login))
    instance.listen()
    context = _make_context(url, settings, signed.engine, signed.actor, runner, signed_in=True)
    from gridcenter_desktop.ui.main_window import MainWindow

    window = MainWindow(context)
    instance.sig_wakeup.connect(window.bring_forward)
    reporter.set_parent_widget(window)
    if carried is not None:
        from gridcenter_desktop.ui.desk_state import show_as_before

        show_as_before(window, carried)
    else:
        if size:
            window.resize(*size)
        window.show()
    from gridcenter_desktop.ui.first_run import hint_empty_desk

    hint_empty_desk(window, context)
    # Other workstations' changes reach this window's docks within a second.
    from gridcenter_desktop.ui.change_watcher import ChangeWatcher

    watcher = ChangeWatcher(context)
    watcher.sig_feed_state.connect(window.status.show_feed_state)
    watcher.start()
    monitor = None
    if context.engine.dialect.name == "postgresql":
        from gridcenter_desktop.ui.connection_monitor import ConnectionMonitor

        monitor = ConnectionMonitor(context)
        monitor.sig_state_changed.connect(window.status.show_link_state)
        app.aboutToQuit.connect(monitor.stop)  # no check may start while the window closes
        monitor.start()
    try:
        code = app.exec()
    finally:
        if monitor is not None:
            monitor.stop()
        watcher.stop()
        instance.close()
    then = None
    if getattr(window, "switch_user_requested", False):
        then = "switch_user"
    elif getattr(window, "language_change_requested", False):
        then = "language"
    reporter.set_parent_widget(None)
    window.deleteLater()
    if then != "language":  # the same user goes on with the same connection
        context.engine.dispose()
    return int(code), then, getattr(window, "desk_state", None)


def _choose_database_and_user(settings, runner, db_url, demo, login_hint: str = ""):
    """Resolve the database (asking with the welcome dialog when there is none) and sign the
    user in (``login_hint``: the login to fill in): returns (url, services.sign_in.SignedIn)."""
    from gridcenter_desktop.ui.welcome import WelcomeDialog, connection_problem_text

    if demo:
        return _open_demo(settings, runner, db_url or demo_database_url(), login_hint)

    # File → Choose database asked for the welcome dialog at this start.
    ask = settings.ask_database and db_url is None
    url = db_url or (default_database_url() if ask else default_or_last_url(settings))
    if url == demo_database_url() and not ask:
        # The demo chosen last time: straight back to it, as with --demo.
        return _open_demo(settings, runner, url, login_hint)
    try:
        state = _state_before_sign_in(url)
    except Exception as exc:
        raise StartupFailed(connection_problem_text(exc)) from exc
    if ask or (state in (DbState.MISSING, DbState.EMPTY) and db_url is None):
        local_ready = state not in (DbState.MISSING, DbState.EMPTY)
        welcome = WelcomeDialog(runner, local_exists=local_ready)
        if not welcome.exec() or welcome.choice is None:
            raise StartupCancelled()
        settings.ask_database = False
        choice = welcome.choice
        if choice.kind == "demo":
            return _open_demo(settings, runner, demo_database_url(), login_hint)
        if choice.kind == "server":
            url = choice.url
            state = choice.state or _state_before_sign_in(url)
            if state == DbState.EMPTY and not _confirm_new_schema(url):
                raise StartupCancelled()
        # "empty": the local default file chosen above (opened when it exists already).
    if state in (DbState.MISSING, DbState.EMPTY):
        _create_schema(url)
    elif state is not None:
        _prepare_existing(url, state)
    # Settings keep the address without its password (ui.settings drops it).
    settings.last_db_url = "" if db_url else url
    signed = _sign_in(url, settings, login_hint=login_hint)
    if state is None:
        _check_after_sign_in(url, signed)
    return url, signed


def _state_before_sign_in(url: str):
    """database_state, or None when the server shows nothing before the user signs in (a
    PostgreSQL server that checks each user's own password)."""
    from gridcenter_desktop.ui.startup import needs_sign_in_to_look

    try:
        return database_state(url)
    except Exception as exc:
        if needs_sign_in_to_look(exc):
            return None
        raise


def _check_after_sign_in(url: str, signed) -> None:
    """The schema check the server would not answer before the sign-in."""
    from PySide6.QtCore import QCoreApplication

    from gridcenter_desktop.ui.startup import engine_state

    state = engine_state(signed.engine)
    if state != DbState.READY:
        signed.engine.dispose()
        if state == DbState.OUTDATED:
            _prepare_existing(url, state)  # explains: the administrator migrates a server
        if state == DbState.TOO_NEW:
            raise StartupFailed(_too_new_text())
        raise StartupFailed(
            QCoreApplication.translate(
                "Startup", "The database {db} has no GridCenter tables yet."
            ).format(db=db_label(url))
        )


def _open_demo(settings, runner, url: str, login_hint: str = ""):
    """The demo: built if missing (its accounts shown once), then the sign-in dialog with the
    demo operator's login filled in."""
    from PySide6.QtCore import QCoreApplication

    summary = _ensure_demo(url, runner, show_progress=True)
    if summary is not None:
        from gridcenter_desktop.ui.demo_accounts_dialog import DemoAccountsDialog

        DemoAccountsDialog(getattr(summary, "passwords", None) or {}).exec()
    settings.last_db_url = url
    try:
        operator = login_hint or _demo_actor(url).login
    except LookupError:
        operator = ""
    intro = QCoreApplication.translate(
        "Startup", "The demo data: for trying GridCenter out, never for real work."
    )
    return url, _sign_in(url, settings, login_hint=operator, intro=intro)


def _confirm_new_schema(url: str) -> bool:
    """A server database without GridCenter's tables: set it up only when the operator says
    so (it may be the wrong database)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        None,
        QCoreApplication.translate("Startup", "Empty database"),
        QCoreApplication.translate(
            "Startup",
            "The database {db} has no GridCenter tables yet. Set it up as a new GridCenter"
            " database?",
        ).format(db=db_label(url)),
    )
    return answer == QMessageBox.StandardButton.Yes


def _create_schema(url: str) -> None:
    from gridcenter_desktop.db import migrate
    from gridcenter_desktop.db.engine import make_engine

    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()


def _sign_in(url: str, settings, *, login_hint: str = "", intro: str = ""):
    """The sign-in dialog (or the first administrator's creation on a new database); returns
    a services.sign_in.SignedIn."""
    from gridcenter_desktop.ui.signing_in import SignInCancelled, sign_in_window

    try:
        return sign_in_window(url, settings, login_hint=login_hint, intro=intro)
    except SignInCancelled as exc:
        raise StartupCancelled() from exc
