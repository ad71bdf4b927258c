"""Two desks on one PostgreSQL server: a photo dropped on one desk's detail panel shows, with
its thumbnail, on the other desk's panel (its own engine), and opens there with the same bytes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QImage,
)
from PySide6.QtWidgets import QApplication  # noqa: E402

from gridcenter_desktop.db.engine import make_engine, make_session_factory  # noqa: E402

pytestmark = [pytest.mark.pg, pytest.mark.ui]


def _context(url, actor, settings_path, now):
    from gridcenter_desktop.ui.context import AppContext, EventBus
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings

    engine = make_engine(url)
    factory = make_session_factory(engine)
    return AppContext(
        engine=engine,
        session_factory=factory,
        db_label="pg",
        actor=actor,
        settings=Settings.at(settings_path),
        jobs=JobRunner(factory),
        bus=EventBus(),
        now=lambda: now,
    )


def _drop(widget, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(5, 5), *args)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(5, 5), *args))


def test_a_photo_dropped_at_one_desk_shows_at_the_other(qtbot, pg_town, tmp_path, monkeypatch):
    from gridcenter_desktop.ui.detail_dock import DetailDock

    url = pg_town.sf.kw["bind"].url.render_as_string(hide_password=False)
    ref = pg_town.register()
    photo = tmp_path / "河道现场.jpg"
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a7a3a"))
    assert image.save(str(photo), "JPEG")
    here = _context(url, pg_town.operator, tmp_path / "a.ini", pg_town.now)
    there = _context(url, pg_town.supervisor, tmp_path / "b.ini", pg_town.now)
    try:
        docks = []
        for ctx in (here, there):
            dock = DetailDock(ctx)
            qtbot.addWidget(dock)
            with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
                ctx.bus.sig_ticket_selected.emit(ref.id)
            docks.append(dock)
        with qtbot.waitSignal(docks[0].sig_loaded, timeout=10_000):
            _drop(docks[0].attachments, photo)
        assert docks[0].attachments.names() == ["河道现场.jpg"]
        # The other desk hears of the change (the change feed would say it; here directly).
        with qtbot.waitSignal(docks[1].sig_loaded, timeout=10_000):
            there.bus.sig_tickets_changed.emit([ref.id])
        strip = docks[1].attachments
        assert strip.names() == ["河道现场.jpg"] and strip.has_thumbnail(0)
        opened = []
        monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: opened.append(u) or True)
        strip.list.setCurrentRow(0)
        with qtbot.waitSignal(strip.sig_opened, timeout=10_000):
            strip.open_selected()
        assert Path(opened[0].toLocalFile()).read_bytes() == photo.read_bytes()
    finally:
        for ctx in (here, there):
            assert ctx.jobs.wait_idle(10_000)
            ctx.engine.dispose()
