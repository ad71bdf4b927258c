"""Illustrative grid boundaries for the demo town: NOT surveyed boundaries.

Guangfu's 48 grids get plausible polygons near the town's real position (about 31.29°N,
120.40°E, on the east shore of Taihu): one seed per grid around its village's rough centre
(demo/tickets.py ``_CENTRES``), the Voronoi cells of the seeds clipped to a town outline (the
seeds' hull widened by about a kilometre, cut off west of 120.36°E so nothing lies in the lake).
Every grid's cell holds its own seed, so each grid has exactly one polygon and the cells tile
the outline without overlaps.

:func:`grid_places` also draws, per grid, a list of points inside its polygon: the ticket
generator maps the two uniforms it already draws per ticket onto that list, so the demo's
tickets stand inside their grids without a single extra draw from the main generator (the
figures DOMAIN.md pins do not move). All of it comes from its own ``random.Random(seed +
_SEED_OFFSET)``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence

import shapely
from shapely.geometry import MultiPoint, box, mapping
from sqlalchemy import Connection, bindparam, update

from gridcenter_desktop.core.geo import interior_points
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.demo.areas import GridInfo

_SEED_OFFSET = 120_400
# The lake shore: nothing west of this longitude.
_WEST_LIMIT = 120.36
# Points per grid for the tickets (a 32 x 32 lookup of the two uniforms).
_SIDE = 32
PLACES_PER_GRID = _SIDE * _SIDE


def _seeds(grids: Sequence[GridInfo], centres: dict[str, tuple[float, float]], rng) -> list:
    """(lon, lat) per grid: its village's centre, the grid's place in the village's row (as
    the tickets were placed before there were polygons) and a little jitter of its own."""
    seeds = []
    for grid in grids:
        lat, lon = centres[grid.unit.key]
        seeds.append(
            (
                round(lon + rng.uniform(-0.003, 0.003), 6),
                round(lat + (grid.index - 3) * 0.004 + rng.uniform(-0.001, 0.001), 6),
            )
        )
    return seeds


def grid_polygons(
    grids: Sequence[GridInfo], centres: dict[str, tuple[float, float]], seed: int
) -> dict[int, object]:
    """grid id → shapely polygon (WGS-84)."""
    rng = random.Random(seed + _SEED_OFFSET)
    seeds = _seeds(grids, centres, rng)
    points = MultiPoint(seeds)
    outline = points.convex_hull.buffer(0.012, quad_segs=4)
    min_lon, min_lat, max_lon, max_lat = outline.bounds
    outline = outline.intersection(box(_WEST_LIMIT, min_lat, max_lon, max_lat))
    cells = shapely.voronoi_polygons(points, extend_to=outline)
    polygons: dict[int, object] = {}
    for cell in cells.geoms:
        clipped = cell.intersection(outline)
        for grid, point in zip(grids, seeds, strict=True):
            if cell.contains(shapely.Point(point)):
                polygons[grid.id] = shapely.set_precision(clipped, 1e-6)
                break
    missing = [g.name for g in grids if g.id not in polygons]
    if missing:  # pragma: no cover - two grids with one seed
        raise RuntimeError(f"no cell for {missing}")
    return polygons


def grid_places(
    conn: Connection, grids: Sequence[GridInfo], seed: int
) -> dict[int, list[tuple[float, float]]]:
    """Write the grids' polygons to ``area.geometry`` and return, per grid, the points the
    ticket generator places its tickets on (see the module docstring). Called by the build
    before the tickets are made (they need the points)."""
    from gridcenter_desktop.demo.tickets import _CENTRES  # it imports place_of from here

    polygons = grid_polygons(grids, _CENTRES, seed)
    conn.execute(
        update(Area.__table__)
        .where(Area.__table__.c.id == bindparam("grid_id"))
        .values(geometry=bindparam("shape")),
        [
            {"grid_id": grid_id, "shape": json.dumps(mapping(shape), separators=(",", ":"))}
            for grid_id, shape in sorted(polygons.items())
        ],
    )
    rng = random.Random(seed + _SEED_OFFSET + 1)
    return {
        grid_id: [
            (round(lon, 6), round(lat, 6))
            for lon, lat in interior_points(shape, PLACES_PER_GRID, rng)
        ]
        for grid_id, shape in sorted(polygons.items())
    }


def place_of(
    places: list[tuple[float, float]], lat_draw: float, lon_draw: float
) -> tuple[float, float]:
    """The (lon, lat) the two uniforms drawn for a ticket pick (``lat_draw`` in ±0.003,
    ``lon_draw`` in ±0.006, as demo/tickets.py draws them)."""
    row = min(_SIDE - 1, int((lat_draw + 0.003) / 0.006 * _SIDE))
    column = min(_SIDE - 1, int((lon_draw + 0.006) / 0.012 * _SIDE))
    return places[row * _SIDE + column]
