"""The window's commands, declared as data with stable ids and shortcuts.

Menus and the toolbar are built from these specs; the main window connects each id to a
handler (a plain call into a dock or a service). Other parts add handlers by id, e.g. the
export dialog: ``window.commands.set_handler("file.export", open_export_dialog)`` enables the
action it starts disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QToolBar, QWidget


@dataclass(frozen=True)
class ActionSpec:
    """One command: ``text`` is a source string (context "Actions"), ``menu`` the id of its
    menu, ``shortcut`` a key sequence text or a standard key, ``enabled`` its state before a
    handler is set."""

    id: str
    text: str
    menu: str
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    toolbar: bool = False
    icon: QStyle.StandardPixmap | None = None
    enabled: bool = True
    role: QAction.MenuRole = QAction.MenuRole.NoRole
    # Changes the database: greyed while the server is unreachable (ui/write_gate.py).
    writes: bool = False


MENUS: tuple[tuple[str, str], ...] = (
    ("file", QT_TRANSLATE_NOOP("Actions", "&File")),
    ("edit", QT_TRANSLATE_NOOP("Actions", "&Edit")),
    ("view", QT_TRANSLATE_NOOP("Actions", "&View")),
    ("account", QT_TRANSLATE_NOOP("Actions", "&Account")),
    ("admin", QT_TRANSLATE_NOOP("Actions", "Ad&ministration")),
    ("help", QT_TRANSLATE_NOOP("Actions", "&Help")),
)

SP = QStyle.StandardPixmap

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "ticket.new",
        QT_TRANSLATE_NOOP("Actions", "&New ticket…"),
        "file",
        "Ctrl+N",
        QT_TRANSLATE_NOOP("Actions", "Register a new ticket"),
        toolbar=True,
        icon=SP.SP_FileIcon,
        writes=True,
    ),
    ActionSpec(
        "file.export",
        QT_TRANSLATE_NOOP("Actions", "&Export…"),
        "file",
        "Ctrl+E",
        QT_TRANSLATE_NOOP("Actions", "Export the ledger or a report to Excel"),
        toolbar=True,
        icon=SP.SP_DialogSaveButton,
        enabled=False,
        writes=True,  # reads the server and audits the export: nothing to do without it
    ),
    ActionSpec(
        "file.choose_database",
        QT_TRANSLATE_NOOP("Actions", "Choose &database…"),
        "file",
        tip=QT_TRANSLATE_NOOP("Actions", "Open the demo, this computer's database or a server"),
    ),
    ActionSpec(
        "file.quit",
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        "file",
        "Ctrl+Q",
        role=QAction.MenuRole.QuitRole,
    ),
    ActionSpec(
        "edit.search",
        QT_TRANSLATE_NOOP("Actions", "&Search tickets"),
        "edit",
        "Ctrl+F",
        QT_TRANSLATE_NOOP("Actions", "Find tickets by code, words or reporter"),
        toolbar=True,
        icon=SP.SP_FileDialogContentsView,
    ),
    ActionSpec(
        "view.refresh",
        QT_TRANSLATE_NOOP("Actions", "&Refresh"),
        "view",
        "F5",
        QT_TRANSLATE_NOOP("Actions", "Reload tickets, counts and charts from the database"),
        toolbar=True,
        icon=SP.SP_BrowserReload,
    ),
    ActionSpec("view.reset_layout", QT_TRANSLATE_NOOP("Actions", "Reset &layout"), "view"),
    ActionSpec("view.language", QT_TRANSLATE_NOOP("Actions", "&Language…"), "view"),
    ActionSpec(
        "admin.audit_log",
        QT_TRANSLATE_NOOP("Actions", "&Audit log…"),
        "admin",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Who signed in, exported and looked at personal data; export to Excel"
        ),
        enabled=False,
    ),
    ActionSpec(
        "account.change_password",
        QT_TRANSLATE_NOOP("Actions", "&Change my password…"),
        "account",
        writes=True,
    ),
    ActionSpec(
        "account.switch_user",
        QT_TRANSLATE_NOOP("Actions", "&Sign out / switch user…"),
        "account",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Sign out and let another user (say, the supervisor) sign in at this desk"
        ),
    ),
    ActionSpec(
        "admin.users",
        QT_TRANSLATE_NOOP("Actions", "&Users…"),
        "admin",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Create users, disable or enable them, reset their passwords"
        ),
        writes=True,
    ),
    ActionSpec(
        "help.about",
        QT_TRANSLATE_NOOP("Actions", "&About GridCenter"),
        "help",
        role=QAction.MenuRole.AboutRole,
    ),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text) if text else ""


class ActionRegistry(QObject):
    """The built QActions by id, with their handlers."""

    def __init__(self, parent: QWidget, specs: tuple[ActionSpec, ...] = ACTIONS) -> None:
        super().__init__(parent)
        self.specs = {spec.id: spec for spec in specs}
        self._actions: dict[str, QAction] = {}
        self._handlers: dict[str, Callable[[], object]] = {}
        self._writable = True
        style = parent.style()
        for spec in specs:
            action = QAction(_tr(spec.text), parent)
            action.setObjectName(spec.id)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            tip = _tr(spec.tip) or _tr(spec.text).replace("&", "").rstrip("…")
            if spec.shortcut is not None:
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                tip = f"{tip} ({keys})"
            action.setToolTip(tip)
            action.setStatusTip(tip)
            if spec.icon is not None:
                action.setIcon(style.standardIcon(spec.icon))
            action.setMenuRole(spec.role)
            action.setEnabled(spec.enabled)
            action.triggered.connect(lambda _checked=False, i=spec.id: self.trigger(i))
            parent.addAction(action)  # shortcuts work even with the toolbar hidden
            self._actions[spec.id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def ids(self) -> list[str]:
        return list(self._actions)

    def set_handler(self, action_id: str, handler: Callable[[], object] | None) -> None:
        """Run ``handler`` when the action fires; the action is enabled while it has one."""
        if handler is None:
            self._handlers.pop(action_id, None)
        else:
            self._handlers[action_id] = handler
        self._update_enabled(action_id)

    def set_writable(self, writable: bool) -> None:
        """Grey (False) or restore the actions that change the database (``writes``)."""
        self._writable = writable
        for spec in self.specs.values():
            if spec.writes:
                self._update_enabled(spec.id)

    def _update_enabled(self, action_id: str) -> None:
        spec = self.specs[action_id]
        has_handler = action_id in self._handlers
        self._actions[action_id].setEnabled(has_handler and (self._writable or not spec.writes))

    def trigger(self, action_id: str) -> None:
        if self.specs[action_id].writes and not self._writable:
            return  # a shortcut pressed while the server is away
        handler = self._handlers.get(action_id)
        if handler is not None:
            handler()

    def build_menus(self, menubar: QMenuBar) -> dict[str, QMenu]:
        """One menu per MENUS entry, holding its actions in declaration order."""
        menus: dict[str, QMenu] = {}
        for menu_id, title in MENUS:
            menu = menubar.addMenu(QCoreApplication.translate("Actions", title))
            menu.setObjectName(f"menu.{menu_id}")
            menus[menu_id] = menu
        for spec in self.specs.values():
            if spec.id == "file.quit":
                menus[spec.menu].addSeparator()
            menus[spec.menu].addAction(self._actions[spec.id])
        return menus

    def build_toolbar(self, toolbar: QToolBar) -> None:
        """The toolbar's buttons: the specs marked ``toolbar``."""
        for spec in self.specs.values():
            if spec.toolbar:
                toolbar.addAction(self._actions[spec.id])
