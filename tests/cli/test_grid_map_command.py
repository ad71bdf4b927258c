"""``gridcenter import grids`` and ``gridcenter export grids`` as an administrator uses them: a
GCJ-02 file imported (overlaps printed), a self-intersecting feature named with nothing
written, the export read back; an operator may export but not import."""

from __future__ import annotations

import io
import json
import sys

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import AreaLevel, UserRole
from gridcenter_desktop.core.geo import wgs84_to_gcj02
from gridcenter_desktop.core.passwords import hash_password
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.user import User

PASSWORD = "Willow-Creek-5512"


def ring(x0, y0, size=0.01):
    x1, y1 = round(x0 + size, 7), round(y0 + size, 7)
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def polygon(coordinates) -> dict:
    return {"type": "Polygon", "coordinates": coordinates}


def write(path, *features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": geometry}
        for props, geometry in features]}, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    return str(path)


@pytest.fixture
def desk(tmp_path) -> str:
    path = tmp_path / "desk.sqlite3"
    engine = make_engine(str(path))
    migrate.upgrade(engine)
    with Session(engine) as s:
        town = Area(level=AreaLevel.TOWN, name="光福镇")
        village = Area(level=AreaLevel.VILLAGE, name="迂里村", parent=town)
        s.add_all([town, village,
                   Area(level=AreaLevel.GRID, name="迂里村第一网格", parent=village),
                   Area(level=AreaLevel.GRID, name="迂里村第二网格", parent=village)])  # fmt: skip
        for login, role in (("chief", UserRole.ADMIN), ("op", UserRole.OPERATOR)):
            s.add(User(login=login, display_name=login, role=role,
                       password_hash=hash_password(PASSWORD)))  # fmt: skip
        s.commit()
    engine.dispose()
    return str(path)


def run(monkeypatch, capsys, *argv):
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def boundaries(db) -> dict[str, dict | None]:
    engine = make_engine(db)
    try:
        with Session(engine) as s:
            rows = s.execute(select(Area.name, Area.geometry).where(Area.level == AreaLevel.GRID))
            return {name: json.loads(g) if g else None for name, g in rows}
    finally:
        engine.dispose()


def test_a_gcj02_file_is_imported_and_exported_back_in_wgs84(desk, tmp_path, monkeypatch, capsys):
    gcj = [[list(wgs84_to_gcj02(x, y)) for x, y in ring(120.40, 31.29)]]
    overlapping = [[list(wgs84_to_gcj02(x, y)) for x, y in ring(120.405, 31.29)]]
    file = write(tmp_path / "amap.geojson",
                 ({"name": "迂里村第一网格"}, polygon(gcj)),
                 ({"name": "迂里村第二网格"}, polygon(overlapping)))  # fmt: skip
    code, out, err = run(monkeypatch, capsys, "import", "grids", file, "--crs", "gcj02",
                         "--db", desk, "--user", "chief")  # fmt: skip
    assert (code, err) == (0, "")
    assert "已导入 2 个网格的边界" in out
    assert "迂里村第一网格 与 迂里村第二网格 重叠" in out
    stored = boundaries(desk)["迂里村第一网格"]["coordinates"][0]
    flat = [v for point in stored for v in point]
    assert flat == pytest.approx([v for point in ring(120.40, 31.29) for v in point], abs=2e-7)

    out_file = tmp_path / "export.geojson"
    code, out, err = run(monkeypatch, capsys, "export", "grids", "--db", desk, "--user", "op",
                         "--out", str(out_file))  # fmt: skip
    assert (code, err) == (0, "") and "已导出 2 个网格" in out
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    assert sorted(f["properties"]["name"] for f in exported["features"]) == [
        "迂里村第一网格", "迂里村第二网格"]  # fmt: skip
    assert all(set(f["properties"]) >= {"code", "name"} for f in exported["features"])
    # Read back as WGS-84 it changes nothing.
    before = boundaries(desk)
    code, out, err = run(monkeypatch, capsys, "import", "grids", str(out_file), "--db", desk,
                         "--user", "chief")  # fmt: skip
    assert code == 0 and boundaries(desk) == before


def test_a_self_intersecting_feature_is_named_and_nothing_is_written(
    desk, tmp_path, monkeypatch, capsys
):
    bowtie = [[120.41, 31.29], [120.42, 31.30], [120.42, 31.29], [120.41, 31.30], [120.41, 31.29]]
    file = write(tmp_path / "bad.geojson",
                 ({"name": "迂里村第一网格"}, polygon([ring(120.4, 31.29)])),
                 ({"name": "迂里村第二网格"}, polygon([bowtie])))  # fmt: skip
    code, out, err = run(monkeypatch, capsys, "import", "grids", file, "--db", desk,
                         "--user", "chief")  # fmt: skip
    assert code == 1
    assert "第 2 个要素（迂里村第二网格）：边界自相交（交点 120.415 31.295）" in out
    assert "没有导入任何网格边界" in err
    assert boundaries(desk) == {"迂里村第一网格": None, "迂里村第二网格": None}


def test_an_operator_may_not_import(desk, tmp_path, monkeypatch, capsys):
    file = write(tmp_path / "g.geojson",
                 ({"name": "迂里村第一网格"}, polygon([ring(120.4, 31.29)])))  # fmt: skip
    code, out, err = run(monkeypatch, capsys, "import", "grids", file, "--db", desk, "--user", "op")
    assert code != 0 and err.startswith("gridcenter: error:")
    assert boundaries(desk)["迂里村第一网格"] is None
