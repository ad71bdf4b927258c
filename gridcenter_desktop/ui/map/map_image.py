"""The town's grid map as a picture: the grid polygons coloured by their open tickets, a thick
red edge where tickets are overdue, each grid's name with its open / overdue counts, a legend,
a title and the moment the counts were taken. Drawn with QPainter on a QImage, so it needs no
view and no screen (the offscreen platform will do), and may be drawn in a background job.

It is a document for superiors, like the Excel reports: its words are fixed Chinese whatever
the window's language. Used by File → 导出地图图片 (:func:`export_map_image`) and by the
statistical report's "网格地图" sheet (:func:`map_png`, handed to reports.summary as bytes by
the export dialog's job and by ``gridcenter report summary`` through :func:`headless_map_png`).
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from gridcenter_desktop.core.map_projection import to_scene
from gridcenter_desktop.services.town_map import TownMap
from gridcenter_desktop.ui.map.layers import class_breaks

DEFAULT_SIZE = (1600, 1130)  # about A4 landscape's proportions
FONT_FAMILIES = ["Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC"]

GROUND = QColor("#ffffff")
NO_TICKETS = QColor("#f5f5f5")  # as the map dock (ui/map/layers.py)
# Open tickets, light to dark (ColorBrewer OrRd): the legend's classes above zero.
CLASS_COLOURS = (QColor("#fee8c8"), QColor("#fdbb84"), QColor("#fc8d59"), QColor("#d7301f"))
EDGE = QColor("#606060")
OVERDUE_EDGE = QColor("#b00000")
TEXT = QColor("#202020")


def class_limits(counts) -> list[int]:
    """Upper limits of the open-count classes above zero: the map dock's classes
    (ui.map.layers.class_breaks, the quartiles of the non-zero counts), so the picture in the
    report and the map on the screen colour a grid alike; the last class ends at the highest
    count."""
    counts = list(counts)
    highest = max(counts, default=0)
    if highest <= 0:
        return []
    return [bound for bound in class_breaks(counts) if bound < highest] + [highest]


def colour_for(count: int, limits: list[int]) -> QColor:
    """The fill of a grid with ``count`` open tickets."""
    if count <= 0:
        return NO_TICKETS
    for index, limit in enumerate(limits):
        if count <= limit:
            return CLASS_COLOURS[index]
    return CLASS_COLOURS[-1]


def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(6, round(pixels)))
    font.setBold(bold)
    return font


def title_of(town: TownMap) -> str:
    return f"{town.town_name or ''}网格地图：在办与超期工单"


def render_map(
    town: TownMap, width: int = DEFAULT_SIZE[0], height: int = DEFAULT_SIZE[1]
) -> QImage:
    """The picture of ``town`` at ``width`` x ``height`` pixels."""
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(GROUND)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        unit = min(width, height) / 100  # text and margins follow the picture's size
        margin = 2.5 * unit
        painter.setPen(TEXT)
        painter.setFont(_font(3.2 * unit, bold=True))
        title_box = QRectF(margin, margin, width - 2 * margin, 4.5 * unit)
        painter.drawText(title_box, Qt.AlignmentFlag.AlignCenter, title_of(town))
        painter.setFont(_font(1.8 * unit))
        sub_box = QRectF(margin, title_box.bottom(), width - 2 * margin, 3 * unit)
        painter.drawText(
            sub_box,
            Qt.AlignmentFlag.AlignCenter,
            f"截至 {town.as_of:%Y年%m月%d日 %H:%M}　在办工单 {town.open_total:,} 件，"
            f"其中超期 {town.overdue_total:,} 件",
        )
        top = sub_box.bottom() + unit
        legend_width = 24 * unit
        map_box = QRectF(margin, top, width - 3 * margin - legend_width, height - top - margin)
        limits = class_limits(g.open_count for g in town.grids)
        _draw_grids(painter, town, map_box, limits, unit)
        legend_box = QRectF(map_box.right() + margin, top, legend_width, map_box.height())
        _draw_legend(painter, town, legend_box, limits, unit)
    finally:
        painter.end()
    return image


def _draw_grids(
    painter: QPainter, town: TownMap, box: QRectF, limits: list[int], unit: float
) -> None:
    drawn = town.drawn
    if not drawn:
        painter.setPen(TEXT)
        painter.setFont(_font(2.4 * unit))
        painter.drawText(
            box,
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            "尚未导入网格边界（系统管理 → 导入网格边界），暂无地图。",
        )
        return
    # Every vertex projected in one call (Web Mercator, the map dock's projection).
    lon = np.array([p[0] for g in drawn for poly in g.polygons for ring in poly for p in ring])
    lat = np.array([p[1] for g in drawn for poly in g.polygons for ring in poly for p in ring])
    xs, ys = to_scene(lon, lat)
    left, right, top, bottom = xs.min(), xs.max(), ys.min(), ys.max()
    scale = min(box.width() / max(right - left, 1e-9), box.height() / max(bottom - top, 1e-9))
    dx = box.left() + (box.width() - (right - left) * scale) / 2 - left * scale
    dy = box.top() + (box.height() - (bottom - top) * scale) / 2 - top * scale

    def point(lon_lat: tuple[float, float]) -> QPointF:
        x, y = to_scene(lon_lat[0], lon_lat[1])
        return QPointF(float(x) * scale + dx, float(y) * scale + dy)

    paths = []
    index = 0
    for grid in drawn:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for polygon in grid.polygons:
            for ring in polygon:
                n = len(ring)
                ring_points = [
                    QPointF(float(xs[i]) * scale + dx, float(ys[i]) * scale + dy)
                    for i in range(index, index + n)
                ]
                index += n
                path.addPolygon(QPolygonF(ring_points))
                path.closeSubpath()
        paths.append(path)
        painter.setPen(QPen(EDGE, max(1.0, 0.12 * unit)))
        painter.setBrush(QBrush(colour_for(grid.open_count, limits)))
        painter.drawPath(path)
    # Overdue edges over every fill, each inside its own grid (clipped: the inner half of a
    # double-width pen), so two overdue neighbours keep two rims, not one merged line.
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(OVERDUE_EDGE, 2 * max(2.0, 0.4 * unit)))
    for grid, path in zip(drawn, paths, strict=True):
        if grid.overdue_count:
            painter.save()
            painter.setClipPath(path)
            painter.drawPath(path)
            painter.restore()
    name_font = _font(1.35 * unit)
    count_font = _font(1.35 * unit, bold=True)
    names, counts = QFontMetricsF(name_font), QFontMetricsF(count_font)
    painter.setPen(TEXT)
    for grid, path in zip(drawn, paths, strict=True):
        at = point(grid.label_at) if grid.label_at else path.boundingRect().center()
        room = path.boundingRect().width()
        count_text = f"{grid.open_count}/{grid.overdue_count}"
        line = names.height()
        tall = path.boundingRect().height()
        if names.horizontalAdvance(grid.name) <= room * 1.1 and tall >= 2.6 * line:
            painter.setFont(name_font)
            painter.drawText(
                QRectF(at.x() - room, at.y() - line, 2 * room, line),
                Qt.AlignmentFlag.AlignCenter,
                grid.name,
            )
            below = at.y()
        else:
            below = at.y() - counts.height() / 2
        painter.setFont(count_font)
        painter.setPen(TEXT)  # dark on every fill; the red rim marks the overdue
        painter.drawText(
            QRectF(at.x() - room, below, 2 * room, counts.height()),
            Qt.AlignmentFlag.AlignCenter,
            count_text,
        )
        painter.setPen(TEXT)


def _draw_legend(
    painter: QPainter, town: TownMap, box: QRectF, limits: list[int], unit: float
) -> None:
    painter.setPen(TEXT)
    painter.setFont(_font(1.9 * unit, bold=True))
    y = box.top() + unit
    line = 3.2 * unit
    painter.drawText(QRectF(box.left(), y, box.width(), line), "图例：在办工单（件）")
    y += line
    painter.setFont(_font(1.7 * unit))
    entries: list[tuple[QColor, str]] = [(NO_TICKETS, "0")]
    lower = 1
    for index, limit in enumerate(limits):
        text = f"{lower}" if lower == limit else f"{lower}–{limit}"
        entries.append((CLASS_COLOURS[index], text))
        lower = limit + 1
    swatch = 2.4 * unit
    for colour, text in entries:
        painter.setPen(QPen(EDGE, max(1.0, 0.12 * unit)))
        painter.setBrush(colour)
        painter.drawRect(QRectF(box.left(), y + (line - swatch) / 2, swatch * 1.6, swatch))
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(box.left() + swatch * 2, y, box.width() - swatch * 2, line),
            Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        y += line
    y += unit
    painter.setPen(QPen(OVERDUE_EDGE, max(2.0, 0.45 * unit)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(box.left(), y + (line - swatch) / 2, swatch * 1.6, swatch))
    painter.setPen(TEXT)
    painter.drawText(
        QRectF(box.left() + swatch * 2, y, box.width() - swatch * 2, line),
        Qt.AlignmentFlag.AlignVCenter,
        "有超期工单",
    )
    y += line + unit
    notes = ["标注：网格名称", "在办/超期（件）"]
    missing = len(town.grids) - len(town.drawn)
    if missing:
        notes.append(f"另有 {missing} 个网格未导入边界，")
        notes.append("未在图中显示")
    for text in notes:
        painter.drawText(
            QRectF(box.left(), y, box.width(), line), Qt.AlignmentFlag.AlignVCenter, text
        )
        y += line * 0.85


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("the map picture could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def map_png(session, now: datetime, size: tuple[int, int] = DEFAULT_SIZE) -> bytes:
    """The town's map at ``now`` as PNG bytes (services.town_map read in ``session``). Needs a
    QGuiApplication (fonts); callable in a background job."""
    from gridcenter_desktop.services.town_map import town_map

    return png_bytes(render_map(town_map(session, now), *size))


def headless_map_png(session, now: datetime) -> bytes | None:
    """For ``gridcenter report summary`` (no window): the map's PNG, making a
    QApplication first when the process has none. On Linux it uses the ``offscreen``
    platform (no display needed; fonts come from fontconfig) unless QT_QPA_PLATFORM says
    otherwise; elsewhere the system's own platform, which shows nothing either. None when Qt
    cannot start (the report then says the picture is missing)."""
    if QGuiApplication.instance() is None:
        # A QApplication (not only a QGuiApplication), so a process that later shows widgets
        # (a test session) can go on with the same one.
        from PySide6.QtWidgets import QApplication

        argv = [sys.argv[0] if sys.argv else "gridcenter"]
        if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
            argv += ["-platform", "offscreen"]
        try:
            _keep.append(QApplication(argv))
        except RuntimeError:
            return None
    return map_png(session, now)


_keep: list[QGuiApplication] = []  # the command's application lives as long as the process


# --- File → 导出地图图片 --------------------------------------------------------------------


def _map_picture_job(job, path: Path, actor, now: datetime) -> Path:
    """In the background: count, draw, save and audit (one session)."""
    from gridcenter_desktop.reports.map_picture import save_map_picture
    from gridcenter_desktop.services.town_map import town_map

    session = job.session()
    town = town_map(session, now)
    png = png_bytes(render_map(town))
    return save_map_picture(session, actor, path, png, len(town.drawn))


def file_error_text(exc) -> str:
    """Why a picture file could not be written (the export dialog's own sentences)."""
    from gridcenter_desktop.reports import files

    translate = QCoreApplication.translate
    texts = {
        files.DIRECTORY_MISSING: translate("ExportDialog", "The folder {folder} does not exist."),
        files.NOT_WRITABLE: translate(
            "ExportDialog", "You may not write to {folder}. Choose another folder."
        ),
        files.LOCKED: translate(
            "ExportDialog",
            "{name} is open in another program (Excel or WPS). Close it and export again.",
        ),
        files.DISK_FULL: translate(
            "ExportDialog", "The disk is full. Free some space or choose another disk."
        ),
        files.IS_DIRECTORY: translate("ExportDialog", "{path} is a folder. Give a file name."),
    }
    text = texts.get(exc.reason, translate("ExportDialog", "{path} could not be written."))
    where = {"folder": str(exc.path.parent), "name": exc.path.name, "path": str(exc.path)}
    return text.format(**where) + " " + translate("ExportDialog", "Nothing was written.")


def export_map_image(window, path: Path | None = None) -> None:
    """File → 导出地图图片: ask where (a .png, in the export folder, ui/save_paths.py), then draw
    and save the picture in a background job; the status bar says where it went, a message
    box why it could not be written. ``path`` skips the question (tests)."""
    from PySide6.QtWidgets import QMessageBox

    from gridcenter_desktop.reports import files
    from gridcenter_desktop.services.errors import ServiceError
    from gridcenter_desktop.ui import labels
    from gridcenter_desktop.ui.save_paths import ask_save_path, remember_last_folder

    context = window.context
    if path is None:
        chosen = ask_save_path(
            window,
            context.settings,
            QCoreApplication.translate("MapImage", "Export the map as a picture"),
            f"网格地图_{context.today():%Y%m%d}.png",
            QCoreApplication.translate("MapImage", "PNG picture (*.png)"),
        )
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".png") else chosen + ".png")
    status = window.statusBar()
    status.showMessage(QCoreApplication.translate("MapImage", "Drawing the map…"))

    def done(saved: Path) -> None:
        remember_last_folder(context.settings, saved.parent)
        status.showMessage(
            QCoreApplication.translate("MapImage", "Map picture saved as {path}.").format(
                path=str(saved)
            ),
            30_000,
        )

    def failed(exc: BaseException) -> None:
        status.clearMessage()
        if isinstance(exc, files.ReportFileError):
            text = file_error_text(exc)
        elif isinstance(exc, ServiceError):
            text = labels.error_text(exc)
        else:
            context.jobs.sig_job_failed.emit(exc)  # logged and explained by the frame
            return
        QMessageBox.warning(
            window, QCoreApplication.translate("MapImage", "Export the map as a picture"), text
        )

    context.jobs.submit(_map_picture_job, path, context.actor, context.now(), on_result=done,
                        on_error=failed)  # fmt: skip
