"""Grid boundaries (services/grid_map.py): a town's GeoJSON imported all or nothing, GCJ-02
converted, overlaps reported, exported and read back; and the point-in-polygon routing of
tickets (registration, the platform import) and of LOCATE. Both databases (``fresh_world``:
each test has its own town, so the map one test imports is not another's)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from gridcenter_desktop.core.enums import AuditAction, EventAction, TicketStatus, UserRole
from gridcenter_desktop.core.geo import wgs84_to_gcj02
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.services import grid_map
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.tickets.locating import locate_ticket


def square(x0: float, y0: float, size: float = 0.01) -> dict:
    x1, y1 = round(x0 + size, 7), round(y0 + size, 7)
    return {
        "type": "Polygon",
        "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1],
                         [x0, y0]]],
    }  # fmt: skip


FIRST = square(120.40, 31.29)  # 福利村第一网格
SECOND = square(120.41, 31.29)  # 福利村第二网格, east of it, sharing an edge
IN_FIRST = (120.405, 31.295)
IN_SECOND = (120.415, 31.295)


def collection(*features: tuple[dict, dict | None]) -> str:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": props, "geometry": geometry}
                for props, geometry in features
            ],
        },
        ensure_ascii=False,
    )


def import_map(world, text: str, crs: str = "wgs84", actor=None):
    with world.sf() as s:
        return grid_map.import_grid_map(
            s, actor or world.actors[UserRole.ADMIN], grid_map.read_grid_map(text, "town.geojson"),
            crs, now=world.now,
        )  # fmt: skip


def plan_map(world, text: str, crs: str = "wgs84"):
    with world.sf() as s:
        return grid_map.plan_grid_map(
            s, world.actors[UserRole.ADMIN], grid_map.read_grid_map(text, "town.geojson"), crs
        )


def two_grids(world) -> None:
    import_map(world, collection(({"name": "福利村第一网格"}, FIRST),
                                 ({"name": "福利村第二网格"}, SECOND)))  # fmt: skip


def stored(world, grid_id: int) -> dict | None:
    with world.sf() as s:
        text = s.get(Area, grid_id).geometry
        return json.loads(text) if text else None


# -- import ------------------------------------------------------------------------------------


def test_a_valid_file_gives_each_grid_its_boundary_and_is_audited(fresh_world):
    world = fresh_world
    with world.sf() as s:
        s.get(Area, world.other_grid_id).code = "320506108200002"
        s.commit()
    result = import_map(
        world,
        collection(
            ({"网格名称": "福利村第一网格"}, FIRST),  # by name, Chinese key
            ({"code": "320506108200002", "name": "另一个名字"}, SECOND),  # the code wins
        ),
    )
    assert result.grids == 2 and result.overlaps == () and result.grids_without == ()
    assert stored(world, world.grid_id) == FIRST
    assert stored(world, world.other_grid_id) == SECOND
    with world.sf() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.GRID_MAP_IMPORT)
        ).one()
        assert entry.target == "town.geojson"
        assert json.loads(entry.detail)["grids"] == 2
        names = [b.name for b in grid_map.grid_boundaries(s)]
    assert sorted(names) == ["福利村第一网格", "福利村第二网格"]


def test_a_self_intersecting_polygon_refuses_the_file_naming_the_feature(fresh_world):
    world = fresh_world
    bowtie = {"type": "Polygon", "coordinates": [[[120.41, 31.29], [120.42, 31.30],
                                                  [120.42, 31.29], [120.41, 31.30],
                                                  [120.41, 31.29]]]}  # fmt: skip
    text = collection(({"name": "福利村第一网格"}, FIRST), ({"name": "福利村第二网格"}, bowtie))
    with pytest.raises(grid_map.GridMapRefused) as refused:
        import_map(world, text)
    (problem,) = refused.value.plan.problems
    assert (problem.number, problem.label) == (2, "福利村第二网格")
    assert problem.rule == "self_intersection"
    assert problem.detail == "120.415 31.295"
    # All or nothing: the good feature was not written either, and no audit row.
    assert stored(world, world.grid_id) is None
    with world.sf() as s:
        assert s.scalar(select(AuditEntry.id).where(
            AuditEntry.action == AuditAction.GRID_MAP_IMPORT)) is None  # fmt: skip


def test_unknown_duplicate_and_keyless_features_are_each_named(fresh_world):
    plan = plan_map(
        fresh_world,
        collection(
            ({"name": "福利村第一网格"}, FIRST),
            ({"name": "福利村第九网格"}, SECOND),
            ({"name": "福利村/福利村第一网格"}, SECOND),
            ({"备注": "无名"}, SECOND),
            ({"name": "福利村第二网格"}, {"type": "Point", "coordinates": [120.4, 31.29]}),
        ),
    )
    assert [(p.number, p.rule) for p in plan.problems] == [
        (2, "unknown_grid"), (3, "duplicate_grid"), (4, "no_key"), (5, "not_polygon")
    ]  # fmt: skip
    assert plan.problems[1].detail == "1"


def test_gcj02_input_is_stored_as_wgs84(fresh_world):
    world = fresh_world
    gcj_first = {"type": "Polygon", "coordinates": [
        [list(wgs84_to_gcj02(x, y)) for x, y in FIRST["coordinates"][0]]]}  # fmt: skip
    import_map(world, collection(({"name": "福利村第一网格"}, gcj_first)), crs="gcj02")
    ring = stored(world, world.grid_id)["coordinates"][0]
    for (lon, lat), (want_lon, want_lat) in zip(ring, FIRST["coordinates"][0], strict=True):
        assert lon == pytest.approx(want_lon, abs=2e-7)
        assert lat == pytest.approx(want_lat, abs=2e-7)
    # Read as WGS-84 the same file would sit ~500 m east: the point is in the other grid.
    with world.sf() as s:
        assert grid_map.locate_grid(s, 120.4098, 31.2905) == world.grid_id


def test_overlapping_grids_are_reported_with_the_area(fresh_world):
    plan = plan_map(
        fresh_world,
        collection(({"name": "福利村第一网格"}, FIRST),
                   ({"name": "福利村第二网格"}, square(120.405, 31.29))),
    )  # fmt: skip
    assert plan.problems == ()
    (overlap,) = plan.overlaps
    assert {overlap.first, overlap.second} == {"福利村第一网格", "福利村第二网格"}
    assert 520_000 < overlap.area_m2 < 540_000


def test_only_an_administrator_imports(fresh_world):
    with pytest.raises(PermissionDeniedError):
        import_map(fresh_world, collection(({"name": "福利村第一网格"}, FIRST)),
                   actor=fresh_world.operator)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("not json", "not_json"),
        ('{"type": "Feature"}', "not_feature_collection"),
        ('{"type": "FeatureCollection", "features": []}', "no_features"),
        ('{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name":'
         ' "EPSG:3857"}}, "features": [{}]}', "unsupported_crs"),
    ],
)  # fmt: skip
def test_a_file_that_is_no_feature_collection_is_refused_whole(text, rule):
    with pytest.raises(ValidationError) as refused:
        grid_map.read_grid_map(text)
    assert (refused.value.field, refused.value.rule) == ("grid_map_file", rule)


def test_export_gives_one_feature_per_grid_and_reads_back(fresh_world):
    world = fresh_world
    import_map(world, collection(({"name": "福利村第一网格"}, FIRST)))
    with world.sf() as s:
        exported = grid_map.export_grid_map(s, world.actors[UserRole.VIEWER])
    props = sorted((f["properties"]["name"], f["properties"]["village"], f["geometry"])
                   for f in exported["features"])  # fmt: skip
    assert props == [("福利村第一网格", "福利村", FIRST), ("福利村第二网格", "福利村", None)]
    # Round trip: the exported file imports into the same boundaries (the empty one skipped).
    with world.sf() as s:
        s.get(Area, world.grid_id).geometry = None
        s.commit()
    result = import_map(world, json.dumps(exported, ensure_ascii=False))
    assert result.grids == 1
    assert stored(world, world.grid_id) == FIRST
    with world.sf() as s:
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.action == AuditAction.EXPORT))


# -- routing -----------------------------------------------------------------------------------


def test_locate_grid_follows_a_new_import(fresh_world):
    world = fresh_world
    with world.sf() as s:
        assert grid_map.locate_grid(s, *IN_FIRST) is None
    two_grids(world)
    with world.sf() as s:
        assert grid_map.locate_grid(s, *IN_FIRST) == world.grid_id
        assert grid_map.locate_grid(s, *IN_SECOND) == world.other_grid_id
        assert grid_map.locate_grid(s, 120.50, 31.29) is None
    # The boundaries swapped: the cached locator is rebuilt.
    import_map(world, collection(({"name": "福利村第一网格"}, SECOND),
                                 ({"name": "福利村第二网格"}, FIRST)))  # fmt: skip
    with world.sf() as s:
        assert grid_map.locate_grid(s, *IN_FIRST) == world.other_grid_id


def test_a_registered_ticket_goes_to_the_grid_holding_its_point(fresh_world):
    world = fresh_world
    two_grids(world)
    # The form says the first grid (the address guess); the point is in the second.
    ref = world.register(longitude=IN_SECOND[0], latitude=IN_SECOND[1], grid_id=world.grid_id)
    assert world.ticket(ref.id).grid_id == world.other_grid_id
    # Outside every boundary, or without a point, the form's grid stands.
    ref = world.register(longitude=120.5, latitude=31.29, grid_id=world.grid_id)
    assert world.ticket(ref.id).grid_id == world.grid_id
    ref = world.register(grid_id=world.other_grid_id)
    assert world.ticket(ref.id).grid_id == world.other_grid_id


def test_a_batch_registration_routes_each_point_and_takes_it_off_the_to_place_list(fresh_world):
    world = fresh_world
    two_grids(world)
    forms = [
        world.form(grid_id=None, to_place=True, longitude=IN_FIRST[0], latitude=IN_FIRST[1]),
        world.form(grid_id=None, to_place=True),
    ]
    with world.sf() as s:
        refs = svc.registration.register_many(s, world.operator, forms, world.now)
    located, unplaced = (world.ticket(r.id) for r in refs)
    assert (located.grid_id, located.to_place) == (world.grid_id, False)
    assert (unplaced.grid_id, unplaced.to_place) == (None, True)


# -- LOCATE ------------------------------------------------------------------------------------


def test_locating_a_ticket_waiting_for_dispatch_moves_it_to_the_grid(fresh_world):
    world = fresh_world
    two_grids(world)
    ref = world.register(grid_id=world.grid_id, longitude=IN_FIRST[0], latitude=IN_FIRST[1])
    ref = world.call(locate_ticket, ref, *IN_SECOND, note="网格员现场确认")
    ticket = world.ticket(ref.id)
    assert (ticket.longitude, ticket.latitude) == IN_SECOND
    assert ticket.grid_id == world.other_grid_id
    assert ticket.status == TicketStatus.PENDING_DISPATCH
    event = world.events(ref.id)[-1]
    assert event.action == EventAction.LOCATE and event.note == "网格员现场确认"
    data = json.loads(event.data)
    assert (data["from_longitude"], data["from_latitude"]) == IN_FIRST
    assert (data["longitude"], data["latitude"]) == IN_SECOND
    assert (data["grid_id"], data["from_grid_id"]) == (world.other_grid_id, world.grid_id)
    assert data["located_grid"] == "福利村第二网格"


def test_locating_a_ticket_a_department_has_corrects_only_the_place(fresh_world):
    world = fresh_world
    two_grids(world)
    ref = world.bring_to(TicketStatus.IN_PROGRESS, grid_id=world.grid_id)
    ref = world.call(locate_ticket, ref, *IN_SECOND)
    ticket = world.ticket(ref.id)
    assert (ticket.longitude, ticket.latitude) == IN_SECOND
    assert ticket.grid_id == world.grid_id
    data = json.loads(world.events(ref.id)[-1].data)
    assert data["located_grid_id"] == world.other_grid_id and "grid_id" not in data


def test_a_closed_ticket_is_located_but_keeps_its_grid(fresh_world):
    world = fresh_world
    two_grids(world)
    ref = world.bring_to(TicketStatus.CLOSED, grid_id=world.grid_id)
    ref = world.call(locate_ticket, ref, *IN_SECOND)
    ticket = world.ticket(ref.id)
    assert (ticket.grid_id, ticket.status) == (world.grid_id, TicketStatus.CLOSED)
    assert ticket.longitude == IN_SECOND[0]


def test_locating_refuses_a_bad_point_the_same_point_and_a_viewer(fresh_world):
    world = fresh_world
    ref = world.register(longitude=IN_FIRST[0], latitude=IN_FIRST[1])
    for lon, lat, field, rule in (
        (IN_FIRST[0], IN_FIRST[1], "location", "unchanged"),
        (200.0, 31.29, "longitude", "range"),
        (120.4, float("nan"), "latitude", "range"),
    ):
        with pytest.raises(ValidationError) as refused:
            world.call(locate_ticket, ref, lon, lat)
        assert (refused.value.field, refused.value.rule) == (field, rule)
    with pytest.raises(PermissionDeniedError):
        world.call(locate_ticket, ref, *IN_SECOND, actor=world.actors[UserRole.VIEWER])
    assert world.ticket(ref.id).version == ref.version


# -- as the desk's own PostgreSQL login roles ----------------------------------------------------


@pytest.fixture(scope="module")
def role_worlds(pg_world):
    from tests.conftest import worlds_as_roles

    yield from worlds_as_roles(pg_world, "Role-pass-2026")


@pytest.mark.pg
def test_on_postgresql_an_administrator_imports_and_an_operator_routes_and_locates(role_worlds):
    admin, operator = role_worlds[UserRole.ADMIN], role_worlds[UserRole.OPERATOR]
    two_grids(admin)
    ref = operator.register(longitude=IN_SECOND[0], latitude=IN_SECOND[1], grid_id=None)
    assert operator.ticket(ref.id).grid_id == operator.other_grid_id
    ref = operator.call(locate_ticket, ref, *IN_FIRST)
    assert operator.ticket(ref.id).grid_id == operator.grid_id
    assert operator.events(ref.id)[-1].action == EventAction.LOCATE
    with pytest.raises(PermissionDeniedError):
        import_map(operator, collection(({"name": "福利村第一网格"}, SECOND)),
                   actor=operator.operator)  # fmt: skip
