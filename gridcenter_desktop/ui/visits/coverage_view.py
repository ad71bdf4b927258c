"""The coverage tab's table (one row per grid worker for the month) and its bar chart: each
worker's visited households against the target line. pyqtgraph is imported when the chart is
first drawn (as the charts dock does), so opening the window stays quick."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gridcenter_desktop.services.visits.coverage import WELL_BEHIND
from gridcenter_desktop.ui.row_table_model import RowTableModel

_WELL_BEHIND = QBrush(QColor("#b00000"))
_NEAR = QBrush(QColor("#9a6700"))
AMBER = "#e0a020"


class CoverageModel(RowTableModel):
    """WorkerCoverage rows: worker, grid, village, households, visits, target, rate."""

    COLUMNS = 7

    def headers(self) -> list[str]:
        return [
            self.tr("Grid worker"),
            self.tr("Grid"),
            self.tr("Village or community"),
            self.tr("Households visited"),
            self.tr("Visits"),
            self.tr("Target"),
            self.tr("Coverage"),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.rate < WELL_BEHIND:
                return _WELL_BEHIND
            return _NEAR if row.households < row.target else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = (
            row.worker,
            row.grid,
            row.village,
            str(row.households),
            str(row.visits),
            str(row.target),
            f"{row.rate * 100:.1f} %",
        )
        return values[index.column()] if 0 <= index.column() < self.COLUMNS else None


class CoverageChart(QWidget):
    """Bars of visited households per worker (blue at or over the target, amber near it, red
    well behind), the target as a dashed line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visits_chart")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._plot = None
        self.bars = None

    def show_month(self, workers: list, target: int) -> None:
        import pyqtgraph as pg

        from gridcenter_desktop.ui.charts_plots import BLUE, RED, short_label

        if self._plot is None:
            self._plot = pg.PlotWidget(background="w")
            self._plot.setMenuEnabled(False)
            self._plot.setMouseEnabled(x=False, y=False)
            self._plot.hideButtons()
            self._layout.addWidget(self._plot)
        plot = self._plot
        plot.clear()
        xs = list(range(len(workers)))
        heights = [w.households for w in workers]
        brushes = [
            pg.mkBrush(RED if w.rate < WELL_BEHIND else AMBER if w.households < w.target else BLUE)
            for w in workers
        ]
        self.bars = pg.BarGraphItem(x=xs, height=heights, width=0.7, brushes=brushes)
        plot.addItem(self.bars)
        line = pg.InfiniteLine(
            pos=target,
            angle=0,
            pen=pg.mkPen("#404040", width=2, style=Qt.PenStyle.DashLine),
            label=self.tr("Target {n}").format(n=target),
            labelOpts={"position": 0.95, "color": "#404040"},
        )
        plot.addItem(line)
        axis = plot.getAxis("bottom")
        step = max(1, len(workers) // 10)
        axis.setTicks(
            [[(i, short_label(w.worker, 8)) for i, w in enumerate(workers) if i % step == 0]]
        )
        plot.setYRange(0, max([target * 1.2, *heights]) if workers else target * 1.2)
        plot.setXRange(-0.6, max(len(workers) - 0.4, 0.4))
        plot.setLabel("left", self.tr("Households"))
