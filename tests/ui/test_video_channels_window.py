"""The video channels window: the list, search and the offline filter, importing a sheet with
its problems shown, opening a stream (QtMultimedia absent: the system's player, faked at the
process boundary only); the register form's channel picker and the detail panel's channel."""

from __future__ import annotations

from datetime import timedelta

import desk_data
import pytest
from desk_data import NOW
from openpyxl import Workbook
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from gridcenter_desktop.core.enums import ChannelStatus, TicketSource, UserRole
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.video_channels import ChannelForm, add_channel, set_channel_status
from gridcenter_desktop.ui import video_player
from gridcenter_desktop.ui.detail_dock import DetailDock
from gridcenter_desktop.ui.register_dialog import RegisterDialog
from gridcenter_desktop.ui.video_channels_window import VideoChannelsWindow

desk = desk_data.desk
desk_template = desk_data.desk_template

pytestmark = pytest.mark.ui


@pytest.fixture
def launched(monkeypatch):
    """What was handed to the system's player: the one process boundary, faked."""
    calls: list[tuple[str, str]] = []

    def fake(url: str, command: str = "") -> bool:
        calls.append((url, command))
        return True

    monkeypatch.setattr(video_player, "hand_to_system_player", fake)
    monkeypatch.delenv(video_player.PLAYER_ENV, raising=False)
    return calls


def _channels(ctx, grid_id=None):
    operator = ctx.actor
    with ctx.session_factory() as s:
        ids = [
            add_channel(
                s,
                operator,
                ChannelForm(
                    number=f"3205060000131000000{n}",
                    name=name,
                    stream_url=f"rtsp://10.50.1.{n}:554/Streaming/Channels/101",
                    owner_unit="光福派出所",
                    grid_id=grid_id,
                ),
                NOW - timedelta(days=3),
            )
            for n, name in enumerate(
                ("光福派出所-福利村口", "光福派出所-香雪路口", "光福派出所-码头"), 1
            )
        ]
        set_channel_status(s, operator, ids[1], ChannelStatus.OFFLINE, NOW - timedelta(days=2))
        set_channel_status(s, operator, ids[2], ChannelStatus.FAULT, NOW - timedelta(hours=3))
    return ids


def _window(qtbot, ctx):
    window = VideoChannelsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    ctx.jobs.wait_idle()
    return window


def _names(window):
    return [window.model.row_at(r).name for r in range(window.model.rowCount())]


def test_list_search_and_offline_filter(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    _channels(ctx)
    window = _window(qtbot, ctx)
    assert window.model.rowCount() == 3
    assert window.count.text().startswith("3")
    window.search.setText("香雪")
    ctx.jobs.wait_idle()
    assert _names(window) == ["光福派出所-香雪路口"]
    window.search.clear()
    window.offline_only.setChecked(True)
    ctx.jobs.wait_idle()
    # The faulty one has been down three hours only: not yet a day.
    assert _names(window) == ["光福派出所-香雪路口"]


def test_open_without_qtmultimedia_hands_the_url_to_the_system_player(
    qtbot, make_context, desk, launched, monkeypatch
):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    _channels(ctx)
    monkeypatch.setattr(video_player, "multimedia_available", lambda: False)
    window = _window(qtbot, ctx)
    window.table.selectRow(0)
    assert window.open_selected() == video_player.SYSTEM
    assert launched == [("rtsp://10.50.1.1:554/Streaming/Channels/101", "")]
    # A player configured at this desk is the one started.
    ctx.settings.qsettings.setValue(video_player.PLAYER_KEY, "vlc --no-audio")
    window.open_selected()
    assert launched[-1] == ("rtsp://10.50.1.1:554/Streaming/Channels/101", "vlc --no-audio")


def test_no_player_for_the_address_is_said_and_the_address_copied(
    qtbot, make_context, desk, monkeypatch
):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    _channels(ctx)
    monkeypatch.setattr(video_player, "multimedia_available", lambda: False)
    monkeypatch.setattr(video_player, "hand_to_system_player", lambda url, command="": False)
    monkeypatch.delenv(video_player.PLAYER_ENV, raising=False)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    window = _window(qtbot, ctx)
    window.table.selectRow(0)
    assert window.open_selected() == ""
    stream = "rtsp://10.50.1.1:554/Streaming/Channels/101"
    assert told and stream in told[0]
    assert QGuiApplication.clipboard().text() == stream


def test_import_shows_problems_and_writes_nothing_then_imports(qtbot, make_context, desk, tmp_path):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    window = _window(qtbot, ctx)
    wb = Workbook()
    wb.active.append(["通道编号", "通道名称", "经度", "纬度", "网格", "状态"])
    wb.active.append(["3205060001", "光福派出所-新桥", 120.41, 31.29, "迂里村第一网格", "在线"])
    wb.active.append(["3205060002", "光福派出所-老街", "北纬", 31.29, "", "在线"])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    window.import_from(bad)
    ctx.jobs.wait_idle()
    assert window.message.text()
    assert window.model.rowCount() == 0
    box = window.findChild(QMessageBox, "video_channels_problems")
    assert box is not None and "3" in box.informativeText()  # row 3, the longitude
    box.close()
    wb.active.delete_rows(3)
    good = tmp_path / "good.xlsx"
    wb.save(good)
    window.import_from(good)
    ctx.jobs.wait_idle()
    ctx.jobs.wait_idle()
    assert _names(window) == ["光福派出所-新桥"]
    assert window.model.data(window.model.index(0, 2)).endswith("迂里村第一网格")


def test_register_a_video_ticket_with_its_channel_and_see_it_in_the_detail(
    qtbot, make_context, desk, launched, monkeypatch
):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    channel_ids = _channels(ctx, ids.grids[1])
    dialog = RegisterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    ctx.jobs.wait_idle()
    assert not dialog.video_channel.isVisibleTo(dialog)
    dialog.source.setCurrentIndex(dialog.source.findData(TicketSource.VIDEO.value))
    ctx.jobs.wait_idle()
    assert dialog.video_channel.isVisibleTo(dialog)
    assert dialog.video_channel.count() == 4  # the empty choice and the three channels
    dialog.video_channel.setCurrentIndex(dialog.video_channel.findData(channel_ids[0]))
    dialog.category.setCurrentIndex(dialog.category.findData("city_management"))
    dialog.title.setText("占道经营")
    assert dialog.grid.currentData() == ids.grids[1]  # the channel's grid
    dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.registered is not None, dialog.message.text()
    with ctx.session_factory() as s:
        ticket = s.scalars(select(Ticket).where(Ticket.id == dialog.registered.id)).one()
        assert ticket.video_channel_id == channel_ids[0]

    monkeypatch.setattr(video_player, "multimedia_available", lambda: False)
    dock = DetailDock(ctx)
    qtbot.addWidget(dock)
    dock.show()
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(dialog.registered.id)
    assert dock.video_channel.isVisibleTo(dock)
    assert "光福派出所-福利村口" in dock.video_channel.text.text()
    dock.video_channel.open_button.click()
    assert launched == [("rtsp://10.50.1.1:554/Streaming/Channels/101", "")]
    # A ticket without a channel hides the row.
    with qtbot.waitSignal(dock.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ids.tickets["路灯不亮"])
    assert not dock.video_channel.isVisibleTo(dock)


def test_a_viewer_reads_and_opens_but_neither_marks_nor_imports(
    qtbot, qtmodeltester, make_context, desk, launched, monkeypatch
):
    url, ids = desk
    keeper = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    _channels(keeper)
    ctx = make_context(url, Actor(None, UserRole.VIEWER, "领导"))
    monkeypatch.setattr(video_player, "multimedia_available", lambda: False)
    window = _window(qtbot, ctx)
    qtmodeltester.check(window.model)
    assert window.model.rowCount() == 3
    assert not window.import_button.isVisibleTo(window)
    assert not window.status_button.isVisibleTo(window)
    window.table.selectRow(2)
    assert window.open_selected() == video_player.SYSTEM
    assert launched == [("rtsp://10.50.1.3:554/Streaming/Channels/101", "")]


def test_add_then_edit_a_channel_with_a_refusal_at_its_field(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    window = _window(qtbot, ctx)
    dialog = window.edit_channel(None)
    ctx.jobs.wait_idle()
    dialog.number.setText("32050600001310000099")
    dialog.name.setText("光福派出所-迂里桥头")
    dialog.stream_url.setText("ftp://10.0.0.1/x")
    dialog.grid.setCurrentIndex(dialog.grid.findData(ids.grids[0]))
    dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.errors.message("stream_url")  # refused at its field, dialog still open
    assert dialog.saved is None
    dialog.stream_url.setText("rtsp://10.0.0.1:554/Streaming/Channels/101")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    ctx.jobs.wait_idle()
    assert _names(window) == ["光福派出所-迂里桥头"]
    window.table.selectRow(0)
    edit = window.edit_channel(window.selected())
    ctx.jobs.wait_idle()
    assert edit.grid.currentData() == ids.grids[0]
    edit.status.setCurrentIndex(edit.status.findData(ChannelStatus.FAULT.value))
    with qtbot.waitSignal(edit.accepted, timeout=10_000):
        edit.submit()
    ctx.jobs.wait_idle()
    assert window.model.row_at(0).status is ChannelStatus.FAULT
