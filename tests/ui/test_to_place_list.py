"""The operator works through the 待定位 list: the preset with its count, the detail's platform
rows, the 定位归类 dialog (grid and category pickers, "remember" only where it applies), and
another desk's placing reaching this desk's queue. SQLite and PostgreSQL (``db_url``)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import desk_data
import pytest
from desk_data import NOW
from test_detail_dock import _dock

from gridcenter_desktop.core.enums import EventAction, IntakeSource, UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.intake.categories import category_mapping
from gridcenter_desktop.services.tickets import NewTicket, place_ticket, register_ticket
from gridcenter_desktop.services.tickets.registration import Origin
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.queue_dock import QueueDock
from gridcenter_desktop.ui.queue_model import QUEUE_ROW_ROLE, column_of
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog


@pytest.fixture
def place_desk(db_url):
    """The small desk (villages, grids, departments, users, tickets) and two imported
    tickets: one the address told nothing (no grid, category not mapped), one fully placed."""
    ids = desk_data.build_desk_db(db_url)
    operator = Actor(ids.operator, UserRole.OPERATOR, "王调度")
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as s:
            waiting = _import(s, operator, grid_id=None, category="other", unmapped=True)
            placed = _import(s, operator, grid_id=ids.grids[0], category="noise", unmapped=False)
    finally:
        engine.dispose()
    return db_url, ids, operator, waiting, placed


def _import(session, actor, *, grid_id, category, unmapped):
    form = NewTicket(
        kind="ordinary",
        source="district_platform",
        category=category,
        title="井盖缺失" if grid_id is None else "饭店噪音",
        address="光福镇某路口",
        grid_id=grid_id,
        origin=Origin(IntakeSource.DISTRICT, f"QP{uuid.uuid4().hex[:8]}", category="市政设施/井盖"),
        to_place=grid_id is None,
        category_unmapped=unmapped,
    )
    return register_ticket(session, actor, form, now=NOW - timedelta(hours=1))


def _titles(dock):
    m = dock.model
    return [m.data(m.index(r, 0), QUEUE_ROW_ROLE).title for r in range(m.rowCount())]


def test_placing_from_the_to_place_list(qtbot, make_context, place_desk):
    url, ids, operator, waiting, placed = place_desk
    ctx = make_context(url, operator)
    queue = QueueDock(ctx)
    qtbot.addWidget(queue)
    ctx.jobs.wait_idle()
    assert "(1)" in queue._preset_buttons["to_place"].text()
    with qtbot.waitSignal(queue.model.sig_loaded, timeout=10_000):
        queue._preset_buttons["to_place"].click()
    assert _titles(queue) == ["井盖缺失"]
    grid_cell = queue.model.index(0, column_of("grid"))
    assert queue.model.data(grid_cell) == "To be placed"  # not a blank grid column

    detail = _dock(qtbot, ctx, waiting.id)
    assert detail.field_labels["platform"].text() == labels.intake_source_label("district")
    assert detail.field_labels["platform_category"].text() == "市政设施/井盖"
    assert detail.field_labels["to_place"].text()
    detail.action_buttons[EventAction.PLACE].click()
    ctx.jobs.wait_idle()
    dialog = next(d for d in detail.findChildren(ActionDialog) if d.isVisible())
    # The platform's category is not mapped yet: the dialog offers to remember it (ticked).
    assert dialog.inputs["remember_category"].isChecked()
    # It names what the operator places from: the address and the platform's category.
    hint = dialog.place_hint.text()
    assert "光福镇某路口" in hint and "市政设施/井盖" in hint

    # Nothing chosen: refused at the form, the dialog stays.
    dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.isVisible() and dialog.message.isVisible()

    grid_combo, category_combo = dialog.inputs["grid_id"], dialog.inputs["category"]
    grid_combo.setCurrentIndex(grid_combo.findData(ids.grids[1]))
    category_combo.setCurrentIndex(category_combo.findData("city_management"))
    with qtbot.waitSignal(detail.sig_loaded, timeout=10_000):
        dialog.submit()
    ctx.jobs.wait_idle()
    assert not [d for d in detail.findChildren(ActionDialog) if d.isVisible()]
    assert detail.field_labels["grid"].text() == "迂里村 / 迂里村第二网格"
    assert not detail.field_labels["to_place"].isVisibleTo(detail)
    assert "迂里村第二网格" in detail.timeline_rows()[-1][4]
    with ctx.session_factory() as s:
        mapping = category_mapping(s, IntakeSource.DISTRICT)
    assert mapping["市政设施/井盖"] == "city_management"
    queue.refresh()  # the window does this on sig_tickets_changed
    ctx.jobs.wait_idle()
    assert "(0)" in queue._preset_buttons["to_place"].text()


def test_a_hand_registered_ticket_has_no_platform_rows_nor_remember_box(
    qtbot, make_context, place_desk
):
    url, ids, operator, _waiting, placed = place_desk
    ctx = make_context(url, operator)
    detail = _dock(qtbot, ctx, ids.tickets["饭店油烟扰民"])
    for key in ("platform", "platform_code", "platform_category", "to_place"):
        assert not detail.field_labels[key].isVisibleTo(detail)
    detail.action_buttons[EventAction.PLACE].click()
    ctx.jobs.wait_idle()
    dialog = next(d for d in detail.findChildren(ActionDialog) if d.isVisible())
    assert "remember_category" not in dialog.inputs
    assert "市政设施" not in dialog.place_hint.text()
    dialog.reject()
    # An imported ticket already mapped: its platform rows, but nothing left to place.
    detail = _dock(qtbot, ctx, placed.id)
    assert detail.field_labels["platform_code"].isVisibleTo(detail)
    assert not detail.field_labels["to_place"].isVisibleTo(detail)


def test_another_desks_placing_refreshes_this_desks_list(qtbot, make_context, place_desk):
    from gridcenter_desktop.ui.change_watcher import ChangeWatcher

    url, ids, operator, waiting, _placed = place_desk
    ctx = make_context(url, operator)
    queue = QueueDock(ctx)
    qtbot.addWidget(queue)
    ctx.jobs.wait_idle()
    with qtbot.waitSignal(queue.model.sig_loaded, timeout=10_000):
        queue._preset_buttons["to_place"].click()
    assert _titles(queue) == ["井盖缺失"]
    watcher = ChangeWatcher(ctx)
    watcher.start()
    try:
        qtbot.wait(300)  # the listener is up
        with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=5000) as heard:
            # Another workstation: its own engine and connections.
            engine = make_engine(url)
            try:
                with make_session_factory(engine)() as s:
                    version = s.get(Ticket, waiting.id).version
                    place_ticket(
                        s,
                        operator,
                        waiting.id,
                        version,
                        grid_id=ids.grids[0],
                        category="other",
                        now=NOW,
                    )
            finally:
                engine.dispose()
        assert heard.args[0] == [waiting.id]
        qtbot.waitUntil(lambda: "(0)" in queue._preset_buttons["to_place"].text(), timeout=5000)
    finally:
        watcher.stop()
    ctx.jobs.wait_idle()


def test_the_list_opened_from_the_import_answers_the_keyboard_at_once(
    qtbot, make_context, place_desk
):
    """Walk of issue 10: "查看待定位工单" on the import's last page left the keyboard in the
    preset buttons with no row current, so Ctrl+Shift+L (定位归类) did nothing until the
    operator found the table, and a ticket code searched before the import hid every row. The
    table shows all the tickets to be placed, has the keyboard, and its first row is current."""
    from gridcenter_desktop.ui.intake.dialog import show_to_place
    from gridcenter_desktop.ui.main_window import MainWindow

    url, ids, operator, waiting, placed = place_desk
    window = MainWindow(make_context(url, operator))
    qtbot.addWidget(window)
    window.context.jobs.wait_idle()
    queue = window.dock_widget("dock.queue")
    # The operator had searched for a ticket code before importing: the search goes.
    with qtbot.waitSignal(queue.model.sig_loaded, timeout=10_000):
        queue.apply_filter_fields({"text": "饭店油烟"})
    with qtbot.waitSignal(queue.model.sig_loaded, timeout=10_000):
        show_to_place(window)
    qtbot.waitUntil(lambda: queue.table.currentIndex().isValid(), timeout=5_000)
    assert queue.table.currentIndex().row() == 0
    assert _titles(queue) == ["井盖缺失"]
    assert window.focusWidget() is queue.table
    assert not queue.filter_bar.fields()["text"]


def test_a_search_inside_the_list_keeps_its_button_lit(qtbot, make_context, place_desk):
    """Walk of issue 10: typing a search inside 待定位 lit 全部未办结 while the table still
    showed only the tickets to be placed."""
    url, ids, operator, waiting, placed = place_desk
    queue = QueueDock(make_context(url, operator))
    qtbot.addWidget(queue)
    with qtbot.waitSignal(queue.model.sig_loaded, timeout=10_000):
        queue._preset_buttons["to_place"].click()
    queue.filter_bar.search.setText("井盖")
    with qtbot.waitSignal(queue.model.sig_loaded, timeout=10_000):
        queue.apply_filter_bar()
    assert _titles(queue) == ["井盖缺失"]
    assert queue._preset_buttons["to_place"].isChecked()
    assert not any(b.isChecked() for k, b in queue._preset_buttons.items() if k != "to_place")
