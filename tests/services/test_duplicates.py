"""Duplicate suggestions while registering: same grid and category, similar title, last week."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from gridcenter_desktop.core.enums import (
    AreaLevel,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.duplicates import (
    find_possible_duplicates,
    ticket_by_code,
    title_similarity,
)

NOW = datetime(2022, 10, 25, 10, 0)


def _ticket(n: int, grid: Area, title: str, *, category="environment", days_ago=1.0, **kw):
    created = NOW - timedelta(days=days_ago)
    return Ticket(
        code=f"GC20221025-{n:04d}",
        kind=TicketKind.ORDINARY,
        source=TicketSource.HOTLINE,
        category=category,
        title=title,
        description="",
        address=kw.pop("address", "迂里村3组42号"),
        grid=grid,
        priority=Priority.ORDINARY,
        priority_rank=0,
        status=kw.pop("status", TicketStatus.PENDING_DISPATCH),
        created_at=created,
        deadline_at=created + timedelta(days=7),
        due_soon_at=created + timedelta(days=5),
        updated_at=created,
        **kw,
    )


@pytest.fixture
def grids(session):
    town = Area(level=AreaLevel.TOWN, name="光福镇")
    village = Area(level=AreaLevel.VILLAGE, name="迂里村", parent=town)
    g1 = Area(level=AreaLevel.GRID, name="迂里村第一网格", parent=village)
    g2 = Area(level=AreaLevel.GRID, name="迂里村第二网格", parent=village)
    session.add_all([town, village, g1, g2])
    session.flush()
    session.add_all(
        [
            _ticket(1, g1, "迂里村3组河道有垃圾漂浮"),
            _ticket(2, g1, "河道垃圾漂浮无人清理", days_ago=3),
            _ticket(3, g1, "河道垃圾漂浮", days_ago=9),  # older than a week
            _ticket(4, g2, "河道有垃圾漂浮"),  # another grid
            _ticket(5, g1, "河道有垃圾漂浮", category="noise"),  # another category
            _ticket(6, g1, "饭店油烟扰民"),  # unrelated title
            _ticket(7, g1, "河道有垃圾漂浮", status=TicketStatus.MERGED),
        ]
    )
    session.commit()
    return g1, g2


def test_similar_recent_tickets_of_same_grid_and_category_are_suggested(session, grids):
    g1, _ = grids
    found = find_possible_duplicates(session, g1.id, "environment", "河道上漂浮着垃圾", NOW)
    assert {c.code for c in found} == {"GC20221025-0001", "GC20221025-0002"}
    assert all(c.similarity >= 0.3 for c in found)
    assert found[0].similarity >= found[-1].similarity


def test_most_similar_first_and_unrelated_left_out(session, grids):
    g1, _ = grids
    found = find_possible_duplicates(session, g1.id, "environment", "迂里村3组河道有垃圾漂浮", NOW)
    assert found[0].code == "GC20221025-0001"
    assert found[0].similarity == 1.0
    assert "GC20221025-0006" not in {c.code for c in found}


def test_window_of_days_is_respected(session, grids):
    g1, _ = grids
    week = find_possible_duplicates(session, g1.id, "environment", "河道垃圾漂浮", NOW)
    fortnight = find_possible_duplicates(
        session, g1.id, "environment", "河道垃圾漂浮", NOW, days=14
    )
    assert "GC20221025-0003" not in {c.code for c in week}
    assert "GC20221025-0003" in {c.code for c in fortnight}


def test_nothing_to_compare_gives_nothing(session, grids):
    g1, _ = grids
    assert find_possible_duplicates(session, None, "environment", "河道垃圾", NOW) == []
    assert find_possible_duplicates(session, g1.id, "environment", "  ", NOW) == []


def test_title_similarity_ignores_punctuation_and_case():
    assert title_similarity("河道，垃圾！", "河道垃圾") == 1.0
    assert title_similarity("WiFi 坏了", "wifi坏了") == 1.0
    assert title_similarity("噪音", "油烟") == 0.0


def test_ticket_by_code_finds_the_ticket_to_keep(session, grids):
    found = ticket_by_code(session, " gc20221025-0002 ")
    assert found is not None and found.title == "河道垃圾漂浮无人清理"
    assert ticket_by_code(session, "GC19990101-0001") is None
