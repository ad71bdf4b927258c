"""MapView: the town's map on a QGraphicsView (Web Mercator metres, y down).

Gestures: drag pans; the wheel or +/- zooms; arrows pan; Home fits the town. A click on a
grid chooses it, on a cluster zooms in on it, on a ticket selects it. Shift+drag (or the
"select" mode) draws a rectangle whose WGS-84 bounds are announced; the "pick" mode turns the
next click into a place (longitude, latitude).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from gridcenter_desktop.core.map_projection import from_scene, to_scene
from gridcenter_desktop.services.map_points import ChannelPoint, GridShape, TicketPoints
from gridcenter_desktop.ui.map.layers import (
    CameraLayer,
    GridItem,
    TicketLayer,
    class_breaks,
    class_of,
)

# Without any grid or ticket: Guangfu town, east shore of Taihu (lon/lat bounds).
DEFAULT_BOUNDS = (120.30, 31.22, 120.50, 31.36)
# Zoom limits in metres per pixel: a street corner .. a whole prefecture.
MIN_M_PER_PX = 0.3
MAX_M_PER_PX = 400.0
ZOOM_STEP = 1.25
CLICK_SLOP_PX = 4
MODE_PAN, MODE_SELECT, MODE_PICK = "pan", "select", "pick"


class MapView(QGraphicsView):
    """The map itself; the dock feeds it data and listens to its signals."""

    sig_grid_clicked = Signal(int)
    """sig_grid_clicked(area_id): the operator clicked inside a grid's polygon."""

    sig_ticket_clicked = Signal(int)
    """sig_ticket_clicked(ticket_id): the operator clicked a single ticket point."""

    sig_rectangle_drawn = Signal(tuple)
    """sig_rectangle_drawn((min_lon, min_lat, max_lon, max_lat)): a rectangle was drawn."""

    sig_place_picked = Signal(float, float)
    """sig_place_picked(longitude, latitude): the click of the "pick a place" mode."""

    sig_mode_changed = Signal(str)
    """sig_mode_changed(mode): "pan", "select" or "pick"."""

    sig_pick_cancelled = Signal()
    """sig_pick_cancelled(): Esc left the "pick a place" mode without a place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map_view")
        self.setScene(QGraphicsScene(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # The point layers recluster for the whole viewport: repaint it whole.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setBackgroundBrush(QBrush(QColor("#eef1ec")))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.grids: dict[int, GridItem] = {}
        self.tickets = TicketLayer()
        self.cameras = CameraLayer()
        self.scene().addItem(self.tickets)
        self.scene().addItem(self.cameras)
        # The dock adds the tile layer (ui/map/tiles.py) under the grids with add_layer.
        self._bbox_item: QGraphicsRectItem | None = None
        self._selected_area: int | None = None
        self._colour_by = "open"
        self._mode = MODE_PAN
        self._press: QPoint | None = None
        self._panning_from: QPoint | None = None
        self._fitted = False
        self._pending_fit: QRectF | None = None
        self._set_scene_rect(self._town_rect())

    # -- layers -----------------------------------------------------------------------------------

    def add_layer(self, item: QGraphicsItem, z: float) -> None:
        """Add a layer (e.g. ui.map.tiles.TileLayer at layers.Z_TILES) to the scene."""
        item.setZValue(z)
        self.scene().addItem(item)

    def set_grids(self, shapes: list[GridShape]) -> None:
        """Show these grid polygons (replacing the previous ones), coloured by the current
        count, the chosen area kept highlighted."""
        for item in self.grids.values():
            self.scene().removeItem(item.label)
            self.scene().removeItem(item)
        self.grids = {}
        for shape in shapes:
            item = GridItem(shape)
            self.scene().addItem(item)
            self.scene().addItem(item.label)
            self.grids[shape.area_id] = item
        self._recolour()
        self._highlight()
        self._set_scene_rect(self._town_rect())
        self._place_labels()

    def set_colour_by(self, what: str) -> None:
        """Colour the grids by their "open" or "overdue" ticket count."""
        self._colour_by = what
        self._recolour()

    def breaks(self) -> tuple[int, int, int]:
        return class_breaks([self._count(i) for i in self.grids.values()])

    def _count(self, item: GridItem) -> int:
        info = item.shape_info
        return info.overdue_count if self._colour_by == "overdue" else info.open_count

    def _recolour(self) -> None:
        breaks = self.breaks()
        for item in self.grids.values():
            item.set_fill(class_of(self._count(item), breaks))

    def set_points(self, points: TicketPoints) -> None:
        selected = self.selected_ticket()
        self.tickets.set_points(points)
        if selected is not None:
            self.tickets.select(self.tickets.index_of(selected))
        self._set_scene_rect(self._town_rect())

    def set_channels(self, channels: list[ChannelPoint]) -> None:
        self.cameras.set_channels(channels)

    def show_channels(self, on: bool) -> None:
        self.cameras.setVisible(on)

    def show_bbox(self, bbox: tuple[float, float, float, float] | None) -> None:
        """Outline the rectangle the queue is filtered to (None: none)."""
        if self._bbox_item is not None:
            self.scene().removeItem(self._bbox_item)
            self._bbox_item = None
        if bbox is None:
            return
        (x0, x1), (y0, y1) = to_scene([bbox[0], bbox[2]], [bbox[1], bbox[3]])
        rect = QRectF(QPointF(float(x0), float(y1)), QPointF(float(x1), float(y0))).normalized()
        pen = QPen(QColor("#1565c0"), 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._bbox_item = self.scene().addRect(rect, pen, QBrush(QColor(21, 101, 192, 25)))
        self._bbox_item.setZValue(8)

    # -- choosing ---------------------------------------------------------------------------------

    def selected_area(self) -> int | None:
        return self._selected_area

    def select_area(self, area_id: int | None, *, pan: bool = True) -> bool:
        """Highlight the grids of ``area_id`` (a grid, or all grids of a village or the town)
        and, with ``pan``, show them; False when none of them has a polygon."""
        self._selected_area = area_id
        self._highlight()
        rect = self.area_rect(area_id) if area_id is not None else QRectF()
        if rect.isNull():
            return False
        if pan:
            self._fit(rect)
        return True

    def area_rect(self, area_id: int) -> QRectF:
        """The scene rectangle of the grids in ``area_id`` (null when none is drawn)."""
        rect = QRectF()
        for item in self._grids_of(area_id):
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def _grids_of(self, area_id: int | None) -> list[GridItem]:
        if area_id is None:
            return []
        return [
            item
            for item in self.grids.values()
            if item.area_id == area_id or area_id in item.shape_info.ancestors
        ]

    def _highlight(self) -> None:
        chosen = {item.area_id for item in self._grids_of(self._selected_area)}
        for item in self.grids.values():
            item.set_selected(item.area_id in chosen)

    def selected_ticket(self) -> int | None:
        index = self.tickets.selected_index
        points = self.tickets.points
        if points is None or index < 0:
            return None
        return int(points.ids[index])

    def select_ticket(self, ticket_id: int | None, *, centre: bool = True) -> bool:
        """Highlight ``ticket_id`` and, with ``centre``, centre the map on it; False when the
        ticket is not on the map (no coordinates, or left out by the filter)."""
        index = self.tickets.index_of(ticket_id) if ticket_id is not None else -1
        self.tickets.select(index)
        if index < 0:
            return False
        if centre:
            here = self.tickets.scene_pos(index)
            if self._pending_fit is not None:
                # Not shown yet: the view it will show keeps it in (the town stays whole).
                if not self._pending_fit.contains(here):
                    self._pending_fit.moveCenter(here)
            else:
                self.centerOn(here)
        return True

    # -- view -------------------------------------------------------------------------------------

    def metres_per_pixel(self) -> float:
        return 1.0 / self.transform().m11()

    def fit_town(self) -> None:
        """Show every grid and ticket (Home)."""
        self._fit(self._content_rect() or self._default_rect())

    def _content_rect(self) -> QRectF | None:
        rect = QRectF()
        for item in self.grids.values():
            rect = rect.united(item.sceneBoundingRect())
        if self.tickets.points is not None and len(self.tickets.points):
            rect = rect.united(self.tickets.boundingRect().adjusted(1e4, 1e4, -1e4, -1e4))
        return rect if not rect.isNull() else None

    def _default_rect(self) -> QRectF:
        (x0, x1), (y0, y1) = to_scene(
            [DEFAULT_BOUNDS[0], DEFAULT_BOUNDS[2]], [DEFAULT_BOUNDS[1], DEFAULT_BOUNDS[3]]
        )
        return QRectF(QPointF(float(x0), float(y1)), QPointF(float(x1), float(y0))).normalized()

    def _town_rect(self) -> QRectF:
        return self._content_rect() or self._default_rect()

    def _set_scene_rect(self, town: QRectF) -> None:
        # Room to pan well beyond the town on every side.
        margin = max(town.width(), town.height()) * 3
        self.setSceneRect(town.adjusted(-margin, -margin, margin, margin))

    def _fit(self, rect: QRectF) -> None:
        if not self.big_enough():
            # Behind a tab the view is a few pixels: fit when it is shown (resize/show).
            self._pending_fit = QRectF(rect)
            return
        self._pending_fit = None
        pad = max(rect.width(), rect.height()) * 0.08 + 50
        self.fitInView(rect.adjusted(-pad, -pad, pad, pad), Qt.AspectRatioMode.KeepAspectRatio)
        self._clamp_zoom()
        self._fitted = True
        self._place_labels()

    def fitted(self) -> bool:
        return self._fitted

    def big_enough(self) -> bool:
        """Whether the view is shown at a size worth fitting the town to (a dock behind a
        tab is tiny until it is brought forward)."""
        size = self.viewport().size()
        return self.isVisible() and size.width() >= 200 and size.height() >= 150

    def zoom(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom by ``factor`` (>1: closer) around ``anchor`` (viewport pixels; centre if None)."""
        old = self.transformationAnchor()
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(factor, factor)
        self._clamp_zoom()
        self.setTransformationAnchor(old)
        self._place_labels()

    def _clamp_zoom(self) -> None:
        mpp = self.metres_per_pixel()
        if mpp < MIN_M_PER_PX:
            self.scale(mpp / MIN_M_PER_PX, mpp / MIN_M_PER_PX)
        elif mpp > MAX_M_PER_PX:
            self.scale(mpp / MAX_M_PER_PX, mpp / MAX_M_PER_PX)

    def pan(self, dx: int, dy: int) -> None:
        """Move the view by (dx, dy) pixels."""
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + dx)
        v.setValue(v.value() + dy)

    def _place_labels(self) -> None:
        scale = self.transform().m11()
        for item in self.grids.values():
            item.place_label(scale)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_when_shown()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit_when_shown()

    def _fit_when_shown(self) -> None:
        if not self.big_enough():
            return
        if self._pending_fit is not None:
            self._fit(self._pending_fit)
        elif not self._fitted and self._content_rect() is not None:
            self.fit_town()

    # -- modes ------------------------------------------------------------------------------------

    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        """ "pan" (drag pans), "select" (drag draws a rectangle) or "pick" (a click is a place)."""
        if mode == self._mode:
            return
        self._mode = mode
        cursor = {
            MODE_PAN: Qt.CursorShape.OpenHandCursor,
            MODE_SELECT: Qt.CursorShape.CrossCursor,
            MODE_PICK: Qt.CursorShape.PointingHandCursor,
        }[mode]
        self.viewport().setCursor(cursor)
        self.sig_mode_changed.emit(mode)

    # -- gestures ---------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP**steps, event.position().toPoint())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        step_x, step_y = self.viewport().width() // 6, self.viewport().height() // 6
        moves = {
            Qt.Key.Key_Left: (-step_x, 0),
            Qt.Key.Key_Right: (step_x, 0),
            Qt.Key.Key_Up: (0, -step_y),
            Qt.Key.Key_Down: (0, step_y),
        }
        if key in moves:
            self.pan(*moves[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_Home:
            self.fit_town()
        elif key == Qt.Key.Key_Escape and self._mode != MODE_PAN:
            was_pick = self._mode == MODE_PICK
            self.set_mode(MODE_PAN)
            if was_pick:
                self.sig_pick_cancelled.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._press = event.position().toPoint()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self._mode == MODE_SELECT or (shift and self._mode == MODE_PAN):
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            super().mousePressEvent(event)
            return
        self._panning_from = self._press
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._panning_from is not None:
            pos = event.position().toPoint()
            delta = pos - self._panning_from
            self._panning_from = pos
            self.pan(-delta.x(), -delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        pos = event.position().toPoint()
        press, self._press = self._press, None
        self._panning_from = None
        if self.dragMode() == QGraphicsView.DragMode.RubberBandDrag:
            super().mouseReleaseEvent(event)
            self.setDragMode(QGraphicsView.DragMode.NoDrag)
            if (pos - press).manhattanLength() > CLICK_SLOP_PX:
                self.sig_rectangle_drawn.emit(self.bbox_of(press, pos))
            return
        if (pos - press).manhattanLength() <= CLICK_SLOP_PX:
            self.click(pos)
        event.accept()

    def bbox_of(self, a: QPoint, b: QPoint) -> tuple[float, float, float, float]:
        """The WGS-84 bounds (min_lon, min_lat, max_lon, max_lat) of two viewport corners."""
        p, q = self.mapToScene(a), self.mapToScene(b)
        lon, lat = from_scene([p.x(), q.x()], [p.y(), q.y()])
        return (float(min(lon)), float(min(lat)), float(max(lon)), float(max(lat)))

    def lon_lat_at(self, pos: QPoint) -> tuple[float, float]:
        """WGS-84 longitude and latitude under the viewport position ``pos``."""
        p = self.mapToScene(pos)
        lon, lat = from_scene(p.x(), p.y())
        return float(lon), float(lat)

    def click(self, pos: QPoint) -> None:
        """What a click at viewport ``pos`` does (see the module docstring)."""
        if self._mode == MODE_PICK:
            lon, lat = self.lon_lat_at(pos)
            self.set_mode(MODE_PAN)
            self.sig_place_picked.emit(lon, lat)
            return
        posf = QPointF(pos)
        channel = self.cameras.hit(posf)
        if channel is not None:
            QToolTip.showText(self.viewport().mapToGlobal(pos), channel_tip(channel), self)
            return
        hit = self.tickets.hit(posf)
        if hit is not None:
            index, n = hit
            if index >= 0 and self.tickets.points is not None:
                ticket_id = int(self.tickets.points.ids[index])
                self.select_ticket(ticket_id, centre=False)
                self.sig_ticket_clicked.emit(ticket_id)
            else:
                self.centerOn(self.mapToScene(pos))
                self.zoom(2.0)
            return
        scene_pos = self.mapToScene(pos)
        for item in self.grids.values():
            if item.contains(scene_pos):
                self.select_area(item.area_id, pan=False)
                self.sig_grid_clicked.emit(item.area_id)
                return


def channel_tip(channel: ChannelPoint) -> str:
    from gridcenter_desktop.ui.labels import channel_status_label

    return f"{channel.name}\n{channel.number}\n{channel_status_label(channel.status)}"
