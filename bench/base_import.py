"""Base-data import benchmark: a members list of 50,000 rows, read, planned and applied.

    uv run python bench/base_import.py [--members 50000] [--db URL]

Builds Guangfu's shape (1 town, 11 village-level units, 48 grids) and a members sheet of
``--members`` rows spread over the grids (one leader and one full-time worker per grid, the
rest part-time workers, party members, volunteers ...), writes it with the template writer,
then times, in one process: reading the workbook (openpyxl, read-only), planning against an
empty database, applying (every row through the admin services, one commit), and the
re-import of the same file (read + plan, which must find every row unchanged). Without --db
it uses a fresh SQLite file in a temp folder; with a PostgreSQL URL it uses that (empty)
database, migrated here. Prints the seconds of each step and the rows per second.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

# bench/queue.py would shadow the standard library's queue (psycopg imports it).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]
# ruff: noqa: E402 (the imports below come after that fix)

from gridcenter_desktop.core.enums import AreaLevel, MemberRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services import users
from gridcenter_desktop.services.admin.base_import import apply_import, plan_import
from gridcenter_desktop.services.admin.base_sheets import AreaRow, BaseLists, MemberRow
from gridcenter_desktop.services.admin.base_workbook import read_workbook, write_template

UNITS = ("福利村", "迂里村", "冲山村", "香雪村", "窑上村", "安山村", "舟山村", "铜坑村",
         "东崦湖社区", "光福社区", "潭东社区")  # fmt: skip
GRIDS_PER_UNIT = (5, 5, 5, 4, 4, 4, 4, 4, 5, 4, 4)  # 48
OTHER_ROLES = (MemberRole.PART_TIME_WORKER, MemberRole.PARTY_MEMBER, MemberRole.VOLUNTEER,
               MemberRole.BUILDING_LEADER, MemberRole.POLICE, MemberRole.LAWYER)  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def town_lists(members: int) -> BaseLists:
    areas = [AreaRow(AreaLevel.TOWN, "光福镇", code="320506108")]
    grids = []
    for unit, count in zip(UNITS, GRIDS_PER_UNIT, strict=True):
        level = AreaLevel.COMMUNITY if unit.endswith("社区") else AreaLevel.VILLAGE
        areas.append(AreaRow(level, unit, "光福镇"))
        for n in range(1, count + 1):
            grids.append(f"{unit}第{n}网格")
            areas.append(AreaRow(AreaLevel.GRID, grids[-1], unit))
    rows = []
    for i in range(members):
        grid = grids[i % len(grids)]
        serial = i // len(grids)
        role = (MemberRole.LEADER, MemberRole.WORKER)[serial] if serial < 2 else (
            OTHER_ROLES[serial % len(OTHER_ROLES)])  # fmt: skip
        name = SURNAMES[i % 20] + GIVEN[(i // 20) % 20] + GIVEN[(i // 400) % 20] + str(i // 8000)
        rows.append(MemberRow(grid, name, role, f"139{i:08d}", i % 3 == 0))
    return BaseLists(areas=tuple(areas), members=tuple(rows))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50000)
    parser.add_argument("--db", help="an empty database URL (default: a temp SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gc-bench-base-"))
    url = args.db or f"sqlite:///{folder / 'base.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    with factory() as session:
        admin = users.create_first_admin(session, "chief", "站长", "Chief-pass-2026")

    lists = town_lists(args.members)
    path = folder / "members.xlsx"
    started = time.perf_counter()
    write_template(path, example=lists)
    timings = {"write the workbook (template writer)": time.perf_counter() - started}
    print(f"workbook: {path.stat().st_size / 1e6:.1f} MB, {len(lists.areas)} area rows,"
          f" {len(lists.members):,} member rows; database: {engine.dialect.name}")  # fmt: skip

    def timed(label: str, call):
        begin = time.perf_counter()
        result = call()
        timings[label] = time.perf_counter() - begin
        return result

    read = timed("read", lambda: read_workbook(path))
    assert not read.problems and len(read.members) == args.members
    with factory() as session:
        plan = timed("plan (empty database)", lambda: plan_import(session, read))
        assert plan.ok, plan.problems[:3]
        timed("apply (services, one commit)", lambda: apply_import(session, admin, plan))
    again = timed("re-import: read", lambda: read_workbook(path))
    with factory() as session:
        replan = timed("re-import: plan", lambda: plan_import(session, again))
    assert not replan.has_changes and replan.ok
    engine.dispose()
    for label, seconds in timings.items():
        rate = f"{args.members / seconds:,.0f} rows/s" if seconds else ""
        print(f"{label:40s} {seconds:8.2f} s  {rate}")
    print(f"peak memory {_peak_mb():.0f} MB; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
