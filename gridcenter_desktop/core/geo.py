"""Grid boundaries as geometry: GCJ-02 ↔ WGS-84, polygon checks and overlaps (Qt-free).

Coordinates are (longitude, latitude) pairs in degrees, in GeoJSON's order. The desk stores
WGS-84 (GPS); most Chinese map services (AMap, Tencent) publish GCJ-02, a deliberate offset of a
few hundred metres inside China. The conversion is the public algorithm (the one eviltransform
implements); GCJ-02 → WGS-84 has no closed form and is solved by a few fixed-point iterations,
to well under a centimetre. Points outside China's rough rectangle are left as they are, as
every GCJ-02 tool does.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.strtree import STRtree
from shapely.validation import explain_validity

# Krasovsky 1940, the ellipsoid GCJ-02's offset is computed on.
_A = 6378245.0
_EE = 0.00669342162296594323

Transform = Callable[[float, float], tuple[float, float]]


def out_of_china(lon: float, lat: float) -> bool:
    """True outside the rectangle GCJ-02 applies to (there the two systems coincide)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offset(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 minus WGS-84 at a WGS-84 point, in degrees (d_lon, d_lat)."""
    x, y = lon - 105.0, lat - 35.0
    x_pi, y_pi = x * math.pi, y * math.pi
    common = 20.0 * math.sin(6.0 * x_pi) + 20.0 * math.sin(2.0 * x_pi)
    d_lat = common + 20.0 * math.sin(y_pi) + 40.0 * math.sin(y_pi / 3.0)
    d_lon = common + 20.0 * math.sin(x_pi) + 40.0 * math.sin(x_pi / 3.0)
    d_lat += 160.0 * math.sin(y_pi / 12.0) + 320.0 * math.sin(y_pi / 30.0)
    d_lon += 150.0 * math.sin(x_pi / 12.0) + 300.0 * math.sin(x_pi / 30.0)
    d_lat *= 2.0 / 3.0
    d_lon *= 2.0 / 3.0
    root = math.sqrt(abs(x))
    d_lat += -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * root
    d_lon += 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * root
    rad_lat = lat / 180.0 * math.pi
    magic = 1.0 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return d_lon, d_lat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """A WGS-84 point as GCJ-02."""
    if out_of_china(lon, lat):
        return lon, lat
    d_lon, d_lat = _offset(lon, lat)
    return lon + d_lon, lat + d_lat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """A GCJ-02 point as WGS-84: the WGS-84 point whose GCJ-02 is this one (iterated until
    the round trip is within 1e-9 degrees, about a tenth of a millimetre)."""
    if out_of_china(lon, lat):
        return lon, lat
    w_lon, w_lat = lon, lat
    for _ in range(30):
        g_lon, g_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon, e_lat = g_lon - lon, g_lat - lat
        if abs(e_lon) < 1e-9 and abs(e_lat) < 1e-9:
            break
        w_lon, w_lat = w_lon - e_lon, w_lat - e_lat
    return w_lon, w_lat


def convert_geometry(geometry: dict[str, Any], transform: Transform) -> dict[str, Any]:
    """A GeoJSON Polygon or MultiPolygon with every position passed through ``transform``."""

    def ring(points: Sequence[Sequence[float]]) -> list[list[float]]:
        return [list(transform(float(p[0]), float(p[1]))) for p in points]

    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        return {"type": kind, "coordinates": [ring(r) for r in coordinates]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[ring(r) for r in poly] for poly in coordinates]}
    raise ValueError(f"not a polygon: {kind}")


# -- checks ------------------------------------------------------------------------------------


class ShapeProblem(Exception):
    """Why a geometry cannot be a grid's boundary: ``rule`` (not_polygon, bad_coordinates,
    empty, self_intersection, invalid, out_of_range) and where (``detail``: e.g. the point of
    a self-intersection as "lon lat")."""

    def __init__(self, rule: str, detail: str = "") -> None:
        super().__init__(f"{rule}: {detail}" if detail else rule)
        self.rule = rule
        self.detail = detail


def boundary_shape(geometry: object) -> Polygon | MultiPolygon:
    """The shapely polygon of a GeoJSON Polygon or MultiPolygon (WGS-84 degrees), checked: a
    boundary must be a valid, non-empty polygon inside longitude/latitude ranges. Raises
    :class:`ShapeProblem` naming the rule; a self-intersection names its point."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        raise ShapeProblem("not_polygon", str(kind or ""))
    try:
        geom = shape(geometry)
    except (
        TypeError,
        ValueError,
        KeyError,
        IndexError,
        AttributeError,
        shapely.errors.GEOSException,
    ):
        raise ShapeProblem("bad_coordinates") from None
    if geom.is_empty:
        raise ShapeProblem("empty")
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if not all(math.isfinite(v) for v in geom.bounds) or (
        min_lon < -180 or max_lon > 180 or min_lat < -90 or max_lat > 90
    ):
        raise ShapeProblem("out_of_range")
    if not geom.is_valid:
        reason = explain_validity(geom)
        rule = "self_intersection" if "Self-intersection" in reason else "invalid"
        detail = reason.split("[", 1)[1].rstrip("]") if "[" in reason else reason
        try:  # "120.44243748 31.30069709" → 6 decimals (10 cm) are enough to find it
            detail = " ".join(str(round(float(v), 6)) for v in detail.split())
        except ValueError:
            pass
        raise ShapeProblem(rule, detail)
    if geom.is_empty or geom.area == 0:
        raise ShapeProblem("empty")
    return geom


# WGS-84 ellipsoid.
_WGS84_A = 6378137.0
_WGS84_E2 = 0.00669437999014


def area_m2(geom) -> float:
    """The area of a WGS-84 polygon in square metres: the shape projected onto the plane
    tangent at its middle with the ellipsoid's local radii (meridian and prime vertical), well
    under 0.1 % off for a town's extent (tens of kilometres). No projection library: a grid's
    area and an overlap's are only ever reported, never compared across continents."""
    if geom.is_empty:
        return 0.0
    lon0, lat0 = geom.centroid.x, geom.centroid.y
    phi = math.radians(lat0)
    w = 1.0 - _WGS84_E2 * math.sin(phi) ** 2
    meridian = _WGS84_A * (1.0 - _WGS84_E2) / w**1.5
    prime = _WGS84_A / math.sqrt(w)
    sx = math.radians(1.0) * prime * math.cos(phi)
    sy = math.radians(1.0) * meridian
    planar = shapely.transform(geom, lambda xy: (xy - (lon0, lat0)) * (sx, sy))
    return abs(planar.area)


@dataclass(frozen=True, slots=True)
class Overlap:
    """Two boundaries that share ground: their keys (as given) and the shared area in m²."""

    first: object
    second: object
    area_m2: float


def overlaps(shapes: Sequence[tuple[object, Any]], *, min_area_m2: float = 1.0) -> list[Overlap]:
    """Every pair of ``(key, shape)`` whose interiors overlap by at least ``min_area_m2``
    (touching along an edge is not an overlap; slivers below the threshold are rounding)."""
    if len(shapes) < 2:
        return []
    geoms = [geom for _key, geom in shapes]
    tree = STRtree(geoms)
    found: list[Overlap] = []
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        shared = geoms[i].intersection(geoms[j])
        if shared.is_empty or shared.area == 0:
            continue
        size = area_m2(shared)
        if size >= min_area_m2:
            found.append(Overlap(shapes[i][0], shapes[j][0], size))
    return found


class PointLocator:
    """Which of a set of polygons holds a point: an STRtree over the shapes, the smallest
    containing shape winning where shapes overlap (a grid drawn inside another is the more
    precise answer), ties by the key's order. A point on an edge counts as inside."""

    def __init__(self, shapes: Iterable[tuple[int, Any]]) -> None:
        items = sorted(shapes, key=lambda item: item[0])
        self._keys = [key for key, _geom in items]
        self._geoms = [geom for _key, geom in items]
        self._areas = [geom.area for geom in self._geoms]
        for geom in self._geoms:
            shapely.prepare(geom)
        self._tree = STRtree(self._geoms) if self._geoms else None

    def __len__(self) -> int:
        return len(self._keys)

    def locate(self, lon: float, lat: float) -> int | None:
        """The key of the polygon holding (lon, lat), or None."""
        if self._tree is None:
            return None
        # The tree gives the boxes holding the point; the prepared shapes say which hold it.
        candidates = self._tree.query(shapely.Point(lon, lat)).tolist()
        hits = [i for i in candidates if shapely.intersects_xy(self._geoms[i], lon, lat)]
        if not hits:
            return None
        best = min(hits, key=lambda i: (self._areas[i], i))
        return self._keys[best]


def interior_points(geom, count: int, rng) -> list[tuple[float, float]]:
    """``count`` points drawn uniformly inside ``geom`` with ``rng`` (random.Random): rejection
    sampling in the bounding box, vectorised by shapely."""
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    shapely.prepare(geom)
    points: list[tuple[float, float]] = []
    while len(points) < count:
        batch = [
            (rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat))
            for _ in range(max(16, 2 * (count - len(points))))
        ]
        inside = shapely.contains_xy(geom, [p[0] for p in batch], [p[1] for p in batch])
        points.extend(p for p, ok in zip(batch, inside.tolist(), strict=True) if ok)
    return points[:count]
