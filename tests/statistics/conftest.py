"""January 2022 in a two-village town: 13 tickets whose figures are counted by hand in
test_period_statistics.py.

光福镇 → 福利村 (grids A1, A2), 梅园社区 (grid B1). NOW = 2022-02-10 12:00.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from gridcenter_desktop.core.enums import (
    PRIORITY_RANK,
    AreaLevel,
    AssignmentRole,
    AssignmentStatus,
    DepartmentKind,
    Outcome,
    Priority,
    Satisfaction,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.ticket import Assignment, Ticket

NOW = datetime(2022, 2, 10, 12, 0)
D = datetime

OPEN, CLOSED = TicketStatus.IN_PROGRESS, TicketStatus.CLOSED
ORD, DIS, PET, SUG = (
    TicketKind.ORDINARY,
    TicketKind.DISPUTE,
    TicketKind.PETITION,
    TicketKind.SUGGESTION,
)


@pytest.fixture
def january(session):
    town = Area(level=AreaLevel.TOWN, name="光福镇")
    fuli = Area(level=AreaLevel.VILLAGE, name="福利村", parent=town, sort_order=1)
    a1 = Area(level=AreaLevel.GRID, name="福利村第一网格", parent=fuli, sort_order=1)
    a2 = Area(level=AreaLevel.GRID, name="福利村第二网格", parent=fuli, sort_order=2)
    meiyuan = Area(level=AreaLevel.COMMUNITY, name="梅园社区", parent=town, sort_order=2)
    b1 = Area(level=AreaLevel.GRID, name="梅园社区第一网格", parent=meiyuan, sort_order=1)
    enf = Department(code="enforcement", name="综合执法局", kind=DepartmentKind.OFFICE)
    water = Department(code="water", name="水利站", kind=DepartmentKind.OFFICE)
    session.add_all([town, fuli, a1, a2, meiyuan, b1, enf, water])
    session.flush()

    # n, kind, category, source, grid, created, deadline, status, closed, outcome, rating,
    # people
    specs = [
        (1, ORD, "noise", TicketSource.HOTLINE, a1, D(2022, 1, 3, 9), D(2022, 1, 8, 9),
         CLOSED, D(2022, 1, 5, 9), None, Satisfaction.SATISFIED, 1),
        (2, ORD, "noise", TicketSource.HOTLINE, a1, D(2022, 1, 4, 9), D(2022, 1, 6, 9),
         CLOSED, D(2022, 1, 10, 9), None, Satisfaction.DISSATISFIED, 1),
        (3, DIS, "neighbour_dispute", TicketSource.GRID_PATROL, a2, D(2022, 1, 10, 8),
         D(2022, 1, 20, 8), CLOSED, D(2022, 1, 11, 8), Outcome.RESOLVED,
         Satisfaction.BASICALLY_SATISFIED, 1),
        (4, DIS, "neighbour_dispute", TicketSource.GRID_PATROL, a2, D(2022, 1, 10, 8),
         D(2022, 1, 20, 8), CLOSED, D(2022, 1, 13, 8), Outcome.UNRESOLVED, None, 1),
        (5, DIS, "neighbour_dispute", TicketSource.GRID_PATROL, a2, D(2022, 1, 10, 8),
         D(2022, 1, 20, 8), OPEN, None, None, None, 1),
        (6, PET, "petition_matter", TicketSource.LETTER_VISIT, b1, D(2022, 1, 15, 10),
         D(2022, 1, 30, 10), CLOSED, D(2022, 1, 16, 10), Outcome.RESOLVED,
         Satisfaction.SATISFIED, 3),
        (7, PET, "petition_matter", TicketSource.LETTER_VISIT, b1, D(2022, 1, 16, 9),
         D(2022, 2, 20, 9), TicketStatus.PENDING_DISPATCH, None, None, None, 2),
        (8, SUG, "suggestion", TicketSource.OPINION_DAY, None, D(2022, 1, 20, 9),
         D(2022, 2, 5, 9), CLOSED, D(2022, 1, 22, 9), Outcome.RESOLVED, None, 1),
        (9, SUG, "suggestion", TicketSource.OPINION_DAY, None, D(2022, 1, 21, 9),
         D(2022, 1, 25, 9), TicketStatus.AWAITING_REVIEW, None, None, None, 1),
        # A merged duplicate and two tickets just outside the period: never counted.
        (10, ORD, "noise", TicketSource.HOTLINE, a1, D(2022, 1, 5, 9), D(2022, 1, 8, 9),
         TicketStatus.MERGED, None, None, None, 1),
        (11, ORD, "noise", TicketSource.HOTLINE, a1, D(2021, 12, 31, 23, 59),
         D(2022, 1, 8, 9), CLOSED, D(2022, 1, 2, 9), None, None, 1),
        (12, ORD, "noise", TicketSource.HOTLINE, a1, D(2022, 2, 1, 0, 0),
         D(2022, 2, 8, 9), OPEN, None, None, None, 1),
        (13, ORD, "water_affairs", TicketSource.HOTLINE, a1, D(2022, 1, 31, 23, 30),
         D(2022, 2, 5, 9), TicketStatus.DISPATCHED, None, None, None, 1),
    ]  # fmt: skip
    tickets = {}
    for (n, kind, cat, source, grid, created, deadline, status, closed, outcome, rating,
         people) in specs:  # fmt: skip
        tickets[n] = Ticket(
            code=f"GC{created:%Y%m%d}-{n:04d}",
            kind=kind,
            source=source,
            category=cat,
            title=f"第{n}号",
            grid_id=grid.id if grid else None,
            priority=Priority.ORDINARY,
            priority_rank=PRIORITY_RANK[Priority.ORDINARY],
            status=status,
            created_at=created,
            deadline_at=deadline,
            due_soon_at=deadline - timedelta(days=1),
            closed_at=closed,
            outcome=outcome,
            satisfaction=rating,
            people_count=people,
            updated_at=created,
        )
    session.add_all(tickets.values())
    session.flush()

    def lead(n, dept, status=AssignmentStatus.ACCEPTED):
        t = tickets[n]
        session.add(
            Assignment(
                ticket_id=t.id,
                department_id=dept.id,
                role=AssignmentRole.LEAD,
                status=status,
                created_at=t.created_at,
                accept_by=t.created_at + timedelta(hours=4),
                finish_by=t.deadline_at,
            )
        )

    lead(1, enf, AssignmentStatus.DONE)
    lead(2, enf, AssignmentStatus.DONE)
    lead(5, water)
    lead(13, enf, AssignmentStatus.CANCELLED)  # withdrawn, re-dispatched to water
    lead(13, water, AssignmentStatus.PENDING)
    lead(12, water)  # outside the period
    # Ticket 3 was handled by its grid: a lead assignment without a department.
    session.add(
        Assignment(
            ticket_id=tickets[3].id,
            grid_id=a2.id,
            role=AssignmentRole.LEAD,
            status=AssignmentStatus.DONE,
            created_at=tickets[3].created_at,
            accept_by=tickets[3].created_at,
            finish_by=tickets[3].deadline_at,
        )
    )
    session.commit()
    return {"a1": a1, "a2": a2, "b1": b1, "fuli": fuli, "meiyuan": meiyuan, "enf": enf,
            "water": water}  # fmt: skip
