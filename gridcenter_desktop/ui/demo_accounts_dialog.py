"""The demo's accounts and their passwords, shown once when the window built the demo (the
passwords are made per build and kept nowhere else), in a text the user can copy."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def accounts_text(passwords: dict[str, str]) -> str:
    """One "login  password" line per account."""
    width = max((len(login) for login in passwords), default=0)
    return "\n".join(f"{login.ljust(width)}  {pw}" for login, pw in sorted(passwords.items()))


class DemoAccountsDialog(QDialog):
    """ "Write these down": the demo's logins and passwords."""

    def __init__(self, passwords: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Demo accounts"))
        self.setMinimumWidth(440)
        intro = QLabel(
            self.tr(
                "The demo data is ready. These are its accounts and passwords; they are shown"
                " only now, so copy them somewhere safe. The demo is for trying GridCenter"
                " out, never for real work."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(accounts_text(passwords), self)
        self.text.setObjectName("demo_accounts.text")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setFixedHeight(24 * (len(passwords) + 2))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.accepted.connect(self.accept)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.text)
        box.addWidget(buttons)

    def copy(self) -> None:
        """Put the accounts on the clipboard."""
        QGuiApplication.clipboard().setText(self.text.toPlainText())
