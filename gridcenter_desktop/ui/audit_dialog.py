"""Administration → Audit log (审计日志): who signed in, exported, looked at personal data and
changed the administration, filtered by user, action, period and ticket, exported to Excel.

For administrators and supervisors (the menu is hidden for others; the service refuses them
anyway). Rows come in keyset pages from services.audit, newest first, as the table scrolls; the
export runs in a background job with progress and writes its file all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.services.audit import AuditFilter, AuditRow, audit_count, audit_page
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.save_paths import ask_save_path

PAGE_SIZE = 200
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Fetch = Callable[[int | None, int], list[AuditRow]]
_ANY = QModelIndex()


def _detail_text(row: AuditRow) -> str:
    return "；".join(f"{key}: {value}" for key, value in sorted(row.detail.items()))


class AuditLogModel(QAbstractTableModel):
    """Audit rows, fetched a keyset page at a time as the view scrolls (``fetch(before_id,
    limit)`` returns the next older rows)."""

    def __init__(self, fetch: Fetch | None = None, parent=None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._fetch = fetch
        self._rows: list[AuditRow] = []
        self._exhausted = fetch is None
        self._page_size = page_size

    def headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("User"),
            self.tr("Workstation"),
            self.tr("Action"),
            self.tr("Ticket"),
            self.tr("Object"),
            self.tr("Details"),
        ]

    def reset(self, fetch: Fetch | None) -> None:
        """Show the rows of another filter, from the newest."""
        self.beginResetModel()
        self._fetch = fetch
        self._rows = []
        self._exhausted = fetch is None
        self.endResetModel()

    def rows(self) -> list[AuditRow]:
        return list(self._rows)

    def rowCount(self, parent=_ANY) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ANY) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 7

    def canFetchMore(self, parent=_ANY) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=_ANY) -> None:  # noqa: N802 - Qt override
        if parent.isValid() or self._exhausted or self._fetch is None:
            return
        before = self._rows[-1].id if self._rows else None
        page = self._fetch(before, self._page_size)
        if len(page) < self._page_size:
            self._exhausted = True
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 7
        ):
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ID_ROLE:
            return row.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return f"{row.at:%Y-%m-%d %H:%M:%S}"
        if column == 1:
            return f"{row.login}（{row.user_name}）" if row.user_name else row.login
        if column == 2:
            return row.workstation
        if column == 3:
            return labels.audit_action_label(row.action)
        if column == 4:
            return row.ticket_code or ""
        if column == 5:
            return row.target
        if column == 6:
            return _detail_text(row)
        return None


def _export_job(job, path: Path, actor, flt: AuditFilter, description: str, now):
    from gridcenter_desktop.reports.audit_log import export_audit_log

    return export_audit_log(
        job.session(),
        path,
        actor,
        flt,
        description=description,
        now=now,
        progress=job.progress,
        cancelled=lambda: job.cancelled,
    )


class AuditLogDialog(QDialog):
    """Filter, read and export the audit trail."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_log_dialog")
        self.setWindowTitle(self.tr("Audit log"))
        self._context = context
        self._filter = AuditFilter()
        self._job = None
        self._build()
        remember_geometry(self, context.settings, "audit_log", (1100, 640))
        self.apply_filter()

    def _build(self) -> None:
        today = self._context.today()
        self.user = QComboBox(self)
        self.user.addItem(self.tr("All users"), None)
        from gridcenter_desktop.services.users import login_users

        with self._context.session_factory() as session:
            for user in login_users(session):
                self.user.addItem(f"{user.display_name}（{user.login}）", user.id)
        self.action = QComboBox(self)
        self.action.addItem(self.tr("All actions"), None)
        for code, text in labels.audit_action_choices():
            self.action.addItem(text, code)
        self.use_period = QCheckBox(self.tr("Period"), self)
        self.date_from = QDateEdit(today - timedelta(days=30), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.use_period.toggled.connect(self.date_from.setEnabled)
        self.use_period.toggled.connect(self.date_to.setEnabled)
        self.ticket = QLineEdit(self)
        self.ticket.setPlaceholderText(self.tr("ticket code, e.g. GC20220301-0042"))
        self.search = QPushButton(self.tr("Search"), self)
        self.search.setDefault(True)
        self.search.clicked.connect(self.apply_filter)

        filters = QHBoxLayout()
        for widget in (
            QLabel(self.tr("User"), self),
            self.user,
            QLabel(self.tr("Action"), self),
            self.action,
            self.use_period,
            self.date_from,
            QLabel("—", self),
            self.date_to,
            QLabel(self.tr("Ticket"), self),
            self.ticket,
            self.search,
        ):
            filters.addWidget(widget)

        self.model = AuditLogModel(parent=self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("audit_log_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.count = QLabel(self)
        self.count.setObjectName("audit_log_count")
        self.status = plain(QLabel(self))
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.clicked.connect(self.choose_export_file)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)

        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # -- the filter ---------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter | None:
        """The filter the fields describe; None (with the reason shown) when the ticket code
        is unknown."""
        date_from = date_to = None
        if self.use_period.isChecked():
            date_from = self.date_from.date().toPython()
            date_to = self.date_to.date().toPython()
        ticket_id = None
        code = self.ticket.text().strip()
        if code:
            from gridcenter_desktop.reports.notice import find_ticket_id
            from gridcenter_desktop.services.errors import ServiceError

            try:
                with self._context.session_factory() as session:
                    ticket_id = find_ticket_id(session, code)
            except ServiceError as exc:
                self.status.setText(labels.error_text(exc))
                return None
        return AuditFilter(
            user_id=self.user.currentData(),
            action=self.action.currentData(),
            date_from=date_from,
            date_to=date_to,
            ticket_id=ticket_id,
        )

    def apply_filter(self) -> None:
        """Search: count the rows of the filter and show its newest page."""
        from gridcenter_desktop.services.errors import ServiceError

        flt = self.current_filter()
        if flt is None:
            return
        try:
            with self._context.session_factory() as session:
                total = audit_count(session, self._context.actor, flt)
        except ServiceError as exc:
            self.status.setText(labels.error_text(exc))
            self.model.reset(None)
            return
        self.status.clear()
        self._filter = flt
        self.count.setText(self.tr("{n} rows").format(n=f"{total:,}"))
        self.model.reset(self._fetcher(flt))
        if self.model.canFetchMore():
            self.model.fetchMore()

    def _fetcher(self, flt: AuditFilter) -> Fetch:
        factory, actor = self._context.session_factory, self._context.actor

        def fetch(before_id: int | None, limit: int) -> list[AuditRow]:
            with factory() as session:
                return audit_page(session, actor, flt, before_id=before_id, limit=limit)

        return fetch

    def _description(self) -> str:
        parts = []
        if self.user.currentData() is not None:
            parts.append(self.user.currentText())
        if self.action.currentData() is not None:
            parts.append(self.action.currentText())
        if self._filter.date_from:
            parts.append(f"{self._filter.date_from:%Y-%m-%d} — {self._filter.date_to:%Y-%m-%d}")
        if self._filter.ticket_id is not None:
            parts.append(self.ticket.text().strip())
        return "；".join(parts) if parts else "全部记录"

    # -- export -------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        """Export…: ask where, then write the filter's rows."""
        path = ask_save_path(
            self,
            self._context.settings,
            self.tr("Export audit log"),
            f"审计日志_{self._context.today():%Y%m%d}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the current filter's rows to ``path`` in a background job."""
        if self._job is not None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Exporting…"))
        self._job = self._context.jobs.submit(
            _export_job,
            path,
            self._context.actor,
            self._filter,
            self._description(),
            self._context.now(),
            on_result=self._exported,
            on_error=self._export_failed,
            on_progress=self._on_progress,
        )

    def is_exporting(self) -> bool:
        return self._job is not None

    def _on_progress(self, done: int, total: int, _stage: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _finished(self) -> None:
        self._job = None
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)

    def _exported(self, result) -> None:
        self._finished()
        self.status.setText(
            self.tr("Exported {n} rows to {path}").format(n=result.rows, path=result.path)
        )

    def _export_failed(self, exc: BaseException) -> None:
        self._finished()
        self.status.setText(labels.error_text(exc))

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._context.jobs.wait_idle(5000)
        super().reject()


def open_audit_log(window) -> AuditLogDialog:
    """Administration → Audit log."""
    dialog = AuditLogDialog(window.context, window)
    dialog.open()
    return dialog
