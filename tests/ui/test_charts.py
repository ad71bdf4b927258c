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
    # No department has had a ticket to accept in this town: no rate to show.
    assert dock.summary.text().endswith("accepted on time: —")


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
        "to_place": False,
        "missed_acceptance": False,
        "suspended": False,
        "extension_pending": False,
        "callback_pending": False,
        "bbox": None,
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


def _legend_labels(plot) -> list[str]:
    legend = plot.getPlotItem().legend
    return [label.text for _sample, label in legend.items] if legend is not None else []


def test_legends_do_not_grow_on_refresh(qtbot, charts):
    # Issue 8: the 未办结与超期 legend gained another pair on every refresh.
    dock, ctx, _ids, _ = charts
    before = {name: _legend_labels(dock.plots[name]) for name in ("ranking", "trend")}
    assert before["ranking"] == ["Open", "Overdue"]
    for _ in range(3):
        dock.reload()
        assert ctx.jobs.wait_idle(10_000)
    assert {name: _legend_labels(dock.plots[name]) for name in ("ranking", "trend")} == before


def test_period_boxes_agree_with_the_bars_after_a_refresh(qtbot, charts, monkeypatch):
    # Issue 8: after a refresh the boxes showed one period and the bars counted another;
    # desks started at different times showed different default periods.
    from gridcenter_desktop.ui import charts_dock

    dock, ctx, _ids, _ = charts
    assert dock.data.period == DEMO_PERIOD
    later = (date(2022, 3, 1), date(2023, 2, 28))  # as if the data had moved on
    monkeypatch.setattr(charts_dock, "default_period", lambda latest, today, **_k: later)
    with qtbot.waitSignal(ctx.bus.sig_period_changed, timeout=10_000) as changed:
        dock.reload()
    assert ctx.jobs.wait_idle(10_000)
    assert tuple(changed.args) == later == dock.data.period == dock.period()
    shown = (dock.chooser.date_from.date().toPython(), dock.chooser.date_to.date().toPython())
    assert shown == later
    assert later[0].isoformat() in dock.summary.text()
    # A custom period stays as chosen through refreshes.
    dock.chooser.set_custom(date(2022, 10, 1), date(2022, 10, 25))
    assert ctx.jobs.wait_idle(10_000)
    dock.reload()
    assert ctx.jobs.wait_idle(10_000)
    assert dock.data.period == (date(2022, 10, 1), date(2022, 10, 25))


def test_status_chart_keeps_open_statuses_readable(qtbot, charts):
    # Issue 8: on one linear scale with 已办结 every open status was a sliver.
    from gridcenter_desktop.ui.charts_plots import ChartBoard

    dock, _ctx, _ids, _ = charts
    board: ChartBoard = dock.board
    values = [30, 12, 8, 5, 13765, 0]
    board.bars("status", list("ABCDEF"), values, horizontal=True, cap=60)
    plot = dock.plots["status"]
    right = plot.getViewBox().viewRange()[0][1]
    assert right == 60  # the axis is scaled for the open statuses: 30 of 60 is half the width
    texts = [i.toPlainText() for i in plot.getPlotItem().items if hasattr(i, "toPlainText")]
    assert "≫ 13,765" in texts  # the cut bar still tells its real size
    # The dock cuts 已办结 when it dwarfs the open statuses, and only then.
    import dataclasses

    from gridcenter_desktop.core.enums import TicketStatus
    from gridcenter_desktop.services.statistics import Figures
    from gridcenter_desktop.ui.charts_dock import STATUS_CAP

    counts = {TicketStatus.PENDING_DISPATCH: 40, TicketStatus.IN_PROGRESS: 25}
    for closed, right in ((13_765, 40 * STATUS_CAP), (50, None)):
        by_status = {s: Figures(str(s), tickets=n) for s, n in counts.items()}
        by_status[TicketStatus.CLOSED] = Figures("closed", tickets=closed)
        dock._draw_status(dataclasses.replace(dock.data.stats, by_status=by_status))
        shown = plot.getViewBox().viewRange()[0][1]
        assert shown == right if right is not None else shown > closed
