"""Rectification notices (责令整改通知书) on record: issued to a party with a deadline, numbered
by the town's pattern, kept in a register, and checked back (整改复查) once the deadline passes.

The number's serial comes from ``notice_counter``, drawn in the issuing transaction by one
INSERT ... ON CONFLICT DO UPDATE: on PostgreSQL the counter's row stays locked until the notice
commits, so two desks issuing at once get consecutive numbers, never the same one (and a
notice rolled back gives its number to the next). The serial starts again each year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import EventAction, NoticeStatus
from gridcenter_desktop.core.personal_data import scrub_contacts
from gridcenter_desktop.core.workflow import Transition
from gridcenter_desktop.db.followup import JointInspection, NoticeCounter, RectificationNotice
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.town import notice_number, town_settings
from gridcenter_desktop.services.errors import NotFoundError, ValidationError
from gridcenter_desktop.services.tickets.common import (
    Change,
    TicketRef,
    perform,
    text_input,
)

PARTY_MAX = 200  # rectification_notice.party, party_address
TEXT_MAX = 4000
# The time a notice gives when the desk does not say otherwise (限期七日内整改).
DEFAULT_RECTIFY_DAYS = 7
DEFAULT_REQUIREMENTS = "立即停止违法违规行为，按照有关规定整改到位，并将整改情况书面报告。"
CHECKED = frozenset({NoticeStatus.RECTIFIED, NoticeStatus.NOT_RECTIFIED})


@dataclass(frozen=True, slots=True)
class NoticeRow:
    """A notice as the register, the detail panel and the check-back dialog show it."""

    id: int
    number: str
    ticket_id: int
    ticket_code: str
    ticket_version: int
    party: str
    party_address: str
    problems: str
    requirements: str
    issued_on: date
    deadline: date
    status: NoticeStatus
    days_overdue: int  # days past the deadline without a check-back; 0 otherwise
    issued_by: str | None
    checked_at: datetime | None
    check_note: str

    @property
    def due(self) -> bool:
        """Waiting for its check-back: issued, deadline passed, not checked."""
        return self.days_overdue > 0


@dataclass(frozen=True, slots=True)
class NoticeDraft:
    """What the issue dialog starts from: the latest inspection's findings as the problems,
    the party of the ticket's last notice (a second notice usually goes to the same one),
    today as the issue date and a week to rectify."""

    inspection_id: int | None
    party: str
    party_address: str
    problems: str
    requirements: str
    issued_on: date
    deadline: date


def issue_notice(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    *,
    party: str,
    problems: str,
    requirements: str,
    issued_on: date,
    deadline: date,
    inspection_id: int | None = None,
    party_address: str = "",
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Issue a rectification notice on a ticket (supervisors; open or closed tickets): to
    ``party``, for ``problems``, with ``requirements`` to be met by ``deadline`` (not before
    ``issued_on``, which is not in the future), optionally from one of the ticket's joint
    inspections. The number is drawn in the same transaction (see the module's docstring)."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        who = text_input("party", party, required=True, max_length=PARTY_MAX)
        where = text_input("party_address", party_address, required=False, max_length=PARTY_MAX)
        found = text_input("problems", problems, required=True, max_length=TEXT_MAX)
        asked = text_input("requirements", requirements, required=True, max_length=TEXT_MAX)
        if not _is_day(issued_on):
            raise ValidationError("issued_on", "required")
        if issued_on > at.date():
            raise ValidationError("issued_on", "future")
        if not _is_day(deadline):
            raise ValidationError("deadline", "required")
        if deadline < issued_on:
            raise ValidationError(
                "deadline", "before_issue", "deadline: the deadline is before the issue date"
            )
        if inspection_id is not None:
            on_ticket = session.scalar(
                select(JointInspection.ticket_id).where(JointInspection.id == inspection_id)
            )
            if on_ticket != ticket.id:
                raise ValidationError("inspection_id", "unknown")
        number = _next_number(session, ticket, issued_on)
        notice = RectificationNotice(
            number=number,
            ticket_id=ticket.id,
            inspection_id=inspection_id,
            party=who,
            party_address=where,
            problems=found,
            requirements=asked,
            issued_on=issued_on,
            deadline=deadline,
            issued_at=at,
            issued_by_id=actor.user_id,
            status=NoticeStatus.ISSUED,
            check_note="",
        )
        session.add(notice)
        session.flush()  # the ticket is unchanged so far: this writes the notice alone
        return Change(
            note=number,
            data={
                "notice_id": notice.id,
                "number": number,
                "party": who,
                "issued_on": issued_on.isoformat(),
                "deadline": deadline.isoformat(),
            },
        )

    return perform(
        session, actor, ticket_id, version, EventAction.NOTICE, now, body, idempotency_key
    )


def check_notice(
    session: Session,
    actor: Actor,
    ticket_id: int,
    version: int,
    notice_id: int,
    rectified: bool,
    note: str = "",
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> TicketRef:
    """Record the check-back (整改复查) of a notice: rectified or not, and what was seen.
    Operators may; the ticket may be closed by then. A notice found rectified is settled; one
    found not rectified may be checked again later."""

    def body(ticket: Ticket, at: datetime, step: Transition) -> Change:
        notice = session.get(RectificationNotice, notice_id) if notice_id else None
        if notice is None or notice.ticket_id != ticket.id:
            raise ValidationError("notice_id", "unknown")
        if notice.status == NoticeStatus.RECTIFIED:
            raise ValidationError("notice_id", "already_checked")
        text = text_input("note", note, required=False)
        notice.status = NoticeStatus.RECTIFIED if rectified else NoticeStatus.NOT_RECTIFIED
        notice.checked_at = at
        notice.checked_by_id = actor.user_id
        notice.check_note = text
        return Change(
            note=text,
            data={"notice_id": notice.id, "number": notice.number, "rectified": bool(rectified)},
        )

    return perform(
        session, actor, ticket_id, version, EventAction.NOTICE_CHECK, now, body, idempotency_key
    )


def notice_register(
    session: Session,
    actor: Actor,
    *,
    status: NoticeStatus | Iterable[NoticeStatus] | None = None,
    due_only: bool = False,
    period: tuple[date, date] | None = None,
    now: datetime | None = None,
) -> list[NoticeRow]:
    """The notice register (整改通知书台账), latest issued first; ``status`` one status or
    several, ``due_only`` those waiting for their check-back (earliest deadline first),
    ``period`` the first and last day of issue. Everyone who may open the desk may read it
    (it names the party, never the reporter)."""
    today = (now or china_now()).date()
    query = _rows_query()
    if status is not None:
        wanted = {NoticeStatus(status)} if isinstance(status, str) else set(status)
        query = query.where(RectificationNotice.status.in_(sorted(wanted)))
    if due_only:
        query = query.where(*_due(today)).order_by(
            RectificationNotice.deadline, RectificationNotice.id
        )
    else:
        query = query.order_by(RectificationNotice.issued_on.desc(), RectificationNotice.id.desc())
    if period is not None:
        first, last = period
        query = query.where(
            RectificationNotice.issued_on >= first, RectificationNotice.issued_on <= last
        )
    return [_row(r, today) for r in session.execute(query)]


def ticket_notices(
    session: Session, ticket_id: int, *, now: datetime | None = None
) -> list[NoticeRow]:
    """The notices issued on a ticket, in the order they were issued."""
    today = (now or china_now()).date()
    query = (
        _rows_query()
        .where(RectificationNotice.ticket_id == ticket_id)
        .order_by(RectificationNotice.issued_on, RectificationNotice.id)
    )
    return [_row(r, today) for r in session.execute(query)]


def get_notice(session: Session, notice_id: int, *, now: datetime | None = None) -> NoticeRow:
    """One notice; NotFoundError when there is none with this id."""
    today = (now or china_now()).date()
    row = session.execute(_rows_query().where(RectificationNotice.id == notice_id)).first()
    if row is None:
        raise NotFoundError("notice", notice_id)
    return _row(row, today)


def notices_due(session: Session, now: datetime | None = None) -> int:
    """How many notices wait for their check-back (the status bar's "整改待复查 N")."""
    today = (now or china_now()).date()
    return session.scalar(select(func.count(RectificationNotice.id)).where(*_due(today))) or 0


def notice_draft(session: Session, ticket_id: int, *, now: datetime | None = None) -> NoticeDraft:
    """The issue dialog's starting values for a ticket (see :class:`NoticeDraft`). The
    reporter's name and phone are taken out of the words carried over: the notice goes to the
    party complained about."""
    today = (now or china_now()).date()
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFoundError("ticket", ticket_id)
    inspection = session.scalars(
        select(JointInspection)
        .where(JointInspection.ticket_id == ticket_id)
        .order_by(JointInspection.held_on.desc(), JointInspection.id.desc())
        .limit(1)
    ).first()
    last = session.scalars(
        select(RectificationNotice)
        .where(RectificationNotice.ticket_id == ticket_id)
        .order_by(RectificationNotice.id.desc())
        .limit(1)
    ).first()
    found = inspection.findings if inspection is not None else ticket.title
    return NoticeDraft(
        inspection_id=inspection.id if inspection is not None else None,
        party=last.party if last is not None else "",
        party_address=last.party_address if last is not None else ticket.address,
        problems=scrub_contacts(found, ticket.reporter_name, ticket.reporter_phone),
        requirements=last.requirements if last is not None else DEFAULT_REQUIREMENTS,
        issued_on=today,
        deadline=today + timedelta(days=DEFAULT_RECTIFY_DAYS),
    )


# -- helpers ----------------------------------------------------------------------------------


def _is_day(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _next_number(session: Session, ticket: Ticket, issued_on: date) -> str:
    settings = town_settings(session)
    serial = _draw_serial(session, issued_on.year)
    number = notice_number(
        settings.notice_pattern,
        town=settings.town_name,
        year=issued_on.year,
        seq=serial,
        code=ticket.code,
    )
    taken = session.scalar(
        select(RectificationNotice.id).where(RectificationNotice.number == number)
    )
    if taken is not None:
        # A pattern numbering by the ticket's code alone gives its second notice the first's.
        raise ValidationError("notice_pattern", "number_taken", f"notice number in use: {number}")
    return number


def _draw_serial(session: Session, year: int) -> int:
    """The next serial of ``year``, counted in this transaction (see the module docstring)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(NoticeCounter)
        .values(year=year, last=1)
        .on_conflict_do_update(
            index_elements=[NoticeCounter.year], set_={"last": NoticeCounter.last + 1}
        )
        .returning(NoticeCounter.last)
    )
    return session.execute(statement).scalar_one()


def _due(today: date):
    return (
        RectificationNotice.status == NoticeStatus.ISSUED,
        RectificationNotice.deadline < today,
    )


def _rows_query():
    return (
        select(
            RectificationNotice,
            Ticket.code,
            Ticket.version,
            User.display_name,
        )
        .join(Ticket, Ticket.id == RectificationNotice.ticket_id)
        .outerjoin(User, User.id == RectificationNotice.issued_by_id)
    )


def _row(result, today: date) -> NoticeRow:
    notice, code, version, issued_by = result
    status = NoticeStatus(notice.status)
    overdue = (today - notice.deadline).days if status is NoticeStatus.ISSUED else 0
    return NoticeRow(
        id=notice.id,
        number=notice.number,
        ticket_id=notice.ticket_id,
        ticket_code=code,
        ticket_version=version,
        party=notice.party,
        party_address=notice.party_address,
        problems=notice.problems,
        requirements=notice.requirements,
        issued_on=notice.issued_on,
        deadline=notice.deadline,
        status=status,
        days_overdue=max(0, overdue),
        issued_by=issued_by,
        checked_at=notice.checked_at,
        check_note=notice.check_note,
    )
