"""The rectification notice (责令整改通知书) printed from the desk: the same words as the Excel
page (reports/notice_content.py builds both, scrubbed of the reporter's name and phone), laid
out as an A4 portrait paper."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.reports.notice_content import NoticeContent, notice_content
from gridcenter_desktop.reports.paper import Paper, esc, title

_BODY = 'style="font-size: 12pt; line-height: 150%; margin-top: 2pt; margin-bottom: 2pt;"'


def printed_notice(
    session: Session,
    ticket_id: int,
    *,
    notice_id: int | None = None,
    now: datetime | None = None,
    rectify_by: date | None = None,
) -> Paper:
    """The notice of ticket ``ticket_id`` (the notice on record ``notice_id``, else its latest,
    else the draft) as a printed page."""
    content = notice_content(
        session, ticket_id, notice_id=notice_id, now=now, rectify_by=rectify_by
    )
    return replace(compose_printed_notice(content), ticket_id=ticket_id)


def _paragraph(text: str, indent: str = "　　") -> str:
    # Two ideographic spaces before the first line, as official paragraphs are set; kept
    # by "pre-wrap" (the layout would drop them as leading white space).
    return f'<p {_BODY[:-1]} white-space: pre-wrap;">{indent}{esc(text)}</p>'


def compose_printed_notice(c: NoticeContent) -> Paper:
    """The page of notice ``c``: issuer, title, number, the fields, the findings, the order,
    the seals and the lines left for the pen."""
    parts = [
        f'<p align="center" style="font-size: 14pt;">{esc(c.issuer)}</p>',
        title(c.title, 22),
        f'<p align="center" style="font-size: 12pt;">{esc(c.number)}</p>',
        f'<p align="right" style="font-size: 12pt;">工单编号：{esc(c.ticket_code)}</p>',
        '<table width="100%" border="0" cellpadding="3" style="font-size: 12pt;">',
        *(
            f'<tr><td width="28%" valign="top"><b>{esc(label)}</b></td><td>{esc(value)}</td></tr>'
            for label, value in c.fields
        ),
        "</table>",
        _paragraph(c.finding),
        *(_paragraph(f"{n}. {text}", "　　　") for n, text in enumerate(c.problems, 1)),
        _paragraph(c.order),
        _paragraph(c.requirements) if c.requirements else "",
        _paragraph(c.appeal),
        '<table width="100%" border="0" cellpadding="6" style="font-size: 12pt;'
        ' margin-top: 12pt;">',
        *(
            '<tr><td width="50%"></td><td align="center" height="60" valign="bottom"'
            ' style="border: 1px dashed #808080;">'
            f"{esc(name)}（盖章）</td></tr>"
            for name in c.seals
        ),
        f'<tr><td></td><td align="center">{c.signed_on:%Y年%m月%d日}</td></tr>',
        "</table>",
        '<table width="100%" border="0" cellpadding="3" style="font-size: 12pt;'
        ' margin-top: 12pt;">',
        *(
            f'<tr><td width="28%"><b>{esc(label)}</b></td><td>{esc(value)}</td></tr>'
            for label, value in c.receipts
        ),
        "</table>",
        f'<p style="font-size: 10pt; color: #606060; margin-top: 10pt;">{esc(c.copies)}</p>',
    ]
    return Paper(
        report="notice",
        name=f"{c.title}_{c.ticket_code}",
        html="".join(parts),
        running_head=f"{c.title}（续）　{c.number}",
        font_pt=12,
    )
