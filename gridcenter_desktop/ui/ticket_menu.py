"""The 工单 (Ticket) menu follows the selected ticket: each workflow action is enabled exactly
when core.workflow.allowed_actions allows it for the ticket's status and the user's role (and,
like every write, while the server can be reached: ui/write_gate.py through the registry)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from gridcenter_desktop.core.enums import EventAction
from gridcenter_desktop.core.workflow import allowed_records
from gridcenter_desktop.ui import keyboard
from gridcenter_desktop.ui.actions import WORKFLOW_ACTIONS, ActionRegistry
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.queue_dock import row_actions


class TicketCommands(QObject):
    """Keeps the Ticket menu's workflow actions in step with the selected ticket."""

    def __init__(self, window: QMainWindow, context: AppContext, commands: ActionRegistry):
        super().__init__(window)
        self._window = window
        self._context = context
        self._commands = commands
        self.ticket_id: int | None = None
        self.allowed: frozenset[EventAction] = frozenset()
        context.bus.sig_ticket_selected.connect(self._on_selected)
        detail = window.findChild(QObject, "detail_dock_widget")
        if detail is not None and hasattr(detail, "sig_loaded"):
            detail.sig_loaded.connect(self._on_detail_loaded)
        self._detail = detail
        self._update()

    def _on_selected(self, ticket_id: int | None) -> None:
        self.ticket_id = ticket_id
        self.allowed = frozenset()
        queue = self._window.findChild(QObject, "queue_dock_widget")
        rows = queue.selected_rows() if queue is not None else []
        row = next((r for r in rows if r.id == ticket_id), None)
        if row is not None:
            self.allowed = row_actions(row, self._context.actor.role)
        self._update()

    def _on_detail_loaded(self, ticket_id: int | None) -> None:
        # The detail reloads after every change of its ticket: the freshest status there is.
        detail = getattr(self._detail, "detail", None)
        if ticket_id is not None and ticket_id == self.ticket_id and detail is not None:
            role = self._context.actor.role
            self.allowed = detail.actions(role) | allowed_records(detail.status, role)
            self._update()

    def _update(self) -> None:
        for spec in WORKFLOW_ACTIONS:
            action = spec.workflow
            ok = self.ticket_id is not None and action in self.allowed
            self._commands.set_handler(spec.id, (lambda a=action: self.run(a)) if ok else None)

    def run(self, action: EventAction) -> None:
        """Take ``action`` on the selected ticket: the dispatch form for dispatching (the dock
        when there is one), the action's dialog otherwise."""
        if self.ticket_id is None:
            return
        if action is EventAction.DISPATCH and keyboard.focus_dock(self._window, "dock.dispatch"):
            return
        from gridcenter_desktop.ui.workflow_dialogs import run_ticket_action

        run_ticket_action(self._context, self._window, action, self.ticket_id)
