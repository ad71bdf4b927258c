"""View → Rectification notice register (整改通知书台账): every notice with its ticket, party,
dates and status; filtered to those due for a check-back or those checked; exported to Excel;
复查 on the selected row opens the check-back dialog of its ticket.

The rows come from services.notices in a job (the filter runs in SQL); the table is a thin
model over them, refreshed when tickets change (a notice issued or checked at any desk).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import EventAction
from gridcenter_desktop.services.notices import NoticeRow
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.notice_labels import notice_status_label
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.row_table_model import RowTableModel
from gridcenter_desktop.ui.save_paths import ask_save_path
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_OVERDUE = QBrush(QColor("#b00000"))


class NoticeRegisterModel(RowTableModel):
    """Notice rows as the register shows them."""

    COLUMNS = 7

    def headers(self) -> list[str]:
        return [
            self.tr("Number"),
            self.tr("Ticket"),
            self.tr("Party"),
            self.tr("Issued"),
            self.tr("Rectify by"),
            self.tr("Status"),
            self.tr("Days overdue"),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return _OVERDUE if row.due else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = (
            row.number,
            row.ticket_code,
            row.party,
            f"{row.issued_on:%Y-%m-%d}",
            f"{row.deadline:%Y-%m-%d}",
            notice_status_label(row.status),
            str(row.days_overdue) if row.days_overdue else "",
        )
        return values[index.column()] if 0 <= index.column() < self.COLUMNS else None


def load_register(job, actor, scope: str, now) -> list[NoticeRow]:
    from gridcenter_desktop.reports.notice_register import register_filter
    from gridcenter_desktop.services.notices import notice_register

    return notice_register(job.session(), actor, now=now, **register_filter(scope))


def export_register(job, path: Path, actor, scope: str, now):
    from gridcenter_desktop.reports.notice_register import export_notice_register

    return export_notice_register(
        job.session(), path, actor, scope=scope, now=now, cancelled=lambda: job.cancelled
    )


def export_document(job, path: Path, actor, notice_id: int, now):
    from gridcenter_desktop.reports.notice_register import export_notice_document

    return export_notice_document(
        job.session(), path, actor, notice_id, now=now, cancelled=lambda: job.cancelled
    )


class NoticeRegisterDialog(QDialog):
    """The notice register window."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, scope: str = "all"
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notice_register_dialog")
        self.setWindowTitle(self.tr("Rectification notice register"))
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._exporting = False
        self._build(scope)
        remember_geometry(self, context.settings, "notice_register", (1000, 560))
        # A bound method: the connection ends with the window (a lambda's would outlive it).
        context.bus.sig_tickets_changed.connect(self._on_tickets_changed)
        self.reload()

    def _build(self, scope: str) -> None:
        self.scope = QComboBox(self)
        self.scope.setObjectName("notice_register_scope")
        self.scope.addItem(self.tr("All notices"), "all")
        self.scope.addItem(self.tr("Due for check-back"), "due")
        self.scope.addItem(self.tr("Checked back"), "checked")
        self.scope.setCurrentIndex(max(self.scope.findData(scope), 0))
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        show = QLabel(self.tr("&Show"), self)
        show.setBuddy(self.scope)
        filters = QHBoxLayout()
        filters.addWidget(show)
        filters.addWidget(self.scope)
        filters.addStretch(1)

        self.model = NoticeRegisterModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("notice_register_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((190, 150, 200, 90, 90, 150)):
            header.resizeSection(column, width)
        self.table.activated.connect(lambda _index: self.check_selected())

        self.count = QLabel(self)
        self.count.setObjectName("notice_register_count")
        self.status = plain(QLabel(self))
        self.status.setWordWrap(True)
        self.check_button = QPushButton(self.tr("&Check back…"), self)
        self.check_button.setObjectName("notice_register_check")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check_selected)
        self._context.write_gate.gate(self.check_button)
        self.document_button = QPushButton(self.tr("&Notice document…"), self)
        self.document_button.setObjectName("notice_register_document")
        self.document_button.setAutoDefault(False)
        self.document_button.clicked.connect(self.choose_document_file)
        self.print_button = QPushButton(self.tr("&Print notice…"), self)
        self.print_button.setObjectName("notice_register_print")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_selected)
        self.export_button = QPushButton(self.tr("&Export to Excel…"), self)
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.choose_export_file)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.check_button)
        bottom.addWidget(self.document_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        # Enter on a row checks it back (activated); F5 reads the register again.
        QShortcut(QKeySequence("F5"), self, activated=self.reload)
        self.table.setFocus()

    # -- rows ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the register of the chosen scope (a job; a newer read supersedes)."""
        self._jobs.submit(
            load_register,
            self._context.actor,
            self.scope.currentData(),
            self._context.now(),
            on_result=self._loaded,
            on_error=lambda exc: self.status.setText(labels.error_text(exc)),
            key=f"notice-register-{id(self)}",
        )

    def _on_tickets_changed(self, _ids: list) -> None:
        self.reload()

    def _loaded(self, rows: list[NoticeRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        self.count.setText(self.tr("{n} notices").format(n=len(rows)))
        again = next((n for n, r in enumerate(rows) if selected and r.id == selected.id), 0)
        if rows:
            self.table.selectRow(again)

    def selected(self) -> NoticeRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def check_selected(self) -> None:
        """复查: the check-back dialog of the selected notice's ticket."""
        row = self.selected()
        if row is None or not self.check_button.isEnabled():
            return
        from gridcenter_desktop.ui.notice_dialogs import run_record_action

        run_record_action(self._context, self, EventAction.NOTICE_CHECK, row.ticket_id, row.id)

    # -- export -------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        path = ask_save_path(
            self,
            self._context.settings,
            self.tr("Export the notice register"),
            f"整改通知书台账_{self._context.today():%Y%m%d}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(Path(path))

    def choose_document_file(self) -> None:
        """The printable notice of the selected row (责令整改通知书, one A4 page)."""
        row = self.selected()
        if row is None:
            return
        path = ask_save_path(
            self,
            self._context.settings,
            self.tr("Save the notice document"),
            f"责令整改通知书_{row.ticket_code}_{row.id}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.document_to(Path(path), row.id)

    def print_selected(self) -> None:
        """The print preview of the selected notice (ui/print_commands.py)."""
        row = self.selected()
        commands = getattr(self.parent(), "print_commands", None)
        if row is not None and commands is not None:
            commands.print_notice(row.ticket_id, row.id)

    def document_to(self, path: Path, notice_id: int) -> None:
        """Write notice ``notice_id``'s document to ``path`` in a background job."""
        if self._exporting:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self._start_export()
        self._jobs.submit(
            export_document,
            path,
            self._context.actor,
            notice_id,
            self._context.now(),
            on_result=lambda result: self._export_done(
                self.tr("Notice {number} saved as {path}").format(
                    number=result.number, path=str(result.path)
                )
            ),
            on_error=self._export_failed,
        )

    def _start_export(self) -> None:
        self._exporting = True
        self.export_button.setEnabled(False)
        self.document_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))

    def _export_done(self, text: str) -> None:
        self._exporting = False
        self.export_button.setEnabled(True)
        self.document_button.setEnabled(True)
        self.status.setText(text)

    def export_to(self, path: Path) -> None:
        """Write the chosen scope's notices to ``path`` in a background job."""
        if self._exporting:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self._start_export()
        self._jobs.submit(
            export_register,
            path,
            self._context.actor,
            self.scope.currentData(),
            self._context.now(),
            on_result=self._exported,
            on_error=self._export_failed,
        )

    def is_exporting(self) -> bool:
        return self._exporting

    def _exported(self, result) -> None:
        self._export_done(
            self.tr("Exported {n} notices to {path}").format(n=result.rows, path=str(result.path))
        )

    def _export_failed(self, exc: BaseException) -> None:
        self._export_done(labels.error_text(exc))


def open_notice_register(window, scope: str = "all") -> NoticeRegisterDialog:
    """View → Rectification notice register, showing ``scope`` ("all", "due", "checked")."""
    dialog = NoticeRegisterDialog(window.context, window, scope)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
