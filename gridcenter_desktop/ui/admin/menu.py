"""The Administration menu's entries for the dialogs of this package: each opens its dialog
over the window; when it closes the docks reload (the grid tree, the pickers of the register
dialog and the dispatch form show the new areas, departments and rules)."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QMainWindow

from gridcenter_desktop.core.permissions import may_administer

# Action id (ui/actions.py) → (module, dialog class).
DIALOGS: dict[str, tuple[str, str]] = {
    "admin.areas": ("gridcenter_desktop.ui.admin.areas_dialog", "AreasDialog"),
    "admin.departments": ("gridcenter_desktop.ui.admin.departments_dialog", "DepartmentsDialog"),
    "admin.deadline_rules": (
        "gridcenter_desktop.ui.admin.deadline_rules_dialog",
        "DeadlineRulesDialog",
    ),
    "admin.town": ("gridcenter_desktop.ui.admin.town_dialog", "TownSettingsDialog"),
    "admin.grid_work": ("gridcenter_desktop.ui.admin.grid_work_dialog", "GridWorkSettingsDialog"),
    "admin.grid_map": ("gridcenter_desktop.ui.admin.grid_map_dialog", "GridMapImportDialog"),
}


def open_admin_dialog(window: QMainWindow, action_id: str):
    """Show the dialog of ``action_id`` (modal) and refresh the docks after it; returns it."""
    module_name, class_name = DIALOGS[action_id]
    dialog_class = getattr(importlib.import_module(module_name), class_name)
    dialog = dialog_class(window.context, window)
    dialog.exec()
    window.context.bus.sig_tickets_changed.emit([])
    return dialog


def connect_admin_commands(window: QMainWindow) -> None:
    """Give the entries their handlers and show them to administrators only."""
    admin = may_administer(window.context.actor.role)
    for action_id in DIALOGS:
        window.commands[action_id].setVisible(admin)
        handler = (lambda i=action_id: open_admin_dialog(window, i)) if admin else None
        window.commands.set_handler(action_id, handler)
