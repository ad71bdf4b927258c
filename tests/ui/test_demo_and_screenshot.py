"""--screenshot signs in like the window (a user with GRIDCENTER_PASSWORD, or a demo
database's operator, nothing else); a demo database shows its banner; the demo's generated
passwords are shown once in a dialog one can copy from; the server form hides a password."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QLineEdit

from gridcenter_desktop.db.engine import make_engine


def _mark_demo(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO app_setting (key, value) VALUES ('demo', '1')")
    engine.dispose()


@pytest.fixture
def window_env(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("GRIDCENTER_PASSWORD", raising=False)


def _audit(url) -> list[tuple[str, str]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT action, login FROM audit_entry ORDER BY id").all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_screenshot_of_a_real_database_needs_a_user(qapp, small_town, tmp_path, window_env, capsys):
    from gridcenter_desktop.ui.app import run_window

    url, _ids = small_town
    out = tmp_path / "x.png"
    assert run_window(db_url=url, screenshot=str(out), size="800x600", lang="en") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a demo database" in err[0] and "--user" in err[0]
    assert not out.exists()


def test_screenshot_signs_in_with_the_password_from_the_environment(
    qapp, small_town, tmp_path, window_env, monkeypatch, capsys
):
    from gridcenter_desktop.ui.app import run_window

    url, _ids = small_town
    out = tmp_path / "x.png"
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "wrong-password")
    assert (
        run_window(db_url=url, screenshot=str(out), size="800x600", user="supervisor", lang="en")
        == 1
    )
    assert "refused: wrong login name or password" in capsys.readouterr().err
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "demo123")
    assert (
        run_window(db_url=url, screenshot=str(out), size="1600x1000", user="supervisor", lang="en")
        == 0
    )
    assert QImage(str(out)).width() == 1600
    actions = _audit(url)
    assert ("sign_in", "supervisor") in actions and ("sign_out", "supervisor") in actions


def test_screenshot_of_a_demo_database_uses_its_operator(
    qapp, small_town, tmp_path, window_env, capsys
):
    from gridcenter_desktop.ui.app import run_window

    url, _ids = small_town
    _mark_demo(url)
    out = tmp_path / "demo.png"
    assert run_window(db_url=url, screenshot=str(out), size="1600x1000", lang="en") == 0, (
        capsys.readouterr()
    )
    image = QImage(str(out))
    # The banner strip's yellow is across the top of the window.
    top = {image.pixelColor(x, y).name() for x in range(0, 1600, 50) for y in range(0, 120, 3)}
    assert "#f6c445" in top


def test_the_demo_banner_is_shown_and_cannot_be_switched_off(qtbot, small_town, make_context):
    from gridcenter_desktop.ui.main_window import MainWindow

    url, _ids = small_town
    ctx = make_context(url)
    ctx.demo = True
    window = MainWindow(ctx, docks=())
    qtbot.addWidget(window)
    window.show()
    assert window.demo_banner is not None and window.demo_banner.isVisible()
    assert not window.demo_banner.toggleViewAction().isVisible()
    assert "演示数据" in window.findChild(object, "banner.demo.text").text()

    plain = make_context(url)
    normal = MainWindow(plain, docks=())
    qtbot.addWidget(normal)
    assert normal.demo_banner is None


def test_demo_accounts_are_shown_once_and_can_be_copied(qtbot):
    from gridcenter_desktop.ui.demo_accounts_dialog import DemoAccountsDialog

    passwords = {"operator": "Xq3-pt9-Lm2", "admin": "Rt7-bb2-Wz8"}
    dialog = DemoAccountsDialog(passwords)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert text.splitlines() == ["admin     Rt7-bb2-Wz8", "operator  Xq3-pt9-Lm2"]
    dialog.copy()
    assert QGuiApplication.clipboard().text() == text


def test_building_the_demo_in_the_window_shows_its_passwords(
    qapp, monkeypatch, tmp_path, small_town
):
    from gridcenter_desktop.ui import app
    from gridcenter_desktop.ui.demo_accounts_dialog import DemoAccountsDialog
    from gridcenter_desktop.ui.settings import Settings
    from gridcenter_desktop.ui.sign_in_dialog import SignInDialog

    url, _ids = small_town

    class Summary:
        passwords = {"operator": "demo123", "supervisor": "demo123"}

    shown = []
    monkeypatch.setattr(app, "_ensure_demo", lambda *_a, **_k: Summary())
    monkeypatch.setattr(
        DemoAccountsDialog, "exec", lambda d: shown.append(d.text.toPlainText()) or 1
    )

    def sign(d):
        d.password_edit.setText(Summary.passwords[d.login_edit.text()])
        d.try_sign_in()
        return d.result()

    monkeypatch.setattr(SignInDialog, "exec", sign)
    settings = Settings.at(tmp_path / "settings.ini")
    chosen, signed = app._choose_database_and_user(settings, None, url, True)
    signed.engine.dispose()
    assert shown and "operator" in shown[0] and "demo123" in shown[0]
    assert signed.actor.login == "operator"


def test_server_form_never_shows_a_password(qtbot, qapp, tmp_path):
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.welcome import WelcomeDialog

    runner = JobRunner()
    dialog = WelcomeDialog(runner)
    qtbot.addWidget(dialog)
    assert dialog.server_password.echoMode() == QLineEdit.EchoMode.Password
    dialog.url_edit.setText("postgresql://op:s3cret@10.0.0.5/gridcenter")
    url = dialog.connection_url()
    # Typed into the address, the password moves to the hidden field.
    assert "s3cret" not in dialog.url_edit.text()
    assert dialog.server_password.text() == "s3cret"
    assert "s3cret" in url  # used for this connection, in memory


def test_demo_build_progress_speaks_chinese_words_and_never_sits_at_100(qapp):
    # Issue 8: the dialog showed the stage code "tickets" at 100 % while indexes were built.
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from gridcenter_desktop.ui.app import demo_stage_text
    from gridcenter_desktop.ui.i18n import install_translators
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.welcome import run_with_progress

    translators = install_translators(qapp, "zh_CN")
    try:
        text, counted = demo_stage_text(500, 14_123, "tickets")
        assert counted and "500" in text and "14,123" in text and "工单" in text
        for stage in ("schema", "reference", "indexes", "search_index"):
            text, counted = demo_stage_text(14_123, 14_123, stage)
            assert not counted and text.isascii() is False, stage
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)

    def build(job):
        job.progress(14_123, 14_123, "tickets")
        job.progress(14_123, 14_123, "indexes")
        time.sleep(0.6)
        return "built"

    seen = []

    def look():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        seen.extend((d.labelText(), d.maximum()) for d in dialogs if d.isVisible())

    runner = JobRunner()
    QTimer.singleShot(400, look)
    assert run_with_progress(runner, build, title="demo", describe=demo_stage_text) == (
        "ok",
        "built",
    )
    assert seen and seen[-1][1] == 0  # a busy bar, not a full one
    assert seen[-1][0] == demo_stage_text(14_123, 14_123, "indexes")[0]
