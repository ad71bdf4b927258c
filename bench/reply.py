"""Results back to the platforms: the reply sheet and the Open311 feed over a demo database
whose tickets all came from the district platform.

    uv run python bench/reply.py [--tickets 20000] [--db URL] [--runs 2]

Builds (or reuses) the demo with ``--tickets`` tickets, marks every ticket as the district
platform's (an external code, a 12-column profile like the district's sheet), then times, best
of ``--runs``: the reply sheet of the whole demo year (reports.reply.write_reply: the tickets
closed or fed back in it), requests.json and requests.xml of every ticket
(services/intake/open311.write_requests, with its audit row). Prints rows, seconds, rows/s.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and bench/queue.py would shadow
# the standard library's queue (psycopg imports it).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]


def _ensure_demo(url: str, tickets: int) -> None:
    """bench/export.py's: build the demo, or reuse one that has enough tickets (loaded by its
    path, bench/ being off sys.path)."""
    spec = importlib.util.spec_from_file_location(
        "bench_export", Path(__file__).with_name("export.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._ensure_demo(url, tickets)


PROFILE = [
    ["工单号", "external_code"], ["受理时间", "received_at"], ["反映人", "reporter_name"],
    ["联系电话", "reporter_phone"], ["事项标题", "title"], ["问题描述", "description"],
    ["事发地址", "address"], ["问题分类", "category"], ["处理时限", "deadline"],
    ["主办单位", "department"], ["紧急程度", "priority"], ["诉求性质", "kind"],
]  # fmt: skip


def _mark_platform_tickets(url: str) -> None:
    from sqlalchemy import select, text

    from gridcenter_desktop.db.engine import make_engine
    from gridcenter_desktop.db.intake import IntakeProfile

    engine = make_engine(url)
    with engine.begin() as conn:
        profile_id = conn.execute(
            select(IntakeProfile.id).where(IntakeProfile.name == "bench 区平台")
        ).scalar()
        if profile_id is None:
            profile_id = conn.execute(
                IntakeProfile.__table__.insert().values(
                    name="bench 区平台",
                    source="district",
                    ticket_source="district_platform",
                    columns=json.dumps(PROFILE, ensure_ascii=False),
                    updated_at=date(2022, 1, 1),
                )  # fmt: skip
            ).inserted_primary_key[0]
        conn.execute(
            text(
                "UPDATE ticket SET external_source = 'district', external_code = 'WZGF' || id,"
                " intake_profile_id = :p WHERE external_code IS NULL"
            ),
            {"p": profile_id},
        )
    engine.dispose()


def _actor(url: str):
    from sqlalchemy import select

    from gridcenter_desktop.core.enums import UserRole
    from gridcenter_desktop.db.engine import make_engine
    from gridcenter_desktop.db.user import User
    from gridcenter_desktop.services.actor import Actor

    engine = make_engine(url)
    with engine.connect() as conn:
        user_id, login = conn.execute(
            select(User.id, User.login).where(User.role == UserRole.SUPERVISOR).limit(1)
        ).one()
    engine.dispose()
    return Actor(user_id, UserRole.SUPERVISOR, "bench", login=login)


def _time(runs: int, work) -> tuple[int, float]:
    best, rows = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = work()
        best = min(best, time.perf_counter() - started)
    return rows, best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--db", help="database URL (default: a temp SQLite file named after N)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.gettempdir())
    url = args.db or f"sqlite:///{folder / f'gridcenter-bench-reply-{args.tickets}.sqlite3'}"
    _ensure_demo(url, args.tickets)
    _mark_platform_tickets(url)
    actor = _actor(url)

    from gridcenter_desktop.db.engine import make_engine, make_session_factory
    from gridcenter_desktop.reports.reply import write_reply
    from gridcenter_desktop.services.intake.open311 import write_requests

    engine = make_engine(url)
    sessions = make_session_factory(engine)
    year = (date(2022, 1, 1), date(2022, 12, 31))
    with tempfile.TemporaryDirectory() as out:
        out = Path(out)

        def reply() -> int:
            with sessions() as s:
                return write_reply(s, out / "reply.xlsx", *year, role=actor.role).rows

        def feed(name: str):
            def run() -> int:
                with sessions() as s:
                    return write_requests(s, actor, out / name).requests

            return run

        print(f"{'what':<28} {'rows':>8} {'seconds':>8} {'rows/s':>8}")
        for what, work in (
            ("reply sheet (.xlsx)", reply),
            ("Open311 requests.json", feed("requests.json")),
            ("Open311 requests.xml", feed("requests.xml")),
        ):
            rows, seconds = _time(args.runs, work)
            print(f"{what:<28} {rows:>8,} {seconds:>8.2f} {rows / seconds:>8,.0f}", flush=True)
    engine.dispose()


if __name__ == "__main__":
    main()
