"""Background tiles from a tile server (here a local http.server in a thread serving generated
PNG tiles): fetched once, then drawn from the disk cache without asking the server; offline,
nothing but the cache and never a dialog."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QTransform
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMessageBox

from gridcenter_desktop.core.map_projection import TILE_SIZE, tile_span, to_scene
from gridcenter_desktop.ui.map.tiles import TileDiskCache, TileLayer

pytestmark = pytest.mark.ui

ZOOM = 14
EVEN, ODD = (30, 120, 200), (230, 160, 40)  # checkerboard colours by x + y


class _TileServer:
    """Serves /<z>/<x>/<y>.png, coloured by (x + y) % 2; counts the requests."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                server.hits.append(self.path)
                try:
                    z, x, y = (int(p) for p in self.path.strip("/").removesuffix(".png").split("/"))
                except ValueError:
                    self.send_error(404)
                    return
                out = io.BytesIO()
                colour = EVEN if (x + y) % 2 == 0 else ODD
                Image.new("RGB", (TILE_SIZE, TILE_SIZE), colour).save(out, "PNG")
                body = out.getvalue()
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def tile_server():
    server = _TileServer()
    yield server
    server.stop()


def _map(qtbot, layer: TileLayer) -> QGraphicsView:
    """A 300x200 view on Guangfu at tile zoom 14 (one screen pixel a tile pixel)."""
    scene = QGraphicsScene()
    scene.addItem(layer)
    view = QGraphicsView(scene)
    view.setHorizontalScrollBarPolicy(view.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(view.verticalScrollBarPolicy().ScrollBarAlwaysOff)
    view.setSceneRect(layer.boundingRect())
    view._scene = scene  # kept alive with the view
    qtbot.addWidget(view)
    view.resize(300, 200)
    scale = TILE_SIZE / tile_span(ZOOM)
    view.setTransform(QTransform.fromScale(scale, scale))
    x, y = to_scene(120.40, 31.29)
    view.centerOn(QPointF(float(x), float(y)))
    view.show()
    qtbot.waitExposed(view)
    return view


def _colours(view: QGraphicsView) -> set[tuple[int, int, int]]:
    image = view.viewport().grab().toImage()
    found = set()
    for px in range(5, image.width(), 40):
        for py in range(5, image.height(), 40):
            c = QColor(image.pixel(px, py))
            found.add((c.red(), c.green(), c.blue()))
    return found


def _settled(layer: TileLayer, view: QGraphicsView) -> bool:
    view.viewport().repaint()
    return layer.pending == 0 and layer.stats.requested > 0


def test_tiles_come_once_from_the_server_then_from_the_disk(qtbot, tile_server, tmp_path):
    cache = TileDiskCache(tmp_path / "tiles")
    first = TileLayer(tile_server.url, cache=cache)
    view = _map(qtbot, first)
    qtbot.waitUntil(lambda: _settled(first, view) and first.stats.loaded == first.stats.requested)
    fetched = len(tile_server.hits)
    # A 300x200 view over 256-pixel tiles touches 2 to 3 tiles across and 1 to 2 down.
    assert 2 <= fetched <= 6
    assert all(hit.startswith(f"/{ZOOM}/") for hit in tile_server.hits)
    assert len(list((tmp_path / "tiles").glob("*/*/*.tile"))) == fetched
    qtbot.waitUntil(lambda: _colours(view) == {EVEN, ODD})  # the checkerboard is drawn

    # A new map (another window, the next start): the same tiles, from the disk alone.
    again = TileLayer(tile_server.url, cache=TileDiskCache(tmp_path / "tiles"))
    view2 = _map(qtbot, again)
    view2.viewport().repaint()
    assert _colours(view2) == {EVEN, ODD}
    assert again.stats.disk_hits == fetched and again.stats.requested == 0
    assert len(tile_server.hits) == fetched  # the server was not asked again


def test_offline_the_map_shows_the_cache_and_no_dialog(qtbot, tile_server, tmp_path):
    url = tile_server.url
    tile_server.stop()  # the intranet server is gone
    layer = TileLayer(url, cache=TileDiskCache(tmp_path / "empty"))
    view = _map(qtbot, layer)
    qtbot.waitUntil(lambda: _settled(layer, view) and layer.stats.failed > 0)
    assert layer.offline  # requests paused: no retry storm
    asked = layer.stats.requested
    view.viewport().repaint()
    assert layer.stats.requested == asked
    assert _colours(view) <= {(255, 255, 255)}  # the plain ground, no tiles
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert not dialogs and layer.stats.loaded == 0


def test_the_disk_cache_keeps_under_its_cap_dropping_the_least_recently_used(tmp_path):
    tile = b"x" * 1000
    cache = TileDiskCache(tmp_path, limit=3500)
    for y in range(3):
        cache.write((10, 1, y), tile)
    assert cache.read((10, 1, 0)) == tile  # used again: kept
    import os
    import time

    old = time.time() - 100
    for y in (1, 2):  # not used for a while
        os.utime(cache.path((10, 1, y)), (old, old))
    cache.write((10, 1, 3), tile)
    assert cache.size() <= 3500 * 0.9
    assert cache.read((10, 1, 0)) == tile and cache.read((10, 1, 3)) == tile
    assert cache.read((10, 1, 1)) is None


def test_a_picture_of_the_scene_asks_only_for_its_own_tiles(qtbot, tile_server, tmp_path):
    """scene.render() (no view) exposes the whole world: only the tiles of the target count."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    layer = TileLayer(tile_server.url, cache=TileDiskCache(tmp_path / "tiles"))
    scene = QGraphicsScene()
    scene.addItem(layer)
    x, y = (float(v) for v in to_scene(120.40, 31.29))
    span = tile_span(ZOOM)
    source = QRectF(x - span, y - span / 2, 2 * span, span)  # 512x256 pixels at zoom 14
    image = QImage(512, 256, QImage.Format.Format_ARGB32_Premultiplied)

    def render() -> None:
        painter = QPainter(image)
        scene.render(painter, QRectF(0, 0, 512, 256), source)
        painter.end()

    render()
    assert 2 <= layer.stats.requested <= 6
    qtbot.waitUntil(lambda: layer.pending == 0)
    render()
    centre = QColor(image.pixel(256, 128))
    assert (centre.red(), centre.green(), centre.blue()) in (EVEN, ODD)


def test_the_layer_follows_the_towns_tile_server_setting(qapp, make_context, small_town):
    from gridcenter_desktop.core.enums import UserRole
    from gridcenter_desktop.services.actor import Actor
    from gridcenter_desktop.services.admin.grid_work_settings import (
        GridWorkSettings,
        save_grid_work_settings,
    )
    from gridcenter_desktop.ui.map.tiles import tile_layer_for

    url, _ids = small_town
    context = make_context(url)
    assert tile_layer_for(context) is None  # no server: the polygons on a plain ground
    template = "http://10.1.2.3/tiles/{z}/{x}/{y}.png"
    with context.session_factory() as session:
        save_grid_work_settings(
            session, Actor(None, UserRole.ADMIN, "王管理"), GridWorkSettings(tile_url=template)
        )
    layer = tile_layer_for(context)
    assert layer is not None and layer.url_template == template
    assert layer.cache.folder.parent.name == "tiles"  # under the user's cache folder
    # The map dock opened now draws that server's tiles under the grids.
    from gridcenter_desktop.ui.map.dock import MapDock
    from gridcenter_desktop.ui.map.layers import Z_TILES
    from gridcenter_desktop.ui.map.tiles import TileLayer

    dock = MapDock(context)
    tiles = [i for i in dock.view.scene().items() if isinstance(i, TileLayer)]
    assert len(tiles) == 1 and tiles[0].zValue() == Z_TILES
    assert tiles[0].url_template == template
    dock.deleteLater()
