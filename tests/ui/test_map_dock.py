"""The map dock: a click on a grid filters the queue exactly as the grid tree does and the tree
follows; the tree's choice pans the map; a rectangle filters the queue to the tickets inside
(a removable chip); the selected ticket is highlighted and centred; "pick a place" answers
with a longitude and latitude; clusters add up; the keyboard pans and zooms; --dock map."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent

from gridcenter_desktop.core.map_projection import to_scene
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.services.map_points import STATE_DUE_SOON, STATE_OPEN, STATE_OVERDUE
from gridcenter_desktop.ui.grid_tree_dock import GridTreeDock
from gridcenter_desktop.ui.map.clusters import cluster
from gridcenter_desktop.ui.map.dock import MapDock
from gridcenter_desktop.ui.map.view import MODE_PAN, MODE_PICK
from gridcenter_desktop.ui.queue_dock import QueueDock
from gridcenter_desktop.ui.queue_model import QUEUE_ROW_ROLE

pytestmark = pytest.mark.ui

# The small town's grids as 0.02° squares: 迂里一 | 迂里二 above 香雪一 | 梅园一.
SQUARES = {
    "迂里村第一网格": (120.38, 31.28),
    "迂里村第二网格": (120.40, 31.28),
    "香雪村第一网格": (120.38, 31.26),
    "梅园社区第一网格": (120.40, 31.26),
}
# Ticket n (1..5 of conftest's small town) and where it is.
PLACES = {
    1: (120.390, 31.290),
    2: (120.392, 31.292),
    3: (120.410, 31.290),
    4: (120.390, 31.270),
    5: (120.392, 31.272),
}


def _square(lon, lat, size=0.02):
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


@pytest.fixture
def mapped_town(small_town):
    url, ids = small_town
    engine = make_engine(url)
    with engine.begin() as conn:
        for name, (lon, lat) in SQUARES.items():
            conn.exec_driver_sql(
                "UPDATE area SET geometry = ? WHERE id = ?", (_square(lon, lat), ids[name])
            )
        for n, (lon, lat) in PLACES.items():
            conn.exec_driver_sql(
                "UPDATE ticket SET longitude = ?, latitude = ? WHERE code = ?",
                (lon, lat, f"GC20221025-{n:04d}"),
            )
        codes = dict(conn.exec_driver_sql("SELECT code, id FROM ticket").all())
    engine.dispose()
    ids.update({f"t{n}": codes[f"GC20221025-{n:04d}"] for n in PLACES})
    return url, ids


def _settle(qtbot, ctx, rounds=6):
    for _ in range(rounds):
        assert ctx.jobs.wait_idle(10_000)
        qtbot.wait(20)


@pytest.fixture
def desk(qtbot, make_context, mapped_town):
    url, ids = mapped_town
    ctx = make_context(url)
    queue = QueueDock(ctx)
    tree = GridTreeDock(ctx)
    map_dock = MapDock(ctx)
    for w in (queue, tree, map_dock):
        qtbot.addWidget(w)
    map_dock.resize(800, 600)
    map_dock.show()
    qtbot.waitExposed(map_dock)
    _settle(qtbot, ctx)
    map_dock.reload()
    _settle(qtbot, ctx)
    return ctx, queue, tree, map_dock, ids


def _queue_ids(queue) -> list[int]:
    m = queue.model
    return sorted(m.data(m.index(r, 0), QUEUE_ROW_ROLE).id for r in range(m.rowCount()))


def _screen(view, lon, lat) -> QPoint:
    x, y = to_scene(lon, lat)
    return view.mapFromScene(QPointF(float(x), float(y)))


def _tree_area(tree) -> int | None:
    from gridcenter_desktop.ui.grid_tree_model import AREA_ID_ROLE

    index = tree.tree.currentIndex()
    return tree.proxy.mapToSource(index).data(AREA_ID_ROLE) if index.isValid() else None


def test_the_town_is_drawn_with_its_open_tickets(desk):
    _ctx, _queue, _tree, map_dock, ids = desk
    view = map_dock.view
    assert set(view.grids) == {ids[name] for name in SQUARES}
    # The queue opens on the open tickets: 4 of the 5 (ticket 5 is closed).
    assert sorted(view.tickets.points.ids.tolist()) == sorted(ids[f"t{n}"] for n in (1, 2, 3, 4))
    assert "4" in map_dock.status_label.text()
    for name, (lon, lat) in SQUARES.items():
        assert view.viewport().rect().contains(_screen(view, lon + 0.01, lat + 0.01)), name


def test_clicking_a_grid_filters_the_queue_as_the_tree_does(qtbot, desk):
    ctx, queue, tree, map_dock, ids = desk
    view = map_dock.view
    grid = ids["迂里村第一网格"]
    # An empty corner of the grid (no ticket point there).
    spot = _screen(view, 120.3815, 31.2985)
    with qtbot.waitSignal(ctx.bus.sig_area_selected, timeout=2000) as chosen:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert chosen.args == [grid]
    _settle(qtbot, ctx)
    assert queue.current_filter().area_id == grid
    from_map = _queue_ids(queue)
    assert from_map == sorted([ids["t1"], ids["t2"]])
    assert _tree_area(tree) == grid  # the tree followed, without asking again
    assert view.selected_area() == grid
    assert map_dock.current_filter().area_id == grid  # and the map shows that queue
    assert sorted(view.tickets.points.ids.tolist()) == from_map
    # The tree's own choice of the same grid gives the same rows.
    tree.select_area(ids["香雪村第一网格"])
    _settle(qtbot, ctx)
    assert tree.select_area(grid)
    _settle(qtbot, ctx)
    assert _queue_ids(queue) == from_map


def test_the_trees_choice_pans_the_map_to_that_area(qtbot, desk):
    ctx, _queue, tree, map_dock, ids = desk
    view = map_dock.view
    view.zoom(8.0)
    view.pan(3000, 3000)
    village = ids["香雪村"]
    assert tree.select_area(village)
    _settle(qtbot, ctx)
    assert view.selected_area() == village
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.area_rect(village))
    grid_item = view.grids[ids["香雪村第一网格"]]
    assert grid_item.pen().width() > view.grids[ids["迂里村第一网格"]].pen().width()


def _drag(view, a: QPoint, b: QPoint, modifiers=Qt.KeyboardModifier.ShiftModifier):
    left = Qt.MouseButton.LeftButton
    for kind, pos, buttons in (
        (QEvent.Type.MouseButtonPress, a, left),
        (QEvent.Type.MouseMove, (a + b) / 2, left),
        (QEvent.Type.MouseMove, b, left),
        (QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind,
            QPointF(pos),
            QPointF(view.viewport().mapToGlobal(pos)),
            left,
            buttons,
            modifiers,
        )
        {
            QEvent.Type.MouseButtonPress: view.mousePressEvent,
            QEvent.Type.MouseMove: view.mouseMoveEvent,
            QEvent.Type.MouseButtonRelease: view.mouseReleaseEvent,
        }[kind](event)


def test_a_rectangle_lists_its_tickets_in_the_queue_with_a_removable_chip(qtbot, desk):
    ctx, queue, _tree, map_dock, ids = desk
    view = map_dock.view
    a = _screen(view, 120.385, 31.295)
    b = _screen(view, 120.415, 31.285)
    with qtbot.waitSignal(ctx.bus.sig_filter_requested, timeout=2000) as asked:
        _drag(view, a, b)
    bbox = asked.args[0]["bbox"]
    _settle(qtbot, ctx)
    assert queue.current_filter().bbox == bbox
    engine = make_engine(ctx.url or str(ctx.engine.url))
    with engine.connect() as conn:
        want = conn.exec_driver_sql(
            "SELECT id FROM ticket WHERE longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?"
            " AND status NOT IN ('closed', 'merged') ORDER BY id",
            (bbox[0], bbox[2], bbox[1], bbox[3]),
        ).all()
    engine.dispose()
    assert _queue_ids(queue) == [r[0] for r in want] == sorted([ids["t1"], ids["t2"], ids["t3"]])
    assert not queue.bbox_chip.isHidden()
    assert map_dock.view._bbox_item is not None  # the map outlines the rectangle
    queue.bbox_chip.click()
    _settle(qtbot, ctx)
    assert queue.current_filter().bbox is None
    assert queue.bbox_chip.isHidden()
    assert len(_queue_ids(queue)) == 4


def test_the_selected_ticket_is_highlighted_and_centred(qtbot, desk):
    ctx, _queue, _tree, map_dock, ids = desk
    view = map_dock.view
    ctx.bus.sig_ticket_selected.emit(ids["t3"])
    assert view.selected_ticket() == ids["t3"]
    centre = view.viewport().rect().center()
    at = _screen(view, *PLACES[3])
    assert abs(at.x() - centre.x()) <= 2 and abs(at.y() - centre.y()) <= 2
    ctx.bus.sig_ticket_selected.emit(ids["t5"])  # closed: not on the map of open tickets
    assert view.selected_ticket() is None


def test_pick_a_place_answers_with_longitude_and_latitude(qtbot, desk):
    ctx, _queue, _tree, map_dock, _ids = desk
    view = map_dock.view
    ctx.bus.sig_location_wanted.emit(object())
    assert view.mode() == MODE_PICK and map_dock.pick_banner.isVisible()
    with qtbot.waitSignal(ctx.bus.sig_location_picked, timeout=2000) as picked:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=_screen(view, 120.3951, 31.2777)
        )
    lon, lat = picked.args
    metres = view.metres_per_pixel()
    assert abs(lon - 120.3951) * 95_000 < 2 * metres
    assert abs(lat - 31.2777) * 111_000 < 2 * metres
    assert view.mode() == MODE_PAN and not map_dock.pick_banner.isVisible()
    # Esc leaves the mode without a place.
    ctx.bus.sig_location_wanted.emit(object())
    with qtbot.assertNotEmitted(ctx.bus.sig_location_picked):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.mode() == MODE_PAN


def test_clusters_add_up_and_take_the_worst_state():
    rng = np.random.default_rng(3)
    px = rng.uniform(-100, 900, 20_000)
    py = rng.uniform(-100, 700, 20_000)
    state = rng.integers(0, 4, 20_000).astype(np.int8)
    found = cluster(px, py, state, 800, 600)
    inside = (px >= 0) & (px < 800) & (py >= 0) & (py < 600)
    assert found.count.sum() == inside.sum()
    # Three points in one cell, one alone elsewhere.
    found = cluster(
        np.array([5.0, 6.0, 7.0, 500.0]),
        np.array([5.0, 6.0, 7.0, 500.0]),
        np.array([STATE_OPEN, STATE_OVERDUE, STATE_DUE_SOON, STATE_DUE_SOON], dtype=np.int8),
        800,
        600,
    )
    assert sorted(found.count.tolist()) == [1, 3]
    cell = int(np.argmax(found.count))
    assert found.state[cell] == STATE_OVERDUE and found.single[cell] == -1
    alone = 1 - cell
    assert found.single[alone] == 3 and found.state[alone] == STATE_DUE_SOON


def test_the_drawn_clusters_count_every_ticket_in_view(qtbot, desk):
    ctx, _queue, _tree, map_dock, _ids = desk
    view = map_dock.view
    view.zoom(1 / 20)  # the whole town in a few pixels: everything in one or two discs
    view.viewport().repaint()
    assert view.tickets.last.count.sum() == len(view.tickets.points) == 4


def test_keyboard_pans_zooms_and_fits_the_town(qtbot, desk):
    _ctx, _queue, _tree, map_dock, _ids = desk
    view = map_dock.view
    view.setFocus()
    fitted = view.metres_per_pixel()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.metres_per_pixel() < fitted
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.metres_per_pixel() > fitted
    before = view.mapToScene(view.viewport().rect().center())
    qtbot.keyClick(view, Qt.Key.Key_Right)
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() > before.x()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.metres_per_pixel() == pytest.approx(fitted, rel=0.01)


def test_screenshot_of_the_map_dock_alone(qapp, mapped_town, tmp_path, monkeypatch):
    from gridcenter_desktop.ui.app import run_window

    url, _ids = mapped_town
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "demo123")
    out = tmp_path / "map.png"
    code = run_window(
        db_url=url, screenshot=str(out), size="1366x768", user="supervisor", lang="en", dock="map"
    )
    assert code == 0
    image = QImage(str(out))
    assert 300 < image.width() < 1366 and 200 < image.height() < 768
    # The grids are drawn: the class colours of the fills are there, not just the ground.
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20
    assert run_window(db_url=url, size="800x600", dock="map") == 2  # --dock needs --screenshot


def test_a_map_behind_a_tab_shows_the_chosen_area_when_brought_forward(
    qtbot, make_context, mapped_town
):
    url, ids = mapped_town
    ctx = make_context(url)
    tree = GridTreeDock(ctx)
    map_dock = MapDock(ctx)
    qtbot.addWidget(tree)
    qtbot.addWidget(map_dock)
    _settle(qtbot, ctx)
    map_dock.reload()
    _settle(qtbot, ctx)
    assert not map_dock.view.fitted()  # never shown: nothing fitted to a zero-sized view
    assert tree.select_area(ids["香雪村第一网格"])
    _settle(qtbot, ctx)
    map_dock.resize(800, 600)
    map_dock.show()
    qtbot.waitExposed(map_dock)
    view = map_dock.view
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    area = view.area_rect(ids["香雪村第一网格"])
    assert visible.contains(area)
    assert visible.width() < area.width() * 3  # that grid, not the whole town


def test_video_channels_are_a_layer_of_their_own(qtbot, make_context, mapped_town):
    url, _ids = mapped_town
    engine = make_engine(url)
    with engine.begin() as conn:
        for number, status, lon in (("01", "online", 120.385), ("02", "offline", 120.405)):
            conn.exec_driver_sql(
                "INSERT INTO video_channel (number, name, longitude, latitude, stream_url,"
                " status, status_since, owner_unit, note, created_at, updated_at)"
                " VALUES (?, ?, ?, 31.285, '', ?, '2022-10-20 08:00:00.000000', '', '',"
                " '2022-10-01 08:00:00.000000', '2022-10-01 08:00:00.000000')",
                (f"320506000013100000{number}", f"光福派出所-{number}", lon, status),
            )
    engine.dispose()
    ctx = make_context(url)
    map_dock = MapDock(ctx)
    qtbot.addWidget(map_dock)
    map_dock.resize(800, 600)
    map_dock.show()
    qtbot.waitExposed(map_dock)
    _settle(qtbot, ctx)
    map_dock.reload()
    _settle(qtbot, ctx)
    view = map_dock.view
    assert [(c.name, c.status.value) for c in view.cameras.channels] == [
        ("光福派出所-01", "online"),
        ("光福派出所-02", "offline"),
    ]
    # Hidden at first (the tickets come first); one click on 视频通道 shows them.
    assert not map_dock.channels_action.isChecked() and not view.cameras.isVisible()
    map_dock.channels_action.setChecked(True)
    view.viewport().repaint()
    at = _screen(view, 120.405, 31.285)
    assert view.cameras.hit(QPointF(at)).name == "光福派出所-02"
    map_dock.channels_action.setChecked(False)
    assert not view.cameras.isVisible() and view.cameras.hit(QPointF(at)) is None


def test_place_the_selected_ticket_with_a_click_on_the_map(qtbot, desk):
    from gridcenter_desktop.core.enums import EventAction
    from gridcenter_desktop.db.ticket import Ticket

    ctx, _queue, _tree, map_dock, ids = desk
    view = map_dock.view
    assert not map_dock.locate_action.isEnabled()  # no ticket selected
    ctx.bus.sig_ticket_selected.emit(ids["t1"])
    assert map_dock.locate_action.isEnabled()
    map_dock.locate_action.trigger()
    assert view.mode() == MODE_PICK and map_dock.pick_banner.isVisible()
    view.fit_town()
    # A click inside 香雪村第一网格: the ticket's point is corrected to it (LOCATE).
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000) as changed:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=_screen(view, 120.39, 31.27)
        )
        _settle(qtbot, ctx)
    assert changed.args == [[ids["t1"]]]
    with ctx.session_factory() as s:
        t = s.get(Ticket, ids["t1"])
        metres = view.metres_per_pixel()
        assert abs(t.longitude - 120.39) * 95_000 < 2 * metres
        assert abs(t.latitude - 31.27) * 111_000 < 2 * metres
        actions = [e.action for e in s.get(Ticket, ids["t1"]).events]
        assert actions[-1] == EventAction.LOCATE


def test_a_rectangle_narrows_the_preset_view_and_its_tab_stays_marked(qtbot, desk):
    ctx, queue, _tree, map_dock, ids = desk
    queue.select_preset("overdue")
    _settle(qtbot, ctx)
    overdue = set(_queue_ids(queue))
    view = map_dock.view
    view.fit_town()
    a, b = _screen(view, 120.37, 31.30), _screen(view, 120.43, 31.25)
    map_dock._rectangle_drawn(view.bbox_of(a, b))
    _settle(qtbot, ctx)
    # The overdue view inside the rectangle, and 超期 still the marked tab.
    assert set(_queue_ids(queue)) <= overdue
    assert queue.model.queue_filter.bbox is not None
    assert queue._preset_buttons["overdue"].isChecked()
    assert not queue._preset_buttons[None].isChecked()
