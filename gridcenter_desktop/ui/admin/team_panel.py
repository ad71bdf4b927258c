"""A grid's "1+1+N" team in Administration → Areas and grids: the 网格长, the 专职网格员 and
the others, with phone and party membership; add a member, correct a person's details, end a
service, move a member to another grid (the old period ends the day before, so who served when
is kept). Past members are listed on request with their dates.

The calls go to services/admin/members; its refusals (a second current grid leader, a member
for a village instead of a grid) are shown under the table or at the field.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
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

from gridcenter_desktop.core.enums import AreaLevel, MemberRole
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.ui.admin.area_forms import area_path
from gridcenter_desktop.ui.admin.common import (
    action_button,
    call_admin,
    date_edit,
    edit_date,
    fill_row,
    message_label,
    note_label,
    read,
    refusal_or_raise,
    row_table,
    select_data,
    selected_row,
    show_refusal,
    try_call,
)
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.field_errors import FieldErrors
from gridcenter_desktop.ui.labels import error_text, member_role_label
from gridcenter_desktop.ui.plain_text import plain_label

TEAM_LEVELS = (AreaLevel.GRID, AreaLevel.MICRO_GRID)


class TeamPanel(QWidget):
    """The team of the area set with :meth:`set_area` (a grid or micro grid)."""

    sig_team_changed = Signal(int)
    """sig_team_changed(area_id: int): a member was added, changed, ended or moved away."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.area = None
        self.records: dict = {}
        self.members: list = []
        self.heading = plain_label("", self)
        self.heading.setObjectName("team.heading")
        self.heading.setWordWrap(True)
        self.table = row_table(
            self,
            "team.table",
            [
                self.tr("Role"),
                self.tr("Name"),
                self.tr("Phone"),
                self.tr("Party member"),
                self.tr("Since"),
                self.tr("Until"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        # Enter or a double click on a member edits the person.
        self.table.activated.connect(lambda _index: self.edit_person())
        self.show_past = QCheckBox(self.tr("Show &past members"), self)
        self.show_past.setObjectName("team.show_past")
        self.show_past.toggled.connect(lambda _on: self.reload())
        self.add_button = action_button(
            self, self.tr("A&dd member…"), "team.add", self.add_member, "Ins", self.table
        )
        self.edit_button = action_button(
            self, self.tr("Edit pers&on…"), "team.edit", self.edit_person, "F2", self.table
        )
        self.end_button = action_button(
            self, self.tr("E&nd service…"), "team.end", self.end_service, "Del", self.table
        )
        self.move_button = action_button(
            self, self.tr("Mo&ve to another grid…"), "team.move", self.move_member
        )
        self.message = message_label(self, "team.message")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.end_button, self.move_button):
            buttons.addWidget(button)
            context.write_gate.gate(button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_past)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.heading)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)
        box.addWidget(self.message)
        self.set_area(None, {})

    # -- what is shown ------------------------------------------------------------------------

    def set_area(self, record, records: dict) -> None:
        """Show the team of ``record`` (an AreaRecord), or a hint when it has none."""
        self.area = record if record is not None and record.level in TEAM_LEVELS else None
        self.records = records
        self.message.clear()
        if self.area is None:
            self.heading.setText(self.tr("Select a grid to see and change its 1+1+N team."))
        else:
            self.heading.setText(
                self.tr(
                    "1+1+N team of {grid}: one grid leader, one grid worker, and the others"
                ).format(grid=self.area.name)
            )
        self.reload()

    def reload(self) -> None:
        from gridcenter_desktop.services.admin import members as member_service

        selected = self.selected()
        self.members = []
        if self.area is not None:
            try:
                self.members = read(
                    self._context,
                    member_service.list_members,
                    self.area.id,
                    current_only=not self.show_past.isChecked(),
                )
            except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises bugs on
                self.message.setText(refusal_or_raise(exc))
        self.table.setColumnHidden(5, not self.show_past.isChecked())
        self.table.setRowCount(len(self.members))
        for row, member in enumerate(self.members):
            cells = (
                member_role_label(member.role),
                member.name,
                member.phone or "",
                self.tr("Yes") if member.party_member else "",
                member.since.isoformat() if member.since else "",
                member.until.isoformat() if member.until else "",
            )
            fill_row(self.table, row, cells, member.id, past=member.until is not None)
            if selected is not None and member.id == selected.id:
                self.table.selectRow(row)
        self._update_buttons()

    def selected(self):
        """The MemberRecord selected, or None."""
        row = selected_row(self.table)
        return self.members[row] if row is not None and row < len(self.members) else None

    def select_person(self, name: str) -> None:
        for row, member in enumerate(self.members):
            if member.name == name:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        member = self.selected()
        serving = member is not None and member.until is None
        active_area = self.area is not None and self.area.retired_at is None
        self.add_button.setEnabled(active_area)
        self.edit_button.setEnabled(member is not None)
        self.end_button.setEnabled(serving)
        self.move_button.setEnabled(serving)

    def _changed(self) -> None:
        self.reload()
        if self.area is not None:
            self.sig_team_changed.emit(self.area.id)

    # -- actions ------------------------------------------------------------------------------

    def add_member(self) -> None:
        if self.area is None:
            return
        dialog = MemberDialog(self._context, self.area, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._changed()
            self.select_person(dialog.saved.name)

    def edit_person(self) -> None:
        member = self.selected()
        if member is None:
            return
        dialog = PersonDialog(self._context, member, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed()

    def end_service(self) -> None:
        from gridcenter_desktop.services.admin import members as member_service

        member = self.selected()
        if member is None:
            return
        dialog = DateDialog(
            self.tr("End service"),
            self.tr("Last day {name} serves as {role}:").format(
                name=member.name, role=member_role_label(member.role)
            ),
            self._context.today(),
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ok, _ = try_call(
            self.message,
            self._context,
            member_service.end_service,
            member.id,
            edit_date(dialog.date_edit),
            now=self._context.now(),
        )
        if ok:
            self._changed()

    def move_member(self) -> None:
        member = self.selected()
        if member is None:
            return
        dialog = MoveMemberDialog(self._context, member, self.records, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed()


def _role_combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for role in MemberRole:
        combo.addItem(member_role_label(role), role.value)
    return combo


def _buttons(dialog: QDialog, ok_text: str, accepted) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(accepted)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MemberDialog(QDialog):
    """A person joining ``area``'s team: the same name and phone as someone on record is that
    person (a person may serve several grids)."""

    def __init__(self, context: AppContext, area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._area = area
        self.saved = None
        self.setWindowTitle(self.tr("Add a member to {grid}").format(grid=area.name))
        self.setMinimumWidth(440)
        self.errors = FieldErrors()
        self.role_combo = _role_combo(self, "member.role")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("member.name")
        self.name_edit.setMaxLength(64)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("member.phone")
        self.party_check = QCheckBox(self.tr("Party member"), self)
        self.party_check.setObjectName("member.party_member")
        self.since_edit = date_edit(self, "member.since", context.today())
        self.known = note_label("", self)
        self.known.setObjectName("member.known")
        form = QFormLayout(self)
        form.addRow(self.tr("&Role:"), self.errors.wrap("member_role", self.role_combo))
        form.addRow(self.tr("&Name:"), self.errors.wrap("person_name", self.name_edit, "name"))
        form.addRow(self.tr("P&hone:"), self.errors.wrap("phone", self.phone_edit))
        form.addRow("", self.party_check)
        form.addRow(self.tr("&Serves from:"), self.errors.wrap("since", self.since_edit))
        form.addRow(self.known)
        self.message = message_label(self, "member.message")
        form.addRow(self.message)
        form.addRow(_buttons(self, self.tr("Add"), self.try_save))
        self.name_edit.editingFinished.connect(self._look_up)
        self.phone_edit.editingFinished.connect(self._look_up)

    def _look_up(self) -> None:
        """Say when the name and phone are someone already on record (they are reused)."""
        from gridcenter_desktop.services.admin import members as member_service

        name = self.name_edit.text().strip()
        phone = self.phone_edit.text().strip() or None
        found = None
        if name:
            try:
                found = read(self._context, member_service.find_person, name, phone)
            except (ServiceError, ValueError):
                found = None
        if found is None:
            self.known.clear()
            return
        self.known.setText(
            self.tr("{name} is already on record: the same person will also serve here.").format(
                name=found.name
            )
        )
        self.party_check.setChecked(found.party_member)

    def try_save(self) -> None:
        from gridcenter_desktop.services.admin import members as member_service

        self.errors.clear()
        self.message.clear()
        name = self.name_edit.text().strip()
        if not name:
            self.errors.show("person_name", error_text(ValidationError("person_name", "required")))
            self.name_edit.setFocus()
            return
        try:
            self.saved = call_admin(
                self._context,
                member_service.add_member,
                self._area.id,
                name=name,
                phone=self.phone_edit.text().strip() or None,
                party_member=self.party_check.isChecked(),
                role=MemberRole(self.role_combo.currentData()),
                since=edit_date(self.since_edit),
                now=self._context.now(),
            )
        except Exception as exc:  # noqa: BLE001 - show_refusal raises what is not a refusal
            show_refusal(self.errors, self.message, exc)
            return
        self.accept()


class PersonDialog(QDialog):
    """Correct a person's name, phone or party membership (in every grid they serve)."""

    def __init__(self, context: AppContext, member, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._member = member
        self.setWindowTitle(self.tr("Edit {name}").format(name=member.name))
        self.setMinimumWidth(420)
        self.errors = FieldErrors()
        self.name_edit = QLineEdit(member.name, self)
        self.name_edit.setObjectName("person.name")
        self.name_edit.setMaxLength(64)
        self.phone_edit = QLineEdit(member.phone or "", self)
        self.phone_edit.setObjectName("person.phone")
        self.party_check = QCheckBox(self.tr("Party member"), self)
        self.party_check.setObjectName("person.party_member")
        self.party_check.setChecked(member.party_member)
        form = QFormLayout(self)
        form.addRow(note_label(self.tr("The change shows in every grid this person serves."), self))
        form.addRow(self.tr("&Name:"), self.errors.wrap("person_name", self.name_edit, "name"))
        form.addRow(self.tr("P&hone:"), self.errors.wrap("phone", self.phone_edit))
        form.addRow("", self.party_check)
        self.message = message_label(self, "person.message")
        form.addRow(self.message)
        form.addRow(_buttons(self, self.tr("Save"), self.try_save))

    def try_save(self) -> None:
        from gridcenter_desktop.services.admin import KEEP
        from gridcenter_desktop.services.admin import members as member_service

        self.errors.clear()
        self.message.clear()
        old = self._member
        name = self.name_edit.text().strip()
        phone = self.phone_edit.text().strip() or None
        party = self.party_check.isChecked()
        try:
            call_admin(
                self._context,
                member_service.update_person,
                old.person_id,
                name=name if name != old.name else None,
                phone=phone if phone != old.phone else KEEP,
                party_member=party if party != old.party_member else None,
            )
        except Exception as exc:  # noqa: BLE001 - show_refusal raises what is not a refusal
            show_refusal(self.errors, self.message, exc)
            return
        self.accept()


class DateDialog(QDialog):
    """One date, asked with a sentence (the last day of a service)."""

    def __init__(self, title: str, text: str, value, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.date_edit = date_edit(self, "date_dialog.date", value)
        form = QFormLayout(self)
        form.addRow(plain_label(text, self))
        form.addRow(self.date_edit)
        form.addRow(_buttons(self, self.tr("OK"), self.accept))


class MoveMemberDialog(QDialog):
    """Move a serving member to another grid from a day on; the role may change with it."""

    def __init__(self, context: AppContext, member, records: dict, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._member = member
        self.saved = None
        self.setWindowTitle(self.tr("Move {name}").format(name=member.name))
        self.setMinimumWidth(460)
        self.target_combo = QComboBox(self)
        self.target_combo.setObjectName("move_member.target")
        for record in records.values():
            if (
                record.level in TEAM_LEVELS
                and record.retired_at is None
                and record.id != member.area_id
            ):
                self.target_combo.addItem(area_path(records, record.id), record.id)
        self.role_combo = _role_combo(self, "move_member.role")
        select_data(self.role_combo, MemberRole(member.role).value)
        self.on_edit = date_edit(self, "move_member.on", context.today())
        form = QFormLayout(self)
        form.addRow(
            note_label(
                self.tr(
                    "{name} serves the new grid from this day; the service here ends the day"
                    " before, and stays on record."
                ).format(name=member.name),
                self,
            )
        )
        form.addRow(self.tr("&To grid:"), self.target_combo)
        form.addRow(self.tr("&Role there:"), self.role_combo)
        form.addRow(self.tr("&From:"), self.on_edit)
        self.message = message_label(self, "move_member.message")
        form.addRow(self.message)
        buttons = _buttons(self, self.tr("Move"), self.try_move)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.target_combo.count() > 0)
        form.addRow(buttons)

    def try_move(self) -> None:
        from gridcenter_desktop.services.admin import members as member_service

        role = MemberRole(self.role_combo.currentData())
        try:
            self.saved = call_admin(
                self._context,
                member_service.move_member,
                self._member.id,
                self.target_combo.currentData(),
                edit_date(self.on_edit),
                role=role if role != self._member.role else None,
                now=self._context.now(),
            )
        except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises what is not a refusal
            self.message.setText(refusal_or_raise(exc))
            return
        self.accept()
