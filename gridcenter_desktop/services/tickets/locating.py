"""Locating (地图定位): a ticket's place set or corrected on the map.

A record action (core/workflow.py RECORD_FROM: open tickets and closed ones, never a merged
duplicate; operators may). The coordinates change, and one LOCATE event keeps the old and new
points and the grid the new point falls in.

Whether the ticket also moves to that grid is decided here, and the rule is: it moves when it
is open, the point is inside an active grid's boundary other than its own, and no department
has it yet (no lead or assisting department assignment still running: pending, accepted or
fed back). Before that the grid is still the ticket's first address (it is dispatched to the
grid, or waits for dispatch), so the map is the better evidence and the ticket follows it, its
waiting grid assignments with it, as 定位归类 moves them (services/tickets/placing.py). Once a
department works on it the location is corrected on the record only: the handling does not
change hands behind the department's back; the operator moves it with 定位归类 if that is
really wanted. A closed ticket keeps its grid too (its period's statistics name it). A point in
no grid's boundary changes only the coordinates.
"""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import OPEN_STATUSES, EventAction, TicketStatus
from gridcenter_desktop.core.validation import LATITUDE_LIMIT, LONGITUDE_LIMIT, check_coordinate
from gridcenter_desktop.core.workflow import OPEN_ASSIGNMENT_STATUSES, Transition
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.grid_map import locate_grid
from gridcenter_desktop.services.tickets.common import Change, TicketRef, perform, text_input
from gridcenter_desktop.services.tickets.placing import move_to_grid

# Stored coordinates keep 6 decimals (about 10 cm), as the demo and the imports do.
_DECIMALS = 6


def locate_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    lon: float,
    lat: float,
    now: datetime | None = None,
    *,
    note: str = "",
    idempotency_key: str | None = None,
) -> TicketRef:
    """Set ``ticket_id``'s coordinates to the WGS-84 point (lon, lat) and, by the rule in the
    module docstring, move it to the grid that holds the point. One LOCATE event whose data
    carries ``from_longitude``/``from_latitude`` (when it had a place), ``longitude``,
    ``latitude``, ``located_grid_id``/``located_grid`` (the grid the point is in, if any) and,
    when it moved, ``grid_id``/``grid``/``from_grid_id``/``from_grid``.

    ValidationError("longitude"|"latitude", "required"|"range"), ("location", "unchanged")
    when the ticket is already at that point.
    """

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        if lon is None:
            raise ValidationError("longitude", "required")
        if lat is None:
            raise ValidationError("latitude", "required")
        if not _within(lon, LONGITUDE_LIMIT):
            raise ValidationError("longitude", "range")
        if not _within(lat, LATITUDE_LIMIT):
            raise ValidationError("latitude", "range")
        new_lon, new_lat = round(float(lon), _DECIMALS), round(float(lat), _DECIMALS)
        if (ticket.longitude, ticket.latitude) == (new_lon, new_lat):
            raise ValidationError("location", "unchanged")
        data: dict[str, object] = {"longitude": new_lon, "latitude": new_lat}
        if ticket.longitude is not None and ticket.latitude is not None:
            data.update(from_longitude=ticket.longitude, from_latitude=ticket.latitude)
        ticket.longitude, ticket.latitude = new_lon, new_lat
        grid_id = locate_grid(session, new_lon, new_lat)
        if grid_id is not None:
            grid = session.get(Area, grid_id)
            data.update(located_grid_id=grid.id, located_grid=grid.name)
            if grid.id != ticket.grid_id and _may_follow(ticket):
                data.update(move_to_grid(session, ticket, grid))
                ticket.to_place = False
        return Change(note=text, data=data)

    return perform(
        session, actor, ticket_id, version, EventAction.LOCATE, now, body, idempotency_key
    )


def _within(value: object, limit: float) -> bool:
    return (
        isinstance(value, int | float)
        and math.isfinite(value)
        and check_coordinate(float(value), limit) is None
    )


def _may_follow(ticket: Ticket) -> bool:
    """Open and no department handling it (see the module docstring)."""
    return follows_point(ticket.status, [(a.department_id, a.status) for a in ticket.assignments])


def follows_point(status: TicketStatus, assignments) -> bool:
    """Whether a ticket in ``status`` with ``assignments`` ((department_id, status) pairs)
    moves to the grid its new point falls in: open, and no department handling it. The place
    picker says so before the operator saves (ui/locate_action.py)."""
    if TicketStatus(status) not in OPEN_STATUSES:
        return False
    return not any(
        department_id is not None and assignment_status in OPEN_ASSIGNMENT_STATUSES
        for department_id, assignment_status in assignments
    )
