"""地图定位 on the detail's timeline: a ticket located into another grid's boundary shows its new
place and the grid it moved to (services/tickets/locating.py)."""

from __future__ import annotations

import json

import desk_data
from desk_data import NOW
from test_detail_dock import _dock

from gridcenter_desktop.core.enums import Priority, TicketKind, TicketSource, UserRole
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets import NewTicket, register_ticket
from gridcenter_desktop.services.tickets.locating import locate_ticket

desk = desk_data.desk
desk_template = desk_data.desk_template

SQUARE = [[120.44, 31.31], [120.45, 31.31], [120.45, 31.32], [120.44, 31.32], [120.44, 31.31]]


def test_a_located_ticket_shows_its_place_and_new_grid_on_the_timeline(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    with ctx.session_factory() as s:
        s.get(Area, ids.grids[1]).geometry = json.dumps(
            {"type": "Polygon", "coordinates": [SQUARE]}
        )
        s.commit()
        ref = register_ticket(
            s, ctx.actor,
            NewTicket(kind=TicketKind.ORDINARY, source=TicketSource.HOTLINE, category="noise",
                      title="工地夜间施工", address="迂里村", grid_id=ids.grids[0],
                      priority=Priority.ORDINARY),
            now=NOW,
        )  # fmt: skip
        locate_ticket(s, ctx.actor, ref.id, ref.version, 120.445, 31.315, now=NOW)
    dock = _dock(qtbot, ctx, ref.id)
    note = dock.timeline_rows()[-1][-1]
    assert "120.445000" in note and "31.315000" in note
    assert "迂里村第一网格 → 迂里村第二网格" in note
