"""One ticket against the queue's filter: is it still in the operator's view, and how does its
row read now? The queue keeps the selected ticket on screen when a refresh finds it gone from
the loaded rows (another desk dispatched it out of 待派发), marked as no longer in the view."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import queue as queue_service
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder, QueueRow


def ticket_in_queue(
    session: Session, ticket_id: int, flt: QueueFilter, order: QueueOrder, now: datetime
) -> tuple[QueueRow | None, bool]:
    """The ticket's queue row as it is now (None when there is no such ticket) and whether
    ``flt`` still keeps it."""
    # The queue's own row query and filter conditions, so the row reads exactly like the
    # others and "in the view" means what the queue means.
    stmt = queue_service._row_select().where(Ticket.id == ticket_id)
    rows = queue_service._rows(session, stmt, order)
    if not rows:
        return None, False
    conds = queue_service.conditions(session, flt, now)
    inside = session.scalar(select(Ticket.id).where(Ticket.id == ticket_id, *conds))
    return rows[0], inside is not None
