"""Ticket import benchmark: a 20,000-row platform sheet read, planned and imported, on SQLite
and PostgreSQL.

    uv run python bench/intake.py [--rows 20000] [--sqlite-only] [--pg URL]

Writes a 12345 sheet with demo/platform_sheet.py (Guangfu's villages; merged title row, Excel
and text dates, phones that lost their 0, unknown category paths), builds Guangfu's area tree
in a fresh database (a temp SQLite file; a fresh PostgreSQL database on the test server, dropped
afterwards), then times in one process: reading the file, planning against the database,
applying the plan (register_many: one transaction), and the re-import of the same file (read +
plan, which must find every row already present). Prints seconds and rows per second.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

# bench/queue.py would shadow the standard library's queue (psycopg imports it).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]
# ruff: noqa: E402 (the imports below come after that fix)

from sqlalchemy import create_engine, text

from gridcenter_desktop.core.enums import IntakeSource, UserRole
from gridcenter_desktop.db import migrate, roles
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.user import User
from gridcenter_desktop.demo.areas import area_rows
from gridcenter_desktop.demo.platform_sheet import write_xlsx
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.intake.plan import apply_intake, plan_intake
from gridcenter_desktop.services.intake.reading import read_incoming

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SOURCE = IntakeSource.HOTLINE_12345


def _town(factory) -> Actor:
    with factory() as s:
        s.add_all(area_rows())
        user = User(login="op", display_name="调度员", role=UserRole.OPERATOR, password_hash="-")
        s.add(user)
        s.commit()
        return Actor(user.id, UserRole.OPERATOR, user.display_name, login=user.login)


def run(url: str, path: Path, rows: int) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    actor = _town(factory)
    timings: dict[str, float] = {}

    def timed(label: str, call):
        begin = time.perf_counter()
        result = call()
        timings[label] = time.perf_counter() - begin
        return result

    sheet = timed("read", lambda: read_incoming(path, source=SOURCE))
    assert len(sheet.rows) == rows, len(sheet.rows)
    with factory() as s:
        plan = timed("plan", lambda: plan_intake(s, sheet, source=SOURCE, now=None or _now()))
    with factory() as s:
        result = timed("apply", lambda: apply_intake(s, actor, plan))
    again = timed("re-import: read", lambda: read_incoming(path, source=SOURCE))
    with factory() as s:
        replan = timed("re-import: plan", lambda: plan_intake(s, again, source=SOURCE, now=_now()))
    assert not replan.to_add and len(replan.present) == result.added
    engine.dispose()
    total = timings["read"] + timings["plan"] + timings["apply"]
    print(f"\n{engine.dialect.name}: added {result.added:,}, to be placed {result.to_place:,},"
          f" category unmapped {result.category_unmapped:,}, rejected {result.rejected:,},"
          f" suspected duplicates {len(plan.duplicates):,}")  # fmt: skip
    for label, seconds in [*timings.items(), ("read + plan + apply", total)]:
        print(f"  {label:24s} {seconds:7.2f} s  {rows / seconds:9,.0f} rows/s")


def _now():
    from gridcenter_desktop.services.tickets.common import local_now

    return local_now()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--pg", default=PG_ADMIN, help="a PostgreSQL server's admin URL")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gc-bench-intake-"))
    path = folder / "12345.xlsx"
    began = time.perf_counter()
    write_xlsx(path, args.rows)
    print(f"sheet: {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB"
          f" (written in {time.perf_counter() - began:.1f} s, not counted)")  # fmt: skip
    run(f"sqlite:///{folder / 'intake.sqlite3'}", path, args.rows)
    if not args.sqlite_only:
        name = f"gc_bench_intake_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run(args.pg.rsplit("/", 1)[0] + "/" + name, path, args.rows)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                # Roles are the server's, not the database's: the migration's group roles
                # would outlive it.
                roles.drop_all(conn, roles.prefix_for(name))
            admin.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
