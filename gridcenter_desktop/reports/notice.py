"""The rectification notice (责令整改通知书) for a ticket: one printable A4 page.

It is handed to the party concerned, so it never carries the reporter's name or phone
(whatever the user's role): the person who complained is protected. The detail is read as
for the notice's purpose (masked for everyone by core.permissions), and every text the notice
prints goes through core.personal_data.scrub_contacts, which removes the reporter's name, the
forms derived from it (张先生, 老张) and any phone number however it is written.

The legal wording keeps blanks (《____》第__条) for the law officer to fill in by hand;
everything the ticket knows (place, problems found, deadline, issuing departments) is filled in.

A notice issued on record (services.notices) prints as it was issued: its number, party,
problems, requirements, issue date and deadline, and the departments of the joint inspection
it came from. A ticket without one still gets the draft the desk printed before notices were
kept (its number derived from the ticket, the party left blank for the pen).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
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
from gridcenter_desktop.reports import cells, labels
from gridcenter_desktop.reports.files import CancelCheck, atomic_output, check_cancel
from gridcenter_desktop.services.admin.town import TownSettings, notice_number, town_settings
from gridcenter_desktop.services.errors import NotFoundError, ValidationError
from gridcenter_desktop.services.ticket_detail import TicketDetail, get_ticket_detail

NOTICE_TITLE = "责令整改通知书"
SHEET_NAME = "责令整改通知书"
BLANK = "＿＿＿＿＿＿"

# Eight columns of equal width make a 90-character line: the A4 portrait print width at 12 pt.
COLUMN_COUNT = 8
COLUMN_WIDTH = 11.25
LINE_HEIGHT = 21  # points per line of 12 pt text, with leading

_FONT = Font(name=cells.BODY_FONT, size=12)
_BOLD = Font(name=cells.HEADING_FONT, size=12, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")
_DASH = Side(style="dashed", color="FF808080")
_SEAL_BOX = Border(left=_DASH, right=_DASH, top=_DASH, bottom=_DASH)


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
class NoticeResult:
    """The file written, the ticket it is for and the notice's number."""

    path: Path
    ticket_code: str
    number: str = ""


def find_ticket_id(session: Session, code: str) -> int:
    """The id of the ticket with ``code`` (e.g. GC20220301-0042); NotFoundError otherwise."""
    code = (code or "").strip()
    if not code:
        raise ValidationError("ticket", "required")
    ticket_id = session.scalar(select(Ticket.id).where(Ticket.code == code))
    if ticket_id is None:
        raise NotFoundError("ticket", code)
    return ticket_id


def write_notice(
    session: Session,
    path: Path | str,
    ticket_id: int,
    *,
    notice_id: int | None = None,
    now: datetime | None = None,
    rectify_by: date | None = None,
    cancelled: CancelCheck | None = None,
) -> NoticeResult:
    """Write the rectification notice of ticket ``ticket_id`` to ``path`` (all-or-nothing).

    The notice on record ``notice_id`` (one of the ticket's), else the ticket's latest notice
    on record, prints as it was issued. A ticket without any gets the draft: its rectification
    deadline is ``rectify_by`` when given, else the lead assignment's
    finish-by date, else the ticket's deadline. The issuing departments are the lead
    department and the assisting ones (withdrawn or returned assignments left out).
    """
    now = now or china_now()
    detail = get_ticket_detail(session, ticket_id, purpose=DataPurpose.NOTICE)
    # The real name and phone, only to know what to scrub from the citizen's words.
    reporter = session.execute(
        select(Ticket.reporter_name, Ticket.reporter_phone).where(Ticket.id == ticket_id)
    ).one()
    settings = town_settings(session)
    issued = issued_notice(session, ticket_id, notice_id)
    number = issued.number if issued else notice_number_of(session, settings, ticket_id)
    check_cancel(cancelled)
    with atomic_output(path, cancelled) as tmp:
        wb = Workbook()
        ws = wb.active
        ws.title = SHEET_NAME
        _lay_out(ws, detail, now, rectify_by, settings, number, issued)
        _scrub_sheet(ws, reporter.reporter_name, reporter.reporter_phone, (detail.code, number))
        check_cancel(cancelled)
        wb.save(tmp)
    return NoticeResult(Path(path), detail.code, number)


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


def _scrub_sheet(ws: Worksheet, name: str | None, phone: str | None, keep: tuple[str, ...]) -> None:
    """Every text cell of the notice without the reporter's name or any phone number: the
    citizen's own words (title, description, address, feedback) may name them, and the notice
    goes to the party they complained about. The ticket's code and the notice's number are
    left as they are."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = scrub_contacts(cell.value, name, phone, keep=keep)


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


def _lay_out(
    ws: Worksheet,
    detail: TicketDetail,
    now: datetime,
    rectify_by: date | None,
    settings: TownSettings,
    number: str,
    issued: IssuedNotice | None = None,
):
    for index in range(COLUMN_COUNT):
        ws.column_dimensions[chr(ord("A") + index)].width = COLUMN_WIDTH
    _page_setup(ws)
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
    signed_on: date | datetime = now
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

    issuer = settings.issuer
    row = _line(ws, 1, issuer, Font(name=cells.HEADING_FONT, size=14), _CENTER, height=26)
    row = _line(ws, row, NOTICE_TITLE, Font(name=cells.HEADING_FONT, size=22, bold=True),
                _CENTER, height=40)  # fmt: skip
    row = _line(ws, row, number, _FONT, _CENTER)
    row = _line(ws, row, f"工单编号：{detail.code}", _FONT, _RIGHT)
    row += 1
    row = _field(ws, row, "当事人：", party)
    row = _field(ws, row, "地址（场所）：", address)
    row = _field(ws, row, "所属村（社区）网格：", place or BLANK)
    row += 1
    when = f"{found_at:%Y年%m月%d日}" if found_at else "近日"
    row = _paragraph(
        ws,
        row,
        f"经{inspectors}于{when}依法检查（工单{detail.code}，"
        f"{labels.category_name(detail.category)}），发现你（单位）存在以下问题：",
    )
    for index, text in enumerate(found, 1):
        row = _paragraph(ws, row, f"{index}. {text}", indent=True)
    row += 1
    reporter_to = departments[0] if departments else settings.centre_name
    row = _paragraph(
        ws,
        row,
        f"上述行为违反了《{BLANK}》第＿＿条之规定。依据《{BLANK}》第＿＿条的规定，"
        f"现责令你（单位）于{deadline:%Y年%m月%d日}前整改完毕，并将整改情况书面报告"
        f"{reporter_to}。逾期未整改或整改不到位的，将依法予以处理。",
    )
    if requirements:
        row = _paragraph(ws, row, f"整改要求：{requirements}")
    row = _paragraph(
        ws, row, "如不服本通知，可以在收到本通知之日起六十日内依法申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。",
    )  # fmt: skip
    row += 1
    row = _seal_area(ws, row, departments or [issuer], signed_on)
    row += 1
    row = _field(ws, row, "当事人签收：", f"{BLANK}　　签收日期：{BLANK}")
    row = _field(ws, row, "执法人员：", f"{BLANK}　　执法证号：{BLANK}")
    row += 1
    small = Font(name=cells.BODY_FONT, size=10, color="FF606060")
    _line(
        ws, row, "本通知书一式两份，一份送达当事人，一份存档。", small, Alignment(horizontal="left")
    )
    ws.print_area = f"A1:H{row}"


def _page_setup(ws: Worksheet) -> None:
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1  # one page, always
    ws.page_margins.left = ws.page_margins.right = 0.75
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.print_options.horizontalCentered = True
    ws.sheet_view.showGridLines = False


def _merge_row(ws: Worksheet, row: int, first: int = 1, last: int = COLUMN_COUNT) -> None:
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _line(ws, row, text, font, alignment, height=LINE_HEIGHT) -> int:
    _merge_row(ws, row)
    cells.put(ws, row, 1, text, cells.CellStyle(font=font, alignment=alignment))
    ws.row_dimensions[row].height = height
    return row + 1


def _field(ws, row, label: str, value: str) -> int:
    """A "label: value" line: the label in bold over the first two columns."""
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    _merge_row(ws, row, 3)
    cells.put(ws, row, 1, label, cells.CellStyle(font=_BOLD, alignment=Alignment(vertical="top")))
    cells.put(ws, row, 3, value, cells.CellStyle(font=_FONT, alignment=_WRAP))
    ws.row_dimensions[row].height = LINE_HEIGHT * _lines(value, 6 * COLUMN_WIDTH)
    return row + 1


def _paragraph(ws, row, text: str, indent: bool = False) -> int:
    """Body text over the full width; the row is as tall as the wrapped text needs (office
    programs do not grow merged rows by themselves)."""
    text = ("　　" if not indent else "　　　") + text
    _merge_row(ws, row)
    cells.put(ws, row, 1, text, cells.CellStyle(font=_FONT, alignment=_WRAP))
    ws.row_dimensions[row].height = LINE_HEIGHT * _lines(text, COLUMN_COUNT * COLUMN_WIDTH)
    return row + 1


def _seal_area(ws, row, names: list[str], now: date | datetime) -> int:
    """Issuing departments (or the issuing authority) with a dashed box for each seal, and the
    date, on the right."""
    for name in names:
        ws.merge_cells(start_row=row, start_column=5, end_row=row, end_column=COLUMN_COUNT)
        cell = cells.put(ws, row, 5, f"{name}（盖章）", cells.CellStyle(font=_FONT,
                         alignment=_CENTER))  # fmt: skip
        for column in range(5, COLUMN_COUNT + 1):
            ws.cell(row=row, column=column).border = _SEAL_BOX
        cell.alignment = Alignment(horizontal="center", vertical="bottom")
        ws.row_dimensions[row].height = 48
        row += 1
    ws.merge_cells(start_row=row, start_column=5, end_row=row, end_column=COLUMN_COUNT)
    cells.put(ws, row, 5, f"{now:%Y年%m月%d日}", cells.CellStyle(font=_FONT, alignment=_CENTER))
    ws.row_dimensions[row].height = LINE_HEIGHT
    return row + 1


def _lines(text: str, width_units: float) -> int:
    """Wrapped line count of ``text`` in a cell ``width_units`` wide (a CJK character takes
    about two width units at 12 pt)."""
    used = sum(2.2 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)
    return max(1, math.ceil(used / (width_units * 0.95)))
