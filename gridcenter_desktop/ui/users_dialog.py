"""Administration → Users: who may sign in, with which role; create, disable, enable, and
reset a password (the user chooses their own at the next sign-in).

Every change goes through services.users, which checks the role again (the menu is only
hidden for non-administrators; the service, and on PostgreSQL the database, refuse anyway)
and writes the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.services import users as user_service
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.labels import error_text, user_role_label
from gridcenter_desktop.ui.password_fields import NewPasswordFields
from gridcenter_desktop.ui.plain_text import plain, question

MESSAGE_STYLE = "color: #c0392b;"
ROLES = (UserRole.OPERATOR, UserRole.SUPERVISOR, UserRole.VIEWER, UserRole.ADMIN)


def _scope_choices(session) -> list[tuple[str, str, int]]:
    """("department" | "area", name, id) for the new user's optional scope."""
    from gridcenter_desktop.services.suggestions import active_departments, active_grids

    choices = [("department", d.name, d.id) for d in active_departments(session)]
    # Retired grids take no new users.
    choices += [("area", a.name, a.id) for a in active_grids(session)]
    return choices


class UsersDialog(QDialog):
    """The accounts of this database in a table, with the administrator's actions."""

    COLUMNS = ("login", "name", "role", "active", "locked", "must_change")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.rows: list = []
        self.setWindowTitle(self.tr("Users"))
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("users.table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Login"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Status"),
                self.tr("Locked until"),
                self.tr("Must change password"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.new_button = QPushButton(self.tr("New user…"), self)
        self.disable_button = QPushButton(self.tr("Disable"), self)
        self.enable_button = QPushButton(self.tr("Enable"), self)
        self.reset_button = QPushButton(self.tr("Reset password…"), self)
        self.new_button.clicked.connect(self.create_user)
        self.disable_button.clicked.connect(self.disable_selected)
        self.enable_button.clicked.connect(self.enable_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.message = plain(QLabel(self))
        self.message.setObjectName("users.message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)

        side = QVBoxLayout()
        for button in (self.new_button, self.disable_button, self.enable_button):
            side.addWidget(button)
        side.addWidget(self.reset_button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.message)
        box.addWidget(close)
        for button in (self.new_button, self.disable_button, self.enable_button, self.reset_button):
            context.write_gate.gate(button)
        remember_geometry(self, context.settings, "users", (860, 460))
        self.reload()

    # -- the table ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the accounts again (after each change)."""
        selected = self.selected()
        try:
            with self._context.session_factory() as session:
                self.rows = list(user_service.list_users(session, self._context.actor))
        except ServiceError as exc:
            self.rows = []
            self.message.setText(error_text(exc))
        self.table.setRowCount(len(self.rows))
        now = self._context.now()
        for r, user in enumerate(self.rows):
            locked = user.locked_until is not None and user.locked_until > now
            cells = (
                user.login,
                user.display_name,
                user_role_label(user.role),
                self.tr("Enabled") if user.active else self.tr("Disabled"),
                user.locked_until.strftime("%Y-%m-%d %H:%M") if locked else "",
                self.tr("Yes") if user.must_change_password else "",
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                self.table.setItem(r, c, item)
            if selected is not None and user.id == selected.id:
                self.table.selectRow(r)
        self._update_buttons()

    def selected(self):
        """The UserRow selected in the table, or None."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select_login(self, login: str) -> None:
        for r, user in enumerate(self.rows):
            if user.login == login:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        user = self.selected()
        own = user is not None and user.id == self._context.actor.user_id
        self.disable_button.setEnabled(user is not None and user.active and not own)
        self.enable_button.setEnabled(user is not None and not user.active)
        self.reset_button.setEnabled(user is not None and not own)

    # -- actions ------------------------------------------------------------------------------

    def _run(self, call, *args) -> bool:
        """Call a users service in one session; show a refusal under the table."""
        self.message.clear()
        try:
            with self._context.session_factory() as session:
                call(session, self._context.actor, *args)
        except ServiceError as exc:
            self.message.setText(error_text(exc))
            return False
        self.reload()
        return True

    def create_user(self) -> None:
        dialog = NewUserDialog(self._context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self.reload()
            self.select_login(dialog.created.login)

    def disable_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        answer = question(
            self,
            self.tr("Disable user"),
            self.tr("Disable {name} ({login})? They can no longer sign in.").format(
                name=user.display_name, login=user.login
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(user_service.disable_user, user.id)

    def enable_selected(self) -> None:
        user = self.selected()
        if user is not None:
            self._run(user_service.enable_user, user.id)

    def reset_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = ResetPasswordDialog(user.login, user.display_name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(user_service.reset_password, user.id, dialog.fields.text())


class NewUserDialog(QDialog):
    """Login, name, role, an optional department or grid, and the first password."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.created = None
        self.setWindowTitle(self.tr("New user"))
        self.setMinimumWidth(440)
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("new_user.login")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("new_user.name")
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("new_user.role")
        for role in ROLES:
            self.role_combo.addItem(user_role_label(role), role.value)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("new_user.scope")
        self.scope_combo.addItem(self.tr("(none)"), None)
        with context.session_factory() as session:
            for kind, name, ident in _scope_choices(session):
                if kind == "department":
                    label = self.tr("Department: {name}").format(name=name)
                else:
                    label = self.tr("Grid: {name}").format(name=name)
                self.scope_combo.addItem(label, (kind, ident))
        form = QFormLayout(self)
        form.addRow(self.tr("Login name:"), self.login_edit)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Role:"), self.role_combo)
        form.addRow(self.tr("Department or grid:"), self.scope_combo)
        self.fields = NewPasswordFields(form, self, prefix="new_user.password")
        self.message = plain(QLabel(self))
        self.message.setObjectName("new_user.message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.try_create)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def try_create(self) -> None:
        login = self.login_edit.text().strip()
        if not login:
            self.message.setText(self.tr("Enter a login name."))
            return
        problem = self.fields.problem(login)
        if problem is not None:
            self.message.setText(problem)
            return
        scope = self.scope_combo.currentData()
        department_id = scope[1] if scope and scope[0] == "department" else None
        area_id = scope[1] if scope and scope[0] == "area" else None
        try:
            with self._context.session_factory() as session:
                self.created = user_service.create_user(
                    session,
                    self._context.actor,
                    login,
                    self.name_edit.text().strip(),
                    UserRole(self.role_combo.currentData()),
                    self.fields.text(),
                    department_id=department_id,
                    area_id=area_id,
                    now=self._context.now(),
                )
        except ValidationError as exc:
            self.message.setText(error_text(exc))
            return
        except ServiceError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()


class ResetPasswordDialog(QDialog):
    """A new password for another user; they must change it at their next sign-in."""

    def __init__(self, login: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._login = login
        self.setWindowTitle(self.tr("Reset password"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "New password for {name} ({login}). They must choose their own password the"
                " next time they sign in; give it to them in person."
            ).format(name=name, login=login),
            self,
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.fields = NewPasswordFields(form, self, prefix="reset.password")
        self.message = plain(QLabel(self))
        self.message.setObjectName("reset.message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def try_accept(self) -> None:
        problem = self.fields.problem(self._login)
        if problem is not None:
            self.message.setText(problem)
            return
        self.accept()
