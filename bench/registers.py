"""Figures for the registers (issue 12, part D), on a built demo database (a copy is used):
the time demo/registers.py takes to write Guangfu's registers, a register search page
(operator, masked; supervisor) and the 台账情况 overview.

    uv run python bench/registers.py sqlite:////tmp/demo.sqlite3
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.demo.areas import UNITS, GridInfo, grid_name
from gridcenter_desktop.demo.registers import write_registers
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.registers.overview import registers_overview
from gridcenter_desktop.services.registers.query import RegisterQuery
from gridcenter_desktop.services.registers.special_groups import search_special_groups


def main(url: str) -> None:
    source = Path(url.removeprefix("sqlite:///"))
    copy = Path(tempfile.mkdtemp()) / "registers.sqlite3"
    shutil.copyfile(source, copy)
    engine = make_engine(f"sqlite:///{copy}")
    now = datetime(2026, 12, 2, 10, 0)
    with engine.begin() as conn:
        for table in ("special_group_member", "rental_housing", "hidden_danger"):
            conn.execute(text(f"DELETE FROM {table}"))
        ids = dict(conn.execute(text("SELECT name, id FROM area WHERE level = 'grid'")).all())
        grids = [
            GridInfo(ids[grid_name(unit, i)], grid_name(unit, i), unit, i)
            for unit in UNITS
            for i in range(1, unit.grids + 1)
        ]
        started = time.perf_counter()
        rows = write_registers(conn, grids, now, 20221025)
        print(f"demo registers: {rows:,} rows in {time.perf_counter() - started:.2f} s")
    with make_session_factory(engine)() as session:
        for role in (UserRole.OPERATOR, UserRole.SUPERVISOR):
            started = time.perf_counter()
            page = search_special_groups(session, Actor(None, role), RegisterQuery(limit=500))
            took = (time.perf_counter() - started) * 1000
            print(
                f"special groups page of 500 ({role.value}): {took:.0f} ms, {page.total:,} in all"
            )
        started = time.perf_counter()
        overview = registers_overview(session, Actor(None, UserRole.SUPERVISOR), now.date())
        took = (time.perf_counter() - started) * 1000
        print(f"台账情况 overview of {len(overview.grids)} grids: {took:.0f} ms")
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite:////tmp/demo.sqlite3")
