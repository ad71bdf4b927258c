"""The grid tree dock: town → village/community → grid with open and overdue counts, a filter
box that understands pinyin initials, and the selected grid's 1+1+N team.

Selecting a node asks the queue to show that subtree (bus.sig_filter_requested({"area_id": id})).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.services.areas import area_tree
from gridcenter_desktop.services.grid_team import grid_team
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.grid_tree_model import (
    AREA_ID_ROLE,
    COL_NAME,
    COL_OPEN,
    COL_OVERDUE,
    AreaFilterProxy,
    GridTeamModel,
    GridTreeModel,
    keys_for_tree,
)
from gridcenter_desktop.ui.labels import area_level_label
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

# Many tickets change at once after a bulk action: one reload for the burst.
RELOAD_DELAY_MS = 400
# A click this soon after the selection changed is the click that changed it.
RECLICK_S = 0.3


def _load_tree(job, now):
    with job.session() as session:
        roots = area_tree(session, now)
    job.check_cancelled()
    return roots, keys_for_tree(roots)


def _load_team(job, grid_id):
    with job.session() as session:
        return grid_team(session, grid_id)


class GridTreeDock(QWidget):
    """Area tree with counts, pinyin filter and the selected grid's team."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self.model = GridTreeModel(self)
        self.proxy = AreaFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.team_model = GridTeamModel(self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("grid_tree.filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter: name or pinyin initials, e.g. yl"))
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.tree = QTreeView(self)
        self.tree.setObjectName("grid_tree.tree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_OPEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_OVERDUE, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tree.clicked.connect(self._clicked)
        self._selection_changed_at = 0.0

        self.team_title = plain(QLabel(self.tr("Select a grid to see its 1+1+N team."), self))
        self.team_title.setObjectName("grid_tree.team_title")
        self.team_title.setWordWrap(True)
        self.team_view = QTableView(self)
        self.team_view.setObjectName("grid_tree.team")
        self.team_view.setModel(self.team_model)
        self.team_view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.team_view.verticalHeader().hide()
        self.team_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.team_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.team_view.horizontalHeader().setStretchLastSection(True)

        team_box = QWidget(self)
        team_layout = QVBoxLayout(team_box)
        team_layout.setContentsMargins(0, 0, 0, 0)
        team_layout.addWidget(self.team_title)
        team_layout.addWidget(self.team_view)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(team_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.filter_edit)
        box.addWidget(splitter, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        context.bus.sig_tickets_changed.connect(lambda _ids: self._reload_timer.start())
        # The map chose a grid: select it here too, without asking the queue again.
        self._following = False
        context.bus.sig_area_selected.connect(self._follow_area)
        self._first_load = True
        # Behind the start-up jobs: the first load imports pypinyin's dictionaries.
        context.jobs.when_idle(self.reload, max_wait_ms=800, owner=self)

    # -- data ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the tree and its counts again (in the background)."""
        self._jobs.submit(
            _load_tree, self._context.now(), on_result=self._tree_loaded, key="grid_tree.load"
        )

    def _tree_loaded(self, result) -> None:
        roots, keys = result
        self.model.set_tree(roots, keys)
        if self._first_load:
            self._first_load = False
            # Town and villages open, grids listed: the whole town fits in the dock.
            for row in range(self.proxy.rowCount()):
                self.tree.expand(self.proxy.index(row, 0))

    # -- gestures ------------------------------------------------------------------------------

    def _apply_filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        if text.strip():
            self.tree.expandAll()

    def select_area(self, area_id: int) -> bool:
        """Select the node of ``area_id`` (as a click would); False when it is not shown."""
        source = self.model.index_of(area_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _follow_area(self, area_id: int) -> None:
        current = self.tree.currentIndex()
        if current.isValid() and self.proxy.mapToSource(current).data(AREA_ID_ROLE) == area_id:
            return  # the tree's own choice coming back
        self._following = True
        try:
            self.select_area(area_id)
        finally:
            self._following = False

    def _clicked(self, index) -> None:
        # A click on the node already selected (say, after the operator cleared the queue's
        # area filter) asks again; a click that changed the selection has already asked.
        if time.monotonic() - self._selection_changed_at > RECLICK_S:
            self._request(self.proxy.mapToSource(index))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        self._selection_changed_at = time.monotonic()
        self._request(self.proxy.mapToSource(indexes[0]))

    def _request(self, source) -> None:
        node = self.model.node(source)
        if node is None:
            return
        area_id = int(source.data(AREA_ID_ROLE))
        if not self._following:
            self._context.bus.sig_filter_requested.emit({"area_id": area_id})
            self._context.bus.sig_area_selected.emit(area_id)
        if node.level == AreaLevel.GRID:
            self.team_title.setText(self.tr("{name}: the 1+1+N team").format(name=node.name))
            self._jobs.submit(
                _load_team, node.id, on_result=self.team_model.set_members, key="grid_tree.team"
            )
        else:
            self.team_title.setText(
                self.tr("{level} {name}: select one of its grids to see the team.").format(
                    level=area_level_label(node.level), name=node.name
                )
            )
            self.team_model.set_members([])
