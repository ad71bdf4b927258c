"""Background tiles for the map from the town's intranet XYZ tile server (optional).

:class:`TileLayer` is a QGraphicsObject for the map's scene (Web Mercator metres, y down:
core/map_projection.py). When painted it works out the view's zoom from the painter's
transform, asks for the tiles covering the exposed part of the scene, and draws those it has:
from memory, else from the disk cache, else it requests them (QNetworkAccessManager) and draws
them when they arrive. A missing tile shows a coarser one already at hand, or nothing (the
scene's plain ground). Offline, the cached tiles are all there is: a failed request is
remembered and not retried for a while, a refused or unreachable server pauses all requests
for a while, and nothing ever opens a dialog.

The disk cache (:class:`TileDiskCache`) lives under the user's cache folder, one folder per
URL template, and keeps under a size cap by removing the least recently used tiles.

The map dock adds the layer with one line, e.g.
``layer = tile_layer_for(context); layer and scene.addItem(layer)``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from gridcenter_desktop.core.map_projection import (
    HALF_WORLD,
    tile_rect,
    tile_span,
    tiles_covering,
    zoom_for,
)

log = logging.getLogger(__name__)

DEFAULT_CACHE_LIMIT = 200 * 1024 * 1024  # bytes on disk per tile server
MEMORY_TILES = 400  # decoded tiles kept in memory
MAX_TILES_PER_PAINT = 300  # a bigger ask means a wrong transform: draw nothing
RETRY_AFTER = 60.0  # seconds before a failed tile is asked for again
OFFLINE_PAUSE = 30.0  # seconds without requests after the server could not be reached
FALLBACK_LEVELS = 4  # how many zooms out a missing tile may borrow from
REQUEST_TIMEOUT_MS = 10_000

# Errors that mean "the server is not there", not "this tile is not there".
_UNREACHABLE = {
    QNetworkReply.NetworkError.ConnectionRefusedError,
    QNetworkReply.NetworkError.HostNotFoundError,
    QNetworkReply.NetworkError.TimeoutError,
    QNetworkReply.NetworkError.OperationCanceledError,
    QNetworkReply.NetworkError.NetworkSessionFailedError,
    QNetworkReply.NetworkError.TemporaryNetworkFailureError,
    QNetworkReply.NetworkError.UnknownNetworkError,
    QNetworkReply.NetworkError.ProxyConnectionRefusedError,
    QNetworkReply.NetworkError.ProxyNotFoundError,
}

TileKey = tuple[int, int, int]  # zoom, x, y


def default_cache_root() -> Path:
    """The user's cache folder for tiles (e.g. ~/.cache/GridCenter/tiles)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(base or Path.home() / ".cache" / "gridcenter") / "tiles"


def tile_url(template: str, key: TileKey) -> str:
    """The template with {z}, {x} and {y} filled in."""
    z, x, y = key
    return template.replace("{z}", str(z)).replace("{x}", str(x)).replace("{y}", str(y))


class TileDiskCache:
    """Tiles as files ``<folder>/<z>/<x>/<y>.tile``, kept under ``limit`` bytes: past it the
    least recently used (oldest modification time: a read touches the file) go first, down
    to 90 % of the limit."""

    def __init__(self, folder: Path, limit: int = DEFAULT_CACHE_LIMIT) -> None:
        self.folder = Path(folder)
        self.limit = limit
        self._size: int | None = None  # counted at the first write

    @classmethod
    def for_template(
        cls, template: str, root: Path | None = None, limit: int = DEFAULT_CACHE_LIMIT
    ) -> TileDiskCache:
        """The cache of one tile server (one folder per URL template)."""
        digest = hashlib.sha1(template.encode()).hexdigest()[:16]
        return cls((root or default_cache_root()) / digest, limit)

    def path(self, key: TileKey) -> Path:
        z, x, y = key
        return self.folder / str(z) / str(x) / f"{y}.tile"

    def read(self, key: TileKey) -> bytes | None:
        path = self.path(key)
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: trimmed last
        except OSError:
            return None
        return data

    def write(self, key: TileKey, data: bytes) -> None:
        """Store a tile (whole or not at all), then trim to the cap. A disk fault only logs:
        the tile is fetched again next time."""
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            old = path.stat().st_size if path.exists() else 0
            tmp = path.with_name(f".{uuid.uuid4().hex[:8]}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError as exc:
            log.info("tile cache: cannot write %s: %s", path, exc)
            return
        self._size = self.size() + len(data) - old
        if self._size > self.limit:
            self.trim()

    def size(self) -> int:
        """Bytes the cached tiles take."""
        if self._size is None:
            self._size = sum(p.stat().st_size for p in self._files())
        return self._size

    def _files(self) -> list[Path]:
        return [p for p in self.folder.glob("*/*/*.tile") if p.is_file()]

    def trim(self) -> None:
        """Remove the least recently used tiles down to 90 % of the limit."""
        entries = []
        for path in self._files():
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        entries.sort()
        total = sum(size for _, size, _ in entries)
        target = self.limit * 0.9
        for _, size, path in entries:
            if total <= target:
                break
            try:
                path.unlink()
                total -= size
            except OSError:
                continue
        self._size = total


@dataclass
class TileStats:
    """What the layer did (for tests, the status bar and benchmarks)."""

    requested: int = 0
    loaded: int = 0  # arrived from the server
    disk_hits: int = 0
    failed: int = 0


class TileLayer(QGraphicsObject):
    """The tiles of ``url_template`` under the map (z value -100). ``cache`` defaults to the
    user's cache folder; ``network`` to the layer's own QNetworkAccessManager."""

    sig_tile_arrived = Signal(int, int, int)
    """sig_tile_arrived(zoom, x, y): a tile came from the server and is drawn."""

    def __init__(
        self,
        url_template: str,
        *,
        cache: TileDiskCache | None = None,
        network: QNetworkAccessManager | None = None,
        parent: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.url_template = url_template.strip()
        self.cache = cache or TileDiskCache.for_template(self.url_template)
        self.network = network or QNetworkAccessManager(self)
        self.stats = TileStats()
        self._memory: OrderedDict[TileKey, QPixmap] = OrderedDict()
        self._pending: dict[TileKey, QNetworkReply] = {}
        self._failed_at: dict[TileKey, float] = {}
        self._offline_until = 0.0
        self.setZValue(-100)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    @property
    def pending(self) -> int:
        """Requests on their way."""
        return len(self._pending)

    @property
    def offline(self) -> bool:
        """True while requests are paused because the server could not be reached."""
        return time.monotonic() < self._offline_until

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(-HALF_WORLD, -HALF_WORLD, 2 * HALF_WORLD, 2 * HALF_WORLD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if not self.url_template:
            return
        transform = painter.worldTransform()
        pixels_per_metre = (transform.m11() ** 2 + transform.m12() ** 2) ** 0.5
        if pixels_per_metre <= 0:
            return
        zoom = zoom_for(1 / pixels_per_metre)
        # What is exposed and on the paint device (scene.render() exposes the whole world).
        inverse, invertible = transform.inverted()
        exposed = option.exposedRect
        if invertible:
            exposed = exposed.intersected(inverse.mapRect(QRectF(painter.viewport())))
        span = tile_span(zoom)
        across = (exposed.width() / span + 2) * (exposed.height() / span + 2)
        if exposed.isEmpty() or across > MAX_TILES_PER_PAINT:
            return  # nothing to draw, or a transform no map view makes
        keys = tiles_covering(
            exposed.left(), exposed.top(), exposed.right(), exposed.bottom(), zoom
        )
        self._abort_other_zooms(zoom)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for tx, ty in keys:
            key = (zoom, tx, ty)
            pixmap = self._pixmap(key)
            target = QRectF(*tile_rect(*key))
            if pixmap is not None:
                painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
                continue
            self._request(key)
            self._draw_coarser(painter, key, target)

    # -- where a tile comes from ---------------------------------------------------------------

    def _pixmap(self, key: TileKey, *, from_disk: bool = True) -> QPixmap | None:
        pixmap = self._memory.get(key)
        if pixmap is not None:
            self._memory.move_to_end(key)
            return pixmap
        if not from_disk:
            return None
        data = self.cache.read(key)
        if data is None:
            return None
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            return None
        self.stats.disk_hits += 1
        self._remember(key, pixmap)
        return pixmap

    def _remember(self, key: TileKey, pixmap: QPixmap) -> None:
        self._memory[key] = pixmap
        self._memory.move_to_end(key)
        while len(self._memory) > MEMORY_TILES:
            self._memory.popitem(last=False)

    def _draw_coarser(self, painter: QPainter, key: TileKey, target: QRectF) -> None:
        """While a tile is missing, the part of a coarser tile in memory that covers it."""
        z, x, y = key
        for up in range(1, min(FALLBACK_LEVELS, z) + 1):
            parent = (z - up, x >> up, y >> up)
            pixmap = self._pixmap(parent, from_disk=False)
            if pixmap is None:
                continue
            part = pixmap.width() / (1 << up)
            source = QRectF(
                (x - (parent[1] << up)) * part, (y - (parent[2] << up)) * part, part, part
            )
            painter.drawPixmap(target, pixmap, source)
            return

    def _request(self, key: TileKey) -> None:
        if key in self._pending or self.offline:
            return
        failed = self._failed_at.get(key)
        if failed is not None and time.monotonic() - failed < RETRY_AFTER:
            return
        request = QNetworkRequest(QUrl(tile_url(self.url_template, key)))
        request.setTransferTimeout(REQUEST_TIMEOUT_MS)
        request.setHeader(QNetworkRequest.KnownHeaders.UserAgentHeader, "GridCenter Desktop")
        reply = self.network.get(request)
        self._pending[key] = reply
        self.stats.requested += 1
        reply.finished.connect(lambda k=key, r=reply: self._arrived(k, r))

    def _abort_other_zooms(self, zoom: int) -> None:
        """Zoomed on: the requests for the old zoom are not needed any more."""
        for key in [k for k in self._pending if k[0] != zoom]:
            reply = self._pending.pop(key)
            reply.finished.disconnect()
            reply.abort()
            reply.deleteLater()

    def _arrived(self, key: TileKey, reply: QNetworkReply) -> None:
        if self._pending.get(key) is not reply:
            reply.deleteLater()
            return
        del self._pending[key]
        reply.deleteLater()
        error = reply.error()
        data = bytes(reply.readAll().data()) if error == QNetworkReply.NetworkError.NoError else b""
        pixmap = QPixmap()
        if not data or not pixmap.loadFromData(data):
            self.stats.failed += 1
            self._failed_at[key] = time.monotonic()
            if error in _UNREACHABLE:
                # Offline or the server is down: stop asking for a while (no dialog, ever).
                self._offline_until = time.monotonic() + OFFLINE_PAUSE
            log.info("tile %s not loaded: %s", key, reply.errorString())
            return
        self._failed_at.pop(key, None)
        self.cache.write(key, data)
        self._remember(key, pixmap)
        self.stats.loaded += 1
        self.update(QRectF(*tile_rect(*key)))
        self.sig_tile_arrived.emit(*key)


def tile_layer_for(context) -> TileLayer | None:
    """The tile layer of the town's tile server (GridWorkSettings.tile_url), or None when no
    server is set (the map then shows the polygons on a plain ground) or the settings cannot
    be read."""
    from sqlalchemy.exc import SQLAlchemyError

    from gridcenter_desktop.services.admin.grid_work_settings import grid_work_settings

    try:
        with context.session_factory() as session:
            template = grid_work_settings(session).tile_url
    except SQLAlchemyError:
        return None
    return TileLayer(template) if template else None
