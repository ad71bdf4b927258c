"""The grid tree: counts per node, selection asks the queue for that subtree, the filter box
understands pinyin initials, a grid shows its 1+1+N team."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gridcenter_desktop.ui.grid_tree_dock import GridTreeDock
from gridcenter_desktop.ui.grid_tree_model import COL_OPEN, COL_OVERDUE


@pytest.fixture
def tree_dock(qtbot, make_context, small_town):
    url, ids = small_town
    ctx = make_context(url)
    dock = GridTreeDock(ctx)
    qtbot.addWidget(dock)
    assert ctx.jobs.wait_idle(10_000)
    return dock, ctx, ids


def _visible_names(dock) -> list[str]:
    names = []
    proxy = dock.proxy

    def walk(parent):
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            names.append(index.data())
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return names


def test_nodes_show_open_and_overdue_counts_of_their_subtree(tree_dock):
    dock, _ctx, ids = tree_dock
    model = dock.model
    town = model.index_of(ids["光福镇"])
    assert town.siblingAtColumn(COL_OPEN).data() == "4"
    assert town.siblingAtColumn(COL_OVERDUE).data() == "2"
    yuli = model.index_of(ids["迂里村"])
    assert (yuli.siblingAtColumn(COL_OPEN).data(), yuli.siblingAtColumn(COL_OVERDUE).data()) == (
        "3",
        "1",
    )
    grid = model.index_of(ids["香雪村第一网格"])
    assert grid.siblingAtColumn(COL_OPEN).data() == "1"


def test_selecting_a_node_requests_the_queue_filter(qtbot, tree_dock):
    dock, ctx, ids = tree_dock
    with qtbot.waitSignal(ctx.bus.sig_filter_requested, timeout=2000) as blocker:
        assert dock.select_area(ids["迂里村"])
    assert blocker.args == [{"area_id": ids["迂里村"]}]


def test_selecting_a_grid_shows_its_team_leader_first(qtbot, tree_dock):
    dock, ctx, ids = tree_dock
    dock.select_area(ids["迂里村第一网格"])
    assert ctx.jobs.wait_idle(5000)
    team = dock.team_model
    rows = [tuple(team.index(r, c).data() for c in range(3)) for r in range(team.rowCount())]
    assert [r[0] for r in rows] == ["周建国", "陈小红", "王警官", "李律师"]
    assert rows[0][2] == "13800000001"
    assert "迂里村第一网格" in dock.team_title.text()


def test_pinyin_initials_filter_finds_the_village(tree_dock):
    dock, _ctx, _ids = tree_dock
    dock.filter_edit.setText("yl")
    names = _visible_names(dock)
    assert "迂里村" in names and "迂里村第一网格" in names
    assert "香雪村" not in names and "梅园社区" not in names
    assert "光福镇" in names  # the path to a match stays visible

    dock.filter_edit.setText("梅园")
    assert "梅园社区第一网格" in _visible_names(dock)
    dock.filter_edit.setText("")
    assert len(_visible_names(dock)) == 8


def test_count_refresh_keeps_the_selection(qtbot, tree_dock):
    dock, ctx, ids = tree_dock
    dock.select_area(ids["香雪村第一网格"])
    assert ctx.jobs.wait_idle(5000)
    reset = []
    dock.model.modelReset.connect(lambda: reset.append(True))
    dock.reload()
    assert ctx.jobs.wait_idle(5000)
    assert reset == []
    current = dock.proxy.mapToSource(dock.tree.currentIndex())
    assert current.data() == "香雪村第一网格"


def test_models_pass_the_model_tester(qtmodeltester, tree_dock):
    dock, ctx, ids = tree_dock
    qtmodeltester.check(dock.model)
    dock.filter_edit.setText("yl")
    qtmodeltester.check(dock.proxy)
    dock.select_area(ids["迂里村第一网格"])
    assert ctx.jobs.wait_idle(5000)
    qtmodeltester.check(dock.team_model)


def test_a_click_asks_once_and_a_click_on_the_selected_node_asks_again(qtbot, tree_dock):
    dock, ctx, ids = tree_dock
    dock.show()
    requests = []
    ctx.bus.sig_filter_requested.connect(requests.append)
    index = dock.proxy.mapFromSource(dock.model.index_of(ids["香雪村"]))
    rect = dock.tree.visualRect(index)
    qtbot.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert requests == [{"area_id": ids["香雪村"]}]
    # Later (the operator cleared the queue's area filter meanwhile), the same node again.
    dock._selection_changed_at = 0.0
    qtbot.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert requests == [{"area_id": ids["香雪村"]}] * 2
    assert ctx.jobs.wait_idle(5000)


def test_a_retired_grid_with_tickets_is_shown_marked(qtbot):
    from gridcenter_desktop.core.enums import AreaLevel
    from gridcenter_desktop.services.areas import AreaNode
    from gridcenter_desktop.ui.grid_tree_model import COL_NAME, RETIRED_COLOR, GridTreeModel

    def tree(retired: bool) -> list[AreaNode]:
        grids = (
            AreaNode(3, 2, AreaLevel.GRID, "迂里村第一网格", None, 1, 0),
            AreaNode(4, 2, AreaLevel.GRID, "迂里村第二网格", None, 0, 0, retired=retired),
        )
        village = AreaNode(2, 1, AreaLevel.VILLAGE, "迂里村", None, 1, 0, grids)
        return [AreaNode(1, None, AreaLevel.TOWN, "光福镇", None, 1, 0, (village,))]

    model = GridTreeModel()
    model.set_tree(tree(False), {})
    assert model.index_of(4, COL_NAME).data() == "迂里村第二网格"
    # Retiring it (same ids and names) still refreshes how it is shown.
    model.set_tree(tree(True), {})
    index = model.index_of(4, COL_NAME)
    assert index.data() != "迂里村第二网格" and "迂里村第二网格" in index.data()
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == RETIRED_COLOR
    assert model.index_of(3, COL_NAME).data(Qt.ItemDataRole.ForegroundRole) is None
