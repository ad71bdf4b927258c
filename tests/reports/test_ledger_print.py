"""The ledger on paper: printed through LibreOffice, every page carries the header row, the
columns that print fit A4 landscape at 9 pt or larger, and no cell's text is cut or runs over
its neighbours."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.reports import ledger, print_layout

from .conftest import NOW, insert_report_data
from .pdf_words import WIDE_ONLY, Word, pdf_pages

pytestmark = pytest.mark.office

ROWS = 300
# Titles and addresses of one to four lines in their columns.
TITLES = [
    "路灯不亮",
    "太湖渔港村12组43号西侧企业未规范佩戴防护用品",
    "梅园社区卫生服务站对面夜间施工噪音扰民，居民多次反映仍未整改，要求尽快处理并回复",
    "迂里村第一网格内河道漂浮垃圾较多，影响村容村貌，请尽快组织清理并建立长效保洁机制，"
    "同时对沿河商户加强宣传教育",
]
ADDRESSES = [
    "光福镇某路1号",
    "苏州市吴中区光福镇太湖渔港村12组43号",
    "苏州市吴中区光福镇梅园社区卫生服务站对面香雪路东侧在建工地北门",
]
PAGE_HEIGHT = print_layout.A4_LANDSCAPE_HEIGHT


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """A ledger of 300 rows with long titles and addresses, and its PDF from LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) or poppler-utils is not installed")
        pytest.skip("LibreOffice (soffice) or poppler-utils is not installed")
    from gridcenter_desktop.db import migrate
    from gridcenter_desktop.db.engine import make_engine, make_session_factory

    folder = tmp_path_factory.mktemp("ledger_print")
    engine = make_engine(f"sqlite:///{folder / 'reports.sqlite3'}")
    migrate.upgrade(engine)
    path = folder / "台账.xlsx"
    with make_session_factory(engine)() as session:
        data = insert_report_data(session)
        ids = data.ticket_ids[:8]
        for n, ticket_id in enumerate(ids):
            ticket = session.get(Ticket, ticket_id)
            ticket.title = TITLES[n % len(TITLES)]
            ticket.address = ADDRESSES[n % len(ADDRESSES)]
        session.commit()
        # The same eight tickets over and over: 300 rows of every mix of lengths.
        rows = [ids[n % len(ids)] for n in range(ROWS)]
        ledger.write_ledger(
            session, path, ledger.batched(rows, 50), total=ROWS, period_text="全部工单", now=NOW
        )
    engine.dispose()
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = folder / "台账.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    return load_workbook(path)[ledger.SHEET_NAME], pdf_pages(pdf)


def _expected_pages(ws, slack: float) -> int:
    """Pages of the rows' heights: the page's height inside its margins at the print scale
    (times ``slack``: LibreOffice rounds heights to its own units), the title rows on the
    first page and the header row on every one."""
    margins = ws.page_margins
    room = (PAGE_HEIGHT - (margins.top + margins.bottom) * 72) * 100 / ws.page_setup.scale
    room *= slack
    default = ws.sheet_format.defaultRowHeight

    def height(row):
        return ws.row_dimensions[row].height or default

    header = height(ledger.HEADER_ROW)
    pages, used = 1, sum(height(r) for r in range(1, ledger.HEADER_ROW + 1))
    for row in range(ledger.HEADER_ROW + 1, ws.max_row + 1):
        if used + height(row) > room:
            pages, used = pages + 1, header
        used += height(row)
    return pages


def _column_edges(ws) -> list[tuple[float, float]]:
    """Each printed column's left and right edge on the paper (centred horizontally)."""
    points = print_layout.UNIT_POINTS * ws.page_setup.scale / 100
    widths = [
        ws.column_dimensions[get_column_letter(i)].width * points
        for i in range(1, ledger.PRINTED_COLUMNS + 1)
    ]
    left = (print_layout.A4_LANDSCAPE_WIDTH - sum(widths)) / 2
    edges = []
    for width in widths:
        edges.append((left, left + width))
        left += width
    return edges


def _table_words(ws, page: list[Word]) -> list[Word]:
    """The words of the table from its header row down (the page header and footer and the
    first page's title rows left out)."""
    top = min(w.y0 for w in page if w.text == ledger.HEADERS[0])
    bottom = PAGE_HEIGHT - ws.page_margins.bottom * 72
    return [w for w in page if w.y0 >= top - 1 and w.y1 <= bottom + 1]


def test_every_row_prints_once_on_the_expected_pages_under_the_header(printed):
    ws, pages = printed
    assert _expected_pages(ws, 1.02) <= len(pages) <= _expected_pages(ws, 0.98)
    assert len(pages) > ROWS / 12  # the rows grew with their lines
    printed_headers = list(ledger.HEADERS[: ledger.PRINTED_COLUMNS])
    numbers = []
    first_column = _column_edges(ws)[0]
    for n, page in enumerate(pages, 1):
        texts = [w.text for w in page]
        # The header row repeats; the columns outside the print area never print.
        assert all(h in texts for h in printed_headers), n
        assert not set(ledger.HEADERS[ledger.PRINTED_COLUMNS :]) & set(texts), n
        assert f"第 {n} 页，共 {len(pages)} 页" in " ".join(texts)
        numbers += [
            int(w.text)
            for w in sorted(_table_words(ws, page), key=lambda w: w.y0)
            if w.text.isdigit() and first_column[0] <= w.x0 < first_column[1]
        ]
    assert numbers == list(range(1, ROWS + 1))


def test_printed_text_is_9_points_or_larger(printed):
    ws, pages = printed
    # A CJK character is one em wide: a word of them is as wide as its size times its length.
    sizes = [
        (w.x1 - w.x0) / len(w.text)
        for page in pages
        for w in _table_words(ws, page)
        if WIDE_ONLY.match(w.text)
    ]
    assert len(sizes) > ROWS
    assert min(sizes) >= print_layout.MIN_PRINTED_POINTS - 0.05


def test_no_text_runs_out_of_its_cell(printed):
    ws, pages = printed
    edges = _column_edges(ws)
    for n, page in enumerate(pages, 1):
        by_column: dict[int, list[Word]] = {}
        for word in _table_words(ws, page):
            column = next(i for i, (x0, x1) in enumerate(edges) if x0 - 1 <= word.x0 < x1)
            # Cut or spilling text would reach past its column's right edge.
            assert word.x1 <= edges[column][1] + 0.5, (n, word)
            by_column.setdefault(column, []).append(word)
        # Wrapped lines that outgrew their row would print over the next row's text.
        line = print_layout.MIN_PRINTED_POINTS * 0.8
        for column, words in by_column.items():
            tops = sorted({round(w.y0, 1) for w in words})
            gaps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
            assert min(gaps) >= line, (n, ledger.HEADERS[column])


def test_every_printed_cell_prints_whole(printed):
    ws, pages = printed
    edges = _column_edges(ws)
    values = [
        [
            "" if v is None else f"{v:%Y-%m-%d%H:%M}" if isinstance(v, datetime) else str(v)
            for v in row
        ]
        for row in ws.iter_rows(
            min_row=ledger.HEADER_ROW + 1, max_col=ledger.PRINTED_COLUMNS, values_only=True
        )
    ]
    for n, page in enumerate(pages, 1):
        words = sorted(_table_words(ws, page), key=lambda w: (round(w.y0, 1), w.x0))
        numbers = [int(w.text) for w in words if w.text.isdigit() and w.x0 < edges[0][1]]
        rows = values[numbers[0] - 1 : numbers[-1]]
        for column, (x0, x1) in enumerate(edges):
            # The column's words top to bottom are its header and its cells' whole texts:
            # a clipped text loses characters, wrapped lines keep them all.
            printed_text = "".join(w.text for w in words if x0 - 1 <= w.x0 < x1)
            expected = ledger.HEADERS[column] + "".join(row[column] for row in rows)
            assert printed_text == expected, (n, ledger.HEADERS[column])
