"""Pieces the administration dialogs share: the red refusal line, a row-selecting table, a
button with its key shown in the tooltip, and the call into an admin service in one session.

Every change goes through services/admin (which checks the role again, validates and writes
the audit entry); these dialogs only show the result or the refusal in the service's words
(ui/error_labels.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from gridcenter_desktop.services.connection import is_disconnect
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.field_errors import FieldErrors
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.plain_text import plain, question

MESSAGE_STYLE = "color: #c0392b;"
NOTE_STYLE = "color: #555555;"
# Retired areas and departments stay listed (their history is kept) but read as past.
RETIRED_COLOUR = Qt.GlobalColor.gray


def message_label(parent: QWidget, name: str) -> QLabel:
    """The red line under a list or form where a refusal is written (plain text: it quotes
    names the administrator typed)."""
    label = plain(QLabel(parent))
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(MESSAGE_STYLE)
    return label


def note_label(text: str, parent: QWidget) -> QLabel:
    """A grey explanation under a title or a field (plain text: some name an area or a
    person as the administrator typed it)."""
    label = plain(QLabel(text, parent))
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


def row_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """A read-only table that selects whole rows, one at a time."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
    table.verticalHeader().setVisible(False)
    # One line per row: the default rows are twice the text's height, and a team or the
    # rules table should show as many rows as a laptop screen allows.
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def fill_row(table: QTableWidget, row: int, cells: tuple[str, ...], key: Any, *, past=False):
    """Write one row of plain-text cells; ``key`` is kept in every cell (UserRole); a past
    (retired, ended) row is grey and italic."""
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        if past:
            item.setForeground(RETIRED_COLOUR)
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
        table.setItem(row, column, item)


def selected_row(table: QTableWidget) -> int | None:
    """The index of the selected row, or None."""
    model = table.selectionModel()
    rows = model.selectedRows() if model is not None else []
    return rows[0].row() if rows else None


def action_button(
    parent: QWidget,
    text: str,
    name: str,
    slot: Callable[[], object],
    keys: str | None = None,
    scope: QWidget | None = None,
) -> QPushButton:
    """A push button calling ``slot``; ``keys`` also press it, from anywhere in the dialog or,
    with ``scope``, while that widget has the cursor (the area tree's Insert adds an area,
    the team table's a member), and are named in its tooltip."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)  # Enter in a field submits the form, never a side button
    button.clicked.connect(lambda _checked=False: slot())
    if keys:
        # A shortcut of its own, not the button's: the button's is its mnemonic (Alt+A), and
        # setText (the Add button's text follows the selection) would replace it.
        shortcut = QShortcut(QKeySequence(keys), scope or button)
        shortcut.setContext(
            Qt.ShortcutContext.WidgetShortcut if scope else Qt.ShortcutContext.WindowShortcut
        )
        shortcut.activated.connect(lambda: button.isEnabled() and button.animateClick())
        shown = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shown})")
    return button


def date_edit(parent: QWidget, name: str, value: date) -> QDateEdit:
    """A date field with a calendar drop-down, written YYYY-MM-DD."""
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def edit_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def select_data(combo: QComboBox, value: Any) -> None:
    """Make the entry carrying ``value`` current (the first one when absent)."""
    combo.setCurrentIndex(max(0, combo.findData(value)))


def refusal_text(exc: BaseException) -> str:
    """The sentence for a failed administration call: the service's refusal in words, or
    the lost connection (not a bug: the status bar says when it is back)."""
    if is_disconnect(exc):
        return QCoreApplication.translate(
            "Admin",
            "The connection to the database was lost; nothing was changed. Try again once"
            " the status bar says the connection is back.",
        )
    return error_text(exc)


def refusal_or_raise(exc: BaseException) -> str:
    """The sentence for a refused change or a lost connection; anything else is a bug and is
    raised on (to the window's error reporter, which logs it)."""
    if isinstance(exc, ServiceError) or is_disconnect(exc):
        return refusal_text(exc)
    raise exc


def show_refusal(errors: FieldErrors, label: QLabel, exc: BaseException) -> None:
    """A form's failed OK: a ValidationError about one of its fields is marked at the field,
    any other refusal (or a lost connection) is written to ``label``; a bug is raised on."""
    if isinstance(exc, ValidationError) and errors.show_error(exc):
        return
    label.setText(refusal_or_raise(exc))


def call_admin(context: AppContext, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``call(session, actor, *args, **kwargs)`` in a session of its own: an admin service
    commits its change itself and returns a frozen record."""
    with context.session_factory() as session:
        return call(session, context.actor, *args, **kwargs)


def read(context: AppContext, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``call(session, *args, **kwargs)`` for a list the dialog shows."""
    with context.session_factory() as session:
        return call(session, *args, **kwargs)


def try_call(
    label: QLabel, context: AppContext, call: Callable[..., Any], *args: Any, **kwargs: Any
) -> tuple[bool, Any]:
    """call_admin with the refusal written to ``label``: (True, result) or (False, None).
    Errors that are neither refusals nor a lost connection are bugs and go on to the
    window's error reporter."""
    label.clear()
    try:
        return True, call_admin(context, call, *args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises what is not a refusal
        label.setText(refusal_or_raise(exc))
    return False, None


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/no question in plain text (it names what the administrator typed)."""
    return question(parent, title, text) == QMessageBox.StandardButton.Yes


def open_size(
    dialog: QWidget, wanted: tuple[int, int], available: tuple[int, int] | None = None
) -> tuple[int, int]:
    """The size a dialog opens at the first time: ``wanted``, made smaller where the screen
    (``available``: its free width and height; by default the dialog's screen's) is smaller,
    so a 1366x768 laptop shows it whole with room for the window's title bar."""
    if available is None:
        screen = dialog.screen()
        if screen is None:
            return wanted
        geometry = screen.availableGeometry()
        available = (geometry.width(), geometry.height())
    return (min(wanted[0], int(available[0] * 0.94)), min(wanted[1], int(available[1] * 0.9)))


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """The list dialogs' Close button: Escape closes them; Enter does not (it edits the
    selected row, or saves the value typed), so Close is never the default button."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    close = box.button(QDialogButtonBox.StandardButton.Close)
    close.setAutoDefault(False)
    close.setDefault(False)
    box.rejected.connect(dialog.reject)
    return box


def tab_chain(*widgets: QWidget) -> None:
    """Tab visits ``widgets`` in this order (the order they are seen in, top left to bottom
    right) instead of the order they were made in."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)
