"""Starting the desk: no display gives one clear line; --screenshot renders the demo window to
a PNG end to end; the start-up rules and dialogs (database state, sign-in, server address)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.ui.startup import DbState, database_state, display_problem, parse_size


def _gridcenter(args: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """The `gridcenter` command (as `python -m gridcenter_desktop`) in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "gridcenter_desktop", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _clean_env(tmp_path: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    # Logs, settings and the default database go to a throw-away data folder.
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux display rules")
def test_no_display_prints_how_to_get_one(tmp_path):
    result = _gridcenter([], _clean_env(tmp_path), tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "xvfb-run" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert "Aborted" not in result.stderr and "qt.qpa" not in result.stderr


def test_display_problem_trusts_an_explicit_platform():
    assert display_problem("linux", {}) is not None
    assert display_problem("linux", {"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem("linux", {"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert display_problem("win32", {}) is None


def test_size_option():
    assert parse_size("1600x1000") == (1600, 1000)
    for bad in ("1600", "axb", "10x10"):
        with pytest.raises(ValueError):
            parse_size(bad)


@pytest.mark.slow
def test_demo_screenshot_builds_the_demo_and_renders_the_window(tmp_path):
    out = tmp_path / "window.png"
    env = _clean_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = _gridcenter(["--demo", "--screenshot", str(out), "--size", "1600x1000"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "propagateSizeHints" not in result.stderr  # Qt's chatter goes to the log
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    # Not a blank grab: the docks drew text, tables and charts in many colours.
    colours = {image.pixel(x, y) for x in range(0, 1600, 23) for y in range(0, 1000, 17)}
    assert len(colours) > 50
    data = tmp_path / "data" / "GridCenter"
    # The demo was built into its own file, completely (no partial file left behind) ...
    assert (data / "demo.sqlite3").exists()
    assert not list(data.glob("*.part*"))
    # ... and the operator's own settings were not touched by the screenshot.
    assert not (data / "settings.ini").exists()


def test_screenshot_of_a_missing_database_is_one_line(tmp_path):
    env = _clean_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    missing = f"sqlite:///{tmp_path / 'nothing.sqlite3'}"
    result = _gridcenter(["--db", missing, "--screenshot", str(tmp_path / "x.png")], env, tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("gridcenter: error:")
    assert "Traceback" not in result.stderr


def test_database_state(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert database_state(url) == DbState.MISSING
    engine = make_engine(url)
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE unrelated (x int)")
        conn.commit()
    assert database_state(url) == DbState.EMPTY
    migrate.upgrade(engine)
    engine.dispose()
    assert database_state(url) == DbState.READY


def test_first_start_creates_an_empty_database_with_its_administrator(qapp, monkeypatch, tmp_path):
    from gridcenter_desktop.core.enums import UserRole
    from gridcenter_desktop.db.engine import default_database_url
    from gridcenter_desktop.ui import app, town_wizard, welcome
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    def choose_empty(dialog):
        dialog.choice = welcome.WelcomeChoice("empty")
        return 1

    def set_up_town(wizard):
        # The first-run wizard (tests/ui/test_first_run.py goes through each of its paths).
        wizard.show()
        wizard.town_page.name_edit.setText("青石镇")
        wizard.next()
        wizard.lists_page.hand_button.setChecked(True)
        wizard.next()
        page = wizard.admin_page
        page.name_edit.setText("王管理")
        page.password_edit.setText("short")
        page.repeat_edit.setText("short")
        wizard.accept()
        assert wizard.result() == 0 and "10" in page.message.text()  # the rule, at once
        page.password_edit.setText("guangfu-admin-2026")
        page.repeat_edit.setText("guangfu-admin-2026")
        wizard.accept()
        return wizard.result()

    monkeypatch.setattr(welcome.WelcomeDialog, "exec", choose_empty)
    monkeypatch.setattr(town_wizard.TownSetupWizard, "exec", set_up_town)
    settings = Settings.at(tmp_path / "settings.ini")
    url, signed = app._choose_database_and_user(settings, JobRunner(), None, False)
    assert url == default_database_url()
    assert str(tmp_path / "data") in url
    assert database_state(url) == DbState.READY
    actor = signed.actor
    assert (actor.role, actor.display_name) == (UserRole.ADMIN, "王管理")
    # Signed in through the one door: the sign-in is in the audit trail.
    with signed.engine.connect() as conn:
        actions = [r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_entry")]
    signed.engine.dispose()
    assert "sign_in" in actions
    assert settings.last_db_url == url


def test_welcome_server_form_explains_a_bad_address(qtbot, qapp, tmp_path):
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.welcome import WelcomeDialog

    runner = JobRunner()
    dialog = WelcomeDialog(runner)
    qtbot.addWidget(dialog)
    dialog.server_button.click()
    dialog.url_edit.setText("mysql://nope")
    dialog.test_server()
    assert runner.wait_idle(10_000)
    assert dialog.choice is None
    assert dialog.server_status.text() and "mysql" not in dialog.server_status.text().lower()

    empty = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    make_engine(empty).dispose()
    dialog.url_edit.setText(empty)
    dialog.test_server()
    assert runner.wait_idle(10_000)
    assert dialog.choice is not None and dialog.choice.kind == "server"


def test_progress_dialog_runs_a_job_and_can_be_cancelled(qtbot, qapp):
    import threading

    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.welcome import run_with_progress

    runner = JobRunner()

    def steps(job, n):
        for i in range(n):
            job.progress(i + 1, n, f"step {i + 1}")
        return n

    assert run_with_progress(runner, steps, 3, title="…") == ("ok", 3)

    started = threading.Event()

    def endless(job):
        started.set()
        while not job.cancelled:
            job.progress(0, 0, "waiting")
            threading.Event().wait(0.01)

    def press_cancel():
        from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

        started.wait(5)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                widget.findChild(QPushButton).click()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, press_cancel)
    assert run_with_progress(runner, endless, title="…") == ("cancelled", None)
    assert runner.wait_idle(5000)


def test_status_bar_names_the_file_or_the_server(tmp_path):
    from gridcenter_desktop.ui.startup import db_label

    assert db_label(f"sqlite:///{tmp_path / 'a.sqlite3'}") == str(tmp_path / "a.sqlite3")
    server = db_label("postgresql://postgres:secret@10.0.0.5:5432/gridcenter")
    assert server == "postgres@10.0.0.5:5432/gridcenter"  # never the password


def test_the_demo_chosen_last_time_asks_for_the_operators_password(
    qapp, monkeypatch, tmp_path, small_town
):
    from gridcenter_desktop.ui import app
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings
    from gridcenter_desktop.ui.sign_in_dialog import SignInDialog

    url, _ids = small_town
    monkeypatch.setattr(app, "demo_database_url", lambda: url)
    settings = Settings.at(tmp_path / "settings.ini")
    settings.last_db_url = url
    prefilled = []

    def sign_in_as_shown(dialog):
        prefilled.append(dialog.login_edit.text())
        dialog.password_edit.setText("demo123")
        dialog.try_sign_in()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_shown)
    chosen, signed = app._choose_database_and_user(settings, JobRunner(), None, False)
    signed.engine.dispose()
    assert chosen == url
    assert prefilled == ["operator"]  # the demo operator's login, filled in
    assert signed.actor.display_name == "张调度"


def test_choose_database_shows_the_welcome_again_and_opens_the_local_file(
    qapp, monkeypatch, tmp_path
):
    from gridcenter_desktop.db.engine import default_database_url
    from gridcenter_desktop.ui import app, welcome
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    local = default_database_url()
    engine = make_engine(local)
    migrate.upgrade(engine)
    engine.dispose()
    settings = Settings.at(tmp_path / "settings.ini")
    settings.last_db_url = "sqlite:////somewhere/else.sqlite3"
    settings.ask_database = True
    shown = []

    def choose_local(dialog):
        shown.append(dialog.empty_button.text())
        dialog.choice = welcome.WelcomeChoice("empty")
        return 1

    monkeypatch.setattr(welcome.WelcomeDialog, "exec", choose_local)
    monkeypatch.setattr(app, "_sign_in", lambda url, settings, **_kw: "signed in")
    url, actor = app._choose_database_and_user(settings, JobRunner(), None, False)
    assert (url, actor) == (local, "signed in")
    assert shown and shown[0] == "Open the database on this computer"
    assert settings.ask_database is False


def test_the_welcome_dialog_has_a_quit_button_that_ends_the_start(qapp, monkeypatch, tmp_path):
    # Issue 8: the welcome dialog had no Quit.
    from gridcenter_desktop.ui import app
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings
    from gridcenter_desktop.ui.welcome import WelcomeDialog

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(WelcomeDialog, "exec", lambda d: d.quit_button.click() or d.result())
    settings = Settings.at(tmp_path / "settings.ini")
    with pytest.raises(app.StartupCancelled):
        app._choose_database_and_user(settings, JobRunner(), None, False)


def test_sign_out_switch_user_signs_another_user_in_on_the_same_database(
    qapp, monkeypatch, tmp_path, small_town
):
    # Issue 8: no sign-out or switch user; the demo's supervisor steps were out of reach.
    from PySide6.QtWidgets import QApplication

    from gridcenter_desktop.services.sign_in import sign_in
    from gridcenter_desktop.ui import app
    from gridcenter_desktop.ui.errors import ErrorReporter
    from gridcenter_desktop.ui.main_window import MainWindow
    from gridcenter_desktop.ui.settings import Settings

    url, _ids = small_town
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    first = sign_in(url, "operator", "demo123", workstation="test")
    monkeypatch.setattr(app, "_choose_database_and_user", lambda *a, **k: (url, first))
    asked = []

    def sign_in_again(u, settings, **_k):
        asked.append(u)
        return sign_in(u, "supervisor", "demo123", workstation="test")

    monkeypatch.setattr(app, "_sign_in", sign_in_again)
    windows = []

    def run_once(_app=None):
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                    and w.isVisible()]  # fmt: skip
        windows.append(window.context.actor.role)
        if len(windows) == 1:
            window.commands["account.switch_user"].trigger()
        else:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_once)
    settings = Settings.at(tmp_path / "settings.ini")
    code = app._interactive(qapp, settings, ErrorReporter(tmp_path / "logs"), url, False, None)
    assert code == 0
    assert asked == [url]
    assert [str(r) for r in windows] == ["operator", "supervisor"]


def test_a_language_change_reopens_the_window_in_that_language_same_user(
    qapp, monkeypatch, tmp_path, small_town
):
    # Issue 8: a language change needed a restart.
    from PySide6.QtWidgets import QApplication

    from gridcenter_desktop.services.sign_in import sign_in
    from gridcenter_desktop.ui import app, main_window
    from gridcenter_desktop.ui.errors import ErrorReporter
    from gridcenter_desktop.ui.main_window import MainWindow
    from gridcenter_desktop.ui.settings import Settings

    url, _ids = small_town
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    signed = sign_in(url, "operator", "demo123", workstation="test")
    monkeypatch.setattr(app, "_choose_database_and_user", lambda *a, **k: (url, signed))
    monkeypatch.setattr(app, "_sign_in", lambda *a, **k: pytest.fail("asked to sign in again"))
    monkeypatch.setattr(main_window.LanguageDialog, "exec", lambda self: 1)
    monkeypatch.setattr(main_window.LanguageDialog, "language", lambda self: "zh_CN")
    settings = Settings.at(tmp_path / "settings.ini")
    settings.language = "en"
    menus = []
    kept = []

    def run_once(_app=None):
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                    and w.isVisible()]  # fmt: skip
        menus.append((window.menus["file"].title(), window.context.actor.login))
        queue = window.dock_widget("dock.queue")
        kept.append((window.isMaximized(), queue._preset_buttons["overdue"].isChecked()))
        if len(menus) == 1:
            # Issue 13 walk: the reopened window lost its maximized state and the view.
            window.showMaximized()
            queue._preset_buttons["overdue"].click()
            window.commands["view.language"].trigger()
        else:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_once)
    from PySide6.QtCore import QLocale

    locale_before = QLocale()
    translators = []
    try:
        code = app._interactive(
            qapp, settings, ErrorReporter(tmp_path / "logs"), url, False, None, None, translators
        )
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        from gridcenter_desktop.ui.labels import reset_cache

        reset_cache()
        QLocale.setDefault(locale_before)
    assert code == 0
    assert menus == [("&File", "operator"), ("文件(&F)", "operator")]
    assert kept == [(False, False), (True, True)]
