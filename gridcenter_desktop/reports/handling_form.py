"""One ticket's handling form (工单处理单): everything on the ticket, its assignments, the
results and the timeline, on one A4 portrait page where it fits (a long timeline runs onto
more pages, its header row repeated).

The reporter is printed as the user may see them in the detail panel (the same masking by
role, DataPurpose.DETAIL): an operator's form shows 张** and 138****5678, a supervisor's the
name and number.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    DataPurpose,
    EventAction,
)
from gridcenter_desktop.reports import labels
from gridcenter_desktop.reports.notice_content import place_name
from gridcenter_desktop.reports.paper import (
    BLANK_LINE,
    Paper,
    body_row,
    esc,
    header_row,
    heading,
    table,
    title,
    when,
)
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.town import town_settings
from gridcenter_desktop.services.ticket_detail import TicketDetail, get_ticket_detail

FORM_NAME = "工单处理单"

# The accept-by time is left out: it is the dispatch time plus the town's rule, and the room
# goes to the handlers' result, which a reader of the form looks for.
ASSIGNMENT_HEADERS = ("承办单位", "类型", "状态", "办结期限", "签收时间", "办理结果")
ASSIGNMENT_WIDTHS = (16, 6, 8, 12, 12, 46)
TIMELINE_HEADERS = ("序号", "时间", "环节", "经办人", "办理后状态", "说明")
TIMELINE_WIDTHS = (5, 15, 11, 14, 10, 45)


def handling_form(
    session: Session, ticket_id: int, actor: Actor, *, now: datetime | None = None
) -> Paper:
    """The handling form of ticket ``ticket_id`` as ``actor`` may see it."""
    detail = get_ticket_detail(session, ticket_id, actor, purpose=DataPurpose.DETAIL)
    centre = town_settings(session).centre_name
    return compose_handling_form(detail, centre, now or china_now())


def compose_handling_form(detail: TicketDetail, centre_name: str, now: datetime) -> Paper:
    """The form's body from the ticket's detail (already masked for the user)."""
    name = f"{centre_name}{FORM_NAME}"
    parts = [
        title(name),
        table(
            [
                '<tr><td style="border: none;">工单编号：<b>'
                f"{esc(detail.code)}</b></td>"
                f'<td align="right" style="border: none;">打印时间：{when(now)}</td></tr>'
            ],
            pad=1,
        ).replace('border="1"', 'border="0"'),
        _fields(detail),
        heading("一、承办情况"),
        _assignments(detail),
        heading("二、办理结果"),
        _results(detail),
        heading("三、处理过程"),
        _timeline(detail),
        _signatures(),
    ]
    return Paper(
        report="handling_form",
        ticket_id=detail.id,
        name=f"{FORM_NAME}_{detail.code}",
        html="".join(parts),
        running_head=f"{name}（续）　工单编号：{detail.code}",
    )


def _pair(label1: str, value1: str, label2: str, value2: str) -> str:
    return (
        f'<tr><th width="15%" align="left">{esc(label1)}</th><td width="35%">{value1}</td>'
        f'<th width="15%" align="left">{esc(label2)}</th><td width="35%">{value2}</td></tr>'
    )


def _wide(label: str, value: str) -> str:
    return f'<tr><th align="left">{esc(label)}</th><td colspan="3">{value}</td></tr>'


def _fields(d: TicketDetail) -> str:
    reporter = esc(d.reporter_name or "")
    phone = esc(d.reporter_phone or "")
    status = esc(labels.label(labels.STATUS, d.status))
    if d.suspended_at is not None:
        status += f"（挂起，自 {when(d.suspended_at)}）"
    if d.merged_into_code:
        status += f"（并入 {esc(d.merged_into_code)}）"
    external = ""
    if d.external_code:
        external = esc(d.external_code)
    rows = [
        _pair("来源", esc(labels.label(labels.SOURCE, d.source)), "状态", status),
        _pair(
            "类型",
            esc(labels.label(labels.KIND, d.kind)),
            "紧急程度",
            esc(labels.label(labels.PRIORITY, d.priority)),
        ),
        _pair("类别", esc(labels.category_name(d.category)), "外部编号", external),
        _wide("标题", f"<b>{esc(d.title)}</b>"),
        _wide("问题描述", esc(d.description)),
        _pair("反映人", reporter, "联系电话", phone),
        _pair(
            "村（社区）",
            esc(d.village_name or ""),
            "网格",
            esc(place_name(None, d.grid_name)),
        ),
        _wide("地址", esc(d.address)),
        _pair("登记时间", when(d.created_at), "派遣时间", when(d.dispatched_at)),
        _pair("办理期限", when(d.deadline_at), "办结时间", when(d.closed_at)),
        _pair(
            "登记人",
            esc(d.created_by_name or ""),
            "催办/督办",
            f"催办 {d.urge_count} 次" + ("，已督办" if d.supervised else ""),
        ),
    ]
    return table(rows, pad=3)


def _assignments(d: TicketDetail) -> str:
    rows = [header_row(ASSIGNMENT_HEADERS, ASSIGNMENT_WIDTHS)]
    for a in d.assignments:
        result = []
        if a.feedback:
            result.append(esc(a.feedback))
        if a.public_reply and a.public_reply != a.feedback:
            result.append("答复：" + esc(a.public_reply))
        if a.return_reason:
            result.append("退回理由：" + esc(a.return_reason))
        if a.instructions and not any(
            e.action == EventAction.DISPATCH and e.note == a.instructions for e in d.events
        ):
            # Written in the timeline's dispatch already, as a rule: only once on paper.
            result.append("派单要求：" + esc(a.instructions))
        rows.append(
            body_row(
                [
                    esc(a.assignee_name),
                    esc(labels.label(labels.ASSIGNMENT_ROLE, a.role)),
                    esc(labels.label(labels.ASSIGNMENT_STATUS, a.status)),
                    when(a.finish_by),
                    when(a.accepted_at),
                    "<br/>".join(result),
                ],
                ["left", "center", "center", "center", "center", "left"],
            )
        )
    if not d.assignments:
        rows.append('<tr><td colspan="6" align="center">（尚未派单）</td></tr>')
    return table(rows, size=9, pad=3)


def _results(d: TicketDetail) -> str:
    lead = next(
        (
            a
            for a in d.assignments
            if a.role == AssignmentRole.LEAD and a.status != AssignmentStatus.CANCELLED
        ),
        None,
    )
    solution = esc(lead.feedback) if lead and lead.feedback else ""
    if d.answer_text:
        solution = esc(d.answer_text)
    rows = [
        _wide("处理结果", solution),
        _pair(
            "化解情况",
            esc(labels.label(labels.OUTCOME, d.outcome)),
            "网格内解决",
            "是" if d.solved_in_grid else "否",
        ),
        _pair(
            "群众满意度",
            esc(labels.label(labels.SATISFACTION, d.satisfaction)),
            "重办次数",
            str(d.reopen_count),
        ),
    ]
    callbacks = [
        f"{when(c.called_at)} {esc(labels.label(labels.CALLBACK_CHANNEL, c.channel))}"
        f" {esc(labels.label(labels.SATISFACTION, c.satisfaction))}"
        + (f"：{esc(c.note)}" if c.note else "")
        + (f"（{esc(c.called_by_name)}）" if c.called_by_name else "")
        for c in d.callbacks
    ]
    rows.append(_wide("回访记录", "<br/>".join(callbacks)))
    return table(rows)


def _timeline(d: TicketDetail) -> str:
    rows = [header_row(TIMELINE_HEADERS, TIMELINE_WIDTHS)]
    for number, e in enumerate(d.events, 1):
        rows.append(
            body_row(
                [
                    str(number),
                    when(e.at),
                    esc(labels.label(labels.EVENT_ACTION, e.action)),
                    esc(e.user_name or ""),
                    esc(labels.label(labels.STATUS, e.to_status)),
                    esc(e.note),
                ],
                ["center", "center", "left", "left", "center", "left"],
            )
        )
    return table(rows, size=9, pad=2)


def _signatures() -> str:
    return (
        # A spacer paragraph: the layout drops a margin above a paragraph after a table.
        '<p style="font-size: 10pt;">&nbsp;</p><p style="font-size: 11pt;">'
        f"经办人：{BLANK_LINE}　　　审核人：{BLANK_LINE}　　　"
        "日期：＿＿＿＿年＿＿月＿＿日</p>"
    )
