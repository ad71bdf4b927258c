"""The queue's filter bar: statuses, kind, category, source, overdue / due soon, registration
date range and the search box (results as you type, debounced).

It only maps its widgets to and from services.queue.QueueFilter fields; the queue dock decides
what to load. Texts keep the "QueueDock" translation context they have always had (literal
QCoreApplication.translate calls: pyside6-lupdate finds only those).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.enums import TicketKind, TicketSource, TicketStatus
from gridcenter_desktop.core.permissions import ReporterSearch, reporter_search
from gridcenter_desktop.services.queue import QueueFilter
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext

SEARCH_DEBOUNCE_MS = 250
# The search box keeps room for a code (GC20261201-0001) or a few words at any window size.
SEARCH_MIN_WIDTH = 180
# The QueueFilter fields this bar shows and edits.
BAR_FIELDS = (
    "statuses",
    "kinds",
    "categories",
    "sources",
    "deadline",
    "created_from",
    "created_to",
    "text",
)


class QueueFilterBar(QWidget):
    """Filter widgets in one row; ``sig_changed`` when the operator changed one of them."""

    sig_changed = Signal()
    """sig_changed(): a filter widget changed (the search box: 250 ms after the last key, or
    at once on Enter)."""

    sig_clear_requested = Signal()
    """sig_clear_requested(): the operator asked to clear every filter."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Two rows: the search box on its own keeps its width in a narrow window, and the
        # filters below it fit a 1366-pixel laptop beside the tree and the dispatch form.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        search_row = QHBoxLayout()
        row = QHBoxLayout()
        rows.addLayout(search_row)
        rows.addLayout(row)
        self.status_button = QToolButton(self)
        self.status_button.setText(QCoreApplication.translate("QueueDock", "Status"))
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        status_menu = QMenu(self.status_button)
        self.status_actions: dict[TicketStatus, QAction] = {}
        for code, label in labels.status_choices():
            act = status_menu.addAction(label)
            act.setCheckable(True)
            act.toggled.connect(self._changed)
            self.status_actions[TicketStatus(code)] = act
        self.status_button.setMenu(status_menu)

        self.kind_combo = self._combo(
            QCoreApplication.translate("QueueDock", "All kinds"), labels.kind_choices()
        )
        self.category_combo = self._combo(
            QCoreApplication.translate("QueueDock", "All categories"),
            [(c.code, c.name) for c in CATEGORIES],
        )
        self.source_combo = self._combo(
            QCoreApplication.translate("QueueDock", "All sources"), labels.source_choices()
        )
        self.deadline_combo = self._combo(
            QCoreApplication.translate("QueueDock", "Any deadline"),
            [
                ("overdue", QCoreApplication.translate("QueueDock", "Overdue")),
                ("due_soon", QCoreApplication.translate("QueueDock", "Due soon")),
            ],
        )
        self.date_check = QCheckBox(QCoreApplication.translate("QueueDock", "Registered"), self)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        today = context.today()
        for edit, value in ((self.date_from, today.replace(day=1)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(_qdate(value))
            edit.setEnabled(False)
            edit.dateChanged.connect(self._changed)
        self.date_check.toggled.connect(self._on_date_toggled)
        # "To" never before "from": the range the operator can pick is always a valid one.
        self.date_from.dateChanged.connect(self.date_to.setMinimumDate)
        self.date_to.setMinimumDate(self.date_from.date())
        self.search = QLineEdit(self)
        self.search.setObjectName("queue_search")
        self.search.setClearButtonEnabled(True)
        # Never squeezed to "…" by the combos beside it (they shrink first).
        self.search.setMinimumWidth(SEARCH_MIN_WIDTH)
        if reporter_search(context.actor.role) is ReporterSearch.NONE:
            hint = QCoreApplication.translate(
                "QueueDock", "Search code, title, description, address…"
            )
        else:
            hint = QCoreApplication.translate(
                "QueueDock", "Search code, title, description, address, reporter's name or phone…"
            )
        self.search.setPlaceholderText(hint)
        self.search.setToolTip(hint)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._changed)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._changed)
        clear = QToolButton(self)
        clear.setText(QCoreApplication.translate("QueueDock", "Clear filters"))
        clear.clicked.connect(self.sig_clear_requested)
        for w in (
            self.status_button,
            self.kind_combo,
            self.category_combo,
            self.source_combo,
            self.deadline_combo,
            self.date_check,
            self.date_from,
            self.date_to,
        ):
            row.addWidget(w)
        row.addStretch(1)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(clear)

    def _combo(self, all_text: str, choices) -> QComboBox:
        combo = QComboBox(self)
        # Narrow windows shrink the combos (their lists stay full width), not the search box.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(4)
        combo.addItem(all_text, None)
        for code, label in choices:
            combo.addItem(label, str(code))
        combo.currentIndexChanged.connect(self._changed)
        return combo

    # -- API ------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def fields(self) -> dict:
        """The QueueFilter fields (BAR_FIELDS) the widgets show."""
        statuses = frozenset(s for s, act in self.status_actions.items() if act.isChecked())
        dated = self.date_check.isChecked()
        return {
            "statuses": statuses or None,
            "kinds": _chosen(self.kind_combo, TicketKind),
            "categories": _chosen(self.category_combo, str),
            "sources": _chosen(self.source_combo, TicketSource),
            "deadline": self.deadline_combo.currentData(),
            "created_from": self.date_from.date().toPython() if dated else None,
            "created_to": self.date_to.date().toPython() if dated else None,
            "text": self.search.text().strip() or None,
        }

    def show_filter(self, flt: QueueFilter) -> None:
        """Make the widgets show ``flt`` (without announcing a change)."""
        widgets = [
            *self.status_actions.values(),
            self.kind_combo,
            self.category_combo,
            self.source_combo,
            self.deadline_combo,
            self.date_check,
            self.date_from,
            self.date_to,
            self.search,
        ]
        for w in widgets:
            w.blockSignals(True)
        try:
            statuses = flt.statuses or frozenset()
            for status, act in self.status_actions.items():
                act.setChecked(status in statuses)
            _select(self.kind_combo, flt.kinds)
            _select(self.category_combo, flt.categories)
            _select(self.source_combo, flt.sources)
            index = self.deadline_combo.findData(flt.deadline) if flt.deadline else 0
            self.deadline_combo.setCurrentIndex(max(index, 0))
            dated = flt.created_from is not None or flt.created_to is not None
            self.date_check.setChecked(dated)
            self.date_from.setEnabled(dated)
            self.date_to.setEnabled(dated)
            if flt.created_from is not None:
                self.date_from.setDate(_qdate(flt.created_from))
            # Signals are blocked: keep the "to ≥ from" bound by hand.
            self.date_to.setMinimumDate(self.date_from.date())
            if flt.created_to is not None:
                self.date_to.setDate(_qdate(flt.created_to))
            if self.search.text() != (flt.text or ""):
                self.search.setText(flt.text or "")
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._search_timer.stop()

    # -- internals -------------------------------------------------------------------------------

    def _changed(self, *_args) -> None:
        self._search_timer.stop()
        self.sig_changed.emit()

    def _on_date_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._changed()


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _select(combo: QComboBox, values) -> None:
    # A combo shows one value; a set of several (from a chart or preset) shows "all".
    if values and len(values) == 1:
        index = combo.findData(str(next(iter(values))))
        combo.setCurrentIndex(max(index, 0))
    else:
        combo.setCurrentIndex(0)


def _chosen(combo: QComboBox, kind):
    value = combo.currentData()
    return frozenset({kind(value)}) if value else None
