"""Administration → Departments: the offices, stations, village committees and outside units
the centre dispatches to, with their contact and whether tickets may be sent to them.

New (Insert), edit (F2 or Enter), retire (Delete: hidden from the pickers, its past
assignments kept and counted), restore, and delete (Shift+Delete) for a department never
used; one in use is refused with the advice to retire it instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import DepartmentKind
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.ui.admin.common import (
    action_button,
    call_admin,
    close_buttons,
    confirm,
    fill_row,
    message_label,
    note_label,
    open_size,
    read,
    refusal_or_raise,
    row_table,
    select_data,
    selected_row,
    show_refusal,
    tab_chain,
    try_call,
)
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.field_errors import FieldErrors
from gridcenter_desktop.ui.labels import department_kind_label, error_text


class DepartmentsDialog(QDialog):
    """Every department in a table with the administrator's actions."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.rows: list = []
        self.setWindowTitle(self.tr("Departments"))
        self.table = row_table(
            self,
            "departments.table",
            [
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Code"),
                self.tr("Contact"),
                self.tr("Contact phone"),
                self.tr("Tickets sent here"),
                self.tr("Status"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self.edit_department())  # Enter too
        self.show_retired = QCheckBox(self.tr("Show &retired departments"), self)
        self.show_retired.setObjectName("departments.show_retired")
        self.show_retired.setChecked(True)
        self.show_retired.toggled.connect(lambda _on: self.reload())
        self.new_button = action_button(
            self, self.tr("&New…"), "departments.new", self.new_department, "Ins"
        )
        self.edit_button = action_button(
            self, self.tr("&Edit…"), "departments.edit", self.edit_department, "F2"
        )
        self.retire_button = action_button(
            self, self.tr("Re&tire…"), "departments.retire", self.retire_department, "Del"
        )
        self.restore_button = action_button(
            self, self.tr("Re&store"), "departments.restore", self.restore_department, "Ctrl+R"
        )
        self.delete_button = action_button(
            self,
            self.tr("&Delete…"),
            "departments.delete",
            self.delete_department,
            "Shift+Del",
        )
        self.message = message_label(self, "departments.message")
        side = QVBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.retire_button,
            self.restore_button,
            self.delete_button,
        ):
            side.addWidget(button)
            context.write_gate.gate(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        close = close_buttons(self)
        box = QVBoxLayout(self)
        box.addWidget(
            note_label(
                self.tr(
                    "A department that has had tickets cannot be deleted: retire it, and its"
                    " past work stays in the ledger and the statistics."
                ),
                self,
            )
        )
        box.addLayout(row, 1)
        box.addWidget(self.show_retired)
        box.addWidget(self.message)
        box.addWidget(close)
        self.default_size = (1000, 640)
        remember_geometry(
            self, context.settings, "admin.departments", open_size(self, self.default_size)
        )
        tab_chain(
            self.table,
            *(self.new_button, self.edit_button, self.retire_button, self.restore_button),
            *(self.delete_button, self.show_retired),
            close.button(QDialogButtonBox.StandardButton.Close),
        )
        self.reload()
        self.table.setFocus()

    def reload(self, select_id: int | None = None) -> None:
        from gridcenter_desktop.services.admin import departments as department_service

        current = self.selected()
        if select_id is None and current is not None:
            select_id = current.id
        try:
            rows = read(
                self._context,
                department_service.list_departments,
                include_retired=self.show_retired.isChecked(),
            )
        except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises bugs on
            rows = []
            self.message.setText(refusal_or_raise(exc))
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for r, dept in enumerate(self.rows):
            retired = not dept.active
            status = ""
            if retired:
                when = dept.retired_at.date().isoformat() if dept.retired_at else ""
                status = self.tr("Retired {date}").format(date=when).strip()
            cells = (
                dept.name,
                department_kind_label(dept.kind),
                dept.code,
                dept.contact_name or "",
                dept.contact_phone or "",
                self.tr("Yes") if dept.dispatchable else self.tr("No"),
                status,
            )
            fill_row(self.table, r, cells, dept.id, past=retired)
            if dept.id == select_id:
                self.table.selectRow(r)
        if self.selected() is None and self.rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self):
        """The DepartmentRecord selected, or None."""
        row = selected_row(self.table)
        return self.rows[row] if row is not None and row < len(self.rows) else None

    def select_name(self, name: str) -> None:
        for r, dept in enumerate(self.rows):
            if dept.name == name:
                self.table.selectRow(r)
                return

    def _update_buttons(self) -> None:
        dept = self.selected()
        self.edit_button.setEnabled(dept is not None)
        self.retire_button.setEnabled(dept is not None and dept.active)
        self.restore_button.setEnabled(dept is not None and not dept.active)
        self.delete_button.setEnabled(dept is not None)

    # -- actions ------------------------------------------------------------------------------

    def new_department(self) -> None:
        dialog = DepartmentFormDialog(self._context, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.message.clear()
            self.reload(select_id=dialog.saved.id)

    def edit_department(self) -> None:
        dept = self.selected()
        if dept is None:
            return
        dialog = DepartmentFormDialog(self._context, dept, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.message.clear()
            self.reload(select_id=dialog.saved.id)

    def retire_department(self) -> None:
        from gridcenter_desktop.services.admin import departments as department_service

        dept = self.selected()
        if dept is None or not dept.active:
            return
        if not confirm(
            self,
            self.tr("Retire department"),
            self.tr(
                "Retire {name}? No new tickets can be sent to it; its past work is kept and it"
                " can be restored."
            ).format(name=dept.name),
        ):
            return
        ok, _ = try_call(
            self.message,
            self._context,
            department_service.retire_department,
            dept.id,
            now=self._context.now(),
        )
        if ok:
            self.reload(select_id=dept.id)

    def restore_department(self) -> None:
        from gridcenter_desktop.services.admin import departments as department_service

        dept = self.selected()
        if dept is None or dept.active:
            return
        ok, _ = try_call(
            self.message, self._context, department_service.restore_department, dept.id
        )
        if ok:
            self.reload(select_id=dept.id)

    def delete_department(self) -> None:
        from gridcenter_desktop.services.admin import departments as department_service

        dept = self.selected()
        if dept is None:
            return
        if not confirm(
            self,
            self.tr("Delete department"),
            self.tr("Delete {name} for good? Only a department never used can be.").format(
                name=dept.name
            ),
        ):
            return
        ok, _ = try_call(self.message, self._context, department_service.delete_department, dept.id)
        if ok:
            self.reload()


KINDS = (
    DepartmentKind.OFFICE,
    DepartmentKind.AGENCY,
    DepartmentKind.COMMITTEE,
    DepartmentKind.UTILITY,
    DepartmentKind.EXTERNAL,
)


class DepartmentFormDialog(QDialog):
    """A new department (``record`` None) or one to edit."""

    def __init__(self, context: AppContext, record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._record = record
        self.saved = None
        self.setMinimumWidth(460)
        self.setWindowTitle(
            self.tr("New department")
            if record is None
            else self.tr("Edit {name}").format(name=record.name)
        )
        self.errors = FieldErrors()
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("department.name")
        self.name_edit.setMaxLength(64)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("department.kind")
        for kind in KINDS:
            self.kind_combo.addItem(department_kind_label(kind), kind.value)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("department.code")
        self.code_edit.setMaxLength(32)
        self.contact_edit = QLineEdit(self)
        self.contact_edit.setObjectName("department.contact_name")
        self.contact_edit.setMaxLength(64)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("department.contact_phone")
        self.dispatchable = QCheckBox(self.tr("Tickets may be &sent to it"), self)
        self.dispatchable.setObjectName("department.dispatchable")
        self.dispatchable.setChecked(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.errors.wrap("department_name", self.name_edit, "name"))
        form.addRow(self.tr("&Kind:"), self.errors.wrap("kind", self.kind_combo))
        if record is None:
            self.code_edit.setPlaceholderText(self.tr("made up from the name when left empty"))
            form.addRow(
                self.tr("&Code:"), self.errors.wrap("department_code", self.code_edit, "code")
            )
        else:
            self.name_edit.setText(record.name)
            select_data(self.kind_combo, record.kind.value)
            self.code_edit.setText(record.code)
            self.code_edit.setReadOnly(True)
            form.addRow(self.tr("Code:"), self.code_edit)
            self.contact_edit.setText(record.contact_name or "")
            self.phone_edit.setText(record.contact_phone or "")
            self.dispatchable.setChecked(record.dispatchable)
        form.addRow(self.tr("C&ontact:"), self.errors.wrap("contact_name", self.contact_edit))
        form.addRow(self.tr("Contact &phone:"), self.errors.wrap("contact_phone", self.phone_edit))
        form.addRow("", self.dispatchable)
        form.addRow(
            note_label(
                self.tr(
                    "Untick it for a unit kept on record (for contacts and notices) that"
                    " tickets are not dispatched to."
                ),
                self,
            )
        )
        self.message = message_label(self, "department.message")
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Add") if record is None else self.tr("Save")
        )
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.name_edit.setFocus()  # typing starts with the name, as in the area form

    def try_save(self) -> None:
        from gridcenter_desktop.services.admin import KEEP
        from gridcenter_desktop.services.admin import departments as department_service

        self.errors.clear()
        self.message.clear()
        name = self.name_edit.text().strip()
        if not name:
            self.errors.show(
                "department_name", error_text(ValidationError("department_name", "required"))
            )
            self.name_edit.setFocus()
            return
        kind = DepartmentKind(self.kind_combo.currentData())
        contact = self.contact_edit.text().strip() or None
        phone = self.phone_edit.text().strip() or None
        dispatchable = self.dispatchable.isChecked()
        try:
            if self._record is None:
                self.saved = call_admin(
                    self._context,
                    department_service.create_department,
                    name=name,
                    kind=kind,
                    code=self.code_edit.text().strip() or None,
                    contact_name=contact,
                    contact_phone=phone,
                    dispatchable=dispatchable,
                )
            else:
                old = self._record
                self.saved = call_admin(
                    self._context,
                    department_service.update_department,
                    old.id,
                    name=name if name != old.name else None,
                    kind=kind if kind != old.kind else None,
                    contact_name=contact if contact != old.contact_name else KEEP,
                    contact_phone=phone if phone != old.contact_phone else KEEP,
                    dispatchable=dispatchable if dispatchable != old.dispatchable else None,
                )
        except Exception as exc:  # noqa: BLE001 - show_refusal raises what is not a refusal
            show_refusal(self.errors, self.message, exc)
            return
        self.accept()
