"""User text is shown as typed, never as HTML.

Qt guesses: a QLabel, a tooltip or a QMessageBox whose text looks like HTML (``<b>测试</b>`` in a
title) renders it as rich text. Everything a user typed (titles, descriptions, names,
addresses, notes, feedback) and everything that quotes it (error messages naming a user) goes
through these helpers: labels and message boxes are set to plain text, and the few places
that use HTML on purpose (a bold code, a coloured badge) escape the user's part.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

_PLAIN = Qt.TextFormat.PlainText


def plain(label: QLabel) -> QLabel:
    """Make ``label`` show its text as plain text (returns it)."""
    label.setTextFormat(_PLAIN)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` as plain text."""
    return plain(QLabel(text, parent))


def escape(text: str | None) -> str:
    """``text`` escaped for the inside of an HTML string (rich labels made on purpose)."""
    return html.escape(text or "", quote=False)


def tooltip(text: str | None) -> str | None:
    """A tooltip that shows ``text`` as typed: tooltips have no text format, so the text is
    escaped and marked as rich text (an escaped text not so marked would show the entities)."""
    if not text:
        return None
    return f"<qt>{escape(text)}</qt>".replace("\n", "<br>")


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A QMessageBox whose text is plain text."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(_PLAIN)
    return box


def information(parent: QWidget | None, title: str, text: str) -> None:
    """QMessageBox.information with plain text."""
    message_box(parent, QMessageBox.Icon.Information, title, text).exec()


def warning(parent: QWidget | None, title: str, text: str) -> None:
    """QMessageBox.warning with plain text."""
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def question(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes
    | QMessageBox.StandardButton.No,
) -> QMessageBox.StandardButton:
    """QMessageBox.question with plain text; the button pressed."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text, buttons)
    return QMessageBox.StandardButton(box.exec())
