"""Registering a ticket (受理): validate the form, number it, set its deadline."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, insert, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from gridcenter_desktop.core.categories import CATEGORY_BY_CODE
from gridcenter_desktop.core.deadlines import compute_deadline, due_soon_threshold
from gridcenter_desktop.core.enums import (
    PRIORITY_RANK,
    EventAction,
    IntakeSource,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.core.validation import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    LATITUDE_LIMIT,
    LONGITUDE_LIMIT,
    NAME_MAX,
    TITLE_MAX,
    check_coordinate,
    check_people_count,
    check_phone,
    normalize_phone,
)
from gridcenter_desktop.db.area import Person
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.services import change_feed, search
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.deadline_rules import rules_at
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.services.ticket_lookup import reversed_phone

if TYPE_CHECKING:
    from gridcenter_desktop.core.geo import PointLocator
from gridcenter_desktop.services.tickets.common import (
    TicketRef,
    active_grid,
    commit_once,
    event_json,
    local_now,
    new_event,
    ref_of,
    require_role,
    text_input,
)
from gridcenter_desktop.services.video_channels import active_channel


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an imported ticket came from (services/intake/): the platform and its code there
    (unique per platform), the category as the platform wrote it, the profile the sheet came in
    with, and the platform's own choice of handling unit (kept on the REGISTER event)."""

    source: IntakeSource
    code: str
    category: str | None = None
    profile_id: int | None = None
    department: str | None = None
    # When the platform received it (来电时间): the ticket's created_at (its deadline, the
    # statistics, the ledger and Open311 count from it, as the platform does); the REGISTER
    # event keeps when it was registered here.
    received_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class NewTicket:
    """The registration form."""

    kind: TicketKind
    source: TicketSource
    category: str
    title: str
    description: str = ""
    reporter_name: str | None = None
    reporter_phone: str | None = None
    address: str = ""
    grid_id: int | None = None
    priority: Priority = Priority.ORDINARY
    # Petitions (信访) count the people who came together; 1 for everything else.
    people_count: int = 1
    latitude: float | None = None
    longitude: float | None = None
    # 视频巡查 tickets: the video channel the matter was seen on (in service; None for none).
    video_channel_id: int | None = None
    # Imported tickets only: where it came from, the deadline the platform gave (kept instead of
    # ours), and what the import could not tell (the "to be placed" list: no grid guessed, or a
    # platform category nobody has mapped yet, imported as 其他).
    origin: Origin | None = None
    deadline_at: datetime | None = None
    to_place: bool = False
    category_unmapped: bool = False
    # The grid worker who reported it (上报网格员: a grid patrol's or a visit's ticket); counted
    # on the worker's page (services/grid_workers.py). A person on record, else refused.
    reported_by_person_id: int | None = None


def _grid_locator(session: Session) -> PointLocator:
    # Imported when a point is to be located: shapely is not needed for the window's start.
    from gridcenter_desktop.services.grid_map import grid_locator

    return grid_locator(session)


def code_prefix(day: datetime) -> str:
    return f"GC{day:%Y%m%d}-"


# One statement draws the day's next n numbers (1 for the form, all of an import's at once):
# the first registration of a day creates the row, every later one moves it on. PostgreSQL
# locks the row until the registering transaction ends and SQLite holds its write lock, so two
# desks can never draw the same number, and a registration that rolls back gives its numbers
# back.
_DRAW_NUMBERS = text(
    "INSERT INTO ticket_code_counter (day, last) VALUES (:day, :n) "
    "ON CONFLICT (day) DO UPDATE SET last = ticket_code_counter.last + :n "
    "RETURNING last"
)
# After a bulk load that wrote codes itself (the demo): each day's counter is its highest code.
_CARRY_ON_SQL = (
    "INSERT INTO ticket_code_counter (day, last) "
    "SELECT substr(code, 3, 8), max(CAST(substr(code, 12) AS INTEGER)) FROM ticket "
    "WHERE code LIKE 'GC________-%' GROUP BY substr(code, 3, 8)"
)


def next_code(session: Session, now: datetime) -> str:
    """The day's next ticket code: GC + yyyymmdd + "-" + a 4-digit sequence (more digits past
    9,999), drawn from the day's counter in the caller's transaction."""
    return _draw_codes(session.connection(), now, 1)[0]


def carry_on_code_counters(conn: Connection) -> None:
    """Set every day's counter to the highest code already written that day, so a desk
    registering on such a day continues after it (for loaders that write codes in bulk)."""
    conn.execute(text("DELETE FROM ticket_code_counter"))
    conn.execute(text(_CARRY_ON_SQL))


EXTERNAL_CODE_MAX = 64  # ticket.external_code
EXTERNAL_CATEGORY_MAX = 200  # ticket.external_category


def _enum(enum: type, value: object, field: str):
    try:
        return enum(value)
    except ValueError:
        raise ValidationError(field, "invalid") from None


def _validated(
    session: Session, form: NewTicket, locator: PointLocator | None = None
) -> dict[str, object]:
    """The form's values, cleaned; ValidationError naming the first field at fault.

    A ticket whose coordinates fall inside a grid's boundary goes to that grid (and off the
    "to be placed" list), whatever grid the form carried: the point on the map is the better
    evidence than the address guess the form's grid usually comes from. ``locator``: the
    boundaries' locator, read once by a caller registering many."""
    kind = _enum(TicketKind, form.kind, "kind")
    source = _enum(TicketSource, form.source, "source")
    priority = _enum(Priority, form.priority, "priority")
    if not form.category:
        # Required, never defaulted (issue 8: every unchosen ticket became 安全生产).
        raise ValidationError("category", "required")
    if form.category not in CATEGORY_BY_CODE:
        raise ValidationError("category", "unknown")
    title = text_input("title", form.title, required=True, max_length=TITLE_MAX)
    description = text_input(
        "description", form.description, required=False, max_length=DESCRIPTION_MAX
    )
    reporter_name = (
        text_input("reporter_name", form.reporter_name, required=False, max_length=NAME_MAX) or None
    )
    rule = check_phone(form.reporter_phone)
    if rule:
        raise ValidationError("reporter_phone", rule)
    # The one stored form (13912345678, 0512-66881234), whatever way it was typed.
    reporter_phone = normalize_phone(form.reporter_phone)
    address = text_input("address", form.address, required=False, max_length=ADDRESS_MAX)
    if form.grid_id is not None:
        active_grid(session, form.grid_id)
    rule = check_people_count(form.people_count)
    if rule:
        raise ValidationError("people_count", rule)
    for name, value, limit in (
        ("latitude", form.latitude, LATITUDE_LIMIT),
        ("longitude", form.longitude, LONGITUDE_LIMIT),
    ):
        rule = check_coordinate(value, limit)
        if rule:
            raise ValidationError(name, rule)
    grid_id, to_place = form.grid_id, bool(form.to_place)
    if form.latitude is not None and form.longitude is not None:
        located = (locator or _grid_locator(session)).locate(form.longitude, form.latitude)
        if located is not None:
            grid_id, to_place = located, False
    if (
        form.reported_by_person_id is not None
        and session.get(Person, form.reported_by_person_id) is None
    ):
        raise ValidationError("reported_by_person_id", "unknown")
    if form.video_channel_id is not None:
        if source is not TicketSource.VIDEO:
            raise ValidationError("video_channel_id", "not_video_source")
        active_channel(session, form.video_channel_id)
    origin = form.origin
    external: dict[str, object] = {}
    if origin is not None:
        external = {
            "external_source": _enum(IntakeSource, origin.source, "external_source"),
            "external_code": text_input(
                "external_code", origin.code, required=True, max_length=EXTERNAL_CODE_MAX
            ),
            "external_category": text_input(
                "external_category",
                origin.category,
                required=False,
                max_length=EXTERNAL_CATEGORY_MAX,
            )
            or None,
            "intake_profile_id": origin.profile_id,
        }
    return {
        **external,
        "to_place": to_place,
        "category_unmapped": bool(form.category_unmapped),
        "kind": kind,
        "source": source,
        "category": form.category,
        "title": title,
        "description": description,
        "reporter_name": reporter_name,
        "reporter_phone": reporter_phone,
        "address": address,
        "grid_id": grid_id,
        "priority": priority,
        "priority_rank": PRIORITY_RANK[priority],
        "people_count": form.people_count,
        "latitude": form.latitude,
        "longitude": form.longitude,
        "reported_by_person_id": form.reported_by_person_id,
        "video_channel_id": form.video_channel_id,
    }


def _origin_data(form: NewTicket) -> dict[str, object] | None:
    """What the REGISTER event keeps of an import: the platform, its code and its choice of
    handling unit (there is no column for the latter: it is the platform's, not ours)."""
    if form.origin is None:
        return None
    data: dict[str, object] = {"source": str(form.origin.source), "code": form.origin.code}
    if form.origin.department:
        data["department"] = form.origin.department
    if form.origin.received_at is not None:
        data["received_at"] = form.origin.received_at.isoformat(sep=" ")
    return data


def _received(form: NewTicket, now: datetime) -> datetime:
    """When the ticket came in: for an import, the platform's 受理时间 (the time its deadline,
    the statistics and the reply are counted from, as the platform counts them); else now. A
    time after now (a wrong clock upstream) is not believed."""
    origin = form.origin
    if origin is not None and origin.received_at is not None and origin.received_at <= now:
        return origin.received_at
    return now


def _deadline(
    form: NewTicket, values: dict[str, object], now: datetime, calendar, rules
) -> datetime:
    """The platform's deadline when it gave one (the one it will judge us by), else ours from
    the rules in effect now (a later rule change never moves it)."""
    if form.deadline_at is not None:
        return form.deadline_at
    return compute_deadline(now, rules.finish_limit(form.category, values["priority"]), calendar)


def register_ticket(
    session: Session,
    actor: Actor,
    form: NewTicket,
    now: datetime | None = None,
    *,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Register a ticket: status pending dispatch, deadline from its category and urgency,
    one REGISTER event, one commit. Refuses a viewer and any field that does not check out.
    ``idempotency_key``: see :func:`~gridcenter_desktop.services.tickets.common.commit_once`."""
    now = now or local_now()
    return commit_once(
        session, actor, idempotency_key, now, lambda: apply_registration(session, actor, form, now)
    )


def apply_registration(session: Session, actor: Actor, form: NewTicket, now: datetime) -> TicketRef:
    """:func:`register_ticket` without the commit (for a composite action: register and merge
    in one transaction); any error rolls the transaction back."""
    try:
        require_role(actor, EventAction.REGISTER)
        values = _validated(session, form)
        calendar, rules = load_calendar(session), rules_at(session, now)
        ticket = Ticket(
            # A unique stand-in until the number is drawn, last (see below).
            code=f"~{uuid.uuid4().hex[:24]}",
            **_registered(form, values, actor, now, calendar, rules),
            **values,
        )
        session.add(ticket)
        session.flush()
        session.add(
            new_event(ticket, actor, EventAction.REGISTER, now, None, data=_origin_data(form))
        )
        session.flush()
        # The number is drawn after every other write: from the draw to the commit the day's
        # counter row is locked (PostgreSQL), so the shorter that stretch, the more desks
        # register at once (20 desks waited seconds on each other when it was drawn first).
        # A Core UPDATE: the code is not a change the ticket's version counts.
        code = next_code(session, now)
        session.execute(
            update(Ticket.__table__).where(Ticket.__table__.c.id == ticket.id).values(code=code)
        )
        set_committed_value(ticket, "code", code)
        return ref_of(ticket)
    except BaseException:
        session.rollback()
        raise


def _registered(
    form: NewTicket,
    values: dict[str, object],
    actor: Actor,
    now: datetime,
    calendar,
    rules,
) -> dict[str, object]:
    """What registering sets besides the form's own values: pending dispatch, the deadline and
    its due-soon mark, who registered it and when."""
    deadline = _deadline(form, values, now, calendar, rules)
    received = _received(form, now)
    return {
        "status": TicketStatus.PENDING_DISPATCH,
        "created_at": received,
        "deadline_at": deadline,
        "due_soon_at": due_soon_threshold(received, deadline, calendar),
        "created_by_id": actor.user_id,
        "updated_at": now,
        "updated_by_id": actor.user_id,
    }


# -- many at once (services/intake/) ---------------------------------------------------------

# Rows written per statement batch; progress and Cancel are looked at between batches.
_MANY_BATCH = 1000
_EXTERNAL_KEYS = ("external_source", "external_code", "external_category", "intake_profile_id")


def _draw_codes(conn: Connection, now: datetime, count: int) -> list[str]:
    """``count`` consecutive codes of the day, drawn with one counter statement."""
    if not count:
        return []
    last = conn.execute(_DRAW_NUMBERS, {"day": f"{now:%Y%m%d}", "n": count}).scalar_one()
    prefix = code_prefix(now)
    return [f"{prefix}{number:04d}" for number in range(last - count + 1, last + 1)]


class RegistrationCancelled(ServiceError):
    """The caller's cancel check said stop; everything was rolled back."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("registration cancelled; nothing was written")


class FormRefused(ValidationError):
    """One form of many refused: ``index`` is its place in the list (0-based)."""

    def __init__(self, index: int, error: ValidationError) -> None:
        super().__init__(error.field, error.rule, f"form {index + 1}: {error}")
        self.index = index


def register_many(
    session: Session,
    actor: Actor,
    forms: Sequence[NewTicket],
    now: datetime | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    commit: bool = True,
) -> list[TicketRef]:
    """Register ``forms`` in one transaction, as :func:`register_ticket` would one by one (same
    validation, deadline rule, numbering and REGISTER event), with bulk statements: the day's
    counter moves once for all the numbers, tickets, events and search entries are inserted
    batch by batch. Any refused form (:class:`FormRefused`, naming it) or a ``cancelled()``
    that turns true (:class:`RegistrationCancelled`) rolls everything back. ``progress(done,
    total)`` is called after each batch. With ``commit=False`` the caller commits (an import
    writes its audit entry in the same transaction)."""
    now = now or local_now()
    try:
        require_role(actor, EventAction.REGISTER)
        calendar = load_calendar(session)
        rules = rules_at(session, now)
        locator = _grid_locator(session)
        rows: list[dict[str, object]] = []
        for index, form in enumerate(forms):
            try:
                values = _validated(session, form, locator)
            except ValidationError as exc:
                raise FormRefused(index, exc) from None
            for key in _EXTERNAL_KEYS:
                values.setdefault(key, None)
            values.update(
                _registered(form, values, actor, now, calendar, rules),
                version=1,
                reporter_phone_reversed=reversed_phone(values["reporter_phone"]),
            )
            rows.append(values)
        if cancelled is not None and cancelled():
            raise RegistrationCancelled
        refs = _insert_many(session, actor, forms, rows, now, progress, cancelled)
        if commit:
            session.commit()
        return refs
    except BaseException:
        session.rollback()
        raise


def _insert_many(session, actor, forms, rows, now, progress, cancelled) -> list[TicketRef]:
    conn = session.connection()
    total = len(rows)
    table = Ticket.__table__
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids: list[int] = []
    # PostgreSQL: the numbers are drawn last (see below). SQLite holds its one write lock for
    # the whole transaction anyway, so nothing is gained there by waiting: drawn first, the
    # codes go in with the rows and no second write of every row is needed.
    codes = _draw_codes(conn, now, total) if conn.dialect.name == "sqlite" else None
    for start in range(0, total, _MANY_BATCH):
        if cancelled is not None and cancelled():
            raise RegistrationCancelled
        batch = rows[start : start + _MANY_BATCH]
        for offset, row in enumerate(batch):
            # Unique stand-ins until the numbers are drawn, last (as register_ticket does).
            row["code"] = codes[start + offset] if codes else f"~{uuid.uuid4().hex[:24]}"
        batch_ids = list(conn.execute(stmt, batch).scalars())
        conn.execute(
            insert(TicketEvent.__table__),
            [
                {
                    "ticket_id": tid,
                    "at": now,
                    "user_id": actor.user_id,
                    "action": EventAction.REGISTER,
                    "from_status": None,
                    "to_status": TicketStatus.PENDING_DISPATCH,
                    "note": "",
                    "data": event_json(_origin_data(form)),
                }
                for tid, form in zip(batch_ids, forms[start : start + _MANY_BATCH], strict=True)
            ],
        )
        search.add_entries(
            conn,
            [
                (tid, search.ticket_tokens(r["title"], r["description"], r["address"]))
                for tid, r in zip(batch_ids, batch, strict=True)
            ],
        )
        ids.extend(batch_ids)
        if progress is not None:
            progress(len(ids), total)
    if cancelled is not None and cancelled():
        raise RegistrationCancelled
    if codes is None:
        codes = _draw_codes(conn, now, total)
        # The day's counter row stays locked (PostgreSQL) from the draw to the commit: drawn
        # after the bulk of the work, other desks registering meanwhile wait for the code
        # update only, not for the whole import.
        if ids:
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("tid"))
                .values(code=bindparam("new_code")),
                [{"tid": tid, "new_code": code} for tid, code in zip(ids, codes, strict=True)],
            )
    refs = [
        TicketRef(tid, code, TicketStatus.PENDING_DISPATCH, 1)
        for tid, code in zip(ids, codes, strict=True)
    ]
    # Bulk statements bypass the ORM hooks the change feed listens to: say it here.
    change_feed.announce(session, [ref.id for ref in refs])
    return refs
