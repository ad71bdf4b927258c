"""The charts dock: figures of the default period, a bar click filters the queue to those
tickets, choosing a period recomputes and tells the other docks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPointF, Qt

from gridcenter_desktop.services.periods import DEMO_PERIOD
from gridcenter_desktop.ui.charts_dock import ChartsDock


@pytest.fixture
def charts(qtbot, make_context, small_town):
    url, ids = small_town
    ctx = make_context(url)
    with qtbot.waitSignal(ctx.bus.sig_period_changed, timeout=10_000) as blocker:
        dock = ChartsDock(ctx)
        qtbot.addWidget(dock)
        dock.resize(1100, 500)
        dock.show()
    assert ctx.jobs.wait_idle(10_000)
    return dock, ctx, ids, blocker.args


def test_default_period_follows_the_data(charts):
    dock, _ctx, _ids, announced = charts
    assert tuple(announced) == DEMO_PERIOD
    stats = dock.data.stats
    assert stats.tickets_total == 5
    assert "5" in dock.summary.text()


def test_category_bars_biggest_first_and_a_click_filters_the_queue(qtbot, charts):
    dock, ctx, _ids, _ = charts
    filters = dock.bar_filters["category"]
    assert filters[0]["categories"] == ["noise"]  # 3 of the 5 tickets
    plot = dock.plots["category"]
    # A real click on the middle of the first (top) bar.
    scene_point = plot.getViewBox().mapViewToScene(QPointF(1.5, 0))
    pos = plot.mapFromScene(scene_point)
    with qtbot.waitSignal(ctx.bus.sig_filter_requested, timeout=2000) as blocker:
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    # Every queue filter field is named: what the queue showed before does not narrow it.
    assert blocker.args[0] == {
        "statuses": None,
        "kinds": None,
        "categories": ["noise"],
        "sources": None,
        "area_id": None,
        "department_id": None,
        "deadline": None,
        "created_from": DEMO_PERIOD[0],
        "created_to": DEMO_PERIOD[1],
        "text": None,
        "handled_by": None,
        "include_merged": False,
    }


def test_status_and_ranking_bars_name_their_filters(qtbot, charts):
    dock, ctx, ids, _ = charts
    statuses = [f["statuses"] for f in dock.bar_filters["status"]]
    assert statuses[0] == ["pending_dispatch"] and ["closed"] in statuses
    ranking = dock.bar_filters["ranking"]
    assert ranking[0]["area_id"] == ids["迂里村"]  # 3 open tickets
    with qtbot.waitSignal(ctx.bus.sig_filter_requested, timeout=2000) as blocker:
        dock.click_bar("ranking", 0)
    assert blocker.args[0]["area_id"] == ids["迂里村"]
    assert "closed" not in blocker.args[0]["statuses"]
    # The red bar beside it counts the overdue ones.
    with qtbot.waitSignal(ctx.bus.sig_filter_requested, timeout=2000) as blocker:
        dock.click_bar("ranking", 0, series=1)
    assert blocker.args[0]["area_id"] == ids["迂里村"]
    assert blocker.args[0]["deadline"] == "overdue"


def test_custom_period_recomputes_and_is_announced(qtbot, charts):
    dock, ctx, _ids, _ = charts
    with qtbot.waitSignal(ctx.bus.sig_period_changed, timeout=2000) as blocker:
        dock.chooser.set_custom(date(2022, 10, 1), date(2022, 10, 25))
    assert blocker.args == [date(2022, 10, 1), date(2022, 10, 25)]
    assert ctx.jobs.wait_idle(10_000)
    # Only the tickets created in October: 2, 5, 10 and 20 days before 25 October.
    assert dock.data.stats.tickets_total == 4
    assert dock.data.period == (date(2022, 10, 1), date(2022, 10, 25))


def test_long_axis_labels_are_cut_by_their_width():
    from gridcenter_desktop.ui.charts_plots import short_label

    assert short_label("综合执法局城管中队") == "综合执法局城管…"
    assert short_label("消委办（消防）") == "消委办（消防）"
    assert short_label("Pending dispatch") == "Pending dispat…"
