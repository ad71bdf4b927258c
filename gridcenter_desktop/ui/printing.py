"""Print preview and print of the paper forms (reports/paper.py): the ticket's handling form
(Ctrl+P), its rectification notice and the ledger of the current view.

The content is built in a background job (reports/handling_form.py, printed_notice.py,
printed_ledger.py); here it is laid out with QTextDocument on an A4 QPrinter, page by page,
with the running head above pages 2 and on and "第 N 页 共 M 页" at the foot of each, and
shown in QPrintPreviewDialog (from which it prints or saves a PDF).
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from gridcenter_desktop.reports.paper import Paper, page_footer
from gridcenter_desktop.ui import labels

# 宋体 first, as official forms are set on Windows; the Linux desktops' CJK fonts after it.
FONT_FAMILIES = [
    "SimSun",
    "宋体",
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
]
MARGINS_MM = QMarginsF(15, 12, 15, 12)
HEAD_PT = 16  # the running head's band at the top of each page
FOOT_PT = 16  # the page number's band at the foot


def paper_font(points: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    return font


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
    """``paper`` laid out in pages of the printer's body area (between head and foot)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(printer)
    doc.setDefaultFont(paper_font(paper.font_pt))
    doc.setDocumentMargin(0)
    doc.setHtml(paper.html)
    rect, head, foot = _bands(printer)
    doc.setPageSize(QSizeF(rect.width(), rect.height() - head - foot))
    return doc


def render(paper: Paper, printer: QPrinter) -> int:
    """Print ``paper`` on ``printer`` (a real one, a PDF or the preview's); the page count."""
    make_printer(paper, printer)
    doc = layout_document(paper, printer)
    rect, head, foot = _bands(printer)
    body = doc.pageSize().height()
    width = rect.width()
    pages = doc.pageCount()
    painter = QPainter(printer)
    try:
        small = paper_font(9)
        for page in range(pages):
            if page:
                printer.newPage()
            painter.save()
            painter.translate(0, head - page * body)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * body, width, body)
            painter.setClipRect(context.clip)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(small)
            painter.setPen(QPen(Qt.GlobalColor.black))
            if page and paper.running_head:
                band = QRectF(0, 0, width, head * 0.85)
                align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(band, align, paper.running_head)
                painter.drawLine(band.bottomLeft(), band.bottomRight())
            painter.drawText(
                QRectF(0, head + body, width, foot),
                Qt.AlignmentFlag.AlignCenter,
                page_footer(page + 1, pages),
            )
    finally:
        painter.end()
    return pages


def print_to_pdf(paper: Paper, path: str) -> int:
    """Write ``paper`` as a PDF file at ``path`` (tests, and a look at the pages); the page
    count."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    return render(paper, printer)


class PaperPreviewDialog(QPrintPreviewDialog):
    """The preview of one paper; printing from it prints the same pages."""

    def __init__(self, paper: Paper, parent: QWidget | None = None) -> None:
        self.printer = make_printer(paper)
        super().__init__(self.printer, parent)
        self.paper = paper
        self.setObjectName("paper_preview")
        self.setWindowTitle(self.tr("Print preview: {name}").format(name=paper.name))
        self.paintRequested.connect(lambda printer: render(self.paper, printer))
        self.resize(900, 1000 if not paper.landscape else 760)


def show_preview(parent: QWidget | None, paper: Paper) -> PaperPreviewDialog:
    """Open the preview of ``paper`` (modal: printing waits for it)."""
    dialog = PaperPreviewDialog(paper, parent)
    dialog.exec()
    return dialog


def show_failure(parent: QWidget | None, exc: BaseException) -> None:
    QMessageBox.warning(
        parent,
        QMessageBox.tr("Print"),
        labels.error_text(exc),
    )
