"""Print preview and print of the paper forms (reports/paper.py): the ticket's handling form
(Ctrl+P), its rectification notice and the ledger of the current view.

The content is built in a background job (reports/handling_form.py, printed_notice.py,
printed_ledger.py); here it is laid out with QTextDocument on an A4 QPrinter, page by page,
with the running head above pages 2 and on and "第 N 页 共 M 页" at the foot of each, and
shown in QPrintPreviewDialog (from which it prints or saves a PDF).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QMarginsF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPen,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar, QToolButton, QWidget

from gridcenter_desktop.reports.paper import Paper, page_footer
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.settings import Settings

# 宋体 first, as official forms are set on Windows; the Linux desktops' CJK fonts after it.
FONT_FAMILIES = [
    "SimSun",
    "宋体",
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
]
# The preview's size the first time: a whole A4 page readable, portrait or landscape...
PREVIEW_SIZE = (900, 1000)
PREVIEW_SIZE_LANDSCAPE = (1100, 760)
# ...but never more of the screen than this share of it (a 1366x768 laptop shows it whole).
PREVIEW_SCREEN_SHARE = 0.9
MARGINS_MM = QMarginsF(15, 12, 15, 12)
HEAD_PT = 16  # the running head's band at the top of each page
FOOT_PT = 16  # the page number's band at the foot


def paper_font(points: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    return font


def paper_palette() -> QPalette:
    """The colours paper is printed in: black text on white, as on the light theme."""
    palette = QPalette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor(Qt.GlobalColor.black))
    palette.setColor(QPalette.ColorRole.Base, QColor(Qt.GlobalColor.white))
    return palette


def make_printer(paper: Paper, printer: QPrinter | None = None) -> QPrinter:
    """An A4 printer set up for ``paper`` (its orientation, margins and name)."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    orientation = (
        QPageLayout.Orientation.Landscape if paper.landscape else (QPageLayout.Orientation.Portrait)
    )
    printer.setPageOrientation(orientation)
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    printer.setDocName(paper.name)
    return printer


def _bands(printer: QPrinter) -> tuple[QRectF, float, float]:
    """The printable rect (device pixels), the head's and the foot's heights."""
    rect = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
    scale = printer.resolution() / 72.0
    return rect, HEAD_PT * scale, FOOT_PT * scale


def layout_document(paper: Paper, printer: QPrinter) -> QTextDocument:
    """``paper`` laid out in one column as wide as the printer's page (the pages are cut
    from it by ``paginate``)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(printer)
    doc.setDefaultFont(paper_font(paper.font_pt))
    doc.setDocumentMargin(0)
    doc.setHtml(paper.html)
    rect, _head, _foot = _bands(printer)
    doc.setTextWidth(rect.width())
    return doc


@dataclass(frozen=True, slots=True)
class Slice:
    """One page: the document from ``top`` to ``bottom``, under the repeated header rows
    ``header`` (top, bottom) of the table it continues, if any."""

    top: float
    bottom: float
    header: tuple[float, float] | None = None


@dataclass(slots=True)
class _Table:
    top: float
    bottom: float
    header_bottom: float | None  # where its header rows end (None: no header)
    rows: list[float]  # the cut between each row and the next
    # The header it repeats on a new page: its own, or that of the table it continues.
    continued: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if self.header_bottom is not None:
            self.continued = (self.top, self.header_bottom)


def _tables(doc: QTextDocument) -> dict[int, _Table]:
    """Each table's extent and the cuts between its rows (half-way between one row's text
    and the next's: on the rule between them)."""
    layout = doc.documentLayout()
    tables: dict[int, _Table] = {}
    block = doc.begin()
    seen: set[int] = set()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None and table.firstPosition() not in seen:
            seen.add(table.firstPosition())
            frame = layout.frameBoundingRect(table)
            tops, bottoms = [], []
            for r in range(table.rows()):
                top, bottom = float("inf"), 0.0
                for c in range(table.columns()):
                    cell = table.cellAt(r, c)
                    first = layout.blockBoundingRect(cell.firstCursorPosition().block())
                    last = layout.blockBoundingRect(cell.lastCursorPosition().block())
                    top, bottom = min(top, first.top()), max(bottom, last.bottom())
                tops.append(top)
                bottoms.append(bottom)
            cuts = [(bottoms[r - 1] + tops[r]) / 2 for r in range(1, table.rows())]
            headers = table.format().headerRowCount()
            tables[table.firstPosition()] = _Table(
                top=frame.top(),
                bottom=frame.bottom(),
                header_bottom=cuts[headers - 1] if 0 < headers <= len(cuts) else None,
                rows=cuts[headers:] if headers else cuts,
            )
        block = block.next()
    _continue_headers(list(tables.values()))
    return tables


def _continue_headers(tables: list[_Table]) -> None:
    """A table right under one with a header (no gap: a long ledger is set as several) is
    its continuation: it repeats that header on its pages, and a page may end between
    them."""
    tables.sort(key=lambda t: t.top)
    for previous, table in zip(tables, tables[1:], strict=False):
        if table.header_bottom is None and previous.continued is not None:
            if table.top - previous.bottom < 4:
                table.continued = previous.continued
                table.rows.insert(0, table.top)


def _header_for(tables: dict[int, _Table], top: float) -> tuple[float, float] | None:
    """The header rows to repeat above a page that starts at ``top``."""
    for table in tables.values():
        if table.continued is None or not table.top - 0.5 <= top < table.bottom:
            continue
        if top > table.continued[1]:  # below the header: a page the table runs onto
            return table.continued
    return None


def _cuts(doc: QTextDocument, tables: dict[int, _Table]) -> list[float]:
    """Where a page may end: between lines of a paragraph, between table rows (never right
    after a table's header, nor between a heading and its table), and at the end."""
    layout = doc.documentLayout()
    cuts: list[float] = []
    block = doc.begin()
    while block.isValid():
        if QTextCursor(block).currentTable() is None:
            rect = layout.blockBoundingRect(block)
            lines = block.layout()
            cuts.extend(rect.top() + lines.lineAt(n).y() for n in range(lines.lineCount()))
        block = block.next()
    inside = [(t.top, t.bottom) for t in tables.values()]
    # A cut at a table's top would leave the heading above it alone at a page's foot.
    cuts = [y for y in cuts if not any(top - 1 <= y <= bottom for top, bottom in inside)]
    for table in tables.values():
        # Not right under the header: it would stand alone at the page's foot.
        cuts.extend(table.rows[1:] if table.header_bottom is not None else table.rows)
    cuts.append(layout.documentSize().height())
    return sorted(set(cuts))


def paginate(doc: QTextDocument, height: float, first: float | None = None) -> list[Slice]:
    """The pages of ``doc`` (laid out by ``layout_document``) for a body ``height`` tall: no
    table row is split across pages unless it alone is taller than a page, and a table that
    runs onto a new page repeats its header rows there. The first page may be ``first``
    tall (it has no running head)."""
    tables = _tables(doc)
    cuts = _cuts(doc, tables)
    end = doc.documentLayout().documentSize().height()
    pages: list[Slice] = []
    top = 0.0
    while top < end - 0.5:
        header = _header_for(tables, top)
        room = (first if first and not pages else height) - (
            header[1] - header[0] if header else 0.0
        )
        fitting = [y for y in cuts if top < y <= top + room]
        bottom = fitting[-1] if fitting else top + room  # a row taller than a page
        pages.append(Slice(top, min(bottom, end), header))
        top = bottom
    return pages or [Slice(0.0, 0.0)]


def page_count(paper: Paper, printer: QPrinter | None = None) -> int:
    """How many pages ``paper`` takes."""
    printer = make_printer(paper, printer or QPrinter(QPrinter.PrinterMode.HighResolution))
    rect, head, foot = _bands(printer)
    body = rect.height() - head - foot
    return len(paginate(layout_document(paper, printer), body, body + head))


def _draw(doc: QTextDocument, painter: QPainter, top: float, bottom: float, at: float) -> None:
    """The document from ``top`` to ``bottom`` drawn with ``top`` at the page's ``at``."""
    painter.save()
    painter.translate(0, at - top)
    context = QAbstractTextDocumentLayout.PaintContext()
    # Ink on paper: black text whatever the desk's theme (the context starts from the
    # application's palette, whose text is light grey on the dark theme).
    context.palette = paper_palette()
    # A hair more than the cut: the rule under the page's last row is drawn.
    context.clip = QRectF(0, top, doc.textWidth(), bottom - top + 2)
    painter.setClipRect(context.clip)
    doc.documentLayout().draw(painter, context)
    painter.restore()


def render(paper: Paper, printer: QPrinter, cache: dict | None = None) -> int:
    """Print ``paper`` on ``printer`` (a real one, a PDF or the preview's); the page count.
    ``cache`` keeps the layout for the next time on the same page size (the preview paints
    again on every change of its view; a long ledger takes seconds to lay out)."""
    make_printer(paper, printer)
    rect, head, foot = _bands(printer)
    body = rect.height() - head - foot
    width = rect.width()
    key = (printer.resolution(), round(width), round(body))
    if cache is not None and key in cache:
        doc, pages = cache[key]
    else:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            doc = layout_document(paper, printer)
            pages = paginate(doc, body, body + head)
        finally:
            QApplication.restoreOverrideCursor()
        if cache is not None:
            cache.clear()
            cache[key] = (doc, pages)
    painter = QPainter(printer)
    try:
        small = paper_font(9)
        for number, page in enumerate(pages, 1):
            if number > 1:
                printer.newPage()
            at = head if number > 1 else 0.0  # the first page has no running head
            if page.header is not None:
                _draw(doc, painter, page.header[0], page.header[1], at)
                at += page.header[1] - page.header[0]
            _draw(doc, painter, page.top, page.bottom, at)
            painter.setFont(small)
            painter.setPen(QPen(Qt.GlobalColor.black))
            if number > 1 and paper.running_head:
                band = QRectF(0, 0, width, head * 0.85)
                align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(band, align, paper.running_head)
                painter.drawLine(band.bottomLeft(), band.bottomRight())
            painter.drawText(
                QRectF(0, head + body, width, foot),
                Qt.AlignmentFlag.AlignCenter,
                page_footer(number, len(pages)),
            )
    finally:
        painter.end()
    return len(pages)


def print_to_pdf(paper: Paper, path: str) -> int:
    """Write ``paper`` as a PDF file at ``path`` (tests, and a look at the pages); the page
    count."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    return render(paper, printer)


def preview_geometry(wanted: tuple[int, int], available: QRect) -> QRect:
    """Where the preview opens the first time: ``wanted`` made to fit within
    PREVIEW_SCREEN_SHARE of the screen's ``available`` area, centred on it."""
    width = min(wanted[0], int(available.width() * PREVIEW_SCREEN_SHARE))
    height = min(wanted[1], int(available.height() * PREVIEW_SCREEN_SHARE))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


class PaperPreviewDialog(QPrintPreviewDialog):
    """The preview of one paper; printing from it prints the same pages. Ctrl+P prints (as
    the toolbar's print button), the toolbar is reached with Tab, Esc closes it. With
    ``settings`` it opens where and as large as it was last left."""

    def __init__(
        self, paper: Paper, parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        self.printer = make_printer(paper)
        super().__init__(self.printer, parent)
        self.paper = paper
        self.setObjectName("paper_preview")
        self.setWindowTitle(self.tr("Print preview: {name}").format(name=paper.name))
        self._layouts: dict = {}
        self.paintRequested.connect(lambda printer: render(self.paper, printer, self._layouts))
        self.print_action = self._print_action()
        self._keyboard()
        self._place(parent)
        if settings is not None:
            # One saved geometry per orientation: a landscape ledger wants a wider window.
            name = "print_preview_landscape" if paper.landscape else "print_preview"
            remember_geometry(self, settings, name)

    def _print_action(self) -> QAction | None:
        """The toolbar's print action (Qt's own: it opens the print dialog, then prints)."""
        toolbar = self.findChild(QToolBar)
        if toolbar is None:
            return None
        # Qt's own catalogue's wording (a context in a variable: not one of our strings).
        qt_context = "QPrintPreviewDialog"
        text = QCoreApplication.translate(qt_context, "Print")
        actions = [a for a in toolbar.actions() if not a.isSeparator()]
        found = [a for a in actions if a.text() == text]
        # Qt puts it last; its text may be translated by a Qt catalogue of another wording.
        return found[0] if found else (actions[-1] if actions else None)

    def _keyboard(self) -> None:
        if self.print_action is not None:
            self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
            self.print_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            key = self.print_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.print_action.setToolTip(self.tr("Print ({key})").format(key=key))
        # Qt's toolbar buttons take no focus: without the mouse they could not be reached.
        for button in self.findChildren(QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def _place(self, parent: QWidget | None) -> None:
        screen = parent.screen() if parent is not None else None
        screen = screen or QGuiApplication.primaryScreen()
        wanted = PREVIEW_SIZE_LANDSCAPE if self.paper.landscape else PREVIEW_SIZE
        if screen is None:
            self.resize(*wanted)
            return
        rect = preview_geometry(wanted, screen.availableGeometry())
        self.resize(rect.size())
        self.move(rect.topLeft())


def show_preview(parent: QWidget | None, paper: Paper) -> PaperPreviewDialog:
    """Open the preview of ``paper`` (modal: printing waits for it)."""
    dialog = PaperPreviewDialog(paper, parent)
    dialog.exec()
    return dialog


def show_failure(parent: QWidget | None, exc: BaseException) -> None:
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("Printing", "Print"),
        labels.error_text(exc),
    )
