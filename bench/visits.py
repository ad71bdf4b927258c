"""Household visits at the demo's scale: writing them, the month's coverage, the stale list and
importing an export sheet.

    uv run python bench/visits.py --db sqlite:////tmp/demo.sqlite3 [--rows 2000]

On a COPY of a demo database (built with `gridcenter demo`; the file is copied to a temp folder
first, the original is not touched): times demo/visits.add_visits again (after emptying the
visit tables), then the best of five of month_coverage (the demo's last whole month) and
stale_households, then reads, plans and imports a generated sheet of ``--rows`` visits.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]
# ruff: noqa: E402 (the imports below come after that fix)

from openpyxl import Workbook
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from gridcenter_desktop.core.enums import AreaLevel, MemberRole, UserRole
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.gridwork import HouseholdVisit
from gridcenter_desktop.demo.visits import add_visits
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.visits.coverage import add_months, month_coverage, stale_households
from gridcenter_desktop.services.visits.sheet import import_visits, plan_visits, read_visit_sheet


def best(fn, times: int = 5) -> float:
    out = []
    for _ in range(times):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return min(out) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="a demo's SQLite URL")
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    source = Path(make_url(args.db).database)
    folder = Path(tempfile.mkdtemp())
    copy = folder / "demo.sqlite3"
    shutil.copy(source, copy)
    engine = make_engine(f"sqlite:///{copy}")
    factory = make_session_factory(engine)
    with engine.begin() as conn:
        now = conn.execute(text("SELECT MAX(created_at) FROM ticket")).scalar()
        now = datetime.fromisoformat(str(now)).replace(microsecond=0)
        conn.execute(text("UPDATE ticket SET raised_from_kind = NULL, raised_from_id = NULL"))
        conn.execute(text("DELETE FROM household_visit"))
        conn.execute(text("DELETE FROM household"))
        start = time.perf_counter()
        households, visits = add_visits(conn, now, 20221025)
        written = time.perf_counter() - start
    print(f"demo visits: {households:,} households, {visits:,} visits written in {written:.2f} s")
    month = add_months(now.date().replace(day=1), -1)
    with factory() as session:
        ms = best(lambda: month_coverage(session, month))
        workers = len(month_coverage(session, month).workers)
        print(f"month_coverage {month:%Y-%m} ({workers} workers): {ms:.1f} ms (best of 5)")
        ms = best(lambda: stale_households(session, now.date(), 3))
        total = stale_households(session, now.date(), 3)[0]
        print(f"stale_households (3 months, {total:,} listed): {ms:.1f} ms (best of 5)")
        grids = session.execute(
            select(Area.name, Person.name)
            .join(GridMember, GridMember.area_id == Area.id)
            .join(Person, Person.id == GridMember.person_id)
            .where(Area.level == AreaLevel.GRID, GridMember.role == MemberRole.WORKER)
        ).all()
    book = Workbook()
    sheet = book.active
    sheet.append(["记录编号", "走访日期", "网格员", "所属网格", "地址", "走访情况", "是否发现问题"])
    day = now.date()
    for n in range(args.rows):
        grid, worker = grids[n % len(grids)]
        sheet.append([f"BENCH-{n}", day, worker, grid, f"{grid}测试{n}号", "正常", "否"])
    path = folder / "visits.xlsx"
    book.save(path)
    actor = Actor(None, UserRole.OPERATOR, "bench")
    with factory() as session:
        start = time.perf_counter()
        read = read_visit_sheet(path)
        plan = plan_visits(session, read, now)
        planned = time.perf_counter() - start
        start = time.perf_counter()
        result = import_visits(session, actor, read, now=now)
        imported = time.perf_counter() - start
        count = session.scalar(select(func.count()).select_from(HouseholdVisit))
    print(
        f"import {args.rows:,} rows: read+plan {planned:.2f} s ({len(plan.problems)} problems),"
        f" import {imported:.2f} s ({result.imported:,} visits; {count:,} in all)"
    )
    engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
