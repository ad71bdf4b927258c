"""The sign-in dialog: through services.sign_in, the same sentence for an unknown login and a
wrong password, a locked account told until when, passwords never in clear, and "remember
password" only with a real keyring."""

from __future__ import annotations

from datetime import datetime

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QLineEdit

from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.sign_in import sign_in
from gridcenter_desktop.ui import password_store
from gridcenter_desktop.ui.sign_in_dialog import SignInDialog, refusal_text


def _door(url):
    return lambda login, password: sign_in(url, login, password, workstation="desk-7")


def _audit(url) -> list[tuple[str, str, str]]:
    from gridcenter_desktop.db.engine import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT action, login, workstation FROM audit_entry ORDER BY id"
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_signs_in_through_the_one_door_and_audits_it(qtbot, small_town):
    url, _ids = small_town
    dialog = SignInDialog(_door(url), login="supervisor", server="town")
    qtbot.addWidget(dialog)
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.password_edit.setText("demo123")
    dialog.try_sign_in()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.signed_in.actor.display_name == "刘值班长"
    dialog.signed_in.engine.dispose()
    assert ("sign_in", "supervisor", "desk-7") in _audit(url)


def test_unknown_login_and_wrong_password_read_the_same(qtbot, small_town):
    url, _ids = small_town
    dialog = SignInDialog(_door(url), login="supervisor")
    qtbot.addWidget(dialog)
    dialog.password_edit.setText("wrong-one")
    dialog.try_sign_in()
    wrong = dialog.message.text()
    dialog.login_edit.setText("nobody")
    dialog.try_sign_in()
    assert dialog.signed_in is None
    assert wrong and dialog.message.text() == wrong  # no hint which logins exist
    failures = [a for a in _audit(url) if a[0] == "sign_in_failed"]
    assert [f[1] for f in failures] == ["supervisor", "nobody"]


def test_a_locked_account_is_told_until_when(qtbot, small_town):
    url, _ids = small_town
    dialog = SignInDialog(_door(url), login="operator")
    qtbot.addWidget(dialog)
    for _ in range(5):
        dialog.password_edit.setText("wrong-again")
        dialog.try_sign_in()
    # The sixth try, even with the right password, is refused with the lock's end time.
    dialog.password_edit.setText("demo123")
    dialog.try_sign_in()
    assert dialog.signed_in is None
    text = dialog.message.text()
    assert "Locked; try again after" in text
    hhmm = text.rsplit(" ", 1)[1].rstrip(".")
    datetime.strptime(hhmm, "%H:%M")


def test_locked_text_in_chinese(qapp):
    from gridcenter_desktop.ui.i18n import install_translators
    from gridcenter_desktop.ui.labels import reset_cache

    translators = install_translators(qapp, "zh_CN")
    try:
        text = refusal_text(ValidationError("login", "locked", "2026-12-01 14:35:00"))
        assert text == "已锁定，请于 14:35 后再试"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        reset_cache()


def test_remember_password_is_off_without_a_keyring(qtbot):
    # This machine (and CI) has no keyring backend: the option is greyed and says why.
    assert password_store.keyring_problem() is not None
    dialog = SignInDialog(lambda *_a: None, login="op", remember=True)
    qtbot.addWidget(dialog)
    assert not dialog.remember_box.isEnabled()
    assert not dialog.remember_box.isChecked()
    assert "keyring" in dialog.remember_box.toolTip()
    assert not dialog.remember()


class _MemoryKeyring(KeyringBackend):
    """A keyring backend in memory (stands for the OS keyring)."""

    priority = 5
    # keyring registers every backend class it sees; this one must never be picked by itself.
    viable = False

    def __init__(self):
        super().__init__()
        self.kept = {}

    def get_password(self, service, account):
        return self.kept.get((service, account))

    def set_password(self, service, account, password):
        self.kept[(service, account)] = password

    def delete_password(self, service, account):
        self.kept.pop((service, account), None)


@pytest.fixture
def memory_keyring():
    import keyring

    previous = keyring.get_keyring()
    backend = _MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_remembered_password_lives_in_the_keyring_only(qtbot, small_town, memory_keyring, tmp_path):
    url, _ids = small_town
    dialog = SignInDialog(_door(url), login="supervisor", server="town")
    qtbot.addWidget(dialog)
    assert dialog.remember_box.isEnabled() and not dialog.remember_box.isChecked()  # off
    dialog.remember_box.setChecked(True)
    dialog.password_edit.setText("demo123")
    dialog.try_sign_in()
    dialog.signed_in.engine.dispose()
    assert memory_keyring.kept == {("GridCenter", "supervisor@town"): "demo123"}
    again = SignInDialog(_door(url), login="supervisor", server="town", remember=True)
    qtbot.addWidget(again)
    assert again.password_edit.text() == "demo123"


def test_a_file_keyring_counts_as_none():
    class PlaintextKeyring(_MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    assert password_store.keyring_problem(PlaintextKeyring()) == "file_backend"
    assert password_store.keyring_problem(_MemoryKeyring()) is None
