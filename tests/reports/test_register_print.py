"""The registers, the notice register and the audit log on paper: printed through LibreOffice,
they take pages across, numbered across first, every page carries the header row and the
record's identifying columns, the text prints at 9 pt or larger and no word runs past its
column's edge."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

import pytest
from openpyxl import load_workbook

from gridcenter_desktop.core.enums import RegisterKind
from gridcenter_desktop.reports import audit_log, notice_register, print_layout, registers
from gridcenter_desktop.services.registers.query import RegisterQuery
from tests.registers.town import TODAY, build_register_town

from .paper_registers import add_long_registers, audit_rows, notice_rows
from .pdf_words import WIDE_ONLY, Word, pdf_pages
from .test_register_paper import NOW

pytestmark = pytest.mark.office

ROWS = 40


@dataclass(frozen=True)
class Printed:
    ws: object
    header_row: int
    key_columns: int
    pages: list[list[Word]]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Printed]:
    """The three registers (40 long rows each), a notice register and an audit log, and
    their PDFs from LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) or poppler-utils is not installed")
        pytest.skip("LibreOffice (soffice) or poppler-utils is not installed")
    from gridcenter_desktop.db import migrate
    from gridcenter_desktop.db.engine import make_engine, make_session_factory

    folder = tmp_path_factory.mktemp("register_print")
    engine = make_engine(f"sqlite:///{folder / 'registers.sqlite3'}")
    migrate.upgrade(engine)
    sheets = {}
    with make_session_factory(engine)() as session:
        rt = build_register_town(session)
        add_long_registers(session, rt, ROWS)
        for kind in (RegisterKind.SPECIAL_GROUP, RegisterKind.RENTAL, RegisterKind.DANGER):
            path = folder / f"{kind.value}.xlsx"
            registers.export_register(session, rt.admin, kind, RegisterQuery(), path, TODAY)
            sheets[kind.value] = (path, 1, registers.KEY_COLUMNS[kind])
        path = folder / "notices.xlsx"
        notice_register.write_notice_register(path, notice_rows(ROWS), now=NOW)
        sheets["notices"] = (path, notice_register.HEADER_ROW, notice_register.KEY_COLUMNS)
        path = folder / "audit.xlsx"
        audit_log.write_rows(
            session, path, [audit_rows(ROWS)], total=ROWS, description="全部记录", now=NOW
        )
        sheets["audit"] = (path, audit_log.HEADER_ROW, audit_log.KEY_COLUMNS)
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
            *(str(path) for path, _h, _k in sheets.values()),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    out = {}
    for name, (path, header_row, keys) in sheets.items():
        pdf = path.with_suffix(".pdf")
        assert result.returncode == 0 and pdf.exists(), result.stderr
        out[name] = Printed(load_workbook(path).active, header_row, keys, pdf_pages(pdf))
    return out


def _widths(p: Printed) -> list[float]:
    return print_layout.sheet_widths(p.ws, p.ws.max_column)


def _columns_across(p: Printed) -> list[list[int]]:
    """The columns (from 0) each page across holds: whole columns while they fit, the
    identifying ones first on every page after the first."""
    widths = _widths(p)
    room = print_layout.printable_width_units(p.ws.page_setup.scale)
    keys = list(range(p.key_columns))
    pages, used = [[]], 0.0
    for index, width in enumerate(widths):
        if used + width > room:
            pages.append(list(keys))
            used = sum(widths[: p.key_columns])
        pages[-1].append(index)
        used += width
    return pages


def _edges(p: Printed, columns: list[int]) -> dict[int, tuple[float, float]]:
    """Each column's left and right edge on a page holding ``columns`` (from the left
    margin: a sheet on pages across is not centred)."""
    points = print_layout.UNIT_POINTS * p.ws.page_setup.scale / 100
    left = p.ws.page_margins.left * 72
    edges = {}
    for index in columns:
        width = _widths(p)[index] * points
        edges[index] = (left, left + width)
        left += width
    return edges


def _headers(p: Printed) -> list[str]:
    return [c.value for c in p.ws[p.header_row]]


def _table_words(p: Printed, page: list[Word]) -> list[Word]:
    top = min(w.y0 for w in page if w.text == _headers(p)[0])
    bottom = print_layout.A4_LANDSCAPE_HEIGHT - p.ws.page_margins.bottom * 72
    return [w for w in page if w.y0 >= top - 1 and w.y1 <= bottom + 1]


NAMES = ("special_group", "rental", "danger", "notices", "audit")


@pytest.mark.parametrize("name", NAMES)
def test_every_page_carries_the_header_and_the_identifying_columns(printed, name):
    p = printed[name]
    across = _columns_across(p)
    assert len(across) > 1
    assert len(p.pages) % len(across) == 0
    headers = _headers(p)
    for n, page in enumerate(p.pages):
        texts = {w.text for w in page}
        expected = across[n % len(across)]  # numbered across first
        shown = {i for i, h in enumerate(headers) if h in texts}
        # Every header on one line prints on its page, and no other column's.
        one_line = {i for i in expected if print_layout.text_units(headers[i]) <= _widths(p)[i]}
        assert one_line <= shown <= set(expected), (n + 1, sorted(shown))
        assert set(range(p.key_columns)) <= shown, n + 1
        assert f"第 {n + 1} 页，共 {len(p.pages)} 页" in " ".join(w.text for w in page)


def test_a_records_parts_are_on_consecutive_pages(printed):
    """Pages across first: the pages of a row of pages hold the same records."""
    p = printed["special_group"]
    across = len(_columns_across(p))
    name_column = _edges(p, list(range(p.key_columns)))[2]

    def names(page):
        return [
            w.text
            for w in sorted(_table_words(p, page), key=lambda w: w.y0)
            if name_column[0] <= w.x0 < name_column[1]
        ]

    for first in range(0, len(p.pages), across):
        group = [names(p.pages[first + k]) for k in range(across)]
        assert len(group[0]) > 1 and all(g == group[0] for g in group), first + 1


@pytest.mark.parametrize("name", NAMES)
def test_printed_text_is_9_points_or_larger(printed, name):
    p = printed[name]
    # A CJK character is one em wide: a word of them is as wide as its size times its length.
    sizes = [
        (w.x1 - w.x0) / len(w.text)
        for page in p.pages
        for w in _table_words(p, page)
        if WIDE_ONLY.match(w.text)
    ]
    assert len(sizes) > ROWS
    assert min(sizes) >= print_layout.MIN_PRINTED_POINTS - 0.05


@pytest.mark.parametrize("name", NAMES)
def test_no_word_runs_past_its_columns_edge(printed, name):
    p = printed[name]
    across = _columns_across(p)
    for n, page in enumerate(p.pages):
        edges = _edges(p, across[n % len(across)])
        for w in _table_words(p, page):
            column = next((i for i, (a, b) in edges.items() if a - 0.5 <= w.x0 < b), None)
            assert column is not None, (n + 1, w)
            assert w.x1 <= edges[column][1] + 0.5, (n + 1, _headers(p)[column], w.text)
