"""The sign-in dialog: login name and password, checked by services.sign_in (the one door
every entry point goes through). A locked account is told until when; a password is never
shown, and remembered only in the operating system's keyring when the user asks for it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.sign_in import SignedIn
from gridcenter_desktop.ui import password_store
from gridcenter_desktop.ui.password_fields import password_edit
from gridcenter_desktop.ui.plain_text import plain

MESSAGE_STYLE = "color: #c0392b;"


def locked_until(exc: ValidationError) -> datetime | None:
    """When a ("login", "locked") refusal ends, if the service said (as ISO text)."""
    text = getattr(exc, "detail", None) or (exc.args[0] if exc.args else "")
    if isinstance(text, datetime):
        return text
    try:
        return datetime.fromisoformat(str(text).strip())
    except ValueError:
        return None


def refusal_text(exc: BaseException) -> str:
    """What the sign-in dialog says when the service refused."""
    if isinstance(exc, ValidationError) and exc.rule == "locked":
        until = locked_until(exc)
        if until is not None:
            return QCoreApplication.translate("SignIn", "Locked; try again after {time}.").format(
                time=until.strftime("%H:%M")
            )
        return QCoreApplication.translate(
            "SignIn", "Locked after too many wrong passwords; try again later."
        )
    if isinstance(exc, ValidationError):
        # One sentence for an unknown login and a wrong password: the dialog does not tell a
        # guesser which logins exist.
        return QCoreApplication.translate("SignIn", "The login name or the password is wrong.")
    from gridcenter_desktop.ui.welcome import connection_problem_text

    return connection_problem_text(exc)


class SignInDialog(QDialog):
    """Ask for login and password until ``sign_in(login, password)`` returns a SignedIn."""

    def __init__(
        self,
        sign_in: Callable[[str, str], SignedIn],
        *,
        login: str = "",
        server: str = "",
        remember: bool = False,
        intro: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``server`` names the database (its db_label) for the keyring entry; ``remember``
        is the saved choice of "Remember password"."""
        super().__init__(parent)
        self._sign_in = sign_in
        self._server = server
        self.signed_in: SignedIn | None = None
        self.password_used = ""
        self.setWindowTitle(self.tr("Sign in to GridCenter"))
        self.setMinimumWidth(380)
        self.login_edit = QLineEdit(login, self)
        self.login_edit.setObjectName("sign_in.login")
        self.password_edit = password_edit(self, "sign_in.password")
        self.remember_box = QCheckBox(self.tr("Remember password"), self)
        self.remember_box.setObjectName("sign_in.remember")
        problem = password_store.keyring_problem()
        if problem is not None:
            self.remember_box.setEnabled(False)
            self.remember_box.setChecked(False)
            self.remember_box.setToolTip(self._keyring_reason(problem))
        else:
            self.remember_box.setChecked(remember)
            self.remember_box.setToolTip(
                self.tr("Kept in this computer's keyring, never in a settings file.")
            )
            kept = password_store.remembered_password(server, login) if remember else None
            if kept:
                self.password_edit.setText(kept)
        self.message = plain(QLabel(self))
        self.message.setObjectName("sign_in.message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        if intro:
            intro_label = QLabel(intro, self)
            intro_label.setWordWrap(True)
            form.addRow(intro_label)
        if server:
            form.addRow(self.tr("Database:"), QLabel(server, self))
        form.addRow(self.tr("Login name:"), self.login_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow("", self.remember_box)
        form.addRow(self.message)
        form.addRow(buttons)
        (self.password_edit if login else self.login_edit).setFocus()

    def _keyring_reason(self, problem: password_store.KeyringProblem) -> str:
        if problem == password_store.KeyringProblem.FILE_BACKEND:
            return self.tr(
                "Not available: this computer's keyring would keep passwords in a plain"
                " file, so GridCenter does not remember passwords here."
            )
        return self.tr(
            "Not available: this computer has no keyring (password safe) GridCenter can"
            " use, and it never keeps passwords in a file."
        )

    def login(self) -> str:
        return self.login_edit.text().strip()

    def remember(self) -> bool:
        return self.remember_box.isEnabled() and self.remember_box.isChecked()

    def try_sign_in(self) -> None:
        """OK: sign in; on refusal say why and let the user try again."""
        login = self.login()
        if not login:
            self.message.setText(self.tr("Enter your login name."))
            self.login_edit.setFocus()
            return
        password = self.password_edit.text()
        try:
            self.signed_in = self._sign_in(login, password)
        except Exception as exc:  # noqa: BLE001 - every refusal is shown in the dialog
            if not isinstance(exc, ValidationError):
                logging.getLogger("gridcenter").warning("sign-in failed: %r", exc)
            self.message.setText(refusal_text(exc))
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        self.password_used = password
        if self.remember():
            password_store.remember_password(self._server, login, password)
        else:
            password_store.forget_password(self._server, login)
        self.accept()
