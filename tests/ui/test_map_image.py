"""The grid map as a picture: drawn offscreen (no view), saved by File → Export the map as a
picture (audited), and put in the statistical report by the export dialog."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from openpyxl import load_workbook
from PIL import Image
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.reports.grid_map_sheet import SHEET
from gridcenter_desktop.services.town_map import GridOnMap, TownMap
from gridcenter_desktop.ui.export_dialog import ExportDialog
from gridcenter_desktop.ui.map import map_image
from gridcenter_desktop.ui.map.map_image import (
    CLASS_COLOURS,
    NO_TICKETS,
    OVERDUE_EDGE,
    class_limits,
    colour_for,
    render_map,
)

pytestmark = pytest.mark.ui


def _square(lon: float, lat: float, size: float = 0.01):
    ring = ((lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat))
    return ((ring,),)


def _colours_across(image, y: int) -> set[str]:
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2)}


def test_grids_are_coloured_by_open_tickets_with_overdue_edges(qapp):
    quiet = GridOnMap(1, "东网格", None, "迂里村", 0, 0, _square(120.41, 31.29), (120.415, 31.2935))
    busy = GridOnMap(2, "西网格", None, "迂里村", 25, 2, _square(120.40, 31.29), (120.405, 31.2935))
    town = TownMap("光福镇", datetime(2026, 12, 2, 10, 0), (quiet, busy))
    image = render_map(town, 800, 560)
    assert (image.width(), image.height()) == (800, 560)
    # Across the map's upper part (above the names): the quiet grid's grey, the busy one's
    # class (the only grid with tickets: the first class, as the map dock colours it) and its
    # red overdue edge.
    seen = _colours_across(image, 150)
    assert class_limits([0, 25]) == [25]
    assert {NO_TICKETS.name(), CLASS_COLOURS[0].name(), OVERDUE_EDGE.name()} <= seen
    # A town with no tickets anywhere: no class colours, no red edge.
    calm = TownMap("光福镇", town.as_of, (quiet,))
    seen = _colours_across(render_map(calm, 800, 560), 150)
    assert OVERDUE_EDGE.name() not in seen and CLASS_COLOURS[0].name() not in seen


def test_the_picture_classes_are_the_map_docks():
    from gridcenter_desktop.ui.map.layers import CLASS_COLOURS as DOCK_COLOURS
    from gridcenter_desktop.ui.map.layers import class_breaks, class_of

    counts = [0, 3, 5, 8, 9, 11, 12, 13, 20, 40]
    limits = class_limits(counts)
    breaks = class_breaks(counts)
    for n in counts:
        # The same colour for the same count on the screen and in the report's picture.
        assert colour_for(n, limits).name() == DOCK_COLOURS[class_of(n, breaks)]


def _draw_grids(url: str, ids: dict[str, int]) -> None:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        for n, name in enumerate(("迂里村第一网格", "迂里村第二网格", "香雪村第一网格")):
            geometry = {
                "type": "Polygon",
                "coordinates": [list(_square(120.38 + n * 0.01, 31.29)[0][0])],
            }
            session.get(Area, ids[name]).geometry = json.dumps(geometry)
        session.commit()
    engine.dispose()


def test_file_export_map_saves_the_picture_and_audits_it(qtbot, make_context, small_town, tmp_path):
    from gridcenter_desktop.ui.main_window import MainWindow

    url, ids = small_town
    _draw_grids(url, ids)
    context = make_context(url)
    window = MainWindow(context)
    qtbot.addWidget(window)
    action = window.commands["file.export_map"]
    assert action in window.menus["file"].actions() and action.isEnabled()
    path = tmp_path / "网格地图.png"
    map_image.export_map_image(window, path)
    qtbot.waitUntil(lambda: str(path) in window.statusBar().currentMessage(), timeout=20_000)
    picture = Image.open(path)
    assert picture.format == "PNG" and picture.size == map_image.DEFAULT_SIZE
    with context.session_factory() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)
        ).one()
        assert entry.target == "map_image"

    warned = []
    qtbot_patch = pytest.MonkeyPatch()
    qtbot_patch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    try:
        map_image.export_map_image(window, tmp_path / "missing" / "地图.png")
        qtbot.waitUntil(lambda: bool(warned), timeout=20_000)
    finally:
        qtbot_patch.undo()
    assert "missing" in warned[0] and not (tmp_path / "missing").exists()


def test_the_summary_from_the_export_dialog_carries_the_map(
    qtbot, make_context, small_town, tmp_path
):
    url, ids = small_town
    _draw_grids(url, ids)
    dialog = ExportDialog(make_context(url))
    qtbot.addWidget(dialog)
    dialog.set_kind("summary")
    dialog.path.setText(str(tmp_path / "报表.xlsx"))
    with qtbot.waitSignal(dialog.sig_exported, timeout=30_000):
        dialog.export_button.click()
    ws = load_workbook(tmp_path / "报表.xlsx")[SHEET]
    assert len(ws._images) == 1
    assert Image.open(io.BytesIO(ws._images[0]._data())).size == map_image.DEFAULT_SIZE
