"""Administration → 导入网格边界: the administrator chooses a GeoJSON file and its coordinate
system, sees each feature's problem (a self-intersecting boundary named, the import refused)
or the grids it fills, and imports; on PostgreSQL as the administrator's own login role."""

from __future__ import annotations

import json

import pytest
from admin_desk import signed_context, signed_in_town
from sqlalchemy import select

from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.ui.admin.grid_map_dialog import GridMapImportDialog

__all__ = ["signed_in_town"]

pytestmark = pytest.mark.ui

SQUARE = [[120.40, 31.29], [120.41, 31.29], [120.41, 31.30], [120.40, 31.30], [120.40, 31.29]]
BOWTIE = [[120.41, 31.29], [120.42, 31.30], [120.42, 31.29], [120.41, 31.30], [120.41, 31.29]]


def _town(url: str) -> None:
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        town = Area(level=AreaLevel.TOWN, name="光福镇")
        village = Area(level=AreaLevel.VILLAGE, name="福利村", parent=town)
        s.add_all([town, village,
                   Area(level=AreaLevel.GRID, name="福利村第一网格", parent=village),
                   Area(level=AreaLevel.GRID, name="福利村第二网格", parent=village)])  # fmt: skip
        s.commit()
    engine.dispose()


def _file(path, second_ring):
    features = [
        {"type": "Feature", "properties": {"name": name},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for name, ring in (("福利村第一网格", SQUARE), ("福利村第二网格", second_ring))
    ]  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


def _boundaries(url: str) -> dict:
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        rows = s.execute(select(Area.name, Area.geometry).where(Area.level == AreaLevel.GRID))
        found = {name: geometry is not None for name, geometry in rows}
    engine.dispose()
    return found


def _planned(qtbot, dialog, path, crs="wgs84"):
    dialog.set_file(path, crs)
    qtbot.waitUntil(lambda: dialog.plan is not None)


def test_a_bad_feature_is_named_and_a_good_file_imports(
    qtbot, make_context, signed_in_town, tmp_path
):
    url, signed = signed_in_town
    _town(url)
    ctx = signed_context(make_context, url, signed)
    dialog = GridMapImportDialog(ctx)
    qtbot.addWidget(dialog)

    _planned(qtbot, dialog, _file(tmp_path / "bad.geojson", BOWTIE))
    assert not dialog.import_button.isEnabled()
    cells = [dialog.table.item(0, c).text() for c in range(3)]
    assert cells[:2] == ["2", "福利村第二网格"]
    assert "120.415 31.295" in cells[2]

    second = [[x + 0.01, y] for x, y in SQUARE]
    _planned(qtbot, dialog, _file(tmp_path / "good.geojson", second))
    assert dialog.table.rowCount() == 0
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_imported, timeout=10_000) as imported:
        dialog.import_button.click()
    assert imported.args[0].grids == 2
    assert _boundaries(url) == {"福利村第一网格": True, "福利村第二网格": True}
    assert not dialog.import_button.isEnabled()
