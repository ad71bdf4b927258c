"""A small, hand-countable data set for report tests, inserted with the models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest

from gridcenter_desktop.core.enums import (
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
    UserRole,
)
from gridcenter_desktop.db.models import Area, Assignment, Department, Ticket, User

NOW = datetime(2022, 10, 25, 18, 0)
EVIL_TITLE = '=HYPERLINK("http://evil.example","点我")'


@dataclass
class ReportData:
    """Ids of what the fixture inserted, in creation order."""

    ticket_ids: list[int] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    grid_ids: dict[str, int] = field(default_factory=dict)
    department_ids: dict[str, int] = field(default_factory=dict)


def _area(session, name, level, parent=None):
    area = Area(name=name, level=level, parent=parent, sort_order=0)
    session.add(area)
    return area


def insert_report_data(session) -> ReportData:
    """Town → 迂里村 (2 grids) and 梅园社区 (1 grid); three departments; eight tickets in
    2022-03 .. 2022-10 plus one merged duplicate and one ticket outside the period."""
    data = ReportData()
    town = _area(session, "光福镇", AreaLevel.TOWN)
    yuli = _area(session, "迂里村", AreaLevel.VILLAGE, town)
    meiyuan = _area(session, "梅园社区", AreaLevel.COMMUNITY, town)
    grids = {
        "迂里村第一网格": _area(session, "迂里村第一网格", AreaLevel.GRID, yuli),
        "迂里村第二网格": _area(session, "迂里村第二网格", AreaLevel.GRID, yuli),
        "梅园社区第一网格": _area(session, "梅园社区第一网格", AreaLevel.GRID, meiyuan),
    }
    depts = {
        code: Department(code=code, name=name, kind=DepartmentKind.OFFICE, active=True)
        for code, name in [
            ("enforcement", "综合执法局"),
            ("environment", "生态环境办"),
            ("police", "派出所"),
        ]
    }
    session.add_all(depts.values())
    session.add(User(login="admin", display_name="管理员", role=UserRole.ADMIN, password_hash="x"))
    session.flush()
    data.grid_ids = {k: v.id for k, v in grids.items()}
    data.department_ids = {k: v.id for k, v in depts.items()}

    specs = [
        # (created, kind, category, grid, status, closed after days, lead, assists, extra)
        ("2022-03-01 09:00", TicketKind.ORDINARY, "noise", "迂里村第一网格",
         TicketStatus.CLOSED, 3, "enforcement", ["environment"],
         dict(satisfaction=Satisfaction.SATISFIED, title=EVIL_TITLE,
              reporter_name="张三丰", reporter_phone="13812345678")),
        ("2022-03-15 10:30", TicketKind.DISPUTE, "neighbour_dispute", "迂里村第二网格",
         TicketStatus.CLOSED, 12, None, [],
         dict(outcome=Outcome.RESOLVED, solved_in_grid=True, reporter_name="李四",
              reporter_phone="0512-66881234")),
        ("2022-04-02 14:00", TicketKind.DISPUTE, "neighbour_dispute", "梅园社区第一网格",
         TicketStatus.CLOSED, 2, None, [], dict(outcome=Outcome.UNRESOLVED)),
        ("2022-05-20 08:15", TicketKind.PETITION, "petition_matter", "迂里村第一网格",
         TicketStatus.CLOSED, 20, "police", [],
         dict(people_count=3, source=TicketSource.LETTER_VISIT, outcome=Outcome.RESOLVED,
              satisfaction=Satisfaction.DISSATISFIED)),
        ("2022-07-08 16:45", TicketKind.SUGGESTION, "suggestion", "梅园社区第一网格",
         TicketStatus.CLOSED, 4, "environment", [],
         dict(outcome=Outcome.RESOLVED, source=TicketSource.OPINION_DAY)),
        ("2022-09-30 11:00", TicketKind.ORDINARY, "environment", "迂里村第二网格",
         TicketStatus.IN_PROGRESS, None, "environment", ["police"], dict(urge_count=2)),
        ("2022-10-20 09:00", TicketKind.ORDINARY, "city_management", "迂里村第一网格",
         TicketStatus.DISPATCHED, None, "enforcement", [], dict(title="-违规占道经营")),
        ("2022-10-24 17:00", TicketKind.ORDINARY, "city_management", None,
         TicketStatus.PENDING_DISPATCH, None, None, [], {}),
        # A duplicate merged into the first ticket and one created after the period.
        ("2022-03-01 09:20", TicketKind.ORDINARY, "noise", "迂里村第一网格",
         TicketStatus.MERGED, None, None, [], {}),
        ("2022-11-02 09:00", TicketKind.ORDINARY, "noise", "迂里村第一网格",
         TicketStatus.PENDING_DISPATCH, None, None, [], {}),
    ]  # fmt: skip
    for number, (
        created_text,
        kind,
        category,
        grid_name,
        status,
        days,
        lead,
        assists,
        extra,
    ) in enumerate(specs, 1):
        created = datetime.strptime(created_text, "%Y-%m-%d %H:%M")
        deadline = created + timedelta(days=7)
        closed = created + timedelta(days=days) if days is not None else None
        grid = grids.get(grid_name) if grid_name else None
        fields = dict(
            code=f"GC{created:%Y%m%d}-{number:04d}",
            kind=kind,
            source=TicketSource.HOTLINE,
            category=category,
            title=f"测试工单{number}",
            description="描述",
            address="光福镇某路1号",
            grid_id=grid.id if grid else None,
            priority=Priority.ORDINARY,
            priority_rank=0,
            status=status,
            created_at=created,
            deadline_at=deadline,
            due_soon_at=created + timedelta(days=5, hours=6),
            dispatched_at=created + timedelta(hours=1) if lead or grid else None,
            closed_at=closed,
            people_count=1,
            updated_at=closed or created,
            version=1,
        )
        fields.update(extra)
        ticket = Ticket(**fields)
        session.add(ticket)
        session.flush()
        if lead:
            _assign(session, ticket, depts[lead].id, None, AssignmentRole.LEAD, status)
        elif grid is not None and status == TicketStatus.CLOSED:
            _assign(session, ticket, None, grid.id, AssignmentRole.LEAD, status)
        for code in assists:
            _assign(session, ticket, depts[code].id, None, AssignmentRole.ASSIST, status)
        data.ticket_ids.append(ticket.id)
        data.codes.append(ticket.code)
    merged = session.get(Ticket, data.ticket_ids[8])
    merged.merged_into_id = data.ticket_ids[0]
    session.commit()
    return data


def _assign(session, ticket, department_id, grid_id, role, status):
    done = status == TicketStatus.CLOSED
    session.add(
        Assignment(
            ticket_id=ticket.id,
            department_id=department_id,
            grid_id=grid_id,
            role=role,
            status=AssignmentStatus.DONE if done else AssignmentStatus.PENDING,
            created_at=ticket.created_at,
            accept_by=ticket.created_at + timedelta(days=1),
            finish_by=ticket.deadline_at,
            instructions="",
            feedback="已现场核查，责令当事人整改。" if done else None,
        )
    )


@pytest.fixture
def report_data(session) -> ReportData:
    return insert_report_data(session)


@pytest.fixture
def local_session(tmp_path):
    """A session on a migrated SQLite file, for tests whose subject (file layout, masking,
    safety) does not depend on the database backend."""
    from gridcenter_desktop.db import migrate
    from gridcenter_desktop.db.engine import make_engine, make_session_factory

    engine = make_engine(f"sqlite:///{tmp_path / 'reports.sqlite3'}")
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


@pytest.fixture
def local_data(local_session) -> ReportData:
    return insert_report_data(local_session)
