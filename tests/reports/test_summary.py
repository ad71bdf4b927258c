"""The statistical report: every figure equals the statistics service's; charts point at the
tables; a calendar month or quarter is compared with 同比 and 环比, any other period with
nothing; the department sheet shows lead and assisting work side by side."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import Priority, TicketKind, TicketSource, TicketStatus
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.reports import summary
from gridcenter_desktop.reports.labels import category_name
from gridcenter_desktop.reports.summary_charts import CHART_SHEET_SUFFIX
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.statistics import period_statistics

from .conftest import NOW

FROM, TO = date(2022, 1, 1), date(2022, 10, 25)


def _number(value):
    return float(value) if value is not None else None


def _table(ws, width):
    header = [ws.cell(row=summary.TABLE_TOP, column=c).value for c in range(1, width + 1)]
    rows = []
    for row in ws.iter_rows(min_row=summary.TABLE_TOP + 1, max_col=width, values_only=True):
        if all(v is None for v in row):
            break
        rows.append(dict(zip(header, row, strict=True)))
    return rows


def _expected(f):
    return {
        "受理": f.tickets,
        "办结": f.closed,
        "按期办结": f.on_time,
        "超期办结": f.closed - f.on_time,
        "超期未办结": f.overdue_open,
        "结案率（%）": _number(f.closure_rate),
        "按期办结率（%）": _number(f.on_time_rate),
        "平均处理天数": _number(f.avg_handling_days),
        "满意率（%）": _number(f.satisfaction_rate),
    }


@pytest.fixture
def report(session, report_data, tmp_path):
    path = tmp_path / "月报.xlsx"
    result = summary.write_summary(session, path, FROM, TO, now=NOW)
    return result, load_workbook(path)


def test_cover_figures_equal_the_statistics(session, report):
    result, wb = report
    stats = period_statistics(session, FROM, TO, now=NOW)
    # 2022-01-01 .. 10-25 is no calendar month, quarter or year: compared with nothing.
    assert result.comparison.others == []
    ws = wb[summary.COVER]
    assert ws["A3"].value == "本期不是整月、整季度或整年，不作同比、环比"
    assert ws.cell(row=summary.TABLE_TOP, column=3).value is None
    rows = {r["指标"]: r for r in _table(ws, 2)}
    expected = {
        "网格数（个）": stats.grids,
        "受理工单（件）": stats.tickets_total,
        "办结工单（件）": stats.tickets_closed,
        "结案率（%）": _number(stats.closure_rate),
        "按期办结率（%）": _number(stats.on_time_rate),
        "平均处理天数（天）": _number(stats.avg_handling_days),
        "矛盾纠纷（件）": stats.disputes_total,
        "化解矛盾纠纷（件）": stats.disputes_resolved,
        "矛盾纠纷化解率（%）": _number(stats.dispute_resolution_rate),
        "来信来访（批次）": stats.petition_batches,
        "来信来访（人次）": stats.petition_people,
        "收集意见建议（条）": stats.suggestions_total,
        "解决意见建议（条）": stats.suggestions_resolved,
        "群众满意率（%）": _number(stats.satisfaction_rate),
        "超期未办结（件）": stats.overdue_open,
        "签收及时率（%）": _number(stats.acceptance_on_time_rate),
        "申请延期（件）": stats.extensions_requested,
        "同意延期（件）": stats.extensions_approved,
        "待回访（件）": stats.callbacks_pending,
    }
    assert {k: r["本期"] for k, r in rows.items()} == expected
    # The fixture, counted by hand: 8 tickets, 5 closed, 2 disputes (1 resolved), 1 petition
    # of 3 people, 1 suggestion resolved, 3 grids.
    assert (stats.tickets_total, stats.tickets_closed, stats.petition_people) == (8, 5, 3)
    assert "工作统计报告" in ws["A1"].value
    assert any("受理各类工单8件" in str(c.value) for row in ws.iter_rows() for c in row)


def test_breakdown_sheets_equal_the_statistics(session, report):
    _, wb = report
    stats = period_statistics(session, FROM, TO, now=NOW)
    width = 1 + len(summary.FIGURE_COLUMNS)

    categories = _table(wb[summary.BY_CATEGORY], width)
    assert categories[-1]["类别"] == "合计"
    assert {r["类别"]: {k: v for k, v in r.items() if k != "类别"} for r in categories[:-1]} == {
        category_name(f.key): _expected(f) for f in stats.by_category.values()
    }
    total = {k: v for k, v in categories[-1].items() if k != "类别"}
    assert total == _expected(stats.totals)

    villages = _table(wb[summary.BY_VILLAGE], width)
    assert [r["村（社区）"] for r in villages] == ["迂里村", "梅园社区", "未指定网格", "合计"]
    for row, f in zip(villages, stats.by_village, strict=False):
        assert {k: v for k, v in row.items() if k != "村（社区）"} == _expected(f)

    grids = _table(wb[summary.BY_GRID], width + 1)
    by_name = {r["网格"]: r for r in grids}
    assert by_name["迂里村第一网格"]["村（社区）"] == "迂里村"
    assert by_name["梅园社区第一网格"]["村（社区）"] == "梅园社区"
    for f in stats.by_grid:
        row = by_name[f.name or "未指定网格"]
        assert {k: v for k, v in row.items() if k not in ("网格", "村（社区）")} == _expected(f)

    departments = _table(wb[summary.BY_DEPARTMENT], width)
    assert [r["主办部门"] for r in departments] == [f.name for f in stats.by_department]
    for row, f in zip(departments, stats.by_department, strict=True):
        assert {k: v for k, v in row.items() if k != "主办部门"} == _expected(f)

    months = _table(wb[summary.BY_MONTH], 3)
    assert [(r["月份"], r["受理"], r["办结"]) for r in months] == [
        (f"{m.day:%Y-%m}", m.created, m.closed) for m in stats.by_month
    ]


@pytest.fixture
def local_report(local_session, local_data, tmp_path):
    path = tmp_path / "月报.xlsx"
    summary.write_summary(local_session, path, FROM, TO, now=NOW)
    return load_workbook(path)


def _charts_of(wb, sheet):
    """The charts on ``sheet``'s chart sheet, which follows it."""
    name = f"{sheet}{CHART_SHEET_SUFFIX}"
    assert wb.sheetnames.index(name) == wb.sheetnames.index(sheet) + 1
    return wb[name]._charts


def test_charts_point_at_their_tables(local_report):
    wb = local_report
    ws = wb[summary.BY_CATEGORY]
    assert not ws._charts  # a table sheet prints its header over rows only
    (chart,) = _charts_of(wb, summary.BY_CATEGORY)
    last = summary.TABLE_TOP + len(_table(ws, 10)) - 1  # the 合计 row stays out of the chart
    sheet = f"'{summary.BY_CATEGORY}'"
    assert chart.tagname == "barChart"
    assert [s.val.numRef.f for s in chart.series] == [
        f"{sheet}!$B${summary.TABLE_TOP + 1}:$B${last}",
        f"{sheet}!$C${summary.TABLE_TOP + 1}:$C${last}",
    ]
    assert [s.tx.strRef.f for s in chart.series] == [f"{sheet}!B4", f"{sheet}!C4"]
    assert chart.series[0].cat.numRef.f == f"{sheet}!$A${summary.TABLE_TOP + 1}:$A${last}"

    months = wb[summary.BY_MONTH]
    (line,) = months._charts  # beside the months, on the table's one page
    n = len(_table(months, 3))
    assert line.tagname == "lineChart"
    assert line.series[1].val.numRef.f == f"'{summary.BY_MONTH}'!$C$5:$C${4 + n}"

    pies = wb[summary.BY_SOURCE]._charts
    assert [p.tagname for p in pies] == ["pieChart", "pieChart"]
    assert len(_charts_of(wb, summary.BY_DEPARTMENT)) == 2
    # The lead and the assisting acceptance on-time rates of the work table.
    work = wb[summary.BY_WORK]
    (accept,) = _charts_of(wb, summary.BY_WORK)
    title_row = next(
        r for r in range(1, work.max_row + 1) if work.cell(r, 1).value == summary.WORK_TABLE_TITLE
    )
    first = title_row + 3
    last = next(r for r in range(first, work.max_row + 1) if work.cell(r, 1).value == "合计") - 1
    sheet = f"'{summary.BY_WORK}'"
    assert [s.val.numRef.f for s in accept.series] == [
        f"{sheet}!$E${first}:$E${last}",
        f"{sheet}!$M${first}:$M${last}",
    ]
    assert [work.cell(title_row + 2, c).value for c in (5, 13)] == ["签收及时率（%）"] * 2


def test_report_kind_follows_the_period():
    assert summary.report_kind(date(2022, 2, 1), date(2022, 2, 28)) == "月报"
    assert summary.report_kind(date(2022, 4, 1), date(2022, 6, 30)) == "季报"
    assert summary.report_kind(date(2022, 1, 1), date(2022, 12, 31)) == "年报"
    assert summary.report_kind(FROM, TO) == "统计报告"


def test_reversed_period_is_refused(local_session, tmp_path):
    with pytest.raises(ValidationError) as info:
        summary.write_summary(local_session, tmp_path / "x.xlsx", TO, FROM)
    assert info.value.field == "date_to"
    assert not list(tmp_path.glob("*.xlsx"))


def _extra_ticket(session, created: datetime, closed: datetime | None) -> None:
    """One more ordinary ticket (for the 同比 / 环比 periods of the fixture's March and Q2)."""
    number = session.scalar(select(func.count()).select_from(Ticket)) + 100
    session.add(
        Ticket(
            code=f"GC{created:%Y%m%d}-{number:04d}",
            kind=TicketKind.ORDINARY,
            source=TicketSource.HOTLINE,
            category="noise",
            title="比较期工单",
            priority=Priority.ORDINARY,
            priority_rank=0,
            status=TicketStatus.CLOSED if closed else TicketStatus.IN_PROGRESS,
            created_at=created,
            deadline_at=created + timedelta(days=7),
            due_soon_at=created + timedelta(days=5),
            closed_at=closed,
            updated_at=created,
        )
    )


@pytest.fixture
def compared(session, report_data):
    """The fixture's March 2022 (2 tickets, both closed) and Q2 (2, both closed), and around
    them: 2021-03 two tickets (one closed), 2022-02-28 one closed (the leap-less February's
    last evening), 2021-06-30 one open."""
    for created, closed in (
        (datetime(2021, 3, 5, 9), datetime(2021, 3, 6, 9)),
        (datetime(2021, 3, 31, 23, 0), None),
        (datetime(2022, 2, 28, 23, 30), datetime(2022, 3, 1, 9)),
        (datetime(2021, 6, 30, 23, 30), None),
    ):
        _extra_ticket(session, created, closed)
    session.commit()


def _cover_rows(ws):
    return {r["指标"]: r for r in _table(ws, 6)}


def test_a_march_report_compares_with_february_and_last_march(session, compared, tmp_path):
    path = tmp_path / "3月.xlsx"
    result = summary.write_summary(session, path, date(2022, 3, 1), date(2022, 3, 31), now=NOW)
    year, before = result.comparison.year_before, result.comparison.period_before
    assert (year.date_from, year.date_to) == (date(2021, 3, 1), date(2021, 3, 31))
    assert (before.date_from, before.date_to) == (date(2022, 2, 1), date(2022, 2, 28))
    ws = load_workbook(path)[summary.COVER]
    assert "工作月报" in ws["A1"].value
    assert "同比：2021年03月01日至2021年03月31日" in ws["A3"].value
    assert "环比：2022年02月01日至2022年02月28日" in ws["A3"].value
    header = [ws.cell(row=summary.TABLE_TOP, column=c).value for c in range(1, 7)]
    assert header == ["指标", "本期", "去年同期", "同比增减", "上月", "环比增减"]
    rows = _cover_rows(ws)
    # Tickets: 2 now, 2 last March (+0 %), 1 in February (+100 %).
    assert [rows["受理工单（件）"][h] for h in header[1:]] == [2, 2, 0.0, 1, 100.0]
    # Closure rate: 100 % now, 50 % last March (+50 points), 100 % in February (0 points).
    assert [rows["结案率（%）"][h] for h in header[1:]] == [100.0, 50.0, 50.0, 100.0, 0.0]
    assert ws.cell(row=summary.TABLE_TOP + 4, column=4).number_format.startswith('+0.00"个百分点"')
    assert ws.cell(row=summary.TABLE_TOP + 2, column=4).number_format.startswith('+0.00"%"')
    sentence = next(
        c.value for row in ws.iter_rows() for c in row if str(c.value).startswith("本期共受理")
    )
    assert "受理量同比持平，结案率同比上升50.00个百分点" in sentence
    assert "受理量环比增长100.00%" in sentence


def test_a_q2_report_compares_with_q1_and_last_q2(session, compared, tmp_path):
    path = tmp_path / "二季度.xlsx"
    result = summary.write_summary(session, path, date(2022, 4, 1), date(2022, 6, 30), now=NOW)
    year, before = result.comparison.year_before, result.comparison.period_before
    assert (year.date_from, year.date_to) == (date(2021, 4, 1), date(2021, 6, 30))
    assert (before.date_from, before.date_to) == (date(2022, 1, 1), date(2022, 3, 31))
    ws = load_workbook(path)[summary.COVER]
    assert "工作季报" in ws["A1"].value
    header = [ws.cell(row=summary.TABLE_TOP, column=c).value for c in range(1, 7)]
    assert header == ["指标", "本期", "去年同期", "同比增减", "上季度", "环比增减"]
    rows = _cover_rows(ws)
    # Q2: 2 tickets, both closed. Q2 2021: 1 open. Q1 2022: 3 (02-28 and March's 2), closed.
    assert [rows["受理工单（件）"][h] for h in header[1:]] == [2, 1, 100.0, 3, -33.33]
    assert [rows["结案率（%）"][h] for h in header[1:]] == [100.0, 0.0, 100.0, 100.0, 0.0]


def test_a_year_report_has_only_the_year_on_year(session, compared, tmp_path):
    path = tmp_path / "年报.xlsx"
    summary.write_summary(session, path, date(2022, 1, 1), date(2022, 12, 31), now=NOW)
    ws = load_workbook(path)[summary.COVER]
    header = [ws.cell(row=summary.TABLE_TOP, column=c).value for c in range(1, 6)]
    assert header == ["指标", "本期", "去年同期", "同比增减", None]
    assert "年报只作同比" in ws["A3"].value
    assert _cover_rows(ws)["受理工单（件）"]["去年同期"] == 3


def test_department_sheet_shows_lead_and_assisting_work_side_by_side(session, report):
    _, wb = report
    stats = period_statistics(session, FROM, TO, now=NOW)
    ws = wb[summary.BY_WORK]
    title_row = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == summary.WORK_TABLE_TITLE
    )
    n = len(summary.WORK_COLUMNS)
    assert ws.cell(title_row + 1, 2).value == "主办"
    assert ws.cell(title_row + 1, 2 + n).value == "协办"
    sub = [ws.cell(title_row + 2, c).value for c in range(2, 2 + 2 * n)]
    assert sub[:n] == sub[n:] == [h for h, _, _ in summary.WORK_COLUMNS]
    rows = {}
    r = title_row + 3
    while ws.cell(r, 1).value:
        values = [ws.cell(r, c).value for c in range(2, 2 + 2 * n)]
        rows[ws.cell(r, 1).value] = (
            dict(zip(sub[:n], values[:n], strict=True)),
            dict(zip(sub[n:], values[n:], strict=True)),
        )
        r += 1
    assert list(rows) == [d.name for d in stats.by_department_work] + ["合计"]
    # By hand (NOW 10-25 18:00, accept-by a day after registration, nothing accepted in the
    # fixture): 综合执法局 leads the 03-01 ticket (done in 3 days, on time) and the 10-20 one
    # (pending since 10-21: missed, finish-by 10-27 not yet passed).
    lead, assist = rows["综合执法局"]
    assert (lead["派单"], lead["按时签收"], lead["超时签收或未签收"]) == (2, 0, 1)
    assert (lead["签收及时率（%）"], lead["完成"], lead["按期完成率（%）"]) == (0.0, 1, 100.0)
    assert assist["派单"] == 0 and assist["签收及时率（%）"] is None
    # 派出所 leads the petition (20 days: late) and assists the 09-30 ticket (missed, overdue).
    lead, assist = rows["派出所"]
    assert (lead["完成"], lead["按期完成"], lead["按期完成率（%）"]) == (1, 0, 0.0)
    assert (assist["超时签收或未签收"], assist["超期未完成"]) == (1, 1)
    total_lead, total_assist = rows["合计"]
    assert total_lead["派单"] == stats.lead_work.assigned
    assert total_assist["派单"] == stats.assist_work.assigned == 2
