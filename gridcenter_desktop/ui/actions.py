"""The window's commands, declared as data with stable ids and shortcuts.

Menus and the toolbar are built from these specs; the main window connects each id to a
handler (a plain call into a dock or a service). Other parts add handlers by id, e.g. the
export dialog: ``window.commands.set_handler("file.export", open_export_dialog)`` enables the
action it starts disabled.

Every shortcut is application-wide (it works from every dock, floating ones included) and the
text inputs of the window let them through (ui/keyboard.py): Ctrl+E exports even while the
cursor is in the search box, where a line edit would otherwise take it as "end of line".
The 工单 (Ticket) menu holds every workflow action; each is enabled for the selected ticket
as core.workflow.allowed_actions says (ui/ticket_menu.py) and greyed with the other writes
while the server is away. Help → Keyboard shortcuts lists them all from these specs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QToolBar, QWidget

from gridcenter_desktop.core.enums import EventAction


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
    # The workflow action it takes on the selected ticket (the 工单 menu).
    workflow: EventAction | None = None
    separator_before: bool = False


MENUS: tuple[tuple[str, str], ...] = (
    ("file", QT_TRANSLATE_NOOP("Actions", "&File")),
    ("edit", QT_TRANSLATE_NOOP("Actions", "&Edit")),
    ("ticket", QT_TRANSLATE_NOOP("Actions", "&Ticket")),
    ("view", QT_TRANSLATE_NOOP("Actions", "&View")),
    ("account", QT_TRANSLATE_NOOP("Actions", "&Account")),
    ("admin", QT_TRANSLATE_NOOP("Actions", "Ad&ministration")),
    ("help", QT_TRANSLATE_NOOP("Actions", "&Help")),
)

SP = QStyle.StandardPixmap

E = EventAction


def _workflow(
    action: EventAction, text: str, keys: str, tip: str, *, separator_before: bool = False
) -> ActionSpec:
    return ActionSpec(
        f"ticket.{action.value}",
        text,
        "ticket",
        keys,
        tip,
        writes=True,
        workflow=action,
        separator_before=separator_before,
    )


# The ticket's life in menu order (as the queue's context menu): place → dispatch → callback.
WORKFLOW_ACTIONS: tuple[ActionSpec, ...] = (
    _workflow(
        E.PLACE,
        QT_TRANSLATE_NOOP("Actions", "&Place (grid and category)…"),
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP(
            "Actions", "Set or correct the ticket's grid and category (the to-be-placed list)"
        ),
        separator_before=True,
    ),
    _workflow(
        E.DISPATCH,
        QT_TRANSLATE_NOOP("Actions", "&Dispatch…"),
        "Ctrl+D",
        QT_TRANSLATE_NOOP("Actions", "Go to the dispatch form of the selected ticket"),
    ),
    _workflow(
        E.ADD_ASSIGNEE,
        QT_TRANSLATE_NOOP("Actions", "Add depar&tments…"),
        "Ctrl+Shift+D",
        QT_TRANSLATE_NOOP(
            "Actions", "Send the ticket being handled to more departments, with their own times"
        ),
    ),
    _workflow(
        E.ACCEPT,
        QT_TRANSLATE_NOOP("Actions", "&Accept…"),
        "Ctrl+Shift+A",
        QT_TRANSLATE_NOOP("Actions", "A department or grid accepts the ticket"),
    ),
    _workflow(
        E.RETURN,
        QT_TRANSLATE_NOOP("Actions", "&Return…"),
        "Ctrl+Shift+R",
        QT_TRANSLATE_NOOP("Actions", "A department returns the ticket to the centre"),
    ),
    _workflow(
        E.FEEDBACK,
        QT_TRANSLATE_NOOP("Actions", "&Feed back…"),
        "Ctrl+Shift+F",
        QT_TRANSLATE_NOOP("Actions", "Record what was done"),
    ),
    _workflow(
        E.CLOSE,
        QT_TRANSLATE_NOOP("Actions", "Review and &close…"),
        "Ctrl+Shift+C",
        QT_TRANSLATE_NOOP("Actions", "Sign off the result and close the ticket"),
    ),
    _workflow(
        E.REJECT,
        QT_TRANSLATE_NOOP("Actions", "Send &back for more work…"),
        "Ctrl+Shift+J",
        QT_TRANSLATE_NOOP("Actions", "The result is not good enough: back to the handlers"),
    ),
    _workflow(
        E.SOLVE_IN_GRID,
        QT_TRANSLATE_NOOP("Actions", "Solved in the &grid…"),
        "Ctrl+Shift+G",
        QT_TRANSLATE_NOOP("Actions", "The grid solved it on the spot"),
    ),
    _workflow(
        E.URGE,
        QT_TRANSLATE_NOOP("Actions", "&Urge…"),
        "Ctrl+Shift+U",
        QT_TRANSLATE_NOOP("Actions", "Remind the handlers of the deadline"),
        separator_before=True,
    ),
    _workflow(
        E.SUPERVISE,
        QT_TRANSLATE_NOOP("Actions", "&Supervise…"),
        "Ctrl+Shift+S",
        QT_TRANSLATE_NOOP("Actions", "Put a department under supervision for this ticket"),
    ),
    _workflow(
        E.ESCALATE,
        QT_TRANSLATE_NOOP("Actions", "&Whistle: escalate a missed acceptance…"),
        "Ctrl+Shift+W",
        QT_TRANSLATE_NOOP(
            "Actions", "A department did not accept in time (吹哨报到): supervise it"
        ),
    ),
    _workflow(
        E.EXTEND_REQUEST,
        QT_TRANSLATE_NOOP("Actions", "Ask for an &extension…"),
        "Ctrl+Shift+E",
        QT_TRANSLATE_NOOP("Actions", "A department asks for more time, with a reason and a date"),
    ),
    _workflow(
        E.EXTEND_DECIDE,
        QT_TRANSLATE_NOOP("Actions", "Decide on the e&xtension…"),
        "Ctrl+Shift+V",
        QT_TRANSLATE_NOOP("Actions", "Approve or refuse a department's request for more time"),
    ),
    _workflow(
        E.SUSPEND,
        QT_TRANSLATE_NOOP("Actions", "Suspend (put on &hold)…"),
        "Ctrl+Shift+P",
        QT_TRANSLATE_NOOP("Actions", "Stop the ticket's clock (waiting for the reporter …)"),
    ),
    _workflow(
        E.RESUME,
        QT_TRANSLATE_NOOP("Actions", "Resume hand&ling…"),
        "Ctrl+Shift+T",
        QT_TRANSLATE_NOOP(
            "Actions", "Start the clock again; the deadlines move on by the time suspended"
        ),
    ),
    _workflow(
        E.MERGE,
        QT_TRANSLATE_NOOP("Actions", "&Merge into another ticket…"),
        "Ctrl+Shift+M",
        QT_TRANSLATE_NOOP("Actions", "The same problem reported again: keep the other ticket"),
    ),
    _workflow(
        E.CALLBACK,
        QT_TRANSLATE_NOOP("Actions", "Call&back…"),
        "Ctrl+Shift+B",
        QT_TRANSLATE_NOOP("Actions", "Record the reporter's satisfaction"),
    ),
    _workflow(
        E.REOPEN,
        QT_TRANSLATE_NOOP("Actions", "Re&open…"),
        "Ctrl+Shift+O",
        QT_TRANSLATE_NOOP("Actions", "Open a closed ticket again"),
    ),
    _workflow(
        E.LOCATE,
        QT_TRANSLATE_NOOP("Actions", "Set the place o&n the map…"),
        "Ctrl+Shift+X",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Click the map (or type the coordinates) to set or correct where the matter is",
        ),
    ),
    _workflow(
        E.INSPECT,
        QT_TRANSLATE_NOOP("Actions", "Record a &joint meeting or inspection…"),
        "Ctrl+Shift+I",
        QT_TRANSLATE_NOOP(
            "Actions", "Put a joint meeting or joint inspection (departments, findings) on record"
        ),
        separator_before=True,
    ),
    _workflow(
        E.NOTICE,
        QT_TRANSLATE_NOOP("Actions", "&Issue a rectification notice…"),
        "Ctrl+Shift+N",
        QT_TRANSLATE_NOOP("Actions", "Issue a numbered rectification notice with its deadline"),
    ),
    _workflow(
        E.NOTICE_CHECK,
        QT_TRANSLATE_NOOP("Actions", "&Verify a notice's rectification…"),
        "Ctrl+Shift+K",
        QT_TRANSLATE_NOOP("Actions", "Record whether the party rectified by the deadline"),
    ),
)

# Ctrl+1..5 and F6: the docks, by their objectName (ui/docks.py), in this order.
DOCK_KEYS: tuple[tuple[str, str, str], ...] = (
    ("dock.queue", QT_TRANSLATE_NOOP("Actions", "Go to the &queue"), "Ctrl+1"),
    ("dock.grid_tree", QT_TRANSLATE_NOOP("Actions", "Go to the grid &tree"), "Ctrl+2"),
    ("dock.dispatch", QT_TRANSLATE_NOOP("Actions", "Go to the &dispatch form"), "Ctrl+3"),
    ("dock.charts", QT_TRANSLATE_NOOP("Actions", "Go to the &charts"), "Ctrl+4"),
    ("dock.detail", QT_TRANSLATE_NOOP("Actions", "Go to the ticket d&etail"), "Ctrl+5"),
    ("dock.map", QT_TRANSLATE_NOOP("Actions", "Go to the &map"), "Ctrl+6"),
)

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "ticket.new",
        QT_TRANSLATE_NOOP("Actions", "&New ticket…"),
        "ticket",
        "Ctrl+N",
        QT_TRANSLATE_NOOP("Actions", "Register a new ticket"),
        toolbar=True,
        icon=SP.SP_FileIcon,
        writes=True,
    ),
    *WORKFLOW_ACTIONS,
    # Paper (ui/print_commands.py): previews of the selected ticket's forms.
    ActionSpec(
        "ticket.print_form",
        QT_TRANSLATE_NOOP("Actions", "&Print the handling form…"),
        "ticket",
        "Ctrl+P",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Print preview of the selected ticket's handling form: the ticket, its"
            " assignments, results and timeline",
        ),
        enabled=False,
        separator_before=True,
    ),
    ActionSpec(
        "ticket.print_notice",
        QT_TRANSLATE_NOOP("Actions", "Print the rectification n&otice…"),
        "ticket",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Print preview of the selected ticket's rectification notice"
        ),
        enabled=False,
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
        "file.export_map",
        QT_TRANSLATE_NOOP("Actions", "Export the &map as a picture…"),
        "file",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Save the grid map with each grid's open and overdue tickets as a PNG"
        ),
        enabled=False,
        writes=True,  # audited like every export
    ),
    ActionSpec(
        "file.print_ledger",
        QT_TRANSLATE_NOOP("Actions", "Print the &ledger of this view…"),
        "file",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Print preview of the tickets the queue shows now, as a ledger on A4"
        ),
        enabled=False,
    ),
    ActionSpec(
        "file.import_tickets",
        QT_TRANSLATE_NOOP("Actions", "&Import tickets…"),
        "file",
        "Ctrl+I",
        QT_TRANSLATE_NOOP(
            "Actions", "Import tickets from a 12345 or district platform sheet, or Open311"
        ),
        enabled=False,
        writes=True,
        separator_before=True,
    ),
    ActionSpec(
        "file.import_base",
        QT_TRANSLATE_NOOP("Actions", "Import &base data…"),
        "file",
        tip=QT_TRANSLATE_NOOP(
            "Actions",
            "Import areas, grids, grid members, departments and users from an Excel workbook",
        ),
        enabled=False,
        writes=True,
    ),
    ActionSpec(
        "file.base_template",
        QT_TRANSLATE_NOOP("Actions", "Download the base-data &template…"),
        "file",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Save the empty Excel workbook the town's lists are filled into"
        ),
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
    *(
        ActionSpec(f"view.go.{name}", text, "view", keys, separator_before=n == 0)
        for n, (name, text, keys) in enumerate(DOCK_KEYS)
    ),
    ActionSpec(
        "view.next_dock",
        QT_TRANSLATE_NOOP("Actions", "&Next pane"),
        "view",
        "F6",
        QT_TRANSLATE_NOOP("Actions", "Move the cursor to the next dock"),
    ),
    ActionSpec(
        "view.previous_dock",
        QT_TRANSLATE_NOOP("Actions", "&Previous pane"),
        "view",
        "Shift+F6",
        QT_TRANSLATE_NOOP("Actions", "Move the cursor to the previous dock"),
    ),
    ActionSpec(
        "view.reset_layout",
        QT_TRANSLATE_NOOP("Actions", "Reset &layout"),
        "view",
        separator_before=True,
    ),
    ActionSpec(
        "view.notices",
        QT_TRANSLATE_NOOP("Actions", "Rectification notice re&gister…"),
        "view",
        "Ctrl+Alt+N",
        QT_TRANSLATE_NOOP(
            "Actions", "Every rectification notice, those due for a check-back first; to Excel"
        ),
        enabled=False,
        separator_before=True,
    ),
    ActionSpec("view.language", QT_TRANSLATE_NOOP("Actions", "&Language…"), "view"),
    ActionSpec(
        "view.settings",
        QT_TRANSLATE_NOOP("Actions", "&Settings…"),
        "view",
        "Ctrl+,",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Language, theme, the queue's font size, the report period and the export folder"
            " of this computer",
        ),
        role=QAction.MenuRole.PreferencesRole,
    ),
    # Grid work (issue 12): the grid workers' visits and registers, the video channels and
    # the workers' page, one group at the end of View.
    ActionSpec(
        "view.visits",
        QT_TRANSLATE_NOOP("Actions", "&Household visits…"),
        "view",
        "Ctrl+Alt+H",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Record grid workers' visits, import the app's sheet, monthly coverage against"
            " the target, households not visited",
        ),
        enabled=False,
        separator_before=True,
    ),
    ActionSpec(
        "view.registers",
        QT_TRANSLATE_NOOP("Actions", "Regis&ters…"),
        "view",
        "Ctrl+Alt+R",
        QT_TRANSLATE_NOOP(
            "Actions", "Special groups, rental housing and hidden dangers of each grid"
        ),
        enabled=False,
    ),
    ActionSpec(
        "view.video_channels",
        QT_TRANSLATE_NOOP("Actions", "&Video channels…"),
        "view",
        "Ctrl+Alt+V",
        QT_TRANSLATE_NOOP(
            "Actions", "The video channels: status, offline for a day, open a stream, import"
        ),
        enabled=False,
    ),
    ActionSpec(
        "view.grid_workers",
        QT_TRANSLATE_NOOP("Actions", "Grid &workers' desk…"),
        "view",
        "Ctrl+Alt+W",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Each grid worker's month: tickets reported, visits, registers, first response; "
            "the grid's 1+1+N team; to Excel",
        ),
        enabled=False,
    ),
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
        "admin.areas",
        QT_TRANSLATE_NOOP("Actions", "A&reas and grids…"),
        "admin",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Villages, communities and grids with their codes and 1+1+N teams"
        ),
        writes=True,
        separator_before=True,
    ),
    ActionSpec(
        "admin.departments",
        QT_TRANSLATE_NOOP("Actions", "&Departments…"),
        "admin",
        tip=QT_TRANSLATE_NOOP("Actions", "The departments and units tickets are sent to"),
        writes=True,
    ),
    ActionSpec(
        "admin.deadline_rules",
        QT_TRANSLATE_NOOP("Actions", "Deadline ru&les…"),
        "admin",
        tip=QT_TRANSLATE_NOOP("Actions", "Time limits per category and urgency"),
        writes=True,
    ),
    ActionSpec(
        "admin.town",
        QT_TRANSLATE_NOOP("Actions", "&Town settings…"),
        "admin",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Town name, the centre's name on reports, notice numbers, report period"
        ),
        writes=True,
    ),
    ActionSpec(
        "admin.grid_work",
        QT_TRANSLATE_NOOP("Actions", "Grid &work settings…"),
        "admin",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Monthly visit target, months without a visit, map tile server"
        ),
        writes=True,
    ),
    ActionSpec(
        "admin.grid_map",
        QT_TRANSLATE_NOOP("Actions", "Import grid &boundaries…"),
        "admin",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Grid polygons from a GeoJSON file (WGS-84 or GCJ-02) for the map"
        ),
        writes=True,
    ),
    ActionSpec(
        "help.shortcuts",
        QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"),
        "help",
        "F1",
        QT_TRANSLATE_NOOP("Actions", "Every command's keys"),
    ),
    ActionSpec(
        "help.log_folder",
        QT_TRANSLATE_NOOP("Actions", "Open &log folder"),
        "help",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "The folder of the desk's log and error reports (for the IT staff)"
        ),
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
                # From every dock, floating ones too (ui/keyboard.py lets them past inputs).
                action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
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

    def shortcuts(self) -> list[QKeySequence]:
        """The key sequences of every action that has one."""
        return [a.shortcut() for a in self._actions.values() if not a.shortcut().isEmpty()]

    def text(self, action_id: str) -> str:
        """The action's translated text without its mnemonic and ellipsis."""
        return _tr(self.specs[action_id].text).replace("&", "").rstrip("…")

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
            if spec.id == "file.quit" or spec.separator_before:
                menus[spec.menu].addSeparator()
            menus[spec.menu].addAction(self._actions[spec.id])
        return menus

    def build_toolbar(self, toolbar: QToolBar) -> None:
        """The toolbar's buttons: the specs marked ``toolbar``."""
        for spec in self.specs.values():
            if spec.toolbar:
                toolbar.addAction(self._actions[spec.id])
