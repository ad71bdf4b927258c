"""Every size: the first start fits the screen; at 1366x768, 1600x900 and 1920x1080 the default
layout shows at least 12 queue rows, a usable search box, every dock inside the window, and
the detail's timeline and assignments wrap instead of scrolling sideways."""

from __future__ import annotations

import desk_data
import pytest
from desk_data import NOW
from PySide6.QtWidgets import QAbstractScrollArea

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets import urge_ticket
from gridcenter_desktop.ui import i18n, labels, layout
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.queue_filter_bar import SEARCH_MIN_WIDTH

desk = desk_data.big_desk
big_desk_template = desk_data.big_desk_template

LONG_NOTE = (
    "请主办单位立即组织人员到现场核实情况，联系反映人说明处理进度，"
    "并在今天下班前把处理结果、照片和整改措施上传到平台，逾期将通报批评。"
) * 3


def _long_timeline(ctx, ids) -> int:
    ticket_id = ids.tickets["小区消防通道堵塞"]
    operator = Actor(ids.operator, UserRole.OPERATOR, "王调度")
    with ctx.session_factory() as s:
        for _ in range(8):
            version = s.get(Ticket, ticket_id, populate_existing=True).version
            urge_ticket(s, operator, ticket_id, version, note=LONG_NOTE, now=NOW)
    return ticket_id


def test_the_first_start_fits_the_screen(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "刘值班长"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The offscreen screen is 800x800, narrower than the docks' least width (the queue's
    # filters beside the dispatch form, ~1,200 px): the window is as small as they allow,
    # not the fixed 1600x1000 it used to open at; a 1366x768 laptop is fitted exactly below.
    available = window.screen().availableGeometry()
    least = window.minimumSizeHint()
    assert window.width() <= max(available.width(), least.width())
    assert window.height() <= max(available.height(), least.height())
    assert (window.width(), window.height()) != (1600, 1000)
    assert ctx.jobs.wait_idle(10_000)
    window.close()


def test_fitting_before_the_first_show_keeps_room_for_the_frame(qtbot):
    """Walk of issue 11: fitted before its first show (no frame yet), the window was as tall
    as the screen's free area, and the window manager's title bar pushed the status bar below
    the edge of a 1366x768 or 1600x900 screen."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    layout.fit_to_screen(window, preferred=(5000, 5000))
    area = window.screen().availableGeometry()
    reserve_w, reserve_h = layout.FRAME_RESERVE
    assert window.width() + reserve_w <= area.width()
    assert window.height() + reserve_h <= area.height()
    assert window.y() + window.height() + reserve_h <= area.y() + area.height()


def _installed(qapp, language):
    installed = i18n.install_translators(qapp, language)
    labels.reset_cache()
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    labels.reset_cache()


@pytest.fixture
def chinese(qapp):
    """The desk's default language (its labels decide the docks' least widths)."""
    yield from _installed(qapp, "zh_CN")


@pytest.fixture
def english(qapp):
    """English labels are longer, and decide other widths."""
    yield from _installed(qapp, "en")


@pytest.mark.parametrize("size", [(1366, 768), (1600, 900), (1920, 1080)])
def test_default_layout_at_each_size(qtbot, make_context, desk, size, chinese):
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "刘值班长"))
    ticket_id = _long_timeline(ctx, ids)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    layout.apply_default_layout(window)
    window.show()
    qtbot.waitExposed(window)
    detail = window.dock_widget("dock.detail")
    with qtbot.waitSignal(detail.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ticket_id)
    qtbot.wait(layout.SECOND_PASS_MS + 200)  # the second pass of the dock proportions
    assert ctx.jobs.wait_idle(10_000)

    # The window is the size asked for: no dock's minimum pushed it past the screen.
    assert (window.width(), window.height()) == size
    queue = window.dock_widget("dock.queue")
    row_height = queue.table.verticalHeader().defaultSectionSize()
    assert queue.table.viewport().height() // row_height >= layout.MIN_QUEUE_ROWS
    assert queue.search.isVisible() and queue.search.width() >= SEARCH_MIN_WIDTH
    inside = window.rect()
    for name, dock in window.docks.items():
        # A tab behind another dock (the charts behind the queue) is parked outside the
        # window by Qt; Ctrl+4 brings it forward (tests/ui/test_keyboard.py).
        tabbed_behind = bool(window.tabifiedDockWidgets(dock)) and not inside.intersects(
            dock.geometry()
        )
        if tabbed_behind:
            continue
        assert dock.isVisible(), name
        assert inside.contains(dock.geometry()), (name, dock.geometry(), inside)
        assert dock.widget().width() >= dock.widget().minimumSizeHint().width(), name

    _village_names_are_whole(window)

    # The long timeline wraps: the detail scrolls down only, never sideways.
    assert len(detail.timeline_rows()) >= 8
    scrolling = detail.findChildren(QAbstractScrollArea)  # the dock's, and any table's
    assert scrolling
    for area in scrolling:
        assert area.horizontalScrollBar().maximum() == 0, area
    window.close()


def _village_names_are_whole(window) -> None:
    tree = window.dock_widget("dock.grid_tree").tree
    model = tree.model()
    town = model.index(0, 0)
    villages = [model.index(row, 0, town) for row in range(model.rowCount(town))]
    assert villages
    for index in villages:
        text, shown = index.data(), tree.visualRect(index).width()
        assert shown >= tree.fontMetrics().horizontalAdvance(text), (text, shown)


def test_the_english_desk_fits_1366_with_whole_village_names(qtbot, make_context, desk, english):
    # Issue 13 walk: at 1366x768 in English the map's legend and status line (a tab beside the
    # queue) made the middle column 942 pixels at least; the grid tree kept what was left and
    # its villages showed as "光…".
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "刘值班长"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    layout.apply_default_layout(window)
    window.show()
    qtbot.waitExposed(window)
    assert ctx.jobs.wait_idle(10_000)
    qtbot.wait(layout.SECOND_PASS_MS + 200)  # the second pass of the dock proportions
    assert (window.width(), window.height()) == (1366, 768)
    _village_names_are_whole(window)
    window.close()
