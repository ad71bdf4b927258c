"""Account → Change my password, and the change a user must make at sign-in after an
administrator reset their password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from gridcenter_desktop.services.errors import ServiceError
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.password_fields import NewPasswordFields, password_edit
from gridcenter_desktop.ui.plain_text import plain

MESSAGE_STYLE = "color: #c0392b;"


class ChangePasswordDialog(QDialog):
    """Current password, new password twice. ``change(old, new)`` does it (raises a
    ServiceError when refused). ``forced``: the user must change it before the desk opens;
    the current password they just signed in with is passed as ``current`` and not asked
    again."""

    def __init__(
        self,
        change: Callable[[str, str], object],
        login: str,
        *,
        forced: bool = False,
        current: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._change = change
        self._login = login
        self._current = current
        self.new_password = ""
        self.setWindowTitle(
            self.tr("Choose a new password") if forced else self.tr("Change my password")
        )
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        if forced:
            intro = QLabel(
                self.tr(
                    "Your password was set by an administrator. Choose your own password"
                    " before you start work."
                ),
                self,
            )
            intro.setWordWrap(True)
            form.addRow(intro)
        self.old_edit = password_edit(self, "password.old")
        if current is None:
            form.addRow(self.tr("Current password:"), self.old_edit)
        else:
            self.old_edit.hide()
        self.fields = NewPasswordFields(form, self)
        self.message = plain(QLabel(self))
        self.message.setObjectName("password.message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change password"))
        self.buttons.accepted.connect(self.try_change)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def try_change(self) -> None:
        old = self._current if self._current is not None else self.old_edit.text()
        if self._current is None and not old:
            self.message.setText(self.tr("Enter your current password."))
            return
        problem = self.fields.problem(self._login)
        if problem is None and self.fields.text() == old:
            problem = self.tr("The new password must differ from the current one.")
        if problem is not None:
            self.message.setText(problem)
            self.fields.password.setFocus()
            return
        try:
            self._change(old, self.fields.text())
        except ServiceError as exc:
            self.message.setText(error_text(exc))
            return
        self.new_password = self.fields.text()
        self.accept()
