"""The statistical report: every figure equals the statistics service's; charts point at the
tables; the previous period is compared."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from gridcenter_desktop.reports import summary
from gridcenter_desktop.reports.labels import category_name
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
    prev = period_statistics(session, date(2021, 3, 9), date(2021, 12, 31), now=NOW)
    assert (result.previous.date_from, result.previous.date_to) == (
        date(2021, 3, 9),
        date(2021, 12, 31),
    )
    ws = wb[summary.COVER]
    rows = {r["指标"]: r for r in _table(ws, 5)}
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
    }
    assert {k: r["本期"] for k, r in rows.items()} == expected
    # The fixture, counted by hand: 8 tickets, 5 closed, 2 disputes (1 resolved), 1 petition
    # of 3 people, 1 suggestion resolved, 3 grids.
    assert (stats.tickets_total, stats.tickets_closed, stats.petition_people) == (8, 5, 3)
    assert rows["受理工单（件）"]["上期"] == prev.tickets_total == 0
    assert rows["受理工单（件）"]["增减"] == 8
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


def test_charts_point_at_their_tables(local_report):
    wb = local_report
    ws = wb[summary.BY_CATEGORY]
    (chart,) = ws._charts
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
    (line,) = months._charts
    n = len(_table(months, 3))
    assert line.tagname == "lineChart"
    assert line.series[1].val.numRef.f == f"'{summary.BY_MONTH}'!$C$5:$C${4 + n}"

    pies = wb[summary.BY_SOURCE]._charts
    assert [p.tagname for p in pies] == ["pieChart", "pieChart"]
    assert len(wb[summary.BY_DEPARTMENT]._charts) == 2
    assert len(wb[summary.BY_VILLAGE]._charts) == 1


def test_report_kind_follows_the_period():
    assert summary.report_kind(date(2022, 2, 1), date(2022, 2, 28)) == "月报"
    assert summary.report_kind(date(2022, 4, 1), date(2022, 6, 30)) == "季报"
    assert summary.report_kind(date(2022, 1, 1), date(2022, 12, 31)) == "年报"
    assert summary.report_kind(FROM, TO) == "统计报告"
    assert summary.previous_period(date(2022, 2, 1), date(2022, 2, 28)) == (
        date(2022, 1, 4),
        date(2022, 1, 31),
    )


def test_reversed_period_is_refused(local_session, tmp_path):
    with pytest.raises(ValidationError) as info:
        summary.write_summary(local_session, tmp_path / "x.xlsx", TO, FROM)
    assert info.value.field == "date_to"
    assert not list(tmp_path.glob("*.xlsx"))
