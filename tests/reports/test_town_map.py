"""The town as a map: each grid's boundary read from area.geometry, with the grid tree's open
and overdue counts (what the map picture and the report's 网格地图 sheet show)."""

from __future__ import annotations

import json

from shapely.geometry import Point, shape
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import OPEN_STATUSES
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.town_map import parse_outline, town_map

from .conftest import NOW, insert_report_data

# An L-shaped grid: its centroid lies outside it, the name must not.
L_SHAPE = {
    "type": "Polygon",
    "coordinates": [
        [[120.40, 31.29], [120.42, 31.29], [120.42, 31.295], [120.405, 31.295],
         [120.405, 31.31], [120.40, 31.31], [120.40, 31.29]]
    ],
}  # fmt: skip
TWO_ISLANDS = {
    "type": "Feature",
    "properties": {"name": "迂里村第二网格"},
    "geometry": {
        "type": "MultiPolygon",
        "coordinates": [
            [[[120.43, 31.29], [120.44, 31.29], [120.44, 31.30], [120.43, 31.29]]],
            [[[120.45, 31.29], [120.46, 31.29], [120.46, 31.30], [120.45, 31.29]]],
        ],
    },
}


def _draw(session, data):
    grids = data.grid_ids
    session.get(Area, grids["迂里村第一网格"]).geometry = json.dumps(L_SHAPE)
    session.get(Area, grids["迂里村第二网格"]).geometry = json.dumps(TWO_ISLANDS)
    session.get(Area, grids["梅园社区第一网格"]).geometry = "{not geojson"
    session.commit()


def test_each_grid_has_the_trees_counts_and_its_boundary(session):
    data = insert_report_data(session)
    _draw(session, data)
    town = town_map(session, NOW)
    by_name = {g.name: g for g in town.grids}
    assert list(by_name) == ["迂里村第一网格", "迂里村第二网格", "梅园社区第一网格"]
    # Counted by SQL: open tickets per grid, and those past their deadline at NOW.
    for grid in town.grids:
        open_q = select(func.count()).where(
            Ticket.grid_id == grid.id, Ticket.status.in_(list(OPEN_STATUSES))
        )
        assert grid.open_count == session.scalar(open_q)
        assert grid.overdue_count == session.scalar(
            open_q.where(Ticket.deadline_at < NOW, Ticket.suspended_at.is_(None))
        )
    assert (town.open_total, town.overdue_total) == (3, 1)
    assert by_name["迂里村第一网格"].village == "迂里村"
    one = by_name["迂里村第一网格"]
    assert len(one.polygons) == 1 and one.polygons[0][0][0] == (120.40, 31.29)
    assert shape(L_SHAPE).contains(Point(one.label_at))
    assert len(by_name["迂里村第二网格"].polygons) == 2  # a Feature's MultiPolygon
    # An unreadable boundary leaves the grid off the picture, never breaks it.
    assert not by_name["梅园社区第一网格"].has_boundary
    assert [g.name for g in town.drawn] == ["迂里村第一网格", "迂里村第二网格"]


def test_only_polygons_are_boundaries():
    assert parse_outline(None) is None
    assert parse_outline(json.dumps({"type": "Point", "coordinates": [120.4, 31.3]})) is None
    assert parse_outline(json.dumps({"type": "Polygon", "coordinates": []})) is None
    assert parse_outline(json.dumps(L_SHAPE)).area > 0
