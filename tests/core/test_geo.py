"""GCJ-02 ↔ WGS-84 against published point pairs, and the polygon checks a grid boundary must
pass (core/geo.py)."""

from __future__ import annotations

import random

import pytest
from shapely.geometry import box

from gridcenter_desktop.core.geo import (
    PointLocator,
    ShapeProblem,
    area_m2,
    boundary_shape,
    gcj02_to_wgs84,
    interior_points,
    overlaps,
    wgs84_to_gcj02,
)

# (WGS-84 lon, lat) → (GCJ-02 lon, lat): the test vectors published with eviltransform
# (github.com/googollee/eviltransform), reused by most GCJ-02 libraries.
PUBLISHED = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),  # Shanghai
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),  # Shenzhen
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),  # Beijing
]


@pytest.mark.parametrize(("wgs", "gcj"), PUBLISHED)
def test_wgs84_to_gcj02_gives_the_published_points(wgs, gcj):
    assert wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), PUBLISHED)
def test_gcj02_to_wgs84_finds_the_published_points_back(wgs, gcj):
    # 1e-7 degrees is about a centimetre.
    assert gcj02_to_wgs84(*gcj) == pytest.approx(wgs, abs=1e-7)


def test_the_offset_at_guangfu_is_a_few_hundred_metres():
    lon, lat = 120.40, 31.29
    g_lon, g_lat = wgs84_to_gcj02(lon, lat)
    # About +0.0045° east and -0.0021° north around Suzhou: ~500 m in all.
    assert 0.003 < g_lon - lon < 0.006
    assert -0.004 < g_lat - lat < 0.0
    assert gcj02_to_wgs84(g_lon, g_lat) == pytest.approx((lon, lat), abs=1e-8)


def test_points_outside_china_are_left_as_they_are():
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    assert gcj02_to_wgs84(-43.17, -22.9) == (-43.17, -22.9)


def _square(x0, y0, size=0.01):
    return {
        "type": "Polygon",
        "coordinates": [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size],
                         [x0, y0]]],
    }  # fmt: skip


def test_a_self_intersecting_boundary_is_refused_with_its_crossing_point():
    bowtie = {"type": "Polygon", "coordinates": [[[120.40, 31.29], [120.41, 31.30],
                                                  [120.41, 31.29], [120.40, 31.30],
                                                  [120.40, 31.29]]]}  # fmt: skip
    with pytest.raises(ShapeProblem) as refused:
        boundary_shape(bowtie)
    assert refused.value.rule == "self_intersection"
    assert refused.value.detail == "120.405 31.295"


@pytest.mark.parametrize(
    ("geometry", "rule"),
    [
        ({"type": "Point", "coordinates": [120.4, 31.29]}, "not_polygon"),
        ({"type": "Polygon", "coordinates": "nonsense"}, "bad_coordinates"),
        ({"type": "Polygon", "coordinates": [[[200, 31], [201, 31], [201, 32], [200, 31]]]},
         "out_of_range"),
        (None, "not_polygon"),
    ],
)  # fmt: skip
def test_what_is_not_a_boundary_is_named(geometry, rule):
    with pytest.raises(ShapeProblem) as refused:
        boundary_shape(geometry)
    assert refused.value.rule == rule


def test_a_multipolygon_is_a_boundary():
    multi = {
        "type": "MultiPolygon",
        "coordinates": [_square(120.40, 31.29)["coordinates"],
                        _square(120.43, 31.29)["coordinates"]],
    }  # fmt: skip
    assert boundary_shape(multi).geom_type == "MultiPolygon"


def test_overlaps_are_found_with_their_area_and_touching_edges_are_not():
    a = boundary_shape(_square(120.40, 31.29))
    b = boundary_shape(_square(120.41, 31.29))  # shares an edge with a
    c = boundary_shape(_square(120.405, 31.29))  # half over a, half over b
    found = overlaps([("a", a), ("b", b), ("c", c)])
    pairs = {(o.first, o.second): o.area_m2 for o in found}
    assert set(pairs) == {("a", "c"), ("b", "c")}
    # Half a 0.01° square at 31.29°N: ~ 0.5 * 951 m * 1113 m.
    assert pairs[("a", "c")] == pytest.approx(area_m2(a) / 2, rel=1e-3)
    assert 520_000 < pairs[("a", "c")] < 540_000


def test_the_locator_answers_the_smallest_grid_holding_the_point():
    big = box(120.40, 31.29, 120.42, 31.31)
    small = box(120.405, 31.295, 120.41, 31.30)
    locator = PointLocator([(1, big), (2, small)])
    assert locator.locate(120.407, 31.297) == 2
    assert locator.locate(120.415, 31.305) == 1
    assert locator.locate(120.50, 31.29) is None
    # On an edge counts as inside.
    assert locator.locate(120.42, 31.30) == 1
    assert PointLocator([]).locate(120.4, 31.29) is None


def test_interior_points_fall_inside_and_are_repeatable():
    shape = boundary_shape(_square(120.40, 31.29))
    first = interior_points(shape, 50, random.Random(7))
    assert first == interior_points(shape, 50, random.Random(7))
    assert len(first) == 50
    assert all(120.40 <= x <= 120.41 and 31.29 <= y <= 31.30 for x, y in first)
