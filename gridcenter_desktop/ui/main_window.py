"""The main window: assembles the declared docks, actions, menus, toolbar and status bar.

It stays small on purpose: what each dock does lives in the dock, the arrangement in
ui/layout.py, the commands in ui/actions.py.
"""

from __future__ import annotations

import importlib
import importlib.util

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import EventAction
from gridcenter_desktop.core.permissions import may, may_administer
from gridcenter_desktop.ui import desk_state, keyboard, layout
from gridcenter_desktop.ui.actions import DOCK_KEYS, ActionRegistry
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.docks import DOCKS, DockSpec, make_dock
from gridcenter_desktop.ui.settings import LANGUAGE_NAMES, LANGUAGES
from gridcenter_desktop.ui.status_bar import StatusBar


class MainWindow(QMainWindow):
    """The dispatcher's window: five docks around the ticket queue."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        docks: tuple[DockSpec, ...] = DOCKS,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("main_window")
        title = self._title()
        if context.demo:
            title = self.tr("{title} [DEMO DATA]").format(title=title)
        self.setWindowTitle(title)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        # The first start fits the screen it opens on (a 1366x768 laptop included).
        layout.fit_to_screen(self)

        self.docks: dict[str, QDockWidget] = {}
        for spec in docks:
            dock = make_dock(spec, context, self)
            if dock is not None:
                self.addDockWidget(spec.area, dock)
                self.docks[spec.name] = dock

        self.commands = ActionRegistry(self)
        self.menus = self.commands.build_menus(self.menuBar())
        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("toolbar.main")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.commands.build_toolbar(self.toolbar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.demo_banner = self._add_demo_banner() if context.demo else None
        self._add_dock_toggles()
        self._connect_handlers()
        self._hide_what_the_role_may_not_use()
        from gridcenter_desktop.ui.ticket_menu import TicketCommands

        self.ticket_commands = TicketCommands(self, context, self.commands)
        if context.settings.queue_font_size:  # this workstation's choice (View → Settings)
            from gridcenter_desktop.ui.appearance import apply_queue_font

            apply_queue_font(self, context.settings.queue_font_size)
        from gridcenter_desktop.ui.print_commands import PrintCommands

        self.print_commands = PrintCommands(self)
        # The window's shortcuts reach it from every input (Ctrl+E in the search box).
        self.shortcut_passage = keyboard.ShortcutPassage(self.commands.shortcuts(), self)
        self.shortcut_passage.install(self)
        context.write_gate.sig_writable_changed.connect(self.commands.set_writable)
        self.commands.set_writable(context.write_gate.writable)

        # Set by Account → Sign out / switch user: the start-up signs someone in again.
        self.switch_user_requested = False
        # Set by View → Language: the start-up reopens the window in the new language.
        self.language_change_requested = False
        self.desk_state: desk_state.DeskState | None = None
        self.status = StatusBar(context, self)
        self.status.sig_notices_requested.connect(lambda: self.open_notice_register("due"))
        self.setStatusBar(self.status)
        restored = layout.restore_layout(self, context.settings)
        if not layout.fits_screen(self):
            # Saved on a bigger screen: fit this one, and lay the docks out for its size.
            layout.fit_to_screen(self)
            if restored:
                layout.apply_default_layout(self)
        if self.demo_banner is not None:
            self.demo_banner.show()  # whatever a saved layout said
        from gridcenter_desktop.ui.whats_new import WhatsNewPresenter

        # Other desks' new tickets: queue marks, the count in the title and tray, alerts.
        self.whats_new = WhatsNewPresenter(self, context)

    # -- assembly ------------------------------------------------------------------------------

    def _add_dock_toggles(self) -> None:
        view = self.menus["view"]
        first = view.actions()[0] if view.actions() else None
        for name, dock in self.docks.items():
            toggle = dock.toggleViewAction()
            toggle.setObjectName(f"toggle.{name}")
            view.insertAction(first, toggle)
        view.insertSeparator(first)
        self.toolbar.toggleViewAction().setObjectName("toggle.toolbar")
        view.insertAction(first, self.toolbar.toggleViewAction())
        view.insertSeparator(first)

    def _add_demo_banner(self) -> QToolBar:
        """A strip across the window above the docks: nobody mistakes the demo for real work."""
        banner = QToolBar(self.tr("Demo data"), self)
        banner.setObjectName("banner.demo")
        banner.setMovable(False)
        banner.setFloatable(False)
        banner.toggleViewAction().setVisible(False)  # not something to switch off
        label = QLabel(
            self.tr(
                "演示数据 · DEMO DATA: made-up tickets and people for trying GridCenter out;"
                " never enter real work here."
            ),
            banner,
        )
        label.setObjectName("banner.demo.text")
        label.setStyleSheet(
            "background: #f6c445; color: #3d2b00; font-weight: bold; padding: 4px 12px;"
        )
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        banner.addWidget(label)
        banner.setStyleSheet("QToolBar { background: #f6c445; border: none; }")
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, banner)
        return banner

    def _hide_what_the_role_may_not_use(self) -> None:
        """Administration is hidden from other roles (the services refuse them anyway); a
        menu left with nothing visible is hidden too."""
        from gridcenter_desktop.services.audit import may_read_audit

        role = self.context.actor.role
        self.commands["admin.users"].setVisible(may_administer(role))
        self.commands["file.import_base"].setVisible(may_administer(role))
        self.commands["file.import_tickets"].setVisible(may(role, EventAction.REGISTER))
        self.commands["admin.audit_log"].setVisible(may_read_audit(role))
        for menu in self.menus.values():
            visible = any(a.isVisible() and not a.isSeparator() for a in menu.actions())
            menu.menuAction().setVisible(visible)

    def _connect_handlers(self) -> None:
        acts = self.commands
        acts.set_handler("file.quit", self.close)
        acts.set_handler("file.choose_database", self.choose_database)
        acts.set_handler("view.refresh", self.refresh)
        acts.set_handler("view.reset_layout", self.reset_layout)
        acts.set_handler("view.language", self.choose_language)
        acts.set_handler("view.settings", self.open_settings)
        acts.set_handler("view.notices", self.open_notice_register)
        acts.set_handler("view.grid_workers", self.open_grid_workers)
        acts.set_handler("view.registers", self.open_registers)
        acts.set_handler("view.video_channels", self.open_video_channels)
        acts.set_handler("help.about", self.show_about)
        acts.set_handler("help.log_folder", self.open_log_folder)
        acts.set_handler("help.shortcuts", self.show_shortcuts)
        for name, _text, _keys in DOCK_KEYS:
            if name in self.docks:
                acts.set_handler(f"view.go.{name}", lambda n=name: keyboard.focus_dock(self, n))
        names = [name for name, _text, _keys in DOCK_KEYS]
        acts.set_handler("view.next_dock", lambda: keyboard.cycle_docks(self, names, 1))
        acts.set_handler("view.previous_dock", lambda: keyboard.cycle_docks(self, names, -1))
        queue = self.dock_widget("dock.queue")
        acts.set_handler(
            "edit.search", self.focus_search if hasattr(queue, "focus_search") else None
        )
        # Only whether the dialog exists: importing it waits for the first Ctrl+N (launch time).
        has_register = importlib.util.find_spec(_REGISTER_MODULE) is not None
        # A role that may not register (a viewer) gets no 新建工单: the service would refuse it
        # only after the whole form was typed.
        may_register = may(self.context.actor.role, EventAction.REGISTER)
        acts.set_handler("ticket.new", self.new_ticket if has_register and may_register else None)
        acts.set_handler("file.export", self.export)
        acts.set_handler("file.export_map", self.export_map_image)
        acts.set_handler("account.change_password", self.change_password)
        acts.set_handler("account.switch_user", self.switch_user)
        acts.set_handler("admin.users", self.manage_users)
        from gridcenter_desktop.ui.admin.menu import connect_admin_commands

        connect_admin_commands(self)  # areas, departments, deadline rules, town settings
        admin = may_administer(self.context.actor.role)
        acts.set_handler("file.import_base", self.import_base_data if admin else None)
        acts.set_handler("file.base_template", self.save_base_template)
        registers = may(self.context.actor.role, EventAction.REGISTER)
        acts.set_handler("file.import_tickets", self.import_tickets if registers else None)
        from gridcenter_desktop.services.audit import may_read_audit

        audit_log = may_read_audit(self.context.actor.role)
        acts.set_handler("admin.audit_log", self.open_audit_log if audit_log else None)
        acts.set_handler("view.visits", self.open_visits)

    def dock_widget(self, name: str) -> QWidget | None:
        """The widget inside the dock called ``name`` (None when that dock is absent)."""
        dock = self.docks.get(name)
        return dock.widget() if dock is not None else None

    # -- commands ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: every dock reloads what it shows."""
        self.context.bus.sig_tickets_changed.emit([])

    def focus_search(self) -> None:
        """Ctrl+F: bring the queue forward and put the cursor in its search box."""
        dock = self.docks.get("dock.queue")
        if dock is None:
            return
        dock.show()
        dock.raise_()
        dock.widget().focus_search()

    def new_ticket(self) -> None:
        """Ctrl+N: the register dialog."""
        dialog_class = _register_dialog()
        if dialog_class is None:
            return
        dialog = dialog_class(self.context, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.registered is None:
            return
        # The new ticket is selected (the docks show it) and its code shown to tell the
        # caller (issue 8: nothing confirmed a registration).
        queue = self.dock_widget("dock.queue")
        if queue is not None:
            queue.show_ticket(dialog.registered.id)
        self.statusBar().showMessage(
            self.tr("Ticket {code} registered.").format(code=dialog.registered.code), 30_000
        )
        dialog.show_confirmation(self)

    def export(self) -> None:
        """Ctrl+E: File → Export (ui/export_dialog.py)."""
        from gridcenter_desktop.ui.export_dialog import open_export_dialog

        open_export_dialog(self)

    def export_map_image(self) -> None:
        """File → Export the map as a picture (ui/map/map_image.py)."""
        from gridcenter_desktop.ui.map.map_image import export_map_image

        export_map_image(self)

    def import_base_data(self) -> None:
        """File → Import base data (ui/base_import_dialog.py)."""
        from gridcenter_desktop.ui.base_import_dialog import open_base_import

        open_base_import(self)

    def import_tickets(self) -> None:
        """Ctrl+I: File → Import tickets (ui/intake/dialog.py)."""
        from gridcenter_desktop.ui.intake.dialog import open_ticket_import

        open_ticket_import(self)

    def save_base_template(self) -> None:
        """File → Download the base-data template: the empty workbook, saved where the user
        says."""
        from gridcenter_desktop.ui.import_preview import save_template
        from gridcenter_desktop.ui.save_paths import export_folder

        path = save_template(self, export_folder(self.context.settings))
        if path is not None:
            self.statusBar().showMessage(
                self.tr("Template saved as {path}.").format(path=str(path)), 30_000
            )

    def open_notice_register(self, scope: str = "all") -> None:
        """View → Rectification notice register (ui/notice_register.py); the status bar's
        notices-due counter opens it on the notices due ("due")."""
        from gridcenter_desktop.ui.notice_register import open_notice_register

        open_notice_register(self, scope)

    def open_grid_workers(self) -> None:
        """View → Grid workers' desk (ui/grid_workers_window.py)."""
        from gridcenter_desktop.ui.grid_workers_window import open_grid_workers

        open_grid_workers(self)

    def open_registers(self) -> None:
        """View → Registers (台账: ui/registers/window.py)."""
        from gridcenter_desktop.ui.registers.window import open_registers

        open_registers(self)

    def open_video_channels(self) -> None:
        """View → Video channels (ui/video_channels_window.py)."""
        from gridcenter_desktop.ui.video_channels_window import open_video_channels

        open_video_channels(self)

    def open_visits(self) -> None:
        """View → Household visits (ui/visits/window.py)."""
        from gridcenter_desktop.ui.visits.window import open_visits

        open_visits(self)

    def open_audit_log(self) -> None:
        """Administration → Audit log (ui/audit_dialog.py)."""
        from gridcenter_desktop.ui.audit_dialog import open_audit_log

        open_audit_log(self)

    def change_password(self) -> None:
        """Account → Change my password."""
        from gridcenter_desktop.ui.signing_in import change_my_password

        if change_my_password(self.context, self):
            QMessageBox.information(
                self, self.tr("Change my password"), self.tr("Your password was changed.")
            )

    def switch_user(self) -> None:
        """Account → Sign out / switch user: close this window (its user is signed out, as at
        quitting) and ask the start-up to sign someone in again (issue 8: the demo opened as
        operator 1 and a supervisor's steps were out of reach)."""
        self.switch_user_requested = True
        self.close()

    def manage_users(self) -> None:
        """Administration → Users."""
        from gridcenter_desktop.ui.users_dialog import UsersDialog

        UsersDialog(self.context, self).exec()

    def reset_layout(self) -> None:
        """View → Reset layout."""
        layout.apply_default_layout(self)

    def choose_database(self) -> None:
        """File → Choose database: the welcome dialog asks at the next start (now, when the
        operator quits to choose)."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            self.tr("Choose database"),
            self.tr(
                "GridCenter will ask which database to open the next time it starts."
                " Quit now to choose?"
            ),
            buttons.Yes | buttons.No | buttons.Cancel,
        )
        if answer == buttons.Cancel:
            return
        self.context.settings.ask_database = True
        self.context.settings.sync()
        if answer == buttons.Yes:
            self.close()

    def choose_language(self) -> None:
        """View → Language."""
        dialog = LanguageDialog(self.context.settings.language, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.change_language(dialog.language())

    def change_language(self, chosen: str) -> None:
        """View → Language and the settings dialog: remembered in the settings; the window
        closes and the start-up opens it again in that language, the same user still signed
        in and the program running (issue 8: a language change needed a restart)."""
        if chosen != self.context.settings.language:
            self.context.settings.language = chosen
            self.context.settings.sync()
            self.language_change_requested = True
            # The reopened window shows the desk as it is now (ui/desk_state.py).
            self.desk_state = desk_state.capture(self)
            self.close()

    def open_settings(self) -> None:
        """View → Settings… (Ctrl+,): ui/settings_dialog.py."""
        from gridcenter_desktop.ui.settings_dialog import open_settings

        open_settings(self)

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts (F1)."""
        from gridcenter_desktop.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.commands, self.context.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _title(self) -> str:
        """ "<centre> — <user> — GridCenter": on a taskbar with two desks (or two towns) open,
        the operator tells them apart. The town is read once, at the window's start."""
        from sqlalchemy.exc import SQLAlchemyError

        from gridcenter_desktop.services.admin.town import town_settings

        try:
            with self.context.session_factory() as session:
                town = town_settings(session)
        except SQLAlchemyError:
            town = None
        user = self.context.actor.display_name
        if town is None or not town.town_name:
            base = self.tr("GridCenter — grid governance command centre")
            return f"{base} — {user}" if user else base
        parts = [town.centre_name, user, "GridCenter"]
        return " — ".join(p for p in parts if p)

    def bring_forward(self) -> None:
        """Another start of the same account on this database asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def open_log_folder(self) -> None:
        """Help → Open log folder: where the desk's log and crash reports are written."""
        from gridcenter_desktop.ui.errors import default_log_dir

        folder = default_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(
                self, self.tr("Log folder"), self.tr("The log folder is {path}").format(path=folder)
            )

    def show_about(self) -> None:
        """Help → About: version, database, libraries and their licences."""
        from gridcenter_desktop.ui.about_dialog import AboutDialog
        from gridcenter_desktop.ui.errors import default_log_dir

        dialog = AboutDialog(self.context, default_log_dir(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if layout.needs_default_sizes(self):
            # After this show's layout pass, when the docks have their real room.
            QTimer.singleShot(0, self, lambda: layout.settle_sizes(self))

    # -- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        layout.save_layout(self, self.context.settings)
        self.context.settings.sync()
        self.status.stop()
        self.context.jobs.cancel_all()
        self.context.jobs.wait_idle(5000)
        if not self.language_change_requested:  # the same user goes on in the new window
            self.context.sign_out()
        super().closeEvent(event)


_REGISTER_MODULE = "gridcenter_desktop.ui.register_dialog"


def _register_dialog():
    try:
        module = importlib.import_module(_REGISTER_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name == _REGISTER_MODULE:
            return None
        raise
    return getattr(module, "RegisterDialog", None)


class LanguageDialog(QDialog):
    """Pick the UI language (中文 or English)."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Language"))
        self.combo = QComboBox(self)
        for code in LANGUAGES:
            self.combo.addItem(LANGUAGE_NAMES[code], code)
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(self.tr("Language of the window:"), self))
        box.addWidget(self.combo)
        box.addWidget(buttons)

    def language(self) -> str:
        return str(self.combo.currentData())
