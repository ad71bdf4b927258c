"""The statistical report's charts, each on a printed page of its own on a chart sheet that
follows its table's sheet.

A chart sheet holds no table: the table sheets repeat their header rows on every printed page,
and a chart below a table printed under a header with no rows (as it did). The charts still
reference the tables' cells, so superiors can restyle them in Excel or WPS.

Long category lists (grids, departments) are horizontal bars on a portrait page, one bar per
row with every name written (tickLblSkip 1; Excel and LibreOffice otherwise skip names when they
crowd), at most BARS_PER_CHART to a chart so that the names stay readable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from gridcenter_desktop.reports import cells, print_layout

CHART_SHEET_SUFFIX = "图表"
BARS_PER_CHART = 50
HORIZONTAL_FROM = 16  # this many categories or more: horizontal bars, names down the side
LABEL_PT = 9
ROW_CM = 0.529  # a 15 pt row
_COLUMN_WIDTH = 2  # characters: narrow, so the printed range hugs the charts


@dataclass
class ChartPages:
    """The charts to print on one chart sheet, in order; portrait when any is horizontal."""

    charts: list = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        return not any(getattr(c, "type", None) == "bar" for c in self.charts)


def _label_font() -> RichText:
    props = CharacterProperties(
        sz=LABEL_PT * 100,
        latin=Font(typeface=cells.BODY_FONT),
        ea=Font(typeface=cells.BODY_FONT),
    )
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _axes(chart) -> None:
    # openpyxl 3.1 marks axes deleted by default; Excel then draws a chart without labels.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.tickLblSkip = 1  # every category named, however many
    chart.x_axis.tickMarkSkip = 1
    chart.x_axis.txPr = _label_font()
    chart.y_axis.txPr = _label_font()


def bar_charts(
    ws: Worksheet,
    title: str,
    name_col: int,
    first_value_col: int,
    value_cols: int,
    first: int,
    last: int,
    header_row: int,
    y_title: str = "件",
    percent: bool = False,
) -> list[BarChart]:
    """Bar charts of ``value_cols`` columns from ``first_value_col`` of ``ws`` (series names
    from ``header_row``), one bar group per table row ``first`` .. ``last``: upright columns
    for a few categories, horizontal bars (BARS_PER_CHART to a chart) for many."""
    count = last - first + 1
    horizontal = count >= HORIZONTAL_FROM
    parts = math.ceil(count / BARS_PER_CHART) if horizontal else 1
    size = math.ceil(count / parts)
    charts = []
    for part in range(parts):
        top = first + part * size
        bottom = min(last, top + size - 1)
        chart = BarChart()
        chart.type = "bar" if horizontal else "col"
        chart.title = title if parts == 1 else f"{title}（{part + 1}/{parts}）"
        chart.y_axis.title = y_title
        for column in range(first_value_col, first_value_col + value_cols):
            series = Series(Reference(ws, min_col=column, min_row=top, max_row=bottom))
            header = f"{_quoted(ws)}!{get_column_letter(column)}{header_row}"
            series.tx = SeriesLabel(strRef=StrRef(header))
            chart.series.append(series)
        chart.set_categories(Reference(ws, min_col=name_col, min_row=top, max_row=bottom))
        _axes(chart)
        if percent:
            chart.y_axis.scaling.min = 0
            chart.y_axis.scaling.max = 100
        if horizontal:
            # The first row at the top, the values' axis along the bottom.
            chart.x_axis.scaling.orientation = "maxMin"
            chart.y_axis.crosses = "max"
            chart.width = 18
            chart.height = min(25.0, max(11.0, 0.8 * (bottom - top + 1) + 4))
            chart.gapWidth = 40
        else:
            chart.width, chart.height = 25, 14
        if value_cols == 1:
            chart.legend = None  # one series: its name is the axis title and chart title
        charts.append(chart)
    return charts


def _quoted(ws: Worksheet) -> str:
    return f"'{ws.title}'"


def rate_chart(
    ws: Worksheet, title: str, columns: tuple[tuple[str, int], ...], first: int, last: int
) -> BarChart:
    """Rates (0-100 %) of ``columns`` (series name, column) per table row, with names from
    column A: upright or horizontal bars as for bar_charts."""
    horizontal = last - first + 1 >= HORIZONTAL_FROM
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.y_axis.title = "%"
    for name, column in columns:
        values = Reference(ws, min_col=column, min_row=first, max_row=last)
        chart.series.append(Series(values, title=name))
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    _axes(chart)
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"
        chart.y_axis.crosses = "max"
        chart.width = 18
        chart.height = min(25.0, max(11.0, 0.8 * (last - first + 1) + 4))
    else:
        chart.width, chart.height = 25, 14
    return chart


def line_chart(ws: Worksheet, title: str, header_row: int, last: int) -> LineChart:
    """The months' received and closed tickets (columns B and C, month names in A)."""
    chart = LineChart()
    chart.title = title
    chart.y_axis.title = "件"
    chart.width, chart.height = 17, 11
    data = Reference(ws, min_col=2, max_col=3, min_row=header_row, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last))
    _axes(chart)
    return chart


def add_chart_sheet(wb, table: Worksheet, pages: ChartPages, title: str) -> Worksheet | None:
    """A sheet named after ``table`` + 图表 right after it, each chart on its own page (A4,
    portrait when the charts are horizontal bars); None when there is no chart."""
    if not pages.charts:
        return None
    ws = wb.create_sheet(f"{table.title}{CHART_SHEET_SUFFIX}", wb.index(table) + 1)
    landscape = pages.landscape
    page_w, page_h = print_layout.printable_pt(landscape)
    columns = int(page_w // print_layout.column_pt(_COLUMN_WIDTH))
    for index in range(1, columns + 1):
        ws.column_dimensions[get_column_letter(index)].width = _COLUMN_WIDTH
    rows_per_page = int(page_h // print_layout.DEFAULT_ROW_PT)
    row = 1
    for index, chart in enumerate(pages.charts):
        if index:
            ws.row_breaks.append(Break(id=row - 1))
        ws.add_chart(chart, f"A{row}")
        row += rows_per_page
    for r in range(1, row):
        ws.row_dimensions[r].height = print_layout.DEFAULT_ROW_PT
    # Fitted to the page width, no print area: the printed range ends at the chart's right
    # edge rounded up to a narrow column, so the chart prints at about its own size whatever
    # width a program gives a character (LibreOffice without Calibri: a fifth more than Excel).
    print_layout.set_paper(ws, title, landscape=landscape)
    return ws
