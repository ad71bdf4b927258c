"""The 待定位 list at scale: its count and first pages among many tickets.

    uv run python bench/to_place.py [--tickets 300000] [--db URL] [--no-analyze]

Registers one ticket through the service, copies it ``--tickets`` times in one INSERT ...
SELECT (3 % open; 1 in 3,300 open and 1 in 7,919 closed ones flagged to be placed), runs
ANALYZE (unless --no-analyze), then prints the plan of the list's count (which index the
database takes) and the best of five timings: the preset's filter, and for comparison the
same filter written with the open statuses' IN list. Without --db a fresh SQLite file in a
temp folder; with a PostgreSQL URL that (empty) database, migrated here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

# bench/queue.py would shadow the standard library's queue (psycopg imports it).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]
# ruff: noqa: E402 (the imports below come after that fix)

from sqlalchemy import func, select, text

from gridcenter_desktop.core.enums import OPEN_STATUSES, UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets import NewTicket, register_ticket

NOW = datetime(2022, 10, 25)


def fill(engine, tickets: int, analyze: bool = True) -> None:
    sf = make_session_factory(engine)
    actor = Actor(None, UserRole.OPERATOR, "bench")
    form = NewTicket(kind="ordinary", source="hotline", category="noise", title="噪音")
    with sf() as s:
        ref = register_ticket(s, actor, form, now=datetime(2022, 1, 1, 9))
    copied = [c.name for c in Ticket.__table__.columns]
    fixed = ("id", "code", "status", "to_place")
    others = ", ".join(c for c in copied if c not in fixed)
    with engine.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO ticket (code, status, to_place, {others}) "
                "SELECT 'B' || g, CASE WHEN g % 33 = 0 THEN 'pending_dispatch' ELSE 'closed' END,"
                f" (g % 3300 = 0 OR g % 7919 = 0), {others} FROM ticket t,"
                " (WITH RECURSIVE r(g) AS (SELECT 1"
                f" UNION ALL SELECT g + 1 FROM r WHERE g < {tickets}) SELECT g FROM r) gs"
                f" WHERE t.id = {ref.id}"
            )
        )
        if analyze:
            conn.exec_driver_sql("ANALYZE")


def best_ms(fn, n: int = 5):
    times, result = [], None
    for _ in range(n):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, result


def report(engine) -> None:
    explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    variants = (
        ("preset to_place", queue.preset_filter("to_place", None, NOW)),
        (
            "open IN list + to_place",
            queue.QueueFilter(statuses=frozenset(OPEN_STATUSES), to_place=True),
        ),
    )
    with make_session_factory(engine)() as s:
        for label, flt in variants:
            conds = queue.conditions(s, flt, NOW)
            stmt = select(func.count()).select_from(Ticket).where(*conds)
            sql = str(stmt.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
            plan = [
                " ".join(str(x) for x in row)
                for row in s.connection().exec_driver_sql(explain + sql)
            ]
            ms, n = best_ms(lambda flt=flt: queue.count(s, flt, NOW))
            print(f"{label}: count {n} in {ms:.1f} ms; plan: {' | '.join(plan)}")
            for order in ("deadline", "created"):
                ms, rows = best_ms(
                    lambda flt=flt, order=order: queue.fetch_page(
                        s, flt, queue.QueueOrder(order), limit=100, now=NOW
                    )
                )
                print(f"  first page by {order}: {len(rows)} rows in {ms:.1f} ms")
        ms, counts = best_ms(lambda: queue.preset_counts(s, None, NOW))
        print(f"preset_counts (all buttons): {ms:.1f} ms, 待定位 = {counts['to_place']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=300_000)
    parser.add_argument("--db", help="an empty PostgreSQL database (default: a temp SQLite file)")
    parser.add_argument("--no-analyze", action="store_true", help="leave the statistics out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'to_place.sqlite3'}"
        engine = make_engine(url)
        migrate.upgrade(engine)
        start = time.perf_counter()
        fill(engine, args.tickets, analyze=not args.no_analyze)
        took = time.perf_counter() - start
        print(f"{args.tickets:,} tickets on {engine.dialect.name} in {took:.0f} s")
        report(engine)
        engine.dispose()


if __name__ == "__main__":
    main()
