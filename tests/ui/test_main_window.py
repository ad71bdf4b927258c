"""The frame: docks declared and toggled from the View menu, actions with their shortcuts,
the layout saved and restored (and the default when the saved one is unusable), status bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from gridcenter_desktop.ui import layout
from gridcenter_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, make_context, small_town):
    url, ids = small_town
    ctx = make_context(url)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    assert ctx.jobs.wait_idle(10_000)
    yield win
    win.close()


def test_docks_are_movable_floatable_closable_and_toggled_from_view(window):
    assert set(window.docks) == {
        "dock.queue",
        "dock.grid_tree",
        "dock.charts",
        "dock.dispatch",
        "dock.detail",
        "dock.map",
    }
    view_actions = {a.objectName(): a for a in window.menus["view"].actions()}
    for name, dock in window.docks.items():
        features = dock.features()
        assert features & QDockWidget.DockWidgetFeature.DockWidgetMovable
        assert features & QDockWidget.DockWidgetFeature.DockWidgetFloatable
        assert features & QDockWidget.DockWidgetFeature.DockWidgetClosable
        toggle = view_actions[f"toggle.{name}"]
        toggle.trigger()
        assert not dock.isVisible()
        toggle.trigger()
        assert dock.isVisible()


def test_actions_have_their_shortcuts_and_export_waits_for_a_handler(window):
    cmds = window.commands
    expected = {
        "view.refresh": "F5",
        "edit.search": "Ctrl+F",
        "ticket.new": "Ctrl+N",
        "file.export": "Ctrl+E",
    }
    for action_id, keys in expected.items():
        assert cmds[action_id].shortcut() == QKeySequence(keys), action_id
    assert cmds["file.export"].isEnabled()  # the export dialog's handler (ui/export_dialog.py)
    called = []
    cmds.set_handler("file.export", lambda: called.append(True))
    assert cmds["file.export"].isEnabled()
    cmds["file.export"].trigger()
    assert called == [True]


def test_refresh_asks_every_dock_to_reload(qtbot, window):
    with qtbot.waitSignal(window.context.bus.sig_tickets_changed, timeout=1000) as blocker:
        window.commands["view.refresh"].trigger()
    assert blocker.args == [[]]
    assert window.context.jobs.wait_idle(10_000)


def test_status_bar_shows_database_user_and_counters(window):
    status = window.status
    assert window.context.db_label in status.db_label.text()
    assert window.context.actor.display_name in status.user_label.text()
    assert status.counts.get("overdue") == 2
    assert "2" in status.overdue_label.text()


def test_layout_round_trip(qtbot, make_context, small_town, window):
    tree = window.docks["dock.grid_tree"]
    window.docks["dock.charts"].hide()
    default_area = window.dockWidgetArea(tree)
    assert default_area != Qt.DockWidgetArea.RightDockWidgetArea
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, tree)
    window.docks["dock.queue"].hide()
    layout.save_layout(window, window.context.settings)

    again = MainWindow(window.context)
    qtbot.addWidget(again)
    again.show()
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert again.dockWidgetArea(again.docks["dock.grid_tree"]) == right
    assert not again.docks["dock.queue"].isVisible()
    assert not again.docks["dock.charts"].isVisible()
    again.commands["view.reset_layout"].trigger()
    assert again.dockWidgetArea(again.docks["dock.grid_tree"]) == default_area
    assert again.docks["dock.queue"].isVisible() and again.docks["dock.charts"].isVisible()
    again.close()


@pytest.mark.parametrize("bad", ["garbage", "old_version"])
def test_unusable_saved_layout_falls_back_to_the_default(qtbot, window, bad):
    settings = window.context.settings
    default_area = window.dockWidgetArea(window.docks["dock.grid_tree"])
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.docks["dock.grid_tree"])
    state = window.saveState(layout.layout_version(window))
    if bad == "garbage":
        settings.set_window_state(layout.layout_version(window), QByteArray(b"\x00not a state"))
    else:
        settings.set_window_state(layout.layout_version(window) + 1, state)

    again = MainWindow(window.context)
    qtbot.addWidget(again)
    again.show()
    assert again.dockWidgetArea(again.docks["dock.grid_tree"]) == default_area
    assert all(d.isVisible() for d in again.docks.values())
    again.close()


def test_grid_tree_and_chart_clicks_filter_the_queue(qtbot, window):
    ctx = window.context
    ids_by_name = {}
    tree = window.dock_widget("dock.grid_tree")
    for area_id, item in tree.model._by_id.items():
        ids_by_name[item.node.name] = area_id
    queue = window.dock_widget("dock.queue")

    tree.select_area(ids_by_name["迂里村"])
    assert ctx.jobs.wait_idle(10_000)
    assert queue.current_filter().area_id == ids_by_name["迂里村"]
    assert queue.model.rowCount() == 3  # the village's open tickets

    charts = window.dock_widget("dock.charts")
    stats = charts.data.stats

    def click(chart: str, **wanted) -> int:
        """Click the bar of ``chart`` whose filter has ``wanted``; the rows the queue shows."""
        bars = charts.bar_filters[chart]
        index = next(i for i, f in enumerate(bars) if wanted.items() <= f.items())
        charts.click_bar(chart, index)
        assert ctx.jobs.wait_idle(10_000)
        return queue.model.rowCount()

    # The queue shows only 迂里村's open tickets; a category bar counts the whole town's
    # tickets of the period, closed ones too, and the click shows exactly those.
    shown = click("category", categories=["environment"])
    assert shown == stats.by_category["environment"].tickets
    flt = queue.current_filter()
    assert flt.categories == frozenset({"environment"}) and flt.area_id is None
    assert flt.statuses is None

    # The "closed" bar shows the closed tickets, though the queue was on open ones.
    queue.select_preset(None)
    assert ctx.jobs.wait_idle(10_000)
    shown = click("status", statuses=["closed"])
    assert shown == stats.by_status["closed"].tickets > 0
    assert queue.current_filter().statuses == frozenset({"closed"})
    assert queue.model.rowCount() == shown


def test_language_choice_is_remembered_and_reopens_the_window(monkeypatch, window):
    from gridcenter_desktop.ui import main_window

    monkeypatch.setattr(main_window.LanguageDialog, "exec", lambda self: 1)
    monkeypatch.setattr(main_window.LanguageDialog, "language", lambda self: "en")
    signed_out = []
    monkeypatch.setattr(window.context, "sign_out", lambda: signed_out.append(True))
    assert window.context.settings.language == "zh_CN"
    window.commands["view.language"].trigger()
    assert window.context.settings.language == "en"
    # The window closes for the start-up to open it again in English; nobody signed out.
    assert window.language_change_requested and not window.isVisible()
    assert signed_out == []


def test_choose_database_asks_at_the_next_start(monkeypatch, window):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    window.commands["file.choose_database"].trigger()
    assert window.context.settings.ask_database is False
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    window.commands["file.choose_database"].trigger()
    assert window.context.settings.ask_database is True
    assert window.isVisible()


def test_a_viewer_gets_no_new_ticket(qtbot, make_context, small_town):
    from gridcenter_desktop.core.enums import UserRole
    from gridcenter_desktop.services.actor import Actor
    from gridcenter_desktop.ui.main_window import MainWindow

    url, _ids = small_town
    viewer = MainWindow(make_context(url, Actor(None, UserRole.VIEWER, "镇领导")))
    qtbot.addWidget(viewer)
    # Reading figures only: 新建工单 is greyed, not refused after the form is filled in.
    assert not viewer.commands["ticket.new"].isEnabled()


def test_the_title_names_the_centre_and_the_user(qtbot, make_context, small_town):
    from gridcenter_desktop.core.enums import UserRole
    from gridcenter_desktop.services.actor import Actor
    from gridcenter_desktop.services.admin.town import TownSettings, save_town_settings
    from gridcenter_desktop.ui.main_window import MainWindow

    url, _ids = small_town
    ctx = make_context(url, Actor(None, UserRole.OPERATOR, "调度员 沈丽华"))
    with ctx.session_factory() as s:
        save_town_settings(
            s, Actor(None, UserRole.ADMIN, "管理员"), TownSettings(town_name="光福镇")
        )
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    # Two desks (or two towns) on one taskbar are told apart.
    assert win.windowTitle().startswith("光福镇集成指挥中心 — 调度员 沈丽华")


def test_help_opens_the_log_folder(window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    from gridcenter_desktop.ui import errors

    opened = []
    monkeypatch.setattr(errors, "default_log_dir", lambda: tmp_path / "logs")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.commands["help.log_folder"].trigger()
    assert [u.toLocalFile() for u in opened] == [str(tmp_path / "logs")]
    assert (tmp_path / "logs").is_dir()


def test_the_application_icon_is_drawn(qapp):
    from gridcenter_desktop.ui.app import application_icon

    icon = application_icon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    # The blue ground and the red pin of resources/icons/gridcenter.svg, not a blank square.
    colours = {image.pixelColor(x, y).name() for x in range(0, 64, 4) for y in range(0, 64, 4)}
    assert "#1565c0" in colours and any(c.startswith("#e") for c in colours)


def test_the_window_reopened_in_another_language_shows_the_desk_as_it_was(
    qtbot, monkeypatch, make_context, small_town, window
):
    from gridcenter_desktop.ui.desk_state import show_as_before
    from gridcenter_desktop.ui.queue_model import TICKET_ID_ROLE

    monkeypatch.setattr(window.context, "sign_out", lambda: None)
    window.showMaximized()
    queue = window.dock_widget("dock.queue")
    queue._preset_buttons["overdue"].click()
    assert window.context.jobs.wait_idle(10_000)
    assert queue.model.rowCount() == 2
    queue.search.setText("")
    queue.table.selectRow(1)
    chosen = queue.model.data(queue.model.index(1, 0), TICKET_ID_ROLE)

    window.change_language("en")
    assert window.desk_state is not None

    url, _ids = small_town
    again = MainWindow(make_context(url))
    qtbot.addWidget(again)
    show_as_before(again, window.desk_state)
    qtbot.waitUntil(lambda: again.context.jobs.is_idle(), timeout=10_000)
    qtbot.waitUntil(lambda: again.dock_widget("dock.queue").table.currentIndex().isValid())
    assert again.isMaximized()
    queue2 = again.dock_widget("dock.queue")
    assert queue2._preset_buttons["overdue"].isChecked()
    assert not queue2._preset_buttons[None].isChecked()
    assert queue2.model.rowCount() == 2
    current = queue2.table.currentIndex()
    assert queue2.model.data(current, TICKET_ID_ROLE) == chosen
    again.close()


def test_the_reopened_window_keeps_its_search_text(
    qtbot, monkeypatch, make_context, small_town, window
):
    from gridcenter_desktop.ui.desk_state import show_as_before

    monkeypatch.setattr(window.context, "sign_out", lambda: None)
    queue = window.dock_widget("dock.queue")
    queue.search.setText("噪音")
    queue.apply_filter_bar()
    assert window.context.jobs.wait_idle(10_000)
    window.resize(1000, 700)
    window.change_language("en")

    url, _ids = small_town
    again = MainWindow(make_context(url))
    qtbot.addWidget(again)
    show_as_before(again, window.desk_state)
    assert not again.isMaximized()
    assert again.size() == window.size()
    assert again.dock_widget("dock.queue").search.text() == "噪音"
    again.close()


def test_a_window_closed_maximized_opens_maximized(
    qtbot, monkeypatch, make_context, small_town, window
):
    monkeypatch.setattr(window.context, "sign_out", lambda: None)
    window.showMaximized()
    window.close()
    url, _ids = small_town
    again = MainWindow(make_context(url))
    qtbot.addWidget(again)
    again.show()
    assert again.isMaximized()
    again.close()
