"""The demo's grid-patrol tickets name the grid worker who reported them (上报网格员): the
worker serving the ticket's grid, as the register dialog proposes. One UPDATE after the tickets
are written; no random draws, so the demo's figures do not move."""

from __future__ import annotations

from sqlalchemy import Connection, text

_FILL = text(
    "UPDATE ticket SET reported_by_person_id = ("
    " SELECT min(gm.person_id) FROM grid_member gm"
    " WHERE gm.area_id = ticket.grid_id AND gm.role = 'worker' AND gm.until IS NULL)"
    " WHERE source = 'grid_patrol' AND grid_id IS NOT NULL AND reported_by_person_id IS NULL"
)


def fill_reporting_workers(conn: Connection) -> int:
    """Set ``reported_by_person_id`` of the grid-patrol tickets to their grid's worker; the
    number of tickets updated."""
    return conn.execute(_FILL).rowcount
