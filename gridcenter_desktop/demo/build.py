"""Build the Guangfu demo database: areas, departments, people, logins and tickets.

One transaction for the whole load: a cancelled or failed build leaves the database as it was
(apart from the schema migration, which is its own step and harmless).

The database is marked as a demo (app_setting ``demo`` = "1"): only a marked database may be
wiped by ``replace``, and a database holding another application's tables is never touched.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from itertools import islice

from sqlalchemy import Connection, func, insert, inspect, select, text
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.core.enums import AuditAction, TicketKind, TicketSource, UserRole
from gridcenter_desktop.db import append_only, migrate, roles
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.models import (
    AppSetting,
    Area,
    AuditEntry,
    Base,
    Department,
    Ticket,
    User,
)
from gridcenter_desktop.db.settings import DEMO_MARKER
from gridcenter_desktop.demo import grid_map as demo_grid_map
from gridcenter_desktop.demo import inspections, plan, schedule
from gridcenter_desktop.demo.areas import TOWN_CODE, TOWN_NAME
from gridcenter_desktop.demo.channels import add_channels
from gridcenter_desktop.demo.grid_workers import fill_reporting_workers
from gridcenter_desktop.demo.lifecycle import Deadlines
from gridcenter_desktop.demo.people import (
    DEMO_LOGINS,
    demo_passwords,
    people_rng,
    user_id,
    user_rows,
)
from gridcenter_desktop.demo.reference import build_reference
from gridcenter_desktop.demo.registers import write_registers
from gridcenter_desktop.demo.tickets import (
    ASSIGNMENT_COLUMNS,
    EVENT_COLUMNS,
    FOLLOWUP_TABLES,
    TICKET_COLUMNS,
    TicketFactory,
    draw_source,
)
from gridcenter_desktop.demo.visits import add_visits
from gridcenter_desktop.demo.writer import BulkWriter, indexes_deferred
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.town import ReportPeriod, TownSettings, save_town_settings
from gridcenter_desktop.services.audit import workstation_name
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.services.tickets.registration import carry_on_code_counters

DEFAULT_SEED = 20221025
CHUNK_SIZE = 10_000
# Tables the demo fills; PostgreSQL's id sequences are moved past the explicit ids.
_ID_TABLES = (
    "area",
    "person",
    "grid_member",
    "department",
    "app_user",
    "ticket",
    "ticket_event",
    "assignment",
    "extension_request",
    "callback_record",
    "joint_inspection",
    "rectification_notice",
)
# Their indexes are built once after the load rather than row by row.
_TICKET_TABLES = ("ticket", "ticket_event", "assignment")
# Kept by --replace: holidays an administrator entered are not demo data.
_KEPT_TABLES = frozenset({"calendar_day"})


class DemoStage(StrEnum):
    """What the build is doing, for a progress display (the UI translates it)."""

    SCHEMA = "schema"
    REFERENCE = "reference"
    TICKETS = "tickets"
    INDEXES = "indexes"
    SEARCH_INDEX = "search_index"
    DONE = "done"


class DatabaseNotEmptyError(ServiceError):
    """The database already holds data; the demo only replaces it when asked to."""

    code = "not_empty"

    def __init__(self, counts: dict[str, int]) -> None:
        held = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
        super().__init__(f"the database already holds data ({held}); use replace to wipe it")
        self.counts = counts


class NotDemoDataError(ServiceError):
    """Replacing was asked for, but the database's data is not a demo's (no demo marker):
    somebody's work, which the demo never wipes."""

    code = "not_demo"

    def __init__(self, counts: dict[str, int]) -> None:
        held = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
        super().__init__(
            f"the database holds data that is not demo data ({held}); the demo only replaces"
            " a demo database"
        )
        self.counts = counts


class ForeignTablesError(ServiceError):
    """The database holds another application's tables; the demo is not mixed into them."""

    code = "foreign_tables"

    def __init__(self, tables: list[str]) -> None:
        super().__init__(
            f"the database holds tables that are not GridCenter's ({', '.join(tables[:3])}"
            f"{' ...' if len(tables) > 3 else ''}); use a database of its own"
        )
        self.tables = tables


class DemoCancelled(ServiceError):
    """The caller's cancel check said stop; nothing was written."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("demo build cancelled; the database is unchanged")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What a build wrote."""

    seed: int
    tickets: int  # rows, merged duplicates included
    period_tickets: int  # 2022-01-01 .. 2022-10-25, merged duplicates excluded
    events: int
    assignments: int
    areas: int
    grids: int
    grid_members: int
    departments: int
    users: int
    first_code: str
    last_code: str
    # (login, role) of the demo accounts, and login -> password (random per build, or all
    # GRIDCENTER_DEMO_PASSWORD): shown once, never stored in clear.
    logins: tuple[tuple[str, str], ...] = field(default=())
    passwords: dict[str, str] = field(default_factory=dict)
    # Tickets put in the text-search index.
    indexed: int = 0


Progress = Callable[[int, int, str], None]


def build_demo(
    url: str,
    *,
    tickets: int | None = None,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    replace: bool = False,
    now: datetime | None = None,
) -> DemoSummary:
    """Migrate ``url`` to the newest schema and fill it with the Guangfu demo.

    The demo runs from 2020 (recent years, "近年来") through the report's period
    (2022-01-01 .. 2022-10-25, whose statistics are DOMAIN.md's figures) and carries on at the
    same rhythm up to ``now`` (default: the clock, China time), so it opens on a working day.
    ``tickets`` is the number of ticket rows (merged duplicates included); without it that
    span alone. A larger number keeps it exactly and spreads the rest over 2016-2019.
    ``progress(done, total, stage)`` is called as the tickets are written; ``cancel()``
    returning True stops the build (``DemoCancelled``) with nothing written. A database that
    already holds data is refused (``DatabaseNotEmptyError``) unless ``replace`` wipes it first
    (holidays entered by an administrator are kept), and ``replace`` wipes only a database
    marked as a demo (``NotDemoDataError``). A database with tables that are not ours is refused
    before anything is written (``ForeignTablesError``). The accounts' passwords are in the
    summary (see people.demo_passwords).
    """
    now = now or china_now()
    if now < schedule.PERIOD_NOW:
        raise ValidationError(
            "now", "before_report", f"now: not before {schedule.PERIOD_NOW} (the report's date)"
        )
    plan_of = layout(seed, now, WorkCalendar(), tickets)
    total = sum(n for _s, n in plan_of.segments)
    report = progress or (lambda _done, _total, _stage: None)
    stop = cancel or (lambda: False)
    passwords = demo_passwords()
    engine = make_engine(url)
    try:
        foreign = migrate.foreign_tables(engine)
        if foreign:
            raise ForeignTablesError(foreign)
        if migrate.check_not_newer(engine) is not None:
            # Refused before the schema is upgraded: a database the demo may not fill is left
            # exactly as it was. Checked again inside the load's transaction.
            with engine.connect() as conn:
                _may_fill(conn, replace)
        if not migrate.is_up_to_date(engine):
            report(0, total, DemoStage.SCHEMA)
            migrate.upgrade(engine)
        with engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                # One big transaction: a larger page cache keeps the index B-trees in memory,
                # and a crash mid-load loses only a demo that would be rebuilt anyway.
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
                conn.exec_driver_sql("PRAGMA synchronous=OFF")
                conn.commit()
            try:
                with conn.begin():
                    summary = _load(conn, plan_of, now, seed, report, stop, replace, passwords)
                # Fresh planner statistics: without them SQLite ignores the open-queue partial
                # indexes after a bulk load and sorts instead (and PostgreSQL guesses row counts).
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
            finally:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
                    conn.commit()
        report(total, total, DemoStage.DONE)
        return summary
    finally:
        engine.dispose()


def _existing(conn: Connection) -> dict[str, int]:
    counts = {}
    for model in (Ticket, Area, Department, User):
        counts[model.__tablename__] = conn.scalar(select(func.count()).select_from(model))
    return counts


def _is_marked_demo(conn: Connection) -> bool:
    if not inspect(conn).has_table(AppSetting.__tablename__):
        return False  # a schema older than the marker (revision 0007): not built as a demo
    marker = conn.scalar(select(AppSetting.value).where(AppSetting.key == DEMO_MARKER))
    return marker == "1"


def _may_fill(conn: Connection, replace: bool) -> bool:
    """Whether the load must wipe data first; refuses a database whose data must stay."""
    existing = _existing(conn)
    if not any(existing.values()):
        return False
    if not replace:
        raise DatabaseNotEmptyError(existing)
    if not _is_marked_demo(conn):
        raise NotDemoDataError(existing)
    return True


def _wipe(conn: Connection) -> None:
    tables = [t for t in reversed(Base.metadata.sorted_tables) if t.name not in _KEPT_TABLES]
    if conn.dialect.name == "postgresql":
        roles.drop_logins(conn)
        conn.execute(text(f"TRUNCATE {', '.join(t.name for t in tables)} CASCADE"))
        return
    # The timeline and audit trail refuse DELETE (db/append_only.py): lifted for the wipe,
    # in the same transaction, and put back before it commits.
    append_only.drop(conn)
    for table in tables:
        conn.execute(table.delete())
    append_only.create(conn)


def _load(
    conn: Connection,
    plan_of: Layout,
    now: datetime,
    seed: int,
    report: Progress,
    stop: Callable[[], bool],
    replace: bool,
    passwords: dict[str, str],
) -> DemoSummary:
    total = sum(n for _s, n in plan_of.segments)
    if _may_fill(conn, replace):
        _wipe(conn)
    report(0, total, DemoStage.REFERENCE)
    writer = BulkWriter(conn)
    users = user_rows(passwords)
    writer.insert_dicts("app_user", users)
    writer.insert_dicts("app_setting", [{"key": DEMO_MARKER, "value": "1"}])
    _give_server_logins(conn, passwords)
    # The audit trail starts with the build (a --replace wiped the earlier one with the data);
    # the administrator's creation of the town through the services follows it.
    conn.execute(
        insert(AuditEntry).values(
            at=now,
            login="",
            workstation=workstation_name(),
            action=AuditAction.DEMO_BUILD,
            target="demo",
            detail=json.dumps({"seed": seed, "tickets": total, "replaced": replace}),
        )
    )
    admin = _demo_admin()
    reference = build_reference(conn, admin, people_rng(seed))
    _set_town(conn, admin)

    calendar = WorkCalendar()
    factory = TicketFactory(
        reference.grids,
        reference.teams,
        reference.departments,
        tuple(user_id(u.login) for u in DEMO_LOGINS if u.role is UserRole.OPERATOR),
        user_id("supervisor"),
        Deadlines(calendar),
    )
    factory.places = demo_grid_map.grid_places(conn, reference.grids, seed)  # illustrative map
    written = events = assignments = 0
    first_code = last_code = ""
    report(0, total, DemoStage.TICKETS)
    with indexes_deferred(conn, _TICKET_TABLES):
        clock = schedule.DayClock()
        for segment, count in plan_of.segments:
            quota = plan_of.quotas.get(segment.name)
            for rng, arrivals in _chunks(segment, count, seed, calendar, quota, clock):
                if stop():
                    raise DemoCancelled()
                chunk = factory.chunk(rng, arrivals, segment.now, now)
                writer.insert("ticket", TICKET_COLUMNS, chunk.tickets)
                writer.insert("ticket_event", EVENT_COLUMNS, chunk.events)
                writer.insert("assignment", ASSIGNMENT_COLUMNS, chunk.assignments)
                for table, columns in FOLLOWUP_TABLES:
                    writer.insert(table, columns, chunk.followup.get(table, ()))
                written += len(chunk.tickets)
                events += len(chunk.events)
                assignments += len(chunk.assignments)
                first_code = first_code or chunk.tickets[0][1]
                last_code = chunk.tickets[-1][1]
                report(written, total, DemoStage.TICKETS)
        report(written, total, DemoStage.INDEXES)
    writer.reset_sequences(_ID_TABLES)
    # The next notice of a year continues after the demo's last number of that year.
    writer.insert_dicts(
        "notice_counter",
        [
            {"year": int(key.split(":")[1]), "last": last}
            for key, last in sorted(factory.ids.items())
            if key.startswith("notice:")
        ],
    )
    # A desk registering on a demo day continues after the demo's last code of that day.
    carry_on_code_counters(conn)
    fill_reporting_workers(conn)  # issue 12: the grid-patrol tickets' reporting worker
    write_registers(conn, reference.grids, now, seed)  # 台账 (issue 12: demo/registers.py)
    add_channels(conn, reference.grids, now, seed)  # 313 video channels; video tickets name one
    add_visits(conn, now, seed)  # demo/visits.py: households and 走访 (own rng)
    if stop():
        raise DemoCancelled()
    report(written, total, DemoStage.SEARCH_INDEX)
    indexed = rebuild_search_index(conn)
    return DemoSummary(
        seed=seed,
        tickets=written,
        period_tickets=plan.PERIOD_TICKETS,
        events=events,
        assignments=assignments,
        areas=reference.areas,
        grids=len(reference.grids),
        grid_members=reference.grid_members,
        departments=len(reference.departments),
        users=len(users),
        first_code=first_code,
        last_code=last_code,
        logins=tuple((u.login, u.role.value) for u in DEMO_LOGINS),
        passwords=dict(passwords),
        indexed=indexed,
    )


def _demo_admin() -> Actor:
    """The demo's administrator, who builds the town through the administration services."""
    admin = next(u for u in DEMO_LOGINS if u.role is UserRole.ADMIN)
    return Actor(user_id(admin.login), UserRole.ADMIN, admin.display_name, admin.login)


def _set_town(conn: Connection, actor: Actor) -> None:
    """Guangfu's own settings (names on reports and notices), entered through the
    administration service as the town's administrator would (after the town's area tree,
    whose root it names)."""
    settings = TownSettings(
        town_name=TOWN_NAME,
        town_code=TOWN_CODE,
        centre_name=f"{TOWN_NAME}集成指挥中心",
        issuer=f"{TOWN_NAME}集成指挥中心",
        notice_pattern=inspections.NOTICE_PATTERN,
        report_period=ReportPeriod.MONTH,
    )
    with Session(bind=conn) as session:
        save_town_settings(session, actor, settings, commit=False)


def _give_server_logins(conn: Connection, passwords: dict[str, str]) -> None:
    """On PostgreSQL each account signs in with its own login role (db/roles.py), so the demo
    accounts get theirs, with the same passwords, in the load's transaction."""
    if conn.dialect.name != "postgresql":
        return
    roles.create_logins(conn, [(u.login, u.role, passwords[u.login]) for u in DEMO_LOGINS])


def rebuild_search_index(conn: Connection) -> int:
    """Rebuild the text-search index after the bulk load (the ORM hooks that keep it in sync
    do not fire for Core inserts); returns how many tickets it indexed."""
    from gridcenter_desktop.services.search import index_tickets

    return index_tickets(conn)


@dataclass(frozen=True, slots=True)
class Layout:
    """The demo's spans in time order with their row counts, and the counted ones' quotas."""

    segments: tuple[tuple[schedule.Segment, int], ...]
    quotas: dict[str, plan.Quota]

    @property
    def default_rows(self) -> int:
        return sum(n for s, n in self.segments if s is not schedule.EARLY)


def layout(seed: int, now: datetime, calendar: WorkCalendar, total: int | None) -> Layout:
    """How many tickets each span gets: recent years and the days since the report at the
    platform's rhythm (relative to the period's exact count), the period exactly, and a larger
    demo's extra rows before recent years (``total``: all rows, None for the default)."""
    live = schedule.live_segment(now)
    period_weight = schedule.segment_weight(schedule.PERIOD, calendar)

    def rows(segment: schedule.Segment) -> int:
        return round(plan.PERIOD_ROWS * schedule.segment_weight(segment, calendar) / period_weight)

    recent_rows = rows(schedule.RECENT)
    live_rows = rows(live) if now.date() >= schedule.LIVE_START else 0
    recent_share = recent_rows / (recent_rows + plan.PERIOD_ROWS)
    recent, period = plan.span_quotas(random.Random(f"{seed}:span"), recent_rows, recent_share)
    segments = [(schedule.RECENT, recent_rows), (schedule.PERIOD, plan.PERIOD_ROWS)]
    if live_rows:
        segments.append((live, live_rows))
    default = sum(n for _s, n in segments)
    if total is not None and total < default:
        raise ValidationError(
            "tickets",
            "too_few",
            f"tickets: at least {default} (recent years, the 2022 period and the days since);"
            f" got {total}",
        )
    if total is not None and total > default:
        segments.insert(0, (schedule.EARLY, total - default))
    return Layout(tuple(segments), {"recent": recent, "period": period})


def _chunks(
    segment: schedule.Segment,
    count: int,
    seed: int,
    calendar: WorkCalendar,
    quota: plan.Quota | None,
    clock: schedule.DayClock,
) -> Iterator[tuple[random.Random, list[tuple[datetime, plan.Profile, TicketSource]]]]:
    """The segment's arrivals with their fates and sources, ``CHUNK_SIZE`` at a time. Each
    segment has its own random streams, so the 2022 period is the same whatever the demo's
    size and whenever it is built."""
    arrivals = _arrivals(segment, count, seed, calendar, quota, clock)
    ticket_rng = random.Random(f"{seed}:{segment.name}:tickets")
    done = 0
    while done < count:
        chunk = list(islice(arrivals, min(CHUNK_SIZE, count - done)))
        yield ticket_rng, chunk
        done += len(chunk)


def _arrivals(
    segment: schedule.Segment,
    count: int,
    seed: int,
    calendar: WorkCalendar,
    quota: plan.Quota | None,
    clock: schedule.DayClock,
) -> Iterator[tuple[datetime, plan.Profile, TicketSource]]:
    """Every arrival of the segment in time order: a day's tickets get their kinds (counted
    or drawn), their sources, a time of day that suits the source, then their fates."""
    day_rng = random.Random(f"{seed}:{segment.name}:arrivals")
    fate_rng = random.Random(f"{seed}:{segment.name}:fates")
    source_rng = random.Random(f"{seed}:{segment.name}:sources")
    counted = iter(plan.counted_profiles(fate_rng, quota, CHUNK_SIZE)) if quota else None
    # Years before the report are settled; the live days' tickets may still be open.
    may_stay_open = segment.name == "live"
    index = 0
    for day, n in schedule.daily_counts(day_rng, segment, count, calendar):
        workday = calendar.is_workday(day)
        drawn: list[tuple[datetime, plan.Profile | None, TicketKind, int, TicketSource]] = []
        for _ in range(n):
            if counted is not None:
                profile: plan.Profile | None = next(counted)
                kind, people = profile.kind, profile.people
            else:
                profile = None
                kind, people = plan.draw_kind(fate_rng)
            source = schedule.day_source(draw_source(source_rng, kind), kind, workday)
            at = clock.time(source_rng, day, source, workday, segment.now)
            if at is None:
                # Before the office opened on the demo's last day: the call came by phone.
                source = TicketSource.HOTLINE
                at = clock.time(source_rng, day, source, workday, segment.now)
                assert at is not None
            drawn.append((at, profile, kind, people, source))
        drawn.sort(key=_first)
        for at, profile, kind, people, source in drawn:
            if profile is None:
                if index % CHUNK_SIZE >= plan.MERGE_MIN_INDEX and plan.merged_by_chance(fate_rng):
                    profile = plan.Profile(TicketKind.ORDINARY, plan.Fate.MERGED)
                else:
                    profile = plan.draw_fate(fate_rng, kind, people, at, segment.now, may_stay_open)
            index += 1
            yield at, profile, source


def _first(item: tuple) -> datetime:
    return item[0]
