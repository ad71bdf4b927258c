"""A small, hand-made desk database for the queue, dispatch, detail and register tests.

Every number the tests assert follows from the loops below (relative to the UI tests' fixed
clock, 2022-10-25 10:00), so a test can say "3 tickets are pending dispatch" and mean it.
Built once per test session into a template SQLite file and copied per test.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from gridcenter_desktop.core.enums import (
    AreaLevel,
    DepartmentKind,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import search  # noqa: F401  (indexes ORM inserts)

NOW = datetime(2022, 10, 25, 10, 0, 0)

DEPARTMENTS = [
    ("enforcement", "综合执法局"),
    ("environment", "生态环境办"),
    ("police", "派出所"),
    ("fire", "消委办"),
    ("market", "市场监督管理所"),
    ("food", "食安办"),
    ("judicial", "司法所"),
]

# (title, category, status, hours since created, hours until deadline (negative: overdue))
BASE_TICKETS = [
    ("迂里村3组河道有垃圾漂浮", "environment", TicketStatus.PENDING_DISPATCH, 30, -2),
    ("饭店油烟扰民", "noise", TicketStatus.PENDING_DISPATCH, 20, 10),
    ("夜间施工噪音扰民", "noise", TicketStatus.PENDING_DISPATCH, 5, 100),
    ("农家乐无证经营", "unlicensed_business", TicketStatus.DISPATCHED, 50, 30),
    ("小区消防通道堵塞", "fire_safety", TicketStatus.IN_PROGRESS, 70, -5),
    ("邻居违章搭建纠纷", "neighbour_dispute", TicketStatus.IN_PROGRESS, 40, 200),
    ("路灯不亮", "city_management", TicketStatus.AWAITING_REVIEW, 90, 20),
    ("垃圾清运不及时", "city_management", TicketStatus.CLOSED, 300, -100),
    ("自来水管漏水", "utilities", TicketStatus.CLOSED, 200, 50),
    ("河道漂浮物", "environment", TicketStatus.MERGED, 29, 100),
]


@dataclass(frozen=True)
class DeskIds:
    town: int
    yuli: int
    meiyuan: int
    grids: tuple[int, ...]  # 迂里村第一网格, 迂里村第二网格, 梅园社区第一网格
    departments: dict[str, int]
    operator: int
    supervisor: int
    tickets: dict[str, int]  # title -> id


def build_desk_db(url: str, *, extra_tickets: int = 0) -> DeskIds:
    """Migrate ``url`` and fill it: 2 villages, 3 grids, departments, users and the tickets of
    BASE_TICKETS (all in 迂里村第一网格, hotline, ordinary kind) plus ``extra_tickets`` open
    filler tickets ("巡查发现问题 n", category other, grid 2, never overdue)."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    with factory() as s:
        town = Area(level=AreaLevel.TOWN, name="光福镇")
        yuli = Area(level=AreaLevel.VILLAGE, name="迂里村", parent=town, sort_order=1)
        meiyuan = Area(level=AreaLevel.COMMUNITY, name="梅园社区", parent=town, sort_order=2)
        g1 = Area(level=AreaLevel.GRID, name="迂里村第一网格", parent=yuli, sort_order=1)
        g2 = Area(level=AreaLevel.GRID, name="迂里村第二网格", parent=yuli, sort_order=2)
        g3 = Area(level=AreaLevel.GRID, name="梅园社区第一网格", parent=meiyuan, sort_order=1)
        deps = {
            code: Department(code=code, name=name, kind=DepartmentKind.OFFICE)
            for code, name in DEPARTMENTS
        }
        operator = User(
            login="op", display_name="王调度", role=UserRole.OPERATOR, password_hash="x"
        )
        supervisor = User(
            login="sup", display_name="李值班", role=UserRole.SUPERVISOR, password_hash="x"
        )
        s.add_all([town, yuli, meiyuan, g1, g2, g3, *deps.values(), operator, supervisor])
        s.flush()
        tickets: dict[str, Ticket] = {}
        for n, (title, category, status, age, left) in enumerate(BASE_TICKETS, start=1):
            created = NOW - timedelta(hours=age)
            deadline = NOW + timedelta(hours=left)
            tickets[title] = _ticket(n, title, category, status, g1.id, created, deadline)
        s.add_all(tickets.values())
        for i in range(extra_tickets):
            created = NOW - timedelta(minutes=10 * (i + 1))
            t = _ticket(
                1000 + i,
                f"巡查发现问题 {i}",
                "other",
                TicketStatus.PENDING_DISPATCH,
                g2.id,
                created,
                NOW + timedelta(days=30, minutes=i),
            )
            s.add(t)
        s.commit()
        ids = DeskIds(
            town=town.id,
            yuli=yuli.id,
            meiyuan=meiyuan.id,
            grids=(g1.id, g2.id, g3.id),
            departments={code: d.id for code, d in deps.items()},
            operator=operator.id,
            supervisor=supervisor.id,
            tickets={title: t.id for title, t in tickets.items()},
        )
    engine.dispose()
    return ids


def _ticket(n, title, category, status, grid_id, created, deadline) -> Ticket:
    closed = created + (deadline - created) / 2 if status == TicketStatus.CLOSED else None
    return Ticket(
        code=f"GC{created:%Y%m%d}-{n:04d}",
        kind=TicketKind.ORDINARY,
        source=TicketSource.HOTLINE,
        category=category,
        title=title,
        description=f"群众反映：{title}，请尽快处理。",
        reporter_name="张三",
        reporter_phone="13812345678",
        address="迂里村3组42号",
        grid_id=grid_id,
        priority=Priority.ORDINARY,
        priority_rank=0,
        status=status,
        created_at=created,
        deadline_at=deadline,
        due_soon_at=created + (deadline - created) * 3 / 4,
        dispatched_at=created if status != TicketStatus.PENDING_DISPATCH else None,
        closed_at=closed,
        updated_at=created,
        version=1,
    )


def open_counts() -> dict[str, int]:
    """How many base tickets each preset shows (for NOW)."""
    open_rows = [t for t in BASE_TICKETS if t[2] not in (TicketStatus.CLOSED, TicketStatus.MERGED)]
    return {
        "pending": sum(t[2] == TicketStatus.PENDING_DISPATCH for t in BASE_TICKETS),
        "in_progress": sum(
            t[2] in (TicketStatus.DISPATCHED, TicketStatus.IN_PROGRESS) for t in BASE_TICKETS
        ),
        "review": sum(t[2] == TicketStatus.AWAITING_REVIEW for t in BASE_TICKETS),
        "overdue": sum(t[4] < 0 for t in open_rows),
        "open": len(open_rows),
    }


# -- fixtures (import them into a test module: ``from desk_data import desk``) -----------------


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("desk") / "desk.sqlite3"
    return path, build_desk_db(f"sqlite:///{path}")


@pytest.fixture(scope="session")
def big_desk_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("desk_big") / "desk.sqlite3"
    return path, build_desk_db(f"sqlite:///{path}", extra_tickets=1000)


def _copy(template, tmp_path) -> tuple[str, DeskIds]:
    path, ids = template
    target = tmp_path / "desk.sqlite3"
    shutil.copy(path, target)
    return f"sqlite:///{target}", ids


@pytest.fixture
def desk(desk_template, tmp_path) -> tuple[str, DeskIds]:
    """(url, ids) of a fresh copy of the small desk database."""
    return _copy(desk_template, tmp_path)


@pytest.fixture
def big_desk(big_desk_template, tmp_path) -> tuple[str, DeskIds]:
    """(url, ids) of a fresh copy of the desk database with 1,000 extra open tickets."""
    return _copy(big_desk_template, tmp_path)
