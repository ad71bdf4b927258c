"""Placing (定位归类): an open ticket gets its grid and/or its category by hand.

The import leaves a ticket on the "to be placed" list (待定位) when the address told it no grid
(``to_place``) or the platform's category is one nobody has mapped yet (imported as 其他,
``category_unmapped``); the operator works through the list with this action. It is also how a
ticket registered in the wrong grid is moved: one gesture, one PLACE event on the timeline.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.categories import CATEGORY_BY_CODE
from gridcenter_desktop.core.enums import AssignmentStatus, EventAction
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake.categories import save_category_mapping
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    active_grid,
    perform,
    text_input,
)

# Grid assignments still waiting on the grid's people follow the ticket to its new grid, as
# they do when two grids are merged (services/admin/areas.py); a grid's feedback already given
# stays with the grid that gave it.
_FOLLOWING = (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED)


def place_ticket(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    *,
    grid_id: int | None = None,
    category: str | None = None,
    remember_category: bool = False,
    note: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Set an open ticket's grid (an active grid: clears ``to_place``; a ticket already in
    another grid moves, with its grid's pending assignments) and/or its category (a known
    code: clears ``category_unmapped``). With ``remember_category`` on a ticket imported from
    a platform, the platform's category is mapped to this code for every later import, in the
    same transaction. ``note`` says why (a grid worker confirmed the address ...). The status,
    deadline and everything else stay as they were.

    ValidationError("placement", "required") when neither is given, ("placement",
    "unchanged") when nothing would change, ("remember_category", "not_imported") when there
    is no platform category to remember.
    """

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        text = text_input("note", note, required=False)
        if grid_id is None and category is None:
            raise ValidationError("placement", "required")
        grid = active_grid(session, grid_id) if grid_id is not None else None
        if category is not None and category not in CATEGORY_BY_CODE:
            raise ValidationError("category", "unknown")
        data: dict[str, object] = {}
        if remember_category:
            if category is None:
                raise ValidationError("category", "required")
            if ticket.external_source is None or not ticket.external_category:
                raise ValidationError("remember_category", "not_imported")
            # Before the ticket changes: the mapping's own flush must not write the ticket
            # (its version moves once, with the event).
            key = save_category_mapping(
                session,
                actor,
                ticket.external_source,
                ticket.external_category,
                category,
                now=at,
                commit=False,
            )
            data["remembered"] = {
                "source": str(ticket.external_source),
                "external": key,
                "category": category,
            }
        changed = bool(data)
        if grid is not None:
            if grid.id != ticket.grid_id:
                data.update(move_to_grid(session, ticket, grid))
                changed = True
            changed |= ticket.to_place
            ticket.to_place = False
        if category is not None:
            if category != ticket.category:
                data.update(from_category=ticket.category, category=category)
                ticket.category = category
                changed = True
            changed |= ticket.category_unmapped
            ticket.category_unmapped = False
        if not changed:
            raise ValidationError("placement", "unchanged")
        data.update(to_place=ticket.to_place, category_unmapped=ticket.category_unmapped)
        return Change(note=text, data=data)

    return perform(
        session, actor, ticket_id, version, EventAction.PLACE, now, body, idempotency_key
    )


def move_to_grid(session: Session, ticket: Ticket, grid: Area) -> dict[str, object]:
    """Put ``ticket`` in ``grid``, its waiting grid assignments with it; what the event says."""
    before = session.get(Area, ticket.grid_id) if ticket.grid_id is not None else None
    following = [
        a
        for a in ticket.assignments
        if a.grid_id is not None and a.grid_id == ticket.grid_id and a.status in _FOLLOWING
    ]
    for assignment in following:
        assignment.grid_id = grid.id
    ticket.grid_id = grid.id
    data: dict[str, object] = {"grid_id": grid.id, "grid": grid.name}
    if before is not None:
        data.update(from_grid_id=before.id, from_grid=before.name)
    if following:
        data["assignments_moved"] = len(following)
    return data
