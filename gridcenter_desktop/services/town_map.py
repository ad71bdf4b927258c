"""The town as a map of its grids: each grid's boundary (WGS-84), where its name goes, and its
open and overdue tickets at a moment. What the map picture (ui/map/map_image.py) draws and the
statistical report's "网格地图" sheet tabulates, so the two never disagree.

The boundaries are read from ``area.geometry`` (GeoJSON text) by :func:`grid_outlines`, a
stand-in until services.grid_map.grid_boundaries (the grid-map import's reader) is the one
reader; the counts are services.areas.area_tree's, the grid tree's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import shapely
import shapely.errors
import shapely.ops
from shapely.geometry import MultiPolygon, Polygon, shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.services.admin.town import town_settings
from gridcenter_desktop.services.areas import AreaNode, all_areas, area_tree, village_of

# A ring is a sequence of (longitude, latitude); a polygon its outer ring then its holes.
Ring = tuple[tuple[float, float], ...]
PolygonRings = tuple[Ring, ...]


@dataclass(frozen=True, slots=True)
class GridOnMap:
    """One grid: names, counts at the map's moment, and its boundary (empty when none was
    drawn) with the point its name is written at (inside the polygon)."""

    id: int
    name: str
    code: str | None
    village: str
    open_count: int
    overdue_count: int
    polygons: tuple[PolygonRings, ...] = ()
    label_at: tuple[float, float] | None = None

    @property
    def has_boundary(self) -> bool:
        return bool(self.polygons)


@dataclass(frozen=True, slots=True)
class TownMap:
    """The town's grids (the tree's order) and when their counts were taken."""

    town_name: str
    as_of: datetime
    grids: tuple[GridOnMap, ...]

    @property
    def drawn(self) -> tuple[GridOnMap, ...]:
        """The grids with a boundary (what a picture can show)."""
        return tuple(g for g in self.grids if g.has_boundary)

    @property
    def open_total(self) -> int:
        return sum(g.open_count for g in self.grids)

    @property
    def overdue_total(self) -> int:
        return sum(g.overdue_count for g in self.grids)


def parse_outline(text: str | None) -> MultiPolygon | Polygon | None:
    """A grid's stored GeoJSON (a Polygon or MultiPolygon geometry, or a Feature holding one)
    as a shapely geometry; None for empty, unreadable or other shapes (the map leaves such a
    grid out rather than fail)."""
    if not text:
        return None
    try:
        data = json.loads(text)
        if isinstance(data, dict) and data.get("type") == "Feature":
            data = data.get("geometry")
        geometry = shape(data)
    except (ValueError, TypeError, AttributeError, KeyError, shapely.errors.GEOSException):
        return None
    if not isinstance(geometry, (Polygon, MultiPolygon)) or geometry.is_empty:
        return None
    return geometry


def grid_outlines(session: Session) -> dict[int, MultiPolygon | Polygon]:
    """The boundary of every grid that has one, by grid id (stand-in for
    services.grid_map.grid_boundaries)."""
    rows = session.execute(
        select(Area.id, Area.geometry).where(
            Area.level == AreaLevel.GRID, Area.geometry.is_not(None)
        )
    )
    outlines = {}
    for grid_id, text in rows:
        geometry = parse_outline(text)
        if geometry is not None:
            outlines[grid_id] = geometry
    return outlines


def _rings(geometry: MultiPolygon | Polygon) -> tuple[PolygonRings, ...]:
    parts = geometry.geoms if isinstance(geometry, MultiPolygon) else (geometry,)
    return tuple(
        tuple(
            tuple((float(x), float(y)) for x, y, *_ in ring.coords)
            for ring in (part.exterior, *part.interiors)
        )
        for part in parts
    )


def _label_point(geometry: MultiPolygon | Polygon) -> tuple[float, float]:
    """Where the name goes: the pole of inaccessibility of the largest part (inside, away
    from the edges; a centroid can fall outside a bent grid)."""
    parts = geometry.geoms if isinstance(geometry, MultiPolygon) else (geometry,)
    largest = max(parts, key=lambda p: p.area)
    tolerance = max(largest.bounds[2] - largest.bounds[0], 1e-9) / 200
    point = shapely.ops.polylabel(largest, tolerance)
    return float(point.x), float(point.y)


def town_map(session: Session, now: datetime | None = None) -> TownMap:
    """Every grid (retired ones only while tickets are located in them, as in the grid tree)
    with its open and overdue tickets at ``now`` and its boundary when one is stored."""
    now = now or china_now()
    areas = all_areas(session)
    outlines = grid_outlines(session)
    grids: list[GridOnMap] = []

    def walk(node: AreaNode) -> None:
        if node.level == AreaLevel.GRID:
            village = village_of(areas, node.id)
            outline = outlines.get(node.id)
            grids.append(
                GridOnMap(
                    id=node.id,
                    name=node.name,
                    code=node.code,
                    village=village.name if village else "",
                    open_count=node.open_count,
                    overdue_count=node.overdue_count,
                    polygons=_rings(outline) if outline is not None else (),
                    label_at=_label_point(outline) if outline is not None else None,
                )
            )
        for child in node.children:
            walk(child)

    for root in area_tree(session, now):
        walk(root)
    return TownMap(town_settings(session).town_name, now, tuple(grids))
