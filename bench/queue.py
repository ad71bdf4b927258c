"""Benchmark: queue pages with their count, text search and period statistics at scale.

    uv run python bench/queue.py                     # 1,000,000 tickets, SQLite and PostgreSQL
    uv run python bench/queue.py --tickets 50000     # while developing
    uv run python bench/queue.py --sqlite PATH --pg URL --runs 7

Builds its own database of N tickets with bulk inserts (or reuses one that already holds N
tickets: the SQLite file and the PostgreSQL database are named after N), then prints the median
of several runs of each query, in milliseconds, beside its target. Not a pass/fail test.
"""
# ruff: noqa: E402 - the path fix below must run before anything imports the stdlib queue

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and this file would shadow the
# standard library's `queue` module for every library that imports it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.enums import (
    OPEN_STATUSES,
    PRIORITY_RANK,
    AreaLevel,
    Outcome,
    Priority,
    Satisfaction,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import queue, search
from gridcenter_desktop.services.areas import area_tree
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder, WindowAnchors
from gridcenter_desktop.services.statistics import period_statistics

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
NOW = datetime(2026, 11, 25, 10, 0)
START = datetime(2021, 1, 1)

VILLAGES = [
    ("福利村", 5), ("邓尉村", 5), ("香雪村", 5), ("冲山村", 6), ("府巷村", 4), ("迂里村", 5),
    ("太湖渔港村", 4), ("梅园社区", 4), ("福溪社区", 4), ("东崦湖社区", 3), ("西崦湖社区", 3),
]  # fmt: skip
DEPARTMENTS = [
    "综合执法局", "应急管理办", "生态环境分局", "水利站", "派出所", "消委办", "市场监督管理所",
    "食安办", "旅游办", "司法所", "信访办", "民政办", "卫健办", "规划建设办", "供电所",
]  # fmt: skip
PLACES = [
    "香雪路", "福利路", "邓尉路", "冲山路", "迂里路", "梅园新村", "福溪花园", "东崦湖小区",
    "太湖渔港码头", "司徒庙路", "漫山岛", "光福老街", "铜观音寺广场", "虎山路", "潭东路",
]  # fmt: skip
PROBLEMS = [
    ("夜间施工噪音扰民", "noise"), ("饭店油烟扰民", "environment"),
    ("广场舞音响噪音过大", "noise"), ("自来水管漏水", "utilities"),
    ("小区地下室长期积水", "water_affairs"), ("河道漂浮垃圾无人清理", "water_affairs"),
    ("楼道堆放杂物堵塞消防通道", "fire_safety"), ("占用消防通道停放车辆", "fire_safety"),
    ("无证照民宿经营", "unlicensed_business"), ("流动摊贩占道经营", "city_management"),
    ("路灯损坏不亮", "city_management"), ("垃圾清运不及时", "city_management"),
    ("物业费收取不合理", "property_management"), ("电梯经常故障", "property_management"),
    ("邻居装修漏水纠纷", "neighbour_dispute"), ("宅基地界址纠纷", "neighbour_dispute"),
    ("农民工工资拖欠", "labour"), ("食品过期仍在销售", "food_safety"),
    ("工厂废气排放刺鼻", "environment"), ("道路破损坑洼", "traffic"),
    ("公交班次太少", "public_services"), ("低保申请咨询", "civil_affairs"),
    ("违章搭建彩钢棚", "planning"), ("景区游客乱停车", "tourism"),
]  # fmt: skip
DETAILS = [
    "已持续一周", "影响周边居民休息", "多次反映未解决", "存在安全隐患", "请尽快派人处理",
    "涉及老人和儿童", "附近商户意见很大", "希望相关部门上门核实",
]  # fmt: skip
SURNAMES = "张王李赵陈刘杨黄周吴徐孙朱马胡郭"
TERMS = {"2": "噪音", "4": "消防通道", "9": "小区地下室长期积水"}

TICKET_COLUMNS = (
    "id", "code", "kind", "source", "category", "title", "description", "reporter_name",
    "reporter_phone", "address", "grid_id", "priority", "priority_rank", "status", "created_at",
    "deadline_at", "due_soon_at", "dispatched_at", "closed_at", "people_count", "outcome",
    "satisfaction", "solved_in_grid", "urge_count", "supervised", "reopen_count",
    "merged_into_id", "updated_at", "version",
)  # fmt: skip
ASSIGNMENT_COLUMNS = (
    "id", "ticket_id", "department_id", "role", "status", "created_at", "accept_by", "finish_by",
    "instructions",
)  # fmt: skip


# --- building ----------------------------------------------------------------------------


def _areas_and_departments(session: Session) -> tuple[list[int], list[int]]:
    from gridcenter_desktop.core.enums import DepartmentKind
    from gridcenter_desktop.db.department import Department

    town = Area(level=AreaLevel.TOWN, name="光福镇")
    session.add(town)
    grids = []
    for i, (name, n) in enumerate(VILLAGES):
        level = AreaLevel.COMMUNITY if name.endswith("社区") else AreaLevel.VILLAGE
        village = Area(level=level, name=name, parent=town, sort_order=i)
        session.add(village)
        for g in range(n):
            grid = Area(level=AreaLevel.GRID, name=f"{name}第{g + 1}网格", parent=village)
            grid.sort_order = g
            session.add(grid)
            grids.append(grid)
    depts = [
        Department(code=f"d{i}", name=name, kind=DepartmentKind.OFFICE)
        for i, name in enumerate(DEPARTMENTS)
    ]
    session.add_all(depts)
    session.flush()
    return [g.id for g in grids], [d.id for d in depts]


def _tickets(n: int, grid_ids: list[int], dept_ids: list[int]) -> Iterator[tuple[tuple, tuple]]:
    """(ticket row, lead assignment row or None) in creation order; deterministic."""
    rng = random.Random(20221025)
    span = (NOW - START).total_seconds()
    days_by_cat = {c.code: c.days for c in CATEGORIES}
    kinds = [TicketKind.ORDINARY] * 780 + [TicketKind.DISPUTE] * 186
    kinds += [TicketKind.PETITION] * 14 + [TicketKind.SUGGESTION] * 3
    sources = list(TicketSource)
    for i in range(1, n + 1):
        created = START + timedelta(seconds=span * (i - 0.5) / n)
        kind = kinds[rng.randrange(len(kinds))]
        problem, category = PROBLEMS[rng.randrange(len(PROBLEMS))]
        if kind == TicketKind.DISPUTE:
            problem, category = PROBLEMS[rng.choice((14, 15))]
        elif kind == TicketKind.PETITION:
            category = "petition_matter"
        elif kind == TicketKind.SUGGESTION:
            problem, category = "关于增设公共停车位的建议", "suggestion"
        place = PLACES[rng.randrange(len(PLACES))]
        title = f"{place}{problem}"
        surname = SURNAMES[rng.randrange(len(SURNAMES))]
        description = (
            f"{surname}先生反映{place}{problem}，{DETAILS[rng.randrange(len(DETAILS))]}，"
            f"{DETAILS[rng.randrange(len(DETAILS))]}。"
        )
        grid = grid_ids[rng.randrange(len(grid_ids))] if rng.random() < 0.95 else None
        address = f"{place}{rng.randint(1, 300)}号"
        priority = (
            Priority.CRITICAL
            if rng.random() < 0.02
            else (Priority.URGENT if rng.random() < 0.1 else Priority.ORDINARY)
        )
        allowed = timedelta(days=days_by_cat[category] * 7 / 5)
        deadline = created + allowed
        due_soon = created + allowed * 3 / 4
        age_days = (NOW - created).days
        r = rng.random()
        if age_days > 30:
            status = (
                TicketStatus.CLOSED if r < 0.975 else
                TicketStatus.MERGED if r < 0.985 else TicketStatus.IN_PROGRESS
            )  # fmt: skip
        else:
            status = [
                TicketStatus.PENDING_DISPATCH, TicketStatus.DISPATCHED, TicketStatus.IN_PROGRESS,
                TicketStatus.AWAITING_REVIEW, TicketStatus.CLOSED,
            ][min(4, int(r * 5 * (age_days + 3) / 12))]  # fmt: skip
        closed = outcome = rating = None
        if status == TicketStatus.CLOSED:
            closed = created + allowed * (0.2 + rng.random() * (1.0 if rng.random() < 0.9 else 2))
            outcome = Outcome.RESOLVED if rng.random() < 0.99 else Outcome.UNRESOLVED
            rating = rng.choice(list(Satisfaction) + [None, None]) if rng.random() < 0.6 else None
        dispatched = (
            created + timedelta(hours=2) if status != TicketStatus.PENDING_DISPATCH else None
        )
        code = f"GC{created:%Y%m%d}-{i:07d}"
        ticket = (
            i, code, kind.value, sources[rng.randrange(len(sources))].value, category, title,
            description, f"{surname}先生", f"139{rng.randrange(10**8):08d}", address, grid,
            priority.value, PRIORITY_RANK[priority], status.value, created, deadline, due_soon,
            dispatched, closed, rng.randint(1, 4) if kind == TicketKind.PETITION else 1,
            outcome.value if outcome else None, rating.value if rating else None,
            False, 0, False, 0, i - 1 if status == TicketStatus.MERGED and i > 1 else None,
            closed or created, 1,
        )  # fmt: skip
        lead = None
        if dispatched is not None and status != TicketStatus.MERGED:
            lead = (
                i, i, dept_ids[rng.randrange(len(dept_ids))], "lead",
                "done" if status == TicketStatus.CLOSED else "accepted",
                dispatched, dispatched + timedelta(hours=4), deadline, "",
            )  # fmt: skip
        yield ticket, lead


def _sqlite_text(value):
    # SQLAlchemy's SQLite DateTime storage format, so range comparisons match.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def build(url: str, n: int) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        have = session.scalar(select(func.count()).select_from(Ticket))
        if have == n:
            print(f"  reusing {n:,} tickets")
            engine.dispose()
            return
        if have:
            sys.exit(f"{url} holds {have:,} tickets, not {n:,}: remove it first")
        grid_ids, dept_ids = _areas_and_departments(session)
        session.commit()
    t0 = time.perf_counter()
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        raw = conn.connection.driver_connection
        ticket_sql = f"INSERT INTO ticket ({', '.join(TICKET_COLUMNS)}) VALUES "
        assign_sql = f"INSERT INTO assignment ({', '.join(ASSIGNMENT_COLUMNS)}) VALUES "
        batch_t, batch_a = [], []

        def flush() -> None:
            if sqlite:
                marks = ", ".join("?" * len(TICKET_COLUMNS))
                raw.executemany(
                    ticket_sql + f"({marks})", [tuple(map(_sqlite_text, r)) for r in batch_t]
                )
                marks = ", ".join("?" * len(ASSIGNMENT_COLUMNS))
                raw.executemany(
                    assign_sql + f"({marks})", [tuple(map(_sqlite_text, r)) for r in batch_a]
                )
            else:
                with raw.cursor() as cur:
                    with cur.copy(f"COPY ticket ({', '.join(TICKET_COLUMNS)}) FROM STDIN") as cp:
                        for row in batch_t:
                            cp.write_row(row)
                    with cur.copy(
                        f"COPY assignment ({', '.join(ASSIGNMENT_COLUMNS)}) FROM STDIN"
                    ) as cp:
                        for row in batch_a:
                            cp.write_row(row)
            batch_t.clear()
            batch_a.clear()

        if sqlite:
            conn.exec_driver_sql("PRAGMA cache_size = -1000000")
        for ticket, lead in _tickets(n, grid_ids, dept_ids):
            batch_t.append(ticket)
            if lead:
                batch_a.append(lead)
            if len(batch_t) >= 20000:
                flush()
        flush()
        if not sqlite:
            conn.exec_driver_sql("SELECT setval('ticket_id_seq', (SELECT max(id) FROM ticket))")
            conn.exec_driver_sql(
                "SELECT setval('assignment_id_seq', (SELECT max(id) FROM assignment))"
            )
    t1 = time.perf_counter()
    with engine.begin() as conn:
        search.index_tickets(conn)
    t2 = time.perf_counter()
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "ANALYZE" if sqlite else "VACUUM ANALYZE"
        )
    t3 = time.perf_counter()
    print(
        f"  built {n:,} tickets: insert {t1 - t0:.1f} s, search index {t2 - t1:.1f} s,"
        f" analyze {t3 - t2:.1f} s"
    )
    engine.dispose()


# --- measuring ---------------------------------------------------------------------------


# CPU time of this process for the last median_ms call: on a shared machine wall time includes
# waiting for a core; for SQLite (in-process) the CPU time is the query's own cost.
_cpu = {"last": 0.0, "show": False}


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    fn()  # warm the cache: the desk runs warm
    times, cpu, result = [], [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    _cpu["last"] = statistics.median(cpu)
    return statistics.median(times), result


def report(label: str, ms: float, target: float, extra: str = "") -> None:
    verdict = "meets" if ms < target else "MISSES"
    cpu = f" cpu {_cpu['last']:6.1f} ms" if _cpu["show"] else ""
    print(f"  {label:<52} {ms:8.1f} ms{cpu}  (target < {target:g} ms: {verdict}){extra}")


# The bounded count a view can show at once ("1,000+") while it counts exactly in a job.
CAP = 1_000


def page_plus_count(session, flt, order, runs: int, label: str, target: float) -> None:
    """One line for the first page with the exact count, one with the bounded count."""

    def run(cap: int | None) -> int:
        queue.fetch_page(session, flt, order, limit=100, now=NOW)
        return queue.count(session, flt, now=NOW, cap=cap)

    page_ms, _ = median_ms(lambda: queue.fetch_page(session, flt, order, now=NOW), runs)
    capped_ms, _ = median_ms(lambda: run(CAP), runs)
    capped_cpu = _cpu["last"]
    ms, total = median_ms(lambda: run(None), runs)
    report(f"{label}, exact", ms, target, f"  [{total:,} rows; page alone {page_ms:.1f} ms]")
    _cpu["last"] = capped_cpu
    report(f"{label}, bounded", capped_ms, target)


def measure(url: str, runs: int) -> None:
    engine = make_engine(url)
    _cpu["show"] = engine.dialect.name == "sqlite"
    print(f"  load average at start: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    with Session(engine) as session:
        yuli = session.scalar(select(Area.id).where(Area.name == "迂里村"))
        page_and_count = {
            "all open, by deadline": (
                QueueFilter(statuses=frozenset(OPEN_STATUSES)), QueueOrder("deadline")
            ),
            "all tickets, newest first": (QueueFilter(), QueueOrder("created", True)),
            "pending dispatch, by deadline": (
                queue.preset_filter("pending", None, NOW), QueueOrder("deadline")
            ),
            "overdue, by deadline": (QueueFilter(deadline="overdue"), QueueOrder("deadline")),
            "village subtree (迂里村), newest first": (
                QueueFilter(area_id=yuli), QueueOrder("created", True)
            ),
            "category 噪音扰民, newest first": (
                QueueFilter(categories=frozenset({"noise"})), QueueOrder("created", True)
            ),
            "category 噪音扰民, by deadline": (
                QueueFilter(categories=frozenset({"noise"})), QueueOrder("deadline")
            ),
            "open by priority": (
                QueueFilter(statuses=frozenset(OPEN_STATUSES)), QueueOrder("priority", True)
            ),
        }  # fmt: skip
        print(f"  queue page (100 rows) + count: exact, then bounded (cap {CAP:,})")
        for label, (flt, order) in page_and_count.items():
            page_plus_count(session, flt, order, runs, label, 50)

        ms, _ = median_ms(lambda: queue.preset_counts(session, 1, NOW), runs)
        report("preset counts (the six buttons)", ms, 50)
        ms, _ = median_ms(lambda: area_tree(session, NOW), runs)
        report("grid tree with open/overdue counts", ms, 50)

        flt, order = QueueFilter(), QueueOrder("created", True)
        total = queue.count(session, flt, now=NOW)
        deep = total * 7 // 10
        first = lambda: queue.fetch_window(  # noqa: E731
            session, flt, order, deep, 100, NOW, anchors=WindowAnchors(total=total)
        )
        ms, _ = median_ms(first, runs)
        report(f"window jump to row {deep:,} (no anchor yet)", ms, 50)
        anchors = WindowAnchors(total=total)
        queue.fetch_window(session, flt, order, deep, 100, NOW, anchors=anchors)
        ms, _ = median_ms(
            lambda: queue.fetch_window(session, flt, order, deep + 100, 100, NOW, anchors=anchors),
            runs,
        )
        report("window scroll next 100 rows (anchored)", ms, 50)

        print(f"  text search, newest first: page + exact count, then bounded (cap {CAP:,})")
        for chars, term in TERMS.items():
            f = QueueFilter(text=term)
            page_plus_count(
                session, f, QueueOrder("created", True), runs, f"{chars}字: {term}", 100
            )

        print("  period statistics")
        periods = {
            "the report's period (2022-01-01 .. 2022-10-25)": (
                date(2022, 1, 1),
                date(2022, 10, 25),
            ),
            "one year (2025)": (date(2025, 1, 1), date(2025, 12, 31)),
            # About as many tickets as Guangfu's real report period (14,086).
            "one month (2025-03)": (date(2025, 3, 1), date(2025, 3, 31)),
            "everything (2021-01-01 .. 2026-11-25)": (START.date(), NOW.date()),
        }
        for label, (a, b) in periods.items():
            ms, stats = median_ms(lambda a=a, b=b: period_statistics(session, a, b, NOW), runs)
            report(label, ms, 500, f"  [{stats.tickets_total:,} tickets]")
    engine.dispose()


def _pg_reachable() -> bool:
    try:
        eng = create_engine(PG_ADMIN, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(text("select 1"))
        eng.dispose()
        return True
    except Exception:
        return False


def _ensure_pg_database(name: str) -> str:
    eng = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sqlite", help="SQLite file (default: a temp file named after N)")
    parser.add_argument("--pg", help="PostgreSQL URL (default: database gc_bench_queue_N)")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args(argv)
    n = args.tickets
    targets = []
    if not args.no_sqlite:
        path = args.sqlite or Path(tempfile.gettempdir()) / f"gc-bench-queue-{n}.sqlite3"
        targets.append(("SQLite", f"sqlite:///{path}"))
    if not args.no_pg:
        if args.pg:
            targets.append(("PostgreSQL", args.pg))
        elif _pg_reachable():
            targets.append(("PostgreSQL", _ensure_pg_database(f"gc_bench_queue_{n}")))
        else:
            print("PostgreSQL not reachable: skipped")
    for name, url in targets:
        print(f"{name} ({n:,} tickets, median of {args.runs} runs)")
        build(url, n)
        measure(url, args.runs)


if __name__ == "__main__":
    main()
