"""Where a longitude/latitude (WGS-84) is drawn: Web Mercator (EPSG:3857), the projection of
every XYZ tile server, so the grid polygons, the ticket points and an intranet server's tiles
line up. Scene coordinates are Mercator metres with y pointing down (north up on screen, as
Qt's scenes count y downwards).

Vectorised with numpy: projecting 100,000 ticket points is one call. The spherical Mercator
formula is written out (it is EPSG:3857's definition, tests check it against published values)
rather than asked of pyproj, whose Transformer objects are not safe to share between the
threads the desk's background jobs run on (a shared one crashed the process).
"""

from __future__ import annotations

import math

import numpy as np

# The sphere EPSG:3857 projects onto (WGS-84's semi-major axis), and half the Mercator world's
# width in metres: x and y run from -HALF_WORLD to +HALF_WORLD.
EARTH_RADIUS = 6378137.0
HALF_WORLD = math.pi * EARTH_RADIUS  # 20037508.342789244
TILE_SIZE = 256
# Web Mercator's latitude limit (the world is square).
MAX_LATITUDE = 85.0511287798066


def to_scene(lon, lat):
    """Scene (x, y) of longitudes and latitudes (floats or arrays): Mercator metres, y down."""
    lon = np.asarray(lon, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LATITUDE, MAX_LATITUDE)
    x = np.radians(lon) * EARTH_RADIUS
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * EARTH_RADIUS
    return x, -y


def from_scene(x, y):
    """(longitude, latitude) of scene coordinates: the inverse of :func:`to_scene`."""
    x = np.asarray(x, dtype=float)
    northing = -np.asarray(y, dtype=float)
    lon = np.degrees(x / EARTH_RADIUS)
    lat = np.degrees(2 * np.arctan(np.exp(northing / EARTH_RADIUS)) - np.pi / 2)
    return lon, lat


def tile_span(zoom: int) -> float:
    """The width in metres of one tile at ``zoom`` (2**zoom tiles across the world)."""
    return 2 * HALF_WORLD / (1 << zoom)


def tile_rect(zoom: int, tx: int, ty: int) -> tuple[float, float, float, float]:
    """Scene rectangle (left, top, width, height) of XYZ tile (tx, ty) at ``zoom``; tile y
    counts from the north edge, as the scene's y does."""
    span = tile_span(zoom)
    return (-HALF_WORLD + tx * span, -HALF_WORLD + ty * span, span, span)


def tiles_covering(
    left: float, top: float, right: float, bottom: float, zoom: int
) -> list[tuple[int, int]]:
    """The XYZ tiles (tx, ty) a scene rectangle touches at ``zoom``, clipped to the world."""
    span = tile_span(zoom)
    count = 1 << zoom
    x0 = max(0, math.floor((left + HALF_WORLD) / span))
    x1 = min(count - 1, math.floor((right + HALF_WORLD) / span))
    y0 = max(0, math.floor((top + HALF_WORLD) / span))
    y1 = min(count - 1, math.floor((bottom + HALF_WORLD) / span))
    return [(tx, ty) for ty in range(y0, y1 + 1) for tx in range(x0, x1 + 1)]


def zoom_for(metres_per_pixel: float) -> int:
    """The tile zoom whose pixels are closest to ``metres_per_pixel`` (0..19)."""
    if metres_per_pixel <= 0:
        return 19
    zoom = math.log2(2 * HALF_WORLD / (TILE_SIZE * metres_per_pixel))
    return max(0, min(19, round(zoom)))
