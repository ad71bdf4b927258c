"""What the printed forms carry (no Qt): the handling form's fields, the reporter as the
user may see them, the notice without the reporter, the ledger's columns; every citizen's
word escaped."""

from __future__ import annotations

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.reports.handling_form import handling_form
from gridcenter_desktop.reports.printed_ledger import COLUMNS, MAX_ROWS, printed_ledger
from gridcenter_desktop.reports.printed_notice import printed_notice
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

from .conftest import NOW
from .paper_data import add_timeline

OPERATOR = Actor(user_id=None, role=UserRole.OPERATOR)
SUPERVISOR = Actor(user_id=None, role=UserRole.SUPERVISOR)


def test_handling_form_carries_the_whole_ticket(session, report_data):
    ticket_id = report_data.ticket_ids[0]
    add_timeline(session, ticket_id)
    paper = handling_form(session, ticket_id, SUPERVISOR, now=NOW)
    text = paper.html
    assert "工单处理单" in text and report_data.codes[0] in text
    for label in ("来源", "类别", "紧急程度", "问题描述", "反映人", "联系电话", "网格", "地址",
                  "登记时间", "派遣时间", "办理期限", "办结时间", "承办情况", "处理过程",
                  "经办人", "审核人", "日期"):  # fmt: skip
        assert label in text, label
    assert "12345热线" in text and "迂里村第一网格" in text and "光福镇某路1号" in text
    assert "综合执法局" in text and "生态环境办" in text and "主办" in text and "协办" in text
    assert "已现场核查，责令当事人整改。" in text  # the handlers' result
    assert "审核办结" in text and "热线来电登记" in text  # the timeline
    assert "满意" in text
    assert not paper.landscape


def test_handling_form_masks_the_reporter_for_an_operator(session, report_data):
    ticket_id = report_data.ticket_ids[0]
    operator = handling_form(session, ticket_id, OPERATOR, now=NOW).html
    supervisor = handling_form(session, ticket_id, SUPERVISOR, now=NOW).html
    assert "张三丰" not in operator and "13812345678" not in operator
    assert "张**" in operator and "138****5678" in operator
    assert "张三丰" in supervisor and "13812345678" in supervisor


def test_citizens_words_are_escaped(session, report_data):
    ticket = session.get(Ticket, report_data.ticket_ids[0])
    ticket.title = "<b>&噪声</b>"
    ticket.description = '<img src="x">扰民'
    session.commit()
    form = handling_form(session, ticket.id, SUPERVISOR, now=NOW).html
    notice = printed_notice(session, ticket.id, now=NOW).html
    ledger = printed_ledger(session, QueueFilter(), QueueOrder(), now=NOW).html
    for text in (form, notice, ledger):
        assert "&lt;b&gt;&amp;噪声&lt;/b&gt;" in text
        assert "<b>&噪声" not in text
    assert '<img src="x">' not in form and '<img src="x">' not in notice


def test_printed_notice_never_names_the_reporter(session, report_data):
    ticket = session.get(Ticket, report_data.ticket_ids[0])
    ticket.description = "张三丰反映：隔壁夜间施工，电话13812345678，张先生说已多次投诉。"
    session.commit()
    text = printed_notice(session, ticket.id, now=NOW).html
    assert "责令整改通知书" in text and f"工单编号：{ticket.code}" in text
    assert "张三丰" not in text and "13812345678" not in text and "张先生" not in text
    assert "隔壁夜间施工" in text  # the rest of the citizen's words stay
    assert "综合执法局（盖章）" in text and "2022年10月25日" in text


def test_printed_notice_says_what_the_excel_notice_says(session, report_data, tmp_path):
    from openpyxl import load_workbook

    from gridcenter_desktop.reports import notice

    ticket_id = report_data.ticket_ids[0]
    notice.write_notice(session, tmp_path / "n.xlsx", ticket_id, now=NOW)
    ws = load_workbook(tmp_path / "n.xlsx")[notice.SHEET_NAME]
    sheet = [c.value.strip("　") for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    printed = printed_notice(session, ticket_id, now=NOW).html
    import html

    for text in sheet:
        assert html.escape(text) in printed, text


def test_printed_ledger_has_the_view_in_order(session, report_data):
    paper = printed_ledger(
        session,
        QueueFilter(),
        QueueOrder(field="created"),
        role=UserRole.SUPERVISOR,
        now=NOW,
    )
    text = paper.html
    assert paper.landscape
    for header, *_ in COLUMNS:
        assert f">{header}</th>" in text
    assert "<thead>" in text  # repeated on every page
    # The view's tickets (the queue leaves merged duplicates out), none of their reporters:
    # paper cannot tell who reads it.
    shown = [c for n, c in enumerate(report_data.codes) if n != 8]
    assert all(code in text for code in shown)
    assert "张三丰" not in text and "13812345678" not in text
    assert text.index(report_data.codes[0]) < text.index(report_data.codes[6])
    assert "2022-03-01<br/>09:00" in text


def test_printed_ledger_is_capped(session, report_data):
    paper = printed_ledger(session, QueueFilter(), QueueOrder(field="created"), now=NOW, limit=3)
    assert paper.html.count("<tr><td align=") == 3
    assert "本次打印前 3 件" in paper.html
    big = printed_ledger(session, QueueFilter(), QueueOrder(), now=NOW, limit=10**6)
    assert big.html.count("<tr><td align=") <= MAX_ROWS


def test_a_long_printed_ledger_is_set_as_several_tables_under_one_header():
    from gridcenter_desktop.reports.printed_ledger import TABLE_ROWS, compose_printed_ledger

    empty = ("", "", "", None, "", None, "", 0, 0)
    rows = [
        (n, f"GC-{n}", "", "", "", "", "<标题>", "", "", "", "", "", None, None, None, *empty)
        for n in range(1, 2 * TABLE_ROWS + 2)
    ]
    html = compose_printed_ledger(rows, "中心", "全部工单", NOW, len(rows)).html
    assert html.count("<table") == 1 + 3  # the line under the title, then three tables
    assert html.count("<thead>") == 1
    assert html.count("&lt;标题&gt;") == len(rows)


def test_a_ticket_not_yet_dispatched_says_so(session, report_data):
    text = handling_form(session, report_data.ticket_ids[7], OPERATOR, now=NOW).html
    assert "（尚未派单）" in text and "待派发" in text


def test_a_notice_on_record_is_dated_its_issue_day_a_draft_the_print_day(
    session, report_data, tmp_path
):
    """Under the seals: the day the notice was issued, whenever it is printed again; only a
    draft (no notice on record) carries the day it is printed. The Excel notice agrees."""
    from datetime import date, datetime

    from openpyxl import load_workbook

    from gridcenter_desktop.core.enums import NoticeStatus
    from gridcenter_desktop.db.followup import RectificationNotice
    from gridcenter_desktop.reports import notice

    printed_on = datetime(2026, 12, 3, 9, 30)
    on_record, draft = report_data.ticket_ids[0], report_data.ticket_ids[1]
    session.add(
        RectificationNotice(
            number="光福整改〔2022〕077号",
            ticket_id=on_record,
            party="某餐饮店",
            party_address="冲山码头",
            problems="油烟直排",
            requirements="",
            issued_on=date(2022, 2, 15),
            deadline=date(2022, 2, 22),
            issued_at=NOW,
            status=NoticeStatus.ISSUED,
            check_note="",
        )
    )
    session.commit()

    def seal_date(ticket_id):
        html = printed_notice(session, ticket_id, now=printed_on).html
        path = tmp_path / f"{ticket_id}.xlsx"
        notice.write_notice(session, path, ticket_id, now=printed_on)
        ws = load_workbook(path)[notice.SHEET_NAME]
        sheet = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
        return html, sheet

    html, sheet = seal_date(on_record)
    assert "光福整改〔2022〕077号" in html
    assert '<td align="center">2022年02月15日</td>' in html and "2026年12月03日" not in html
    assert "2022年02月15日" in sheet and "2026年12月03日" not in sheet
    html, sheet = seal_date(draft)
    assert '<td align="center">2026年12月03日</td>' in html and "2026年12月03日" in sheet


def test_the_printed_ledger_counts_with_the_desks_thousands_separator(session, report_data):
    paper = printed_ledger(session, QueueFilter(), QueueOrder(), now=NOW, limit=3, total=110213)
    assert "共 110,213 件，本次打印前 3 件" in paper.html
