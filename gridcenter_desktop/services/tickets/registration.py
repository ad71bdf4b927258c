"""Registering a ticket (受理): validate the form, number it, set its deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gridcenter_desktop.core.categories import CATEGORY_BY_CODE
from gridcenter_desktop.core.deadlines import compute_deadline, due_soon_threshold, finish_limit
from gridcenter_desktop.core.enums import (
    PRIORITY_RANK,
    AreaLevel,
    EventAction,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.core.validation import (
    ADDRESS_MAX,
    NAME_MAX,
    TITLE_MAX,
    check_coordinate,
    check_phone,
    check_text,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets.common import (
    TicketRef,
    local_now,
    new_event,
    ref_of,
    require_role,
)

# Two workstations registering in the same second may pick the same number; the loser retries.
_CODE_ATTEMPTS = 5
_DESCRIPTION_MAX = 20000


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


def code_prefix(day: datetime) -> str:
    return f"GC{day:%Y%m%d}-"


def next_code(session: Session, now: datetime) -> str:
    """The day's next ticket code: GC + yyyymmdd + "-" + a 4-digit sequence (more digits past
    9,999, which is why the longest code of the day sorts first)."""
    prefix = code_prefix(now)
    # A range on the unique index finds the day's codes fast at a million tickets under any
    # collation (a LIKE prefix only uses a PostgreSQL index under the C collation).
    next_prefix = code_prefix(now + timedelta(days=1))
    last = session.scalar(
        select(Ticket.code)
        .where(
            Ticket.code >= prefix,
            Ticket.code < next_prefix,
            Ticket.code.like(prefix + "%"),
        )
        .order_by(func.length(Ticket.code).desc(), Ticket.code.desc())
        .limit(1)
    )
    number = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _enum(enum: type, value: object, field: str):
    try:
        return enum(value)
    except ValueError:
        raise ValidationError(field, "invalid") from None


def _text(field: str, value: str | None, max_length: int, required: bool = False) -> str:
    rule = check_text(value, max_length=max_length, required=required)
    if rule:
        raise ValidationError(field, rule)
    return (value or "").strip()


def _validated(session: Session, form: NewTicket) -> dict[str, object]:
    """The form's values, cleaned; ValidationError naming the first field at fault."""
    kind = _enum(TicketKind, form.kind, "kind")
    source = _enum(TicketSource, form.source, "source")
    priority = _enum(Priority, form.priority, "priority")
    if not form.category:
        # Required, never defaulted (issue 8: every unchosen ticket became 安全生产).
        raise ValidationError("category", "required")
    if form.category not in CATEGORY_BY_CODE:
        raise ValidationError("category", "unknown")
    title = _text("title", form.title, TITLE_MAX, required=True)
    description = _text("description", form.description, _DESCRIPTION_MAX)
    reporter_name = _text("reporter_name", form.reporter_name, NAME_MAX) or None
    rule = check_phone(form.reporter_phone)
    if rule:
        raise ValidationError("reporter_phone", rule)
    reporter_phone = (form.reporter_phone or "").strip() or None
    address = _text("address", form.address, ADDRESS_MAX)
    if form.grid_id is not None:
        grid = session.get(Area, form.grid_id)
        if grid is None:
            raise ValidationError("grid_id", "unknown")
        if grid.level != AreaLevel.GRID:
            raise ValidationError("grid_id", "not_grid")
    if isinstance(form.people_count, bool) or not isinstance(form.people_count, int):
        raise ValidationError("people_count", "invalid")
    if form.people_count < 1:
        raise ValidationError("people_count", "positive")
    for name, value, limit in (("latitude", form.latitude, 90), ("longitude", form.longitude, 180)):
        rule = check_coordinate(value, limit)
        if rule:
            raise ValidationError(name, rule)
    return {
        "kind": kind,
        "source": source,
        "category": form.category,
        "title": title,
        "description": description,
        "reporter_name": reporter_name,
        "reporter_phone": reporter_phone,
        "address": address,
        "grid_id": form.grid_id,
        "priority": priority,
        "priority_rank": PRIORITY_RANK[priority],
        "people_count": form.people_count,
        "latitude": form.latitude,
        "longitude": form.longitude,
    }


def register_ticket(
    session: Session, actor: Actor, form: NewTicket, now: datetime | None = None
) -> TicketRef:
    """Register a ticket: status pending dispatch, deadline from its category and urgency,
    one REGISTER event, one commit. Refuses a viewer and any field that does not check out."""
    now = now or local_now()
    for attempt in range(1, _CODE_ATTEMPTS + 1):
        try:
            require_role(actor, EventAction.REGISTER)
            values = _validated(session, form)
            calendar = load_calendar(session)
            deadline = compute_deadline(
                now, finish_limit(form.category, values["priority"]), calendar
            )
            ticket = Ticket(
                code=next_code(session, now),
                status=TicketStatus.PENDING_DISPATCH,
                created_at=now,
                deadline_at=deadline,
                due_soon_at=due_soon_threshold(now, deadline),
                created_by_id=actor.user_id,
                updated_at=now,
                updated_by_id=actor.user_id,
                **values,
            )
            session.add(ticket)
            session.flush()
            session.add(new_event(ticket, actor, EventAction.REGISTER, now, None))
            session.flush()
            ref = ref_of(ticket)
            session.commit()
            return ref
        except IntegrityError:
            session.rollback()
            if attempt == _CODE_ATTEMPTS:
                raise
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises
