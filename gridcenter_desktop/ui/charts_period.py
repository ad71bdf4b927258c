"""The charts' period chooser (the default period itself is services.periods')."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from gridcenter_desktop.services.periods import period_for


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodChooser(QWidget):
    """Default period / this month / this year / custom dates."""

    sig_period_chosen = Signal(object, object)
    """sig_period_chosen(date_from: date, date_to: date): the operator picked a period."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today  # the desk's clock (ui/context.py); set_default moves it on
        self._default: tuple[date, date] | None = None
        self.combo = QComboBox(self)
        self.combo.setObjectName("charts.period")
        self.combo.addItem(self.tr("Default period"), "default")
        self.combo.addItem(self.tr("This month"), "month")
        self.combo.addItem(self.tr("This year"), "year")
        self.combo.addItem(self.tr("Custom…"), "custom")
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.editingFinished.connect(self._custom_edited)
        self.to_label = QLabel(self.tr("to"), self)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(self.tr("Period:"), self))
        box.addWidget(self.combo)
        box.addWidget(self.date_from)
        box.addWidget(self.to_label)
        box.addWidget(self.date_to)
        self.combo.currentIndexChanged.connect(self._choice_changed)
        self._show_dates(enabled=False)

    def set_default(self, period: tuple[date, date], today: date) -> None:
        """What "default period" means for this data, and the current day."""
        self._default = period
        self._today = today
        if self.choice() == "default":
            self._set_dates(*period)

    def show_period(self, date_from: date, date_to: date) -> None:
        """Show the dates the charts count (without announcing a choice)."""
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
        try:
            self._set_dates(date_from, date_to)
        finally:
            for edit in (self.date_from, self.date_to):
                edit.blockSignals(False)

    def choice(self) -> str:
        return str(self.combo.currentData())

    def period(self) -> tuple[date, date] | None:
        """The chosen dates (None until the default is known)."""
        if self.choice() == "custom":
            return _pydate(self.date_from.date()), _pydate(self.date_to.date())
        if self._default is None:
            return None
        return period_for(self.choice(), self._today, self._default)

    def set_custom(self, date_from: date, date_to: date) -> None:
        """Choose custom dates (as the operator would)."""
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData("custom"))
        self.combo.blockSignals(False)
        self._show_dates(enabled=True)
        self._set_dates(date_from, date_to)
        self._custom_edited()

    def _set_dates(self, date_from: date, date_to: date) -> None:
        self.date_from.setDate(_qdate(date_from))
        self.date_to.setDate(_qdate(date_to))

    def _show_dates(self, enabled: bool) -> None:
        for widget in (self.date_from, self.date_to):
            widget.setEnabled(enabled)

    def _choice_changed(self) -> None:
        custom = self.choice() == "custom"
        self._show_dates(enabled=custom)
        period = self.period()
        if period is None:
            return
        self._set_dates(*period)
        if not custom:
            self.sig_period_chosen.emit(*period)

    def _custom_edited(self) -> None:
        if self.choice() != "custom":
            return
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        if end < start:
            start, end = end, start
            self._set_dates(start, end)
        self.sig_period_chosen.emit(start, end)
