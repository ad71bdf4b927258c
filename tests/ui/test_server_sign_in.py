"""A server that checks each user's own password shows nothing before the sign-in: the
window goes straight to the sign-in dialog and checks the schema with the user's engine."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError


def _no_password():
    return OperationalError("connect", {}, Exception("fe_sendauth: no password supplied"))


def test_needs_sign_in_to_look():
    from gridcenter_desktop.ui.startup import needs_sign_in_to_look

    assert needs_sign_in_to_look(_no_password())
    refused = OperationalError("connect", {}, Exception("connection refused"))
    assert not needs_sign_in_to_look(refused)


def test_a_password_checking_server_opens_after_the_sign_in(
    qapp, monkeypatch, tmp_path, small_town
):
    from gridcenter_desktop.ui import app
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings
    from gridcenter_desktop.ui.sign_in_dialog import SignInDialog

    url, _ids = small_town

    def state(_url):
        raise _no_password()

    def sign(d):
        d.login_edit.setText("supervisor")
        d.password_edit.setText("demo123")
        d.try_sign_in()
        return d.result()

    monkeypatch.setattr(app, "database_state", state)
    monkeypatch.setattr(SignInDialog, "exec", sign)
    settings = Settings.at(tmp_path / "settings.ini")
    chosen, signed = app._choose_database_and_user(settings, JobRunner(), url, False)
    signed.engine.dispose()
    assert chosen == url and signed.actor.login == "supervisor"


def test_an_unreachable_server_is_still_one_clear_failure(qapp, monkeypatch, tmp_path):
    from gridcenter_desktop.ui import app
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings

    def state(_url):
        raise OperationalError("connect", {}, Exception("connection refused"))

    monkeypatch.setattr(app, "database_state", state)
    settings = Settings.at(tmp_path / "settings.ini")
    with pytest.raises(app.StartupFailed):
        app._choose_database_and_user(settings, JobRunner(), "postgresql://op@10.255.0.1/gc", False)
