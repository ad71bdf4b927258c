"""The queue dock as an operator uses it: presets with counts, the filter bar, search as you
type, header sorting, the legend's colours, the context menu, and the bus."""

from __future__ import annotations

import desk_data
import pytest
from desk_data import BASE_TICKETS, open_counts
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import update

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.core.workflow import allowed_actions, allowed_records
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.queue import QueueOrder
from gridcenter_desktop.ui.queue_dock import QueueDock
from gridcenter_desktop.ui.queue_model import QUEUE_ROW_ROLE, column_of

# Shared fixtures (see desk_data.py).
desk = desk_data.desk
desk_template = desk_data.desk_template
big_desk = desk_data.big_desk
big_desk_template = desk_data.big_desk_template


def _offered(status, role):
    """What a ticket's menus and buttons offer: the workflow, and the records beside it
    (inspections, notices; files have their own strip)."""
    files = {EventAction.ATTACH, EventAction.DETACH}
    return allowed_actions(status, role) | (allowed_records(status, role) - files)


def _dock(qtbot, ctx) -> QueueDock:
    dock = QueueDock(ctx)
    qtbot.addWidget(dock)
    ctx.jobs.wait_idle()
    return dock


def _titles(dock):
    m = dock.model
    return [m.data(m.index(r, 0), QUEUE_ROW_ROLE).title for r in range(m.rowCount())]


def _row_of(dock, title):
    return _titles(dock).index(title)


def test_opens_on_all_open_tickets_by_deadline(qtbot, make_context, desk):
    url, _ = desk
    dock = _dock(qtbot, make_context(url))
    expected = sorted((t for t in BASE_TICKETS if t[2] in _OPEN), key=lambda t: t[4])
    assert _titles(dock) == [t[0] for t in expected]
    assert str(open_counts()["open"]) in dock.count_label.text()


def test_presets_show_counts_and_filter_rows(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dock = _dock(qtbot, ctx)
    counts = open_counts()
    for name in ("pending", "in_progress", "review", "overdue"):
        assert f"({counts[name]})" in dock._preset_buttons[name].text()
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock._preset_buttons["pending"].click()
    assert sorted(_titles(dock)) == sorted(
        t[0] for t in BASE_TICKETS if t[2] == TicketStatus.PENDING_DISPATCH
    )
    assert dock._preset_buttons["pending"].isChecked()
    assert not dock._preset_buttons[None].isChecked()
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock._preset_buttons["overdue"].click()
    assert dock.model.rowCount() == counts["overdue"]
    assert dock.deadline_combo.currentData() == "overdue"  # the bar shows what is applied
    ctx.jobs.wait_idle()


def test_filter_bar_category_and_kind(qtbot, make_context, desk):
    url, _ = desk
    ctx = make_context(url)
    dock = _dock(qtbot, ctx)
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock.category_combo.setCurrentIndex(dock.category_combo.findData("noise"))
    assert sorted(_titles(dock)) == sorted(["饭店油烟扰民", "夜间施工噪音扰民"])
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock.kind_combo.setCurrentIndex(dock.kind_combo.findData("dispute"))
    assert _titles(dock) == []


def test_search_as_you_type_shows_only_the_last_terms_results(qtbot, make_context, desk):
    url, _ = desk
    ctx = make_context(url)
    dock = _dock(qtbot, ctx)
    loads = []
    dock.model.sig_loaded.connect(loads.append)
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        _type(dock.search, "噪音")
    # Typing fast is one query (debounced), not one per keystroke.
    assert len(loads) == 1
    assert _titles(dock) == ["夜间施工噪音扰民"]
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock.search.clear()
        _type(dock.search, "扰民")
    assert sorted(_titles(dock)) == sorted(["饭店油烟扰民", "夜间施工噪音扰民"])
    ctx.jobs.wait_idle()


def test_clicking_a_header_sorts_in_sql_and_title_is_not_sortable(qtbot, make_context, desk):
    url, _ = desk
    dock = _dock(qtbot, make_context(url))
    header = dock.table.horizontalHeader()
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        header.sectionClicked.emit(column_of("created_at"))
    assert dock.model.order == QueueOrder("created", False)
    oldest_first = sorted((t for t in BASE_TICKETS if t[2] in _OPEN), key=lambda t: -t[3])
    assert _titles(dock) == [t[0] for t in oldest_first]
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        header.sectionClicked.emit(column_of("created_at"))
    assert dock.model.order == QueueOrder("created", True)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    header.sectionClicked.emit(column_of("title"))
    assert dock.model.order == QueueOrder("created", True)
    assert header.sortIndicatorSection() == column_of("created_at")


def test_filter_requested_on_the_bus_is_applied(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url)
    dock = _dock(qtbot, ctx)
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        ctx.bus.sig_filter_requested.emit({"area_id": ids.meiyuan})
    assert _titles(dock) == []  # no ticket in 梅园社区
    assert dock.scope_label.isVisibleTo(dock)
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        ctx.bus.sig_filter_requested.emit({"area_id": ids.yuli, "category": "noise"})
    assert sorted(_titles(dock)) == sorted(["饭店油烟扰民", "夜间施工噪音扰民"])
    assert dock.category_combo.currentData() == "noise"
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock.scope_clear.click()
    assert dock.current_filter().area_id is None


def test_selection_is_announced_on_the_bus(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url)
    dock = _dock(qtbot, ctx)
    row = _row_of(dock, "饭店油烟扰民")
    with qtbot.waitSignal(ctx.bus.sig_ticket_selected, timeout=5_000) as blocker:
        dock.table.selectRow(row)
    assert blocker.args == [ids.tickets["饭店油烟扰民"]]
    # Keyboard navigation moves the current ticket.
    dock.table.setFocus()
    with qtbot.waitSignal(ctx.bus.sig_ticket_selected, timeout=5_000) as blocker:
        QTest.keyClick(dock.table, Qt.Key.Key_Down)
    assert blocker.args == [dock.model.data(dock.model.index(row + 1, 0), QUEUE_ROW_ROLE).id]


@pytest.mark.parametrize("role", [UserRole.OPERATOR, UserRole.SUPERVISOR, UserRole.VIEWER])
@pytest.mark.parametrize("title", ["饭店油烟扰民", "路灯不亮", "小区消防通道堵塞"])
def test_context_menu_offers_exactly_the_allowed_actions(qtbot, make_context, desk, role, title):
    url, _ = desk
    dock = _dock(qtbot, make_context(url, Actor(None, role, "")))
    dock.table.selectRow(_row_of(dock, title))
    menu = dock.build_context_menu()
    offered = {a.data() for a in menu.actions() if a.data()}
    status = next(t[2] for t in BASE_TICKETS if t[0] == title)
    assert offered == {str(a) for a in _offered(status, role)}


def test_context_menu_on_several_tickets_offers_the_batch_urge(qtbot, make_context, desk):
    url, _ = desk
    dock = _dock(qtbot, make_context(url))
    dock.table.selectRow(0)
    dock.table.selectionModel().select(
        dock.model.index(1, 0),
        dock.table.selectionModel().SelectionFlag.Select
        | dock.table.selectionModel().SelectionFlag.Rows,
    )
    offered = [a.data() for a in dock.build_context_menu().actions() if a.data()]
    assert offered == [str(EventAction.URGE)]


def test_urging_from_the_menu_refreshes_the_row_in_place(qtbot, make_context, desk, monkeypatch):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dock = _dock(qtbot, ctx)
    row = _row_of(dock, "饭店油烟扰民")
    dock.table.selectRow(row)
    scroll = dock.table.verticalScrollBar().value()
    menu = dock.build_context_menu()
    urge = next(a for a in menu.actions() if a.data() == str(EventAction.URGE))
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000):
        urge.trigger()
        ctx.jobs.wait_idle()
        dialog = _open_dialog(dock)
        dialog.inputs["note"].setPlainText("请加快处理")
        dialog.submit()
    with qtbot.waitSignal(dock.model.sig_refreshed, timeout=10_000):
        pass
    ctx.jobs.wait_idle()
    r = dock.model.data(dock.model.index(row, 0), QUEUE_ROW_ROLE)
    assert r.title == "饭店油烟扰民" and r.urge_count == 1
    assert dock.table.selectionModel().isRowSelected(row)
    assert dock.table.verticalScrollBar().value() == scroll


def test_changes_elsewhere_refresh_without_moving_selection_or_scroll(
    qtbot, make_context, big_desk
):
    url, _ = big_desk
    ctx = make_context(url)
    dock = QueueDock(ctx)
    qtbot.addWidget(dock)
    dock.resize(1200, 500)
    dock.show()
    ctx.jobs.wait_idle()
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock.select_preset("pending")  # 3 desk tickets + 1,000 fillers
    table = dock.table
    table.scrollTo(dock.model.index(600, 0))
    ctx.jobs.wait_idle()
    table.selectRow(610)
    ctx.jobs.wait_idle()
    row = dock.model.data(dock.model.index(610, 0), QUEUE_ROW_ROLE)
    scroll = table.verticalScrollBar().value()
    assert scroll > 0
    # Another workstation edits that ticket.
    with ctx.session_factory() as s:
        s.execute(update(Ticket).where(Ticket.id == row.id).values(title="巡查发现问题（已核实）"))
        s.commit()
    resets = []
    dock.model.modelAboutToBeReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(dock.model.sig_refreshed, timeout=10_000):
        ctx.bus.sig_tickets_changed.emit([row.id])
    ctx.jobs.wait_idle()
    assert resets == []
    assert table.verticalScrollBar().value() == scroll
    assert table.selectionModel().isRowSelected(610)
    assert (
        dock.model.data(dock.model.index(610, 0), QUEUE_ROW_ROLE).title == "巡查发现问题（已核实）"
    )


def _type(line_edit, text):
    # QTest.keyClicks cannot type Chinese (no key codes): insert one character at a time, as an
    # input method does, each firing textChanged.
    for ch in text:
        line_edit.insert(ch)


def _open_dialog(dock):
    from gridcenter_desktop.ui.workflow_dialogs import ActionDialog

    dialogs = [d for d in dock.findChildren(ActionDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


_OPEN = {
    TicketStatus.PENDING_DISPATCH,
    TicketStatus.DISPATCHED,
    TicketStatus.IN_PROGRESS,
    TicketStatus.AWAITING_REVIEW,
}


def test_a_big_search_shows_a_bounded_count_first_then_the_exact_one(qtbot, make_context, big_desk):
    url, _ = big_desk
    ctx = make_context(url)
    dock = _dock(qtbot, ctx)
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock.apply_filter_fields({"text": "巡查发现问题", "statuses": None})
    # 1,000 filler tickets match: the first count stops at the cap.
    assert "1,000+" in dock.count_label.text()
    table = dock.table
    table.selectRow(150)
    table.scrollTo(dock.model.index(150, 0))
    scroll = table.verticalScrollBar().value()
    with qtbot.waitSignal(dock.model.sig_count_known, timeout=10_000) as blocker:
        pass
    exact = blocker.args[0]
    assert exact >= 1000 and dock.model.rowCount() == exact
    assert dock.count_label.text().startswith(f"{exact:,}")
    assert "+" not in dock.count_label.text()
    # The exact count arrived without moving the operator's place.
    assert table.selectionModel().isRowSelected(150)
    assert table.verticalScrollBar().value() == scroll
    ctx.jobs.wait_idle()


def test_a_batch_urge_is_all_or_nothing_and_names_the_ticket_that_changed(
    qtbot, make_context, desk, monkeypatch
):
    from gridcenter_desktop.services.tickets import urge_ticket
    from gridcenter_desktop.ui import workflow_dialogs

    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    dock = _dock(qtbot, ctx)
    dock.table.selectRow(0)
    dock.table.selectionModel().select(
        dock.model.index(1, 0),
        dock.table.selectionModel().SelectionFlag.Select
        | dock.table.selectionModel().SelectionFlag.Rows,
    )
    first, second = dock.selected_rows()
    menu = dock.build_context_menu()
    # Another desk urges the second ticket while the menu is open.
    with ctx.session_factory() as s:
        changed = urge_ticket(s, ctx.actor, second.id, second.version, now=desk_data.NOW)
    told = []
    monkeypatch.setattr(workflow_dialogs, "information", lambda _p, title, text: told.append(text))
    urge = next(a for a in menu.actions() if a.data() == str(EventAction.URGE))
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000):
        urge.trigger()
        ctx.jobs.wait_idle()
    assert len(told) == 1 and changed.code in told[0]
    with ctx.session_factory() as s:
        # Neither was urged by this desk: the first keeps its count, the second has one urge.
        assert s.get(Ticket, first.id).urge_count == first.urge_count
        assert s.get(Ticket, second.id).urge_count == second.urge_count + 1
