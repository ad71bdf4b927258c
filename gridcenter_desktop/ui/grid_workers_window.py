"""View → Grid workers' desk (网格员工作台): every grid worker with the chosen month's figures
(tickets reported, visits and households visited against the target, registers kept, the
grid's average time to first response), and for the selected worker their grid's "1+1+N" team
and their latest reported tickets and visits; the month's table to Excel (网格员工作情况).

Keyboard-first: the table has the focus, Up/Down walk the workers (the panels follow), Alt+M
goes to the month (Up/Down change it), Enter on a recent ticket selects it in the queue and the
detail panel, F5 reads again. The figures come from services.grid_workers in
jobs; the table is a thin model over the rows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.services.grid_workers import (
    GridTeamFigures,
    WorkerActivity,
    WorkerFigures,
    grid_team_figures,
    month_period,
    worker_activity,
    worker_figures,
)
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.month_edit import MonthEdit
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.row_table_model import RowTableModel
from gridcenter_desktop.ui.save_paths import ask_save_path
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

_BEHIND = QBrush(QColor("#b00000"))
# Below this share of the monthly target a worker's coverage is shown in red.
BEHIND_SHARE = 0.85
TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class WorkerFiguresModel(RowTableModel):
    """WorkerFigures rows as the desk shows them."""

    COLUMNS = 13

    def headers(self) -> list[str]:
        return [
            self.tr("Village"),
            self.tr("Grid"),
            self.tr("Grid worker"),
            self.tr("Type"),
            self.tr("Reported"),
            self.tr("Visits"),
            self.tr("Households"),
            self.tr("Coverage"),
            self.tr("Special groups"),
            self.tr("Rentals"),
            self.tr("Dangers found"),
            self.tr("Awaiting response"),
            self.tr("First response (h)"),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 7:
            coverage = row.coverage
            return _BEHIND if coverage is not None and coverage < BEHIND_SHARE else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        coverage = row.coverage
        hours = row.average_response_hours
        values = (
            row.village_name,
            row.grid_name,
            row.name,
            labels.member_role_label(row.role),
            str(row.tickets_reported),
            str(row.visits),
            f"{row.households_visited} / {row.visit_target}"
            if row.visit_target
            else str(row.households_visited),
            "" if coverage is None else f"{coverage:.0%}",
            str(row.special_groups),
            str(row.rentals),
            str(row.dangers_found),
            f"{row.awaiting_response} / {row.grid_tickets}",
            "" if hours is None else f"{hours:.1f}",
        )
        return values[column] if 0 <= column < self.COLUMNS else None


# -- jobs ---------------------------------------------------------------------------------------


def load_figures(job, actor, date_from: date, date_to: date) -> list[WorkerFigures]:
    return worker_figures(job.session(), actor, date_from, date_to)


def load_worker(job, actor, person_id: int, grid_id: int, date_from: date, date_to: date):
    session = job.session()
    return (
        grid_team_figures(session, actor, grid_id, date_from, date_to),
        worker_activity(session, actor, person_id),
    )


def export_figures(job, path: Path, actor, date_from: date, date_to: date, now):
    from gridcenter_desktop.reports.grid_workers import export_worker_sheet

    return export_worker_sheet(
        job.session(), path, actor, date_from, date_to, now=now, cancelled=lambda: job.cancelled
    )


class GridWorkersWindow(QDialog):
    """The grid workers' desk."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grid_workers_window")
        self.setWindowTitle(self.tr("Grid workers' desk"))
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._exporting = False
        self._build()
        remember_geometry(self, context.settings, "grid_workers", (1240, 680))
        context.bus.sig_tickets_changed.connect(self._on_tickets_changed)
        self.reload()

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        today = self._context.today()
        self.month = MonthEdit(QDate(today.year, today.month, 1), self)
        self.month.setObjectName("grid_workers_month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCurrentSection(QDateEdit.Section.MonthSection)
        self.month.dateChanged.connect(lambda _d: self.reload())
        month_label = QLabel(self.tr("&Month"), self)
        month_label.setBuddy(self.month)
        self.summary = plain(QLabel(self))
        self.summary.setObjectName("grid_workers_summary")
        top = QHBoxLayout()
        top.addWidget(month_label)
        top.addWidget(self.month)
        top.addWidget(self.summary, 1)

        self.model = WorkerFiguresModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("grid_workers_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The grid's name takes what is left; the figures keep their widths.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((80, 130, 80, 90, 70, 70, 90, 70, 70, 70, 70, 110, 130)):
            if column != 1:
                header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_worker(current.row())
        )

        self.team_box = QGroupBox(self.tr("Grid team (1+1+N)"), self)
        self.team = QListWidget(self.team_box)
        self.team.setObjectName("grid_workers_team")
        self.team_figures = plain(QLabel(self.team_box))
        self.team_figures.setWordWrap(True)
        team_layout = QVBoxLayout(self.team_box)
        team_layout.addWidget(self.team, 1)
        team_layout.addWidget(self.team_figures)

        tickets_box = QGroupBox(self.tr("Tickets reported (latest)"), self)
        self.tickets = QListWidget(tickets_box)
        self.tickets.setObjectName("grid_workers_tickets")
        self.tickets.itemActivated.connect(self._open_ticket)
        QVBoxLayout(tickets_box).addWidget(self.tickets)
        visits_box = QGroupBox(self.tr("Visits (latest)"), self)
        self.visits = QListWidget(visits_box)
        self.visits.setObjectName("grid_workers_visits")
        QVBoxLayout(visits_box).addWidget(self.visits)

        lower = QSplitter(Qt.Orientation.Horizontal, self)
        for box in (self.team_box, tickets_box, visits_box):
            lower.addWidget(box)
        lower.setSizes([300, 450, 450])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([380, 220])

        self.status = plain(QLabel(self))
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("&Export to Excel…"), self)
        self.export_button.setObjectName("grid_workers_export")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.choose_export_file)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("F5"), self, activated=self.reload)
        self.setTabOrder(self.table, self.month)
        self.table.setFocus()

    # -- rows ---------------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        """The chosen month's first and last day."""
        chosen = self.month.date()
        return month_period(chosen.year(), chosen.month())

    def set_month(self, year: int, month: int) -> None:
        self.month.setDate(QDate(year, month, 1))

    def reload(self) -> None:
        """Read the chosen month's figures (a job; a newer read supersedes)."""
        self._jobs.submit(
            load_figures,
            self._context.actor,
            *self.period(),
            on_result=self._loaded,
            on_error=lambda exc: self.status.setText(labels.error_text(exc)),
            key=f"grid-workers-{id(self)}",
        )

    def _on_tickets_changed(self, _ids: list) -> None:
        self.reload()

    def _loaded(self, rows: list[WorkerFigures]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        reported = sum(r.tickets_reported for r in rows)
        households = sum(r.households_visited for r in rows)
        self.summary.setText(
            self.tr(
                "{n} grid workers · {reported} tickets reported · {households} households visited"
            ).format(n=len(rows), reported=reported, households=households)
        )
        again = next(
            (
                n
                for n, r in enumerate(rows)
                if selected and (r.person_id, r.grid_id) == (selected.person_id, selected.grid_id)
            ),
            0,
        )
        if rows:
            self.table.selectRow(again)
        else:
            self._clear_panels()

    def selected(self) -> WorkerFigures | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _clear_panels(self) -> None:
        for widget in (self.team, self.tickets, self.visits):
            widget.clear()
        self.team_figures.clear()

    def _on_worker(self, row: int) -> None:
        worker = self.model.row_at(row)
        if worker is None:
            self._clear_panels()
            return
        self._jobs.submit(
            load_worker,
            self._context.actor,
            worker.person_id,
            worker.grid_id,
            *self.period(),
            on_result=self._show_worker,
            on_error=lambda exc: self.status.setText(labels.error_text(exc)),
            key=f"grid-workers-one-{id(self)}",
        )

    def _show_worker(self, result: tuple[GridTeamFigures, WorkerActivity]) -> None:
        team, activity = result
        self.team_box.setTitle(self.tr("Grid team (1+1+N): {grid}").format(grid=team.grid_name))
        self.team.clear()
        party = self.tr("party member")
        for member in team.team:
            text = f"{labels.member_role_label(member.role)}　{member.name}"
            self.team.addItem(f"{text}　({party})" if member.party_member else text)
        hours = team.average_response_hours
        self.team_figures.setText(
            self.tr(
                "This month: {n} tickets in the grid, {r} answered, average first response {h}"
            ).format(
                n=team.grid_tickets,
                r=team.responded,
                h="—" if hours is None else self.tr("{h:.1f} h").format(h=hours),
            )
        )
        self.tickets.clear()
        for t in activity.tickets:
            item = QListWidgetItem(
                f"{t.created_at:%Y-%m-%d}　{t.code}　{labels.status_label(t.status)}　{t.title}"
            )
            item.setData(TICKET_ID_ROLE, t.id)
            self.tickets.addItem(item)
        if not activity.tickets:
            self.tickets.addItem(self.tr("(none)"))
        self.visits.clear()
        problem = self.tr("problem")
        for v in activity.visits:
            mark = f"　[{problem}]" if v.problem else ""
            self.visits.addItem(f"{v.visited_on:%Y-%m-%d}　{v.address}{mark}　{v.findings}")
        if not activity.visits:
            self.visits.addItem(self.tr("(none)"))

    def _open_ticket(self, item: QListWidgetItem) -> None:
        ticket_id = item.data(TICKET_ID_ROLE)
        if ticket_id is not None:
            self._context.bus.sig_ticket_selected.emit(ticket_id)

    # -- export -------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        date_from, _date_to = self.period()
        path = ask_save_path(
            self,
            self._context.settings,
            self.tr("Export the grid workers' figures"),
            f"网格员工作情况_{date_from:%Y%m}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the chosen month's figures to ``path`` in a background job."""
        if self._exporting:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self._exporting = True
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        self._jobs.submit(
            export_figures,
            path,
            self._context.actor,
            *self.period(),
            self._context.now(),
            on_result=lambda result: self._export_done(
                self.tr("Exported {n} grid workers to {path}").format(
                    n=result.rows, path=str(result.path)
                )
            ),
            on_error=lambda exc: self._export_done(labels.error_text(exc)),
        )

    def is_exporting(self) -> bool:
        return self._exporting

    def _export_done(self, text: str) -> None:
        self._exporting = False
        self.export_button.setEnabled(True)
        self.status.setText(text)


def open_grid_workers(window) -> GridWorkersWindow:
    """View → Grid workers' desk."""
    dialog = GridWorkersWindow(window.context, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
