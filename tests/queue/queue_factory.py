"""Helpers that insert areas, tickets, assignments and events directly with the models.

光福镇 → 迂里村 (grids 迂里一, 迂里二) and 梅园社区 (grid 梅园一); two departments; two
operators. Ticket texts are chosen so searches have known answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from gridcenter_desktop.core.enums import (
    PRIORITY_RANK,
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent
from gridcenter_desktop.db.user import User

NOW = datetime(2022, 10, 25, 10, 0)


@dataclass
class Town:
    town: Area
    yuli: Area
    yuli1: Area
    yuli2: Area
    meiyuan: Area
    meiyuan1: Area
    enforcement: Department
    water: Department
    alice: User
    bob: User


def add_ticket(session, n: int, *, created: datetime, days: float = 5, **kw) -> Ticket:
    """A ticket with sensible defaults; ``days`` is the time allowed (deadline - created)."""
    priority = kw.pop("priority", Priority.ORDINARY)
    deadline = kw.pop("deadline_at", created + timedelta(days=days))
    ticket = Ticket(
        code=kw.pop("code", f"GC{created:%Y%m%d}-{n:04d}"),
        kind=kw.pop("kind", TicketKind.ORDINARY),
        source=kw.pop("source", TicketSource.HOTLINE),
        category=kw.pop("category", "city_management"),
        title=kw.pop("title", f"第{n}号工单"),
        description=kw.pop("description", ""),
        address=kw.pop("address", ""),
        priority=priority,
        priority_rank=PRIORITY_RANK[priority],
        status=kw.pop("status", TicketStatus.PENDING_DISPATCH),
        created_at=created,
        deadline_at=deadline,
        due_soon_at=kw.pop("due_soon_at", deadline - (deadline - created) / 4),
        updated_at=created,
        **kw,
    )
    session.add(ticket)
    return ticket


def assign(session, ticket: Ticket, department: Department, **kw) -> Assignment:
    a = Assignment(
        ticket=ticket,
        department_id=department.id,
        role=kw.pop("role", AssignmentRole.LEAD),
        status=kw.pop("status", AssignmentStatus.ACCEPTED),
        created_at=ticket.created_at,
        accept_by=ticket.created_at + timedelta(hours=4),
        finish_by=ticket.deadline_at,
        **kw,
    )
    session.add(a)
    return a


def event(session, ticket: Ticket, user: User, action: EventAction = EventAction.DISPATCH):
    session.add(
        TicketEvent(
            ticket=ticket,
            at=ticket.created_at,
            user_id=user.id,
            action=action,
            from_status=None,
            to_status=ticket.status,
        )
    )
