"""Setting a place with one click: a dialog holding its own map of the town's grids.

The register dialog (定位: where the matter is) and the ticket's 地图定位 action (LOCATE) open
it. A click on the map sets the point; the longitude and latitude can also be typed (Tab to the
fields), as WGS-84 or as GCJ-02 read off a Chinese map service, converted on the way out. The
line under the map names the grid the point falls in, so the operator sees where the ticket
will go before saving. The dialog is modal and self-contained (its own MapView), so it works
from a modal register dialog too, without the map dock.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.map_projection import to_scene
from gridcenter_desktop.services import map_points
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.map.view import MODE_PICK, MapView
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

WGS84, GCJ02 = "wgs84", "gcj02"
_MARKER_RADIUS = 7  # pixels: the marker keeps its size whatever the zoom
# The town's neighbourhood, for the spin boxes' ranges (China's extent, generously).
_LON_RANGE, _LAT_RANGE = (73.0, 136.0), (3.0, 54.0)


def _load_grids(job, now: datetime):
    return map_points.grid_shapes(job.session(), now)


def _grid_at(job, lon: float, lat: float):
    """The grid holding the point (services.grid_map.GridAt), or None."""
    from gridcenter_desktop.services.grid_map import grid_at

    return grid_at(job.session(), lon, lat)


class PlacePickDialog(QDialog):
    """Pick a WGS-84 point on the town's map. ``place()`` is (longitude, latitude) once
    accepted; ``initial`` is the point already known (shown and centred)."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        title: str = "",
        initial: tuple[float, float] | None = None,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("place_pick_dialog")
        self.setWindowTitle(title or self.tr("Set the place on the map"))
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._initial = initial

        self.view = MapView(self)
        self.view.setMinimumSize(480, 320)
        self.view.set_mode(MODE_PICK)
        self.view.sig_place_picked.connect(self._picked)
        self.view.sig_mode_changed.connect(self._keep_picking)
        # Esc on the map (which has the focus) closes the dialog, as Esc anywhere else does.
        self.view.sig_pick_cancelled.connect(self.reject)
        self.marker = QGraphicsEllipseItem(
            -_MARKER_RADIUS, -_MARKER_RADIUS, 2 * _MARKER_RADIUS, 2 * _MARKER_RADIUS
        )
        self.marker.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.marker.setPen(QPen(QColor("#ffffff"), 2))
        self.marker.setBrush(QBrush(QColor("#d81b60")))
        self.marker.setZValue(1000)
        self.marker.setVisible(False)
        self.view.scene().addItem(self.marker)

        hint = plain(
            QLabel(
                self.tr(
                    "Click the map where the matter is, or type the coordinates. Arrows pan,"
                    " +/- zoom, Home shows the whole town."
                ),
                self,
            )
        )
        hint.setWordWrap(True)
        # What saving will do beyond the point (the caller knows: e.g. a ticket a department
        # handles keeps its grid).
        self.note = plain(QLabel(note, self))
        self.note.setObjectName("place_pick.note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#8a4b00;")
        self.note.setVisible(bool(note))
        self.longitude = self._spin(_LON_RANGE, "place_pick.longitude")
        self.latitude = self._spin(_LAT_RANGE, "place_pick.latitude")
        self.crs = QComboBox(self)
        self.crs.setObjectName("place_pick.crs")
        self.crs.addItem(self.tr("WGS-84 (GPS)"), WGS84)
        self.crs.addItem(self.tr("GCJ-02 (Chinese map services)"), GCJ02)
        self.grid_line = plain(QLabel(self))
        self.grid_line.setObjectName("place_pick.grid")

        fields = QFormLayout()
        coordinates = QHBoxLayout()
        coordinates.addWidget(self.longitude)
        coordinates.addWidget(self.latitude)
        coordinates.addWidget(self.crs)
        fields.addRow(self.tr("Longitude, latitude"), coordinates)
        fields.addRow(self.tr("Grid"), self.grid_line)
        for spin in (self.longitude, self.latitude):
            spin.editingFinished.connect(self._typed)
        self.crs.currentIndexChanged.connect(self._typed)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(fields)
        layout.addWidget(self.buttons)

        self._place: tuple[float, float] | None = None
        self._grid = None
        if initial is not None:
            self._set_place(*initial)
        else:
            self.grid_line.setText(self.tr("Not placed yet"))
        self._update_ok()
        remember_geometry(self, context.settings, "place_pick", (860, 640))
        self._jobs.submit(
            _load_grids, context.now(), on_result=self._grids_arrived, key="place_pick.grids"
        )

    def _spin(self, limits: tuple[float, float], name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setObjectName(name)
        spin.setDecimals(6)
        spin.setRange(*limits)
        spin.setSingleStep(0.0001)
        spin.setSpecialValueText(" ")  # empty until a place is set
        spin.setValue(limits[0])
        return spin

    # -- the place ------------------------------------------------------------------------------

    def place(self) -> tuple[float, float] | None:
        """The chosen (longitude, latitude), WGS-84; None before one is set."""
        return self._place

    def _grids_arrived(self, shapes) -> None:
        self.view.set_grids(shapes)
        # The whole town first (a known place is then centred at that scale, not zoomed to
        # a single grid's colour).
        self.view.fit_town()
        if self._place is not None:
            x, y = to_scene(self._place[0], self._place[1])
            self.view.centerOn(QPointF(float(x), float(y)))

    def _keep_picking(self, mode: str) -> None:
        # The view leaves "pick" after a click; here every click picks again.
        if mode != MODE_PICK:
            self.view.set_mode(MODE_PICK)

    def _picked(self, lon: float, lat: float) -> None:
        self.crs.setCurrentIndex(0)  # a click is WGS-84 (the map's own system)
        self._set_place(lon, lat)

    def _typed(self) -> None:
        lon, lat = self.longitude.value(), self.latitude.value()
        if lon <= _LON_RANGE[0] or lat <= _LAT_RANGE[0]:
            return
        if self.crs.currentData() == GCJ02:
            from gridcenter_desktop.core.geo import gcj02_to_wgs84

            lon, lat = gcj02_to_wgs84(lon, lat)
        self._set_place(lon, lat, typed=True)

    def _set_place(self, lon: float, lat: float, *, typed: bool = False) -> None:
        lon, lat = round(float(lon), 6), round(float(lat), 6)
        self._place = (lon, lat)
        if not typed:
            for spin, value in ((self.longitude, lon), (self.latitude, lat)):
                spin.blockSignals(True)
                spin.setValue(value)
                spin.blockSignals(False)
        x, y = to_scene(lon, lat)
        self.marker.setPos(QPointF(float(x), float(y)))
        self.marker.setVisible(True)
        if typed:
            self.view.centerOn(self.marker.pos())
        self._grid = None
        self.grid_line.setText(self.tr("Looking up the grid…"))
        self._jobs.submit(_grid_at, lon, lat, on_result=self._grid_found, key="place_pick.grid")
        self._update_ok()

    def grid(self):
        """The grid the chosen point falls in (services.grid_map.GridAt), None when outside
        every boundary or not looked up yet."""
        return self._grid

    def _grid_found(self, found) -> None:
        self._grid = found
        self.grid_line.setText(
            found.name
            if found is not None
            else self.tr("Outside every grid's boundary: only the point is kept")
        )

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self._place is not None and self._place != self._initial
        )

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter in a coordinate field takes the typed value instead of closing the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() in (
            self.longitude,
            self.latitude,
        ):
            self._typed()
            return
        super().keyPressEvent(event)
