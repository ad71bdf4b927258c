"""Make gridcenter.ico (the Windows program icon build.spec uses) from gridcenter.svg.

Run once after changing the SVG, and commit the .ico:

    QT_QPA_PLATFORM=offscreen uv run python resources/icons/make_ico.py

Qt renders the SVG at each size Windows asks for (Explorer, taskbar, Alt+Tab); Pillow writes
the sizes into one .ico.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(HERE / "gridcenter.svg"))
    images = [render(renderer, size) for size in SIZES]
    # Pillow stores each requested size; the largest image is the source of them all, so each
    # size is given its own rendering through append_images.
    images[-1].save(
        HERE / "gridcenter.ico",
        format="ICO",
        sizes=[(s, s) for s in SIZES],
        append_images=images[:-1],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
