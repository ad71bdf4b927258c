"""A small town with tickets of every kind, inserted directly with the models.

光福镇 → 迂里村 (grids 迂里一, 迂里二) and 梅园社区 (grid 梅园一); two departments; two
operators.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from queue_factory import NOW, Town, add_ticket, assign, event

from gridcenter_desktop.core.enums import (
    AreaLevel,
    AssignmentStatus,
    DepartmentKind,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.db.user import User


@pytest.fixture
def town(session) -> Town:
    town = Area(level=AreaLevel.TOWN, name="光福镇")
    yuli = Area(level=AreaLevel.VILLAGE, name="迂里村", parent=town, sort_order=1)
    yuli1 = Area(level=AreaLevel.GRID, name="迂里村第一网格", parent=yuli, sort_order=1)
    yuli2 = Area(level=AreaLevel.GRID, name="迂里村第二网格", parent=yuli, sort_order=2)
    meiyuan = Area(level=AreaLevel.COMMUNITY, name="梅园社区", parent=town, sort_order=2)
    meiyuan1 = Area(level=AreaLevel.GRID, name="梅园社区第一网格", parent=meiyuan, sort_order=1)
    enforcement = Department(code="enforcement", name="综合执法局", kind=DepartmentKind.OFFICE)
    water = Department(code="water", name="水利站", kind=DepartmentKind.OFFICE)
    alice = User(login="alice", display_name="张丽", role=UserRole.OPERATOR, password_hash="x")
    bob = User(login="bob", display_name="王波", role=UserRole.OPERATOR, password_hash="x")
    session.add_all([town, yuli, yuli1, yuli2, meiyuan, meiyuan1, enforcement, water, alice, bob])
    session.flush()
    return Town(town, yuli, yuli1, yuli2, meiyuan, meiyuan1, enforcement, water, alice, bob)


@pytest.fixture
def queue_tickets(session, town) -> list[Ticket]:
    """40 tickets whose created times and deadlines repeat (ties for the orderings), spread
    over statuses, kinds, categories, sources, grids, departments and handlers."""
    statuses = [
        TicketStatus.PENDING_DISPATCH,
        TicketStatus.DISPATCHED,
        TicketStatus.IN_PROGRESS,
        TicketStatus.AWAITING_REVIEW,
        TicketStatus.CLOSED,
    ]
    grids = [town.yuli1, town.yuli2, town.meiyuan1, None]
    tickets = []
    for n in range(40):
        created = NOW - timedelta(days=[1, 3, 3, 8][n % 4], hours=[0, 0, 5][n % 3])
        status = statuses[n % 5] if n != 39 else TicketStatus.MERGED
        t = add_ticket(
            session,
            n,
            created=created,
            days=[2, 5, 10][n % 3],
            status=status,
            kind=[TicketKind.ORDINARY, TicketKind.DISPUTE][n % 2],
            category=["noise", "water_affairs", "city_management"][n % 3],
            source=[TicketSource.HOTLINE, TicketSource.GRID_PATROL][n % 2],
            priority=[Priority.ORDINARY, Priority.URGENT, Priority.CRITICAL][n % 3],
            grid_id=grids[n % 4].id if grids[n % 4] else None,
            closed_at=created + timedelta(days=1) if status == TicketStatus.CLOSED else None,
        )
        tickets.append(t)
    session.flush()
    for t in tickets[::3]:
        assign(session, t, town.enforcement)
    assign(session, tickets[1], town.water)
    # A cancelled assignment does not make the ticket the department's.
    assign(session, tickets[2], town.water, status=AssignmentStatus.CANCELLED)
    for t in tickets[:10]:
        event(session, t, town.alice)
    event(session, tickets[20], town.bob)
    session.commit()
    return tickets
