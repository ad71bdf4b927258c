"""What a ticket's lead unit said: the one query the reply sheet and the Open311 feed share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AssignmentRole, AssignmentStatus
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.ticket import Assignment


@dataclass(frozen=True, slots=True)
class Lead:
    """A ticket's lead unit (a department, else the grid) and what it wrote back."""

    unit: str
    public_reply: str
    feedback: str


NO_LEAD = Lead("", "", "")


def ticket_leads(session: Session, ids: Sequence[int]) -> dict[int, Lead]:
    """The lead of each ticket in ``ids`` that has one. The latest lead that was not withdrawn
    wins (a ticket sent back after review gets a new lead)."""
    query = (
        select(
            Assignment.ticket_id,
            Department.name,
            Area.name,
            Assignment.public_reply,
            Assignment.feedback,
        )
        .outerjoin(Department, Department.id == Assignment.department_id)
        .outerjoin(Area, Area.id == Assignment.grid_id)
        .where(
            Assignment.ticket_id.in_(ids),
            Assignment.role == AssignmentRole.LEAD,
            Assignment.status.not_in([AssignmentStatus.CANCELLED, AssignmentStatus.RETURNED]),
        )
        .order_by(Assignment.ticket_id, Assignment.id)
    )
    return {
        ticket_id: Lead(department or grid or "", public_reply or "", feedback or "")
        for ticket_id, department, grid, public_reply, feedback in session.execute(query)
    }


__all__ = ["NO_LEAD", "Lead", "ticket_leads"]
