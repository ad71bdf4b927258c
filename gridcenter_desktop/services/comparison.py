"""同比 and 环比: a calendar month's, quarter's or year's main figures against the same period a
year before and against the month or quarter just before (services/periods.py says which).

Rates change in percentage points (按期办结率 95.10 % → 96.30 % is +1.20 points), counts and
days in percent of the other period's value (120 → 150 tickets is +25.00 %). A period that is
no calendar month, quarter or year is compared with nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from gridcenter_desktop.services.periods import (
    ReportPeriod,
    calendar_kind,
    period_before,
    year_before,
)
from gridcenter_desktop.services.statistics import PeriodStatistics, period_statistics

_HUNDREDTH = Decimal("0.01")

# How a figure's change is told.
POINTS = "percentage_points"
PERCENT = "percent"


@dataclass(frozen=True, slots=True)
class MainFigure:
    """A figure compared: its key in PeriodStatistics.to_dict (and its attribute), and whether
    it is a rate (its change in percentage points) or a count / number of days (in percent)."""

    key: str
    rate: bool


MAIN_FIGURES: tuple[MainFigure, ...] = (
    MainFigure("tickets_total", False),
    MainFigure("tickets_closed", False),
    MainFigure("closure_rate", True),
    MainFigure("on_time_rate", True),
    MainFigure("acceptance_on_time_rate", True),
    MainFigure("avg_handling_days", False),
    MainFigure("disputes_total", False),
    MainFigure("disputes_resolved", False),
    MainFigure("dispute_resolution_rate", True),
    MainFigure("petition_batches", False),
    MainFigure("petition_people", False),
    MainFigure("suggestions_total", False),
    MainFigure("suggestions_resolved", False),
    MainFigure("satisfaction_rate", True),
    MainFigure("overdue_open", False),
    MainFigure("extensions_requested", False),
    MainFigure("callbacks_pending", False),
)


def value_of(stats: PeriodStatistics, key: str) -> int | Decimal | None:
    return getattr(stats, key)


def change(current: Any, other: Any, rate: bool) -> Decimal | None:
    """The change from ``other`` to ``current``: percentage points for a rate, percent of
    ``other`` for a count (None when either is undefined, or a count's other value is 0)."""
    if current is None or other is None:
        return None
    if rate:
        return (Decimal(current) - Decimal(other)).quantize(_HUNDREDTH, ROUND_HALF_UP)
    if not other:
        return None
    relative = (Decimal(current) - Decimal(other)) * 100 / Decimal(other)
    return relative.quantize(_HUNDREDTH, ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class PeriodComparison:
    """The current period's figures and those it is compared with (None: no such comparison)."""

    current: PeriodStatistics
    kind: ReportPeriod | None
    year_before: PeriodStatistics | None  # 同比
    period_before: PeriodStatistics | None  # 环比

    @property
    def others(self) -> list[tuple[str, PeriodStatistics]]:
        """("同比" / "环比", their figures) for the comparisons this period has."""
        pairs = (("同比", self.year_before), ("环比", self.period_before))
        return [(name, stats) for name, stats in pairs if stats is not None]

    def to_dict(self) -> dict[str, Any]:
        """The "compare" object of ``gridcenter stats --json``."""

        def side(other: PeriodStatistics | None) -> dict[str, Any] | None:
            if other is None:
                return None
            figures = {}
            for figure in MAIN_FIGURES:
                now_value = value_of(self.current, figure.key)
                then = value_of(other, figure.key)
                delta = change(now_value, then, figure.rate)
                figures[figure.key] = {
                    "value": _plain(then),
                    "change": _plain(delta),
                    "change_unit": POINTS if figure.rate else PERCENT,
                }
            return {
                "date_from": other.date_from.isoformat(),
                "date_to": other.date_to.isoformat(),
                "figures": figures,
            }

        return {
            "period": self.kind.value if self.kind else None,
            "year_on_year": side(self.year_before),
            "period_on_period": side(self.period_before),
        }


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def compare(
    session: Session, current: PeriodStatistics, now: datetime | None = None
) -> PeriodComparison:
    """``current`` with the figures of its 同比 and 环比 periods, counted at the same ``now``
    (default: current's own)."""
    now = now or current.now

    def figures(period: tuple[date, date] | None) -> PeriodStatistics | None:
        return period_statistics(session, *period, now=now) if period else None

    span = (current.date_from, current.date_to)
    return PeriodComparison(
        current=current,
        kind=calendar_kind(*span),
        year_before=figures(year_before(*span)),
        period_before=figures(period_before(*span)),
    )
