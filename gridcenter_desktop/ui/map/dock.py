"""MapDock: the map view with its toolbar and legend, fed by services/map_points.py in
background jobs, and wired to the event bus:

- the queue's filter (sig_queue_filter_changed) decides which tickets are points;
- a click on a grid asks the queue for that grid (sig_filter_requested({"area_id"}) and
  sig_area_selected); the grid tree's sig_area_selected pans the map there;
- a rectangle asks the queue for the tickets inside it (sig_filter_requested({"bbox"}));
- sig_ticket_selected highlights and centres the ticket;
- sig_location_wanted switches to "pick a place", answered with sig_location_picked.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import OPEN_STATUSES, EventAction
from gridcenter_desktop.core.permissions import may
from gridcenter_desktop.services import map_points
from gridcenter_desktop.services.queue import QueueFilter
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.map.layers import CLASS_COLOURS, STATE_COLOURS, Z_TILES
from gridcenter_desktop.ui.map.tiles import tile_layer_for
from gridcenter_desktop.ui.map.view import MODE_PAN, MODE_PICK, MODE_SELECT, MapView
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

RELOAD_DELAY_MS = 600


# The pick owner meaning "the ticket selected on the desk" (the toolbar's 定位所选工单).
SELECTED_TICKET = object()


def _load_grids(job, now: datetime):
    return map_points.grid_shapes(job.session(), now)


def _load_points(job, flt: QueueFilter, now: datetime):
    return map_points.ticket_points(job.session(), flt, now)


def _load_channels(job):
    return map_points.video_channels(job.session())


class MapDock(QWidget):
    """The "地图" dock's widget."""

    sig_points_loaded = Signal(int)
    """sig_points_loaded(count): the ticket points of the current filter are on the map."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map_dock")
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._filter = QueueFilter(statuses=frozenset(OPEN_STATUSES))
        self._following = False  # a bus signal the map itself sent is coming back
        self._pick_owner: object | None = None
        self._current_ticket: int | None = None
        self.view = MapView(self)
        # The town's intranet tile server under the grids, when one is set (Administration →
        # grid work settings); without it the polygons lie on a plain ground.
        tiles = tile_layer_for(context)
        if tiles is not None:
            self.view.add_layer(tiles, Z_TILES)

        bar = QToolBar(self)
        bar.setObjectName("map_toolbar")
        self.fit_action = QAction(self.tr("Whole town"), self)
        self.fit_action.setToolTip(self.tr("Show the whole town (Home)"))
        self.fit_action.triggered.connect(self.view.fit_town)
        bar.addAction(self.fit_action)
        self.select_action = QAction(self.tr("Select a rectangle"), self)
        self.select_action.setCheckable(True)
        self.select_action.setToolTip(
            self.tr("Drag a rectangle to list its tickets in the queue (or Shift+drag)")
        )
        self.select_action.toggled.connect(
            lambda on: self.view.set_mode(MODE_SELECT if on else MODE_PAN)
        )
        bar.addAction(self.select_action)
        self.channels_action = QAction(self.tr("Video channels"), self)
        self.channels_action.setCheckable(True)
        # Off at first: 313 camera marks would bury the tickets; one click shows them.
        self.channels_action.setChecked(False)
        self.view.show_channels(False)
        self.channels_action.toggled.connect(self.view.show_channels)
        bar.addAction(self.channels_action)
        # 地图定位 of the selected ticket right here: the next click on the map is its place.
        self.locate_action = QAction(self.tr("Place the selected ticket"), self)
        self.locate_action.setToolTip(
            self.tr("The next click on the map sets the selected ticket's place (Esc cancels)")
        )
        self.locate_action.setEnabled(False)
        self.locate_action.triggered.connect(lambda: self.want_location(SELECTED_TICKET))
        bar.addAction(self.locate_action)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr("Colour grids by") + " "))
        self.colour_combo = QComboBox(self)
        self.colour_combo.addItem(self.tr("open tickets"), "open")
        self.colour_combo.addItem(self.tr("overdue tickets"), "overdue")
        self.colour_combo.currentIndexChanged.connect(self._colour_changed)
        bar.addWidget(self.colour_combo)

        self.pick_banner = QWidget(self)
        banner = QHBoxLayout(self.pick_banner)
        banner.setContentsMargins(6, 2, 6, 2)
        self.pick_label = QLabel(self.tr("Click the map where the ticket is (Esc cancels)."))
        self.pick_label.setStyleSheet("font-weight: bold; color: #0d47a1;")
        cancel = QToolButton(self.pick_banner)
        cancel.setText(self.tr("Cancel"))
        cancel.clicked.connect(self._cancel_pick)
        banner.addWidget(self.pick_label, 1)
        banner.addWidget(cancel)
        self.pick_banner.setStyleSheet("background: #e3f2fd;")
        self.pick_banner.hide()

        self.legend = QLabel(self)
        self.legend.setObjectName("map_legend")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("map_status")
        # Wrapped, not one line each: the two lines' width (942 pixels in English) was the
        # least width of the map and so of the queue it is a tab of, and the grid tree beside
        # them was squeezed to "光…" at 1366x768 (issue 13 walk).
        # The status line changes as the map moves: cut short rather than wrapped, so the
        # map does not change height under the operator's hand.
        self.legend.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.pick_label.setWordWrap(True)
        foot = QHBoxLayout()
        foot.setContentsMargins(4, 0, 4, 0)
        foot.addWidget(self.legend, 1)
        foot.addWidget(self.status_label)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(bar)
        box.addWidget(self.pick_banner)
        box.addWidget(self.view, 1)
        box.addLayout(foot)

        self.view.sig_grid_clicked.connect(self._grid_clicked)
        self.view.sig_ticket_clicked.connect(self._ticket_clicked)
        self.view.sig_rectangle_drawn.connect(self._rectangle_drawn)
        self.view.sig_place_picked.connect(self._place_picked)
        self.view.sig_pick_cancelled.connect(self._cancel_pick)
        self.view.sig_mode_changed.connect(self._mode_changed)

        bus = context.bus
        bus.sig_queue_filter_changed.connect(self.follow_filter)
        bus.sig_area_selected.connect(self._area_selected)
        bus.sig_ticket_selected.connect(self._ticket_selected)
        bus.sig_location_wanted.connect(self.want_location)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        bus.sig_tickets_changed.connect(lambda _ids: self._reload_timer.start())
        self._update_legend()
        self._grids_loaded = False
        self._points_loaded = False
        # Behind the queue's first rows.
        context.jobs.when_idle(self.reload, max_wait_ms=1000, owner=self)

    # -- data ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the grids, the points of the current filter and the channels again."""
        now = self._context.now()
        self._jobs.submit(_load_grids, now, on_result=self._grids_arrived, key="map.grids")
        self._load_points()
        self._jobs.submit(_load_channels, on_result=self.view.set_channels, key="map.channels")

    def _load_points(self) -> None:
        self._jobs.submit(
            _load_points,
            self._filter,
            self._context.now(),
            on_result=self._points_arrived,
            key="map.points",
        )

    def follow_filter(self, flt: QueueFilter) -> None:
        """Show the tickets of the queue's filter ``flt``."""
        self.view.show_bbox(flt.bbox)
        if flt == self._filter:
            return
        self._filter = flt
        self._load_points()

    def current_filter(self) -> QueueFilter:
        return self._filter

    def _grids_arrived(self, shapes) -> None:
        self.view.set_grids(shapes)
        self._grids_loaded = True
        self._update_legend()
        self._update_status()
        self._first_fit()

    def _points_arrived(self, points) -> None:
        self.view.set_points(points)
        self._points_loaded = True
        self._update_status()
        self._first_fit()
        self.sig_points_loaded.emit(len(points))

    def _first_fit(self) -> None:
        # A hidden view (a tab behind the queue) fits when it is first shown.
        if self._grids_loaded and self._points_loaded and not self.view.fitted():
            area = self.view.selected_area()
            if area is None or not self.view.select_area(area):
                self.view.fit_town()

    # -- bus -------------------------------------------------------------------------------------

    def _grid_clicked(self, area_id: int) -> None:
        self._following = True
        try:
            self._context.bus.sig_filter_requested.emit({"area_id": area_id})
            self._context.bus.sig_area_selected.emit(area_id)
        finally:
            self._following = False

    def _area_selected(self, area_id: int) -> None:
        if self._following:
            return
        self.view.select_area(area_id, pan=True)

    def _ticket_clicked(self, ticket_id: int) -> None:
        self._following = True
        try:
            self._context.bus.sig_ticket_selected.emit(ticket_id)
        finally:
            self._following = False

    def _ticket_selected(self, ticket_id) -> None:
        self._current_ticket = ticket_id
        self.locate_action.setEnabled(
            ticket_id is not None and may(self._context.actor.role, EventAction.LOCATE)
        )
        if self._following:
            return
        self.view.select_ticket(ticket_id, centre=True)

    def _rectangle_drawn(self, bbox: tuple) -> None:
        self.select_action.setChecked(False)
        self._context.bus.sig_filter_requested.emit({"bbox": tuple(bbox)})

    def want_location(self, owner: object | None) -> None:
        """Enter "pick a place" for ``owner`` (None: leave it); the dock shows itself."""
        self._pick_owner = owner
        if owner is None:
            if self.view.mode() == MODE_PICK:
                self.view.set_mode(MODE_PAN)
            return
        self.select_action.setChecked(False)
        self.view.set_mode(MODE_PICK)
        dock = self.parent()
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()
        self.view.setFocus()

    def _place_picked(self, lon: float, lat: float) -> None:
        owner, self._pick_owner = self._pick_owner, None
        if owner is SELECTED_TICKET and self._current_ticket is not None:
            from gridcenter_desktop.ui.locate_action import locate_at

            locate_at(self._context, self, self._current_ticket, lon, lat)
            return
        self._context.bus.sig_location_picked.emit(lon, lat)

    def _cancel_pick(self) -> None:
        self._pick_owner = None
        if self.view.mode() == MODE_PICK:
            self.view.set_mode(MODE_PAN)

    def _mode_changed(self, mode: str) -> None:
        self.pick_banner.setVisible(mode == MODE_PICK)
        if mode != MODE_SELECT and self.select_action.isChecked():
            self.select_action.setChecked(False)

    # -- legend ----------------------------------------------------------------------------------

    def _colour_changed(self) -> None:
        self.view.set_colour_by(self.colour_combo.currentData())
        self._update_legend()

    def _update_legend(self) -> None:
        def dot(colour: QColor | str, text: str, mark: str = "●") -> str:
            name = colour.name() if isinstance(colour, QColor) else colour
            return f'<span style="color:{name}; font-size:14px">{mark}</span>&nbsp;{text}'

        states = [
            dot(STATE_COLOURS[map_points.STATE_OVERDUE], self.tr("Overdue")),
            dot(STATE_COLOURS[map_points.STATE_DUE_SOON], self.tr("Due soon")),
            dot(STATE_COLOURS[map_points.STATE_OPEN], self.tr("Open")),
            dot(STATE_COLOURS[map_points.STATE_CLOSED], self.tr("Closed")),
        ]
        b1, b2, b3 = self.view.breaks()
        ranges = ["0", _range(1, b1), _range(b1 + 1, b2), _range(b2 + 1, b3), f"&gt;{b3}"]
        classes = [dot(c, r, "■") for c, r in zip(CLASS_COLOURS, ranges, strict=True)]
        what = (
            self.tr("Overdue per grid:")
            if self.colour_combo.currentData() == "overdue"
            else self.tr("Open per grid:")
        )
        self.legend.setText(
            "&nbsp;&nbsp;".join(states)
            + "&nbsp;&nbsp;|&nbsp;&nbsp;"
            + what
            + " "
            + "&nbsp;".join(classes)
        )

    def _update_status(self) -> None:
        points = self.view.tickets.points
        n = len(points) if points is not None else 0
        text = self.tr("{n} tickets on the map").format(n=f"{n:,}")
        unplaced = points.unplaced if points is not None else 0
        if unplaced:
            text += self.tr("; {n} without a place").format(n=f"{unplaced:,}")
        if self._grids_loaded and not self.view.grids:
            text += self.tr("; no grid boundaries yet")
        self.status_label.setText(text)


def _range(a: int, b: int) -> str:
    return str(a) if a >= b else f"{a}–{b}"
