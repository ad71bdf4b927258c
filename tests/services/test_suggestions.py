"""Dispatch suggestions from history, with the category's departments as the fallback; the
grid guessed from an address."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from gridcenter_desktop.core.enums import (
    AreaLevel,
    AssignmentRole,
    AssignmentStatus,
    DepartmentKind,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.suggestions import (
    guess_grid,
    suggest_dispatch,
    village_grids,
)

T0 = datetime(2022, 9, 1, 9, 0)
_seq = iter(range(1, 10_000))


def _dispatched(grid, category, lead=None, assist=(), address="", to_grid=False):
    n = next(_seq)
    created = T0 + timedelta(hours=n)
    t = Ticket(
        code=f"GC20220901-{n:04d}",
        kind=TicketKind.ORDINARY,
        source=TicketSource.HOTLINE,
        category=category,
        title="测试",
        description="",
        address=address,
        grid=grid,
        priority=Priority.ORDINARY,
        priority_rank=0,
        status=TicketStatus.DISPATCHED,
        created_at=created,
        dispatched_at=created,
        deadline_at=created + timedelta(days=7),
        due_soon_at=created + timedelta(days=5),
        updated_at=created,
    )
    common = dict(
        status=AssignmentStatus.PENDING,
        created_at=created,
        accept_by=created + timedelta(days=1),
        finish_by=created + timedelta(days=7),
    )
    if to_grid:
        t.assignments.append(Assignment(grid=grid, role=AssignmentRole.LEAD, **common))
    else:
        t.assignments.append(Assignment(department=lead, role=AssignmentRole.LEAD, **common))
        for d in assist:
            t.assignments.append(Assignment(department=d, role=AssignmentRole.ASSIST, **common))
    return t


@pytest.fixture
def world(session):
    town = Area(level=AreaLevel.TOWN, name="光福镇")
    yuli = Area(level=AreaLevel.VILLAGE, name="迂里村", parent=town, sort_order=1)
    meiyuan = Area(level=AreaLevel.COMMUNITY, name="梅园社区", parent=town, sort_order=2)
    g = [
        Area(level=AreaLevel.GRID, name=f"迂里村第{n}网格", parent=yuli, sort_order=i)
        for i, n in enumerate("一二三")
    ]
    mg = Area(level=AreaLevel.GRID, name="梅园社区网格", parent=meiyuan)
    deps = {
        code: Department(code=code, name=name, kind=DepartmentKind.OFFICE)
        for code, name in [
            ("enforcement", "综合执法局"),
            ("environment", "生态环境办"),
            ("market", "市场监督管理所"),
            ("police", "派出所"),
            ("fire", "消委办"),
        ]
    }
    session.add_all([town, yuli, meiyuan, *g, mg, *deps.values()])
    session.flush()
    return {"grids": g, "meiyuan": mg, "yuli": yuli, "deps": deps}


def test_history_decides_lead_and_assisting(session, world):
    g, d = world["grids"], world["deps"]
    for _ in range(4):
        session.add(_dispatched(g[0], "noise", d["environment"], [d["police"]]))
    session.add(_dispatched(g[1], "noise", d["enforcement"]))
    session.commit()
    s = suggest_dispatch(session, "noise", g[0].id)
    assert s.basis == "history"
    assert s.lead.name == "生态环境办"
    assert [a.name for a in s.assisting] == ["派出所"]
    assert s.grid_name == "迂里村第一网格" and s.village_name == "迂里村"
    assert s.sample_size == 5


def test_same_grid_history_weighs_more(session, world):
    g, d = world["grids"], world["deps"]
    session.add(_dispatched(g[2], "noise", d["enforcement"]))
    session.add(_dispatched(g[0], "noise", d["environment"]))
    session.add(_dispatched(g[0], "noise", d["environment"]))
    session.add(_dispatched(g[1], "noise", d["enforcement"]))
    session.add(_dispatched(g[1], "noise", d["enforcement"]))
    session.commit()
    # Elsewhere enforcement led 3 to 2, but in grid 1 environment always did.
    assert suggest_dispatch(session, "noise", g[0].id).lead.name == "生态环境办"
    assert suggest_dispatch(session, "noise", g[1].id).lead.name == "综合执法局"


def test_grid_dispatch_history_suggests_the_grid(session, world):
    g = world["grids"]
    for _ in range(3):
        session.add(_dispatched(g[0], "neighbour_dispute", to_grid=True))
    session.commit()
    s = suggest_dispatch(session, "neighbour_dispute", g[0].id)
    assert s.to_grid and s.lead is None and s.basis == "history"


def test_without_history_the_category_departments_are_used(session, world):
    g = world["grids"]
    s = suggest_dispatch(session, "fire_safety", g[0].id)
    assert s.basis == "category"
    assert s.lead.code == "fire"
    assert [a.code for a in s.assisting] == ["police"]
    # A category naming no department, or unknown departments: to the grid.
    assert suggest_dispatch(session, "other", g[0].id).to_grid


def test_village_grids_lists_each_village_with_its_grids(session, world):
    villages = village_grids(session)
    assert [v.name for v in villages] == ["迂里村", "梅园社区"]
    assert [x.name for x in villages[0].grids] == [
        "迂里村第一网格",
        "迂里村第二网格",
        "迂里村第三网格",
    ]


def test_guess_grid_from_grid_name_and_ordinal(session, world):
    g = world["grids"]
    session.commit()
    assert guess_grid(session, "迂里村第二网格张家桥").grid_id == g[1].id
    assert guess_grid(session, "迂里村3网格东侧").grid_id == g[2].id
    only_village = guess_grid(session, "迂里村委会门口")
    assert only_village.village_id == world["yuli"].id and only_village.grid_id is None
    assert guess_grid(session, "梅园社区12栋").grid_id == world["meiyuan"].id
    assert guess_grid(session, "苏州市区") is None


def test_guess_grid_from_village_group_history(session, world):
    g, d = world["grids"], world["deps"]
    session.add(_dispatched(g[2], "noise", d["police"], address="迂里村3组15号"))
    session.add(_dispatched(g[2], "noise", d["police"], address="迂里村3组8号"))
    session.add(_dispatched(g[0], "noise", d["police"], address="迂里村13组1号"))
    session.commit()
    guess = guess_grid(session, "迂里村3组42号")
    assert guess.grid_id == g[2].id and guess.reason == "village_group"


def test_guess_grid_from_earlier_tickets_at_the_same_door(session, world):
    g, d = world["grids"], world["deps"]
    session.add(_dispatched(g[2], "noise", d["police"], address="光福镇迂里村迂里新村219号"))
    session.add(_dispatched(g[0], "noise", d["police"], address="迂里村迂里路8号"))
    session.add(_dispatched(g[2], "noise", d["police"], address="迂里村新迂里路9号"))
    session.commit()
    same_building = guess_grid(session, "苏州市吴中区光福镇迂里村迂里新村219号")
    assert same_building.grid_id == g[2].id and same_building.reason == "same_door"
    assert guess_grid(session, "迂里路8号").grid_id == g[0].id
    # Another number on the same street is not the same door: the operator chooses.
    other_door = guess_grid(session, "迂里路81号")
    assert other_door.village_id == world["yuli"].id and other_door.grid_id is None
    # An import's guesses (the village's doors read once) come to the same answers.
    votes, doors = {}, {}
    # 新迂里路9号 is another street's door than 迂里路9号, whichever way the guess is asked.
    assert guess_grid(session, "迂里路9号").grid_id is None
    for address, grid in (
        ("迂里村迂里新村219号", g[2]),
        ("迂里路8号", g[0]),
        ("迂里路81号", None),
        ("迂里路9号", None),
    ):
        guess = guess_grid(session, address, votes=votes, doors=doors)
        assert guess.grid_id == (grid.id if grid else None)
    assert list(doors) == [world["yuli"].id]
