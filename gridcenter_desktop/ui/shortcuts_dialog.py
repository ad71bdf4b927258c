"""Help → Keyboard shortcuts: every declared command with its keys, and the keys the forms
add (Ctrl+Enter, Tab, Shift+F10), made from the declarations so the list never goes stale."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.ui.actions import MENUS, ActionRegistry
from gridcenter_desktop.ui.dialog_geometry import remember_geometry

# Keys that belong to a form or a list rather than to a menu command: (where, what, keys).
FORM_KEYS: tuple[tuple[str, str, str], ...] = (
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Dispatch form, action dialogs"),
        QT_TRANSLATE_NOOP("Shortcuts", "Send"),
        "Ctrl+Return",
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Forms"),
        QT_TRANSLATE_NOOP("Shortcuts", "Next field (also out of a multi-line field)"),
        "Tab",
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Forms"),
        QT_TRANSLATE_NOOP("Shortcuts", "Previous field"),
        "Shift+Tab",
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Forms"),
        QT_TRANSLATE_NOOP("Shortcuts", "Type a tab in a multi-line field"),
        "Ctrl+Tab",
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Ticket queue"),
        QT_TRANSLATE_NOOP("Shortcuts", "Actions of the selected tickets"),
        "Shift+F10",
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Ticket queue"),
        QT_TRANSLATE_NOOP(
            "Shortcuts", "From the table back to the filters and the views (Space opens a view)"
        ),
        "Shift+Tab",
    ),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


def shortcut_rows(commands: ActionRegistry) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every visible command with keys, then the forms' keys."""
    menu_titles = {
        menu_id: QCoreApplication.translate("Actions", title).replace("&", "")
        for menu_id, title in MENUS
    }
    native = QKeySequence.SequenceFormat.NativeText
    rows = []
    for action_id in commands.ids():
        action = commands[action_id]
        if action.shortcut().isEmpty() or not action.isVisible():
            continue
        menu = menu_titles.get(commands.specs[action_id].menu, "")
        rows.append((menu, commands.text(action_id), action.shortcut().toString(native)))
    for where, what, keys in FORM_KEYS:
        rows.append((_tr(where), _tr(what), QKeySequence(keys).toString(native)))
    return rows


class ShortcutsDialog(QDialog):
    """A table of every shortcut."""

    def __init__(self, commands: ActionRegistry, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(commands)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcuts_table")
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        remember_geometry(self, settings, "shortcuts", (620, 560))

    def rows(self) -> list[list[str]]:
        """The table's rows as shown."""
        return [
            [self.table.item(r, c).text() for c in range(3)] for r in range(self.table.rowCount())
        ]
