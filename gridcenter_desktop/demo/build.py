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

from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.core.enums import AuditAction, UserRole
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
from gridcenter_desktop.demo import plan, schedule
from gridcenter_desktop.demo.areas import TOWN_CODE, TOWN_NAME
from gridcenter_desktop.demo.lifecycle import Deadlines
from gridcenter_desktop.demo.people import (
    DEMO_LOGINS,
    demo_passwords,
    people_rng,
    user_id,
    user_rows,
)
from gridcenter_desktop.demo.reference import build_reference
from gridcenter_desktop.demo.tickets import (
    ASSIGNMENT_COLUMNS,
    EVENT_COLUMNS,
    TICKET_COLUMNS,
    TicketFactory,
)
from gridcenter_desktop.demo.writer import BulkWriter, indexes_deferred
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.town import ReportPeriod, TownSettings, save_town_settings
from gridcenter_desktop.services.audit import workstation_name
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.services.tickets.common import local_now
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
) -> DemoSummary:
    """Migrate ``url`` to the newest schema and fill it with the Guangfu demo.

    ``tickets`` is the number of ticket rows (merged duplicates included); without it the
    2022-01-01 .. 2022-10-25 period alone (``plan.PERIOD_ROWS`` rows), whose statistics are
    DOMAIN.md's figures. A larger number keeps that period exactly and spreads the rest over
    2016-2021 and 2022-10-26 .. 2022-12-31. ``progress(done, total, stage)`` is called as the
    tickets are written; ``cancel()`` returning True stops the build (``DemoCancelled``) with
    nothing written. A database that already holds data is refused (``DatabaseNotEmptyError``)
    unless ``replace`` wipes it first (holidays entered by an administrator are kept), and
    ``replace`` wipes only a database marked as a demo (``NotDemoDataError``). A database with
    tables that are not ours is refused before anything is written (``ForeignTablesError``).
    The accounts' passwords are in the summary (see people.demo_passwords).
    """
    total = plan.PERIOD_ROWS if tickets is None else tickets
    if total < plan.PERIOD_ROWS:
        raise ValidationError(
            "tickets",
            "too_few",
            f"tickets: at least {plan.PERIOD_ROWS} (the 2022 period alone); got {total}",
        )
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
                    summary = _load(conn, total, seed, report, stop, replace, passwords)
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
    total: int,
    seed: int,
    report: Progress,
    stop: Callable[[], bool],
    replace: bool,
    passwords: dict[str, str],
) -> DemoSummary:
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
            at=local_now(),
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
    written = events = assignments = 0
    first_code = last_code = ""
    report(0, total, DemoStage.TICKETS)
    with indexes_deferred(conn, _TICKET_TABLES):
        for segment, count in _segments(total, calendar):
            for rng, arrivals in _chunks(segment, count, seed, calendar):
                if stop():
                    raise DemoCancelled()
                chunk = factory.chunk(rng, arrivals, segment.now)
                writer.insert("ticket", TICKET_COLUMNS, chunk.tickets)
                writer.insert("ticket_event", EVENT_COLUMNS, chunk.events)
                writer.insert("assignment", ASSIGNMENT_COLUMNS, chunk.assignments)
                written += len(chunk.tickets)
                events += len(chunk.events)
                assignments += len(chunk.assignments)
                first_code = first_code or chunk.tickets[0][1]
                last_code = chunk.tickets[-1][1]
                report(written, total, DemoStage.TICKETS)
        report(written, total, DemoStage.INDEXES)
    writer.reset_sequences(_ID_TABLES)
    # A desk registering on a demo day continues after the demo's last code of that day.
    carry_on_code_counters(conn)
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
        notice_pattern="光福整改〔{year}〕{seq}号",
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


def _segments(total: int, calendar: WorkCalendar) -> list[tuple[schedule.Segment, int]]:
    """How many tickets each span gets, in time order (so ids follow arrival order)."""
    extra = total - plan.PERIOD_ROWS
    if not extra:
        return [(schedule.PERIOD, plan.PERIOD_ROWS)]
    early_weight = schedule.segment_weight(schedule.EARLY, calendar)
    late_weight = schedule.segment_weight(schedule.LATE, calendar)
    early = round(extra * early_weight / (early_weight + late_weight))
    return [
        (schedule.EARLY, early),
        (schedule.PERIOD, plan.PERIOD_ROWS),
        (schedule.LATE, extra - early),
    ]


def _chunks(
    segment: schedule.Segment, count: int, seed: int, calendar: WorkCalendar
) -> Iterator[tuple[random.Random, list[tuple[datetime, plan.Profile]]]]:
    """The segment's arrivals with their fates, ``CHUNK_SIZE`` at a time. Each segment has its
    own random streams, so the 2022 period is the same whatever the demo's size."""
    times = schedule.arrival_times(
        random.Random(f"{seed}:{segment.name}:arrivals"), segment, count, calendar
    )
    fate_rng = random.Random(f"{seed}:{segment.name}:fates")
    ticket_rng = random.Random(f"{seed}:{segment.name}:tickets")
    counted = plan.period_profiles(fate_rng, CHUNK_SIZE) if segment is schedule.PERIOD else None
    done = 0
    while done < count:
        arrivals = list(islice(times, min(CHUNK_SIZE, count - done)))
        if counted is not None:
            profiles = counted[done : done + len(arrivals)]
        else:
            profiles = [
                plan.draw_profile(
                    fate_rng,
                    at,
                    segment.now,
                    can_merge=i >= plan.MERGE_MIN_INDEX,
                    # Years before the period are settled; its "now" is only their horizon.
                    may_stay_open=segment is schedule.LATE,
                )
                for i, at in enumerate(arrivals)
            ]
        yield ticket_rng, list(zip(arrivals, profiles, strict=True))
        done += len(arrivals)
