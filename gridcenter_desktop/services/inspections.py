"""Joint meetings (联席会议) and joint inspections (联合检查) on record: a hard case brings the
departments together, on paper or on the spot, and what they found is kept on the ticket (the
漫山岛 case: five offices inspected the unlicensed B&Bs together and ordered a closure). A
rectification notice (services.notices) is usually issued from the latest one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import EventAction, InspectionKind
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.followup import InspectionDepartment, JointInspection
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    active_department,
    perform,
    text_input,
)

PLACE_MAX = 200  # joint_inspection.place
FINDINGS_MAX = 4000


@dataclass(frozen=True, slots=True)
class InspectionRow:
    """A joint meeting or inspection as the detail panel and the notice dialog show it."""

    id: int
    kind: InspectionKind
    held_on: date
    departments: tuple[str, ...]
    place: str
    attendees: str
    findings: str
    recorded_by: str | None


def record_inspection(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    *,
    kind: InspectionKind,
    held_on: date,
    department_ids: Iterable[int],
    findings: str,
    place: str = "",
    attendees: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Put a joint meeting or inspection held on ``held_on`` (not in the future) on an open
    ticket's record: the departments present (at least one), where, who else came, and what
    was found. The ticket's status stays; one event, one commit."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        try:
            inspection_kind = InspectionKind(kind)
        except ValueError:
            raise ValidationError("inspection_kind", "invalid") from None
        if not isinstance(held_on, date) or isinstance(held_on, datetime):
            raise ValidationError("held_on", "required")
        if held_on > at.date():
            raise ValidationError("held_on", "future")
        ids = list(dict.fromkeys(department_ids or ()))
        if not ids:
            raise ValidationError("department_ids", "required")
        departments = [active_department(session, i, "department_ids") for i in ids]
        text = text_input("findings", findings, required=True, max_length=FINDINGS_MAX)
        where = text_input("place", place, required=False, max_length=PLACE_MAX)
        others = text_input("attendees", attendees, required=False)
        inspection = JointInspection(
            ticket_id=ticket.id,
            kind=inspection_kind,
            held_on=held_on,
            place=where,
            attendees=others,
            findings=text,
            recorded_at=at,
            recorded_by_id=actor.user_id,
        )
        session.add(inspection)
        # The ticket itself is unchanged so far: this writes the inspection alone, for its id.
        session.flush()
        session.add_all(
            InspectionDepartment(inspection_id=inspection.id, department_id=d.id)
            for d in departments
        )
        return Change(
            note=text,
            data={
                "inspection_id": inspection.id,
                "kind": inspection_kind.value,
                "held_on": held_on.isoformat(),
                "departments": [d.name for d in departments],
            },
        )

    return perform(
        session, actor, ticket_id, version, EventAction.INSPECT, now, body, idempotency_key
    )


def ticket_inspections(session: Session, ticket_id: int) -> list[InspectionRow]:
    """The ticket's joint meetings and inspections, latest held first."""
    rows = session.execute(
        select(JointInspection, User.display_name)
        .outerjoin(User, User.id == JointInspection.recorded_by_id)
        .where(JointInspection.ticket_id == ticket_id)
        .order_by(JointInspection.held_on.desc(), JointInspection.id.desc())
    ).all()
    ids = [inspection.id for inspection, _ in rows]
    present: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for inspection_id, name in session.execute(
            select(InspectionDepartment.inspection_id, Department.name)
            .join(Department, Department.id == InspectionDepartment.department_id)
            .where(InspectionDepartment.inspection_id.in_(ids))
            .order_by(Department.id)
        ):
            present[inspection_id].append(name)
    return [
        InspectionRow(
            id=inspection.id,
            kind=InspectionKind(inspection.kind),
            held_on=inspection.held_on,
            departments=tuple(present[inspection.id]),
            place=inspection.place,
            attendees=inspection.attendees,
            findings=inspection.findings,
            recorded_by=recorded_by,
        )
        for inspection, recorded_by in rows
    ]
