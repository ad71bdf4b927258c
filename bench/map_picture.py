"""Map picture and tile layer benchmark.

    QT_QPA_PLATFORM=offscreen uv run python bench/map_picture.py --db URL [--repeat 5]

On a database whose grids have boundaries (area.geometry), prints the median milliseconds of:
counts (services.town_map.town_map: the grid tree's counts plus the boundaries and label
points), draw (ui/map/map_image.render_map at 1600x1130), png (encoding it), and for the tile
layer over a 1366x768 view at zoom 14 (tiles served from memory by a stand-in disk cache of
generated tiles): paint_disk (first paint, each tile read from the disk cache and decoded) and
paint_memory (the next paint, all tiles decoded in memory).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]
# ruff: noqa: E402 (the imports below come after that fix)

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.map_projection import (
    TILE_SIZE,
    tile_span,
    tiles_covering,
    to_scene,
)
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.town_map import town_map
from gridcenter_desktop.ui.map.map_image import png_bytes, render_map
from gridcenter_desktop.ui.map.tiles import TileDiskCache, TileLayer


def _ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _tile_png(n: int) -> bytes:
    image = QImage(TILE_SIZE, TILE_SIZE, QImage.Format.Format_RGB32)
    image.fill(QColor.fromHsv(n * 37 % 360, 80, 230))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    engine = make_engine(args.db)
    now = china_now()
    with make_session_factory(engine)() as session:
        town = town_map(session, now)
        print(f"grids {len(town.grids)}, drawn {len(town.drawn)}, open {town.open_total}")
        print(f"counts        {_ms(lambda: town_map(session, now), args.repeat):8.1f} ms")
    image = render_map(town)
    print(f"draw          {_ms(lambda: render_map(town), args.repeat):8.1f} ms")
    print(f"png           {_ms(lambda: png_bytes(image), args.repeat):8.1f} ms")

    zoom, width, height = 14, 1366, 768
    scale = TILE_SIZE / tile_span(zoom)
    x, y = (float(v) for v in to_scene(120.40, 31.29))
    half_w, half_h = width / 2 / scale, height / 2 / scale
    source = QRectF(QPointF(x - half_w, y - half_h), QPointF(x + half_w, y + half_h))
    keys = tiles_covering(source.left(), source.top(), source.right(), source.bottom(), zoom)
    with tempfile.TemporaryDirectory() as folder:
        cache = TileDiskCache(Path(folder))
        for n, (tx, ty) in enumerate(keys):
            cache.write((zoom, tx, ty), _tile_png(n))
        target = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)

        def paint(layer_scene: QGraphicsScene) -> None:
            painter = QPainter(target)
            layer_scene.render(painter, QRectF(0, 0, width, height), source)
            painter.end()

        disk = []
        for _ in range(args.repeat):
            scene = QGraphicsScene()
            layer = TileLayer("http://127.0.0.1:9/{z}/{x}/{y}.png", cache=cache)
            scene.addItem(layer)
            disk.append(_ms(lambda s=scene: paint(s), 1))
            assert layer.stats.disk_hits == len(keys) and layer.stats.requested == 0
        print(f"tiles         {len(keys):8d} at zoom {zoom} over {width}x{height}")
        print(f"paint_disk    {statistics.median(disk):8.1f} ms")
        print(f"paint_memory  {_ms(lambda: paint(scene), args.repeat):8.1f} ms")
    engine.dispose()
    del app


if __name__ == "__main__":
    main()
