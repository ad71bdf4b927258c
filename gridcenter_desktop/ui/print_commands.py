"""Ticket → Print handling form (Ctrl+P) and Print rectification notice, File → Print the
ledger of this view: each reads its content in a background job (reports/, Qt-free) and
opens the print preview (ui/printing.py) on it.

The ledger is guarded: a view of more than reports.printed_ledger.MAX_ROWS tickets is not
laid out whole; the dispatcher is told how many pages that would be and may print the first
MAX_ROWS (or narrow the filter, or export the whole view to Excel).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from gridcenter_desktop.reports.paper import Paper
from gridcenter_desktop.ui import printing
from gridcenter_desktop.ui.widget_jobs import WidgetJobs


def _record_print(job, actor, paper: Paper) -> None:
    from gridcenter_desktop.reports.paper import record_print

    record_print(job.session(), actor, paper)


def _form_job(job, ticket_id: int, actor, now) -> Paper:
    from gridcenter_desktop.reports.handling_form import handling_form

    return handling_form(job.session(), ticket_id, actor, now=now)


def _notice_job(job, ticket_id: int, notice_id: int | None, now) -> Paper:
    from gridcenter_desktop.reports.printed_notice import printed_notice

    return printed_notice(job.session(), ticket_id, notice_id=notice_id, now=now)


def _count_job(job, flt, now) -> int:
    from gridcenter_desktop.reports.printed_ledger import view_count

    return view_count(job.session(), flt, now)


def _ledger_job(job, flt, order, role, now, limit: int, total: int) -> Paper:
    from gridcenter_desktop.reports.printed_ledger import printed_ledger

    return printed_ledger(job.session(), flt, order, role=role, now=now, limit=limit, total=total)


class PrintCommands(QObject):
    """The print commands of the main window, following the selected ticket."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("print_commands")
        self._window = window
        self._context = window.context
        self._commands = window.commands
        self._jobs = WidgetJobs(self, self._context.jobs)
        self.ticket_id: int | None = None
        # The last preview opened (tests look at what it would print).
        self.last_preview: printing.PaperPreviewDialog | None = None
        self._context.bus.sig_ticket_selected.connect(self._on_selected)
        detail = window.findChild(QObject, "detail_dock_widget")
        if detail is not None and hasattr(detail, "sig_print_requested"):
            detail.sig_print_requested.connect(self._on_detail_print)
        queue = window.dock_widget("dock.queue")
        has_view = queue is not None and hasattr(queue, "current_filter")
        if queue is not None and hasattr(queue, "ticket_menu_extras"):
            queue.ticket_menu_extras.append(self._commands["ticket.print_form"])
        self._commands.set_handler("file.print_ledger", self.print_ledger if has_view else None)
        self._update()

    def _on_selected(self, ticket_id: int | None) -> None:
        self.ticket_id = ticket_id
        self._update()

    def _update(self) -> None:
        selected = self.ticket_id is not None
        self._commands.set_handler("ticket.print_form", self.print_form if selected else None)
        self._commands.set_handler("ticket.print_notice", self.print_notice if selected else None)

    def _on_detail_print(self, what: str, ticket_id: int) -> None:
        if what == "notice":
            self.print_notice(ticket_id)
        else:
            self.print_form(ticket_id)

    def print_form(self, ticket_id: int | None = None) -> None:
        """The handling form (处理单) of ``ticket_id`` (the selected ticket by default)."""
        ticket_id = ticket_id if ticket_id is not None else self.ticket_id
        if ticket_id is None:
            return
        self._jobs.submit(
            _form_job,
            ticket_id,
            self._context.actor,
            self._context.now(),
            on_result=self._preview,
            on_error=self._failed,
        )

    def print_notice(self, ticket_id: int | None = None, notice_id: int | None = None) -> None:
        """The rectification notice of ``ticket_id``: the notice on record ``notice_id``, else
        its latest, else the draft (as the Excel notice)."""
        ticket_id = ticket_id if ticket_id is not None else self.ticket_id
        if ticket_id is None:
            return
        self._jobs.submit(
            _notice_job,
            ticket_id,
            notice_id,
            self._context.now(),
            on_result=self._preview,
            on_error=self._failed,
        )

    def print_ledger(self) -> None:
        """The ledger of what the queue shows now (its filter and order)."""
        queue = self._window.dock_widget("dock.queue")
        if queue is None:
            return
        flt, order = queue.current_filter(), queue.model.order
        now = self._context.now()
        self._jobs.submit(
            _count_job,
            flt,
            now,
            on_result=lambda total: self._ledger_counted(flt, order, now, total),
            on_error=self._failed,
        )

    def _ledger_counted(self, flt, order, now, total: int) -> None:
        from gridcenter_desktop.reports import printed_ledger as ledger

        limit = ledger.MAX_ROWS
        if total > limit:
            answer = QMessageBox.question(
                self._window,
                self.tr("Print the ledger"),
                self.tr(
                    "The current view holds {total} tickets: about {pages} pages. At most "
                    "{limit} tickets (about {first} pages) are printed at once.\n\n"
                    "Print the first {limit}? To print the rest, narrow the filter; "
                    "File → Export writes the whole view to Excel."
                ).format(
                    total=ledger.count_text(total),
                    pages=ledger.count_text(ledger.pages_for(total)),
                    limit=ledger.count_text(limit),
                    first=ledger.count_text(ledger.pages_for(limit)),
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._jobs.submit(
            _ledger_job,
            flt,
            order,
            self._context.actor.role,
            now,
            limit,
            total,
            on_result=self._preview,
            on_error=self._failed,
        )

    def _preview(self, paper: Paper) -> None:
        dialog = printing.PaperPreviewDialog(paper, self._window, self._context.settings)
        self.last_preview = dialog
        # The preview closes accepted when its pages went to a printer (or a PDF): that is
        # when the paper left the desk.
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._jobs.submit(_record_print, self._context.actor, paper, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        printing.show_failure(self._window, exc)
