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
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.reports import cells, labels, print_layout, visits
from gridcenter_desktop.reports.files import (
    CancelCheck,
    Progress,
    atomic_output,
    check_cancel,
)
from gridcenter_desktop.reports.grid_map_sheet import SHEET as GRID_MAP
from gridcenter_desktop.reports.grid_map_sheet import fill_grid_map_sheet
from gridcenter_desktop.reports.registers import add_registers_sheet
from gridcenter_desktop.reports.scope import check_period
from gridcenter_desktop.reports.summary_charts import (
    ChartPages,
    add_chart_sheet,
    bar_charts,
    line_chart,
    rate_chart,
)
from gridcenter_desktop.services.admin.town import town_settings
from gridcenter_desktop.services.areas import all_areas, village_of
from gridcenter_desktop.services.comparison import PeriodComparison, change, compare
from gridcenter_desktop.services.periods import ReportPeriod, calendar_kind
from gridcenter_desktop.services.statistics import (
    DepartmentWork,
    Figures,
    PeriodStatistics,
    WorkFigures,
    period_statistics,
)
from gridcenter_desktop.services.town_map import town_map

TABLE_TOP = 4  # row 1 title, row 2 period, row 4 the table header
# The cover's columns: the figure's name, this period, then each comparison's value and change
# (a change such as "-12.34个百分点" takes 16 characters).
COVER_WIDTHS = (26, 14, 14, 20, 14, 20)

# Sheet names (also what tests and chart references use).
COVER = "封面"
BY_CATEGORY = "按类别"
BY_VILLAGE = "按村社区"
BY_GRID = "按网格"
BY_DEPARTMENT = "按部门"
BY_WORK = "主办协办"
BY_MONTH = "按月份"
BY_SOURCE = "按来源类型"

# Progress stages.
STAGE_FIGURES = "figures"
STAGE_SHEETS = "sheets"
STAGE_SAVING = "saving"


@dataclass(frozen=True, slots=True)
class Headline:
    """One line of the cover's headline table: its label, the PeriodStatistics attribute it
    shows, and its style (a rate's style says its 同比 / 环比 change is in points)."""

    label: str
    key: str
    style: cells.CellStyle

    @property
    def rate(self) -> bool:
        return self.style is cells.BODY_PERCENT

    def value(self, stats: PeriodStatistics) -> int | float | None:
        value = getattr(stats, self.key)
        return float(value) if isinstance(value, Decimal) else value


def _rate(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


HEADLINES: tuple[Headline, ...] = (
    Headline("网格数（个）", "grids", cells.BODY_INTEGER),
    Headline("受理工单（件）", "tickets_total", cells.BODY_INTEGER),
    Headline("办结工单（件）", "tickets_closed", cells.BODY_INTEGER),
    Headline("结案率（%）", "closure_rate", cells.BODY_PERCENT),
    Headline("按期办结率（%）", "on_time_rate", cells.BODY_PERCENT),
    Headline("签收及时率（%）", "acceptance_on_time_rate", cells.BODY_PERCENT),
    Headline("平均处理天数（天）", "avg_handling_days", cells.BODY_DAYS),
    Headline("矛盾纠纷（件）", "disputes_total", cells.BODY_INTEGER),
    Headline("化解矛盾纠纷（件）", "disputes_resolved", cells.BODY_INTEGER),
    Headline("矛盾纠纷化解率（%）", "dispute_resolution_rate", cells.BODY_PERCENT),
    Headline("来信来访（批次）", "petition_batches", cells.BODY_INTEGER),
    Headline("来信来访（人次）", "petition_people", cells.BODY_INTEGER),
    Headline("收集意见建议（条）", "suggestions_total", cells.BODY_INTEGER),
    Headline("解决意见建议（条）", "suggestions_resolved", cells.BODY_INTEGER),
    Headline("群众满意率（%）", "satisfaction_rate", cells.BODY_PERCENT),
    Headline("超期未办结（件）", "overdue_open", cells.BODY_INTEGER),
    Headline("申请延期（件）", "extensions_requested", cells.BODY_INTEGER),
    Headline("同意延期（件）", "extensions_approved", cells.BODY_INTEGER),
    Headline("待回访（件）", "callbacks_pending", cells.BODY_INTEGER),
)

# The 同比 / 环比 change cells: numbers, their unit in the number format (a rate's change is
# in percentage points, a count's in percent of the other period's value).
_POINTS = cells.CellStyle(
    font=cells.BODY.font,
    border=cells.GRID_BORDER,
    number_format='+0.00"个百分点";-0.00"个百分点";0.00"个百分点"',
)
_PERCENT_CHANGE = cells.CellStyle(
    font=cells.BODY.font, border=cells.GRID_BORDER, number_format='+0.00"%";-0.00"%";0.00"%"'
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
    """The file written and the figures in it (the period's, and its 同比 / 环比 periods')."""

    path: Path
    comparison: PeriodComparison

    @property
    def current(self) -> PeriodStatistics:
        return self.comparison.current


_KIND_WORDS = {ReportPeriod.MONTH: "月报", ReportPeriod.QUARTER: "季报", ReportPeriod.YEAR: "年报"}


def report_kind(date_from: date, date_to: date) -> str:
    """月报, 季报 or 年报 for a whole calendar month, quarter or year; else 统计报告."""
    kind = calendar_kind(date_from, date_to)
    return _KIND_WORDS[kind] if kind else "统计报告"


def write_summary(
    session: Session,
    path: Path | str,
    date_from: date,
    date_to: date,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    map_png: bytes | None = None,
    role: UserRole | None = None,
) -> SummaryResult:
    """Write the statistical report for ``date_from`` .. ``date_to`` (inclusive) to ``path``:
    a cover with the headline figures compared with the same period a year before (同比) and
    the month or quarter before (环比) when the period is a calendar month, quarter or year
    (services/comparison.py), then sheets by category, village, grid, department (lead and
    assisting work side by side), month and source, with charts; the grid map
    (reports/grid_map_sheet.py: ``map_png`` is the picture, drawn by the caller); then the
    registers' state per grid (台账情况) as ``role`` may see it (None: no sensitive special
    groups)."""
    check_period(date_from, date_to)
    now = now or china_now()
    steps = 4
    if progress:
        progress(0, steps, STAGE_FIGURES)
    current = period_statistics(session, date_from, date_to, now=now)
    check_cancel(cancelled)
    comparison = compare(session, current, now)
    centre = town_settings(session).centre_name
    check_cancel(cancelled)
    if progress:
        progress(2, steps, STAGE_SHEETS)
    with atomic_output(path, cancelled) as tmp:
        wb = Workbook()
        title = _cover(wb.active, centre, comparison, now)
        charts: list[tuple[Worksheet, ChartPages]] = []
        for name, fill in (
            (BY_CATEGORY, _category_sheet),
            (BY_VILLAGE, _village_sheet),
            (BY_GRID, lambda ws, stats: _grid_sheet(ws, stats, session)),
            (BY_DEPARTMENT, _department_sheet),
            (BY_WORK, _work_sheet),
        ):
            ws = wb.create_sheet(name)
            charts.append((ws, fill(ws, current)))
        _month_sheet(wb.create_sheet(BY_MONTH), current)
        _source_sheet(wb.create_sheet(BY_SOURCE), current)
        # Grid work (issue 12): 走访覆盖 for the period, 台账情况 (the sensitive special groups
        # only in a supervisor's report), and the grid map last, a picture on its own page.
        visits.summary_coverage_sheet(wb.create_sheet(), session, date_from, date_to)
        add_registers_sheet(wb, session, role, now.date())
        fill_grid_map_sheet(wb.create_sheet(GRID_MAP), town_map(session, now), map_png)
        # Each table's charts on a sheet of their own right after it (no table header
        # repeated over a chart); every sheet's pages carry the report's title.
        for ws, pages in charts:
            add_chart_sheet(wb, ws, pages, title)
        for ws in wb.worksheets:
            ws.oddHeader.center.text = title
        check_cancel(cancelled)
        if progress:
            progress(3, steps, STAGE_SAVING)
        wb.save(tmp)
    if progress:
        progress(steps, steps, STAGE_SAVING)
    return SummaryResult(Path(path), comparison)


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


def _paper(ws: Worksheet, columns: int, last: int, landscape: bool = True) -> None:
    """A4, one page wide; the table from TABLE_TOP to ``last`` on one page or shared evenly
    over pages with its header repeated (reports/print_layout.py). The running title is set
    once every sheet is written."""
    print_layout.set_paper(ws, "", landscape=landscape)
    print_layout.paginate_table(
        ws, columns=columns, header=(TABLE_TOP, TABLE_TOP), last=last, landscape=landscape
    )


def _comparison_words(comparison: PeriodComparison) -> str:
    """The cover's line saying what the figures are compared with, or that they are not."""
    if not comparison.others:
        return "本期不是整月、整季度或整年，不作同比、环比"
    words = "　".join(
        f"{name}：{_period_words(other.date_from, other.date_to)}"
        for name, other in comparison.others
    )
    if comparison.period_before is None:
        words += "（年报只作同比）"
    return words


def _cover(
    ws: Worksheet,
    centre: str,
    comparison: PeriodComparison,
    now: datetime,
) -> str:
    """The cover, titled with the centre's name from the town settings: each headline
    figure, and for a calendar month, quarter or year its 同比 and 环比 (the other period's
    value and the change: percentage points for a rate, percent for a count)."""
    ws.title = COVER
    current = comparison.current
    others = comparison.others
    width = 2 + 2 * len(others)
    kind = report_kind(current.date_from, current.date_to)
    _heading(
        ws,
        f"{centre}工作{kind}",
        max(width, 4),
        f"统计期间：{_period_words(current.date_from, current.date_to)}"
        f"　　导出时间：{now:%Y-%m-%d %H:%M}",
        _comparison_words(comparison),
    )
    for column, width_chars in enumerate(COVER_WIDTHS[: max(width, 4)], 1):
        ws.column_dimensions[get_column_letter(column)].width = width_chars
    before = "上季度" if comparison.kind is ReportPeriod.QUARTER else "上月"
    headers = ["指标", "本期"]
    for name, _ in others:
        headers += ["去年同期" if name == "同比" else before, f"{name}增减"]
    for column, header in enumerate(headers, 1):
        cells.put(ws, TABLE_TOP, column, header, cells.HEADER)
    row = TABLE_TOP
    for line in HEADLINES:
        row += 1
        now_value = line.value(current)
        cells.put(ws, row, 1, line.label, cells.BODY)
        cells.put(ws, row, 2, now_value, line.style)
        for index, (_, other) in enumerate(others):
            before = line.value(other)
            delta = change(now_value, before, line.rate)
            column = 3 + 2 * index
            cells.put(ws, row, column, before, line.style)
            cells.put(ws, row, column + 1, _rate(delta), _POINTS if line.rate else _PERCENT_CHANGE)
    row += 2
    last = max(width, 4)
    sentence = summary_sentence(comparison)
    # Every cell of the paragraph's range styled (the merged range keeps their borders), and
    # the row as tall as the wrapped lines need.
    for column in range(1, last + 1):
        cells.put(ws, row, column, sentence if column == 1 else None, cells.BODY_WRAP)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    room = sum(COVER_WIDTHS[:last]) - 2
    lines = -(-print_layout.text_width(sentence) // room)
    ws.row_dimensions[row].height = 14 * lines + 10
    ws.freeze_panes = f"A{TABLE_TOP + 1}"
    print_layout.set_paper(ws, "", landscape=False, pages_tall=1)
    return f"{centre}工作{kind}"


def summary_sentence(comparison: PeriodComparison) -> str:
    """The cover's one-paragraph reading of the figures, with the 同比 and 环比 changes of
    the tickets received and of the closure rate."""
    current = comparison.current
    text = (
        f"本期共受理各类工单{current.tickets_total:,}件，办结{current.tickets_closed:,}件，"
        f"结案率{_pct(current.closure_rate)}；化解矛盾纠纷{current.disputes_resolved:,}件，"
        f"化解率{_pct(current.dispute_resolution_rate)}；来信来访{current.petition_batches:,}"
        f"批次{current.petition_people:,}人次；收集意见建议{current.suggestions_total:,}条，"
        f"解决{current.suggestions_resolved:,}条。"
    )
    for name, other in comparison.others:
        if not other.tickets_total:
            text += f"{name}期无工单数据。"
            continue
        relative = change(current.tickets_total, other.tickets_total, rate=False)
        trend = "增长" if relative > 0 else "下降" if relative < 0 else "持平"
        text += f"受理量{name}{trend}" + (f"{abs(relative)}%" if relative else "")
        points = change(current.closure_rate, other.closure_rate, rate=True)
        if points is not None:
            way = "上升" if points > 0 else "下降" if points < 0 else "持平"
            text += f"，结案率{name}{way}" + (f"{abs(points)}个百分点" if points else "")
        text += "。"
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
    print_layout.widen_to_text(ws, range(1, offset + 2), TABLE_TOP + 1, row)
    ws.freeze_panes = f"{get_column_letter(offset + 2)}{TABLE_TOP + 1}"
    ws.auto_filter.ref = f"A{TABLE_TOP}:{get_column_letter(len(headers))}{max(last, TABLE_TOP + 1)}"
    return TABLE_TOP + 1, last


def _heading_for(ws: Worksheet, stats: PeriodStatistics, what: str, width: int) -> None:
    _heading(ws, f"{what}统计", width, f"统计期间：{_period_words(stats.date_from, stats.date_to)}")


def _category_sheet(ws: Worksheet, stats: PeriodStatistics) -> ChartPages:
    groups = sorted(stats.by_category.values(), key=lambda f: (-f.tickets, str(f.key)))
    names = [labels.category_name(f.key) for f in groups]
    _heading_for(ws, stats, "工单类别", 1 + len(FIGURE_COLUMNS))
    first, last = _figures_table(ws, "类别", groups, names, stats.totals)
    _paper(ws, 1 + len(FIGURE_COLUMNS), ws.max_row)
    pages = ChartPages()
    if groups:
        pages.charts += bar_charts(ws, "各类别受理与办结工单", 1, 2, 2, first, last, TABLE_TOP)
    return pages


def _village_sheet(ws: Worksheet, stats: PeriodStatistics) -> ChartPages:
    names = [f.name or "未指定网格" for f in stats.by_village]
    _heading_for(ws, stats, "村（社区）", 1 + len(FIGURE_COLUMNS))
    first, last = _figures_table(ws, "村（社区）", stats.by_village, names, stats.totals)
    _paper(ws, 1 + len(FIGURE_COLUMNS), ws.max_row)
    pages = ChartPages()
    if stats.by_village:
        title = "各村（社区）受理与办结工单"
        pages.charts += bar_charts(ws, title, 1, 2, 2, first, last, TABLE_TOP)
    return pages


def _grid_sheet(ws: Worksheet, stats: PeriodStatistics, session: Session) -> ChartPages:
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
    _paper(ws, 2 + len(FIGURE_COLUMNS), ws.max_row)
    pages = ChartPages()
    if stats.by_grid:
        pages.charts += bar_charts(ws, "各网格受理工单", 2, 3, 1, first, last, TABLE_TOP)
    return pages


# The lead / assisting work table's columns under each role: header, value, style.
WORK_COLUMNS: tuple[tuple[str, Callable[[WorkFigures], object], cells.CellStyle], ...] = (
    ("派单", lambda w: w.assigned, cells.BODY_INTEGER),
    ("按时签收", lambda w: w.accepted_on_time, cells.BODY_INTEGER),
    ("超时签收或未签收", lambda w: w.accepted_late, cells.BODY_INTEGER),
    ("签收及时率（%）", lambda w: _rate(w.acceptance_on_time_rate), cells.BODY_PERCENT),
    ("完成", lambda w: w.finished, cells.BODY_INTEGER),
    ("按期完成", lambda w: w.finished_on_time, cells.BODY_INTEGER),
    ("按期完成率（%）", lambda w: _rate(w.completion_on_time_rate), cells.BODY_PERCENT),
    ("超期未完成", lambda w: w.overdue_open, cells.BODY_INTEGER),
)
WORK_TABLE_TITLE = "主办、协办工作（各部门签收及时率、按期完成率）"
WORK_WIDTH = 8  # 16 figures side by side: narrow columns, headers wrapped


def _work_table(ws: Worksheet, top: int, stats: PeriodStatistics) -> tuple[int, int]:
    """The departments' lead (主办) and assisting (协办) work side by side from row ``top``:
    a title row, two header rows (the role over its columns), a row per department and the
    合计 row. Returns the first department row and the 合计 row."""
    cells.put(ws, top, 1, WORK_TABLE_TITLE, cells.SUBTITLE)
    header = top + 1
    n = len(WORK_COLUMNS)
    for column in range(2, 2 + 2 * n):
        ws.column_dimensions[get_column_letter(column)].width = WORK_WIDTH
    # Every header cell styled first (a merged range keeps its cells' borders), then merged.
    cells.put(ws, header, 1, "部门", cells.HEADER)
    cells.put(ws, header + 1, 1, None, cells.HEADER)
    for index, role in enumerate(("主办", "协办")):
        first = 2 + index * n
        for column, (title, _, _) in enumerate(WORK_COLUMNS, first):
            cells.put(ws, header, column, role if column == first else None, cells.HEADER)
            cells.put(ws, header + 1, column, title, cells.HEADER)
    ws.merge_cells(start_row=header, start_column=1, end_row=header + 1, end_column=1)
    for first in (2, 2 + n):
        ws.merge_cells(
            start_row=header, start_column=first, end_row=header, end_column=first + n - 1
        )
    ws.row_dimensions[header + 1].height = 42  # 超时签收或未签收 in three lines
    total = DepartmentWork(0, "合计", stats.lead_work, stats.assist_work)
    row = header + 1
    for department in (*stats.by_department_work, total):
        row += 1
        style = cells.HEADER if department is total else cells.BODY
        cells.put(ws, row, 1, department.name or "", style)
        for index, work in enumerate((department.lead, department.assist)):
            for column, (_, value, value_style) in enumerate(WORK_COLUMNS, 2 + index * n):
                cell = cells.put(ws, row, column, value(work), value_style)
                if department is total:
                    cell.font = cells.HEADER.font
    return header + 2, row


def _department_sheet(ws: Worksheet, stats: PeriodStatistics) -> ChartPages:
    """The lead departments' tickets; their charts follow on the chart sheet."""
    names = [f.name or "" for f in stats.by_department]
    _heading_for(ws, stats, "主办部门", 1 + len(FIGURE_COLUMNS))
    first, last = _figures_table(ws, "主办部门", stats.by_department, names)
    _paper(ws, 1 + len(FIGURE_COLUMNS), ws.max_row)
    pages = ChartPages()
    if stats.by_department:
        pages.charts += bar_charts(ws, "各部门受理与办结工单", 1, 2, 2, first, last, TABLE_TOP)
        rate_col = 2 + [h for h, _, _ in FIGURE_COLUMNS].index("按期办结率（%）")
        title = "各部门按期办结率"
        pages.charts += bar_charts(
            ws, title, 1, rate_col, 1, first, last, TABLE_TOP, "%", percent=True
        )
    return pages


def _work_sheet(ws: Worksheet, stats: PeriodStatistics) -> ChartPages:
    """Each department's lead and assisting work side by side with the on-time rates of both
    (each assignment on its own clock), on a sheet of its own: its two header rows are the
    ones repeated on every printed page."""
    width = 1 + 2 * len(WORK_COLUMNS)
    _heading_for(ws, stats, "主办、协办部门工作", width)
    ws.column_dimensions["A"].width = 22
    first, total = _work_table(ws, TABLE_TOP - 1, stats)
    print_layout.widen_to_text(ws, [1], first, total)
    ws.freeze_panes = f"B{first}"
    print_layout.set_paper(ws, "", landscape=True)
    print_layout.paginate_table(
        ws, columns=width, header=(TABLE_TOP, TABLE_TOP + 1), last=total, landscape=True
    )
    pages = ChartPages()
    if stats.by_department_work:
        rate = 2 + [h for h, _, _ in WORK_COLUMNS].index("签收及时率（%）")
        columns = (("主办", rate), ("协办", rate + len(WORK_COLUMNS)))
        pages.charts.append(
            rate_chart(ws, "各部门签收及时率（主办、协办）", columns, first, total - 1)
        )
    return pages


def _month_sheet(ws: Worksheet, stats: PeriodStatistics) -> None:
    _heading_for(ws, stats, "月度工单", 13)  # across the chart beside the table
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
    # The line chart beside the table, on the table's first page (the months of a year fit
    # one page; a longer period's further pages hold rows under the repeated header).
    if stats.by_month:
        ws.add_chart(line_chart(ws, "月度受理与办结工单", TABLE_TOP, row), f"E{TABLE_TOP}")
    for column in "DEFGHIJKLM":
        ws.column_dimensions[column].width = 8.43
    ws.print_area = f"A1:M{max(row, TABLE_TOP + 24)}"
    print_layout.set_paper(ws, "", landscape=True)
    print_layout.paginate_table(
        ws,
        columns=13,
        header=(TABLE_TOP, TABLE_TOP),
        last=max(row, TABLE_TOP + 24),
        landscape=True,
    )


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
    print_layout.set_paper(ws, "", landscape=True, pages_tall=1)
