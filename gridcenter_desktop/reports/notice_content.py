"""What the rectification notice (责令整改通知书) says, as plain scrubbed text: one builder for
both papers that carry it, the Excel page (reports/notice.py) and the printed one
(reports/printed_notice.py).

The notice goes to the party complained about, so it never carries the reporter's name or
phone, whatever the user's role: the detail is read for the notice's purpose (masked for
everyone), and every text goes through core.personal_data.scrub_contacts, which removes the
reporter's name, the forms derived from it (张先生, 老张) and any phone number however it is
written. Only the ticket's code and the notice's number are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import AssignmentRole, AssignmentStatus, DataPurpose
from gridcenter_desktop.core.personal_data import scrub_contacts
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.followup import (
    InspectionDepartment,
    JointInspection,
    RectificationNotice,
)
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.reports import labels
from gridcenter_desktop.services.admin.town import TownSettings, notice_number, town_settings
from gridcenter_desktop.services.errors import NotFoundError
from gridcenter_desktop.services.ticket_detail import TicketDetail, get_ticket_detail

NOTICE_TITLE = "责令整改通知书"
BLANK = "＿＿＿＿＿＿"
APPEAL = (
    "如不服本通知，可以在收到本通知之日起六十日内依法申请行政复议，"
    "或者在六个月内依法向人民法院提起行政诉讼。"
)
COPIES = "本通知书一式两份，一份送达当事人，一份存档。"


@dataclass(frozen=True, slots=True)
class IssuedNotice:
    """A notice on record, as the document prints it (the inspection's departments and date,
    when it came from one)."""

    number: str
    party: str
    party_address: str
    problems: str
    requirements: str
    issued_on: date
    deadline: date
    inspected_on: date | None
    inspectors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NoticeContent:
    """Every text of the notice, in reading order, already scrubbed of the reporter."""

    issuer: str
    number: str
    ticket_code: str
    # (label, value) lines: 当事人, 地址（场所）, 所属村（社区）网格.
    fields: tuple[tuple[str, str], ...]
    # The finding's opening sentence, then the problems found (numbered in print).
    finding: str
    problems: tuple[str, ...]
    order: str
    requirements: str
    appeal: str
    # Who seals it (one box each) and the date under the seals.
    seals: tuple[str, ...]
    signed_on: date
    # The lines left for the pen: (label, value).
    receipts: tuple[tuple[str, str], ...]
    copies: str = COPIES
    title: str = NOTICE_TITLE


def notice_content(
    session: Session,
    ticket_id: int,
    *,
    notice_id: int | None = None,
    now: datetime | None = None,
    rectify_by: date | None = None,
) -> NoticeContent:
    """The notice of ticket ``ticket_id``: the notice on record ``notice_id`` (one of the
    ticket's), else the ticket's latest notice on record, as it was issued. A ticket without
    any gets the draft: its rectification deadline is ``rectify_by`` when given, else the
    lead assignment's finish-by date, else the ticket's deadline. The issuing departments are
    the lead department and the assisting ones (withdrawn or returned assignments left out)."""
    now = now or china_now()
    detail = get_ticket_detail(session, ticket_id, purpose=DataPurpose.NOTICE)
    # The real name and phone, only to know what to scrub from the citizen's words.
    reporter = session.execute(
        select(Ticket.reporter_name, Ticket.reporter_phone).where(Ticket.id == ticket_id)
    ).one()
    settings = town_settings(session)
    issued = issued_notice(session, ticket_id, notice_id)
    number = issued.number if issued else notice_number_of(session, settings, ticket_id)
    content = compose_notice(detail, now, rectify_by, settings, number, issued)
    return scrub_notice(content, reporter.reporter_name, reporter.reporter_phone)


def compose_notice(
    detail: TicketDetail,
    now: datetime,
    rectify_by: date | None,
    settings: TownSettings,
    number: str,
    issued: IssuedNotice | None = None,
) -> NoticeContent:
    """The notice's wording from the ticket (and the notice on record, when there is one)."""
    lead = _lead(detail)
    departments = issuing_departments(detail)
    deadline = rectify_by or (lead.finish_by if lead else detail.deadline_at)
    place = place_name(detail.village_name, detail.grid_name)
    found_at = (lead.fed_back_at or lead.accepted_at or lead.created_at) if lead else None
    inspectors = "、".join(departments) if departments else BLANK
    found = [detail.title]
    if detail.description and detail.description != detail.title:
        found.append(detail.description)
    if lead and lead.feedback:
        found.append("检查情况：" + lead.feedback)
    party = f"{BLANK}（名称或姓名）"
    address = detail.address or BLANK
    requirements = ""
    signed_on: date = now.date() if isinstance(now, datetime) else now
    if issued is not None:
        # As issued: its own words, dates and (from its inspection) departments.
        found = [line.strip() for line in issued.problems.splitlines() if line.strip()]
        deadline = issued.deadline
        party = issued.party
        address = issued.party_address or address
        requirements = issued.requirements.strip()
        signed_on = issued.issued_on
        if issued.inspectors:
            departments = list(issued.inspectors)
            inspectors = "、".join(departments)
        if issued.inspected_on is not None:
            found_at = issued.inspected_on
    when = f"{found_at:%Y年%m月%d日}" if found_at else "近日"
    reporter_to = departments[0] if departments else settings.centre_name
    return NoticeContent(
        issuer=settings.issuer,
        number=number,
        ticket_code=detail.code,
        fields=(
            ("当事人：", party),
            ("地址（场所）：", address),
            ("所属村（社区）网格：", place or BLANK),
        ),
        finding=(
            f"经{inspectors}于{when}依法检查（工单{detail.code}，"
            f"{labels.category_name(detail.category)}），发现你（单位）存在以下问题："
        ),
        problems=tuple(found),
        order=(
            f"上述行为违反了《{BLANK}》第＿＿条之规定。依据《{BLANK}》第＿＿条的规定，"
            f"现责令你（单位）于{deadline:%Y年%m月%d日}前整改完毕，并将整改情况书面报告"
            f"{reporter_to}。逾期未整改或整改不到位的，将依法予以处理。"
        ),
        requirements=f"整改要求：{requirements}" if requirements else "",
        appeal=APPEAL,
        seals=tuple(departments or [settings.issuer]),
        signed_on=signed_on,
        receipts=(
            ("当事人签收：", f"{BLANK}　　签收日期：{BLANK}"),
            ("执法人员：", f"{BLANK}　　执法证号：{BLANK}"),
        ),
    )


def scrub_notice(content: NoticeContent, name: str | None, phone: str | None) -> NoticeContent:
    """Every text of the notice without the reporter's name or any phone number: the
    citizen's own words (title, description, address, feedback) may name them. The ticket's
    code and the notice's number are kept as they are."""
    keep = (content.ticket_code, content.number)

    def scrub(text: str) -> str:
        return scrub_contacts(text, name, phone, keep=keep) if text else text

    return NoticeContent(
        issuer=scrub(content.issuer),
        number=content.number,
        ticket_code=content.ticket_code,
        fields=tuple((label, scrub(value)) for label, value in content.fields),
        finding=scrub(content.finding),
        problems=tuple(scrub(p) for p in content.problems),
        order=scrub(content.order),
        requirements=scrub(content.requirements),
        appeal=content.appeal,
        seals=tuple(scrub(s) for s in content.seals),
        signed_on=content.signed_on,
        receipts=content.receipts,
        copies=content.copies,
        title=content.title,
    )


def issued_notice(
    session: Session, ticket_id: int, notice_id: int | None = None
) -> IssuedNotice | None:
    """The notice on record ``notice_id`` (NotFoundError unless it is one of the ticket's), or
    the ticket's latest; None when the ticket has none."""
    query = select(RectificationNotice).where(RectificationNotice.ticket_id == ticket_id)
    if notice_id is not None:
        query = query.where(RectificationNotice.id == notice_id)
    row = session.scalars(query.order_by(RectificationNotice.id.desc()).limit(1)).first()
    if row is None:
        if notice_id is not None:
            raise NotFoundError("notice", notice_id)
        return None
    inspected_on = None
    inspectors: tuple[str, ...] = ()
    if row.inspection_id is not None:
        inspected_on = session.scalar(
            select(JointInspection.held_on).where(JointInspection.id == row.inspection_id)
        )
        inspectors = tuple(
            session.scalars(
                select(Department.name)
                .join(InspectionDepartment, InspectionDepartment.department_id == Department.id)
                .where(InspectionDepartment.inspection_id == row.inspection_id)
                .order_by(Department.id)
            )
        )
    return IssuedNotice(
        number=row.number,
        party=row.party,
        party_address=row.party_address,
        problems=row.problems,
        requirements=row.requirements,
        issued_on=row.issued_on,
        deadline=row.deadline,
        inspected_on=inspected_on,
        inspectors=inspectors,
    )


def notice_number_of(session: Session, settings: TownSettings, ticket_id: int) -> str:
    """The notice's number by the town's pattern. Its serial ({seq}) is the ticket's place
    among the tickets registered in its year, and {year} that year: printing the notice of a
    ticket again gives the same number, and two tickets never share one."""
    ticket = session.execute(
        select(Ticket.id, Ticket.code, Ticket.created_at).where(Ticket.id == ticket_id)
    ).one()
    year = ticket.created_at.year
    seq = session.scalar(
        select(func.count(Ticket.id)).where(
            Ticket.created_at >= datetime(year, 1, 1),
            or_(
                Ticket.created_at < ticket.created_at,
                and_(Ticket.created_at == ticket.created_at, Ticket.id <= ticket.id),
            ),
        )
    )
    return notice_number(
        settings.notice_pattern, town=settings.town_name, year=year, seq=seq or 1, code=ticket.code
    )


def issuing_departments(detail: TicketDetail) -> list[str]:
    """Lead department first, then assisting ones, without duplicates."""
    live = [
        a
        for a in detail.assignments
        if a.status not in (AssignmentStatus.CANCELLED, AssignmentStatus.RETURNED)
        and a.department_name
    ]
    live.sort(key=lambda a: (a.role != AssignmentRole.LEAD, a.id))
    names: list[str] = []
    for a in live:
        if a.department_name not in names:
            names.append(a.department_name)
    return names


def _lead(detail: TicketDetail):
    for a in detail.assignments:
        if a.role == AssignmentRole.LEAD and a.status not in (
            AssignmentStatus.CANCELLED,
            AssignmentStatus.RETURNED,
        ):
            return a
    return None


def place_name(village: str | None, grid: str | None) -> str:
    """Village and grid as one place name; grid names usually start with their village's
    (东崦湖社区第二网格), which is then not written twice (issue 8 found it doubled)."""
    if grid and village and grid.startswith(village):
        return grid
    return "".join(p for p in (village, grid) if p)
