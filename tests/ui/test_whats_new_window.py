"""What is new (issue 8, item 6): another desk's new ticket, in a SECOND PROCESS, is marked in
the queue until selected, counted in the window title, and an urgent ticket or a 吹哨报到
dispatch raises a notification (offscreen there is no tray: the in-window note)."""

from __future__ import annotations

import other_desk as other_desk_module
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from gridcenter_desktop.core.enums import Priority, UserRole
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.whats_new import Mark
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.queue_model import UNSEEN_ROLE

shared_db = other_desk_module.shared_db
other_desk = other_desk_module.other_desk
watched = other_desk_module.watched


def _row_of(queue, ticket_id):
    return queue.model.row_of_ticket(ticket_id)


def test_another_desks_tickets_are_marked_counted_and_announced(
    qtbot, watched, shared_db, other_desk, monkeypatch
):
    url, ids = shared_db
    ctx = watched(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert ctx.jobs.wait_idle(10_000)
    base_title = window.windowTitle()
    queue = window.dock_widget("dock.queue")
    news = window.whats_new
    assert news.tray is None  # offscreen: no system tray, and nothing breaks
    other_desk_module.wait_listening(qtbot)

    # An urgent ticket from another desk: marked, counted, announced; no sound (off).
    urgent = other_desk.act(
        url, "register", 0, ids.supervisor, UserRole.SUPERVISOR, "李值班",
        title="化工厂异味", priority=Priority.URGENT.value, grid_id=ids.grids[0],
    )  # fmt: skip
    qtbot.waitUntil(lambda: "(1 new)" in window.windowTitle(), timeout=10_000)
    qtbot.waitUntil(lambda: _row_of(queue, urgent) is not None, timeout=10_000)
    row = _row_of(queue, urgent)
    index = queue.model.index(row, 0)
    assert queue.model.data(index, UNSEEN_ROLE) is Mark.NEW
    assert queue.model.data(index, Qt.ItemDataRole.FontRole).bold()
    assert queue.model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    assert "李值班" in queue.model.data(index, Qt.ItemDataRole.ToolTipRole)
    toast = news.toast.text()
    assert "化工厂异味" in toast and "李值班" in toast
    assert beeps == []
    assert window.focusWidget() is not news.toast  # the note never takes the keyboard

    # With the sound on, the next new ticket beeps; a whistle dispatch is announced.
    news.sound_action.setChecked(True)
    assert ctx.settings.news_sound
    other_desk.act(
        url, "register", 0, ids.supervisor, UserRole.SUPERVISOR, "李值班", title="路面塌陷"
    )
    qtbot.waitUntil(lambda: "(2 new)" in window.windowTitle(), timeout=10_000)
    assert beeps == [1]
    whistled = ids.tickets["夜间施工噪音扰民"]
    other_desk.act(url, "whistle", whistled, ids.supervisor, UserRole.SUPERVISOR, "李值班")
    qtbot.waitUntil(lambda: "夜间施工噪音扰民" in news.toast.text(), timeout=10_000)
    assert news.news.unseen(whistled).mark is Mark.CHANGED
    assert "(2 new)" in window.windowTitle()  # changed tickets are marked, not counted

    # Selecting the urgent ticket is seeing it: its mark goes and the count drops.
    queue.table.selectionModel().setCurrentIndex(
        queue.model.index(_row_of(queue, urgent), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.waitUntil(lambda: "(1 new)" in window.windowTitle(), timeout=5_000)
    index = queue.model.index(_row_of(queue, urgent), 0)
    assert queue.model.data(index, UNSEEN_ROLE) is None
    assert not queue.model.data(index, Qt.ItemDataRole.FontRole)
    assert base_title in window.windowTitle()
    ctx.jobs.wait_idle()
    window.close()
