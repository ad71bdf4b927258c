"""The pyqtgraph side of the charts dock: plot widgets and clickable bars.

Imported only once the first figures arrive (pyqtgraph and numpy take a second or more to
import on a busy machine): the window and its queue paint first, and the charts' job imports
pyqtgraph on its worker thread beforehand so the GUI thread finds it loaded.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import pyqtgraph as pg
from PySide6.QtWidgets import QGridLayout, QWidget

BLUE, GREEN, RED = "#2f6db5", "#27ae60", "#c0392b"
CUT_BLUE = "#9dbbe0"
# Axis labels wider than this are cut (综合执法局城管中队 → 综合执法局城管…): a long label
# would widen its axis until the chart no longer fits the dock. Measured in columns: a Chinese
# character takes two, a Latin letter one.
LABEL_COLUMNS = 15
CHART_NAMES = ("status", "trend", "category", "ranking", "department")


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


def figure_text(value: float) -> str:
    """A bar's figure: thousands separated, one decimal for rates."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:.1f}"


def _columns(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def short_label(text: str, limit: int = LABEL_COLUMNS) -> str:
    """``text`` cut to ``limit`` columns (Chinese characters count two) with an ellipsis."""
    if sum(_columns(c) for c in text) <= limit:
        return text
    kept, used = [], 1  # the ellipsis takes one
    for char in text:
        used += _columns(char)
        if used > limit:
            break
        kept.append(char)
    return "".join(kept) + "…"


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


class ChartBoard(QWidget):
    """Five plots in a grid; ``on_click(chart, index, series)`` is called for a clicked bar
    (series 0, or 1 for the second bar of a pair)."""

    def __init__(
        self,
        titles: dict[str, str],
        on_click: Callable[[str, int, int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_click = on_click
        self.plots: dict[str, pg.PlotWidget] = {name: _plot(titles[name]) for name in CHART_NAMES}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        grid.addWidget(self.plots["status"], 0, 0)
        grid.addWidget(self.plots["trend"], 0, 1)
        grid.addWidget(self.plots["category"], 0, 2)
        grid.addWidget(self.plots["ranking"], 1, 0, 1, 2)
        grid.addWidget(self.plots["department"], 1, 2)

    def bars(
        self,
        name: str,
        labels: Sequence[str],
        values: Sequence[float],
        color: str = BLUE,
        horizontal: bool = False,
        second: Sequence[float] | None = None,
        second_color: str = RED,
        legend: tuple[str, str] | None = None,
        x_max: float | None = None,
        cap: float | None = None,
    ) -> None:
        """Bars (two side by side per label with ``second``), clickable; horizontal ones are
        drawn biggest first from the top with their figure at the end. With ``cap`` (single
        horizontal bars) the axis ends there: a longer bar is cut at the edge, drawn paler
        with a "≫" break mark, and its figure still tells its real size."""
        plot = self.plots[name]
        plot.clear()
        n = len(values)
        positions = list(range(n))
        width = 0.38 if second is not None else 0.7
        shift = width / 2 if second is not None else 0.0

        def item(vals: Sequence[float], offset: float, brush: str, series: int = 0) -> Bars:
            def click(index: int) -> None:
                self._on_click(name, index, series)

            centres = [p + offset for p in positions]
            if horizontal:
                return Bars(click, True, x0=0, y=centres, height=width, width=list(vals),
                            brush=brush, pen=None)  # fmt: skip
            return Bars(click, False, x=centres, height=list(vals), width=width, brush=brush,
                        pen=None)  # fmt: skip

        drawn = list(values) if cap is None else [min(v, cap) for v in values]
        plot.addItem(item(drawn, -shift, color))
        if cap is not None:
            cut = [cap if v > cap else 0 for v in values]
            plot.addItem(item(cut, -shift, CUT_BLUE))  # the cut bars, paler, on top
        if second is not None:
            plot.addItem(item(second, shift, second_color, 1))
        elif horizontal:
            # The figure at the end of each bar: small counts stay readable beside big ones.
            for pos, value in zip(positions, values, strict=True):
                if cap is not None and value > cap:
                    # Inside the cut bar's end, right-aligned: "≫ 13,765".
                    text = pg.TextItem(f"≫ {figure_text(value)}", color="#000", anchor=(1, 0.5))
                    text.setPos(cap, pos)
                else:
                    text = pg.TextItem(figure_text(value), color="#333", anchor=(0, 0.5))
                    text.setPos(value, pos)
                plot.addItem(text)
        ticks = [[(p, short_label(t)) for p, t in zip(positions, labels, strict=True)]]
        plot.getAxis("left" if horizontal else "bottom").setTicks(ticks)
        plot.getAxis("bottom" if horizontal else "left").setTicks(None)
        top = max([*drawn, *(second or []), 1])
        if horizontal:
            plot.setYRange(-0.6, max(n - 0.4, 0.6), padding=0)
            # Room at the right for the figures (or the legend) beyond the longest bar.
            # Paired bars carry a legend at the top right, beside the longest (top) bar: the
            # range leaves it a third of the width so it never covers a bar.
            right = x_max if x_max is not None else top * (1.5 if second is not None else 1.35)
            if cap is not None:
                right = cap  # the cut bars end at the edge
            plot.setXRange(0, right, padding=0)
            plot.getViewBox().invertY(True)  # the biggest first, at the top
        else:
            plot.setXRange(-0.6, max(n - 0.4, 0.6), padding=0)
            plot.setYRange(0, top * (1.35 if second is not None else 1.1), padding=0)
        if legend is not None:
            # One column (narrow), on a white ground so a crossing grid line stays readable.
            box = plot.addLegend(
                offset=(-6, 5),
                labelTextColor="#333",
                colCount=1,
                brush=pg.mkBrush(255, 255, 255, 230),
            )
            # addLegend returns the plot's one legend: without this every refresh added
            # another pair of entries (issue 8).
            box.clear()
            box.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=color), legend[0])
            box.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=second_color), legend[1])

    def lines(
        self,
        name: str,
        labels: Sequence[str],
        first: Sequence[int],
        second: Sequence[int],
        names: tuple[str, str],
    ) -> None:
        """Two series over the same x labels (at most four labels shown, so they never
        overlap in a narrow dock)."""
        plot = self.plots[name]
        plot.clear()
        xs = list(range(len(labels)))
        plot.addLegend(offset=(-10, 5), labelTextColor="#333", colCount=2).clear()
        for values, colour, label in ((first, BLUE, names[0]), (second, GREEN, names[1])):
            plot.plot(xs, list(values), pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=4,
                      symbolBrush=colour, name=label)  # fmt: skip
        step = max(1, -(-len(labels) // 4))
        plot.getAxis("bottom").setTicks([[(x, labels[x]) for x in xs[::step]]])
        plot.getAxis("left").setTicks(None)
        if xs:
            top = max([*first, *second, 1])
            plot.setXRange(-0.5, len(xs) - 0.5, padding=0)
            plot.setYRange(0, top * 1.4, padding=0)  # room for the legend above the lines
