"""The charts dock: status distribution, created vs closed over time, top categories,
villages/grids ranked by open and overdue tickets, department on-time rate.

The figures come from services.statistics.period_statistics, computed in the database in a
background job for the chosen period. Clicking a bar asks the queue for exactly the tickets
the bar counts (bus.sig_filter_requested with every queue filter field named: the same period,
the statuses the bar means, everything else cleared), not the bar's condition on top of
whatever the queue showed before. The plots themselves (pyqtgraph, in
ui/charts_plots.py) are built when the first figures arrive, so pyqtgraph's slow import never
delays the window's first paint.
"""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gridcenter_desktop.core.enums import OPEN_STATUSES, TicketStatus
from gridcenter_desktop.services.admin.town import town_settings
from gridcenter_desktop.services.periods import (
    default_period,
    latest_ticket_date,
    period_for,
    relative_period,
)
from gridcenter_desktop.services.queue import QueueFilter
from gridcenter_desktop.services.statistics import PeriodStatistics, period_statistics
from gridcenter_desktop.ui.charts_period import PeriodChooser
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.labels import category_label, status_label
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

RELOAD_DELAY_MS = 1000
# The status chart's axis reaches this many times the biggest open status (see _draw_status).
STATUS_CAP = 2.0
TOP_N = 8
GREEN = "#27ae60"
STATUS_ORDER = [s for s in TicketStatus if s != TicketStatus.MERGED]
# Created/closed per day for up to about two months, per month beyond.
DAILY_LIMIT_DAYS = 62


def _percent(rate) -> str:
    return f"{rate}%" if rate is not None else "—"


@dataclass(frozen=True)
class ChartsData:
    period: tuple[date, date]
    default: tuple[date, date]
    today: date
    stats: PeriodStatistics


def _load(
    job, choice: str, custom: tuple[date, date] | None, now, demo: bool, desk_period: str = ""
) -> ChartsData:
    """The figures of the period ``choice`` means now (services.periods.period_for), or of the
    ``custom`` dates: worked out afresh at every reload, so every desk shows the same default
    period whenever it started, and the period boxes show what the bars count. The default is
    the workstation's own report period when one is chosen (``desk_period``: 本月, 上月…)."""
    # Warm pyqtgraph (and numpy) here, off the GUI thread: the plots are built from it next.
    importlib.import_module("pyqtgraph")
    with job.session() as session:
        if desk_period:
            default = relative_period(desk_period, now.date())
        else:
            # The town's default report period (its settings), up to the last ticket.
            kind = town_settings(session).report_period
            default = default_period(latest_ticket_date(session), now.date(), demo=demo, kind=kind)
        chosen = custom if custom is not None else period_for(choice, now.date(), default)
        job.check_cancelled()
        stats = period_statistics(session, chosen[0], chosen[1], now)
    return ChartsData(chosen, default, now.date(), stats)


class ChartsDock(QWidget):
    """Five charts over a chosen period; bars are clickable filters for the queue."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self.data: ChartsData | None = None
        self._period: tuple[date, date] | None = None
        self.board = None  # charts_plots.ChartBoard, once the first figures are in
        # What each chart's bars stand for, in bar order: the queue filter (every field
        # named) per bar; "<chart>.second" for the second bar of a pair.
        self.bar_filters: dict[str, list[dict]] = {}

        self.chooser = PeriodChooser(context.today(), self)
        self.chooser.sig_period_chosen.connect(self.set_period)
        self.summary = QLabel(self.tr("Loading figures…"), self)
        self.summary.setObjectName("charts.summary")
        self.ranking = QComboBox(self)
        self.ranking.setObjectName("charts.ranking")
        self.ranking.addItem(self.tr("Villages and communities"), "village")
        self.ranking.addItem(self.tr("Grids"), "grid")
        self.ranking.currentIndexChanged.connect(self._draw_ranking)
        self._titles = {
            "status": self.tr("Tickets by status"),
            "trend": self.tr("Created and closed"),
            "category": self.tr("Top categories"),
            "ranking": self.tr("Open and overdue tickets"),
            "department": self.tr("Departments on time, %"),
        }
        self._placeholder = QLabel(self.tr("Loading figures…"), self)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setMinimumSize(676, 340)

        top = QHBoxLayout()
        top.addWidget(self.chooser)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Ranking:"), self))
        top.addWidget(self.ranking)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(4, 4, 4, 4)
        self._box.addLayout(top)
        self._box.addWidget(self.summary)
        self._box.addWidget(self._placeholder, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        context.bus.sig_tickets_changed.connect(lambda _ids: self._reload_timer.start())
        # First figures behind the start-up jobs: this job imports pyqtgraph (a second of
        # Python on a busy machine), which must not slow the queue's first rows.
        context.jobs.when_idle(self.reload, owner=self)

    @property
    def plots(self) -> dict:
        """The pyqtgraph PlotWidgets by chart name (empty until the first figures)."""
        return self.board.plots if self.board is not None else {}

    # -- loading -------------------------------------------------------------------------------

    def set_period(self, date_from: date, date_to: date) -> None:
        """Show ``date_from``..``date_to`` (both inclusive) and tell the other docks."""
        self._period = (date_from, date_to)
        self._context.bus.sig_period_changed.emit(date_from, date_to)
        self.reload()

    def _custom_dates(self) -> tuple[date, date] | None:
        # Default, this month and this year are worked out again at each reload (the data
        # and the day move on); only custom dates are kept as they were chosen.
        return self._period if self.chooser.choice() == "custom" else None

    def period(self) -> tuple[date, date] | None:
        return self.data.period if self.data is not None else self._period

    def reload(self) -> None:
        """Recompute the figures for the current period in the background."""
        self.summary.setText(self.tr("Loading figures…"))
        self._jobs.submit(
            _load,
            self.chooser.choice(),
            self._custom_dates(),
            self._context.now(),
            self._context.demo,
            self._context.settings.report_period,
            on_result=self._loaded,
            key="charts.load",
        )

    def _ensure_board(self) -> None:
        if self.board is not None:
            return
        from gridcenter_desktop.ui.charts_plots import ChartBoard

        self.board = ChartBoard(self._titles, self.click_bar, self)
        self._box.replaceWidget(self._placeholder, self.board)
        self._placeholder.deleteLater()
        self._box.setStretchFactor(self.board, 1)

    def _loaded(self, data: ChartsData) -> None:
        self.data = data
        self.chooser.set_default(data.default, data.today)
        # The boxes show the dates the bars count (issue 8: after a refresh they disagreed).
        self.chooser.show_period(*data.period)
        if data.period != self._period:
            self._period = data.period
            self._context.bus.sig_period_changed.emit(*data.period)
        stats = data.stats
        self.summary.setText(
            self.tr(
                "{start} to {end}: {total} tickets, {closed} closed ({rate}), {overdue} open"
                " and overdue"
            ).format(
                start=data.period[0].isoformat(),
                end=data.period[1].isoformat(),
                total=f"{stats.tickets_total:,}",
                closed=f"{stats.tickets_closed:,}",
                rate=_percent(stats.closure_rate),
                overdue=f"{stats.overdue_open:,}",
            )
            # The departments' 签收及时率 (issue 11: missed acceptances show in the figures).
            + "　"
            + self.tr("accepted on time: {rate}").format(
                rate=_percent(stats.acceptance_on_time_rate)
            )
        )
        self._ensure_board()
        self._draw_status(stats)
        self._draw_trend(stats, data.period)
        self._draw_categories(stats)
        self._draw_ranking()
        self._draw_departments(stats)

    # -- what each chart shows -----------------------------------------------------------------

    def _with_period(self, **fields) -> dict:
        """The whole queue filter of a bar: the period's tickets (merged duplicates left out,
        as the statistics do) narrowed by ``fields``; every other field cleared."""
        start, end = self.data.period if self.data is not None else (None, None)
        flt = QueueFilter(created_from=start, created_to=end)
        # Every filter field, but not who searches (the queue adds that for its own user).
        whole = {
            f.name: getattr(flt, f.name)
            for f in dataclasses.fields(QueueFilter)
            if f.name != "reporter_search"
        }
        for name in ("statuses", "kinds", "categories", "sources"):
            if whole[name] is not None:
                whole[name] = sorted(whole[name])
        return {**whole, **fields}

    def _draw_status(self, stats: PeriodStatistics) -> None:
        counts = [stats.by_status.get(s) for s in STATUS_ORDER]
        self.bar_filters["status"] = [self._with_period(statuses=[str(s)]) for s in STATUS_ORDER]
        values = [f.tickets if f is not None else 0 for f in counts]
        # Closed tickets outnumber each open status a hundredfold: on one linear scale every
        # open status was a sliver (issue 8). The scale is set by the open statuses; a longer
        # bar is cut at the edge, marked, and carries its real figure.
        open_values = [v for s, v in zip(STATUS_ORDER, values, strict=True) if s in OPEN_STATUSES]
        top_open = max([*open_values, 1])
        cap = top_open * STATUS_CAP if max([*values, 0]) > top_open * STATUS_CAP else None
        self.board.bars(
            "status",
            [status_label(s) for s in STATUS_ORDER],
            values,
            horizontal=True,
            cap=cap,
        )

    def _draw_trend(self, stats: PeriodStatistics, period: tuple[date, date]) -> None:
        daily = (period[1] - period[0]).days < DAILY_LIMIT_DAYS
        series = stats.by_day if daily else stats.by_month
        self.bar_filters["trend"] = []
        self.board.lines(
            "trend",
            [c.day.strftime("%m-%d" if daily else "%Y-%m") for c in series],
            [c.created for c in series],
            [c.closed for c in series],
            (self.tr("Created"), self.tr("Closed")),
        )

    def _draw_categories(self, stats: PeriodStatistics) -> None:
        top = sorted(stats.by_category.values(), key=lambda f: (-f.tickets, str(f.key)))[:TOP_N]
        self.bar_filters["category"] = [self._with_period(categories=[str(f.key)]) for f in top]
        self.board.bars(
            "category",
            [category_label(str(f.key)) for f in top],
            [f.tickets for f in top],
            horizontal=True,
        )

    def _draw_ranking(self) -> None:
        if self.data is None or self.board is None:
            return
        stats = self.data.stats
        groups = stats.by_village if self.ranking.currentData() == "village" else stats.by_grid
        known = [f for f in groups if f.key is not None]
        ranked = sorted(
            known, key=lambda f: (-(f.tickets - f.closed), -f.overdue_open, str(f.name))
        )[:TOP_N]
        # Blue: the period's tickets not closed yet; red: those of them past their deadline.
        still_open = sorted(str(s) for s in OPEN_STATUSES)
        self.bar_filters["ranking"] = [
            self._with_period(area_id=int(f.key), statuses=still_open) for f in ranked
        ]
        self.bar_filters["ranking.second"] = [
            self._with_period(area_id=int(f.key), deadline="overdue") for f in ranked
        ]
        self.board.bars(
            "ranking",
            [str(f.name) for f in ranked],
            [f.tickets - f.closed for f in ranked],
            horizontal=True,
            second=[f.overdue_open for f in ranked],
            legend=(self.tr("Open"), self.tr("Overdue")),
        )

    def _draw_departments(self, stats: PeriodStatistics) -> None:
        busiest = [f for f in stats.by_department if f.closed and f.key is not None][:TOP_N]
        # The rate is over the closed tickets the department led: the queue shows the closed
        # tickets it took part in (lead or assisting; the queue has no "lead only" filter).
        self.bar_filters["department"] = [
            self._with_period(department_id=int(f.key), statuses=[str(TicketStatus.CLOSED)])
            for f in busiest
        ]
        self.board.bars(
            "department",
            [str(f.name) for f in busiest],
            [float(f.on_time_rate or 0) for f in busiest],
            color=GREEN,
            horizontal=True,
            x_max=120,
        )

    # -- clicks --------------------------------------------------------------------------------

    def click_bar(self, chart: str, index: int, series: int = 0) -> None:
        """A click on bar ``index`` of ``chart`` (``series`` 1: the second bar of a pair):
        show the queue exactly the tickets that bar counts."""
        filters = self.bar_filters.get(chart if series == 0 else f"{chart}.second", [])
        if 0 <= index < len(filters):
            self._context.bus.sig_filter_requested.emit(dict(filters[index]))
