"""The town's grid map: grid boundaries imported from and exported to GeoJSON, read for the map,
and the point-in-polygon locator that routes tickets to the grid they stand in.

Boundaries live in ``area.geometry`` (a GeoJSON Polygon or MultiPolygon, WGS-84). A town's file
is a FeatureCollection with one Feature per grid; a feature finds its grid by a code property
(``code``, ``grid_code``, ``网格编码``...) else by a name property (``name``, ``网格名称``...,
with ``village``/``村社区`` when grid names repeat, or "村/网格" in the name). GCJ-02 files
(what AMap and Tencent export) are converted to WGS-84 on the way in. The import is all or
nothing: any feature with a problem (unknown grid, two features for one grid, not a polygon,
self-intersecting...) refuses the whole file, each problem naming its feature. Overlaps
between grids are reported with their area but do not refuse the file (digitised neighbours
often share slivers); where grids overlap, the locator answers with the smaller one.

Three steps share the rules: :func:`read_grid_map` (the file), :func:`plan_grid_map` (reads the
database only: what the preview shows) and :func:`import_grid_map` (plans again and writes every
boundary in one transaction with one GRID_MAP_IMPORT audit row).
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import AreaLevel, AuditAction
from gridcenter_desktop.core.geo import (
    PointLocator,
    ShapeProblem,
    boundary_shape,
    convert_geometry,
    gcj02_to_wgs84,
    overlaps,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.settings import AppSetting
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import require_admin
from gridcenter_desktop.services.errors import ServiceError, ValidationError

CRS_CHOICES = ("wgs84", "gcj02")
# Changed by every import: the locator and the boundaries' cache are rebuilt when it moves.
VERSION_KEY = "grid_map.version"
# Largest file read (a town's 50-odd grids are well under a megabyte).
MAX_FILE_BYTES = 50 * 1024 * 1024
# Overlaps smaller than this are digitising slivers, not worth a line.
OVERLAP_MIN_M2 = 10.0
# Stored coordinates keep 7 decimals (about a centimetre).
_DECIMALS = 7

_CODE_KEYS = ("code", "grid_code", "gridcode", "网格编码", "网格代码", "网格编号", "编码", "代码")
_NAME_KEYS = ("name", "grid_name", "gridname", "网格名称", "网格名", "网格", "名称")
_VILLAGE_KEYS = ("village", "village_name", "村社区", "所属村社区", "村（社区）", "村", "社区")


class GridMapRefused(ServiceError):
    """The file has problems; nothing was written. ``plan`` holds them, feature by feature."""

    code = "grid_map_refused"

    def __init__(self, plan: GridMapPlan) -> None:
        super().__init__(f"{len(plan.problems)} feature(s) with problems; nothing imported")
        self.plan = plan


@dataclass(frozen=True, slots=True)
class RawFeature:
    """One feature of the file as read: its number (from 1), properties and geometry."""

    number: int
    properties: dict[str, Any]
    geometry: Any


@dataclass(frozen=True, slots=True)
class GridMapFile:
    name: str
    features: tuple[RawFeature, ...]


@dataclass(frozen=True, slots=True)
class FeatureProblem:
    """Why feature ``number`` (from 1; ``label`` its code or name as written) is refused:
    ``rule`` is one of no_key, unknown_grid, ambiguous_name, retired_grid, duplicate_grid,
    not_polygon, bad_coordinates, empty, self_intersection, invalid, out_of_range, not_feature;
    ``detail`` e.g. the point of a self-intersection."""

    number: int
    label: str
    rule: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class GridOverlap:
    """Two grids whose boundaries (after the import) share ground, and how much."""

    first_id: int
    first: str
    second_id: int
    second: str
    area_m2: float


@dataclass(frozen=True, slots=True)
class MatchedFeature:
    number: int
    grid_id: int
    grid_name: str
    geometry: dict[str, Any]  # WGS-84
    replaces: bool  # the grid had a boundary already


@dataclass(frozen=True, slots=True)
class GridMapPlan:
    file_name: str
    crs: str
    matched: tuple[MatchedFeature, ...]
    problems: tuple[FeatureProblem, ...]
    overlaps: tuple[GridOverlap, ...]
    # Features with no geometry (an exported grid that has no boundary yet): left alone.
    skipped: int = 0
    # Active grids that have no boundary after the import.
    grids_without: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class GridMapResult:
    grids: int
    overlaps: tuple[GridOverlap, ...]
    grids_without: tuple[str, ...]


# -- reading the file ----------------------------------------------------------------------------


def read_grid_map(data: bytes | str, name: str = "") -> GridMapFile:
    """A GeoJSON FeatureCollection's features. ValidationError("grid_map_file", rule):
    too_large, not_json, not_feature_collection, no_features, unsupported_crs (a legacy
    ``crs`` member naming anything but WGS-84 longitude/latitude)."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise ValidationError("grid_map_file", "too_large")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("grid_map_file", "not_json") from None
    try:
        document = json.loads(data)
    except ValueError:
        raise ValidationError("grid_map_file", "not_json") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ValidationError("grid_map_file", "not_feature_collection")
    crs = document.get("crs")
    if crs is not None:
        crs_name = (
            str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
        )
        if not any(k in crs_name.upper() for k in ("CRS84", "EPSG:4326", "EPSG::4326")):
            raise ValidationError("grid_map_file", "unsupported_crs")
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise ValidationError("grid_map_file", "no_features")
    raw = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raw.append(RawFeature(number, {}, _NOT_FEATURE))
            continue
        properties = feature.get("properties")
        raw.append(
            RawFeature(
                number,
                properties if isinstance(properties, dict) else {},
                feature.get("geometry"),
            )
        )
    return GridMapFile(name, tuple(raw))


def read_grid_map_file(path: Path) -> GridMapFile:
    """:func:`read_grid_map` of a file on disk (ValidationError("grid_map_file", "unreadable")
    when it cannot be opened)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError("grid_map_file", "too_large")
        data = path.read_bytes()
    except OSError:
        raise ValidationError("grid_map_file", "unreadable") from None
    return read_grid_map(data, path.name)


_NOT_FEATURE = object()


# -- planning ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Grid:
    id: int
    name: str
    code: str | None
    village: str
    retired: bool
    geometry: str | None


def _grids(session: Session) -> list[_Grid]:
    village = aliased(Area)
    rows = session.execute(
        select(Area.id, Area.name, Area.code, village.name, Area.retired_at, Area.geometry)
        .outerjoin(village, village.id == Area.parent_id)
        .where(Area.level == AreaLevel.GRID)
        .order_by(Area.id)
    ).all()
    return [_Grid(r[0], r[1], r[2], r[3] or "", r[4] is not None, r[5]) for r in rows]


def _property(properties: dict[str, Any], keys: tuple[str, ...]) -> str:
    lowered = {str(k).strip().lower(): v for k, v in properties.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def _match(
    feature: RawFeature, by_code: dict[str, _Grid], by_name: dict[str, list[_Grid]]
) -> tuple[_Grid | None, str, str]:
    """The feature's grid, its label, and the rule when there is none."""
    code = _property(feature.properties, _CODE_KEYS)
    name = _property(feature.properties, _NAME_KEYS)
    village = _property(feature.properties, _VILLAGE_KEYS)
    label = code or name
    if code and code in by_code:
        return by_code[code], label, ""
    if not name:
        return None, label, "unknown_grid" if code else "no_key"
    if "/" in name and not village:
        village, name = (part.strip() for part in name.rsplit("/", 1))
    found = by_name.get(name, [])
    if village:
        found = [g for g in found if g.village == village]
    active = [g for g in found if not g.retired]
    if len(active) == 1:
        return active[0], label, ""
    if len(active) > 1:
        return None, label, "ambiguous_name"
    if found:
        return None, label, "retired_grid"
    return None, label, "unknown_grid"


def _rounded(geometry: dict[str, Any]) -> dict[str, Any]:
    return convert_geometry(
        geometry, lambda lon, lat: (round(lon, _DECIMALS), round(lat, _DECIMALS))
    )


def plan_grid_map(session: Session, actor: Actor, grid_file: GridMapFile, crs: str) -> GridMapPlan:
    """What importing ``grid_file`` (coordinates in ``crs``: "wgs84" or "gcj02") would do:
    the features matched to grids (geometry converted to WGS-84), the problems per feature,
    and the overlaps between the town's boundaries as they would be. Reads only. Only an
    administrator may import; ValidationError("crs", "unknown") for another ``crs``."""
    require_admin(actor)
    if crs not in CRS_CHOICES:
        raise ValidationError("crs", "unknown")
    grids = _grids(session)
    by_code = {g.code: g for g in grids if g.code}
    by_name: dict[str, list[_Grid]] = {}
    for g in grids:
        by_name.setdefault(g.name, []).append(g)
    matched: list[MatchedFeature] = []
    problems: list[FeatureProblem] = []
    seen: dict[int, int] = {}
    skipped = 0
    for feature in grid_file.features:
        if feature.geometry is _NOT_FEATURE:
            problems.append(FeatureProblem(feature.number, "", "not_feature"))
            continue
        grid, label, rule = _match(feature, by_code, by_name)
        if grid is None:
            problems.append(FeatureProblem(feature.number, label, rule))
            continue
        if grid.id in seen:
            problems.append(
                FeatureProblem(feature.number, label, "duplicate_grid", str(seen[grid.id]))
            )
            continue
        seen[grid.id] = feature.number
        if feature.geometry is None:
            skipped += 1
            continue
        try:
            geometry = feature.geometry
            # The file's own shape first: its problems, at its points.
            boundary_shape(geometry)
            if crs == "gcj02":
                geometry = convert_geometry(geometry, gcj02_to_wgs84)
            geometry = _rounded(geometry)
            boundary_shape(geometry)
        except ShapeProblem as problem:
            problems.append(FeatureProblem(feature.number, label, problem.rule, problem.detail))
            continue
        except (TypeError, ValueError, IndexError, KeyError):
            problems.append(FeatureProblem(feature.number, label, "bad_coordinates"))
            continue
        matched.append(
            MatchedFeature(feature.number, grid.id, grid.name, geometry, grid.geometry is not None)
        )
    after = _boundaries_after(grids, matched)
    return GridMapPlan(
        file_name=grid_file.name,
        crs=crs,
        matched=tuple(matched),
        problems=tuple(problems),
        overlaps=tuple(_overlaps(grids, after)),
        skipped=skipped,
        grids_without=tuple(g.name for g in grids if not g.retired and g.id not in after),
    )


def _boundaries_after(grids: list[_Grid], matched: list[MatchedFeature]) -> dict[int, Any]:
    """Active grids' shapes once the matched features are written (unreadable old ones left out)."""
    shapes: dict[int, Any] = {}
    for g in grids:
        if g.retired or not g.geometry:
            continue
        try:
            shapes[g.id] = boundary_shape(json.loads(g.geometry))
        except (ShapeProblem, ValueError):
            continue
    for m in matched:
        shapes[m.grid_id] = boundary_shape(m.geometry)
    return shapes


def _overlaps(grids: list[_Grid], shapes: dict[int, Any]) -> list[GridOverlap]:
    names = {g.id: g.name for g in grids}
    found = overlaps(sorted(shapes.items()), min_area_m2=OVERLAP_MIN_M2)
    return [
        GridOverlap(o.first, names[o.first], o.second, names[o.second], round(o.area_m2, 1))
        for o in found
    ]


def import_grid_map(
    session: Session,
    actor: Actor,
    grid_file: GridMapFile,
    crs: str,
    now: datetime | None = None,
) -> GridMapResult:
    """Write the boundaries of ``grid_file`` (planned again here, so what is written is what
    the database holds now): every matched grid's ``area.geometry`` replaced, one
    GRID_MAP_IMPORT audit row, one commit. :class:`GridMapRefused` (nothing written) when any
    feature has a problem."""
    plan = plan_grid_map(session, actor, grid_file, crs)
    if plan.problems:
        session.rollback()
        raise GridMapRefused(plan)
    now = now or china_now()
    try:
        for m in plan.matched:
            area = session.get(Area, m.grid_id)
            area.geometry = json.dumps(m.geometry, separators=(",", ":"))
        _bump_version(session)
        audit.record(
            session,
            actor,
            AuditAction.GRID_MAP_IMPORT,
            target=plan.file_name or "grid map",
            detail={
                "file": plan.file_name,
                "crs": crs,
                "grids": len(plan.matched),
                "replaced": sum(1 for m in plan.matched if m.replaces),
                "skipped": plan.skipped,
                "overlaps": len(plan.overlaps),
            },
            now=now,
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return GridMapResult(len(plan.matched), plan.overlaps, plan.grids_without)


def _bump_version(session: Session) -> None:
    setting = session.get(AppSetting, VERSION_KEY)
    if setting is None:
        session.add(AppSetting(key=VERSION_KEY, value=uuid.uuid4().hex))
    else:
        setting.value = uuid.uuid4().hex


# -- export --------------------------------------------------------------------------------------


def export_grid_map(session: Session, actor: Actor, now: datetime | None = None) -> dict[str, Any]:
    """The town's grids as a GeoJSON FeatureCollection (WGS-84): one Feature per grid in service,
    ``code``, ``name`` and ``village`` in its properties, its boundary or null. Boundaries are
    not personal data: any signed-in role may export; the export is audited (EXPORT)."""
    features = []
    for g in _grids(session):
        if g.retired:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"code": g.code, "name": g.name, "village": g.village},
                "geometry": json.loads(g.geometry) if g.geometry else None,
            }
        )
    audit.record(
        session,
        actor,
        AuditAction.EXPORT,
        target="grid_map",
        detail={"kind": "grid_map", "grids": len(features)},
        now=now or china_now(),
    )
    session.commit()
    return {"type": "FeatureCollection", "features": features}


def write_grid_map(session: Session, actor: Actor, path: Path) -> int:
    """:func:`export_grid_map` written to ``path`` (UTF-8, replaced atomically); the number of
    grids written."""
    collection = export_grid_map(session, actor)
    text = json.dumps(collection, ensure_ascii=False, indent=1)
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=".grids-", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(collection["features"])


# -- for the map and for routing ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GridBoundary:
    """A grid in service with its boundary, for the map: GeoJSON geometry (WGS-84), a point
    inside it for the label, and its bounds (min_lon, min_lat, max_lon, max_lat)."""

    grid_id: int
    code: str | None
    name: str
    village: str
    geometry: dict[str, Any]
    label_point: tuple[float, float]
    bounds: tuple[float, float, float, float]


def boundaries_version(session: Session) -> str:
    """A value that changes whenever the grids' boundaries may have: the import's version and
    the active grids with a boundary (a grid retired or merged leaves the map)."""
    # One statement: a registration pays it on every call.
    imported = select(AppSetting.value).where(AppSetting.key == VERSION_KEY).scalar_subquery()
    count, id_sum, version = session.execute(
        select(func.count(Area.id), func.coalesce(func.sum(Area.id), 0), imported).where(
            Area.level == AreaLevel.GRID,
            Area.geometry.is_not(None),
            Area.retired_at.is_(None),
        )
    ).one()
    return f"{version or ''}:{count}:{id_sum}"


_LOCK = threading.Lock()
# Per database (the engine's URL), the version read and what was built from it.
_CACHE: dict[str, tuple[str, tuple[GridBoundary, ...], PointLocator]] = {}


def _cache_key(session: Session) -> str:
    bind = session.get_bind()
    return f"{id(bind)}:{bind.engine.url}"


def _built(session: Session) -> tuple[tuple[GridBoundary, ...], PointLocator]:
    version = boundaries_version(session)
    key = _cache_key(session)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
    boundaries: list[GridBoundary] = []
    shapes: list[tuple[int, Any]] = []
    for g in _grids(session):
        if g.retired or not g.geometry:
            continue
        try:
            geometry = json.loads(g.geometry)
            shape = boundary_shape(geometry)
        except (ShapeProblem, ValueError):
            continue  # a boundary written by hand that does not hold is left off the map
        label = shape.representative_point()
        boundaries.append(
            GridBoundary(
                g.id, g.code, g.name, g.village, geometry, (label.x, label.y), tuple(shape.bounds)
            )
        )
        shapes.append((g.id, shape))
    built = (tuple(boundaries), PointLocator(shapes))
    with _LOCK:
        _CACHE[key] = (version, *built)
    return built


def grid_boundaries(session: Session) -> list[GridBoundary]:
    """The boundaries of the grids in service (grids without one are not listed)."""
    return list(_built(session)[0])


def grid_locator(session: Session) -> PointLocator:
    """The locator over the current boundaries (cached per boundaries' version): for callers
    that locate many points at once (an import)."""
    return _built(session)[1]


def locate_grid(session: Session, lon: float, lat: float) -> int | None:
    """The grid in service whose boundary holds the WGS-84 point (lon, lat), or None."""
    return grid_locator(session).locate(lon, lat)


@dataclass(frozen=True, slots=True)
class GridAt:
    """The grid a point falls in, as the pickers name it."""

    village_id: int | None
    grid_id: int
    name: str  # "迂里村 / 迂里村第一网格"


def grid_at(session: Session, lon: float, lat: float) -> GridAt | None:
    """The grid in service holding the WGS-84 point, with its village, for a form that shows
    where a located ticket will go (registration routes it there: services/tickets/
    registration.py); None outside every boundary."""
    grid_id = locate_grid(session, lon, lat)
    if grid_id is None:
        return None
    grid = session.get(Area, grid_id)
    if grid is None:
        return None
    village = session.get(Area, grid.parent_id) if grid.parent_id is not None else None
    name = " / ".join(n for n in ((village.name if village else ""), grid.name) if n)
    return GridAt(village.id if village else None, grid.id, name)
