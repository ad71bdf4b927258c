"""The statistical report (月报/季报/年报) for a period, with native Excel charts.

Every figure comes from services.statistics.period_statistics, the same function behind
``gridcenter stats``, so the report and the command line can never disagree. Values are written
as numbers (never formulas, which openpyxl cannot compute and some viewers do not recalculate);
rates are percent figures with two decimals, as the statistics give them. Charts are openpyxl
charts referencing the tables on their sheets, so superiors can restyle them in Excel or WPS.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.reports import cells, labels
from gridcenter_desktop.reports.files import (
    CancelCheck,
    Progress,
    atomic_output,
    check_cancel,
)
from gridcenter_desktop.reports.scope import check_period
from gridcenter_desktop.services.admin.town import town_settings
from gridcenter_desktop.services.areas import all_areas, village_of
from gridcenter_desktop.services.statistics import Figures, PeriodStatistics, period_statistics

TABLE_TOP = 4  # row 1 title, row 2 period, row 4 the table header

# Sheet names (also what tests and chart references use).
COVER = "封面"
BY_CATEGORY = "按类别"
BY_VILLAGE = "按村社区"
BY_GRID = "按网格"
BY_DEPARTMENT = "按部门"
BY_MONTH = "按月份"
BY_SOURCE = "按来源类型"

# Progress stages.
STAGE_FIGURES = "figures"
STAGE_SHEETS = "sheets"
STAGE_SAVING = "saving"


@dataclass(frozen=True, slots=True)
class Headline:
    """One line of the cover's headline table."""

    label: str
    value: Callable[[PeriodStatistics], int | float | Decimal | None]
    style: cells.CellStyle


def _rate(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


HEADLINES: tuple[Headline, ...] = (
    Headline("网格数（个）", lambda s: s.grids, cells.BODY_INTEGER),
    Headline("受理工单（件）", lambda s: s.tickets_total, cells.BODY_INTEGER),
    Headline("办结工单（件）", lambda s: s.tickets_closed, cells.BODY_INTEGER),
    Headline("结案率（%）", lambda s: _rate(s.closure_rate), cells.BODY_PERCENT),
    Headline("按期办结率（%）", lambda s: _rate(s.on_time_rate), cells.BODY_PERCENT),
    Headline("平均处理天数（天）", lambda s: _rate(s.avg_handling_days), cells.BODY_DAYS),
    Headline("矛盾纠纷（件）", lambda s: s.disputes_total, cells.BODY_INTEGER),
    Headline("化解矛盾纠纷（件）", lambda s: s.disputes_resolved, cells.BODY_INTEGER),
    Headline("矛盾纠纷化解率（%）", lambda s: _rate(s.dispute_resolution_rate), cells.BODY_PERCENT),
    Headline("来信来访（批次）", lambda s: s.petition_batches, cells.BODY_INTEGER),
    Headline("来信来访（人次）", lambda s: s.petition_people, cells.BODY_INTEGER),
    Headline("收集意见建议（条）", lambda s: s.suggestions_total, cells.BODY_INTEGER),
    Headline("解决意见建议（条）", lambda s: s.suggestions_resolved, cells.BODY_INTEGER),
    Headline("群众满意率（%）", lambda s: _rate(s.satisfaction_rate), cells.BODY_PERCENT),
    Headline("超期未办结（件）", lambda s: s.overdue_open, cells.BODY_INTEGER),
)

# The breakdown tables' columns after the name: header, value, style.
FIGURE_COLUMNS: tuple[tuple[str, Callable[[Figures], object], cells.CellStyle], ...] = (
    ("受理", lambda f: f.tickets, cells.BODY_INTEGER),
    ("办结", lambda f: f.closed, cells.BODY_INTEGER),
    ("按期办结", lambda f: f.on_time, cells.BODY_INTEGER),
    ("超期办结", lambda f: f.closed - f.on_time, cells.BODY_INTEGER),
    ("超期未办结", lambda f: f.overdue_open, cells.BODY_INTEGER),
    ("结案率（%）", lambda f: _rate(f.closure_rate), cells.BODY_PERCENT),
    ("按期办结率（%）", lambda f: _rate(f.on_time_rate), cells.BODY_PERCENT),
    ("平均处理天数", lambda f: _rate(f.avg_handling_days), cells.BODY_DAYS),
    ("满意率（%）", lambda f: _rate(f.satisfaction_rate), cells.BODY_PERCENT),
)


@dataclass(frozen=True, slots=True)
class SummaryResult:
    """The file written and the figures in it (current and previous period)."""

    path: Path
    current: PeriodStatistics
    previous: PeriodStatistics


def previous_period(date_from: date, date_to: date) -> tuple[date, date]:
    """The period of the same length that ends the day before ``date_from``."""
    length = date_to - date_from
    # A period starting at the beginning of time (0001-01-01, "everything") has nothing before.
    if date_from - date.min <= length:
        return date.min, date.min
    prev_to = date_from - timedelta(days=1)
    return prev_to - length, prev_to


def report_kind(date_from: date, date_to: date) -> str:
    """月报, 季报 or 年报 for a whole calendar month, quarter or year; else 统计报告."""
    if date_to == date.max:
        return "统计报告"
    next_day = date_to + timedelta(days=1)
    if date_from.day == 1 and next_day.day == 1:
        months = (next_day.year - date_from.year) * 12 + next_day.month - date_from.month
        if months == 1:
            return "月报"
        if months == 3 and date_from.month in (1, 4, 7, 10):
            return "季报"
        if months == 12 and date_from.month == 1:
            return "年报"
    return "统计报告"


def write_summary(
    session: Session,
    path: Path | str,
    date_from: date,
    date_to: date,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> SummaryResult:
    """Write the statistical report for ``date_from`` .. ``date_to`` (inclusive) to ``path``:
    a cover with the headline figures compared with the previous period of the same length,
    then sheets by category, village, grid, department, month and source, with charts."""
    check_period(date_from, date_to)
    now = now or china_now()
    steps = 4
    if progress:
        progress(0, steps, STAGE_FIGURES)
    current = period_statistics(session, date_from, date_to, now=now)
    check_cancel(cancelled)
    previous = period_statistics(session, *previous_period(date_from, date_to), now=now)
    centre = town_settings(session).centre_name
    check_cancel(cancelled)
    if progress:
        progress(2, steps, STAGE_SHEETS)
    with atomic_output(path, cancelled) as tmp:
        wb = Workbook()
        _cover(wb.active, centre, current, previous, now)
        _category_sheet(wb.create_sheet(BY_CATEGORY), current)
        _village_sheet(wb.create_sheet(BY_VILLAGE), current)
        _grid_sheet(wb.create_sheet(BY_GRID), current, session)
        _department_sheet(wb.create_sheet(BY_DEPARTMENT), current)
        _month_sheet(wb.create_sheet(BY_MONTH), current)
        _source_sheet(wb.create_sheet(BY_SOURCE), current)
        check_cancel(cancelled)
        if progress:
            progress(3, steps, STAGE_SAVING)
        wb.save(tmp)
    if progress:
        progress(steps, steps, STAGE_SAVING)
    return SummaryResult(Path(path), current, previous)


# --- sheets ------------------------------------------------------------------------------


def _period_words(date_from: date, date_to: date) -> str:
    return f"{date_from:%Y年%m月%d日}至{date_to:%Y年%m月%d日}"


def _heading(ws: Worksheet, title: str, width: int, *lines: str) -> None:
    """The title (row 1) and up to two lines of subtitle (rows 2-3) above the table."""
    last = get_column_letter(width)
    ws.merge_cells(f"A1:{last}1")
    cells.put(ws, 1, 1, title, cells.TITLE)
    ws.row_dimensions[1].height = 30
    for row, line in enumerate(lines, 2):
        ws.merge_cells(f"A{row}:{last}{row}")
        cells.put(ws, row, 1, line, cells.SUBTITLE)


def _page_setup(ws: Worksheet, landscape: bool = True, pages_tall: int = 0) -> None:
    """A4, fit to the page width (and to ``pages_tall`` pages when not 0), page numbers."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = pages_tall
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.print_title_rows = f"{TABLE_TOP}:{TABLE_TOP}"


def _cover(
    ws: Worksheet,
    centre: str,
    current: PeriodStatistics,
    previous: PeriodStatistics,
    now: datetime,
) -> None:
    """The cover, titled with the centre's name from the town settings."""
    ws.title = COVER
    kind = report_kind(current.date_from, current.date_to)
    _heading(
        ws,
        f"{centre}工作{kind}",
        5,
        f"统计期间：{_period_words(current.date_from, current.date_to)}",
        f"对比上期：{_period_words(previous.date_from, previous.date_to)}"
        f"　　导出时间：{now:%Y-%m-%d %H:%M}",
    )
    for column, width in zip("ABCDE", (26, 14, 14, 14, 14), strict=True):
        ws.column_dimensions[column].width = width
    headers = ("指标", "本期", "上期", "增减", "增减幅度（%）")
    for column, header in enumerate(headers, 1):
        cells.put(ws, TABLE_TOP, column, header, cells.HEADER)
    row = TABLE_TOP
    for line in HEADLINES:
        row += 1
        now_value, before = line.value(current), line.value(previous)
        change = _change(now_value, before)
        cells.put(ws, row, 1, line.label, cells.BODY)
        cells.put(ws, row, 2, now_value, line.style)
        cells.put(ws, row, 3, before, line.style)
        cells.put(ws, row, 4, change, line.style)
        relative = None
        if change is not None and before and not line.label.endswith("（%）"):
            relative = round(change / before * 100, 2)
        cells.put(ws, row, 5, relative, cells.BODY_PERCENT)
    row += 2
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    cells.put(ws, row, 1, summary_sentence(current, previous), cells.BODY_WRAP)
    ws.row_dimensions[row].height = 60
    ws.freeze_panes = f"A{TABLE_TOP + 1}"
    _page_setup(ws, landscape=False, pages_tall=1)


def _change(current, previous) -> float | int | None:
    if current is None or previous is None:
        return None
    if isinstance(current, int) and isinstance(previous, int):
        return current - previous
    return round(float(current) - float(previous), 2)


def summary_sentence(current: PeriodStatistics, previous: PeriodStatistics) -> str:
    """The cover's one-paragraph reading of the figures, with the change on the previous
    period."""
    text = (
        f"本期共受理各类工单{current.tickets_total:,}件，办结{current.tickets_closed:,}件，"
        f"结案率{_pct(current.closure_rate)}；化解矛盾纠纷{current.disputes_resolved:,}件，"
        f"化解率{_pct(current.dispute_resolution_rate)}；来信来访{current.petition_batches:,}"
        f"批次{current.petition_people:,}人次；收集意见建议{current.suggestions_total:,}条，"
        f"解决{current.suggestions_resolved:,}条。"
    )
    if previous.tickets_total:
        delta = current.tickets_total - previous.tickets_total
        trend = "增加" if delta > 0 else "减少" if delta < 0 else "持平"
        text += f"受理量较上期{trend}"
        text += f"{abs(delta):,}件" if delta else ""
        if current.closure_rate is not None and previous.closure_rate is not None:
            points = current.closure_rate - previous.closure_rate
            way = "上升" if points > 0 else "下降" if points < 0 else "持平"
            text += f"，结案率{way}" + (f"{abs(points)}个百分点" if points else "")
        text += "。"
    else:
        text += "上期无工单数据。"
    return text


def _pct(value: Decimal | None) -> str:
    return f"{value}%" if value is not None else "—"


def _figures_table(
    ws: Worksheet,
    name_header: str,
    groups: Sequence[Figures],
    names: Sequence[str],
    total: Figures | None = None,
    lead: Sequence[tuple[str, Sequence[str], float]] = (),
) -> tuple[int, int]:
    """A breakdown table at TABLE_TOP: optional leading text columns (header, values, width),
    the name, then FIGURE_COLUMNS, and a 合计 row when ``total`` is given. Returns the first
    and last data rows (the total row excluded)."""
    widths = [w for _, _, w in lead] + [22] + [11] * len(FIGURE_COLUMNS)
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    headers = [h for h, _, _ in lead] + [name_header] + [h for h, _, _ in FIGURE_COLUMNS]
    for column, header in enumerate(headers, 1):
        cells.put(ws, TABLE_TOP, column, header, cells.HEADER)
    ws.row_dimensions[TABLE_TOP].height = 30
    offset = len(lead)
    row = TABLE_TOP
    for index, (group, name) in enumerate(zip(groups, names, strict=True)):
        row += 1
        for column, (_, values, _) in enumerate(lead, 1):
            cells.put(ws, row, column, values[index], cells.BODY)
        cells.put(ws, row, offset + 1, name, cells.BODY)
        for column, (_, value, style) in enumerate(FIGURE_COLUMNS, offset + 2):
            cells.put(ws, row, column, value(group), style)
    last = row
    if total is not None:
        row += 1
        cells.put(ws, row, 1, "合计", cells.HEADER)
        if offset:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=offset + 1)
        for column, (_, value, style) in enumerate(FIGURE_COLUMNS, offset + 2):
            cell = cells.put(ws, row, column, value(total), style)
            cell.font = cells.HEADER.font
    ws.freeze_panes = f"{get_column_letter(offset + 2)}{TABLE_TOP + 1}"
    ws.auto_filter.ref = f"A{TABLE_TOP}:{get_column_letter(len(headers))}{max(last, TABLE_TOP + 1)}"
    return TABLE_TOP + 1, last


def _bar_chart(
    ws: Worksheet,
    title: str,
    name_col: int,
    first_value_col: int,
    value_cols: int,
    first: int,
    last: int,
    anchor_row: int,
    y_title: str = "件",
) -> BarChart:
    """A column chart of ``value_cols`` columns from ``first_value_col`` (series names from
    the header row), one bar group per table row, placed below the table."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.y_axis.title = y_title
    chart.width, chart.height = 26, 11
    last_col = first_value_col + value_cols - 1
    data = Reference(ws, min_col=first_value_col, max_col=last_col, min_row=TABLE_TOP, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=name_col, min_row=first, max_row=last))
    _show_axes(chart)
    ws.add_chart(chart, f"A{anchor_row}")
    # Each chart starts a printed page, so a long table never cuts it in two.
    ws.row_breaks.append(Break(id=anchor_row - 1))
    return chart


def _show_axes(chart) -> None:
    # openpyxl 3.1 marks axes deleted by default; Excel then draws a chart without labels.
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _chart_row(last: int) -> int:
    return last + 4


def _heading_for(ws: Worksheet, stats: PeriodStatistics, what: str, width: int) -> None:
    _heading(ws, f"{what}统计", width, f"统计期间：{_period_words(stats.date_from, stats.date_to)}")


def _category_sheet(ws: Worksheet, stats: PeriodStatistics) -> None:
    groups = sorted(stats.by_category.values(), key=lambda f: (-f.tickets, str(f.key)))
    names = [labels.category_name(f.key) for f in groups]
    _heading_for(ws, stats, "工单类别", 1 + len(FIGURE_COLUMNS))
    first, last = _figures_table(ws, "类别", groups, names, stats.totals)
    if groups:
        _bar_chart(ws, "各类别受理与办结工单", 1, 2, 2, first, last, _chart_row(last))
    _page_setup(ws)


def _village_sheet(ws: Worksheet, stats: PeriodStatistics) -> None:
    names = [f.name or "未指定网格" for f in stats.by_village]
    _heading_for(ws, stats, "村（社区）", 1 + len(FIGURE_COLUMNS))
    first, last = _figures_table(ws, "村（社区）", stats.by_village, names, stats.totals)
    if stats.by_village:
        _bar_chart(ws, "各村（社区）受理与办结工单", 1, 2, 2, first, last, _chart_row(last))
    _page_setup(ws)


def _grid_sheet(ws: Worksheet, stats: PeriodStatistics, session: Session) -> None:
    areas = all_areas(session)
    names = [f.name or "未指定网格" for f in stats.by_grid]
    villages = []
    for grid in stats.by_grid:
        village = village_of(areas, grid.key) if isinstance(grid.key, int) else None
        villages.append(village.name if village else "")
    _heading_for(ws, stats, "网格", 2 + len(FIGURE_COLUMNS))
    first, last = _figures_table(
        ws, "网格", stats.by_grid, names, stats.totals, lead=(("村（社区）", villages, 14),)
    )
    if stats.by_grid:
        chart = _bar_chart(ws, "各网格受理工单", 2, 3, 1, first, last, _chart_row(last))
        chart.width = 32
    _page_setup(ws)


def _department_sheet(ws: Worksheet, stats: PeriodStatistics) -> None:
    names = [f.name or "" for f in stats.by_department]
    _heading_for(ws, stats, "主办部门", 1 + len(FIGURE_COLUMNS))
    first, last = _figures_table(ws, "主办部门", stats.by_department, names)
    if stats.by_department:
        _bar_chart(ws, "各部门受理与办结工单", 1, 2, 2, first, last, _chart_row(last))
        rate_col = 2 + [h for h, _, _ in FIGURE_COLUMNS].index("按期办结率（%）")
        anchor = _chart_row(last) + 24
        chart = _bar_chart(ws, "各部门按期办结率", 1, rate_col, 1, first, last, anchor, "%")
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 100
    _page_setup(ws)


def _month_sheet(ws: Worksheet, stats: PeriodStatistics) -> None:
    _heading_for(ws, stats, "月度工单", 3)
    for column, width in zip("ABC", (14, 12, 12), strict=True):
        ws.column_dimensions[column].width = width
    for column, header in enumerate(("月份", "受理", "办结"), 1):
        cells.put(ws, TABLE_TOP, column, header, cells.HEADER)
    row = TABLE_TOP
    for month in stats.by_month:
        row += 1
        cells.put(ws, row, 1, f"{month.day:%Y-%m}", cells.BODY_CENTER)
        cells.put(ws, row, 2, month.created, cells.BODY_INTEGER)
        cells.put(ws, row, 3, month.closed, cells.BODY_INTEGER)
    ws.freeze_panes = f"A{TABLE_TOP + 1}"
    if stats.by_month:
        chart = LineChart()
        chart.title = "月度受理与办结工单"
        chart.y_axis.title = "件"
        chart.width, chart.height = 26, 11
        data = Reference(ws, min_col=2, max_col=3, min_row=TABLE_TOP, max_row=row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=TABLE_TOP + 1, max_row=row))
        _show_axes(chart)
        ws.add_chart(chart, f"E{TABLE_TOP}")
    _page_setup(ws, pages_tall=1 if len(stats.by_month) <= 24 else 0)


def _source_sheet(ws: Worksheet, stats: PeriodStatistics) -> None:
    _heading_for(ws, stats, "工单来源与类型", 7)
    for column, width in zip("ABCDEFG", (18, 10, 4, 4, 18, 10, 4), strict=True):
        ws.column_dimensions[column].width = width
    tables = (
        (1, "来源", stats.by_source, labels.SOURCE, "工单来源构成", "A"),
        (5, "类型", stats.by_kind, labels.KIND, "工单类型构成", "F"),
    )
    for column, header, groups, table, title, anchor in tables:
        cells.put(ws, TABLE_TOP, column, header, cells.HEADER)
        cells.put(ws, TABLE_TOP, column + 1, "受理", cells.HEADER)
        row = TABLE_TOP
        for group in sorted(groups.values(), key=lambda f: -f.tickets):
            row += 1
            cells.put(ws, row, column, labels.label(table, group.key), cells.BODY)
            cells.put(ws, row, column + 1, group.tickets, cells.BODY_INTEGER)
        if row > TABLE_TOP:
            pie = PieChart()
            pie.title = title
            pie.width, pie.height = 11.5, 9
            pie.add_data(
                Reference(ws, min_col=column + 1, min_row=TABLE_TOP, max_row=row),
                titles_from_data=True,
            )
            pie.set_categories(Reference(ws, min_col=column, min_row=TABLE_TOP + 1, max_row=row))
            pie.dataLabels = DataLabelList()
            pie.dataLabels.showPercent = True
            pie.dataLabels.showVal = pie.dataLabels.showCatName = False
            pie.dataLabels.showSerName = pie.dataLabels.showLegendKey = False
            ws.add_chart(pie, f"{anchor}{TABLE_TOP + 12}")
    _page_setup(ws, pages_tall=1)
