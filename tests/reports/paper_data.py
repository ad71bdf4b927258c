"""Tickets for the printed forms: a typical one with a short timeline, a long one, a notice
whose citizen's words name the reporter."""

from __future__ import annotations

from datetime import timedelta

from gridcenter_desktop.core.enums import EventAction, TicketStatus
from gridcenter_desktop.db.ticket import Ticket, TicketEvent

TYPICAL = [
    (EventAction.REGISTER, TicketStatus.PENDING_DISPATCH, "热线来电登记"),
    (EventAction.DISPATCH, TicketStatus.DISPATCHED, "请综合执法局牵头，生态环境办协助"),
    (EventAction.ACCEPT, TicketStatus.IN_PROGRESS, "已签收，安排人员前往"),
    (EventAction.FEEDBACK, TicketStatus.AWAITING_REVIEW, "已现场核查，责令当事人整改。"),
    (EventAction.CLOSE, TicketStatus.CLOSED, "审核通过"),
    (EventAction.CALLBACK, TicketStatus.CLOSED, "回访满意"),
]


def add_timeline(session, ticket_id: int, count: int | None = None) -> None:
    """The typical timeline, or ``count`` events with long notes (a ticket urged and sent
    back many times)."""
    ticket = session.get(Ticket, ticket_id)
    steps = TYPICAL
    if count is not None:
        note = "催办：请尽快处理，群众多次来电反映，夜间施工噪声仍未停止，影响周边居民休息。"
        steps = [(EventAction.URGE, TicketStatus.IN_PROGRESS, f"第{n}次{note}") for n in
                 range(1, count + 1)]  # fmt: skip
    for n, (action, status, text) in enumerate(steps):
        session.add(
            TicketEvent(
                ticket_id=ticket.id,
                at=ticket.created_at + timedelta(hours=n),
                action=action,
                to_status=status,
                note=text,
            )
        )
    session.commit()
