"""View → Household visits (走访, Ctrl+Alt+H): three tabs.

- **Record**: the form an operator types a grid worker's visit into, keyboard first (grid,
  worker, date, address, register number, head of household, findings; "problem found" raises
  a grid-patrol ticket with the visit, in one step). Ctrl+Enter records; the grid, worker and
  date stay for the next visit of the same round.
- **Coverage**: the month's table per grid worker (red under the target) with a bar chart
  against the target line, the town's total, and Export to Excel (走访覆盖 sheet).
- **Not visited**: households not visited for the set months (Administration → Grid work
  settings), never visited ones first.

Import sheet… reads the mobile app's export, shows what it holds and its bad rows, and imports
all of it, or the good rows with the bad ones saved to a rejects sheet. Every read and write runs
as a job (services/visits/); F5 reads the figures again.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.permissions import may_keep_registers
from gridcenter_desktop.services.visits.recording import NewVisit, RaisedTicket
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.field_errors import FieldErrors
from gridcenter_desktop.ui.month_edit import MonthEdit
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.save_paths import ask_save_path
from gridcenter_desktop.ui.visits import work
from gridcenter_desktop.ui.visits.coverage_view import CoverageChart, CoverageModel
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

SHOWN_PROBLEMS = 30


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class VisitsWindow(QDialog):
    """The household visits window."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visits_window")
        self.setWindowTitle(self.tr("Household visits"))
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._may_record = may_keep_registers(context.actor.role)
        self.errors = FieldErrors()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("visits_tabs")
        self.tabs.addTab(self._record_tab(), self.tr("&Record a visit"))
        self.tabs.addTab(self._coverage_tab(), self.tr("&Coverage"))
        self.tabs.addTab(self._stale_tab(), self.tr("&Not visited"))
        if not self._may_record:
            self.tabs.setTabEnabled(0, False)
            self.tabs.setCurrentIndex(1)
        self.status = plain(QLabel(self))
        self.status.setObjectName("visits_status")
        self.status.setWordWrap(True)
        self.import_button = QPushButton(self.tr("&Import sheet…"), self)
        self.import_button.setObjectName("visits_import")
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.choose_import_file)
        self.import_button.setVisible(self._may_record)
        context.write_gate.gate(self.import_button)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("F5"), self, activated=self.reload)
        remember_geometry(self, context.settings, "visits_window", (1100, 640))
        self._jobs.submit(
            work.load_choices,
            context.today(),
            on_result=self._choices_loaded,
            on_error=self._failed,
        )
        self.reload()

    # -- record -------------------------------------------------------------------------------

    def _record_tab(self) -> QWidget:
        page = QWidget(self)
        self.grid = QComboBox(page)
        self.grid.setObjectName("visit.grid")
        self.grid.setEditable(True)
        self.grid.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.grid.currentIndexChanged.connect(lambda _i: self._load_workers())
        self.worker = QComboBox(page)
        self.worker.setObjectName("visit.worker")
        self.visited_on = QDateEdit(_qdate(self._context.today()), page)
        self.visited_on.setObjectName("visit.visited_on")
        self.visited_on.setCalendarPopup(True)
        self.visited_on.setDisplayFormat("yyyy-MM-dd")
        self.visited_on.setMaximumDate(_qdate(self._context.today()))
        self.visited_on.dateChanged.connect(lambda _d: self._load_workers())
        self.address = QLineEdit(page)
        self.address.setObjectName("visit.address")
        self.address.setMaxLength(200)
        self.register_no = QLineEdit(page)
        self.register_no.setObjectName("visit.register_no")
        self.register_no.setMaxLength(32)
        self.head_name = QLineEdit(page)
        self.head_name.setObjectName("visit.head_name")
        self.head_name.setMaxLength(64)
        self.findings = QPlainTextEdit(page)
        self.findings.setObjectName("visit.findings")
        self.findings.setTabChangesFocus(True)
        self.findings.setMaximumHeight(110)
        self.problem = QCheckBox(self.tr("&Problem found: raise a grid-patrol ticket"), page)
        self.problem.setObjectName("visit.problem")
        self.category = QComboBox(page)
        self.category.setObjectName("visit.category")
        self.category.addItem(self.tr("(choose a category)"), None)
        for c in CATEGORIES:
            self.category.addItem(c.name, c.code)
        self.title = QLineEdit(page)
        self.title.setObjectName("visit.title")
        self.title.setMaxLength(200)
        self.title.setPlaceholderText(self.tr("(the findings' first line)"))
        self.problem.toggled.connect(self._problem_toggled)
        self._problem_toggled(False)
        self.record_button = QPushButton(self.tr("Record (Ctrl+Enter)"), page)
        self.record_button.setObjectName("visit.record")
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record)
        self._context.write_gate.gate(self.record_button)
        form = QFormLayout()
        form.addRow(self.tr("&Grid:"), self.errors.wrap("grid_id", self.grid))
        form.addRow(self.tr("&Worker:"), self.errors.wrap("worker_id", self.worker))
        form.addRow(self.tr("&Date:"), self.errors.wrap("visited_on", self.visited_on))
        form.addRow(self.tr("&Address:"), self.errors.wrap("address", self.address))
        form.addRow(
            self.tr("Household register n&o.:"), self.errors.wrap("register_no", self.register_no)
        )
        form.addRow(self.tr("&Head of household:"), self.errors.wrap("head_name", self.head_name))
        form.addRow(self.tr("&Findings:"), self.errors.wrap("findings", self.findings))
        form.addRow("", self.problem)
        form.addRow(self.tr("Ticket categor&y:"), self.errors.wrap("category", self.category))
        form.addRow(self.tr("Ticket &title:"), self.errors.wrap("title", self.title))
        form.addRow("", self.record_button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), page, activated=self.record)
        outer = QHBoxLayout(page)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        return page

    def _problem_toggled(self, on: bool) -> None:
        self.category.setEnabled(on)
        self.title.setEnabled(on)

    def _choices_loaded(self, villages) -> None:
        self.grid.blockSignals(True)
        self.grid.clear()
        for village in villages:
            for grid in village.grids:
                self.grid.addItem(grid.name, grid.id)
        self.grid.setCurrentIndex(-1 if self.grid.count() == 0 else 0)
        self.grid.blockSignals(False)
        self._load_workers()
        if self._may_record:
            self.grid.setFocus()

    def _load_workers(self) -> None:
        grid_id = self.grid.currentData()
        if grid_id is None:
            self.worker.clear()
            return
        self._jobs.submit(
            work.load_workers,
            grid_id,
            _day(self.visited_on),
            on_result=self._workers_loaded,
            on_error=self._failed,
            key=f"visit-workers-{id(self)}",
        )

    def _workers_loaded(self, workers) -> None:
        chosen = self.worker.currentData()
        self.worker.clear()
        for w in workers:
            self.worker.addItem(f"{w.name}（{labels.member_role_label(w.role)}）", w.id)
        self.worker.setCurrentIndex(max(0, self.worker.findData(chosen)))

    def visit_form(self) -> NewVisit:
        ticket = None
        if self.problem.isChecked():
            ticket = RaisedTicket(
                category=self.category.currentData() or "", title=self.title.text().strip()
            )
        return NewVisit(
            grid_id=self.grid.currentData(),
            worker_id=self.worker.currentData(),
            visited_on=_day(self.visited_on),
            address=self.address.text(),
            register_no=self.register_no.text(),
            head_name=self.head_name.text(),
            findings=self.findings.toPlainText(),
            ticket=ticket,
        )

    def record(self) -> None:
        """Record the form's visit (a job); the form keeps grid, worker and date."""
        if not self._may_record or not self.record_button.isEnabled():
            return
        self.errors.clear()
        self.status.clear()
        form = self.visit_form()
        if form.grid_id is None:
            self.errors.show("grid_id", self.tr("Choose a grid."))
            return
        if form.worker_id is None:
            self.errors.show("worker_id", self.tr("This grid has no grid worker."))
            return
        self.record_button.setEnabled(False)
        self._jobs.submit(
            work.save_visit,
            self._context.actor,
            form,
            self._context.now(),
            on_result=self._recorded,
            on_error=self._record_failed,
        )

    def _recorded(self, record) -> None:
        self.record_button.setEnabled(True)
        if record.ticket is not None:
            text = self.tr("Visit recorded; ticket {code} raised from it.").format(
                code=record.ticket.code
            )
            self._context.bus.sig_tickets_changed.emit([record.ticket.id])
        else:
            text = self.tr("Visit recorded.")
        if record.household_created:
            text += " " + self.tr("A new household was added to the grid.")
        self.status.setText(text)
        for edit in (self.address, self.register_no, self.head_name, self.title):
            edit.clear()
        self.findings.clear()
        self.problem.setChecked(False)
        self.category.setCurrentIndex(0)
        self.address.setFocus()
        self.reload()

    def unsaved(self) -> bool:
        """Whether the record form holds typing not yet recorded."""
        return any(
            edit.text().strip() for edit in (self.address, self.register_no, self.head_name)
        ) or bool(self.findings.toPlainText().strip())

    def reject(self) -> None:
        # Esc or Close with a visit typed but not recorded asks first (a grid worker's visit
        # read off a paper log is not typed twice gladly).
        if self.unsaved():
            answer = QMessageBox.question(
                self,
                self.tr("Household visits"),
                self.tr("The visit typed in the form is not recorded. Close and discard it?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def _record_failed(self, exc: BaseException) -> None:
        self.record_button.setEnabled(True)
        from gridcenter_desktop.services.errors import ValidationError

        if isinstance(exc, ValidationError) and self.errors.show_error(exc):
            return
        self._failed(exc)

    # -- coverage -----------------------------------------------------------------------------

    def _coverage_tab(self) -> QWidget:
        page = QWidget(self)
        self.month = MonthEdit(_qdate(self._context.today()), page)
        self.month.setObjectName("visits_month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.month.dateChanged.connect(lambda _d: self.load_coverage())
        month_label = QLabel(self.tr("&Month:"), page)
        month_label.setBuddy(self.month)
        self.export_months = QSpinBox(page)
        self.export_months.setObjectName("visits_export_months")
        self.export_months.setRange(1, 24)
        self.export_months.setValue(1)
        self.export_months.setPrefix(self.tr("last "))
        self.export_months.setSuffix(self.tr(" month(s)"))
        self.export_button = QPushButton(self.tr("&Export to Excel…"), page)
        self.export_button.setObjectName("visits_export")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.choose_export_file)
        self.summary = plain(QLabel(page))
        self.summary.setObjectName("visits_summary")
        top = QHBoxLayout()
        top.addWidget(month_label)
        top.addWidget(self.month)
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_months)
        top.addWidget(self.export_button)
        self.coverage_model = CoverageModel(page)
        self.coverage_table = QTableView(page)
        self.coverage_table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.coverage_table.setObjectName("visits_coverage_table")
        self.coverage_table.setModel(self.coverage_model)
        self.coverage_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.coverage_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.coverage_table.verticalHeader().setVisible(False)
        header = self.coverage_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((80, 140, 100, 80, 60, 60)):
            header.resizeSection(column, width)
        self.chart = CoverageChart(page)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.addWidget(self.coverage_table)
        split.addWidget(self.chart)
        split.setSizes([560, 480])
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        return page

    def month_chosen(self) -> date:
        return _day(self.month).replace(day=1)

    def load_coverage(self) -> None:
        self._jobs.submit(
            work.load_coverage,
            self.month_chosen(),
            on_result=self._coverage_loaded,
            on_error=self._failed,
            key=f"visit-coverage-{id(self)}",
        )

    def _coverage_loaded(self, month) -> None:
        self.coverage_model.set_rows(month.workers)
        households = sum(w.households for w in month.workers)
        target = sum(w.target for w in month.workers)
        rate = households / target * 100 if target else 0.0
        self.summary.setText(
            self.tr(
                "{workers} grid workers, {behind} under the target of {target}"
                " ({far} under 85 %); the town: {households} households, {rate:.1f} %"
            ).format(
                workers=len(month.workers),
                behind=len(month.behind),
                far=len(month.well_behind),
                target=month.target,
                households=households,
                rate=rate,
            )
        )
        self.chart.show_month(month.workers, month.target)

    def choose_export_file(self) -> None:
        path = ask_save_path(
            self,
            self._context.settings,
            self.tr("Export visit coverage"),
            f"走访覆盖_{self.month_chosen():%Y%m}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        self._jobs.submit(
            work.export_coverage,
            path,
            self._context.actor,
            self.month_chosen(),
            self.export_months.value(),
            self._context.now(),
            on_result=lambda rows: self._exported(rows, path),
            on_error=self._export_failed,
        )

    def _exported(self, rows: int, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Exported {n} rows to {path}").format(n=rows, path=str(path)))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self._failed(exc)

    # -- not visited --------------------------------------------------------------------------

    def _stale_tab(self) -> QWidget:
        page = QWidget(self)
        self.stale_label = plain(QLabel(page))
        self.stale_label.setObjectName("visits_stale_label")
        self.stale_table = QTableWidget(0, 5, page)
        self.stale_table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.stale_table.setObjectName("visits_stale_table")
        self.stale_table.setHorizontalHeaderLabels(
            [
                self.tr("Grid"),
                self.tr("Village or community"),
                self.tr("Address"),
                self.tr("Household register no."),
                self.tr("Last visited"),
            ]
        )
        self.stale_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stale_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.stale_table.verticalHeader().setVisible(False)
        header = self.stale_table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 110, 300, 130)):
            header.resizeSection(column, width)
        layout = QVBoxLayout(page)
        layout.addWidget(self.stale_label)
        layout.addWidget(self.stale_table, 1)
        return page

    def load_stale(self) -> None:
        self._jobs.submit(
            work.load_stale,
            self._context.today(),
            None,
            on_result=self._stale_loaded,
            on_error=self._failed,
            key=f"visit-stale-{id(self)}",
        )

    def _stale_loaded(self, result) -> None:
        months, total, rows = result
        shown = len(rows)
        text = self.tr("{n} households not visited for {months} months or more").format(
            n=total, months=months
        )
        if shown < total:
            text += self.tr(" (the first {shown} shown)").format(shown=shown)
        self.stale_label.setText(text)
        self.stale_table.setRowCount(shown)
        never = self.tr("never")
        for r, row in enumerate(rows):
            last = f"{row.last_visited_on:%Y-%m-%d}" if row.last_visited_on else never
            for c, value in enumerate(
                (row.grid, row.village, row.address, row.register_no or "", last)
            ):
                self.stale_table.setItem(r, c, QTableWidgetItem(value))

    # -- import -------------------------------------------------------------------------------

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import the visit sheet"),
            str(Path.home()),
            self.tr("Sheets (*.xlsx *.csv)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Read and check the sheet (a job), then ask what to import."""
        self.status.setText(self.tr("Reading {name}…").format(name=path.name))
        self.import_button.setEnabled(False)
        self._jobs.submit(
            work.plan_sheet,
            path,
            self._context.now(),
            on_result=self._sheet_planned,
            on_error=self._import_failed,
        )

    def _sheet_planned(self, result) -> None:
        from gridcenter_desktop.services.visits.sheet import problem_words

        self.import_button.setEnabled(True)
        sheet, plan = result
        text = self.tr(
            "{name}: {rows} rows; {new} visits to import, {already} imported before,"
            " {bad} rows with problems."
        ).format(
            name=sheet.path.name,
            rows=len(sheet.rows),
            new=len(plan.visits),
            already=plan.already,
            bad=len(plan.bad_rows),
        )
        self.status.setText(text)
        box = QMessageBox(self)
        box.setObjectName("visits_import_box")
        box.setWindowTitle(self.tr("Import the visit sheet"))
        box.setText(text)
        if plan.problems:
            details = [problem_words(p) for p in plan.problems[:SHOWN_PROBLEMS]]
            if len(plan.problems) > SHOWN_PROBLEMS:
                details.append("……")
            box.setDetailedText("\n".join(details))
        if sheet.problems or not plan.visits:
            box.setStandardButtons(QMessageBox.StandardButton.Close)
            box.exec()
            return
        if plan.problems:
            go = box.addButton(
                self.tr("Import the good rows, save the bad ones…"),
                QMessageBox.ButtonRole.AcceptRole,
            )
        else:
            go = box.addButton(self.tr("Import"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not go:
            return
        rejects = None
        if plan.problems:
            name, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the rows not imported"),
                str(sheet.path.with_name(f"{sheet.path.stem}_未导入.xlsx")),
                self.tr("Excel workbook (*.xlsx)"),
            )
            if not name:
                return
            rejects = Path(name)
        self.run_import(sheet, rejects)

    def run_import(self, sheet, rejects: Path | None) -> None:
        self.import_button.setEnabled(False)
        self._jobs.submit(
            work.import_sheet,
            self._context.actor,
            sheet,
            rejects,
            self._context.now(),
            on_result=self._imported,
            on_error=self._import_failed,
        )

    def _imported(self, result) -> None:
        self.import_button.setEnabled(True)
        self.status.setText(
            self.tr(
                "Imported {n} visits ({households} new households, {tickets} tickets raised)."
            ).format(
                n=result.imported, households=result.households_created, tickets=result.tickets
            )
        )
        if result.tickets:
            self._context.bus.sig_tickets_changed.emit([])
        self.reload()

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        from gridcenter_desktop.services.errors import ValidationError

        if isinstance(exc, ValidationError) and exc.field == "file":
            from gridcenter_desktop.services.intake.problems import file_problem_text

            if exc.rule != "has_problems":
                self.status.setText(file_problem_text(exc.rule))
                return
        self._failed(exc)

    # -- common -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.load_coverage()
        self.load_stale()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(labels.error_text(exc))


def open_visits(window) -> VisitsWindow:
    """View → Household visits."""
    dialog = VisitsWindow(window.context, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
