"""The preview: what importing the sheet would do, in tabs with their counts — rows to add
(with the grid guessed or 待定位, the category or 未对照), rows already imported (with what the
platform changed since, shown and never applied), suspected duplicates and rows with problems
(row, column, reason) — and the choice to import the valid rows or nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.ui.intake.plan_rows import PreviewRows
from gridcenter_desktop.ui.intake.rows_model import RowsModel
from gridcenter_desktop.ui.plain_text import plain


class PreviewPage(QWidget):
    """Tabs 新增 / 已存在 / 疑似重复 / 问题 and the import-or-nothing choice."""

    sig_choice_changed = Signal()
    """sig_choice_changed(): the user chose between importing the valid rows and nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = PreviewRows()
        self.status = plain(QLabel(self))
        self.status.setObjectName("intake.preview.status")
        self.status.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("intake.preview.tabs")
        self.adds = self._table(
            "intake.adds",
            (self.tr("Row"), self.tr("Code"), self.tr("Title"), self.tr("Grid"),
             self.tr("Category")),
        )  # fmt: skip
        self.present = self._table(
            "intake.present",
            (self.tr("Row"), self.tr("Code"), self.tr("Ticket"), self.tr("Differences")),
        )
        self.duplicates = self._table(
            "intake.duplicates",
            (self.tr("Row"), self.tr("Code"), self.tr("Title"), self.tr("Looks like")),
        )
        self.problems = self._table(
            "intake.problems", (self.tr("Row"), self.tr("Column"), self.tr("Reason"))
        )
        for view in (self.adds, self.present, self.duplicates, self.problems):
            self.tabs.addTab(view, "")
        self.import_choice = QRadioButton(
            self.tr("Import all valid rows, and save the rows with problems to an Excel file"),
            self,
        )
        self.import_choice.setObjectName("intake.choice.import")
        self.nothing_choice = QRadioButton(self.tr("Import nothing"), self)
        self.nothing_choice.setObjectName("intake.choice.nothing")
        group = QButtonGroup(self)
        group.addButton(self.import_choice)
        group.addButton(self.nothing_choice)
        self.import_choice.setChecked(True)
        self.import_choice.toggled.connect(lambda _on: self.sig_choice_changed.emit())
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.status)
        box.addWidget(self.tabs, 1)
        box.addWidget(self.import_choice)
        box.addWidget(self.nothing_choice)
        self._retitle()
        self.setFocusProxy(self.tabs)

    def _table(self, name: str, headers: tuple[str, ...]) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(RowsModel(headers, view))
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)  # Tab leaves the table for the choice and Import
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return view

    def model(self, view: QTableView) -> RowsModel:
        return view.model()  # type: ignore[return-value]

    def show_rows(self, rows: PreviewRows, file_name: str) -> None:
        """Fill the tabs and say in one line what importing would do."""
        self.rows = rows
        for view, values in (
            (self.adds, rows.adds),
            (self.present, rows.present),
            (self.duplicates, rows.duplicates),
            (self.problems, rows.problems),
        ):
            self.model(view).set_rows(values)
            self._size_columns(view)
        self._retitle()
        rejected = rows.rejected
        self.import_choice.setText(
            self.tr("Import all valid rows, and save the rows with problems to an Excel file")
            if rejected
            else self.tr("Import all valid rows")
        )
        self.import_choice.setEnabled(bool(rows.adds))
        (self.import_choice if rows.adds else self.nothing_choice).setChecked(True)
        if not rows.adds:
            self.status.setStyleSheet("")
            self.status.setText(
                self.tr("{name} holds no new ticket to import.").format(name=file_name)
            )
        else:
            self.status.setStyleSheet("color: #1e7b34;" if not rejected else "")
            self.status.setText(
                self.tr(
                    "{name}: {adds} new ticket(s) to add ({to_place} to be placed, {unmapped}"
                    " with a category not yet mapped), {present} already imported,"
                    " {rejected} row(s) with problems."
                ).format(
                    name=file_name,
                    adds=len(rows.adds),
                    to_place=rows.to_place,
                    unmapped=rows.unmapped,
                    present=len(rows.present),
                    rejected=rejected,
                )
            )
        first = next(
            (v for v in (self.problems, self.adds, self.present) if self.model(v).rowCount()),
            self.adds,
        )
        self.tabs.setCurrentWidget(first)

    def set_busy(self, busy: bool) -> None:
        """Lock the choice while the file is read or imported."""
        self.import_choice.setEnabled(not busy and bool(self.rows.adds))
        self.nothing_choice.setEnabled(not busy)

    def wants_import(self) -> bool:
        return self.import_choice.isChecked() and bool(self.rows.adds)

    def _size_columns(self, view: QTableView) -> None:
        # Measured on the first rows only: resizing to 20,000 rows' contents takes seconds.
        header = view.horizontalHeader()
        metrics = view.fontMetrics()
        model = self.model(view)
        sample = [model.row_values(r) for r in range(min(model.rowCount(), 200))]
        for column in range(model.columnCount() - 1):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            texts = [title] + ["" if row[column] is None else str(row[column]) for row in sample]
            width = max(metrics.horizontalAdvance(t) for t in texts) + 24
            header.resizeSection(column, min(width, 360))

    def _retitle(self) -> None:
        for view, text in (
            (self.adds, self.tr("New ({n})")),
            (self.present, self.tr("Already imported ({n})")),
            (self.duplicates, self.tr("Suspected duplicates ({n})")),
            (self.problems, self.tr("Problems ({n})")),
        ):
            n = self.model(view).rowCount()
            self.tabs.setTabText(self.tabs.indexOf(view), text.format(n=n))
