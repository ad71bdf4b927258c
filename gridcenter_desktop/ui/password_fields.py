"""A new password typed twice, with the rules shown beside it: used wherever a password is
chosen (first administrator, new user, reset, change my password). Text never shows in
clear."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from gridcenter_desktop.core.passwords import MIN_LENGTH, password_problem


def password_edit(parent: QWidget, name: str) -> QLineEdit:
    """A line edit that shows dots, never the typed text."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def rules_text() -> str:
    return QCoreApplication.translate(
        "Passwords",
        "At least {n} characters; not the login name; not a common password.",
    ).format(n=MIN_LENGTH)


def problem_text(rule: str) -> str:
    """A sentence for a core.passwords rule code (or "mismatch")."""
    texts = {
        "too_short": QCoreApplication.translate(
            "Passwords", "The password must have at least {n} characters."
        ).format(n=MIN_LENGTH),
        "same_as_login": QCoreApplication.translate(
            "Passwords", "The password must not be the login name."
        ),
        "common": QCoreApplication.translate(
            "Passwords", "This password is too common; choose another."
        ),
        "mismatch": QCoreApplication.translate("Passwords", "The two passwords differ."),
    }
    return texts.get(rule, rule)


class NewPasswordFields:
    """Two password rows and a rules line added to ``form``."""

    def __init__(self, form: QFormLayout, parent: QWidget, prefix: str = "password") -> None:
        self.password = password_edit(parent, f"{prefix}.new")
        self.repeat = password_edit(parent, f"{prefix}.repeat")
        self.rules = QLabel(rules_text(), parent)
        self.rules.setObjectName(f"{prefix}.rules")
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #555;")
        form.addRow(QCoreApplication.translate("Passwords", "New password:"), self.password)
        form.addRow(QCoreApplication.translate("Passwords", "Repeat:"), self.repeat)
        form.addRow("", self.rules)

    def text(self) -> str:
        return self.password.text()

    def problem(self, login: str) -> str | None:
        """What is wrong with the typed pair (a sentence), or None."""
        rule = password_problem(self.password.text(), login)
        if rule is None and self.password.text() != self.repeat.text():
            rule = "mismatch"
        return problem_text(rule) if rule else None

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()
