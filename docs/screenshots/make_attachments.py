"""Screenshots of the detail panel's photos and documents (issue 10) at 1366x768 and 1920x1080
(zh_CN), and of the review dialog showing the files before closing.

    GRIDCENTER_DEMO_PASSWORD=demo-pass-2026 uv run gridcenter demo --db /tmp/demo.sqlite3
    QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/make_attachments.py /tmp/demo.sqlite3

The demo's operator adds two site photos and a PDF to the first ticket awaiting review (as the
detail panel would: thumbnails made by ui.attachment_jobs), then the window shows that ticket.
Writes attachments-detail-1366x768.png, attachments-detail-1920x1080.png and
attachments-review-dialog.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.db.engine import make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.intake.attachments import NewAttachment, add_attachments
from gridcenter_desktop.ui.app import _make_context, settle
from gridcenter_desktop.ui.attachment_jobs import make_thumbnail
from gridcenter_desktop.ui.i18n import install_translators
from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.layout import apply_default_layout
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.settings import Settings
from gridcenter_desktop.ui.signing_in import screenshot_sign_in
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog

OUT = Path(__file__).resolve().parent


def site_photo(caption: str, water: str, litter: bool) -> bytes:
    """A 1600x1200 JPEG standing in for a phone photo of a river bank."""
    image = QImage(1600, 1200, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    sky = QLinearGradient(QPointF(0, 0), QPointF(0, 600))
    sky.setColorAt(0, QColor("#9cc7e8"))
    sky.setColorAt(1, QColor("#e4eef5"))
    painter.fillRect(QRectF(0, 0, 1600, 600), sky)
    painter.fillRect(QRectF(0, 520, 1600, 160), QColor("#5d8a4a"))
    painter.fillRect(QRectF(0, 680, 1600, 520), QColor(water))
    if litter:
        painter.setBrush(QColor("#d9d4c7"))
        for x, y in ((300, 800), (520, 900), (900, 760), (1180, 980), (1350, 840)):
            painter.drawEllipse(QRectF(x, y, 120, 60))
    font = QFont()
    font.setPixelSize(90)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 1040, 1560, 140), Qt.AlignmentFlag.AlignRight, caption)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(buffer.data())


def report_pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n" * 400


def add_files(factory, now) -> int:
    with factory() as s:
        operator = s.scalars(select(User).where(User.role == UserRole.OPERATOR)).first()
        actor = Actor(operator.id, UserRole.OPERATOR, operator.display_name)
        ticket = s.scalars(
            select(Ticket)
            .where(Ticket.status == TicketStatus.AWAITING_REVIEW)
            .order_by(Ticket.created_at.desc())
        ).first()
        before = site_photo("整改前", "#6b6a3c", True)
        after = site_photo("整改后", "#3f6f86", False)
        add_attachments(
            s,
            actor,
            ticket.id,
            ticket.version,
            [
                NewAttachment("整改前-河道垃圾.jpg", before, make_thumbnail(before)),
                NewAttachment("整改后-已清理.jpg", after, make_thumbnail(after)),
                NewAttachment("河道保洁整改情况说明.pdf", report_pdf()),
            ],
            now=now,
        )
        return ticket.id


def main(db_path: str) -> None:
    app = QApplication(sys.argv)
    translators = install_translators(app, "zh_CN")  # noqa: F841 - kept alive
    url = f"sqlite:///{db_path}"
    settings = Settings.at(Path(tempfile.mkdtemp()) / "settings.ini")
    runner = JobRunner()
    engine, actor, signed_in = screenshot_sign_in(url, None, None)
    context = _make_context(url, settings, engine, actor, runner, signed_in=signed_in)
    ticket_id = add_files(make_session_factory(engine), context.now())
    window = MainWindow(context)
    for width, height in ((1366, 768), (1920, 1080)):
        window.resize(width, height)
        apply_default_layout(window)
        window.show()
        settle(app, runner)
        context.bus.sig_ticket_selected.emit(ticket_id)
        settle(app, runner)
        detail = window.dock_widget("dock.detail")
        if height < 1000:  # the default layout's detail panel is short: scrolled to the files
            detail.scroll_area.verticalScrollBar().setValue(detail.files_box.y())
        else:
            detail.scroll_area.verticalScrollBar().setValue(0)
        settle(app, runner)
        window.grab().save(str(OUT / f"attachments-detail-{width}x{height}.png"))
    # The supervisor's review dialog, as the operator's window would open it for a supervisor.
    context.actor = Actor(None, UserRole.SUPERVISOR, "值班长")
    dialog = ActionDialog(context, EventAction.CLOSE, detail.detail, [], window)
    dialog.show()
    settle(app, runner)
    dialog.grab().save(str(OUT / "attachments-review-dialog.png"))
    dialog.close()
    window.close()
    context.engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
