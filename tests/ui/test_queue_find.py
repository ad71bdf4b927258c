"""Issue 8, item 5 at the desk: the search box finds codes and (for roles allowed) reporters;
presets keep the search and the tree's area; the area banner names the area; every header
says how it sorts or why not; Ctrl+End goes to the last ticket, not the last column."""

from __future__ import annotations

import desk_data
from desk_data import BASE_TICKETS
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gridcenter_desktop.core.enums import TicketStatus, UserRole
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.queue_dock import QueueDock
from gridcenter_desktop.ui.queue_model import COLUMNS, QUEUE_ROW_ROLE, column_of

desk = desk_data.desk
desk_template = desk_data.desk_template


def _dock(qtbot, ctx) -> QueueDock:
    dock = QueueDock(ctx)
    qtbot.addWidget(dock)
    ctx.jobs.wait_idle()
    return dock


def _rows(dock):
    m = dock.model
    return [m.data(m.index(r, 0), QUEUE_ROW_ROLE) for r in range(m.rowCount())]


def _search(qtbot, dock, text):
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock.search.setText(text)
        dock.apply_filter_bar()


def test_a_code_typed_in_the_search_box_finds_its_ticket(qtbot, make_context, desk):
    url, _ = desk
    dock = _dock(qtbot, make_context(url))
    target = _rows(dock)[2]
    _search(qtbot, dock, target.code)
    assert [r.id for r in _rows(dock)] == [target.id]
    _search(qtbot, dock, target.code[:-1].lower())  # a beginning, any case
    assert target.id in [r.id for r in _rows(dock)]


def test_reporters_phone_finds_tickets_for_operators_not_viewers(qtbot, make_context, desk):
    url, ids = desk
    # Every desk ticket has the same reporter; the search covers all but the merged one.
    titles = sorted(t[0] for t in BASE_TICKETS if t[2] != TicketStatus.MERGED)
    operator = _dock(qtbot, make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度")))
    _search(qtbot, operator, "138 1234 5678")
    assert sorted(r.title for r in _rows(operator)) == titles
    assert "phone" in operator.search.placeholderText()
    viewer = _dock(qtbot, make_context(url, Actor(None, UserRole.VIEWER, "领导")))
    _search(qtbot, viewer, "138 1234 5678")
    assert _rows(viewer) == []
    assert "phone" not in viewer.search.placeholderText()


def test_the_overdue_preset_keeps_the_search_and_the_area(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url)
    dock = _dock(qtbot, ctx)
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        ctx.bus.sig_filter_requested.emit({"area_id": ids.yuli})
    _search(qtbot, dock, "河道")
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock._preset_buttons["overdue"].click()
    assert [r.title for r in _rows(dock)] == ["迂里村3组河道有垃圾漂浮"]
    assert dock.search.text() == "河道"
    assert dock.current_filter().area_id == ids.yuli
    assert dock.current_filter().deadline == "overdue"
    # The bar's Clear still clears everything.
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock.filter_bar.sig_clear_requested.emit()
    assert dock.search.text() == ""
    assert dock.current_filter().area_id is None
    ctx.jobs.wait_idle()


def test_the_area_banner_names_the_village(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url)
    dock = _dock(qtbot, ctx)
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        ctx.bus.sig_filter_requested.emit({"area_id": ids.meiyuan})
    qtbot.waitUntil(lambda: "梅园社区" in dock.scope_label.text(), timeout=5_000)
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        ctx.bus.sig_filter_requested.emit({"area_id": ids.grids[0]})
    assert "迂里村第一网格" in dock.scope_label.text()
    assert "迂里村迂里村" not in dock.scope_label.text()


def test_every_header_sorts_in_sql_or_says_why_not(qtbot, make_context, desk):
    url, _ = desk
    dock = _dock(qtbot, make_context(url))
    header_tip = Qt.ItemDataRole.ToolTipRole
    for i, column in enumerate(COLUMNS):
        tip = dock.model.headerData(i, Qt.Orientation.Horizontal, header_tip)
        assert tip, column.key
        assert (column.sort_field is None) == tip.startswith("Not sortable"), column.key
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock.table.horizontalHeader().sectionClicked.emit(column_of("category"))
    categories = [r.category for r in _rows(dock)]
    assert categories == sorted(categories)


def test_ctrl_end_goes_to_the_last_ticket_in_the_same_column(qtbot, make_context, desk):
    url, _ = desk
    dock = _dock(qtbot, make_context(url))
    dock.show()
    qtbot.waitExposed(dock)
    dock.table.setFocus()
    dock.table.setCurrentIndex(dock.model.index(0, 1))
    QTest.keyClick(dock.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    current = dock.table.currentIndex()
    assert current.row() == dock.model.rowCount() - 1
    assert current.column() == 1
    assert dock.table.horizontalScrollBar().value() == 0
    QTest.keyClick(dock.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert (dock.table.currentIndex().row(), dock.table.currentIndex().column()) == (0, 1)
