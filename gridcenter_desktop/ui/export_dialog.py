"""File → Export (Ctrl+E): choose a report, its scope and where to save it; the report is
written in a background job with progress and a Cancel button, and at the end the user can
open the file or its folder. What is written is decided by reports.export (Qt-free)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.reports import files, ledger, summary
from gridcenter_desktop.reports.export import (
    ExportOutcome,
    ExportRequest,
    export_report,
    suggested_file_name,
)
from gridcenter_desktop.services.errors import ServiceError
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.jobs import Job
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.save_paths import export_folder, remember_last_folder

KINDS = ("ledger", "summary", "notice", "reply")


def open_url(url: QUrl) -> bool:
    """Open a file or folder with the desktop's program for it (tests replace this)."""
    return QDesktopServices.openUrl(url)


def _export_job(job, request: ExportRequest, now) -> ExportOutcome:
    session = job.session()
    if request.kind == "summary":
        # The "网格地图" sheet's picture, drawn here (the report layer has no Qt).
        from gridcenter_desktop.ui.map.map_image import map_png

        request = replace(request, map_png=map_png(session, now))
    return export_report(
        session,
        request,
        now=now,
        progress=job.progress,
        cancelled=lambda: job.cancelled,
    )


class ExportDialog(QDialog):
    """The export dialog. ``view`` is the queue's current filter and order (None when the
    queue is not shown), ``period`` the period the charts show, ``ticket_code`` the selected
    ticket's code (for the notice)."""

    sig_exported = Signal(object)
    """sig_exported(outcome: reports.export.ExportOutcome): a report file was written."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        view: tuple[QueueFilter, QueueOrder] | None = None,
        period: tuple[date, date] | None = None,
        ticket_code: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("Export to Excel"))
        self._context = context
        self._view = view
        self._job: Job | None = None
        self._outcome: ExportOutcome | None = None
        self._path_edited = False
        today = context.today()
        period = period or (today.replace(month=1, day=1), today)

        self.kind_buttons = QButtonGroup(self)
        kind_row = QHBoxLayout()
        kind_texts = (
            # Alt+letter picks a report (the radios are otherwise reached by arrows only).
            self.tr("Ticket &ledger"),
            self.tr("S&tatistical report"),
            self.tr("Rectification &notice"),
            # 办理结果回复表: the platforms' tickets closed in the period, to upload back.
            self.tr("Reply sheet for the &platforms"),
        )
        for index, (kind, text) in enumerate(zip(KINDS, kind_texts, strict=True)):
            button = QRadioButton(text, self)
            button.setObjectName(f"kind.{kind}")
            self.kind_buttons.addButton(button, index)
            kind_row.addWidget(button)
        self.kind_buttons.button(0).setChecked(True)
        self.kind_buttons.button(KINDS.index("reply")).setToolTip(
            self.tr(
                "The tickets from the 12345 and district platforms closed in the period, in"
                " the columns of the sheet they came in, to upload back to the platform"
            )
        )

        self.scope_buttons = QButtonGroup(self)
        scope_row = QHBoxLayout()
        self.scope_view = QRadioButton(self.tr("What the queue shows now"), self)
        self.scope_period = QRadioButton(self.tr("Tickets registered in the period"), self)
        for index, button in enumerate((self.scope_view, self.scope_period)):
            self.scope_buttons.addButton(button, index)
            scope_row.addWidget(button)
        self.scope_view.setEnabled(view is not None)
        (self.scope_view if view is not None else self.scope_period).setChecked(True)

        self.date_from = self._date_edit(period[0])
        self.date_to = self._date_edit(period[1])
        period_row = QHBoxLayout()
        period_row.addWidget(self.date_from)
        period_row.addWidget(QLabel(self.tr("to"), self))
        period_row.addWidget(self.date_to)
        period_row.addStretch(1)

        self.ticket = QLineEdit(ticket_code, self)
        self.ticket.setPlaceholderText(self.tr("Ticket code, e.g. GC20220301-0001"))

        self.path = QLineEdit(self)
        self.path.textEdited.connect(self._on_path_edited)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        # The choices sit in one widget, so an export in progress disables them all at once.
        self.fields = QWidget(self)
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Report:"), kind_row)
        form.addRow(self.tr("Ledger of:"), scope_row)
        # Alt+D / Alt+K / Alt+S reach the dates, the ticket and the path: Tab walks through
        # each date's day, month and year first.
        form.addRow(self._buddy_label(self.tr("&Dates:"), self.date_from), period_row)
        form.addRow(self._buddy_label(self.tr("Tic&ket:"), self.ticket), self.ticket)
        form.addRow(self._buddy_label(self.tr("&Save as:"), self.path), path_row)
        self._form = form

        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = plain(QLabel(self))
        self.status.setObjectName("export_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        self.open_file_button = QPushButton(self.tr("Open file"), self)
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button = QPushButton(self.tr("Open folder"), self)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_file_button.setVisible(False)  # until a file was written
        self.open_folder_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_file_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.kind_buttons.idToggled.connect(self._update_fields)
        self.scope_buttons.idToggled.connect(self._update_fields)
        self.date_from.dateChanged.connect(self._suggest_path)
        self.date_to.dateChanged.connect(self._suggest_path)
        self.ticket.textChanged.connect(self._suggest_path)
        self._update_fields()
        remember_geometry(self, context.settings, "export", (640, self.sizeHint().height()))

    # -- the user's choices ----------------------------------------------------------------

    def _buddy_label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _date_edit(self, value: date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def kind(self) -> str:
        """The chosen report: "ledger", "summary", "notice" or "reply"."""
        return KINDS[max(self.kind_buttons.checkedId(), 0)]

    def set_kind(self, kind: str) -> None:
        """Choose the report (tests and callers that know what the user wants)."""
        self.kind_buttons.button(KINDS.index(kind)).setChecked(True)

    def period(self) -> tuple[date, date]:
        """The period in the date fields."""
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def request(self) -> ExportRequest:
        """The export the dialog's fields describe."""
        kind = self.kind()
        date_from, date_to = self.period()
        scope = "view" if kind == "ledger" and self.scope_view.isChecked() else "period"
        flt, order = self._view if self._view is not None else (None, None)
        return ExportRequest(
            kind=kind,
            path=Path(self.path.text().strip()).expanduser(),
            role=self._context.actor.role,
            actor=self._context.actor,
            scope=scope,
            date_from=date_from,
            date_to=date_to,
            queue_filter=flt,
            queue_order=order,
            ticket_code=self.ticket.text().strip(),
        )

    def _update_fields(self, *_args) -> None:
        kind = self.kind()
        ledger_view = kind == "ledger" and self.scope_view.isChecked()
        self._form.setRowVisible(1, kind == "ledger")
        self._form.setRowVisible(2, kind != "notice" and not ledger_view)
        self._form.setRowVisible(3, kind == "notice")
        self._suggest_path()

    def _on_path_edited(self, _text: str) -> None:
        self._path_edited = True

    def _folder(self) -> Path:
        return export_folder(self._context.settings)

    def _suggest_path(self, *_args) -> None:
        if self._path_edited:
            return
        request = self.request()
        with_period = request.kind == "summary" or request.scope == "period"
        name = suggested_file_name(
            request.kind,
            request.date_from if with_period else None,
            request.date_to if with_period else None,
            request.ticket_code,
            today=self._context.today(),
        )
        current = self.path.text().strip()
        folder = Path(current).parent if current else self._folder()
        self.path.setText(str(folder / name))

    def browse(self) -> None:
        """Choose where to save with the system's file dialog."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save report as"), self.path.text(), self.tr("Excel workbook (*.xlsx)")
        )
        if chosen:
            if not chosen.lower().endswith(".xlsx"):
                chosen += ".xlsx"
            self.path.setText(chosen)
            self._path_edited = True

    # -- running the export ----------------------------------------------------------------

    def is_running(self) -> bool:
        """True while an export job is running."""
        return self._job is not None

    def start_export(self) -> None:
        """Write the chosen report in a background job; the dialog shows its progress."""
        if self._job is not None:
            return
        request = self.request()
        self._outcome = None
        self._set_running(True)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Exporting…"))
        self._job = self._context.jobs.submit(
            _export_job,
            request,
            self._context.now(),
            on_result=self._on_done,
            on_error=self._on_error,
            on_progress=self._on_progress,
        )

    def cancel_or_close(self) -> None:
        """Cancel the running export (nothing is written), or close the dialog."""
        if self._job is None:
            self.reject()
            return
        self._job.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling…"))
        self._wait_cancelled()

    def _wait_cancelled(self) -> None:
        # A cancelled job delivers nothing; wait for it to end so no export overlaps the next.
        job = self._job
        if job is not None and not job.done:
            QTimer.singleShot(50, self._wait_cancelled)
            return
        self._job = None
        self._set_running(False)
        self.status.setText(self.tr("Export cancelled; no file was written."))

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel") if running else self.tr("Close"))
        self.fields.setEnabled(not running)
        done = self._outcome is not None and not running
        self.open_file_button.setVisible(done)
        self.open_folder_button.setVisible(done)

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.status.setText(self._stage_text(stage, done, total))

    def _stage_text(self, stage: str, done: int, total: int) -> str:
        if stage == ledger.STAGE_ROWS:
            return self.tr("Writing tickets: {done} of {total}").format(
                done=f"{done:,}", total=f"{total:,}"
            )
        if stage == summary.STAGE_FIGURES:
            return self.tr("Counting the figures…")
        if stage == summary.STAGE_SHEETS:
            return self.tr("Drawing the sheets and charts…")
        return self.tr("Saving the file…")

    def _on_done(self, outcome: ExportOutcome) -> None:
        self._job = None
        self._outcome = outcome
        remember_last_folder(self._context.settings, outcome.path.parent)
        self._set_running(False)
        text = self.tr("Saved {path}").format(path=str(outcome.path))
        if outcome.kind == "reply":
            # What goes back to the platform: an empty sheet is worth a second look at the dates.
            text = (
                self.tr(
                    "Saved {path}: no ticket from a platform was closed in the period; check"
                    " the dates."
                ).format(path=str(outcome.path))
                if outcome.tickets == 0
                else self.tr("Saved {path}: {count} ticket(s) to send back.").format(
                    path=str(outcome.path), count=outcome.tickets
                )
            )
        self.status.setText(text)
        self.open_file_button.setFocus()
        self.sig_exported.emit(outcome)

    def _on_error(self, exc: BaseException) -> None:
        self._job = None
        self._set_running(False)
        if isinstance(exc, files.ExportCancelled):
            self.status.setText(self.tr("Export cancelled; no file was written."))
        elif isinstance(exc, files.ReportFileError):
            self.status.setText(self._file_error_text(exc))
        elif isinstance(exc, ServiceError):
            self.status.setText(labels.error_text(exc))
        else:
            self.status.setText(self.tr("The export failed; nothing was written."))
            self._context.jobs.sig_job_failed.emit(exc)  # logged and explained by the frame

    def _file_error_text(self, exc: files.ReportFileError) -> str:
        texts = {
            files.DIRECTORY_MISSING: self.tr("The folder {folder} does not exist."),
            files.NOT_WRITABLE: self.tr("You may not write to {folder}. Choose another folder."),
            files.LOCKED: self.tr(
                "{name} is open in another program (Excel or WPS). Close it and export again."
            ),
            files.DISK_FULL: self.tr("The disk is full. Free some space or choose another disk."),
            files.IS_DIRECTORY: self.tr("{path} is a folder. Give a file name."),
        }
        text = texts.get(exc.reason, self.tr("{path} could not be written."))
        detail = self.tr("Nothing was written.")
        return (
            text.format(folder=str(exc.path.parent), name=exc.path.name, path=str(exc.path))
            + " "
            + detail
        )

    # -- at the end ------------------------------------------------------------------------

    def outcome(self) -> ExportOutcome | None:
        """The last export's outcome (None before one succeeded)."""
        return self._outcome

    def open_file(self) -> None:
        """Open the written file with the desktop's spreadsheet program."""
        if self._outcome is not None and not open_url(QUrl.fromLocalFile(str(self._outcome.path))):
            # Issue 8: this failed silently where no program opens .xlsx files.
            self._cannot_open(
                self.tr(
                    "No program on this computer opens {name}. The file is saved at {path}; "
                    "open it with a spreadsheet program (WPS, Excel, LibreOffice) or copy it "
                    "from its folder."
                ).format(name=self._outcome.path.name, path=self._outcome.path)
            )

    def open_folder(self) -> None:
        """Open the folder holding the written file."""
        folder = self._outcome.path.parent if self._outcome is not None else None
        if folder is not None and not open_url(QUrl.fromLocalFile(str(folder))):
            self._cannot_open(
                self.tr("The folder could not be opened here. The file is saved at {path}.").format(
                    path=self._outcome.path
                )
            )

    def _cannot_open(self, text: str) -> None:
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet("color:#a01010;")
        self.status.setText(text)

    def reject(self) -> None:
        """Closing while exporting cancels the export first."""
        if self._job is not None:
            self.cancel_or_close()
            return
        super().reject()


def town_default_period(context: AppContext) -> tuple[date, date] | None:
    """Without the charts' period: the workstation's report period when one is chosen in the
    settings (本月, 上月…, counted from today), else the town's default report period so far,
    up to the last ticket (services.periods, as the charts pick it); None when the database
    cannot say (the dialog then offers this year so far). Two indexed one-row reads."""
    from sqlalchemy.exc import SQLAlchemyError

    from gridcenter_desktop.services.admin.town import town_settings
    from gridcenter_desktop.services.periods import (
        default_period,
        latest_ticket_date,
        relative_period,
    )

    if context.settings.report_period:
        return relative_period(context.settings.report_period, context.today())
    try:
        with context.session_factory() as session:
            kind = town_settings(session).report_period
            latest = latest_ticket_date(session)
    except SQLAlchemyError:
        return None
    return default_period(latest, context.today(), demo=context.demo, kind=kind)


def open_export_dialog(window) -> ExportDialog:
    """Ctrl+E in the main window: the dialog with the queue's view, the charts' period and the
    selected ticket filled in."""
    view = period = None
    ticket_code = ""
    queue = window.dock_widget("dock.queue")
    if queue is not None and hasattr(queue, "current_filter"):
        view = (queue.current_filter(), queue.model.order)
        rows = queue.selected_rows() if hasattr(queue, "selected_rows") else []
        ticket_code = rows[0].code if rows else ""
    charts = window.dock_widget("dock.charts")
    if charts is not None and hasattr(charts, "period"):
        period = charts.period()
    if period is None:
        period = town_default_period(window.context)
    dialog = ExportDialog(window.context, window, view=view, period=period, ticket_code=ticket_code)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
