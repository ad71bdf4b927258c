"""Benchmark: many dispatch desks working one database at once, and how soon a change made at
one desk is seen at another.

    uv run python bench/workstations.py                          # PostgreSQL, 20 desks, 60 s
    uv run python bench/workstations.py --sqlite --desks 5       # one SQLite file, 5 desks
    uv run python bench/workstations.py --seconds 10 --desks 4   # while developing

Each desk is a process of its own (its own engine, as a workstation has) running through the
services, for --seconds: register (30 %), or take the next step on one of the latest open
tickets, which all desks share so they race each other: dispatch → accept → feed back → close
(the close as the supervisor). Every action carries an idempotency key. Printed: actions per
second, p50/p95 action latency, conflicts (ConflictError: another desk acted first), stale
picks (the ticket moved between the desk's look and its action, caught as a validation or
status error), other errors (must be 0), and lost updates (must be 0): at the end every
ticket's timeline must hold exactly one event per action the desks were told succeeded, its
version must equal its number of events, and its last event must end in its status.

Meanwhile a prober process changes --changes tickets one at a time (an urge every
--probe-interval seconds) and an observer process, listening on the change feed like a desk's
window does, notes when it hears each one. The visibility latency runs from the moment the
prober sends COMMIT to the moment the observer hears the change (both read the same monotonic
clock; the commit's own duration is included) and is printed as p50/p95/max. Targets:
PostgreSQL p95 < 20 ms, SQLite p95 < 150 ms.

PostgreSQL: a database is created on the --pg-admin server for the run and dropped after.
SQLite: a file in a temporary folder. Not a pass/fail test; see docs/performance.md.
"""

# ruff: noqa: E402 - the path fix below must run before anything imports the stdlib queue

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path, and bench/queue.py would shadow
# the standard library's `queue` module for every library that imports it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

import argparse
import multiprocessing
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import create_engine, event, func, select, text

from gridcenter_desktop.core.enums import (
    AreaLevel,
    AssignmentRole,
    AssignmentStatus,
    DepartmentKind,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.db import migrate, roles
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.change_feed import ChangeListener
from gridcenter_desktop.services.errors import ConflictError, ServiceError

PG_ADMIN = os.environ.get(
    "GRIDCENTER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
OPEN = (
    TicketStatus.PENDING_DISPATCH,
    TicketStatus.DISPATCHED,
    TicketStatus.IN_PROGRESS,
    TicketStatus.AWAITING_REVIEW,
)
CATEGORIES = ("noise", "city_management", "environment", "traffic", "property_management")
FEEDBACK = svc.Feedback(
    complaint_true=True, solved=True, feedback="已到场处置", public_reply="已处理"
)


@dataclass
class Town:
    """What the desks need to know about the database they work on."""

    url: str
    operators: list[Actor]
    supervisor: Actor
    prober: Actor
    departments: list[int]
    grids: list[int]
    probes: list[int] = field(default_factory=list)


# --- setting up --------------------------------------------------------------------------------


def _form(rng: random.Random, grids: list[int], title: str) -> svc.NewTicket:
    return svc.NewTicket(
        kind=TicketKind.ORDINARY,
        source=TicketSource.HOTLINE,
        category=rng.choice(CATEGORIES),
        title=title,
        description="群众来电反映，请尽快处理。",
        reporter_name="张先生",
        reporter_phone="13912345678",
        address="福利村三组",
        grid_id=rng.choice(grids),
        priority=Priority.ORDINARY,
    )


def build_town(url: str, desks: int, probes: int) -> Town:
    """Schema, a village with four grids, five departments, one operator per desk, a
    supervisor, a prober and the prober's tickets."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    sf = make_session_factory(engine)
    with sf() as s:
        town = Area(level=AreaLevel.TOWN, name="光福镇")
        village = Area(level=AreaLevel.VILLAGE, name="福利村", parent=town)
        grids = [
            Area(level=AreaLevel.GRID, name=f"福利村第{i}网格", parent=village) for i in range(4)
        ]
        departments = [
            Department(code=f"d{i}", name=name, kind=DepartmentKind.OFFICE, active=True)
            for i, name in enumerate(("综合执法局", "生态环境办", "水利站", "市场监管所", "派出所"))
        ]
        users = [
            User(
                login=f"op{i:02d}",
                display_name=f"调度员{i:02d}",
                role=UserRole.OPERATOR,
                password_hash="-",
            )
            for i in range(desks)
        ]
        supervisor = User(
            login="sup", display_name="值班长", role=UserRole.SUPERVISOR, password_hash="-"
        )
        prober = User(login="probe", display_name="探针", role=UserRole.OPERATOR, password_hash="-")
        s.add_all([town, village, *grids, *departments, *users, supervisor, prober])
        s.commit()
        result = Town(
            url=url,
            operators=[Actor(u.id, UserRole.OPERATOR, u.display_name) for u in users],
            supervisor=Actor(supervisor.id, UserRole.SUPERVISOR, supervisor.display_name),
            prober=Actor(prober.id, UserRole.OPERATOR, prober.display_name),
            departments=[d.id for d in departments],
            grids=[g.id for g in grids],
        )
    rng = random.Random(1)
    with sf() as s:
        for i in range(probes):
            ref = svc.register_ticket(s, result.prober, _form(rng, result.grids, f"探针工单{i}"))
            result.probes.append(ref.id)
    engine.dispose()
    return result


# --- a desk -------------------------------------------------------------------------------------


def _next_step(s, rng: random.Random, town: Town, desk: Actor, ticket_id, version, status):
    """The action a desk takes on a ticket in ``status``: (name, callable returning a ref)."""
    key = str(uuid.uuid4())

    def assignment(state: AssignmentStatus):
        return s.scalar(
            select(Assignment.id).where(
                Assignment.ticket_id == ticket_id,
                Assignment.role == AssignmentRole.LEAD,
                Assignment.status == state,
            )
        )

    if status == TicketStatus.PENDING_DISPATCH:
        dept = rng.choice(town.departments)
        return "dispatch", lambda: svc.dispatch_ticket(
            s, desk, ticket_id, version, lead_department_id=dept, idempotency_key=key
        )
    if status == TicketStatus.DISPATCHED:
        target = assignment(AssignmentStatus.PENDING)
        s.rollback()
        return "accept", lambda: svc.accept_assignment(
            s, desk, ticket_id, version, target, idempotency_key=key
        )
    if status == TicketStatus.IN_PROGRESS:
        target = assignment(AssignmentStatus.ACCEPTED)
        s.rollback()
        return "feedback", lambda: svc.feed_back(
            s, desk, ticket_id, version, target, FEEDBACK, idempotency_key=key
        )
    return "close", lambda: svc.close_ticket(
        s, town.supervisor, ticket_id, version, idempotency_key=key
    )


def desk_main(town: Town, index: int, seconds: float, window: int, barrier, results) -> None:
    """One workstation: act for ``seconds`` and report latencies and outcomes."""
    rng = random.Random(index)
    desk = town.operators[index]
    engine = make_engine(town.url)
    sf = make_session_factory(engine)
    latencies: dict[str, list[float]] = {}
    outcomes: Counter[str] = Counter()
    acked: Counter[int] = Counter()  # successful actions per ticket, as this desk was told
    with sf() as s:
        s.scalar(select(func.count()).select_from(Ticket))  # connected before the start
        s.rollback()
        barrier.wait()
        stop_at = time.monotonic() + seconds
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            if rng.random() < 0.3:
                form = _form(rng, town.grids, f"第{index}号坐席第{n}件")
                name = "register"
                key = str(uuid.uuid4())

                def call(form=form, key=key):
                    return svc.register_ticket(s, desk, form, idempotency_key=key)
            else:
                rows = s.execute(
                    select(Ticket.id, Ticket.version, Ticket.status)
                    .where(Ticket.status.in_(OPEN), Ticket.created_by_id != town.prober.user_id)
                    .order_by(Ticket.id.desc())
                    .limit(window)
                ).all()
                s.rollback()
                if not rows:
                    continue
                ticket_id, version, status = rng.choice(rows)
                name, call = _next_step(s, rng, town, desk, ticket_id, version, status)
            started = time.perf_counter()
            try:
                ref = call()
            except ConflictError:
                outcomes["conflict"] += 1
                continue
            except ServiceError as exc:
                outcomes[f"stale ({type(exc).__name__})"] += 1
                continue
            except Exception as exc:  # reported: must not happen
                outcomes[f"error {type(exc).__name__}: {exc}"[:120]] += 1
                continue
            finally:
                elapsed = time.perf_counter() - started
            latencies.setdefault(name, []).append(elapsed)
            outcomes["ok"] += 1
            acked[ref.id] += 1
    engine.dispose()
    results.put(("desk", index, latencies, dict(outcomes), dict(acked)))


# --- visibility ----------------------------------------------------------------------------------


def prober_main(town: Town, interval: float, ready, go, results) -> None:
    """Change the probe tickets one at a time; report when each change's commit returned."""
    engine = make_engine(town.url)
    sf = make_session_factory(engine)
    committed: dict[int, float] = {}
    # The moment COMMIT is sent (the change becomes visible during it): the latency measured
    # from there includes the commit itself, an upper bound of "committed → heard".
    commit_sent: list[float] = []
    event.listen(engine, "commit", lambda _conn: commit_sent.append(time.monotonic()))
    rng = random.Random(7)
    with sf() as s:
        s.scalar(select(func.count()).select_from(Ticket))  # connected before the start
        s.rollback()
        ready.wait()
        go.wait()
        for ticket_id in town.probes:
            version = s.scalar(select(Ticket.version).where(Ticket.id == ticket_id))
            s.rollback()
            svc.urge_ticket(s, town.prober, ticket_id, version)
            committed[ticket_id] = commit_sent[-1]
            time.sleep(interval * rng.uniform(0.5, 1.5))
    engine.dispose()
    results.put(("prober", committed))


def observer_main(town: Town, ready, done, results) -> None:
    """Listen like a desk's window; note when each probe ticket is first heard of."""
    engine = make_engine(town.url)
    listener = ChangeListener(engine)
    listener.wait(0.05)
    probes = set(town.probes)
    heard: dict[int, float] = {}
    everything = 0
    ready.set()
    while not done.is_set() or len(heard) < len(probes):
        ids = listener.wait(0.2)
        if ids is None:
            if done.is_set():
                break
            continue
        now = time.monotonic()
        if not ids:
            everything += 1
        for ticket_id in ids:
            if ticket_id in probes and ticket_id not in heard:
                heard[ticket_id] = now
    listener.close()
    engine.dispose()
    results.put(("observer", heard, everything))


# --- checking and reporting ---------------------------------------------------------------


def lost_updates(url: str, acked: Counter[int], probes: list[int]) -> dict[str, int]:
    """Tickets whose timeline disagrees with what the desks were told or with the ticket."""
    engine = make_engine(url)
    problems = Counter()
    with make_session_factory(engine)() as s:
        events = dict(
            s.execute(
                select(TicketEvent.ticket_id, func.count()).group_by(TicketEvent.ticket_id)
            ).all()
        )
        last = dict(
            s.execute(
                select(TicketEvent.ticket_id, TicketEvent.to_status).where(
                    TicketEvent.id.in_(
                        select(func.max(TicketEvent.id)).group_by(TicketEvent.ticket_id)
                    )
                )
            ).all()
        )
        probe_set = set(probes)
        for ticket_id, version, status in s.execute(
            select(Ticket.id, Ticket.version, Ticket.status)
        ):
            if ticket_id in probe_set:
                continue
            # Registrations are acked too, so a desk-made ticket's events equal its acks.
            if events.get(ticket_id, 0) != acked.get(ticket_id, 0):
                problems["events != acknowledged actions"] += 1
            if events.get(ticket_id, 0) != version:
                problems["events != version"] += 1
            if last.get(ticket_id) != status:
                problems["last event != status"] += 1
        problems["tickets checked"] = s.scalar(select(func.count()).select_from(Ticket)) - len(
            probes
        )
    engine.dispose()
    return dict(problems)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


def run(url: str, backend: str, args: argparse.Namespace) -> None:
    print(f"\n== {backend}: {args.desks} desks for {args.seconds:g} s, {args.changes} changes ==")
    started = time.monotonic()
    town = build_town(url, args.desks, args.changes)
    print(f"set up in {time.monotonic() - started:.1f} s")
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    barrier = ctx.Barrier(args.desks + 1)
    ready, go, done = ctx.Event(), ctx.Event(), ctx.Event()
    desks = [
        ctx.Process(target=desk_main, args=(town, i, args.seconds, args.window, barrier, results))
        for i in range(args.desks)
    ]
    observer = ctx.Process(target=observer_main, args=(town, ready, done, results))
    prober = ctx.Process(target=prober_main, args=(town, args.probe_interval, ready, go, results))
    for p in (*desks, observer, prober):
        p.start()
    load_before = os.getloadavg()[0]
    barrier.wait()  # every desk connected: the clock starts
    go.set()
    t0 = time.monotonic()
    collected = {"desk": [], "prober": None, "observer": None}
    expected = args.desks + 2  # every desk, the prober and the observer report once
    while expected:
        item = results.get(timeout=args.seconds + 600)
        if item[0] == "desk":
            collected["desk"].append(item)
        else:
            collected[item[0]] = item
        expected -= 1
        if item[0] == "prober":
            time.sleep(1.0)
            done.set()
    wall = max(time.monotonic() - t0, args.seconds)
    for p in (*desks, observer, prober):
        p.join(timeout=60)

    latencies: dict[str, list[float]] = {}
    outcomes: Counter[str] = Counter()
    acked: Counter[int] = Counter()
    for _kind, _index, lat, out, ack in collected["desk"]:
        for name, values in lat.items():
            latencies.setdefault(name, []).extend(values)
        outcomes.update(out)
        acked.update(ack)
    every = [v for values in latencies.values() for v in values]
    print(f"load average (1 min) at the start: {load_before:.2f}")
    print(
        f"actions: {outcomes['ok']} in {args.seconds:g} s = {outcomes['ok'] / args.seconds:.1f}/s"
    )
    if every:
        print(
            f"action latency: p50 {_ms(_pct(every, 0.5))}, p95 {_ms(_pct(every, 0.95))},"
            f" max {_ms(max(every))}"
        )
    for name in ("register", "dispatch", "accept", "feedback", "close"):
        values = latencies.get(name, [])
        if values:
            print(
                f"  {name:<9} {len(values):>6}  p50 {_ms(_pct(values, 0.5)):>9}"
                f"  p95 {_ms(_pct(values, 0.95)):>9}"
            )
    print(f"conflicts (another desk acted first): {outcomes['conflict']}")
    stale = {k: v for k, v in outcomes.items() if k.startswith("stale")}
    print(f"stale picks: {sum(stale.values())} {stale if stale else ''}")
    errors = {k: v for k, v in outcomes.items() if k.startswith("error")}
    print(f"other errors: {sum(errors.values())} {errors if errors else ''}")
    problems = lost_updates(url, acked, town.probes)
    checked = problems.pop("tickets checked")
    print(
        f"lost updates: {sum(problems.values())} {problems if problems else ''}"
        f" ({checked} tickets checked)"
    )

    committed = collected["prober"][1] if collected["prober"] else {}
    heard, everything = collected["observer"][1], collected["observer"][2]
    delays = [heard[t] - committed[t] for t in committed if t in heard]
    missed = len(committed) - len(delays)
    if delays:
        print(
            f"visibility over {len(delays)} changes: p50 {_ms(statistics.median(delays))},"
            f" p95 {_ms(_pct(delays, 0.95))}, max {_ms(max(delays))}"
            f" (not heard: {missed}; 'refresh everything' notices: {everything})"
        )
    print(f"wall time {wall:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file instead of PostgreSQL")
    parser.add_argument("--desks", type=int, default=None, help="desks (default 20 PG, 5 SQLite)")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--changes", type=int, default=200, help="changes the prober makes")
    parser.add_argument("--probe-interval", type=float, default=0.1, help="seconds between them")
    parser.add_argument(
        "--window", type=int, default=50, help="latest open tickets desks pick from"
    )
    parser.add_argument("--pg-admin", default=PG_ADMIN, help="server to create the database on")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if args.desks is None:
        args.desks = 5 if args.sqlite else 20
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs,"
        f" Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    if args.sqlite:
        folder = Path(tempfile.mkdtemp(prefix="gc_bench_"))
        run(f"sqlite:///{folder / 'bench.sqlite3'}", "SQLite", args)
        return
    admin = create_engine(args.pg_admin, isolation_level="AUTOCOMMIT")
    name = f"gc_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        print(f"server: {conn.scalar(text('SELECT version()')).split(',')[0]}")
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = args.pg_admin.rsplit("/", 1)[0] + "/" + name
    try:
        run(url, "PostgreSQL", args)
    finally:
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                # The migration's group roles are the server's: they would outlive it.
                roles.drop_all(conn, roles.prefix_for(name))
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
