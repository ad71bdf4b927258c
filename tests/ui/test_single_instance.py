"""One window per account and database: a second start brings the first forward; another
account, or another database, runs beside it."""

from __future__ import annotations

import pytest

from gridcenter_desktop.ui.single_instance import SingleInstance, instance_name

pytestmark = pytest.mark.ui


def test_a_second_start_of_the_same_account_wakes_the_first(qtbot, tmp_path):
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    first = SingleInstance(instance_name(url, "operator1"))
    assert first.listen()
    try:
        with qtbot.waitSignal(first.sig_wakeup, timeout=5_000):
            assert SingleInstance(instance_name(url, "operator1")).bring_forward_running()
        # The duty supervisor at the same workstation, or another database: a window of its own.
        assert not SingleInstance(instance_name(url, "supervisor")).bring_forward_running()
        other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
        assert not SingleInstance(instance_name(other, "operator1")).bring_forward_running()
    finally:
        first.close()
    # Closed: the next start is the first again.
    assert not SingleInstance(instance_name(url, "operator1")).bring_forward_running()


def test_the_window_comes_forward_when_woken(qtbot, make_context, small_town):
    from gridcenter_desktop.ui.main_window import MainWindow

    url, _ids = small_town
    window = MainWindow(make_context(url))
    qtbot.addWidget(window)
    window.showMinimized()
    window.bring_forward()
    assert window.isVisible() and not window.isMinimized()


def test_a_second_start_naming_the_account_asks_for_no_password(qtbot, tmp_path, monkeypatch):
    # `gridcenter --db URL --user LOGIN` knows the account before sign-in: with its window
    # running, the start ends at once instead of asking for a password to turn it away.
    from gridcenter_desktop.ui import app as app_module

    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    first = SingleInstance(instance_name(url, "operator1"))
    assert first.listen()

    def no_sign_in(*_args, **_kwargs):
        raise AssertionError("asked to sign in")

    monkeypatch.setattr(app_module, "_choose_database_and_user", no_sign_in)
    try:
        with qtbot.waitSignal(first.sig_wakeup, timeout=5_000):
            code = app_module._interactive(None, None, None, url, False, None, user="operator1")
        assert code == 0
    finally:
        first.close()
