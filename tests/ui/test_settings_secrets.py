"""No secrets at rest: the settings keep the server address and user name, never a password
(an old file's password is removed on load), and the settings and log files are readable by
their owner only."""

from __future__ import annotations

import logging
import os
import stat
import sys

import pytest

from gridcenter_desktop.ui.settings import Settings, without_password

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_without_password_keeps_address_and_user():
    assert (
        without_password("postgresql+psycopg://op:s3cret@10.0.0.5:5432/gridcenter")
        == "postgresql+psycopg://op@10.0.0.5:5432/gridcenter"
    )
    # An address SQLAlchemy cannot parse (mistyped port) still loses its password.
    assert without_password("postgresql://op:s3cret@host:abc/db") == "postgresql://op@host:abc/db"
    assert without_password("sqlite:////home/op/gc.sqlite3") == "sqlite:////home/op/gc.sqlite3"


def test_an_old_settings_file_loses_its_password_on_load(tmp_path, qapp):
    path = tmp_path / "settings.ini"
    path.write_text(
        "[db]\nlast_url=postgresql://op:s3cret@10.0.0.5/gridcenter\n[user]\nlast_login=op\n",
        encoding="utf-8",
    )
    settings = Settings.at(path)
    assert settings.last_db_url == "postgresql://op@10.0.0.5/gridcenter"
    assert settings.last_login == "op"
    # Rewritten at once, not at the next save.
    assert "s3cret" not in path.read_text(encoding="utf-8")


def test_a_password_is_never_written(tmp_path, qapp):
    path = tmp_path / "settings.ini"
    settings = Settings.at(path)
    settings.last_db_url = "postgresql://op:s3cret@10.0.0.5/gridcenter"
    settings.sync()
    assert "s3cret" not in path.read_text(encoding="utf-8")
    assert "10.0.0.5" in path.read_text(encoding="utf-8")
    assert settings.remember_password is False  # off by default


@posix_only
def test_settings_file_is_private(tmp_path, qapp):
    folder = tmp_path / "GridCenter"
    path = folder / "settings.ini"
    settings = Settings.at(path)
    settings.last_login = "op"
    settings.sync()  # QSettings rewrites the file atomically: the mode must survive
    assert _mode(path) == 0o600
    assert _mode(folder) == 0o700


@posix_only
def test_an_existing_readable_settings_file_is_tightened(tmp_path, qapp):
    path = tmp_path / "settings.ini"
    path.write_text("[user]\nlast_login=op\n", encoding="utf-8")
    path.chmod(0o644)
    Settings.at(path).sync()
    assert _mode(path) == 0o600


@posix_only
def test_log_files_are_private(tmp_path):
    from gridcenter_desktop.ui.errors import LOGGER_NAME, setup_logging

    log_dir = tmp_path / "logs"
    path = setup_logging(log_dir)
    logger = logging.getLogger(LOGGER_NAME)
    handler = next(h for h in logger.handlers if getattr(h, "baseFilename", "") == str(path))
    try:
        logger.error("x" * 100)
        handler.doRollover()  # the next file rotation starts is private too
        logger.error("after rotation")
        handler.flush()
        assert _mode(log_dir) == 0o700
        assert _mode(path) == 0o600
        assert _mode(log_dir / (path.name + ".1")) == 0o600
    finally:
        logger.removeHandler(handler)
        handler.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG data folder")
def test_the_window_start_writes_no_password_anywhere(tmp_path, qapp, monkeypatch, small_town):
    """Start, sign in and quit as the window does: the settings and the log hold no password."""
    from gridcenter_desktop.ui import app
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.sign_in_dialog import SignInDialog

    url, _ids = small_town
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    def sign(dialog):
        dialog.login_edit.setText("supervisor")
        dialog.password_edit.setText("demo123")
        dialog.remember_box.setChecked(True)  # greyed here: must not matter
        dialog.try_sign_in()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", sign)
    settings = Settings.at(tmp_path / "data" / "settings.ini")
    chosen, signed = app._choose_database_and_user(settings, JobRunner(), url, False)
    signed.engine.dispose()
    settings.sync()
    for file in (tmp_path / "data").rglob("*"):
        if file.is_file() and file.suffix in (".ini", ".log"):
            assert "demo123" not in file.read_text(encoding="utf-8", errors="replace")
    assert settings.last_login == "supervisor"
