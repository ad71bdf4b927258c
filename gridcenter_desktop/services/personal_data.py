"""Personal data by need: "show phone" (显示电话) for the one ticket an operator must call back.

Lists, the detail panel and ledgers give an operator the reporter masked
(core.permissions.may_see_personal_data); calling the reporter back is the work that needs the
number, so :func:`reveal_contact` answers it for one ticket and writes who looked, at what and
why to the audit trail in the same commit (PIPL: seen only by those whose work needs it, and
the access recorded).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction, DataPurpose
from gridcenter_desktop.core.permissions import may_see_personal_data
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import NotFoundError, PermissionDeniedError


@dataclass(frozen=True, slots=True)
class Contact:
    """A reporter's name and phone, unmasked."""

    name: str
    phone: str


def reveal_contact(
    session: Session,
    actor: Actor,
    ticket_id: int,
    *,
    purpose: DataPurpose = DataPurpose.CALLBACK,
) -> Contact:
    """The reporter's name and phone of ticket ``ticket_id`` for ``actor``, who needs them for
    ``purpose`` (calling back). Refused (PermissionDeniedError) to a role the rule does not
    allow, e.g. a viewer; NotFoundError for no such ticket. The view is audited
    (PERSONAL_DATA_VIEW with the ticket and the purpose) and committed before the contact is
    returned, so no number is shown without its record."""
    if not may_see_personal_data(actor.role, purpose):
        raise PermissionDeniedError("see_personal_data", actor.role)
    try:
        row = session.execute(
            select(Ticket.code, Ticket.reporter_name, Ticket.reporter_phone).where(
                Ticket.id == ticket_id
            )
        ).one_or_none()
        if row is None:
            raise NotFoundError("ticket", ticket_id)
        code, name, phone = row
        audit.record(
            session,
            actor,
            AuditAction.PERSONAL_DATA_VIEW,
            ticket_id=ticket_id,
            target=code,
            detail={"purpose": DataPurpose(purpose).value, "fields": ["name", "phone"]},
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return Contact(name or "", phone or "")
