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

What the notice says comes from reports/notice_content.py, which the printed notice
(reports/printed_notice.py) shares; this module only lays it out on a sheet.
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
from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.personal_data import scrub_contacts
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.reports import cells
from gridcenter_desktop.reports.files import CancelCheck, atomic_output, check_cancel
from gridcenter_desktop.reports.notice_content import (  # noqa: F401 (the notice's names)
    BLANK,
    NOTICE_TITLE,
    IssuedNotice,
    NoticeContent,
    issued_notice,
    issuing_departments,
    notice_content,
    notice_number_of,
    place_name,
)
from gridcenter_desktop.services.errors import NotFoundError, ValidationError

SHEET_NAME = "责令整改通知书"

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

    What it says is reports.notice_content.notice_content's (the notice on record
    ``notice_id``, else the ticket's latest, else the draft with ``rectify_by``).
    """
    now = now or china_now()
    content = notice_content(
        session, ticket_id, notice_id=notice_id, now=now, rectify_by=rectify_by
    )
    # The real name and phone, only to check once more that no cell carries them.
    reporter = session.execute(
        select(Ticket.reporter_name, Ticket.reporter_phone).where(Ticket.id == ticket_id)
    ).one()
    check_cancel(cancelled)
    with atomic_output(path, cancelled) as tmp:
        wb = Workbook()
        ws = wb.active
        ws.title = SHEET_NAME
        _lay_out(ws, content)
        keep = (content.ticket_code, content.number)
        _scrub_sheet(ws, reporter.reporter_name, reporter.reporter_phone, keep)
        check_cancel(cancelled)
        wb.save(tmp)
    return NoticeResult(Path(path), content.ticket_code, content.number)


def _scrub_sheet(ws: Worksheet, name: str | None, phone: str | None, keep: tuple[str, ...]) -> None:
    """Every text cell of the notice without the reporter's name or any phone number (the
    content is scrubbed already; this is the sheet's own last check)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = scrub_contacts(cell.value, name, phone, keep=keep)


def _lay_out(ws: Worksheet, content: NoticeContent) -> None:
    for index in range(COLUMN_COUNT):
        ws.column_dimensions[chr(ord("A") + index)].width = COLUMN_WIDTH
    _page_setup(ws)
    row = _line(ws, 1, content.issuer, Font(name=cells.HEADING_FONT, size=14), _CENTER, height=26)
    row = _line(ws, row, content.title, Font(name=cells.HEADING_FONT, size=22, bold=True),
                _CENTER, height=40)  # fmt: skip
    row = _line(ws, row, content.number, _FONT, _CENTER)
    row = _line(ws, row, f"工单编号：{content.ticket_code}", _FONT, _RIGHT)
    row += 1
    for label, value in content.fields:
        row = _field(ws, row, label, value)
    row += 1
    row = _paragraph(ws, row, content.finding)
    for index, text in enumerate(content.problems, 1):
        row = _paragraph(ws, row, f"{index}. {text}", indent=True)
    row += 1
    row = _paragraph(ws, row, content.order)
    if content.requirements:
        row = _paragraph(ws, row, content.requirements)
    row = _paragraph(ws, row, content.appeal)
    row += 1
    row = _seal_area(ws, row, list(content.seals), content.signed_on)
    row += 1
    for label, value in content.receipts:
        row = _field(ws, row, label, value)
    row += 1
    small = Font(name=cells.BODY_FONT, size=10, color="FF606060")
    _line(ws, row, content.copies, small, Alignment(horizontal="left"))
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
