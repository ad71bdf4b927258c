"""Grid work → Video channels (视频通道): the registry's list with each channel's status and
since when, a search box, a status filter and "offline for a day"; "open" plays the selected
channel's stream (ui/video_player.py); the keepers mark a channel online, offline or faulty and
import the list from a sheet (services/video_channel_import.py: problems named by row, all or
nothing).

Rows come from services.video_channels in a job (a few hundred: the filter runs in SQL anyway).
Keyboard: the search box has focus first; Down goes to the list; Enter opens the stream.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import ChannelStatus
from gridcenter_desktop.core.permissions import may_keep_registers
from gridcenter_desktop.services.video_channels import ChannelFilter, ChannelRow
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.error_labels import rule_text
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.row_table_model import RowTableModel
from gridcenter_desktop.ui.video_channel_dialog import ChannelDialog
from gridcenter_desktop.ui.video_player import open_stream
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

_DOWN = QBrush(QColor("#b00000"))
_FAULT = QBrush(QColor("#a05a00"))
_PROBLEMS_SHOWN = 30


class ChannelTableModel(RowTableModel):
    """Channel rows as the window lists them."""

    COLUMNS = 6

    def headers(self) -> list[str]:
        return [
            self.tr("Channel number"),
            self.tr("Name"),
            self.tr("Grid"),
            self.tr("Status"),
            self.tr("Since"),
            self.tr("Owner unit"),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            if row.status is ChannelStatus.OFFLINE:
                return _DOWN
            if row.status is ChannelStatus.FAULT:
                return _FAULT
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.stream_url or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        grid = " / ".join(n for n in (row.village_name, row.grid_name) if n)
        values = (
            row.number,
            row.name,
            grid,
            labels.channel_status_label(row.status),
            f"{row.status_since:%Y-%m-%d %H:%M}",
            row.owner_unit,
        )
        return values[index.column()] if 0 <= index.column() < self.COLUMNS else None


def load_channels(job, filters: ChannelFilter, now) -> list[ChannelRow]:
    from gridcenter_desktop.services.video_channels import search_channels

    return search_channels(job.session(), filters, now=now)


def import_sheet(job, path: Path, crs: str, actor, now, write: bool):
    """Read and check the sheet; write it when ``write`` and it has no problems. Returns
    (problems, result or None)."""
    from gridcenter_desktop.services.video_channel_import import (
        check_channel_sheet,
        import_channels,
        read_channel_sheet,
    )

    session = job.session()
    sheet = read_channel_sheet(path, crs=crs)
    _forms, problems = check_channel_sheet(session, sheet)
    if problems or not write:
        return problems, None
    return [], import_channels(session, actor, sheet, now)


def change_status(job, actor, channel_id: int, status: ChannelStatus, now) -> bool:
    from gridcenter_desktop.services.video_channels import set_channel_status

    return set_channel_status(job.session(), actor, channel_id, status, now)


class VideoChannelsWindow(QDialog):
    """The video channels' window."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("video_channels_window")
        self.setWindowTitle(self.tr("Video channels"))
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._build()
        remember_geometry(self, context.settings, "video_channels", (1000, 560))
        self.reload()

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("video_channels_search")
        self.search.setPlaceholderText(self.tr("Number, name or owner unit"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.reload())
        find = QLabel(self.tr("&Find"), self)
        find.setBuddy(self.search)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("video_channels_status")
        self.status_filter.addItem(self.tr("Any status"), None)
        for value, text in labels.channel_status_choices():
            self.status_filter.addItem(text, value)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.offline_only = QCheckBox(self.tr("Offline for a day or &longer"), self)
        self.offline_only.setObjectName("video_channels_offline")
        self.offline_only.toggled.connect(lambda _on: self.reload())
        filters = QHBoxLayout()
        filters.addWidget(find)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.offline_only)

        self.model = ChannelTableModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("video_channels_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((170, 250, 190, 60, 120)):
            header.resizeSection(column, width)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.search.returnPressed.connect(self.table.setFocus)

        self.count = QLabel(self)
        self.count.setObjectName("video_channels_count")
        self.message = plain(QLabel(self))
        self.message.setObjectName("video_channels_message")
        self.message.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open stream"), self)
        self.open_button.setObjectName("video_channels_open")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_selected)
        keeper = may_keep_registers(self._context.actor.role)
        self.status_button = QPushButton(self.tr("Mark &as"), self)
        self.status_button.setObjectName("video_channels_mark")
        self.status_button.setAutoDefault(False)
        menu = QMenu(self.status_button)
        for value, text in labels.channel_status_choices():
            menu.addAction(text, lambda v=value: self.mark_selected(ChannelStatus(v)))
        self.status_button.setMenu(menu)
        self.status_button.setVisible(keeper)
        self._context.write_gate.gate(self.status_button)
        self.add_button = QPushButton(self.tr("A&dd…"), self)
        self.add_button.setObjectName("video_channels_add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.edit_channel(None))
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.setObjectName("video_channels_edit")
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(lambda: self.edit_channel(self.selected()))
        for button in (self.add_button, self.edit_button):
            button.setVisible(keeper)
            self._context.write_gate.gate(button)
        self.crs = QComboBox(self)
        self.crs.setObjectName("video_channels_crs")
        self.crs.addItem(self.tr("WGS-84 (GPS)"), "wgs84")
        self.crs.addItem(self.tr("GCJ-02 (Chinese map services)"), "gcj02")
        self.crs.setToolTip(self.tr("The coordinates' system where the sheet does not say"))
        self.crs.setVisible(keeper)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.setObjectName("video_channels_import")
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.choose_import_file)
        self.import_button.setVisible(keeper)
        self._context.write_gate.gate(self.import_button)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.status_button)
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.crs)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("F5"), self, activated=self.reload)
        self.search.setFocus()

    # -- rows ---------------------------------------------------------------------------------

    def filters(self) -> ChannelFilter:
        return ChannelFilter(
            text=self.search.text(),
            status=self.status_filter.currentData(),
            offline_only=self.offline_only.isChecked(),
        )

    def reload(self) -> None:
        """Read the channels matching the filters (a job; a newer read supersedes)."""
        self._jobs.submit(
            load_channels,
            self.filters(),
            self._context.now(),
            on_result=self._loaded,
            on_error=lambda exc: self.message.setText(labels.error_text(exc)),
            key=f"video-channels-{id(self)}",
        )

    def _loaded(self, rows: list[ChannelRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        self.count.setText(self.tr("{n} channels").format(n=len(rows)))
        again = next((n for n, r in enumerate(rows) if selected and r.id == selected.id), 0)
        if rows:
            self.table.selectRow(again)

    def selected(self) -> ChannelRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # -- actions ------------------------------------------------------------------------------

    def open_selected(self) -> str:
        """Play the selected channel's stream; how it was opened ("" for not at all)."""
        row = self.selected()
        if row is None:
            return ""
        return open_channel(self, row, self._context.settings.qsettings)

    def edit_channel(self, row: ChannelRow | None) -> ChannelDialog:
        """Add a channel (``row`` None) or edit ``row`` in a dialog; the list is read again
        after a save."""
        dialog = ChannelDialog(self._context, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def mark_selected(self, status: ChannelStatus) -> None:
        row = self.selected()
        if row is None:
            return
        self._jobs.submit(
            change_status,
            self._context.actor,
            row.id,
            status,
            self._context.now(),
            on_result=lambda _changed: self.reload(),
            on_error=lambda exc: self.message.setText(labels.error_text(exc)),
        )

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import video channels"),
            str(Path.home()),
            self.tr("Sheets (*.xlsx *.csv)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path, *, write: bool = True) -> None:
        """Check ``path`` and, when it has no problems, import it (a job)."""
        self.import_button.setEnabled(False)
        self.message.setText(self.tr("Importing…"))
        self._jobs.submit(
            import_sheet,
            path,
            self.crs.currentData(),
            self._context.actor,
            self._context.now(),
            write,
            on_result=self._imported,
            on_error=self._import_failed,
        )

    def _imported(self, outcome) -> None:
        self.import_button.setEnabled(True)
        problems, result = outcome
        if problems:
            lines = [problem_text(p) for p in problems[:_PROBLEMS_SHOWN]]
            if len(problems) > _PROBLEMS_SHOWN:
                lines.append(self.tr("… and {n} more").format(n=len(problems) - _PROBLEMS_SHOWN))
            text = self.tr("Nothing was imported: {n} problems in the sheet.").format(
                n=len(problems)
            )
            self.message.setText(text)
            box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), text, parent=self)
            box.setObjectName("video_channels_problems")
            box.setInformativeText("\n".join(lines))
            box.open()
            return
        if result is not None:
            self.message.setText(
                self.tr(
                    "Imported: {added} added, {updated} updated, {unchanged} unchanged."
                ).format(added=result.added, updated=result.updated, unchanged=result.unchanged)
            )
        self.reload()

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.message.setText(labels.error_text(exc))


def problem_text(problem) -> str:
    """ "Row 5, 经度 (C): is not valid" for a sheet problem."""
    if problem.rule == "missing_column":
        what = QCoreApplication.translate("VideoChannels", "column is missing")
    else:
        what = rule_text(problem.rule) or problem.rule
    where = problem.header + (f" ({problem.column})" if problem.column else "")
    return QCoreApplication.translate("VideoChannels", "Row {row}, {where}: {what}").format(
        row=problem.row, where=where, what=what
    )


def open_channel(parent: QWidget | None, row: ChannelRow, settings=None) -> str:
    """Play ``row``'s stream (the window's Open and the detail panel's button)."""
    if not row.stream_url:
        QMessageBox.information(
            parent,
            row.name,
            QCoreApplication.translate("VideoChannels", "This channel has no stream address."),
        )
        return ""
    how = open_stream(parent, f"{row.name} ({row.number})", row.stream_url, settings)
    if not how:
        # Nothing on this computer plays the address: say so, and put it on the clipboard so
        # it can be pasted into whatever player the operator has.
        QGuiApplication.clipboard().setText(row.stream_url)
        QMessageBox.information(
            parent,
            row.name,
            QCoreApplication.translate(
                "VideoChannels",
                "No player on this computer opens {url}. The address is on the clipboard;"
                " a player command can be set in GRIDCENTER_VIDEO_PLAYER (e.g. vlc).",
            ).format(url=row.stream_url),
        )
    return how


def open_video_channels(window) -> VideoChannelsWindow:
    """Grid work → Video channels."""
    dialog = VideoChannelsWindow(window.context, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
