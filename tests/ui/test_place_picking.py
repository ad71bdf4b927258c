"""Setting a place with one click: the place picker on its own map, the register dialog's
"pick on the map" (the grid holding the point beats the address guess) and 地图定位 from the
Ticket menu (services/tickets/locating.py writes it)."""

from __future__ import annotations

import json

import desk_data
from desk_data import NOW
from PySide6.QtCore import QPoint, QRectF, Qt
from sqlalchemy import select

from gridcenter_desktop.core.enums import EventAction, Priority, TicketKind, TicketSource, UserRole
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets import NewTicket, register_ticket
from gridcenter_desktop.ui.map.pick_dialog import PlacePickDialog
from gridcenter_desktop.ui.register_dialog import RegisterDialog

desk = desk_data.desk
desk_template = desk_data.desk_template

SQUARE_1 = [[120.40, 31.29], [120.41, 31.29], [120.41, 31.30], [120.40, 31.30], [120.40, 31.29]]
SQUARE_2 = [[120.44, 31.31], [120.45, 31.31], [120.45, 31.32], [120.44, 31.32], [120.44, 31.31]]


def _context_with_boundaries(make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    with ctx.session_factory() as s:
        for grid, square in ((ids.grids[0], SQUARE_1), (ids.grids[1], SQUARE_2)):
            s.get(Area, grid).geometry = json.dumps({"type": "Polygon", "coordinates": [square]})
        s.commit()
    return ctx, ids


def _click_at(qtbot, view, lon: float, lat: float) -> None:
    from gridcenter_desktop.core.map_projection import to_scene

    x, y = to_scene(lon, lat)
    pos = view.mapFromScene(float(x), float(y))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos))


def test_a_click_on_the_map_sets_the_point_and_names_its_grid(qtbot, make_context, desk):
    ctx, ids = _context_with_boundaries(make_context, desk)
    dialog = PlacePickDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.resize(900, 680)
    dialog.show()
    ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: len(dialog.view.grids) == 2, timeout=10_000)
    dialog.view.fit_town()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing chosen yet
    _click_at(qtbot, dialog.view, 120.445, 31.315)
    ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: dialog.grid() is not None, timeout=10_000)
    lon, lat = dialog.place()
    assert abs(lon - 120.445) < 0.001 and abs(lat - 31.315) < 0.001
    assert dialog.grid().grid_id == ids.grids[1] and "第二网格" in dialog.grid_line.text()
    assert ok.isEnabled()
    # A second click picks again (the dialog stays in "pick" mode).
    _click_at(qtbot, dialog.view, 120.405, 31.295)
    ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: dialog.grid() is not None and dialog.grid().grid_id == ids.grids[0])


def test_typed_gcj02_coordinates_are_converted(qtbot, make_context, desk):
    from gridcenter_desktop.core.geo import wgs84_to_gcj02

    ctx, ids = _context_with_boundaries(make_context, desk)
    dialog = PlacePickDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    gcj = wgs84_to_gcj02(120.445, 31.315)
    dialog.crs.setCurrentIndex(dialog.crs.findData("gcj02"))
    dialog.longitude.setValue(gcj[0])
    dialog.latitude.setValue(gcj[1])
    dialog.latitude.setFocus()
    qtbot.keyClick(dialog.latitude, Qt.Key.Key_Return)
    ctx.jobs.wait_idle()
    lon, lat = dialog.place()
    assert abs(lon - 120.445) < 1e-5 and abs(lat - 31.315) < 1e-5  # back to WGS-84
    qtbot.waitUntil(lambda: dialog.grid() is not None and dialog.grid().grid_id == ids.grids[1])
    assert dialog.isVisible()  # Enter in a coordinate field does not close the dialog


def test_the_register_dialog_takes_the_point_and_its_grid(qtbot, make_context, desk):
    from gridcenter_desktop.services.grid_map import grid_at

    ctx, ids = _context_with_boundaries(make_context, desk)
    dialog = RegisterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    ctx.jobs.wait_idle()
    dialog.category.setCurrentIndex(dialog.category.findData("city_management"))
    dialog.title.setText("路灯不亮（定位测试）")
    dialog.address.setText("迂里村第一网格")  # the address says grid 1 ...
    with ctx.session_factory() as s:
        found = grid_at(s, 120.445, 31.315)
    dialog.set_place(120.445, 31.315, grid=found)  # ... the map says grid 2
    assert dialog.grid.currentData() == ids.grids[1]
    assert "第二网格" in dialog.place_label.text()
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000):
        dialog.submit()
    ctx.jobs.wait_idle()
    with ctx.session_factory() as s:
        t = s.scalars(select(Ticket).where(Ticket.title == "路灯不亮（定位测试）")).one()
        assert (t.grid_id, t.longitude, t.latitude) == (ids.grids[1], 120.445, 31.315)


def test_locate_from_the_ticket_menu_writes_the_place(qtbot, make_context, desk, monkeypatch):
    from gridcenter_desktop.ui.workflow_dialogs import run_ticket_action

    ctx, ids = _context_with_boundaries(make_context, desk)
    with ctx.session_factory() as s:
        ref = register_ticket(
            s, ctx.actor,
            NewTicket(kind=TicketKind.ORDINARY, source=TicketSource.HOTLINE, category="noise",
                      title="夜间施工噪音", address="迂里村", grid_id=ids.grids[0],
                      priority=Priority.ORDINARY),
            now=NOW,
        )  # fmt: skip
    opened = []
    # The dialog is caught as it opens (window-modal dialogs would wait for a click).
    monkeypatch.setattr(PlacePickDialog, "open", lambda self: opened.append(self))
    run_ticket_action(ctx, None, EventAction.LOCATE, ref.id)
    ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    dialog = opened[0]
    assert dialog.place() is None  # the ticket had no place
    dialog._picked(120.445, 31.315)
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000) as changed:
        dialog.accept()
        ctx.jobs.wait_idle()
    assert changed.args == [[ref.id]]
    with ctx.session_factory() as s:
        t = s.get(Ticket, ref.id)
        # Waiting for dispatch: the ticket follows the point into grid 2.
        assert (t.longitude, t.latitude, t.grid_id) == (120.445, 31.315, ids.grids[1])
        actions = s.scalars(select(TicketEvent.action).where(TicketEvent.ticket_id == ref.id)).all()
        assert actions[-1] == EventAction.LOCATE


def test_the_picker_opens_on_the_whole_town_and_esc_closes_it(qtbot, make_context, desk):
    ctx, ids = _context_with_boundaries(make_context, desk)
    dialog = PlacePickDialog(ctx, initial=(120.445, 31.315))
    qtbot.addWidget(dialog)
    dialog.resize(900, 680)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: len(dialog.view.grids) == 2, timeout=10_000)
    ctx.jobs.wait_idle()
    # At the whole town's scale (not one grid's colour filling the window), centred on the
    # ticket's place, its grid in view.
    visible = dialog.view.mapToScene(dialog.view.viewport().rect()).boundingRect()
    town = QRectF()
    for item in dialog.view.grids.values():
        town = town.united(item.sceneBoundingRect())
    assert visible.width() >= town.width() or visible.height() >= town.height()
    assert visible.contains(dialog.view.grids[ids.grids[1]].sceneBoundingRect())
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert dialog.result() == PlacePickDialog.DialogCode.Rejected and not dialog.isVisible()


def test_a_ticket_a_department_handles_is_said_to_keep_its_grid(qtbot, make_context, desk):
    from gridcenter_desktop.services.ticket_detail import get_ticket_detail
    from gridcenter_desktop.ui.locate_action import _keeps_grid_note

    ctx, ids = _context_with_boundaries(make_context, desk)
    with ctx.session_factory() as s:
        waiting = register_ticket(
            s, ctx.actor,
            NewTicket(kind=TicketKind.ORDINARY, source=TicketSource.HOTLINE, category="noise",
                      title="定位提示测试", address="迂里村", grid_id=ids.grids[0],
                      priority=Priority.ORDINARY),
            now=NOW,
        )  # fmt: skip
        assert _keeps_grid_note(get_ticket_detail(s, waiting.id, ctx.actor)) == ""
        from gridcenter_desktop.services.tickets.dispatching import dispatch_ticket

        handled = dispatch_ticket(
            s, ctx.actor, waiting.id, waiting.version,
            lead_department_id=next(iter(ids.departments.values())), now=NOW,
        )  # fmt: skip
        handled = s.get(Ticket, handled.id)
        note = _keeps_grid_note(get_ticket_detail(s, handled.id, ctx.actor))
        assert note and (handled.grid.name if handled.grid else "—") in note
