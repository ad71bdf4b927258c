"""The reply sheet (办理结果回复表): the results of the tickets a platform sent us, to upload back.

One row per ticket that came from a platform (``external_code`` set) and was closed, or fed
back by its lead unit, within the period: the platform's code, the handling unit, the result,
the closing time and the callback outcome. The platform's upload expects its own sheet back, so
the columns are those of the profile the tickets came in with, in the same order, with the
header row first and no title above it; the result columns a profile lacks are added after its
own. Tickets of each profile (or, without one, of each platform) get a worksheet of their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    DataPurpose,
    EventAction,
    IntakeField,
    IntakeSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.core.personal_data import PersonalDataMask
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.intake import IntakeProfile
from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent
from gridcenter_desktop.reports import cells, labels
from gridcenter_desktop.reports.files import CancelCheck, Progress, atomic_output, check_cancel
from gridcenter_desktop.reports.scope import check_period
from gridcenter_desktop.reports.streaming import (
    add_sheet,
    discard,
    fill_row,
    template_cell,
)
from gridcenter_desktop.services.intake.leads import ticket_leads
from gridcenter_desktop.services.periods import after_day, day_start

REPLY_TITLE = "办理结果回复表"
BATCH_SIZE = 1000
STAGE_ROWS = "rows"
STAGE_SAVING = "saving"
# Platforms' upload checkers compare times to the second.
REPLY_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

Column = tuple[str, IntakeField | None]

# Tickets imported without a profile (the columns were recognised by name) go back in this order.
DEFAULT_COLUMNS: tuple[Column, ...] = (
    ("工单编号", IntakeField.EXTERNAL_CODE),
    ("诉求标题", IntakeField.TITLE),
    ("承办单位", IntakeField.DEPARTMENT),
    ("办理结果", IntakeField.RESULT),
    ("办结时间", IntakeField.CLOSED_AT),
    ("回访结果", IntakeField.SATISFACTION),
)
# What the platform needs back, added after a profile's own columns when it has no column for it.
REPLY_FIELDS = (
    IntakeField.EXTERNAL_CODE,
    IntakeField.DEPARTMENT,
    IntakeField.RESULT,
    IntakeField.CLOSED_AT,
    IntakeField.SATISFACTION,
)
_DEFAULT_HEADER = {field: header for header, field in DEFAULT_COLUMNS}

SOURCE_SHEET = {
    IntakeSource.HOTLINE_12345: "12345热线",
    IntakeSource.DISTRICT: "区集成指挥平台",
    IntakeSource.OPEN311: "Open311",
    IntakeSource.OTHER: "其他平台",
}
_WIDTHS = {
    IntakeField.EXTERNAL_CODE: 20,
    IntakeField.TITLE: 26,
    IntakeField.DESCRIPTION: 40,
    IntakeField.ADDRESS: 26,
    IntakeField.RESULT: 40,
    IntakeField.DEPARTMENT: 16,
    IntakeField.CATEGORY: 18,
}
_DATETIME_FIELDS = (IntakeField.RECEIVED_AT, IntakeField.DEADLINE, IntakeField.CLOSED_AT)
BODY_DATETIME = cells.CellStyle(
    font=cells.BODY.font, border=cells.GRID_BORDER, alignment=cells.BODY_CENTER.alignment,
    number_format=REPLY_DATETIME_FORMAT,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ReplyResult:
    """What was written: the file, the ticket rows in it, and one worksheet per profile."""

    path: Path
    rows: int
    sheets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Group:
    """The tickets of one worksheet: one profile's, or one platform's without a profile."""

    title: str
    columns: tuple[Column, ...]
    ids: list[int]


def reply_columns(profile_columns: Sequence[Column] | None) -> tuple[Column, ...]:
    """The reply's columns: the profile's, in its order, then the reply fields it lacks (under
    their usual headers); without a profile, :data:`DEFAULT_COLUMNS`."""
    if not profile_columns:
        return DEFAULT_COLUMNS
    columns = [(header, IntakeField(field) if field else None) for header, field in profile_columns]
    present = {field for _header, field in columns}
    columns += [(_DEFAULT_HEADER[f], f) for f in REPLY_FIELDS if f not in present]
    return tuple(columns)


def reply_ticket_ids(session: Session, date_from: date, date_to: date) -> list[tuple]:
    """(id, external source, profile id) of the platform tickets closed in the period, or fed
    back by their lead unit in it and awaiting review; by closing (else feedback) time."""
    start, end = day_start(date_from), after_day(date_to)
    fed_back = exists().where(
        Assignment.ticket_id == Ticket.id,
        Assignment.role == AssignmentRole.LEAD,
        Assignment.fed_back_at >= start,
        Assignment.fed_back_at < end,
    )
    query = (
        select(Ticket.id, Ticket.external_source, Ticket.intake_profile_id)
        .where(
            Ticket.external_code.is_not(None),
            Ticket.status != TicketStatus.MERGED,
            or_(
                and_(Ticket.closed_at >= start, Ticket.closed_at < end),
                and_(Ticket.status == TicketStatus.AWAITING_REVIEW, fed_back),
            ),
        )
        .order_by(Ticket.closed_at.is_(None), Ticket.closed_at, Ticket.id)
    )
    return list(session.execute(query))


def _groups(session: Session, found: list[tuple]) -> list[_Group]:
    profile_ids = {profile_id for _id, _source, profile_id in found if profile_id is not None}
    profiles = {
        p.id: p
        for p in session.scalars(select(IntakeProfile).where(IntakeProfile.id.in_(profile_ids)))
    }
    groups: dict[tuple, _Group] = {}
    for ticket_id, source, profile_id in found:
        profile = profiles.get(profile_id)
        key = ("profile", profile.id) if profile else ("source", source)
        if key not in groups:
            if profile:
                title, columns = profile.name, reply_columns(json.loads(profile.columns))
            else:
                title, columns = labels.label(SOURCE_SHEET, source), DEFAULT_COLUMNS
            groups[key] = _Group(title, columns, [])
        groups[key].ids.append(ticket_id)
    return list(groups.values())


def write_reply(
    session: Session,
    path: Path | str,
    date_from: date,
    date_to: date,
    *,
    role: UserRole | str = UserRole.VIEWER,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ReplyResult:
    """Write the reply sheet of the period ``date_from`` .. ``date_to`` (inclusive) to ``path``,
    all-or-nothing. Reporters' names and phones, when a profile's columns carry them, are
    masked as ``role`` may see them in a ledger."""
    check_period(date_from, date_to)
    mask = PersonalDataMask(role, DataPurpose.LEDGER)
    found = reply_ticket_ids(session, date_from, date_to)
    groups = _groups(session, found)
    total = len(found)
    written = 0
    titles: list[str] = []
    with atomic_output(path, cancelled) as tmp:
        wb = Workbook(write_only=True)
        sheets = []
        try:
            for group in groups or [_Group(REPLY_TITLE, DEFAULT_COLUMNS, [])]:
                title = _sheet_title(group.title, titles)
                titles.append(title)
                ws = add_sheet(wb, title)
                sheets.append(ws)
                _set_up(ws, group.columns)
                ws.append([cells.styled_cell(ws, h, cells.HEADER) for h, _f in group.columns])
                # One styled template cell per column, reused for every row (as the ledger
                # does: styling each cell anew was most of the time).
                styles = [_style(field) for _h, field in group.columns]
                templates = [template_cell(ws, style) for style in styles]
                for values in _rows(session, group, mask):
                    ws.append(fill_row(ws, templates, styles, row_values(group.columns, values)))
                    written += 1
                    if written % BATCH_SIZE == 0:
                        check_cancel(cancelled)
                        if progress:
                            progress(written, total, STAGE_ROWS)
            check_cancel(cancelled)
            if progress:
                progress(written, total, STAGE_SAVING)
            wb.save(tmp)
        except BaseException:
            for ws in sheets:
                discard(ws)
            raise
    return ReplyResult(Path(path), written, tuple(titles))


def _sheet_title(name: str, taken: list[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique in the workbook.
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip() or REPLY_TITLE
    title, n = clean[:31], 2
    while title in taken:
        suffix = f"({n})"
        title, n = clean[: 31 - len(suffix)] + suffix, n + 1
    return title


def _set_up(ws, columns: Sequence[Column]) -> None:
    for index, (header, field) in enumerate(columns, 1):
        width = _WIDTHS.get(field, 19 if field in _DATETIME_FIELDS else 12)
        ws.column_dimensions[get_column_letter(index)].width = max(width, len(header) * 2 + 2)
    ws.freeze_panes = "A2"


def _style(field: IntakeField | None) -> cells.CellStyle:
    return BODY_DATETIME if field in _DATETIME_FIELDS else cells.BODY


def row_values(columns: Sequence[Column], values: dict[IntakeField, object]) -> list[object]:
    """One ticket's values under ``columns`` (an ignored column stays empty). The platform's
    category goes back as it came: whole ("大类/小类") in a sheet with one category column,
    its major part where the sheet had a 小类 column of its own."""
    if values.get(IntakeField.CATEGORY_MINOR) and any(
        field is IntakeField.CATEGORY_MINOR for _header, field in columns
    ):
        major = str(values.get(IntakeField.CATEGORY) or "").partition("/")[0]
        values = {**values, IntakeField.CATEGORY: major}
    return [values.get(field) if field is not None else None for _header, field in columns]


def _rows(session: Session, group: _Group, mask: PersonalDataMask) -> Iterator[dict]:
    for start in range(0, len(group.ids), BATCH_SIZE):
        yield from reply_values(session, group.ids[start : start + BATCH_SIZE], mask)


def reply_values(
    session: Session, ids: Sequence[int], mask: PersonalDataMask
) -> Iterator[dict[IntakeField, object]]:
    """Each ticket's values by field, in the order of ``ids`` (three queries)."""
    tickets = {
        t.id: t
        for t in session.scalars(select(Ticket).where(Ticket.id.in_(ids)))  # one batch
    }
    grids = _grid_names(session, {t.grid_id for t in tickets.values() if t.grid_id})
    handled = _handling(session, ids)
    in_grid = _solved_in_grid(session, ids)
    for ticket_id in ids:
        t = tickets[ticket_id]
        unit, result = handled.get(ticket_id, ("", ""))
        if not result and ticket_id in in_grid:  # 小事不出网格: the grid's own account
            unit, result = grids.get(t.grid_id, ""), in_grid[ticket_id]
        minor = (t.external_category or "").partition("/")[2]
        yield {
            IntakeField.EXTERNAL_CODE: t.external_code,
            IntakeField.RECEIVED_AT: t.created_at,
            IntakeField.REPORTER_NAME: mask.name(t.reporter_name),
            IntakeField.REPORTER_PHONE: mask.phone(t.reporter_phone),
            IntakeField.TITLE: t.title,
            IntakeField.DESCRIPTION: t.description,
            IntakeField.ADDRESS: t.address,
            # The platform's own path; row_values splits it where the sheet had 小类 apart.
            IntakeField.CATEGORY: t.external_category or labels.category_name(t.category),
            IntakeField.CATEGORY_MINOR: minor,
            IntakeField.DEADLINE: t.deadline_at,
            IntakeField.DEPARTMENT: unit,
            IntakeField.PRIORITY: labels.label(labels.PRIORITY, t.priority),
            IntakeField.KIND: labels.label(labels.KIND, t.kind),
            IntakeField.GRID: grids.get(t.grid_id, ""),
            IntakeField.LATITUDE: t.latitude,
            IntakeField.LONGITUDE: t.longitude,
            IntakeField.RESULT: result,
            IntakeField.CLOSED_AT: t.closed_at,
            IntakeField.SATISFACTION: labels.label(labels.SATISFACTION, t.satisfaction),
        }


def _grid_names(session: Session, grid_ids: set) -> dict[int, str]:
    if not grid_ids:
        return {}
    return dict(session.execute(select(Area.id, Area.name).where(Area.id.in_(grid_ids))).all())


def _handling(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """The lead unit of each ticket and its result: the public reply when it wrote one (the
    words meant for the citizen), else its feedback."""
    return {
        ticket_id: (lead.unit, lead.public_reply.strip() or lead.feedback)
        for ticket_id, lead in ticket_leads(session, ids).items()
    }


def _solved_in_grid(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """The note of each ticket's last 就地解决 (solved in the grid, without an assignment)."""
    query = (
        select(TicketEvent.ticket_id, TicketEvent.note)
        .where(TicketEvent.ticket_id.in_(ids), TicketEvent.action == EventAction.SOLVE_IN_GRID)
        .order_by(TicketEvent.ticket_id, TicketEvent.id)
    )
    return {ticket_id: note for ticket_id, note in session.execute(query)}
