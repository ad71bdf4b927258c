"""The printed forms laid out by Qt on A4: a typical ticket's handling form on one page, a
long timeline on more with page numbers, the notice on one page, the ledger landscape; no
text wider than its cell. The PDFs are kept in the test's folder for a look."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.reports.handling_form import handling_form
from gridcenter_desktop.reports.printed_ledger import printed_ledger
from gridcenter_desktop.reports.printed_notice import printed_notice
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

from .conftest import NOW
from .paper_data import add_timeline

pytestmark = pytest.mark.ui

SUPERVISOR = Actor(user_id=None, role=UserRole.SUPERVISOR)


def _pdf(qapp, paper, path):
    from PySide6.QtPrintSupport import QPrinter

    from gridcenter_desktop.ui import printing

    pages = printing.print_to_pdf(paper, str(path))
    printer = printing.make_printer(paper, QPrinter(QPrinter.PrinterMode.HighResolution))
    doc = printing.layout_document(paper, printer)
    return pages, doc, path.read_bytes()


def _overflowing_lines(doc) -> list[str]:
    """Lines whose text is wider than the room the layout gave them (a cut cell), and the
    document wider than the page."""
    cut = []
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            if line.naturalTextWidth() > line.width() + 0.5:
                cut.append(block.text())
        block = block.next()
    if doc.documentLayout().documentSize().width() > doc.textWidth() + 0.5:
        cut.append("<document wider than the page>")
    return cut


def _page_text(data: bytes) -> bool:
    return data.startswith(b"%PDF")


def test_typical_handling_form_is_one_page(qapp, local_session, local_data, tmp_path):
    ticket_id = local_data.ticket_ids[0]
    add_timeline(local_session, ticket_id)
    paper = handling_form(local_session, ticket_id, SUPERVISOR, now=NOW)
    pages, doc, data = _pdf(qapp, paper, tmp_path / "处理单.pdf")
    assert _page_text(data)
    assert pages == 1
    assert _overflowing_lines(doc) == []


def test_long_timeline_flows_onto_numbered_pages(qapp, local_session, local_data, tmp_path):
    from PySide6.QtGui import QTextTable

    ticket_id = local_data.ticket_ids[0]
    add_timeline(local_session, ticket_id, count=80)
    paper = handling_form(local_session, ticket_id, SUPERVISOR, now=NOW)
    pages, doc, _ = _pdf(qapp, paper, tmp_path / "处理单_长.pdf")
    assert pages >= 3
    assert _overflowing_lines(doc) == []
    # The timeline's header row is repeated on every page it runs onto.
    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert tables[-1].format().headerRowCount() == 1
    slices = _slices(paper)
    assert len(slices) == pages
    assert all(page.header is not None for page in slices[1:])
    # Every page ends between two rows (or lines), never inside one.
    from gridcenter_desktop.ui import printing

    cuts = set(printing._cuts(doc, printing._tables(doc)))
    assert all(page.bottom in cuts for page in slices)


def _slices(paper):
    from PySide6.QtPrintSupport import QPrinter

    from gridcenter_desktop.ui import printing

    printer = printing.make_printer(paper, QPrinter(QPrinter.PrinterMode.HighResolution))
    rect, head, foot = printing._bands(printer)
    body = rect.height() - head - foot
    return printing.paginate(printing.layout_document(paper, printer), body, body + head)


def test_page_numbers_count_the_pages():
    from gridcenter_desktop.reports.paper import page_footer

    assert page_footer(2, 3) == "第 2 页 共 3 页"


def test_notice_is_one_page(qapp, local_session, local_data, tmp_path):
    paper = printed_notice(local_session, local_data.ticket_ids[0], now=NOW)
    pages, doc, _ = _pdf(qapp, paper, tmp_path / "通知书.pdf")
    assert pages == 1
    assert _overflowing_lines(doc) == []


def test_ledger_is_landscape_and_nothing_is_cut(qapp, local_session, local_data, tmp_path):
    from PySide6.QtGui import QPageLayout

    from gridcenter_desktop.ui import printing

    paper = printed_ledger(local_session, QueueFilter(), QueueOrder(), now=NOW)
    pages, doc, _ = _pdf(qapp, paper, tmp_path / "台账.pdf")
    assert pages == 1
    assert printing.make_printer(paper).pageLayout().orientation() == (
        QPageLayout.Orientation.Landscape
    )
    assert _overflowing_lines(doc) == []


def _ledger_rows(count: int) -> list[tuple]:
    from datetime import timedelta

    rows = []
    for n in range(1, count + 1):
        at = NOW - timedelta(hours=n)
        rows.append(
            (n, f"GC20221025-{n:04d}", "区集成指挥平台", "一般事项", "市容环境", "一般",
             f"西崦湖社区{n}号楼东侧饭店后厨卫生差，油烟直排，夜间噪声扰民（第{n}次反映）",
             "", "", "西崦湖社区", "西崦湖社区第二网格", f"苏州市吴中区光福镇西崦湖路{n}号",
             at, at, at + timedelta(days=7), "综合执法局光福中队", "", "处理中", None, "否",
             None, "", 0, 0)
        )  # fmt: skip
    return rows


def test_a_long_ledger_repeats_its_header_and_never_cuts_a_row(qapp, tmp_path):
    from gridcenter_desktop.reports.printed_ledger import compose_printed_ledger
    from gridcenter_desktop.ui import printing

    paper = compose_printed_ledger(_ledger_rows(250), "光福镇集成指挥中心", "全部工单", NOW, 250)
    pages, doc, _ = _pdf(qapp, paper, tmp_path / "台账_长.pdf")
    assert pages >= 10
    slices = _slices(paper)
    assert all(page.header is not None for page in slices[1:])
    cuts = set(printing._cuts(doc, printing._tables(doc)))
    assert all(page.bottom in cuts for page in slices)
    assert _overflowing_lines(doc) == []


def test_a_long_unbroken_word_wraps_inside_its_cell(qapp, local_session, local_data, tmp_path):
    from gridcenter_desktop.db.ticket import Ticket

    ticket = local_session.get(Ticket, local_data.ticket_ids[0])
    ticket.title = "https://example.org/" + "a" * 160
    ticket.address = "光福镇" + "9" * 120 + "号"
    local_session.commit()
    paper = handling_form(local_session, ticket.id, SUPERVISOR, now=NOW)
    pages, doc, _ = _pdf(qapp, paper, tmp_path / "处理单_长词.pdf")
    assert pages == 1
    assert _overflowing_lines(doc) == []


def test_the_check_sees_text_wider_than_its_cell(qapp, tmp_path):
    from gridcenter_desktop.reports.paper import Paper

    nowrap = '<td width="10%" style="white-space: nowrap;">' + "很长的不换行文字" * 20 + "</td>"
    paper = Paper(
        name="x", html=f'<table width="100%" border="1"><tr>{nowrap}<td>b</td></tr></table>'
    )
    _pages, doc, _ = _pdf(qapp, paper, tmp_path / "x.pdf")
    assert _overflowing_lines(doc) != []


def test_paper_prints_black_on_the_dark_theme(qapp, tmp_path):
    # The desk's dark palette gives text a light grey; on paper that came out nearly
    # invisible (the ledger's headers blank). Paper is black text whatever the theme.
    import os
    import shutil
    import subprocess

    from PySide6.QtGui import QImage

    from gridcenter_desktop.reports.paper import Paper
    from gridcenter_desktop.ui import printing
    from gridcenter_desktop.ui.appearance import apply_theme

    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("poppler-utils (pdftoppm) is not installed")
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    paper = Paper(name="黑字", html='<p style="font-size: 48pt;">黑字</p>')
    apply_theme("dark", qapp)
    try:
        printing.print_to_pdf(paper, str(tmp_path / "dark.pdf"))
    finally:
        apply_theme("light", qapp)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(tmp_path / "dark.pdf"),
         str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    top = image.copy(0, 0, image.width(), image.height() // 8)  # the text's band
    darkest = min(
        top.pixelColor(x, y).lightness()
        for x in range(0, top.width(), 2)
        for y in range(0, top.height(), 2)
    )
    assert darkest < 80
