"""The small dialogs of Administration → Areas and grids: add or edit an area (name, code and
where the code comes from, order), move it under another parent, merge a grid into another.

Each one calls its services/admin/areas function itself when the administrator presses OK,
so a refusal (a name already used in the village, a code of the wrong shape or in use) is
shown at the field and what was typed stays for correcting.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from gridcenter_desktop.core.area_codes import code_problem, may_sit_under, normalize_code
from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.ui.admin.common import (
    call_admin,
    message_label,
    note_label,
    refusal_or_raise,
    show_refusal,
)
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.field_errors import FieldErrors
from gridcenter_desktop.ui.labels import area_level_label, error_text
from gridcenter_desktop.ui.plain_text import plain_label

# Where a code comes from (Area.code_system): DOMAIN.md, "Area codes".
CODE_SYSTEMS = ("national_stats", "civil_affairs")


def child_levels(parent_level: AreaLevel | None) -> list[AreaLevel]:
    """The levels an area under ``parent_level`` may have (None: the town itself)."""
    return [level for level in AreaLevel if may_sit_under(level, parent_level)]


def area_path(records: dict, area_id: int) -> str:
    """ "迂里村 / 迂里村第一网格": the area's name after its parents' below the town."""
    names = []
    current = records.get(area_id)
    while current is not None and current.level is not AreaLevel.TOWN:
        names.append(current.name)
        current = records.get(current.parent_id)
    return " / ".join(reversed(names))


def _ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.rejected.connect(dialog.reject)
    return buttons


class AreaFormDialog(QDialog):
    """A new area under ``parent`` (None: the town), or ``record`` to edit."""

    def __init__(
        self,
        context: AppContext,
        *,
        parent_record=None,
        record=None,
        parent_code: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._record = record
        self._parent_record = parent_record
        self._parent_code = parent_code
        self.saved = None
        self.setMinimumWidth(480)
        self.errors = FieldErrors()
        self.level_combo = QComboBox(self)
        self.level_combo.setObjectName("area_form.level")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("area_form.name")
        self.name_edit.setMaxLength(64)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("area_form.code")
        self.code_edit.setMaxLength(32)
        self.code_system = QComboBox(self)
        self.code_system.setObjectName("area_form.code_system")
        self.code_system.addItem(self.tr("(not given)"), None)
        self.code_system.addItem(self.tr("National statistics code"), "national_stats")
        self.code_system.addItem(self.tr("Civil-affairs gazetteer code"), "civil_affairs")
        self.order_spin = QSpinBox(self)
        self.order_spin.setObjectName("area_form.sort_order")
        self.order_spin.setRange(0, 9999)
        self.code_hint = note_label("", self)
        self.code_hint.setObjectName("area_form.code_hint")

        form = QFormLayout(self)
        if record is None:
            where = parent_record.name if parent_record is not None else ""
            title = (
                self.tr("New area under {parent}").format(parent=where)
                if parent_record is not None
                else self.tr("New town")
            )
            self.setWindowTitle(title)
            levels = child_levels(parent_record.level if parent_record is not None else None)
            for level in levels:
                self.level_combo.addItem(area_level_label(level), level.value)
            self.level_combo.setEnabled(len(levels) > 1)
            if parent_record is not None:
                form.addRow(self.tr("Under:"), plain_label(where, self))
            form.addRow(self.tr("&Level:"), self.errors.wrap("level", self.level_combo))
            self.order_spin.setSpecialValueText(self.tr("(last)"))
        else:
            self.setWindowTitle(self.tr("Edit {name}").format(name=record.name))
            self.level_combo.addItem(area_level_label(record.level), record.level.value)
            self.level_combo.setEnabled(False)
            form.addRow(self.tr("Level:"), self.level_combo)
            self.name_edit.setText(record.name)
            self.code_edit.setText(record.code or "")
            if record.code_system and self.code_system.findData(record.code_system) < 0:
                self.code_system.addItem(record.code_system, record.code_system)
            self.code_system.setCurrentIndex(max(0, self.code_system.findData(record.code_system)))
            self.order_spin.setValue(record.sort_order)
        form.addRow(self.tr("&Name:"), self.errors.wrap("area_name", self.name_edit))
        form.addRow(self.tr("&Code:"), self.errors.wrap("area_code", self.code_edit))
        form.addRow("", self.code_hint)
        form.addRow(self.tr("Code &system:"), self.errors.wrap("code_system", self.code_system))
        form.addRow(self.tr("&Order:"), self.errors.wrap("sort_order", self.order_spin))
        self.message = message_label(self, "area_form.message")
        form.addRow(self.message)
        self.buttons = _ok_cancel(self, self.tr("Save") if record else self.tr("Add"))
        self.buttons.accepted.connect(self.try_save)
        form.addRow(self.buttons)
        self.level_combo.currentIndexChanged.connect(self._show_code_hint)
        self.code_edit.textChanged.connect(self._show_code_hint)
        self._show_code_hint()
        self.name_edit.setFocus()

    def level(self) -> AreaLevel:
        return AreaLevel(self.level_combo.currentData())

    def _show_code_hint(self) -> None:
        """What shape the code must have; a wrong shape is named while typing."""
        level = self.level()
        code = normalize_code(self.code_edit.text())
        if code is not None:
            problem = code_problem(code, level, self._parent_code)
            if problem is not None:
                self.code_hint.setText(error_text(ValidationError("area_code", problem.value)))
                return
        if level is AreaLevel.TOWN:
            text = self.tr("Optional: the town's 9-digit code (for example 320506108).")
        elif level in (AreaLevel.VILLAGE, AreaLevel.COMMUNITY):
            text = self.tr(
                "Optional: 12 digits, the town's 9 then 001-199 for a community or 200-999 for"
                " a village. Leave it empty when it is not known for sure."
            )
        else:
            text = self.tr("Optional: the town's own numbering, letters, digits and hyphens.")
        self.code_hint.setText(text)

    def try_save(self) -> None:
        from gridcenter_desktop.services.admin import KEEP, areas

        self.errors.clear()
        self.message.clear()
        name = self.name_edit.text().strip()
        if not name:
            self.errors.show("area_name", error_text(ValidationError("area_name", "required")))
            self.name_edit.setFocus()
            return
        code = normalize_code(self.code_edit.text())
        system = self.code_system.currentData()
        try:
            if self._record is None:
                self.saved = call_admin(
                    self._context,
                    areas.create_area,
                    parent_id=self._parent_record.id if self._parent_record else None,
                    level=self.level(),
                    name=name,
                    code=code,
                    code_system=system,
                    sort_order=self.order_spin.value() or None,
                )
            else:
                old = self._record
                self.saved = call_admin(
                    self._context,
                    areas.update_area,
                    old.id,
                    name=name if name != old.name else None,
                    code=code if code != old.code else KEEP,
                    code_system=system if system != old.code_system else KEEP,
                    sort_order=(
                        self.order_spin.value()
                        if self.order_spin.value() != old.sort_order
                        else None
                    ),
                )
        except Exception as exc:  # noqa: BLE001 - show_refusal raises what is not a refusal
            show_refusal(self.errors, self.message, exc)
            return
        self.accept()


class MoveAreaDialog(QDialog):
    """Pick the new parent of ``record`` among the areas its level may sit under."""

    def __init__(self, context: AppContext, record, records: dict, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._record = record
        self.saved = None
        self.setWindowTitle(self.tr("Move {name}").format(name=record.name))
        self.setMinimumWidth(440)
        self.parent_combo = QComboBox(self)
        self.parent_combo.setObjectName("move_area.parent")
        for other in records.values():
            if (
                other.id != record.id
                and other.id != record.parent_id
                and other.retired_at is None
                and may_sit_under(record.level, other.level)
            ):
                self.parent_combo.addItem(area_path(records, other.id) or other.name, other.id)
        form = QFormLayout(self)
        form.addRow(
            note_label(
                self.tr(
                    "{name} and everything under it move; its tickets and team stay with it."
                ).format(name=record.name),
                self,
            )
        )
        form.addRow(self.tr("&New place:"), self.parent_combo)
        self.message = message_label(self, "move_area.message")
        form.addRow(self.message)
        buttons = _ok_cancel(self, self.tr("Move"))
        buttons.accepted.connect(self.try_move)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.parent_combo.count() > 0)
        if self.parent_combo.count() == 0:
            self.message.setText(self.tr("There is no other place this area can go."))
        form.addRow(buttons)

    def try_move(self) -> None:
        from gridcenter_desktop.services.admin import areas

        try:
            self.saved = call_admin(
                self._context, areas.move_area, self._record.id, self.parent_combo.currentData()
            )
        except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises what is not a refusal
            self.message.setText(refusal_or_raise(exc))
            return
        self.accept()


class MergeGridsDialog(QDialog):
    """Merge grid ``record`` into another active grid of the town."""

    def __init__(self, context: AppContext, record, records: dict, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._record = record
        self.merged = None
        self.setWindowTitle(self.tr("Merge {name} into another grid").format(name=record.name))
        self.setMinimumWidth(480)
        self.target_combo = QComboBox(self)
        self.target_combo.setObjectName("merge.target")
        for other in records.values():
            if other.id != record.id and other.level is record.level and other.retired_at is None:
                self.target_combo.addItem(area_path(records, other.id), other.id)
        form = QFormLayout(self)
        form.addRow(
            note_label(
                self.tr(
                    "The open tickets and the current team of {name} move to the grid chosen"
                    " here; {name} is then retired. Its closed tickets and past members stay"
                    " with it, so the statistics of past periods do not change."
                ).format(name=record.name),
                self,
            )
        )
        form.addRow(self.tr("&Merge into:"), self.target_combo)
        self.message = message_label(self, "merge.message")
        form.addRow(self.message)
        buttons = _ok_cancel(self, self.tr("Merge"))
        buttons.accepted.connect(self.try_merge)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.target_combo.count() > 0)
        form.addRow(buttons)

    def try_merge(self) -> None:
        from gridcenter_desktop.services.admin import areas

        try:
            self.merged = call_admin(
                self._context,
                areas.merge_grids,
                self._record.id,
                self.target_combo.currentData(),
                now=self._context.now(),
            )
        except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises what is not a refusal
            self.message.setText(refusal_or_raise(exc))
            return
        self.accept()
