"""The callback rounds of a ticket (回访记录), as the detail panel and the callback dialog list
them: who called, when, how the reporter was reached, the rating, the note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import CallbackChannel, Satisfaction
from gridcenter_desktop.db.followup import CallbackRecord
from gridcenter_desktop.db.user import User


@dataclass(frozen=True, slots=True)
class CallbackRound:
    """One call back to the reporter; ``satisfaction`` is None when they were not reached."""

    id: int
    called_at: datetime
    called_by_id: int | None
    called_by_name: str | None
    channel: CallbackChannel
    satisfaction: Satisfaction | None
    note: str
    reopened: bool


def callback_rounds(session: Session, ticket_id: int) -> tuple[CallbackRound, ...]:
    """The ticket's callback rounds, oldest first."""
    rows = session.execute(
        select(CallbackRecord, User.display_name)
        .outerjoin(User, User.id == CallbackRecord.called_by_id)
        .where(CallbackRecord.ticket_id == ticket_id)
        .order_by(CallbackRecord.id)
    ).all()
    return tuple(
        CallbackRound(
            id=r.id,
            called_at=r.called_at,
            called_by_id=r.called_by_id,
            called_by_name=name,
            channel=CallbackChannel(r.channel),
            satisfaction=Satisfaction(r.satisfaction) if r.satisfaction else None,
            note=r.note,
            reopened=r.reopened,
        )
        for r, name in rows
    )
