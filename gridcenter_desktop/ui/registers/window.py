"""网格工作 → 台账 (Registers): three tabs (特殊群体, 出租房屋, 安全隐患), each with a search box,
a grid and a kind filter, the rows (personal data masked as the role may see them), and the
row's actions: add, edit, strike off, show contact (audited, with a reason), raise a ticket,
the tickets raised from it; import a filled-in template, export to Excel (audited).

Searches, imports and exports run as jobs (services/registers/, reports/registers.py); a form
saves through the service in one call. Keyboard: Ctrl+F search, Ctrl+N add, Enter edits the
row, Ctrl+T raises a ticket, F5 reads again, Ctrl+Tab the next register.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import DataPurpose, RegisterKind
from gridcenter_desktop.core.permissions import may_keep_registers, may_reveal_register_contact
from gridcenter_desktop.core.personal_data import PersonalDataMask
from gridcenter_desktop.services.registers import dangers, rentals, special_groups, tickets
from gridcenter_desktop.services.registers.common import worker_choices
from gridcenter_desktop.services.registers.query import RegisterQuery, RowState
from gridcenter_desktop.services.registers.sheets import (
    RegisterImportRefused,
    import_register,
    write_template,
)
from gridcenter_desktop.services.suggestions import active_grids
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.error_labels import rule_text
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.registers.forms import Field, RegisterFormDialog
from gridcenter_desktop.ui.registers.tabs import (
    TabSpec,
    dangers_tab,
    rentals_tab,
    row_values,
    special_groups_tab,
    with_grids,
    worker_of,
)
from gridcenter_desktop.ui.row_table_model import RowTableModel
from gridcenter_desktop.ui.save_paths import ask_save_path
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

PAGE = 500


def search(job, register: RegisterKind, actor, query: RegisterQuery, today):
    session = job.session()
    if register is RegisterKind.SPECIAL_GROUP:
        return special_groups.search_special_groups(session, actor, query)
    if register is RegisterKind.RENTAL:
        return rentals.search_rentals(session, actor, query)
    return dangers.search_dangers(session, actor, query, today)


def import_job(job, register, actor, path, now):
    return import_register(job.session(), actor, register, path, now)


def export_job(job, register, actor, query, path, today):
    from gridcenter_desktop.reports.registers import export_register

    return export_register(job.session(), actor, register, query, path, today)


class RegisterTableModel(RowTableModel):
    """A register's rows (as the services return them) under the tab's columns."""

    def __init__(self, spec: TabSpec, parent=None) -> None:
        super().__init__(parent)
        self._spec = spec
        self.COLUMNS = len(spec.columns)

    def headers(self) -> list[str]:
        return [column.header for column in self._spec.columns]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        value = self._spec.columns[index.column()].value(self._rows[index.row()])
        return "" if value is None else str(value)


class RegisterTab(QWidget):
    """One register: filters, table, actions."""

    def __init__(self, context: AppContext, spec: TabSpec, grids, workers, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self.spec = with_grids(spec, grids, workers)
        self.setObjectName(f"register_tab_{spec.register.value}")
        self._jobs = WidgetJobs(self, context.jobs)
        self.busy = False
        role = context.actor.role
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("register_search")
        self.search_box.setPlaceholderText(self.tr("Name, address or place"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(self.reload)
        self.grid = QComboBox(self)
        self.grid.setObjectName("register_grid")
        self.grid.addItem(self.tr("All grids"), None)
        for gid, name in grids:
            self.grid.addItem(name, gid)
        self.kind = QComboBox(self)
        self.kind.setObjectName("register_kind")
        for value, text in spec.kinds:
            self.kind.addItem(text, value)
        self.state = QComboBox(self)
        self.state.setObjectName("register_state")
        for value, text in spec.states:
            self.state.addItem(text, value)
        for combo in (self.grid, self.kind, self.state):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        find = QLabel(self.tr("&Find"), self)
        find.setBuddy(self.search_box)
        filters = QHBoxLayout()
        filters.addWidget(find)
        filters.addWidget(self.search_box, 2)
        filters.addWidget(self.grid, 1)
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.state, 1)

        self.model = RegisterTableModel(self.spec, self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("register_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, col in enumerate(self.spec.columns):
            header.resizeSection(column, col.width)
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())

        keeps = may_keep_registers(role)
        self.add_button = self._button(self.tr("&Add…"), self.add, keeps, "register_add")
        self.edit_button = self._button(
            self.tr("&Edit…"), self.edit_selected, keeps, "register_edit"
        )
        self.retire_button = self._button(
            self.tr("Strike &off…"), self.retire_selected, keeps and spec.retires, "register_retire"
        )
        masked = not PersonalDataMask(role, DataPurpose.REGISTER).visible
        self.reveal_button = self._button(
            self.tr("Show &contact…"),
            self.reveal_selected,
            spec.personal and masked and may_reveal_register_contact(role),
            "register_reveal",
        )
        self.ticket_button = self._button(
            self.tr("Raise &ticket…"), self.raise_ticket, keeps, "register_raise_ticket"
        )
        self.import_button = self._button(
            self.tr("&Import…"), self.choose_import, keeps, "register_import"
        )
        self.template_button = self._button(
            self.tr("Te&mplate…"), self.save_template, True, "register_template"
        )
        self.export_button = self._button(
            self.tr("E&xport…"), self.choose_export, True, "register_export"
        )
        for button in (
            self.add_button,
            self.edit_button,
            self.retire_button,
            self.ticket_button,
            self.import_button,
        ):
            context.write_gate.gate(button)
        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.retire_button,
            self.reveal_button,
            self.ticket_button,
        ):
            if button.isEnabled() or button is self.ticket_button:
                actions.addWidget(button)
            else:
                button.hide()
        actions.addStretch(1)
        for button in (self.import_button, self.template_button, self.export_button):
            if button.isEnabled():
                actions.addWidget(button)
            else:
                button.hide()
        self.count = QLabel(self)
        self.count.setObjectName("register_count")
        self.raised = plain(QLabel(self))
        self.raised.setObjectName("register_raised")
        self.raised.setWordWrap(True)
        self.status = plain(QLabel(self))
        self.status.setObjectName("register_status")
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.raised, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        layout.addLayout(actions)

    def _button(self, text, slot, enabled, name) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.setEnabled(bool(enabled))
        button.clicked.connect(slot)
        return button

    # -- rows -------------------------------------------------------------------------------

    def query(self) -> RegisterQuery:
        kind = self.kind.currentData()
        return RegisterQuery(
            text=self.search_box.text(),
            grid_id=self.grid.currentData(),
            kind=None if kind == "group" else kind,
            group_rental=kind == "group",
            state=RowState(self.state.currentData()),
            limit=PAGE,
        )

    def reload(self) -> None:
        """Search the register with the filters (a job; a newer search supersedes)."""
        self.busy = True
        self._jobs.submit(
            search,
            self.spec.register,
            self._context.actor,
            self.query(),
            self._context.today(),
            on_result=self._loaded,
            on_error=self._failed,
            key=f"register-{self.spec.register.value}-{id(self)}",
        )

    def _loaded(self, page) -> None:
        self.busy = False
        current = self.selected()
        self.model.set_rows(page.rows)
        shown = len(page.rows)
        self.count.setText(
            self.tr("{n} rows").format(n=page.total)
            if shown == page.total
            else self.tr("{shown} of {n} rows (narrow the search)").format(
                shown=shown, n=page.total
            )
        )
        again = next((i for i, r in enumerate(page.rows) if current and r.id == current.id), 0)
        if page.rows:
            self.table.selectRow(again)
        else:
            self.raised.setText("")

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.status.setText(labels.error_text(exc))

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _row_changed(self) -> None:
        row = self.selected()
        if row is None:
            self.raised.setText("")
            return
        try:
            with self._context.session_factory() as session:
                raised = tickets.tickets_raised_from(
                    session, self._context.actor, self.spec.register, row.id
                )
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            self.raised.setText(labels.error_text(exc))
            return
        self.raised.setText(
            self.tr("Tickets raised from this row: {codes}").format(
                codes="、".join(f"{t.code} {labels.status_label(t.status)}" for t in raised)
            )
            if raised
            else self.tr("No ticket raised from this row yet.")
        )

    # -- add, edit, strike off ----------------------------------------------------------------

    def add(self) -> None:
        self._form(self.tr("Add to the register"), None)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None and self.edit_button.isEnabled():
            self._form(self.tr("Edit the register row"), row)

    def _form(self, title: str, row) -> RegisterFormDialog:
        fields = list(self.spec.fields)
        values = row_values(self.spec, row) if row is not None else {}
        if row is None and self.grid.currentData() is not None:
            values["grid_id"] = self.grid.currentData()
        worker = worker_of(self.spec, row)
        actor, now = self._context.actor, self._context.now()

        def save(v: dict) -> object:
            form = self.spec.to_form(v, worker)
            with self._context.session_factory() as session:
                register = self.spec.register
                if row is None:
                    adders = {
                        RegisterKind.SPECIAL_GROUP: special_groups.add_special_group,
                        RegisterKind.RENTAL: rentals.add_rental,
                        RegisterKind.DANGER: dangers.add_danger,
                    }
                    return adders[register](session, actor, form, now)
                editors = {
                    RegisterKind.SPECIAL_GROUP: special_groups.edit_special_group,
                    RegisterKind.RENTAL: rentals.edit_rental,
                    RegisterKind.DANGER: dangers.edit_danger,
                }
                return editors[register](session, actor, row.id, row.version, form, now)

        dialog = RegisterFormDialog(title, fields, values, save, self)
        who = "found_by_id" if self.spec.register is RegisterKind.DANGER else "worker_id"
        combo = dialog.inputs.get(who)
        if worker is not None and isinstance(combo, QComboBox) and combo.findData(worker) < 0:
            # A worker who no longer serves stays named until someone changes it.
            name = row.found_by if self.spec.register is RegisterKind.DANGER else row.worker_name
            combo.addItem(name, worker)
            combo.setCurrentIndex(combo.count() - 1)
        if row is not None and getattr(row, "masked", False):
            for name in (
                "name",
                "id_number",
                "phone",
                "guardian",
                "guardian_phone",
                "landlord_name",
                "landlord_phone",
            ):
                if name in dialog.inputs:
                    dialog.inputs[name].setEnabled(False)
        self.last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.status.setText(self.tr("Saved."))
            self.reload()
        return dialog

    def retire_selected(self) -> None:
        row = self.selected()
        if row is None or not self.retire_button.isEnabled():
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Strike off"), self.tr("Why is this row struck off?")
        )
        if not ok:
            return
        try:
            with self._context.session_factory() as session:
                retire = (
                    special_groups.retire_special_group
                    if self.spec.register is RegisterKind.SPECIAL_GROUP
                    else rentals.retire_rental
                )
                retire(
                    session, self._context.actor, row.id, row.version, reason, self._context.now()
                )
        except Exception as exc:  # noqa: BLE001 - a service error, shown
            self.status.setText(labels.error_text(exc))
            return
        self.status.setText(self.tr("Struck off."))
        self.reload()

    def reveal_selected(self) -> None:
        """Show one row's contact unmasked, with a reason (audited)."""
        row = self.selected()
        if row is None or not self.reveal_button.isEnabled():
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Show contact"), self.tr("Why do you need the contact (recorded)?")
        )
        if not ok:
            return
        try:
            with self._context.session_factory() as session:
                contact = tickets.reveal_register_contact(
                    session,
                    self._context.actor,
                    self.spec.register,
                    row.id,
                    reason,
                    self._context.now(),
                )
        except Exception as exc:  # noqa: BLE001 - a service error, shown
            self.status.setText(labels.error_text(exc))
            return
        labelled = (
            (self.tr("Name"), contact.name),
            (self.tr("Phone"), contact.phone),
            (self.tr("ID number"), contact.id_number),
            (self.tr("Contact person"), contact.guardian),
            (self.tr("Contact person's phone"), contact.guardian_phone),
        )
        lines = [f"{label}：{value}" for label, value in labelled if value]
        QMessageBox.information(self, self.tr("Contact"), "\n".join(lines))

    def raise_ticket(self) -> None:
        """Raise a ticket from the row (source 网格员巡查, the row's grid and worker)."""
        row = self.selected()
        if row is None or not self.ticket_button.isEnabled():
            return
        categories = tuple((c, labels.category_label(c)) for c in _category_codes())
        fields = [
            Field("category", self.tr("Category"), "choice", categories),
            Field("title", self.tr("Title")),
            Field("description", self.tr("Description"), "note"),
            Field("priority", self.tr("Urgency"), "choice", tuple(labels.priority_choices())),
        ]
        actor, now, register = self._context.actor, self._context.now(), self.spec.register

        def save(v: dict) -> object:
            with self._context.session_factory() as session:
                return tickets.raise_ticket(
                    session, actor, register, row.id, tickets.RaisedTicket(**v), now
                )

        dialog = RegisterFormDialog(self.tr("Raise a ticket from this row"), fields, {}, save, self)
        self.last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            ref = dialog.result_value
            self.status.setText(self.tr("Ticket {code} registered.").format(code=ref.code))
            self._context.bus.sig_tickets_changed.emit([ref.id])
            self._row_changed()

    # -- sheets -------------------------------------------------------------------------------

    def save_template(self) -> None:
        path = ask_save_path(
            self,
            self._context.settings,
            self.tr("Save the template"),
            f"{self.spec.title}导入模板.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            write_template(path, self.spec.register)
            self.status.setText(self.tr("Template saved as {path}.").format(path=path))

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a filled-in template"),
            str(Path.home()),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        self.busy = True
        self.status.setText(self.tr("Importing…"))
        self._jobs.submit(
            import_job,
            self.spec.register,
            self._context.actor,
            path,
            self._context.now(),
            on_result=self._imported,
            on_error=self._import_failed,
        )

    def _imported(self, summary) -> None:
        self.busy = False
        self.status.setText(self.tr("Imported {n} rows.").format(n=summary.added))
        self.reload()

    def _import_failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, RegisterImportRefused):
            lines = [problem_text(p) for p in exc.problems[:20]]
            more = len(exc.problems) - len(lines)
            if more > 0:
                lines.append(self.tr("… and {n} more").format(n=more))
            self.status.setText(self.tr("Nothing was imported:") + "\n" + "\n".join(lines))
        else:
            self.status.setText(labels.error_text(exc))

    def choose_export(self) -> None:
        path = ask_save_path(
            self,
            self._context.settings,
            self.tr("Export to Excel"),
            f"{self.spec.title}_{self._context.today():%Y%m%d}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.busy = True
        self.status.setText(self.tr("Exporting…"))
        self._jobs.submit(
            export_job,
            self.spec.register,
            self._context.actor,
            self.query(),
            path,
            self._context.today(),
            on_result=self._exported,
            on_error=self._failed,
        )

    def _exported(self, result) -> None:
        self.busy = False
        self.status.setText(
            self.tr("Exported {n} rows to {path}").format(n=result.rows, path=str(result.path))
        )


def _category_codes() -> list[str]:
    from gridcenter_desktop.core.categories import CATEGORIES

    return [c.code for c in CATEGORIES]


def problem_text(p) -> str:
    """A refused row's problem as a sentence: where, and what is wrong."""
    from PySide6.QtCore import QCoreApplication

    rules = {
        "unknown_grid": QCoreApplication.translate("Registers", "no such grid"),
        "ambiguous_grid": QCoreApplication.translate("Registers", "several grids have this name"),
        "unknown_person": QCoreApplication.translate("Registers", "no such grid worker"),
        "ambiguous_person": QCoreApplication.translate(
            "Registers", "several people have this name"
        ),
        "not_in_list": QCoreApplication.translate("Registers", "not one of the list's words"),
        "bad_date": QCoreApplication.translate("Registers", "not a date"),
        "bad_phone": QCoreApplication.translate("Registers", "not a phone number"),
        "bad_integer": QCoreApplication.translate("Registers", "not a whole number"),
        "not_yes_no": QCoreApplication.translate("Registers", "must be 是 or 否"),
        "not_allowed": QCoreApplication.translate(
            "Registers", "this group is kept by supervisors only"
        ),
        "missing_columns": QCoreApplication.translate("Registers", "columns missing"),
        "empty": QCoreApplication.translate("Registers", "the sheet has no rows"),
        "bad_coordinate": QCoreApplication.translate("Registers", "not a coordinate"),
        "too_many_rows": QCoreApplication.translate("Registers", "too many rows"),
    }
    what = rules.get(p.rule) or rule_text(p.rule) or p.rule
    if p.row == 0:
        return QCoreApplication.translate("Registers", "Sheet: {column} {what}").format(
            column=p.column, what=what
        )
    return QCoreApplication.translate("Registers", "Row {row}, column {column}: {what}").format(
        row=p.row, column=p.column, what=what
    )


class RegistersWindow(QDialog):
    """The registers' window: one tab per register."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registers_window")
        self.setWindowTitle(self.tr("Registers"))
        self._context = context
        with context.session_factory() as session:
            grids = [(g.id, g.name) for g in active_grids(session)]
            workers = [(w.person_id, f"{w.name}（{w.grid_name}）") for w in worker_choices(session)]
        role = context.actor.role
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("registers_tabs")
        self.pages: dict[RegisterKind, RegisterTab] = {}
        for spec in (special_groups_tab(role), rentals_tab(role), dangers_tab(role)):
            tab = RegisterTab(context, spec, grids, workers, self.tabs)
            self.tabs.addTab(tab, spec.title)
            self.pages[spec.register] = tab
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        remember_geometry(self, context.settings, "registers_window", (1200, 640))
        QShortcut(
            QKeySequence.StandardKey.Find,
            self,
            activated=lambda: self.current().search_box.setFocus(),
        )
        QShortcut(QKeySequence("Ctrl+N"), self, activated=lambda: self.current().add())
        QShortcut(QKeySequence("Ctrl+T"), self, activated=lambda: self.current().raise_ticket())
        QShortcut(QKeySequence("F5"), self, activated=lambda: self.current().reload())
        for tab in self.pages.values():
            tab.reload()
        self.current().table.setFocus()

    def current(self) -> RegisterTab:
        return self.tabs.currentWidget()  # type: ignore[return-value]


def open_registers(window) -> RegistersWindow:
    """网格工作 → 台账 (the main window's menu)."""
    dialog = RegistersWindow(window.context, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
