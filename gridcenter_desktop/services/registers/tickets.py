"""Tickets raised from a register's row, and the unmasked contact of one row.

:func:`raise_ticket` registers a ticket from a row in one step: source 网格员巡查 (GRID_PATROL),
the row's grid and address (or place and coordinates for a danger), ``raised_from_kind``/``_id``
naming the row and ``reported_by_person_id`` the grid worker who keeps it (or found the
danger). Registration's own checks and deadline rules apply (apply_registration) and the link is
written in the same transaction, so the ticket never exists without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import (
    AuditAction,
    Priority,
    RegisterKind,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.core.permissions import may_reveal_register_contact
from gridcenter_desktop.db.gridwork import HiddenDanger, RentalHousing, SpecialGroupMember
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import NotFoundError, PermissionDeniedError
from gridcenter_desktop.services.registers.dangers import danger
from gridcenter_desktop.services.registers.rentals import rental
from gridcenter_desktop.services.registers.special_groups import visible_member
from gridcenter_desktop.services.tickets.common import TicketRef, local_now, text_input
from gridcenter_desktop.services.tickets.registration import NewTicket, apply_registration

REGISTERS = (RegisterKind.SPECIAL_GROUP, RegisterKind.RENTAL, RegisterKind.DANGER)


@dataclass(frozen=True, slots=True)
class RaisedTicket:
    """What the operator types to raise a ticket from a row."""

    category: str
    title: str
    description: str = ""
    priority: Priority = Priority.ORDINARY


@dataclass(frozen=True, slots=True)
class RaisedTicketRow:
    """A ticket raised from a row, as the row's ticket list shows it."""

    id: int
    code: str
    title: str
    status: TicketStatus
    created_at: datetime


def _row(session: Session, actor: Actor, register: RegisterKind, row_id: int):
    register = RegisterKind(register)
    if register is RegisterKind.SPECIAL_GROUP:
        return visible_member(session, actor, row_id)
    if register is RegisterKind.RENTAL:
        return rental(session, row_id)
    if register is RegisterKind.DANGER:
        return danger(session, row_id)
    raise NotFoundError("register", register.value)


def raise_ticket(
    session: Session,
    actor: Actor,
    register: RegisterKind,
    row_id: int,
    form: RaisedTicket,
    now: datetime | None = None,
) -> TicketRef:
    """Register a ticket raised from row ``row_id`` of ``register``; one commit."""
    now = now or local_now()
    try:
        row = _row(session, actor, register, row_id)
        if isinstance(row, HiddenDanger):
            address, worker = row.place, row.found_by_id
            latitude, longitude = row.latitude, row.longitude
        else:
            address, worker = row.address, row.worker_id
            latitude = longitude = None
        ref = apply_registration(
            session,
            actor,
            NewTicket(
                kind=TicketKind.ORDINARY,
                source=TicketSource.GRID_PATROL,
                category=form.category,
                title=form.title,
                description=form.description,
                address=address,
                grid_id=row.grid_id,
                priority=form.priority,
                latitude=latitude,
                longitude=longitude,
            ),
            now,
        )
        ticket = session.get(Ticket, ref.id)
        assert ticket is not None
        ticket.raised_from_kind = RegisterKind(register)
        ticket.raised_from_id = row_id
        ticket.reported_by_person_id = worker
        session.flush()
        ref = TicketRef(ticket.id, ticket.code, ticket.status, ticket.version)
        session.commit()
        return ref
    except BaseException:
        session.rollback()
        raise


def tickets_raised_from(
    session: Session, actor: Actor, register: RegisterKind, row_id: int
) -> list[RaisedTicketRow]:
    """The tickets raised from row ``row_id`` of ``register``, newest first."""
    _row(session, actor, register, row_id)  # the row exists and the actor may know of it
    result = session.execute(
        select(Ticket.id, Ticket.code, Ticket.title, Ticket.status, Ticket.created_at)
        .where(Ticket.raised_from_kind == RegisterKind(register), Ticket.raised_from_id == row_id)
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
    )
    return [RaisedTicketRow(*r) for r in result]


@dataclass(frozen=True, slots=True)
class RegisterContact:
    """One row's personal data, unmasked (the fields the row has; others empty)."""

    name: str
    phone: str
    id_number: str = ""
    guardian: str = ""
    guardian_phone: str = ""


def reveal_register_contact(
    session: Session,
    actor: Actor,
    register: RegisterKind,
    row_id: int,
    reason: str,
    now: datetime | None = None,
) -> RegisterContact:
    """The unmasked personal data of one special-group or rental row for ``actor``, who gives
    ``reason`` (why their work needs it). Refused to a viewer; the view is audited
    (REGISTER_VIEW with the row and the reason) and committed before it is returned."""
    if not may_reveal_register_contact(actor.role):
        raise PermissionDeniedError("see_personal_data", actor.role)
    try:
        reason = text_input("reason", reason, required=True, max_length=200)
        row = _row(session, actor, register, row_id)
        if isinstance(row, SpecialGroupMember):
            contact = RegisterContact(
                row.name,
                row.phone or "",
                row.id_number or "",
                row.guardian or "",
                row.guardian_phone or "",
            )
        elif isinstance(row, RentalHousing):
            contact = RegisterContact(row.landlord_name, row.landlord_phone or "")
        else:
            raise NotFoundError("personal_data", row_id)
        audit.record(
            session,
            actor,
            AuditAction.REGISTER_VIEW,
            target=f"{RegisterKind(register).value}:{row_id}",
            detail={"register": RegisterKind(register).value, "id": row_id, "reason": reason},
            now=now,
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return contact
