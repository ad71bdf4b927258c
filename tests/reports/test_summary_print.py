"""The statistical report on paper: charts on sheets of their own (no table header printed over
a chart), every one of 48 grids named on the grid chart, long tables shared evenly over A4 pages
with their header repeated, no text wider than its cell; and, through LibreOffice, the PDF's
pages as a reader sees them."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import range_boundaries

from gridcenter_desktop.core.enums import (
    AreaLevel,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.db.models import Area, Ticket
from gridcenter_desktop.reports import cells, print_layout, summary, visits
from gridcenter_desktop.reports.summary_charts import BARS_PER_CHART, CHART_SHEET_SUFFIX, bar_charts

from .conftest import NOW, insert_report_data

FROM, TO = date(2022, 1, 1), date(2022, 10, 25)
GRIDS = 45  # and the fixture's three: 48, as in the demo town
VILLAGES = ("太湖渔港村", "东崦湖社区", "香山社区", "福利村", "迂里村", "梅园社区")
CHART_SHEETS = [
    f"{name}{CHART_SHEET_SUFFIX}"
    for name in (
        summary.BY_CATEGORY,
        summary.BY_VILLAGE,
        summary.BY_GRID,
        summary.BY_DEPARTMENT,
        summary.BY_WORK,
    )
]


def _grid_names() -> list[str]:
    ordinals = "一二三四五六七八"
    return [f"{VILLAGES[i // 8]}第{ordinals[i % 8]}网格" for i in range(GRIDS)]


def _insert_town(session) -> list[str]:
    """The report fixture's data (three grids), and 45 more grids in six villages each with
    1..3 tickets in the period (so the grid table runs over a page and its chart has 48 or
    more bars); returns the 48 grids' names."""
    data = insert_report_data(session)
    town = session.query(Area).filter_by(level=AreaLevel.TOWN).one()
    villages = {}
    names = _grid_names()
    for index, name in enumerate(names):
        village_name = VILLAGES[index // 8]
        village = villages.get(village_name)
        if village is None:
            village = villages[village_name] = Area(
                name=f"{village_name}（全）", level=AreaLevel.VILLAGE, parent=town, sort_order=0
            )
        grid = Area(name=name, level=AreaLevel.GRID, parent=village, sort_order=index)
        session.add(grid)
        session.flush()
        for n in range(1 + index % 3):
            created = datetime(2022, 4, 1, 9) + timedelta(days=index, hours=n)
            session.add(
                Ticket(
                    code=f"GC{created:%Y%m%d}-{9000 + index * 3 + n:04d}",
                    kind=TicketKind.ORDINARY,
                    source=TicketSource.HOTLINE,
                    category="noise",
                    title="网格工单",
                    grid_id=grid.id,
                    priority=Priority.ORDINARY,
                    priority_rank=0,
                    status=TicketStatus.CLOSED,
                    created_at=created,
                    deadline_at=created + timedelta(days=7),
                    due_soon_at=created + timedelta(days=5),
                    closed_at=created + timedelta(days=2),
                    updated_at=created + timedelta(days=2),
                )
            )
    session.commit()
    return [*data.grid_ids, *names]


@pytest.fixture
def town_report(local_session, tmp_path) -> tuple[Path, list[str]]:
    names = _insert_town(local_session)
    path = tmp_path / "统计报告.xlsx"
    summary.write_summary(local_session, path, FROM, TO, now=NOW)
    return path, names


# --- the workbook ------------------------------------------------------------------------


def test_charts_are_on_chart_sheets_that_repeat_no_header(town_report):
    path, _ = town_report
    wb = load_workbook(path)
    for name in CHART_SHEETS:
        table = name.removesuffix(CHART_SHEET_SUFFIX)
        assert wb.sheetnames.index(name) == wb.sheetnames.index(table) + 1
        ws = wb[name]
        assert ws._charts, name
        assert ws.print_title_rows is None, name
        assert all(c.value is None for row in ws.iter_rows() for c in row), name
        # One chart a page: a manual break before each chart after the first.
        assert len(ws.row_breaks.brk) == len(ws._charts) - 1
    for ws in wb.worksheets:
        if ws.title not in CHART_SHEETS and ws.title not in (summary.BY_MONTH, summary.BY_SOURCE):
            assert not ws._charts, ws.title


def test_every_sheet_is_a4_one_page_wide_with_title_and_page_numbers(town_report):
    path, _ = town_report
    wb = load_workbook(path)
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title
        if ws.title == visits.SHEET:
            # Landscape at a fixed scale, one page wide at 9 pt or more (fitted, in portrait,
            # LibreOffice printed it at 7.7 pt).
            widths = print_layout.sheet_widths(ws, len(visits.HEADERS))
            assert print_layout.printed_points(10, ws.page_setup.scale) >= 9, ws.title
            assert print_layout.pages_across(widths, 2, ws.page_setup.scale) == 1, ws.title
            assert ws.page_setup.orientation == "landscape", ws.title
        else:
            assert ws.page_setup.fitToWidth == 1, ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.oddHeader.center.text == wb[summary.COVER]["A1"].value, ws.title
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text, ws.title


def test_the_grid_chart_names_all_48_grids(town_report):
    path, names = town_report
    wb = load_workbook(path)
    (chart,) = wb[f"{summary.BY_GRID}{CHART_SHEET_SUFFIX}"]._charts
    assert len(names) == 48
    assert chart.type == "bar"  # horizontal: the names down the side, one a line
    assert chart.x_axis.tickLblSkip == 1
    assert chart.x_axis.delete is False
    assert chart.x_axis.txPr.p[0].pPr.defRPr.sz >= 900  # 9 pt or larger
    sheet, cells_ref = chart.series[0].cat.numRef.f.split("!")
    assert sheet == f"'{summary.BY_GRID}'"
    column, first, _, last = range_boundaries(cells_ref.replace("$", ""))
    grid_ws = wb[summary.BY_GRID]
    shown = [grid_ws.cell(r, column).value for r in range(first, last + 1)]
    assert set(names) <= set(shown)
    assert "合计" not in shown


def test_the_grid_table_is_shared_evenly_over_pages_with_its_header(town_report):
    path, _ = town_report
    ws = load_workbook(path)[summary.BY_GRID]
    assert ws.print_title_rows == f"${summary.TABLE_TOP}:${summary.TABLE_TOP}"
    breaks = [b.id for b in ws.row_breaks.brk]
    assert breaks, "the table runs over a page"
    last = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value or ws.cell(r, 1).value)
    bounds = [summary.TABLE_TOP, *breaks, last]
    counts = [b - a for a, b in zip(bounds, bounds[1:], strict=False)]
    assert min(counts) >= print_layout.MIN_ROWS_ON_A_PAGE
    assert max(counts) - min(counts) <= 1


def test_short_tables_print_on_one_page_without_breaks(town_report):
    path, _ = town_report
    wb = load_workbook(path)
    for name in (summary.COVER, summary.BY_CATEGORY, summary.BY_VILLAGE, summary.BY_MONTH):
        ws = wb[name]
        assert ws.page_setup.fitToHeight == 1, name
        assert not ws.row_breaks.brk, name


def test_no_cell_text_is_cut(town_report):
    path, _ = town_report
    wb = load_workbook(path)
    for ws in wb.worksheets:
        assert print_layout.cut_cells(ws) == [], ws.title


def test_the_cut_check_sees_a_cut_name_and_a_number_too_wide():
    ws = Workbook().active
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 4
    cells.put(ws, 1, 1, "太湖渔港村第一网格", cells.BODY)  # 18 units in 10
    cells.put(ws, 1, 2, 12345, cells.BODY_INTEGER)  # "12,345" in 4
    cells.put(ws, 2, 1, "太湖渔港村第一网格", cells.BODY_WRAP)  # wrapped: fine
    cut = print_layout.cut_cells(ws)
    assert [c.split()[0] for c in cut] == ["A1", "B1"]


def test_text_width_counts_chinese_as_two():
    assert print_layout.text_width("网格") == 4
    assert print_layout.text_width("A1（%）") == 2 + 2 + 1 + 2


def test_a_long_list_is_split_over_charts_that_name_every_row():
    ws = Workbook().active
    ws.title = "按网格"
    ws.cell(4, 1, "网格")
    ws.cell(4, 2, "受理")
    for row in range(5, 5 + 120):
        ws.cell(row, 1, f"第{row - 4}网格")
        ws.cell(row, 2, row)
    charts = bar_charts(ws, "各网格受理工单", 1, 2, 1, 5, 124, 4)
    assert len(charts) == 3
    named = []
    for chart in charts:
        assert chart.type == "bar" and chart.x_axis.tickLblSkip == 1
        _, first, _, last = range_boundaries(
            chart.series[0].cat.numRef.f.split("!")[1].replace("$", "")
        )
        assert last - first + 1 <= BARS_PER_CHART
        named += [ws.cell(r, 1).value for r in range(first, last + 1)]
    assert named == [f"第{n}网格" for n in range(1, 121)]


@pytest.mark.parametrize("rows", [20, 31, 49, 200, 577])
def test_breaks_leave_no_stray_rows(rows):
    ws = Workbook().active
    for col in range(1, 11):
        ws.column_dimensions[chr(64 + col)].width = 11
    ws.row_dimensions[1].height = 30
    for row in range(4, 5 + rows):
        ws.cell(row, 1, "x")
    pages = print_layout.paginate_table(
        ws, columns=10, header=(4, 4), last=4 + rows, landscape=True
    )
    breaks = [b.id for b in ws.row_breaks.brk]
    assert len(breaks) == pages - 1
    counts = [b - a for a, b in zip([4, *breaks], [*breaks, 4 + rows], strict=True)]
    assert sum(counts) == rows
    assert min(counts) >= print_layout.MIN_ROWS_ON_A_PAGE
    assert max(counts) - min(counts) <= 1
    # Each page's rows fit the page at the scale Excel prints the sheet.
    _, page_h = print_layout.printable_pt(True)
    assert 30 + 3 * 15 + max(counts) * print_layout.BODY_ROW_PT <= page_h


# --- through LibreOffice -----------------------------------------------------------------


def _pdf(source: Path, tmp_path: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:  # CI installs it (.ci/run); a missing tool is a failure, not a skip
        pytest.fail("LibreOffice (soffice) is needed for this test")
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out / f"{source.stem}.pdf"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


HEADER_WORDS = {"村（社区）", "网格", "受理", "办结", "按期办结", "超期办结", "超期未办结",
                "结案率（%）", "按期办结率", "（%）", "平均处理天数", "满意率（%）", "类别",
                "主办部门", "部门", "主办", "协办", "月份", "网格员", "走访户数", "目标户数",
                "覆盖率（%）"}  # fmt: skip


def empty_table_pages(pages: list[str]) -> set[int]:
    """The pages of a table that has no rows at all (the test data has no grid workers, so
    the visit coverage table is empty: its header stands alone, rightly)."""
    return {n for n, page in enumerate(pages, 1) if "网格员走访覆盖情况" in page}


@pytest.mark.office
def test_the_printed_report(town_report, tmp_path):
    path, names = town_report
    pages = _pages(_pdf(path, tmp_path))
    # cover 1, category 1+1, village 1+1, grid 2+1, department 1+1, work 1+1, month 1,
    # source 1, visits 1, registers 2, map 1
    assert len(pages) == 19
    title = "光福镇"
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [ln for ln in lines if title not in ln and "页，共" not in ln]
        # No page holding a table's header and nothing under it.
        assert body, f"page {number} is empty"
        words = {w for ln in body for w in ln.split()}
        assert not words <= HEADER_WORDS, f"page {number} holds only a header: {body}"
        # A table header is followed by a row of figures, never by a chart or nothing.
        for index, line in enumerate(body):
            if ("受理" in line and "满意率（%）" in line) or ("目标户数" in line):
                after = [ln for ln in body[index + 1 :] if ln.strip() != "（%）"][:1]
                figures = [w for w in (after or [""])[0].split() if re.fullmatch(r"[-+\d.,]+", w)]
                assert len(figures) >= 3 or number in empty_table_pages(pages), (
                    f"page {number}: a table header over no rows: {body[index : index + 3]}"
                )
    chart_page = next(p for p in pages if "各网格受理工单" in p)
    missing = [n for n in names if n not in chart_page]
    assert not missing, f"grids not named on the chart: {missing}"
    # The grid table's pages each hold a fair share of its rows.
    table_pages = [p for p in pages if "平均处理天数" in p and any(n in p for n in names)]
    assert len(table_pages) == 2
    for page in table_pages:
        rows = sum(1 for line in page.splitlines() if any(n in line for n in names))
        assert rows >= 20
