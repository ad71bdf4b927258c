"""What a base-data workbook would change, shown before anything is written: per sheet the rows
to add, to update and left as they are, and every problem with its sheet, row, column and
reason. Used by the first-run wizard and by File → Import base data.

Reading and planning run as a background job (services.admin.base_workbook.read_workbook and
base_import.plan_import, Qt-free); this widget only shows their result.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.services.errors import ServiceError
from gridcenter_desktop.ui.admin.common import NOTE_STYLE
from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.plain_text import plain

TEMPLATE_NAME = "基础数据模板.xlsx"


def preview_workbook(job, path: Path):
    """Read ``path`` and plan its import against the database (nothing is written)."""
    from gridcenter_desktop.services.admin.base_import import plan_import
    from gridcenter_desktop.services.admin.base_workbook import read_workbook

    lists = read_workbook(path)
    job.check_cancelled()
    return plan_import(job.session(), lists)


def documents_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def save_template(parent: QWidget, folder: Path | None = None) -> Path | None:
    """Ask where to save the empty template and write it; returns the path (None: not
    saved). A file that cannot be written is said in a message box."""
    from PySide6.QtWidgets import QMessageBox

    from gridcenter_desktop.services.admin.base_workbook import write_template

    suggested = (folder or documents_folder()) / TEMPLATE_NAME
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("BaseTemplate", "Save the base-data template as"),
        str(suggested),
        QCoreApplication.translate("BaseTemplate", "Excel workbook (*.xlsx)"),
    )
    if not chosen:
        return None
    if not chosen.lower().endswith(".xlsx"):
        chosen += ".xlsx"
    path = Path(chosen)
    try:
        write_template(path)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("BaseTemplate", "Template not saved"),
            QCoreApplication.translate(
                "BaseTemplate", "{path} could not be written ({reason}). Choose another folder."
            ).format(path=str(path), reason=exc.strerror or exc),
        )
        return None
    return path


def example_path() -> Path:
    """The demo town's lists in the template, shipped as an example (demo/base_lists.py)."""
    from gridcenter_desktop.ui.i18n import resources_dir

    return resources_dir() / "examples" / "guangfu_base.xlsx"


def save_example(parent: QWidget, folder: Path | None = None) -> Path | None:
    """Save a copy of the filled-in example where the user says; returns the path."""
    import shutil

    from PySide6.QtWidgets import QMessageBox

    source = example_path()
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("BaseTemplate", "Save the example workbook as"),
        str((folder or documents_folder()) / source.name),
        QCoreApplication.translate("BaseTemplate", "Excel workbook (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
    try:
        shutil.copyfile(source, path)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("BaseTemplate", "Template not saved"),
            QCoreApplication.translate(
                "BaseTemplate", "{path} could not be written ({reason}). Choose another folder."
            ).format(path=str(path), reason=exc.strerror or exc),
        )
        return None
    return path


class WorkbookChooser(QWidget):
    """A path field with Browse… and a button that saves the empty template."""

    sig_chosen = Signal(object)
    """sig_chosen(path: pathlib.Path): the user chose this workbook."""

    def __init__(self, parent: QWidget | None = None, settings=None) -> None:
        super().__init__(parent)
        # With the desk's settings, the template and the example are saved in its export
        # folder (ui/save_paths.py); without (the first-run wizard), in Documents.
        self._settings = settings
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("import.path")
        self.path_edit.setPlaceholderText(self.tr("The filled-in workbook (.xlsx)"))
        self.path_edit.returnPressed.connect(self._typed)
        self.browse_button = QPushButton(self.tr("&Choose workbook…"), self)
        self.browse_button.setObjectName("import.browse")
        self.browse_button.clicked.connect(self.browse)
        self.template_button = QPushButton(self.tr("Save the empty &template…"), self)
        self.template_button.setObjectName("import.template")
        self.template_button.clicked.connect(lambda: save_template(self, self._save_folder()))
        self.example_button = QPushButton(self.tr("Save the e&xample…"), self)
        self.example_button.setObjectName("import.example")
        self.example_button.setToolTip(
            self.tr(
                "A filled-in workbook to follow: the demo town's areas, grids, teams,"
                " departments and users"
            )
        )
        self.example_button.clicked.connect(lambda: save_example(self, self._save_folder()))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        box.addLayout(row)
        help_row = QHBoxLayout()
        hint = QLabel(self.tr("No workbook yet?"), self)
        hint.setStyleSheet(NOTE_STYLE)
        help_row.addWidget(hint)
        help_row.addWidget(self.template_button)
        help_row.addWidget(self.example_button)
        help_row.addStretch(1)
        box.addLayout(help_row)
        self.setFocusProxy(self.browse_button)

    def _save_folder(self) -> Path | None:
        if self._settings is None:
            return None
        from gridcenter_desktop.ui.save_paths import export_folder

        return export_folder(self._settings)

    def browse(self) -> None:
        current = self.path_edit.text().strip()
        start = str(Path(current).parent) if current else str(documents_folder())
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the base-data workbook"),
            start,
            self.tr("Excel workbook (*.xlsx);;All files (*)"),
        )
        if chosen:
            self.choose(Path(chosen))

    def choose(self, path: Path) -> None:
        """Take ``path`` as the chosen workbook (the Browse dialog, or a caller that knows)."""
        self.path_edit.setText(str(path))
        self.sig_chosen.emit(path)

    def _typed(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.sig_chosen.emit(Path(text).expanduser())


class ImportPreview(QWidget):
    """The preview of one workbook: a summary per sheet and tabs listing the rows to add, to
    update and the problems."""

    sig_state_changed = Signal()
    """sig_state_changed(): a preview started, finished or failed (ready_to_import may have
    changed)."""

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._path: Path | None = None
        self._plan = None
        self._busy = False
        self.status = plain(QLabel(self.tr("No workbook chosen yet."), self))
        self.status.setObjectName("import.status")
        self.status.setWordWrap(True)
        self.summary = self._table(
            "import.summary",
            (self.tr("Sheet"), self.tr("To add"), self.tr("To update"), self.tr("Unchanged"),
             self.tr("Problems")),
        )  # fmt: skip
        self.adds = self._table("import.adds", (self.tr("Sheet"), self.tr("Row"), self.tr("What")))
        self.updates = self._table(
            "import.updates",
            (self.tr("Sheet"), self.tr("Row"), self.tr("What"), self.tr("Changes")),
        )
        self.problems = self._table(
            "import.problems",
            (self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Reason")),
        )
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("import.tabs")
        self.tabs.addTab(self.summary, self.tr("Summary"))
        self.tabs.addTab(self.problems, self.tr("Problems"))
        self.tabs.addTab(self.adds, self.tr("To add"))
        self.tabs.addTab(self.updates, self.tr("To update"))
        self.notes = self._table(
            "import.notes",
            (self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Note")),
        )
        self.tabs.addTab(self.notes, self.tr("Notes"))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.status)
        box.addWidget(self.tabs, 1)
        self._retitle_tabs()

    def _table(self, name: str, headers: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # Compact rows; a reason too long for one line wraps onto a second (problems only:
        # measuring hundreds of rows to add would slow the preview down for nothing).
        rows = table.verticalHeader()
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        if name == "import.summary":
            header.setStretchLastSection(False)  # counts stay next to their sheet
        if name in ("import.problems", "import.notes"):
            header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
            rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    # -- state -------------------------------------------------------------------------------

    def path(self) -> Path | None:
        """The workbook shown (None before one was read without error)."""
        return self._path if self._plan is not None else None

    def plan(self):
        """The import plan shown (services.admin.base_import.ImportPlan), or None."""
        return self._plan

    def is_busy(self) -> bool:
        return self._busy

    def ready_to_import(self) -> bool:
        """A workbook was read, it has no problems and it changes something."""
        if self._plan is None or self._busy:
            return False
        figures = plan_figures(self._plan)
        return not plan_problems(self._plan) and any(a or u for _s, a, u, _n, _p in figures)

    # -- previewing --------------------------------------------------------------------------

    def preview_file(self, path: Path) -> None:
        """Read and plan ``path`` in the background; the tables show the result."""
        self._path = Path(path)
        self._plan = None
        self._busy = True
        self._fill(None)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading {name}…").format(name=self._path.name))
        self.sig_state_changed.emit()
        self._jobs.submit(
            preview_workbook,
            self._path,
            on_result=self._show_plan,
            on_error=self._show_error,
            key=f"import_preview.{id(self)}",
        )

    def _show_plan(self, plan) -> None:
        self._busy = False
        self._plan = plan
        self._fill(plan)
        problems = plan_problems(plan)
        figures = plan_figures(plan)
        adds = sum(f[1] for f in figures)
        updates = sum(f[2] for f in figures)
        if problems:
            self.status.setStyleSheet("color: #c0392b;")
            self.status.setText(
                self.tr(
                    "{n} problem(s) in {name}: nothing can be imported until they are fixed in"
                    " the workbook. Each is listed below with its sheet, row and column."
                ).format(n=len(problems), name=self._path.name)
            )
            self.tabs.setCurrentWidget(self.problems)
        elif not adds and not updates:
            self.status.setStyleSheet("")
            self.status.setText(
                self.tr("{name} holds nothing new: the database already has every row.").format(
                    name=self._path.name
                )
            )
            self.tabs.setCurrentWidget(self.summary)
        else:
            self.status.setStyleSheet("color: #1e7b34;")
            self.status.setText(
                self.tr("{name} is ready: {adds} row(s) to add, {updates} to update.").format(
                    name=self._path.name, adds=adds, updates=updates
                )
            )
            self.tabs.setCurrentWidget(self.summary)
        self.sig_state_changed.emit()

    def _show_error(self, exc: BaseException) -> None:
        self._busy = False
        self._plan = None
        self._fill(None)
        self.status.setStyleSheet("color: #c0392b;")
        if isinstance(exc, ServiceError):
            self.status.setText(file_error_text(exc))
        elif isinstance(exc, OSError):
            self.status.setText(
                self.tr("{path} could not be read ({reason}).").format(
                    path=str(self._path), reason=exc.strerror or exc
                )
            )
        else:
            self.status.setText(self.tr("The workbook could not be read."))
            self._jobs.sig_job_failed.emit(exc)  # a bug: logged and reported by the frame
        self.sig_state_changed.emit()

    def _fill(self, plan) -> None:
        figures = plan_figures(plan) if plan is not None else []
        _set_rows(self.summary, [(s, a, u, n, p) for s, a, u, n, p in figures])
        rows = plan_rows(plan) if plan is not None else ([], [])
        _set_rows(self.adds, rows[0])
        _set_rows(self.updates, rows[1])
        problems = plan_problems(plan) if plan is not None else []
        _set_rows(self.problems, [problem_cells(p) for p in problems])
        notes = list(plan.notes) if plan is not None else []
        _set_rows(self.notes, [problem_cells(p) for p in notes])
        self.tabs.setTabVisible(self.tabs.indexOf(self.notes), bool(notes))
        self._retitle_tabs()

    def _retitle_tabs(self) -> None:
        counts = (
            (self.problems, self.tr("Problems ({n})")),
            (self.adds, self.tr("To add ({n})")),
            (self.updates, self.tr("To update ({n})")),
            (self.notes, self.tr("Notes ({n})")),
        )
        for table, text in counts:
            self.tabs.setTabText(self.tabs.indexOf(table), text.format(n=table.rowCount()))


def _set_rows(table: QTableWidget, rows: list[tuple]) -> None:
    """Fill ``table``: counts right-aligned, long texts whole in the tooltip."""
    table.setUpdatesEnabled(False)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            elif len(item.text()) > 20:
                item.setToolTip(item.text())
            table.setItem(r, c, item)
    table.setUpdatesEnabled(True)


# -- reading the plan (services.admin.base_import's types) -------------------------------------


def plan_figures(plan) -> list[tuple[str, int, int, int, int]]:
    """(sheet, to add, to update, unchanged, problems) per sheet, in the workbook's order."""
    problems: dict[str, int] = {}
    for problem in plan.problems:
        problems[problem.sheet.value] = problems.get(problem.sheet.value, 0) + 1
    figures = [
        (
            s.sheet.value,
            len(s.adds),
            len(s.updates),
            len(s.unchanged),
            problems.pop(s.sheet.value, 0),
        )
        for s in plan.sheets
    ]
    # A sheet with nothing planned (all its rows refused) still shows its problems.
    figures += [(sheet, 0, 0, 0, n) for sheet, n in problems.items()]
    return figures


def plan_problems(plan) -> list:
    """The problems that block the import (services.admin.base_sheets.Problem)."""
    return list(plan.problems)


def plan_rows(plan) -> tuple[list[tuple], list[tuple]]:
    """The rows to add (sheet, row, what) and to update (sheet, row, what, changes)."""
    from gridcenter_desktop.services.admin.base_problems import change_text

    adds = [(s.sheet.value, a.row, a.label) for s in plan.sheets for a in s.adds]
    updates = [
        (
            s.sheet.value,
            u.row,
            u.label,
            "；".join(change_text(c.column, c.before, c.after) for c in u.changes),
        )
        for s in plan.sheets
        for u in s.updates
    ]
    return adds, updates


def problem_cells(problem) -> tuple[str, int | str, str, str]:
    """(sheet, row, column, reason in Chinese) of one problem: the reason without the place,
    which the other cells give (the services word both, services/admin/base_problems.py)."""
    from gridcenter_desktop.services.admin.base_problems import problem_text, where_text

    text, where = problem_text(problem), where_text(problem)
    reason = text[len(where) + 1 :] if text.startswith(where) else text
    column = problem.column or ""
    if column and problem.letter:
        column = f"{column} ({problem.letter})"
    return problem.sheet.value, problem.row or "", column, reason


def file_error_text(exc: BaseException) -> str:
    """Why a workbook cannot be read, in words (a refused file, or another service error)."""
    from gridcenter_desktop.services.admin.base_problems import file_problem_text
    from gridcenter_desktop.services.errors import ValidationError

    if isinstance(exc, ValidationError) and exc.field == "file":
        return file_problem_text(exc.rule)
    return error_text(exc)
