"""The charts dock (pyqtgraph): status distribution, created vs closed over time, top
categories, villages/grids ranked by open and overdue tickets, department on-time rate.

The figures come from services.statistics.period_statistics, computed in the database in a
background job for the chosen period. Clicking a bar asks the queue for those tickets
(bus.sig_filter_requested) within the period.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gridcenter_desktop.core.enums import TicketStatus
from gridcenter_desktop.services.periods import default_period, latest_ticket_date
from gridcenter_desktop.services.statistics import PeriodStatistics, period_statistics
from gridcenter_desktop.ui.charts_period import PeriodChooser
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.labels import category_label, status_label

RELOAD_DELAY_MS = 1000
TOP_N = 8
# Axis labels longer than this are cut (综合执法局城管中队 → 综合执法局城管…): a long label
# would widen its axis until the chart no longer fits the dock.
LABEL_CHARS = 7
BLUE, GREEN, RED, GREY = "#2f6db5", "#27ae60", "#c0392b", "#7f8c8d"
STATUS_ORDER = [s for s in TicketStatus if s != TicketStatus.MERGED]
# Created/closed per day for up to about two months, per month beyond.
DAILY_LIMIT_DAYS = 62


@dataclass(frozen=True)
class ChartsData:
    period: tuple[date, date]
    default: tuple[date, date]
    today: date
    stats: PeriodStatistics


def _load(job, period: tuple[date, date] | None, now) -> ChartsData:
    with job.session() as session:
        default = default_period(latest_ticket_date(session), now.date())
        chosen = period or default
        job.check_cancelled()
        stats = period_statistics(session, chosen[0], chosen[1], now)
    return ChartsData(chosen, default, now.date(), stats)


class Bars(pg.BarGraphItem):
    """Bars that report which one was clicked (index into their data)."""

    def __init__(self, on_click: Callable[[int], None], horizontal: bool, **opts) -> None:
        super().__init__(**opts)
        self._on_click = on_click
        self._horizontal = horizontal

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 - pyqtgraph API
        pos = ev.pos()
        index = round(pos.y() if self._horizontal else pos.x())
        ev.accept()
        self._on_click(index)


def _figure(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:.1f}"


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plot(title: str) -> pg.PlotWidget:
    widget = pg.PlotWidget(background="w")
    widget.setTitle(title, color="#333", size="10pt")
    widget.setMenuEnabled(False)
    widget.setMouseEnabled(x=False, y=False)
    widget.hideButtons()
    widget.setMinimumSize(220, 160)
    for name in ("left", "bottom"):
        axis = widget.getAxis(name)
        axis.setPen("#999")
        axis.setTextPen("#333")
    return widget


class ChartsDock(QWidget):
    """Five charts over a chosen period; bars are clickable filters for the queue."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.data: ChartsData | None = None
        self._period: tuple[date, date] | None = None
        # What each chart's bars stand for, in bar order: filter fields per bar.
        self.bar_filters: dict[str, list[dict]] = {}

        self.chooser = PeriodChooser(self)
        self.chooser.sig_period_chosen.connect(self.set_period)
        self.summary = QLabel(self.tr("Loading figures…"), self)
        self.summary.setObjectName("charts.summary")
        self.ranking = QComboBox(self)
        self.ranking.setObjectName("charts.ranking")
        self.ranking.addItem(self.tr("Villages and communities"), "village")
        self.ranking.addItem(self.tr("Grids"), "grid")
        self.ranking.currentIndexChanged.connect(self._draw_ranking)

        self.plots: dict[str, pg.PlotWidget] = {
            "status": _plot(self.tr("Tickets by status")),
            "trend": _plot(self.tr("Created and closed")),
            "category": _plot(self.tr("Top categories")),
            "ranking": _plot(self.tr("Open and overdue tickets")),
            "department": _plot(self.tr("On-time rate of lead departments, %")),
        }
        top = QHBoxLayout()
        top.addWidget(self.chooser)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Ranking:"), self))
        top.addWidget(self.ranking)
        grid = QGridLayout()
        grid.setSpacing(4)
        grid.addWidget(self.plots["status"], 0, 0)
        grid.addWidget(self.plots["trend"], 0, 1)
        grid.addWidget(self.plots["category"], 0, 2)
        grid.addWidget(self.plots["ranking"], 1, 0, 1, 2)
        grid.addWidget(self.plots["department"], 1, 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(top)
        box.addWidget(self.summary)
        box.addLayout(grid, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        context.bus.sig_tickets_changed.connect(lambda _ids: self._reload_timer.start())
        self.reload()

    # -- loading -------------------------------------------------------------------------------

    def set_period(self, date_from: date, date_to: date) -> None:
        """Show ``date_from``..``date_to`` (both inclusive) and tell the other docks."""
        self._period = (date_from, date_to)
        self._context.bus.sig_period_changed.emit(date_from, date_to)
        self.reload()

    def period(self) -> tuple[date, date] | None:
        return self.data.period if self.data is not None else self._period

    def reload(self) -> None:
        """Recompute the figures for the current period in the background."""
        self.summary.setText(self.tr("Loading figures…"))
        self._context.jobs.submit(
            _load, self._period, self._context.now(), on_result=self._loaded, key="charts.load"
        )

    def _loaded(self, data: ChartsData) -> None:
        first = self.data is None and self._period is None
        self.data = data
        self.chooser.set_default(data.default, data.today)
        if first:
            self._period = data.period
            self._context.bus.sig_period_changed.emit(*data.period)
        stats = data.stats
        rate = stats.closure_rate
        self.summary.setText(
            self.tr(
                "{start} to {end}: {total} tickets, {closed} closed ({rate}), {overdue} open"
                " and overdue"
            ).format(
                start=data.period[0].isoformat(),
                end=data.period[1].isoformat(),
                total=f"{stats.tickets_total:,}",
                closed=f"{stats.tickets_closed:,}",
                rate=f"{rate}%" if rate is not None else "—",
                overdue=f"{stats.overdue_open:,}",
            )
        )
        self._draw_status(stats)
        self._draw_trend(stats, data.period)
        self._draw_categories(stats)
        self._draw_ranking()
        self._draw_departments(stats)

    # -- drawing -------------------------------------------------------------------------------

    def _bars(
        self,
        name: str,
        labels: Sequence[str],
        values: Sequence[float],
        filters: list[dict],
        color: str,
        horizontal: bool = False,
        second: Sequence[float] | None = None,
        second_color: str = RED,
    ) -> None:
        plot = self.plots[name]
        plot.clear()
        self.bar_filters[name] = filters
        n = len(values)
        positions = list(range(n))
        width = 0.38 if second is not None else 0.7
        shift = width / 2 if second is not None else 0.0

        def click(index: int) -> None:
            self.click_bar(name, index)

        def item(vals: Sequence[float], offset: float, brush: str) -> Bars:
            centres = [p + offset for p in positions]
            if horizontal:
                return Bars(click, True, x0=0, y=centres, height=width, width=list(vals),
                            brush=brush, pen=None)  # fmt: skip
            return Bars(click, False, x=centres, height=list(vals), width=width, brush=brush,
                        pen=None)  # fmt: skip

        plot.addItem(item(values, -shift, color))
        if second is not None:
            plot.addItem(item(second, shift, second_color))
        elif horizontal:
            # The figure at the end of each bar: small counts stay readable beside big ones.
            for pos, value in zip(positions, values, strict=True):
                text = pg.TextItem(_figure(value), color="#333", anchor=(0, 0.5))
                text.setPos(value, pos)
                plot.addItem(text)
        ticks = [[(p, short_label(t)) for p, t in zip(positions, labels, strict=True)]]
        axis = plot.getAxis("left" if horizontal else "bottom")
        axis.setTicks(ticks)
        other = plot.getAxis("bottom" if horizontal else "left")
        other.setTicks(None)
        top = max([*values, *(second or []), 1])
        if horizontal:
            plot.setYRange(-0.6, max(n - 0.4, 0.6), padding=0)
            plot.setXRange(0, top * (1.3 if second is not None else 1.2), padding=0)
            plot.getViewBox().invertY(True)  # the biggest first, at the top
        else:
            plot.setXRange(-0.6, max(n - 0.4, 0.6), padding=0)
            plot.setYRange(0, top * (1.35 if second is not None else 1.1), padding=0)

    def _with_period(self, fields: dict) -> dict:
        start, end = self.data.period if self.data is not None else (None, None)
        return {**fields, "created_from": start, "created_to": end}

    def _draw_status(self, stats: PeriodStatistics) -> None:
        labels, values, filters = [], [], []
        for status in STATUS_ORDER:
            labels.append(status_label(status))
            figures = stats.by_status.get(status)
            values.append(figures.tickets if figures is not None else 0)
            filters.append(self._with_period({"status": str(status)}))
        self._bars("status", labels, values, filters, BLUE, horizontal=True)

    def _draw_trend(self, stats: PeriodStatistics, period: tuple[date, date]) -> None:
        plot = self.plots["trend"]
        plot.clear()
        daily = (period[1] - period[0]).days < DAILY_LIMIT_DAYS
        series = stats.by_day if daily else stats.by_month
        labels = [c.day.strftime("%m-%d") if daily else c.day.strftime("%Y-%m") for c in series]
        xs = list(range(len(series)))
        plot.addLegend(offset=(-10, 5), labelTextColor="#333", colCount=2)
        plot.plot(xs, [c.created for c in series], pen=pg.mkPen(BLUE, width=2),
                  symbol="o", symbolSize=4, symbolBrush=BLUE, name=self.tr("Created"))  # fmt: skip
        plot.plot(xs, [c.closed for c in series], pen=pg.mkPen(GREEN, width=2),
                  symbol="o", symbolSize=4, symbolBrush=GREEN, name=self.tr("Closed"))  # fmt: skip
        step = max(1, -(-len(labels) // 5))  # at most five dates: they must not overlap
        plot.getAxis("bottom").setTicks([[(x, labels[x]) for x in xs[::step]]])
        plot.getAxis("left").setTicks(None)
        self.bar_filters["trend"] = []
        if xs:
            top = max([*(c.created for c in series), *(c.closed for c in series), 1])
            plot.setXRange(-0.5, len(xs) - 0.5, padding=0)
            plot.setYRange(0, top * 1.4, padding=0)  # room for the legend above the lines

    def _draw_categories(self, stats: PeriodStatistics) -> None:
        top = sorted(stats.by_category.values(), key=lambda f: (-f.tickets, str(f.key)))[:TOP_N]
        self._bars(
            "category",
            [category_label(str(f.key)) for f in top],
            [f.tickets for f in top],
            [self._with_period({"category": str(f.key)}) for f in top],
            BLUE,
            horizontal=True,
        )

    def _draw_ranking(self) -> None:
        if self.data is None:
            return
        stats = self.data.stats
        groups = stats.by_village if self.ranking.currentData() == "village" else stats.by_grid
        known = [f for f in groups if f.key is not None]
        ranked = sorted(
            known, key=lambda f: (-(f.tickets - f.closed), -f.overdue_open, str(f.name))
        )[:TOP_N]
        self._bars(
            "ranking",
            [str(f.name) for f in ranked],
            [f.tickets - f.closed for f in ranked],
            [self._with_period({"area_id": int(f.key)}) for f in ranked],
            BLUE,
            horizontal=True,
            second=[f.overdue_open for f in ranked],
        )
        plot = self.plots["ranking"]
        legend = plot.addLegend(offset=(-10, 5), labelTextColor="#333", colCount=2)
        legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=BLUE), self.tr("Open"))
        legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=RED), self.tr("Overdue"))

    def _draw_departments(self, stats: PeriodStatistics) -> None:
        busiest = [f for f in stats.by_department if f.closed][:TOP_N]
        self._bars(
            "department",
            [str(f.name) for f in busiest],
            [float(f.on_time_rate or 0) for f in busiest],
            [self._with_period({"department_id": int(f.key)}) for f in busiest],
            GREEN,
            horizontal=True,
        )
        self.plots["department"].setXRange(0, 120, padding=0)

    # -- clicks --------------------------------------------------------------------------------

    def click_bar(self, chart: str, index: int) -> None:
        """A click on bar ``index`` of ``chart``: filter the queue to those tickets."""
        filters = self.bar_filters.get(chart, [])
        if 0 <= index < len(filters):
            self._context.bus.sig_filter_requested.emit(dict(filters[index]))
