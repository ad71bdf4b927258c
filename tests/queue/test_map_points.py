"""What the map draws (services/map_points.py) and the queue's rectangle filter (bbox): the
rectangle keeps exactly the tickets a plain SQL count finds there; the points follow the
queue's filter with their state; grids carry the tree's counts; channels in service only."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
from queue_factory import NOW, add_ticket
from sqlalchemy import text

from gridcenter_desktop.core.enums import ChannelStatus, TicketStatus
from gridcenter_desktop.db.gridwork import VideoChannel
from gridcenter_desktop.services import map_points, queue
from gridcenter_desktop.services.areas import area_tree
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder


def _square(lon: float, lat: float, size: float = 0.02) -> str:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


@pytest.fixture
def located(session, town):
    """60 tickets scattered over 120.36..120.44 E, 31.26..31.32 N (a fixed draw) in the three
    grids, a third closed, some overdue, some due soon; 5 without coordinates."""
    rng = random.Random(12)
    grids = [town.yuli1, town.yuli2, town.meiyuan1]
    tickets = []
    for n in range(60):
        status = TicketStatus.CLOSED if n % 3 == 0 else TicketStatus.PENDING_DISPATCH
        created = NOW - timedelta(days=rng.randint(1, 9))
        tickets.append(
            add_ticket(
                session,
                n,
                created=created,
                days=rng.choice([2, 5, 20]),
                status=status,
                grid_id=grids[n % 3].id,
                longitude=round(rng.uniform(120.36, 120.44), 6),
                latitude=round(rng.uniform(31.26, 31.32), 6),
                closed_at=created + timedelta(hours=5) if status == TicketStatus.CLOSED else None,
            )
        )
    for n in range(60, 65):
        add_ticket(session, n, created=NOW - timedelta(days=1), grid_id=town.yuli1.id)
    town.yuli1.geometry = _square(120.36, 31.26)
    town.yuli2.geometry = json.dumps(
        {
            "type": "Feature",
            "properties": {"code": "x"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [json.loads(_square(120.38, 31.26))["coordinates"]],
            },
        }
    )
    session.commit()
    return tickets


BOX = (120.37, 31.27, 120.41, 31.30)


def test_the_rectangle_keeps_what_a_sql_count_finds_there(session, located):
    sql = text(
        "SELECT count(*) FROM ticket WHERE longitude BETWEEN :a AND :c "
        "AND latitude BETWEEN :b AND :d AND status <> 'merged'"
    )
    want = session.scalar(sql, dict(zip("abcd", BOX, strict=True)))
    assert 0 < want < 60
    flt = QueueFilter(bbox=BOX)
    assert queue.count(session, flt, now=NOW) == want
    rows = queue.fetch_page(session, flt, QueueOrder("code"), limit=1000, now=NOW)
    assert len(rows) == want
    # With another filter beside it: both hold.
    open_box = QueueFilter(bbox=BOX, statuses=frozenset({TicketStatus.PENDING_DISPATCH}))
    inside_open = {
        t.id
        for t in located
        if t.status == TicketStatus.PENDING_DISPATCH
        and BOX[0] <= t.longitude <= BOX[2]
        and BOX[1] <= t.latitude <= BOX[3]
    }
    assert {r.id for r in queue.fetch_page(session, open_box, QueueOrder("code"), now=NOW)} == (
        inside_open
    )


def test_an_inverted_rectangle_is_refused_naming_the_field(session, located):
    with pytest.raises(ValidationError) as err:
        queue.count(session, QueueFilter(bbox=(120.41, 31.27, 120.37, 31.30)), now=NOW)
    assert (err.value.field, err.value.rule) == ("bbox", "inverted")
    with pytest.raises(ValidationError) as err:
        queue.count(session, QueueFilter(bbox=("west", 1, 2, 3)), now=NOW)
    assert (err.value.field, err.value.rule) == ("bbox", "not_a_rectangle")


def test_points_follow_the_queue_filter_with_their_state(session, located):
    flt = QueueFilter(statuses=frozenset({TicketStatus.PENDING_DISPATCH}))
    points = map_points.ticket_points(session, flt, NOW)
    page = queue.fetch_page(session, flt, QueueOrder("code"), limit=1000, now=NOW)
    # The five tickets without coordinates are in the queue, not on the map.
    assert set(points.ids.tolist()) == {r.id for r in page} - {
        t.id for t in session.query(queue.Ticket).filter(queue.Ticket.longitude.is_(None))
    }
    assert list(points.ids) == sorted(points.ids)
    # The map says how many of the queue's tickets it cannot show.
    assert points.unplaced == len({r.id for r in page}) - len(points)
    by_id = {t.id: t for t in located}
    for ticket_id, state in zip(points.ids.tolist(), points.state.tolist(), strict=True):
        t = by_id[ticket_id]
        if t.deadline_at < NOW:
            assert state == map_points.STATE_OVERDUE
        elif t.due_soon_at <= NOW:
            assert state == map_points.STATE_DUE_SOON
        else:
            assert state == map_points.STATE_OPEN
    everything = map_points.ticket_points(session, QueueFilter(), NOW)
    assert len(everything) == 60
    assert (everything.state == map_points.STATE_CLOSED).sum() == 20
    boxed = map_points.ticket_points(session, QueueFilter(bbox=BOX), NOW)
    assert len(boxed) == queue.count(session, QueueFilter(bbox=BOX), now=NOW)


def test_grids_carry_their_polygon_and_the_trees_counts(session, town, located):
    shapes = {s.area_id: s for s in map_points.grid_shapes(session, NOW)}
    # 梅园社区第一网格 has no boundary: not drawn.
    assert set(shapes) == {town.yuli1.id, town.yuli2.id}
    assert shapes[town.yuli1.id].rings[0][0] == (120.36, 31.26)
    assert len(shapes[town.yuli2.id].rings) == 1  # the Feature's MultiPolygon
    assert shapes[town.yuli1.id].ancestors == (town.town.id, town.yuli.id)
    tree = {n.id: n for n in area_tree(session, NOW)[0].children[0].children}
    for grid_id, shape in shapes.items():
        assert (shape.open_count, shape.overdue_count) == (
            tree[grid_id].open_count,
            tree[grid_id].overdue_count,
        )


def test_channels_in_service_with_a_position(session, town):
    def channel(number, status, lon=120.4, lat=31.3, retired=None):
        session.add(
            VideoChannel(
                number=number,
                name=f"光福派出所-{number[-2:]}",
                longitude=lon,
                latitude=lat,
                status=status,
                status_since=NOW,
                created_at=NOW,
                updated_at=NOW,
                retired_at=retired,
            )
        )

    channel("32050600001310000002", ChannelStatus.OFFLINE)
    channel("32050600001310000001", ChannelStatus.ONLINE)
    channel("32050600001310000003", ChannelStatus.ONLINE, retired=NOW)
    channel("32050600001310000004", ChannelStatus.ONLINE, lon=None, lat=None)
    session.commit()
    found = map_points.video_channels(session)
    assert [(c.number[-1], c.status) for c in found] == [
        ("1", ChannelStatus.ONLINE),
        ("2", ChannelStatus.OFFLINE),
    ]


def test_unreadable_geometry_is_no_polygon():
    assert map_points.geometry_rings("not json") == ()
    assert map_points.geometry_rings(json.dumps({"type": "Point", "coordinates": [1, 2]})) == ()
    assert map_points.geometry_rings(None) == ()
