"""How long the grid workers' desk takes to read its figures (services.grid_workers).

    uv run python bench/grid_workers.py --db sqlite:////tmp/demo.sqlite3 [--month 2026-11]

Prints the time of worker_figures for one month and for a whole year, of one worker's team
and activity, and of the demo's fill of the patrol tickets' reporting worker (reset first),
each the best of three runs.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from sqlalchemy import text

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.demo.grid_workers import fill_reporting_workers
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.grid_workers import (
    grid_team_figures,
    month_period,
    worker_activity,
    worker_figures,
)


def best(fn, runs: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--month", default="2026-11")
    args = parser.parse_args()
    year, month = (int(x) for x in args.month.split("-"))
    engine = make_engine(args.db)
    factory = make_session_factory(engine)
    actor = Actor(None, UserRole.SUPERVISOR, "bench")
    with factory() as s:
        tickets = s.execute(text("SELECT count(*) FROM ticket")).scalar_one()
        ms, rows = best(lambda: worker_figures(s, actor, *month_period(year, month)))
        print(f"tickets in the database: {tickets:,}")
        print(f"worker_figures, one month ({args.month}): {ms:.0f} ms, {len(rows)} rows")
        ms, rows = best(lambda: worker_figures(s, actor, date(year, 1, 1), date(year, 12, 31)))
        print(f"worker_figures, year {year}: {ms:.0f} ms, {len(rows)} rows")
        first = rows[0]
        ms, _ = best(
            lambda: (
                grid_team_figures(s, actor, first.grid_id, *month_period(year, month)),
                worker_activity(s, actor, first.person_id),
            )
        )
        print(f"one worker's team and activity: {ms:.0f} ms")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE ticket SET reported_by_person_id = NULL WHERE source = 'grid_patrol'")
        )
        start = time.perf_counter()
        n = fill_reporting_workers(conn)
        print(
            f"demo fill of reporting workers: {(time.perf_counter() - start) * 1000:.0f} ms, "
            f"{n:,} tickets"
        )


if __name__ == "__main__":
    main()
