"""The map's projection: Web Mercator with y down, and the XYZ tiles that cover a view."""

import numpy as np
import pytest

from gridcenter_desktop.core import map_projection as mp


def test_guangfu_round_trips_and_north_is_up():
    x, y = mp.to_scene([120.40, 120.40], [31.29, 31.30])
    # Further north is further up the screen: a smaller scene y.
    assert y[1] < y[0]
    lon, lat = mp.from_scene(x, y)
    assert np.allclose(lon, [120.40, 120.40]) and np.allclose(lat, [31.29, 31.30])
    # Known EPSG:3857 easting of 120.4°E (π·R·120.4/180).
    assert x[0] == pytest.approx(13402866.69, abs=0.1)


def test_tiles_covering_the_town_at_zoom_12():
    x, y = mp.to_scene([120.30, 120.50], [31.35, 31.22])
    tiles = mp.tiles_covering(x[0], y[0], x[1], y[1], 12)
    # The standard XYZ numbering: zoom 12 tile x of 120.4°E is floor((120.4+180)/360·4096).
    assert (3417, 1678) in tiles or any(tx == 3417 for tx, _ in tiles)
    for tx, ty in tiles:
        left, top, w, h = mp.tile_rect(12, tx, ty)
        assert w == h == mp.tile_span(12)


def test_published_epsg3857_values():
    # pyproj / PROJ give these for EPSG:4326 → EPSG:3857 (northing negated: y down).
    x, y = mp.to_scene([120.40, 0.0, 180.0], [31.29, 0.0, 85.0511287798066])
    assert x[0] == pytest.approx(13402866.6915, abs=1e-3)
    assert -y[0] == pytest.approx(3670468.7110, abs=1e-3)
    assert x[1] == 0.0 and y[1] == pytest.approx(0.0, abs=1e-6)
    assert x[2] == pytest.approx(mp.HALF_WORLD) and -y[2] == pytest.approx(mp.HALF_WORLD)


def test_zoom_for_pixel_size():
    assert mp.zoom_for(mp.tile_span(15) / mp.TILE_SIZE) == 15
