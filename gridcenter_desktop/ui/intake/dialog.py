"""File → Import tickets (Ctrl+I): choose the platform's file → map the columns nobody
recognised (saved as a profile if named) → preview → import the valid rows in the background
with a progress bar and Cancel (which writes nothing) → what was done, with a way to the
tickets still to be placed."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.ui.admin.common import MESSAGE_STYLE
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.intake import work
from gridcenter_desktop.ui.intake.choose_page import ChoosePage
from gridcenter_desktop.ui.intake.done_page import DonePage
from gridcenter_desktop.ui.intake.mapping_page import MappingPage
from gridcenter_desktop.ui.intake.plan_rows import preview_rows
from gridcenter_desktop.ui.intake.preview_page import PreviewPage
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.plain_text import plain


class TicketImportDialog(QDialog):
    """The import wizard over the desk's database, acting as the signed-in operator."""

    sig_imported = Signal(object)
    """sig_imported(result: services.intake.plan.IntakeResult): tickets were imported and
    committed."""

    sig_show_to_place = Signal()
    """sig_show_to_place(): the user asked to see the tickets still to be placed."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticket_import_dialog")
        self.setWindowTitle(self.tr("Import tickets"))
        self._context = context
        self._job = None
        self._stop: threading.Event | None = None
        self._reading = None  # work.Reading shown on the mapping or preview page
        self._profile = None  # the profile the shown reading was read with
        self._mapped = False  # the shown reading used the mapping page's columns
        self._note = ""  # said again once the next reading is shown (why it was read again)
        self.outcome = None  # work.Outcome once the import ended
        self.choose_page = ChoosePage(context.settings, self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage(self)
        self.pages = QStackedWidget(self)
        for page in (self.choose_page, self.mapping_page, self.preview_page, self.done_page):
            self.pages.addWidget(page)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("intake.progress")
        self.progress.setVisible(False)
        self.message = plain(QLabel(self))
        self.message.setObjectName("intake.message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.back_button = QPushButton(self.tr("< &Back"), self)
        self.back_button.setObjectName("intake.back")
        self.back_button.clicked.connect(self.go_back)
        self.remap_button = QPushButton(self.tr("Change column &mapping…"), self)
        self.remap_button.setObjectName("intake.remap")
        self.remap_button.clicked.connect(self.change_mapping)
        self.next_button = QPushButton(self, objectName="intake.next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("intake.cancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remap_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)
        box = QVBoxLayout(self)
        box.addWidget(self.pages, 1)
        box.addWidget(self.progress)
        box.addWidget(self.message)
        box.addLayout(buttons)
        self.choose_page.sig_changed.connect(self._update_buttons)
        self.choose_page.sig_browsed.connect(lambda: self.next_button.setFocus())
        self.mapping_page.sig_changed.connect(self._update_buttons)
        self.preview_page.sig_choice_changed.connect(self._update_buttons)
        self.done_page.sig_show_to_place.connect(self._show_to_place)
        context.write_gate.gate(self.next_button)
        self._update_buttons()
        remember_geometry(self, context.settings, "ticket_import", (900, 620))
        self._context.jobs.submit(
            work.list_profiles, on_result=self.choose_page.set_profiles, on_error=self._failed
        )

    # -- state ---------------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._job is not None

    def is_importing(self) -> bool:
        return self._stop is not None

    def _page(self) -> QWidget:
        return self.pages.currentWidget()

    def _show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self._update_buttons()
        page.setFocus()
        # Enter goes on (a button that had the focus while the page was busy, Cancel, took
        # over as the dialog's default: Enter would have done nothing).
        self.next_button.setDefault(True)

    def _update_buttons(self) -> None:
        page, busy = self._page(), self.is_busy()
        self.next_button.setText(
            {
                self.choose_page: self.tr("&Read file >"),
                self.mapping_page: self.tr("&Preview >"),
                self.preview_page: self.tr("&Import")
                if self.preview_page.wants_import()
                else self.tr("C&lose without importing"),
                self.done_page: self.tr("&Close"),
            }[page]
        )
        ready = {
            self.choose_page: self.choose_page.ready(),
            self.mapping_page: self.mapping_page.ready(),
            self.preview_page: True,
            self.done_page: True,
        }[page]
        self.next_button.setEnabled(ready and not busy)
        self.back_button.setVisible(page in (self.mapping_page, self.preview_page))
        self.back_button.setEnabled(not busy)
        self.remap_button.setVisible(page is self.preview_page)
        self.remap_button.setEnabled(not busy)
        # The preview stays readable (and scrollable) while the import runs; only what would
        # change the import is locked.
        self.choose_page.setEnabled(not busy)
        self.mapping_page.setEnabled(not busy)
        self.preview_page.set_busy(busy)
        self.cancel_button.setVisible(page is not self.done_page)
        self.cancel_button.setText(
            self.tr("Cancel the import") if self.is_importing() else self.tr("Cancel")
        )

    def _busy(self, text: str, determinate: bool = False) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.progress.setRange(0, 100 if determinate else 0)
        self.progress.setValue(0)
        self.progress.setVisible(True)

    def _idle(self) -> None:
        self._job = None
        self.progress.setVisible(False)
        self._update_buttons()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(self.tr("%v of %m rows"))
        if text:
            self.message.setText(text)

    # -- going through the pages ---------------------------------------------------------------

    def go_next(self) -> None:
        page = self._page()
        if self.is_busy() or not self.next_button.isEnabled():
            return
        if page is self.choose_page:
            self.read_file()
        elif page is self.mapping_page:
            self.read_with_mapping()
        elif page is self.preview_page:
            if self.preview_page.wants_import():
                self.start_import()
            else:
                super().reject()
        else:
            self.accept()

    def go_back(self) -> None:
        if self.is_busy():
            return
        if self._page() is self.preview_page and self._mapped:
            self._show_page(self.mapping_page)
        else:
            self.message.clear()
            self._show_page(self.choose_page)

    def read_file(self, force_mapping: bool = False) -> None:
        """Read (and plan) the chosen file with the chosen profile."""
        path = self.choose_page.path()
        if path is None:
            return
        self._profile = self.choose_page.profile()
        self._mapped = False
        self._submit_read(path, self._profile, force_mapping)

    def change_mapping(self) -> None:
        """From the preview: look at (and change) what each column was taken to hold."""
        if self._reading is not None and not self.is_busy():
            self._show_mapping(self._reading.sheet)

    def read_with_mapping(self) -> None:
        """Read the file again with the columns the user set; saved first when named."""
        path, source = self.choose_page.path(), self.choose_page.source()
        name = self.mapping_page.profile_name()
        current = self._profile if self._profile is not None and name else None
        same = current is not None and current.name == name
        profile = self.mapping_page.profile(source, name or "", current.id if same else None)
        self._profile = profile
        self._mapped = True
        if not name:
            self._submit_read(path, profile, False)
            return
        self._busy(self.tr("Saving the profile {name}…").format(name=name))
        self._job = self._context.jobs.submit(
            work.save_then_read,
            self._context.actor,
            profile,
            path,
            source,
            self._context.now(),
            on_result=self._saved_and_read,
            on_error=self._failed,
            on_progress=self._on_progress,
        )
        self._update_buttons()

    def _saved_and_read(self, result) -> None:
        saved, reading = result
        self._profile = saved
        self.choose_page.set_profiles([*self.choose_page._profiles, saved])
        self.choose_page.set_profile(saved.name)
        self._read(reading)

    def _submit_read(self, path: Path, profile, force_mapping: bool) -> None:
        self._busy(self.tr("Reading {name}…").format(name=path.name))
        self._job = self._context.jobs.submit(
            work.read_and_plan,
            path,
            self.choose_page.source(),
            profile,
            self._context.now(),
            force_mapping,
            on_result=self._read,
            on_error=self._failed,
            on_progress=self._on_progress,
        )
        self._update_buttons()

    def _read(self, reading: work.Reading) -> None:
        self._idle()
        self._reading = reading
        self.message.setStyleSheet(MESSAGE_STYLE if self._note else "")
        self.message.setText(self._note)
        self._note = ""
        if reading.plan is None:
            self._show_mapping(reading.sheet)
            return
        self.choose_page.remember_profile()
        rows = preview_rows(reading.plan)
        self.preview_page.show_rows(rows, reading.sheet.path.name)
        self._show_page(self.preview_page)

    def _show_mapping(self, sheet) -> None:
        from gridcenter_desktop.services.intake.problems import problem_text

        name = self._profile.name if self._profile is not None else ""
        self.mapping_page.show_sheet(sheet, [problem_text(p) for p in sheet.problems], name)
        if name:
            self.mapping_page.save_check.setChecked(True)
        self._show_page(self.mapping_page)

    # -- importing -----------------------------------------------------------------------------

    def start_import(self) -> None:
        """Import the valid rows in the background; first ask where the rejected rows go."""
        reading = self._reading
        if reading is None or reading.plan is None or self.is_busy():
            return
        rejects_path = None
        if self.preview_page.rows.rejected:
            rejects_path = self._ask_rejects_path(reading.sheet.path)
            if rejects_path is None:
                return
        self._stop = threading.Event()
        self._busy(
            self.tr("Importing… Cancel writes nothing: the rows are written all together."),
            determinate=True,
        )
        self._on_progress(0, len(reading.plan.to_add), "")
        self._job = self._context.jobs.submit(
            work.import_rows,
            self._context.actor,
            reading.sheet,
            reading.plan,
            rejects_path,
            self._context.now(),
            self._stop,
            on_result=self._imported,
            on_error=self._failed,
            on_progress=self._on_progress,
        )
        self._update_buttons()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()

    def _ask_rejects_path(self, source: Path) -> Path | None:
        suggested = source.with_name(f"{source.stem}_未导入.xlsx")
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the rows with problems as"),
            str(suggested),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not chosen:
            return None
        return Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

    def cancel_import(self) -> None:
        """Stop the import: its transaction is rolled back, nothing is written."""
        if self._stop is not None:
            self._stop.set()
            self.message.setText(self.tr("Cancelling… nothing will be written."))
            self.cancel_button.setEnabled(False)

    def _imported(self, outcome: work.Outcome) -> None:
        self._stop = None
        self._idle()
        self.cancel_button.setEnabled(True)
        if outcome.cancelled:
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Import cancelled: nothing was written."))
            return
        self.outcome = outcome
        self.message.clear()
        self.done_page.show_outcome(outcome)
        self._show_page(self.done_page)
        self._context.bus.sig_tickets_changed.emit([])
        self.sig_imported.emit(outcome.result)

    def _failed(self, exc: BaseException) -> None:
        importing = self._stop is not None
        self._stop = None
        self._idle()
        self.cancel_button.setEnabled(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        if isinstance(exc, ValidationError) and (exc.field, exc.rule) == ("intake_plan", "stale"):
            self._note = self.tr(
                "Nothing was imported: some of these rows were imported since the preview"
                " (by another desk?). This is the preview read again; look at it, then import."
            )
            self._submit_read(self.choose_page.path(), self._profile, False)
        elif isinstance(exc, ValidationError) and exc.field == "file":
            from gridcenter_desktop.services.intake.problems import file_problem_text

            self.message.setText(file_problem_text(exc.rule))
        elif isinstance(exc, ServiceError):
            prefix = self.tr("Nothing was imported: {reason}") if importing else "{reason}"
            self.message.setText(prefix.format(reason=error_text(exc)))
        elif isinstance(exc, OSError):
            self.message.setText(
                self.tr("{path} could not be read ({reason}).").format(
                    path=str(self.choose_page.path()), reason=exc.strerror or exc
                )
            )
        else:
            self.message.setText(
                self.tr("The import failed; nothing was written.")
                if importing
                else self.tr("The file could not be read.")
            )
            self._context.jobs.sig_job_failed.emit(exc)  # a bug: the frame logs and shows it

    def _show_to_place(self) -> None:
        self.sig_show_to_place.emit()
        self.accept()

    def reject(self) -> None:
        """Esc or Cancel: while importing, cancel the import (nothing is written) and stay to
        say so; while reading, stop reading; otherwise close without writing."""
        if self.is_importing():
            self.cancel_import()
            return
        if self._job is not None:
            self._job.cancel()
            self._idle()
            self.message.setText(self.tr("Stopped reading."))
            return
        super().reject()


def open_ticket_import(window) -> TicketImportDialog:
    """File → Import tickets in the main window; "show the tickets to be placed" selects the
    queue's 待定位 view."""
    dialog = TicketImportDialog(window.context, window)
    dialog.sig_show_to_place.connect(lambda: show_to_place(window))
    dialog.exec()
    return dialog


def show_to_place(window) -> None:
    """The queue's 待定位 view, whatever was searched before, with the keyboard in its first
    row."""
    queue = window.dock_widget("dock.queue")
    if queue is None:
        return
    window.docks["dock.queue"].show()
    window.docks["dock.queue"].raise_()
    queue.focus_table(first_row_when_loaded=True)
    # All of them: a search typed earlier (a ticket code) would hide the rows just imported.
    queue.select_preset("to_place", keep_search=False)
