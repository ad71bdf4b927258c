"""Administration → Deadline rules: every time limit the town can set (acceptance per urgency,
the whistle's report-in cap, finishing per category and urgency) with the default beside it.

Select a rule, type its new amount and unit below the table and press Enter (or Save); Reset
puts the default back. A change applies to tickets registered or dispatched after it: the
running deadlines keep the times they were given.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.deadline_rules import MAX_HOURS, LimitKind, RuleKey
from gridcenter_desktop.core.deadlines import LimitUnit, TimeLimit
from gridcenter_desktop.ui.admin.common import (
    action_button,
    close_buttons,
    fill_row,
    message_label,
    note_label,
    open_size,
    read,
    refusal_or_raise,
    row_table,
    select_data,
    selected_row,
    try_call,
)
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.labels import category_label, priority_label
from gridcenter_desktop.ui.plain_text import plain_label

ALL = "*"


class DeadlineRulesDialog(QDialog):
    """The rule table, a filter by what the rule is about, and the editor of the selected one."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.rows: list = []
        self.shown: list = []
        self.setWindowTitle(self.tr("Deadline rules"))
        intro = note_label(
            self.tr(
                "A change applies to tickets registered or dispatched after it is saved;"
                " tickets already running keep their deadlines. Working days skip weekends"
                " and public holidays (see the working-day calendar)."
            ),
            self,
        )
        intro.setObjectName("rules.intro")
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("rules.filter")
        self.filter_combo.addItem(self.tr("All rules"), ALL)
        self.filter_combo.addItem(self.tr("Acceptance and report-in"), LimitKind.ACCEPT.value)
        self.filter_combo.addItem(self.tr("Changed from the default"), "changed")
        self.filter_combo.currentIndexChanged.connect(lambda _i: self._fill())
        self.table = row_table(
            self,
            "rules.table",
            [
                self.tr("Rule"),
                self.tr("Category"),
                self.tr("Urgency"),
                self.tr("Limit"),
                self.tr("Default"),
                self.tr("Changed"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.selected_label = plain_label("", self)
        self.selected_label.setObjectName("rules.selected")
        self.amount = QSpinBox(self)
        self.amount.setObjectName("rules.amount")
        self.amount.setRange(1, MAX_HOURS)
        self.unit = QComboBox(self)
        self.unit.setObjectName("rules.unit")
        self.unit.addItem(self.tr("working days"), LimitUnit.WORKING_DAYS.value)
        self.unit.addItem(self.tr("hours"), LimitUnit.HOURS.value)
        self.save_button = action_button(self, self.tr("&Save"), "rules.save", self.save_rule)
        self.reset_button = action_button(
            self, self.tr("&Reset to default"), "rules.reset", self.reset_rule, "Ctrl+Backspace"
        )
        for widget in (self.amount, self.unit, self.save_button, self.reset_button):
            context.write_gate.gate(widget)
        self.amount.lineEdit().returnPressed.connect(self.save_rule)
        self.message = message_label(self, "rules.message")

        top = QHBoxLayout()
        show = QLabel(self.tr("S&how:"), self)
        show.setBuddy(self.filter_combo)
        top.addWidget(show)
        top.addWidget(self.filter_combo)
        top.addStretch(1)
        editor = QHBoxLayout()
        limit = QLabel(self.tr("&Limit:"), self)
        limit.setBuddy(self.amount)
        editor.addWidget(limit)
        editor.addWidget(self.amount)
        editor.addWidget(self.unit)
        editor.addWidget(self.save_button)
        editor.addWidget(self.reset_button)
        editor.addStretch(1)
        close = close_buttons(self)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addWidget(self.selected_label)
        box.addLayout(editor)
        box.addWidget(self.message)
        box.addWidget(close)
        self.default_size = (980, 820)
        remember_geometry(
            self, context.settings, "admin.deadline_rules", open_size(self, self.default_size)
        )
        self._add_categories()
        self.reload()
        self.table.setFocus()

    def _add_categories(self) -> None:
        from gridcenter_desktop.core.categories import CATEGORIES

        for cat in CATEGORIES:
            self.filter_combo.addItem(category_label(cat.code), cat.code)

    # -- the table ----------------------------------------------------------------------------

    def reload(self) -> None:
        from gridcenter_desktop.services.admin import deadline_rules as rule_service

        try:
            self.rows = list(read(self._context, rule_service.rule_table, self._context.now()))
        except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises bugs on
            self.rows = []
            self.message.setText(refusal_or_raise(exc))
        self._fill()

    def _wanted(self, row) -> bool:
        wanted = self.filter_combo.currentData()
        if wanted == ALL:
            return True
        if wanted == "changed":
            return not row.is_default
        if wanted == LimitKind.ACCEPT.value:
            return row.key.kind is not LimitKind.FINISH
        return row.key.category == wanted

    def _fill(self) -> None:
        current = self.selected()
        keep = current.key if current is not None else None
        self.shown = [row for row in self.rows if self._wanted(row)]
        self.table.setRowCount(len(self.shown))
        for r, row in enumerate(self.shown):
            changed = ""
            if not row.is_default and row.effective_from is not None:
                changed = row.effective_from.strftime("%Y-%m-%d %H:%M")
                if row.changed_by:
                    changed = f"{changed} {row.changed_by}"
            cells = (
                self.rule_name(row.key),
                category_label(row.key.category) if row.key.category else "",
                priority_label(row.key.priority) if row.key.priority else "",
                self.limit_text(row.limit),
                self.limit_text(row.default),
                changed,
            )
            fill_row(self.table, r, cells, r)
            if not row.is_default:
                for column in (0, 3):
                    item = self.table.item(r, column)
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
            if row.key == keep:
                self.table.selectRow(r)
        if self.selected() is None and self.shown:
            self.table.selectRow(0)
        self._selection_changed()

    def rule_name(self, key: RuleKey) -> str:
        if key.kind is LimitKind.ACCEPT:
            return self.tr("Accept within")
        if key.kind is LimitKind.WHISTLE_ACCEPT:
            return self.tr("Report in after a whistle within")
        return self.tr("Finish within")

    def limit_text(self, limit: TimeLimit) -> str:
        # Two sentences, not a %n plural: Chinese has one form and the English .ts keeps none.
        if limit.unit is LimitUnit.HOURS:
            if limit.amount == 1:
                return self.tr("1 hour")
            return self.tr("{n} hours").format(n=limit.amount)
        if limit.amount == 1:
            return self.tr("1 working day")
        return self.tr("{n} working days").format(n=limit.amount)

    def selected(self):
        """The RuleRow selected, or None."""
        row = selected_row(self.table)
        return self.shown[row] if row is not None and row < len(self.shown) else None

    def select_key(self, key: RuleKey) -> None:
        """Show every rule and select ``key``'s row."""
        select_data(self.filter_combo, ALL)
        for r, row in enumerate(self.shown):
            if row.key == key:
                self.table.selectRow(r)
                return

    def _selection_changed(self) -> None:
        row = self.selected()
        for widget in (self.amount, self.unit, self.save_button):
            widget.setEnabled(row is not None)
        self.reset_button.setEnabled(row is not None and not row.is_default)
        if row is None:
            self.selected_label.setText("")
            return
        what = [self.rule_name(row.key)]
        if row.key.category:
            what.append(category_label(row.key.category))
        if row.key.priority:
            what.append(priority_label(row.key.priority))
        self.selected_label.setText(
            self.tr("{rule} (default {default})").format(
                rule=" · ".join(what), default=self.limit_text(row.default)
            )
        )
        self.amount.setValue(row.limit.amount)
        select_data(self.unit, row.limit.unit.value)

    # -- actions ------------------------------------------------------------------------------

    def save_rule(self) -> None:
        from gridcenter_desktop.services.admin import deadline_rules as rule_service

        row = self.selected()
        if row is None:
            return
        limit = TimeLimit(self.amount.value(), LimitUnit(self.unit.currentData()))
        if limit == row.limit:
            return
        ok, _ = try_call(
            self.message,
            self._context,
            rule_service.set_rule,
            row.key,
            limit,
            now=self._context.now(),
        )
        if ok:
            self.reload()
            self.table.setFocus()

    def reset_rule(self) -> None:
        from gridcenter_desktop.services.admin import deadline_rules as rule_service

        row = self.selected()
        if row is None or row.is_default:
            return
        ok, _ = try_call(
            self.message, self._context, rule_service.reset_rule, row.key, now=self._context.now()
        )
        if ok:
            self.reload()
