"""The map's painted layers. Scene coordinates are Web Mercator metres (y down); the point
layers paint in device pixels (markers keep their size at every zoom) and cluster on the fly,
so a redraw costs one numpy pass over the points plus a few hundred discs.

Z order (low to high): tiles (B2's TileLayer, Z_TILES), grids, grid labels, tickets, cameras.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem

from gridcenter_desktop.core.enums import ChannelStatus
from gridcenter_desktop.core.map_projection import to_scene
from gridcenter_desktop.services.map_points import (
    STATE_CLOSED,
    STATE_DUE_SOON,
    STATE_OPEN,
    STATE_OVERDUE,
    ChannelPoint,
    GridShape,
    TicketPoints,
)
from gridcenter_desktop.ui.map.clusters import Clusters, cluster

Z_TILES = -10
Z_GRIDS = 0
Z_LABELS = 5
Z_TICKETS = 10
Z_CAMERAS = 20

STATE_COLOURS = {
    STATE_CLOSED: QColor("#9e9e9e"),
    STATE_OPEN: QColor("#1e88e5"),
    STATE_DUE_SOON: QColor("#ffa000"),
    STATE_OVERDUE: QColor("#e53935"),
}
# Grid fill by count class (0, then four classes light to dark).
CLASS_COLOURS = ("#f5f5f5", "#fee8c8", "#fdbb84", "#fc8d59", "#d7301f")
SELECTED_PEN = QColor("#1565c0")
POINT_RADIUS = 4.0
# A label is shown once its grid is at least this many pixels wide on screen.
LABEL_MIN_PX = 46


def class_breaks(values: list[int]) -> tuple[int, int, int]:
    """Upper bounds of the first three non-zero classes (the fourth is open-ended): the
    quartiles of the non-zero counts, strictly increasing so every class has a range."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return (1, 2, 3)
    q = [int(np.ceil(np.quantile(positive, p))) for p in (0.25, 0.5, 0.75)]
    b1 = max(1, q[0])
    b2 = max(b1 + 1, q[1])
    b3 = max(b2 + 1, q[2])
    return (b1, b2, b3)


def class_of(value: int, breaks: tuple[int, int, int]) -> int:
    """0 for no tickets, 1..4 for the classes of :func:`class_breaks`."""
    if value <= 0:
        return 0
    for n, bound in enumerate(breaks, start=1):
        if value <= bound:
            return n
    return 4


class GridItem(QGraphicsPathItem):
    """One grid's polygon (odd-even fill: holes stay empty) and its name."""

    def __init__(self, shape: GridShape) -> None:
        super().__init__()
        self.shape_info = shape
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for ring in shape.rings:
            xs, ys = to_scene([p[0] for p in ring], [p[1] for p in ring])
            path.moveTo(float(xs[0]), float(ys[0]))
            for x, y in zip(xs[1:], ys[1:], strict=True):
                path.lineTo(float(x), float(y))
            path.closeSubpath()
        self.setPath(path)
        self.setZValue(Z_GRIDS)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(shape.name)
        self.label = QGraphicsSimpleTextItem(_short_name(shape.name))
        self.label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.label.setZValue(Z_LABELS)
        self.label.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        font = QFont()
        font.setPointSizeF(8)
        self.label.setFont(font)
        self.label.setBrush(QColor("#333333"))
        self._label_at = _label_point(path)
        self._selected = False
        self.set_fill(0)

    @property
    def area_id(self) -> int:
        return self.shape_info.area_id

    def place_label(self, scale: float) -> None:
        """Centre the name on its polygon at the view's ``scale`` (pixels per metre); hidden
        when the grid is too small on screen to carry it."""
        rect = self.label.boundingRect()
        self.label.setPos(
            self._label_at.x() - rect.width() / 2 / scale,
            self._label_at.y() - rect.height() / 2 / scale,
        )
        box = self.path().boundingRect()
        self.label.setVisible(
            box.width() * scale >= max(LABEL_MIN_PX, rect.width() * 0.9)
            and box.height() * scale >= rect.height() * 1.6
        )

    def set_fill(self, klass: int) -> None:
        colour = QColor(CLASS_COLOURS[klass])
        colour.setAlpha(170)
        self.setBrush(QBrush(colour))

    def set_selected(self, on: bool) -> None:
        self._selected = on
        pen = QPen(SELECTED_PEN if on else QColor("#6d6d6d"), 3 if on else 1)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setZValue(Z_GRIDS + (1 if on else 0))


def _short_name(name: str) -> str:
    # "迂里村第一网格" reads as "迂里村一格" would be wrong; keep the name, drop "网格" only.
    return name[:-2] if name.endswith("网格") and len(name) > 4 else name


def _label_point(path: QPainterPath) -> QPointF:
    """A point inside the polygon for its name: the bounding box's centre when inside, else
    the middle of the horizontal chord through it that lies inside (concave grids)."""
    centre = path.boundingRect().center()
    if path.contains(centre):
        return centre
    rect = path.boundingRect()
    steps = 40
    inside = [
        rect.left() + rect.width() * (i + 0.5) / steps
        for i in range(steps)
        if path.contains(QPointF(rect.left() + rect.width() * (i + 0.5) / steps, centre.y()))
    ]
    if inside:
        return QPointF(inside[len(inside) // 2], centre.y())
    return centre


class TicketLayer(QGraphicsItem):
    """The tickets as points, clustered in screen space (ui/map/clusters.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_TICKETS)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._points: TicketPoints | None = None
        self._x = np.empty(0, dtype=np.float32)
        self._y = np.empty(0, dtype=np.float32)
        self._origin = (0.0, 0.0)
        self._rect = QRectF()
        self.selected_index = -1
        self.last: Clusters | None = None
        self._font = QFont()
        self._font.setPointSizeF(7.5)
        self._font.setBold(True)

    # -- data ------------------------------------------------------------------------------

    def set_points(self, points: TicketPoints) -> None:
        self.prepareGeometryChange()
        self._points = points
        if len(points):
            x, y = to_scene(points.lon, points.lat)
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            # float32 offsets from the points' middle: half the memory a paint streams through
            # (clustering 10 -> 5 ms at 100,000), still millimetres within a town.
            self._origin = (float(x.mean()), float(y.mean()))
            self._x = (x - self._origin[0]).astype(np.float32)
            self._y = (y - self._origin[1]).astype(np.float32)
            self._rect = QRectF(
                float(x.min()), float(y.min()), float(np.ptp(x)) or 1.0, float(np.ptp(y)) or 1.0
            ).adjusted(-1e4, -1e4, 1e4, 1e4)
        else:
            self._x = self._y = np.empty(0, dtype=np.float32)
            self._origin = (0.0, 0.0)
            self._rect = QRectF()
        self.selected_index = -1
        self.update()

    @property
    def points(self) -> TicketPoints | None:
        return self._points

    def index_of(self, ticket_id: int) -> int:
        """The index of ``ticket_id`` among the points, -1 when it is not on the map."""
        if self._points is None or not len(self._points):
            return -1
        ids = self._points.ids
        i = int(np.searchsorted(ids, ticket_id))
        return i if i < len(ids) and ids[i] == ticket_id else -1

    def scene_pos(self, index: int) -> QPointF:
        return QPointF(
            float(self._x[index]) + self._origin[0], float(self._y[index]) + self._origin[1]
        )

    def select(self, index: int) -> None:
        self.selected_index = index
        self.update()

    # -- painting --------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        if self._points is None or not len(self._points):
            self.last = None
            return
        t = painter.worldTransform()
        ox, oy = self._origin
        px = self._x * np.float32(t.m11()) + np.float32(t.dx() + ox * t.m11())
        py = self._y * np.float32(t.m22()) + np.float32(t.dy() + oy * t.m22())
        device = painter.device()
        found = cluster(px, py, self._points.state, device.width(), device.height())
        self.last = found
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self._font)
        black, white = QColor("black"), QColor("white")
        for x, y, n, state in zip(
            found.x.tolist(),
            found.y.tolist(),
            found.count.tolist(),
            found.state.tolist(),
            strict=True,
        ):
            radius = POINT_RADIUS if n == 1 else cluster_radius(n)
            disc = _disc(state, radius)
            half = disc.width() / disc.devicePixelRatio() / 2
            painter.drawPixmap(QPointF(x - half, y - half), disc)
            if n > 1:
                painter.setPen(black if state == STATE_DUE_SOON else white)
                painter.drawText(
                    QRectF(x - radius, y - radius, 2 * radius, 2 * radius),
                    Qt.AlignmentFlag.AlignCenter,
                    str(n) if n < 10000 else f"{n // 1000}k",
                )
        if 0 <= self.selected_index < len(self._x):
            sx = float(px[self.selected_index])
            sy = float(py[self.selected_index])
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("black"), 2.5))
            painter.drawEllipse(QPointF(sx, sy), 9.0, 9.0)
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.drawEllipse(QPointF(sx, sy), 11.5, 11.5)
            painter.setPen(QPen(QColor("white"), 1))
            painter.setBrush(STATE_COLOURS[int(self._points.state[self.selected_index])])
            painter.drawEllipse(QPointF(sx, sy), POINT_RADIUS + 1, POINT_RADIUS + 1)
        painter.restore()

    def hit(self, pos: QPointF) -> tuple[int, int] | None:
        """What was drawn under the viewport position ``pos`` at the last paint: (index of a
        single point, -1) or (-1, cluster count); None for nothing."""
        found = self.last
        if found is None or not len(found):
            return None
        d2 = (found.x - pos.x()) ** 2 + (found.y - pos.y()) ** 2
        best = int(np.argmin(d2))
        n = int(found.count[best])
        reach = POINT_RADIUS + 3 if n == 1 else cluster_radius(n) + 2
        if d2[best] > reach * reach:
            return None
        return (int(found.single[best]), -1) if n == 1 else (-1, n)


def cluster_radius(n: int) -> float:
    """A cluster disc's radius in whole pixels: grows with the count's logarithm."""
    return float(round(9.0 + 3.0 * math.log10(max(n, 1))))


@functools.cache
def _disc(state: int, radius: float) -> QPixmap:
    """A state's disc of ``radius`` with its white rim, drawn once: blitting a pixmap costs a
    fraction of an antialiased ellipse, and a redraw blits hundreds."""
    side = int(2 * radius + 4)
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(QColor("white"), 1.2))
    p.setBrush(STATE_COLOURS[state])
    p.drawEllipse(QPointF(side / 2, side / 2), radius, radius)
    p.end()
    return pixmap


class CameraLayer(QGraphicsItem):
    """The video channels as camera marks (offline and faulty ones grey), fixed pixel size."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_CAMERAS)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.channels: list[ChannelPoint] = []
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._rect = QRectF()
        self.last_px = np.empty(0)
        self.last_py = np.empty(0)

    def set_channels(self, channels: list[ChannelPoint]) -> None:
        self.prepareGeometryChange()
        self.channels = channels
        if channels:
            x, y = to_scene([c.lon for c in channels], [c.lat for c in channels])
            self._x, self._y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            self._rect = QRectF(
                float(self._x.min()),
                float(self._y.min()),
                float(np.ptp(self._x)) or 1.0,
                float(np.ptp(self._y)) or 1.0,
            ).adjusted(-1e4, -1e4, 1e4, 1e4)
        else:
            self._x = self._y = np.empty(0)
            self._rect = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        if not self.channels:
            return
        t = painter.worldTransform()
        px = self._x * t.m11() + t.dx()
        py = self._y * t.m22() + t.dy()
        self.last_px, self.last_py = px, py
        device = painter.device()
        w, h = device.width(), device.height()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor("white"), 1))
        online = QColor("#2e7d32")
        grey = QColor("#8a8a8a")
        for i, channel in enumerate(self.channels):
            x, y = float(px[i]), float(py[i])
            if not (-10 <= x <= w + 10 and -10 <= y <= h + 10):
                continue
            painter.setBrush(online if channel.status == ChannelStatus.ONLINE else grey)
            # A camera: a body and a lens.
            painter.drawRoundedRect(QRectF(x - 5, y - 3.5, 8, 7), 1.5, 1.5)
            path = QPainterPath()
            path.moveTo(x + 3, y - 1)
            path.lineTo(x + 6.5, y - 3.5)
            path.lineTo(x + 6.5, y + 3.5)
            path.lineTo(x + 3, y + 1)
            path.closeSubpath()
            painter.drawPath(path)
        painter.restore()

    def hit(self, pos: QPointF) -> ChannelPoint | None:
        """The channel drawn under the viewport position ``pos`` (last paint), if any."""
        if not self.channels or not len(self.last_px) or not self.isVisible():
            return None
        d2 = (self.last_px - pos.x()) ** 2 + (self.last_py - pos.y()) ** 2
        best = int(np.argmin(d2))
        return self.channels[best] if d2[best] <= 64 else None
