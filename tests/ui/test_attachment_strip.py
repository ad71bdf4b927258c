"""The detail panel's photos and documents: a dropped photo shows as its thumbnail and in the
timeline, a renamed program is refused with a sentence, opening hands the file to the system
viewer (faked only at QDesktopServices), removing works while the ticket is open and is not
offered once it is closed; the feedback carries files and the reviewer sees them."""

from __future__ import annotations

import stat
from pathlib import Path

import desk_data
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from test_detail_dock import _dock

from gridcenter_desktop.core.enums import AssignmentStatus, EventAction, TicketStatus, UserRole
from gridcenter_desktop.db.ticket import Assignment
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake import attachments as att
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.ui import attachments as strip_module
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog

desk = desk_data.desk
desk_template = desk_data.desk_template

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _photo(path: Path, colour: str = "#2a7ab0") -> Path:
    image = QImage(1200, 900, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "JPEG")
    return path


def _drop(widget, paths: list[Path]) -> bool:
    """Drag the files over ``widget`` and drop them, as the file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def _operator(ids):
    return Actor(ids.operator, UserRole.OPERATOR, "王调度")


def test_a_dropped_photo_shows_as_its_thumbnail_and_in_the_timeline(
    qtbot, make_context, desk, tmp_path
):
    url, ids = desk
    ctx = make_context(url, _operator(ids))
    dock = _dock(qtbot, ctx, ids.tickets["饭店油烟扰民"])
    strip = dock.attachments
    assert strip.names() == [] and strip.empty.isVisibleTo(dock)
    photo = _photo(tmp_path / "油烟现场.jpg")
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        assert _drop(strip, [photo, tmp_path / "missing.jpg"])
    ctx.jobs.wait_idle()
    assert strip.names() == ["油烟现场.jpg"]
    assert strip.has_thumbnail(0)
    icon = strip.list.item(0).icon().pixmap(strip.list.iconSize())
    assert icon.width() == strip.list.iconSize().width()  # 4:3 photo fills the icon's width
    last = dock.timeline_rows()[-1]
    assert last[2] == labels.event_action_label(EventAction.ATTACH) and "油烟现场.jpg" in last[4]
    with ctx.session_factory() as s:
        [info] = att.list_attachments(s, ctx.actor, ids.tickets["饭店油烟扰民"])
    assert info.size == photo.stat().st_size and info.thumbnail


def test_a_renamed_program_is_refused_with_a_sentence(qtbot, make_context, desk, tmp_path):
    url, ids = desk
    ctx = make_context(url, _operator(ids))
    dock = _dock(qtbot, ctx, ids.tickets["饭店油烟扰民"])
    fake = tmp_path / "现场照片.jpg"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    _drop(dock.attachments, [fake])
    ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: dock.attachments.message.isVisibleTo(dock), timeout=10_000)
    expected = labels.error_text(ValidationError("attachment_file", "program"))
    assert dock.attachments.message.text() == expected
    assert dock.attachments.names() == []


def test_open_hands_a_private_copy_to_the_system_viewer(qtbot, make_context, desk, monkeypatch):
    url, ids = desk
    ctx = make_context(url, _operator(ids))
    ticket_id = ids.tickets["饭店油烟扰民"]
    with ctx.session_factory() as s:
        version = get_ticket_detail(s, ticket_id).version
        att.add_attachment(s, ctx.actor, ticket_id, version, att.NewAttachment("整改报告", PDF))
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dock = _dock(qtbot, ctx, ticket_id)
    strip = dock.attachments
    assert not strip.has_thumbnail(0)  # a document shows its type's icon
    strip.list.setCurrentRow(0)
    with qtbot.waitSignal(strip.sig_opened, timeout=10_000):
        strip.open_button.click()
    [url_opened] = opened
    path = Path(url_opened.toLocalFile())
    assert path.read_bytes() == PDF
    assert path.name.endswith("整改报告.pdf")  # the viewer is told it is a PDF
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_file_is_removed_while_open_and_not_offered_once_closed(
    qtbot, make_context, desk, monkeypatch
):
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班"))
    ticket_id = ids.tickets["路灯不亮"]
    with ctx.session_factory() as s:
        version = get_ticket_detail(s, ticket_id).version
        att.add_attachments(
            s,
            ctx.actor,
            ticket_id,
            version,
            [att.NewAttachment("甲.pdf", PDF), att.NewAttachment("乙.pdf", PDF)],
        )
    monkeypatch.setattr(strip_module, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dock = _dock(qtbot, ctx, ticket_id)
    strip = dock.attachments
    assert strip.names() == ["甲.pdf", "乙.pdf"] and strip.remove_button.isVisibleTo(dock)
    strip.list.setCurrentRow(0)
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        strip.remove_button.click()
    ctx.jobs.wait_idle()
    assert strip.names() == ["乙.pdf"]
    assert dock.timeline_rows()[-1][2] == labels.event_action_label(EventAction.DETACH)

    # The reviewer sees the file in the close dialog before closing.
    dock.action_buttons[EventAction.CLOSE].click()
    ctx.jobs.wait_idle()
    dialog = next(d for d in dock.findChildren(ActionDialog) if d.isVisible())
    assert dialog.inputs["shown_files"].names() == ["乙.pdf"]
    assert not dialog.inputs["shown_files"].add_button.isVisibleTo(dialog)
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        dialog.submit()
    ctx.jobs.wait_idle()
    assert dock.field_labels["status"].text() == labels.status_label(TicketStatus.CLOSED)
    assert strip.names() == ["乙.pdf"]
    assert not strip.remove_button.isVisibleTo(dock) and not strip.add_button.isVisibleTo(dock)
    assert strip.open_button.isVisibleTo(dock)
    assert not _drop(strip, [Path(__file__)])


def test_a_viewer_sees_files_but_cannot_add(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(None, UserRole.VIEWER, ""))
    dock = _dock(qtbot, ctx, ids.tickets["饭店油烟扰民"])
    assert not dock.attachments.add_button.isVisibleTo(dock)
    assert not _drop(dock.attachments, [Path(__file__)])


def test_the_feedback_dialog_sends_its_photos_with_the_result(qtbot, make_context, desk, tmp_path):
    url, ids = desk
    ctx = make_context(url, _operator(ids))
    ticket_id = ids.tickets["小区消防通道堵塞"]
    with ctx.session_factory() as s:
        s.add(
            Assignment(
                ticket_id=ticket_id,
                department_id=ids.departments["fire"],
                role="lead",
                status=AssignmentStatus.ACCEPTED,
                created_at=desk_data.NOW,
                accept_by=desk_data.NOW,
                finish_by=desk_data.NOW,
                instructions="",
            )
        )
        s.commit()
    dock = _dock(qtbot, ctx, ticket_id)
    dock.action_buttons[EventAction.FEEDBACK].click()
    ctx.jobs.wait_idle()
    dialog = next(d for d in dock.findChildren(ActionDialog) if d.isVisible())
    dialog.inputs["feedback"].setPlainText("通道已清理")
    files = dialog.inputs["attachments"]
    assert _drop(files, [_photo(tmp_path / "清理后.jpg", "#3c8d40")])
    assert files.paths() == [str(tmp_path / "清理后.jpg")]
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        dialog.submit()
    ctx.jobs.wait_idle()
    assert dock.attachments.names() == ["清理后.jpg"] and dock.attachments.has_thumbnail(0)
    assert "清理后.jpg" in dock.timeline_rows()[-1][4]
