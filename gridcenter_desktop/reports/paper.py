"""Printed forms (处理单, 责令整改通知书, the ledger of the current view) as plain data: a small
HTML body built from escaped text, with its orientation and the line repeated at the top of
every page after the first. The window (ui/printing.py) lays it out with QTextDocument on
the printer and adds the page numbers ("第 N 页 共 M 页"); nothing here needs Qt, so what goes
on the paper is tested without a screen.

Every text that comes from the database goes through ``esc`` (html.escape): a title is a
citizen's words and may hold "<", "&" or anything else.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor

# The frame of every form: thin black rules, as on a printed official form.
TABLE = (
    '<table width="100%" border="1" cellspacing="0" cellpadding="{pad}" '
    'style="border-collapse: collapse; border-color: #000000; font-size: {size}pt;">'
)
BLANK_LINE = "＿＿＿＿＿＿＿＿"


@dataclass(frozen=True, slots=True)
class Paper:
    """One printable document: ``html`` is its body (escaped), ``landscape`` its A4
    orientation, ``running_head`` the line printed above pages 2 and on (the form's name and
    ticket), ``name`` the document's name (print dialogs, PDF file names)."""

    name: str
    html: str
    landscape: bool = False
    running_head: str = ""
    # Base text size in points (tables carry their own).
    font_pt: float = 10.5
    # For the audit trail: which form ("handling_form", "notice", "ledger") and ticket.
    report: str = ""
    ticket_id: int | None = None


def record_print(session: Session, actor: Actor | None, paper: Paper) -> None:
    """Put the printing of ``paper`` in the audit trail (as an export: paper leaves the
    desk as a file does) and commit."""
    audit.record(
        session,
        actor,
        AuditAction.EXPORT,
        ticket_id=paper.ticket_id,
        target=paper.report,
        detail={"report": paper.report, "printed": paper.name},
    )
    session.commit()


def page_footer(page: int, pages: int) -> str:
    """The page number line at the foot of every page."""
    return f"第 {page} 页 共 {pages} 页"


def esc(value: object) -> str:
    """``value`` as HTML text: escaped, line breaks kept, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return html.escape(str(value)).replace("\r\n", "\n").replace("\n", "<br/>")


def when(value: datetime | date | None) -> str:
    """A time as the forms print it (escaped), "" for none."""
    return esc(value)


def table(rows: Iterable[str], *, size: float = 10, pad: int = 4) -> str:
    """A ruled table around ``rows`` (already HTML)."""
    return TABLE.format(size=size, pad=pad) + "".join(rows) + "</table>"


def header_row(headers: Sequence[str], widths: Sequence[int]) -> str:
    """A header row repeated at the top of every page the table runs onto (<thead>)."""
    cells = "".join(
        f'<th width="{w}%" style="background-color: #e8e8e8;">{esc(h)}</th>'
        for h, w in zip(headers, widths, strict=True)
    )
    return f"<thead><tr>{cells}</tr></thead>"


def body_row(values: Sequence[str], aligns: Sequence[str] | None = None) -> str:
    """A row of cells whose ``values`` are already HTML."""
    aligns = aligns or ["left"] * len(values)
    return (
        "<tr>"
        + "".join(f'<td align="{a}">{v}</td>' for v, a in zip(values, aligns, strict=True))
        + "</tr>"
    )


def heading(text: str) -> str:
    """A section heading between the tables."""
    style = "margin-top: 6pt; margin-bottom: 2pt; font-size: 11pt;"
    return f'<p style="{style}"><b>{esc(text)}</b></p>'


def title(text: str, size: float = 18) -> str:
    """The form's title, centred and bold."""
    return (
        f'<p align="center" style="margin-bottom: 6pt; font-size: {size}pt;"><b>{esc(text)}</b></p>'
    )
