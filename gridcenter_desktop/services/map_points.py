"""What the map dock draws: the grids' polygons with their counts, the queue's tickets as
points and the video channels (Qt-free; the UI turns them into scene items).

Grid polygons are read from ``area.geometry`` (GeoJSON, WGS-84) by :func:`grid_shapes` here
until services.grid_map.grid_boundaries (helper A) is merged; the map only needs each grid's
id and rings, so switching is one call.

Ticket points are one columns-only query (id, longitude, latitude, state) over the queue's own
WHERE conditions (services.queue.conditions): no ordering, no LIMIT, no join, so 100,000
points cost one index-free scan of four columns (figure in docs/performance.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import OPEN_STATUSES, AreaLevel, ChannelStatus
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.gridwork import VideoChannel
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.areas import AreaNode, area_tree
from gridcenter_desktop.services.queue import QueueFilter

# A ticket point's state, as the map colours it (worst first when a cluster mixes them).
STATE_CLOSED = 0  # closed or merged: grey
STATE_OPEN = 1  # open, on time: blue
STATE_DUE_SOON = 2  # open, due-soon time reached: amber
STATE_OVERDUE = 3  # open, deadline passed (clock running): red


@dataclass(frozen=True, slots=True)
class GridShape:
    """One grid's boundary: ``rings`` are lists of (lon, lat) pairs (outer rings and holes of
    every polygon, in GeoJSON order), with its open and overdue ticket counts and its
    ancestors' ids (village, town), so choosing a village can show all its grids."""

    area_id: int
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    open_count: int
    overdue_count: int
    ancestors: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TicketPoints:
    """The located tickets of a queue filter, sorted by id: parallel numpy arrays."""

    ids: np.ndarray  # int64
    lon: np.ndarray  # float64
    lat: np.ndarray  # float64
    state: np.ndarray  # int8, STATE_*
    # The filter's tickets without coordinates (not on the map; 地图定位 gives them a place).
    unplaced: int = 0

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class ChannelPoint:
    id: int
    number: str
    name: str
    lon: float
    lat: float
    status: ChannelStatus


def geometry_rings(text: str | None) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The rings of a GeoJSON Polygon or MultiPolygon (a bare geometry, a Feature or a
    FeatureCollection's first feature); empty when there is none or it cannot be read."""
    if not text:
        return ()
    try:
        geo = json.loads(text)
    except ValueError:
        return ()
    if isinstance(geo, dict) and geo.get("type") == "FeatureCollection":
        features = geo.get("features") or []
        geo = features[0] if features else {}
    if isinstance(geo, dict) and geo.get("type") == "Feature":
        geo = geo.get("geometry") or {}
    if not isinstance(geo, dict):
        return ()
    kind, coords = geo.get("type"), geo.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    try:
        return tuple(
            tuple((float(p[0]), float(p[1])) for p in ring)
            for polygon in polygons
            for ring in polygon
            if len(ring) >= 3
        )
    except (TypeError, ValueError, IndexError):
        return ()


def grid_shapes(session: Session, now: datetime) -> list[GridShape]:
    """Every active grid that has a boundary, with the grid tree's open/overdue counts at
    ``now`` (services.areas.area_tree: the same numbers the tree shows)."""
    counts: dict[int, tuple[int, int, tuple[int, ...]]] = {}

    def walk(node: AreaNode, ancestors: tuple[int, ...]) -> None:
        if node.level == AreaLevel.GRID:
            counts[node.id] = (node.open_count, node.overdue_count, ancestors)
        for child in node.children:
            walk(child, (*ancestors, node.id))

    for root in area_tree(session, now):
        walk(root, ())
    rows = session.execute(
        select(Area.id, Area.name, Area.geometry).where(
            Area.level == AreaLevel.GRID, Area.geometry.is_not(None), Area.retired_at.is_(None)
        )
    )
    shapes = []
    for area_id, name, geometry in rows:
        rings = geometry_rings(geometry)
        if not rings:
            continue
        open_count, overdue, ancestors = counts.get(area_id, (0, 0, ()))
        shapes.append(GridShape(area_id, name, rings, open_count, overdue, ancestors))
    shapes.sort(key=lambda s: s.area_id)
    return shapes


def _state_column(now: datetime):
    open_ = Ticket.status.in_(sorted(s.value for s in OPEN_STATUSES))
    running = Ticket.suspended_at.is_(None)
    return case(
        (~open_, STATE_CLOSED),
        (running & (Ticket.deadline_at < now), STATE_OVERDUE),
        (running & (Ticket.due_soon_at <= now), STATE_DUE_SOON),
        else_=STATE_OPEN,
    )


def ticket_points(session: Session, flt: QueueFilter, now: datetime) -> TicketPoints:
    """The tickets ``flt`` keeps (the queue's conditions at ``now``) that have coordinates,
    as (id, lon, lat, state) arrays sorted by id."""
    conds = queue.conditions(session, flt, now)
    stmt = select(Ticket.id, Ticket.longitude, Ticket.latitude, _state_column(now)).where(
        *conds, Ticket.longitude.is_not(None), Ticket.latitude.is_not(None)
    )
    # Core rows, not ORM ones: half the time at 100,000 points (bench/map.py).
    rows = session.connection().execute(stmt).all()
    unplaced = session.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(*conds, or_(Ticket.longitude.is_(None), Ticket.latitude.is_(None)))
    )
    if not rows:
        empty = np.empty(0)
        return TicketPoints(
            empty.astype(np.int64), empty, empty, empty.astype(np.int8), unplaced or 0
        )
    ids, lon, lat, state = zip(*rows, strict=True)
    ids_a = np.fromiter(ids, dtype=np.int64, count=len(rows))
    order = np.argsort(ids_a, kind="stable")
    return TicketPoints(
        ids_a[order],
        np.fromiter(lon, dtype=np.float64, count=len(rows))[order],
        np.fromiter(lat, dtype=np.float64, count=len(rows))[order],
        np.fromiter(state, dtype=np.int8, count=len(rows))[order],
        unplaced or 0,
    )


def video_channels(session: Session) -> list[ChannelPoint]:
    """The channels in service that have a position, by number."""
    rows = session.execute(
        select(
            VideoChannel.id,
            VideoChannel.number,
            VideoChannel.name,
            VideoChannel.longitude,
            VideoChannel.latitude,
            VideoChannel.status,
        )
        .where(
            VideoChannel.retired_at.is_(None),
            VideoChannel.longitude.is_not(None),
            VideoChannel.latitude.is_not(None),
        )
        .order_by(VideoChannel.number)
    )
    return [
        ChannelPoint(r.id, r.number, r.name, r.longitude, r.latitude, ChannelStatus(r.status))
        for r in rows
    ]
