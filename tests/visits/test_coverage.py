"""Coverage per worker, grid and village for a month, recomputed by SQL; stale households."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from gridcenter_desktop.services.admin.grid_work_settings import (
    GridWorkSettings,
    save_grid_work_settings,
)
from gridcenter_desktop.services.visits.coverage import (
    add_months,
    month_coverage,
    stale_households,
)
from gridcenter_desktop.services.visits.recording import NewVisit, record_visit
from tests.visits.visit_town import NOW, build_visit_town


@pytest.fixture
def vt(session):
    vt = build_visit_town(session)
    save_grid_work_settings(session, vt.town.admin, GridWorkSettings(visit_target=4))

    def visit(grid, worker, day, address):
        record_visit(
            session,
            vt.operator,
            NewVisit(grid_id=grid, worker_id=worker, visited_on=day, address=address),
            NOW,
        )

    f1, f2, d1 = vt.town.fuli_1, vt.town.fuli_2, vt.town.donghu_1
    # 王芳: 5 households in November (one of them twice), one in October.
    for n in range(5):
        visit(f1, vt.wang, date(2026, 11, 2 + n), f"福利村{n}号")
    visit(f1, vt.wang, date(2026, 11, 10), "福利村0号")
    visit(f1, vt.wang, date(2026, 10, 30), "福利村9号")
    # 李强: 2 in November; 赵敏: none; 陈刚 (leader) stands in for one visit in 福利村第一网格.
    visit(f2, vt.li, date(2026, 11, 3), "福利村二组1号")
    visit(f2, vt.li, date(2026, 11, 30 - 12), "福利村二组2号")
    visit(f1, vt.chen, date(2026, 11, 12), "福利村0号")
    # An old household in 东崦湖, last seen in July.
    visit(d1, vt.zhao, date(2026, 7, 1), "东崦湖花园3幢")
    return vt


_BY_SQL = text(
    "SELECT worker_id, grid_id, COUNT(DISTINCT household_id) FROM household_visit "
    "WHERE visited_on >= :start AND visited_on < :end GROUP BY worker_id, grid_id"
)


def test_worker_rows_match_sql(session, vt):
    month = month_coverage(session, date(2026, 11, 15))
    assert month.month == date(2026, 11, 1) and month.target == 4
    by_sql = {
        (r[0], r[1]): r[2]
        for r in session.execute(_BY_SQL, {"start": date(2026, 11, 1), "end": date(2026, 12, 1)})
    }
    by_service = {(w.worker_id, w.grid_id): w.households for w in month.workers if w.households}
    assert by_service == by_sql
    rows = {w.worker: (w.grid, w.village, w.households, w.visits, w.rate) for w in month.workers}
    assert rows["王芳"] == ("福利村第一网格", "福利村", 5, 6, 1.25)
    assert rows["李强"] == ("福利村第二网格", "福利村", 2, 2, 0.5)
    # A worker serving with no visit this month is on the list at 0 %.
    assert rows["赵敏"] == ("东崦湖社区第一网格", "东崦湖社区", 0, 0, 0.0)
    assert rows["陈刚"][2] == 1
    assert {w.worker for w in month.behind} == {"李强", "赵敏", "陈刚"}


def test_grid_and_village_totals(session, vt):
    month = month_coverage(session, date(2026, 11, 1))
    grids = {g.name: (g.workers, g.households, g.target) for g in month.grids}
    assert grids["福利村第一网格"] == (2, 6, 8)
    assert grids["福利村第二网格"] == (1, 2, 4)
    villages = {v.name: (v.households, v.target, v.rate) for v in month.villages}
    assert villages["福利村"] == (8, 12, 8 / 12)
    assert villages["东崦湖社区"] == (0, 4, 0.0)


def test_stale_households_after_the_set_months(session, vt):
    total, rows = stale_households(session, date(2026, 11, 20), 3)
    assert total == 1
    assert [(r.address, r.last_visited_on) for r in rows] == [("东崦湖花园3幢", date(2026, 7, 1))]
    total, rows = stale_households(session, date(2026, 12, 1), 1)
    assert [r.address for r in rows] == ["东崦湖花园3幢", "福利村9号"]
    assert stale_households(session, date(2026, 11, 20), 1, grid_id=vt.town.fuli_2)[0] == 0


def test_months_move_with_short_months():
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 2) == date(2027, 1, 15)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
