"""Administration → Users and Account → Change my password: an administrator creates,
disables, enables and resets accounts; a reset user must choose a new password at the next
sign-in; everyone changes their own; the menu is hidden from other roles and the service
refuses them anyway."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.sign_in import sign_in
from gridcenter_desktop.ui import users_dialog
from tests.ui.users_stand_in import use_real_or_stand_in

ADMIN_PASSWORD = "guangfu-admin-2026"


@pytest.fixture
def town(small_town, monkeypatch):
    """The small town with an administrator; (url, ids)."""
    from gridcenter_desktop.core.passwords import hash_password
    from gridcenter_desktop.db.user import User

    use_real_or_stand_in(monkeypatch)
    url, ids = small_town
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        admin = User(
            login="admin",
            display_name="王管理",
            role=UserRole.ADMIN,
            password_hash=hash_password(ADMIN_PASSWORD),
        )
        s.add(admin)
        s.commit()
        ids["admin"] = admin.id
    engine.dispose()
    return url, ids


def _signed_context(make_context, url, login, password):
    signed = sign_in(url, login, password, workstation="desk-1")
    ctx = make_context(url, signed.actor)
    ctx.replace_engine(signed.engine)
    ctx.url = url
    return ctx


def _audit_actions(url) -> list[str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_entry ORDER BY id")]
    engine.dispose()
    return rows


def test_admin_creates_a_user_who_can_sign_in(qtbot, town, make_context, monkeypatch):
    from gridcenter_desktop.ui.users_dialog import NewUserDialog, UsersDialog

    url, ids = town
    ctx = _signed_context(make_context, url, "admin", ADMIN_PASSWORD)
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    logins = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert {"admin", "operator", "supervisor"} <= set(logins)

    def fill(new: NewUserDialog):
        assert new.fields.password.echoMode() == QLineEdit.EchoMode.Password
        assert new.fields.repeat.echoMode() == QLineEdit.EchoMode.Password
        assert "10" in new.fields.rules.text()  # the rules shown at the field
        new.login_edit.setText("zhou")
        new.name_edit.setText("周网格")
        new.role_combo.setCurrentIndex(new.role_combo.findData(UserRole.VIEWER.value))
        grid = next(
            i
            for i in range(new.scope_combo.count())
            if "迂里村第一网格" in new.scope_combo.itemText(i)
        )
        new.scope_combo.setCurrentIndex(grid)
        new.fields.password.setText("zhou")  # breaks the rules: refused at the field
        new.fields.repeat.setText("zhou")
        new.try_create()
        assert new.result() == 0 and new.message.text()
        new.fields.password.setText("meiyuan-grid-77")
        new.fields.repeat.setText("meiyuan-grid-78")  # typed differently
        new.try_create()
        assert new.result() == 0 and new.message.text()
        new.fields.repeat.setText("meiyuan-grid-77")
        new.try_create()
        return new.result()

    monkeypatch.setattr(NewUserDialog, "exec", fill)
    dialog.create_user()
    assert dialog.selected() is not None and dialog.selected().login == "zhou"
    row = dialog.selected()
    assert (row.role, row.area_id, row.active) == (UserRole.VIEWER, ids["迂里村第一网格"], True)
    signed = sign_in(url, "zhou", "meiyuan-grid-77")
    signed.engine.dispose()
    assert signed.actor.role == UserRole.VIEWER
    assert "user_create" in _audit_actions(url)


def test_disable_enable_and_reset(qtbot, town, make_context, monkeypatch):
    from gridcenter_desktop.services.errors import ValidationError
    from gridcenter_desktop.ui.users_dialog import ResetPasswordDialog, UsersDialog

    url, _ids = town
    ctx = _signed_context(make_context, url, "admin", ADMIN_PASSWORD)
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.select_login("admin")
    assert not dialog.disable_button.isEnabled()  # not one's own account
    dialog.select_login("operator")
    # The plain-text question box (ui/plain_text.py) the dialog asks with.
    monkeypatch.setattr(users_dialog, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.disable_selected()
    assert dialog.selected().active is False
    assert dialog.table.item(dialog.table.currentRow(), 3).text() == "Disabled"
    with pytest.raises(ValidationError):
        sign_in(url, "operator", "demo123")
    dialog.enable_selected()
    assert dialog.selected().active is True

    def reset(d: ResetPasswordDialog):
        d.fields.password.setText("temporary-pass-1")
        d.fields.repeat.setText("temporary-pass-1")
        d.try_accept()
        return d.result()

    monkeypatch.setattr(ResetPasswordDialog, "exec", reset)
    dialog.reset_selected()
    assert dialog.selected().must_change_password is True
    signed = sign_in(url, "operator", "temporary-pass-1")
    signed.engine.dispose()
    assert signed.must_change_password
    actions = _audit_actions(url)
    assert {"user_disable", "user_enable", "user_reset_password"} <= set(actions)


def test_a_reset_user_must_choose_a_password_before_the_desk_opens(
    qtbot, town, make_context, monkeypatch, settings
):
    from gridcenter_desktop.services import users
    from gridcenter_desktop.ui.password_dialog import ChangePasswordDialog
    from gridcenter_desktop.ui.sign_in_dialog import SignInDialog
    from gridcenter_desktop.ui.signing_in import SignInCancelled, sign_in_window

    url, ids = town
    admin = sign_in(url, "admin", ADMIN_PASSWORD)
    with make_session_factory(admin.engine)() as s:
        users.reset_password(s, admin.actor, ids["operator"], "temporary-pass-1")
    admin.engine.dispose()

    def sign(d):
        d.login_edit.setText("operator")
        d.password_edit.setText("temporary-pass-1")
        d.try_sign_in()
        return d.result()

    monkeypatch.setattr(SignInDialog, "exec", sign)
    # Closing the forced change means no desk.
    monkeypatch.setattr(ChangePasswordDialog, "exec", lambda d: 0)
    with pytest.raises(SignInCancelled):
        sign_in_window(url, settings)

    def choose(d: ChangePasswordDialog):
        assert d.old_edit.isHidden()  # just typed at the sign-in: not asked again
        d.fields.password.setText("my-own-secret-9")
        d.fields.repeat.setText("my-own-secret-9")
        d.try_change()
        return d.result()

    monkeypatch.setattr(ChangePasswordDialog, "exec", choose)
    signed = sign_in_window(url, settings)
    signed.engine.dispose()
    assert not signed.must_change_password
    again = sign_in(url, "operator", "my-own-secret-9")
    again.engine.dispose()
    assert not again.must_change_password


def test_everyone_changes_their_own_password(qtbot, town, make_context, monkeypatch):
    from gridcenter_desktop.ui.password_dialog import ChangePasswordDialog
    from gridcenter_desktop.ui.signing_in import change_my_password

    url, _ids = town
    ctx = _signed_context(make_context, url, "operator", "demo123")
    seen = []

    def change(d: ChangePasswordDialog):
        assert d.old_edit.echoMode() == QLineEdit.EchoMode.Password
        d.old_edit.setText("not-my-password")
        d.fields.password.setText("operator-new-55")
        d.fields.repeat.setText("operator-new-55")
        d.try_change()
        seen.append(d.message.text())  # the service refused the wrong current password
        d.old_edit.setText("demo123")
        d.try_change()
        return d.result()

    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    assert change_my_password(ctx)
    assert seen[0]
    signed = sign_in(url, "operator", "operator-new-55")
    signed.engine.dispose()
    assert "password_change" in _audit_actions(url)


def test_users_menu_only_for_administrators_and_the_service_refuses_others(
    qtbot, town, make_context
):
    from gridcenter_desktop.ui.main_window import MainWindow
    from gridcenter_desktop.ui.users_dialog import UsersDialog

    url, _ids = town
    operator = _signed_context(make_context, url, "operator", "demo123")
    window = MainWindow(operator, docks=())
    qtbot.addWidget(window)
    assert not window.commands["admin.users"].isVisible()
    assert not window.menus["admin"].menuAction().isVisible()
    assert window.commands["account.change_password"].isVisible()
    # Opened anyway (a stale menu, a script): the service refuses, the dialog says so.
    dialog = UsersDialog(operator)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and dialog.message.text()

    admin = _signed_context(make_context, url, "admin", ADMIN_PASSWORD)
    admin_window = MainWindow(admin, docks=())
    qtbot.addWidget(admin_window)
    assert admin_window.commands["admin.users"].isVisible()
    assert admin_window.menus["admin"].menuAction().isVisible()


def test_closing_the_window_audits_the_sign_out(qtbot, town, make_context):
    from gridcenter_desktop.ui.main_window import MainWindow

    url, _ids = town
    ctx = _signed_context(make_context, url, "supervisor", "demo123")
    ctx.signed_in = True
    window = MainWindow(ctx, docks=())
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert _audit_actions(url)[-1] == "sign_out"
