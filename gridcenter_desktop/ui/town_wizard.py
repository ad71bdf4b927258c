"""The first-run wizard's pages: the town's name and code, then its lists (import the Excel
workbook the town keeps, with a preview, or enter them by hand later), then the first
administrator, created by the last page. What happens around it is ui/first_run.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gridcenter_desktop.core.area_codes import CodeProblem, code_problem, normalize_code
from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.ui.admin.common import NOTE_STYLE, message_label
from gridcenter_desktop.ui.import_preview import ImportPreview, WorkbookChooser
from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.password_fields import NewPasswordFields

TOWN_PAGE, LISTS_PAGE, IMPORT_PAGE, ADMIN_PAGE = range(4)
NAME_MAX = 64


@dataclass(frozen=True, slots=True)
class TownSetup:
    """What the wizard collected: the town, the workbook to import (None: entered by hand)
    and the administrator it created (with the password, to sign in with)."""

    town_name: str
    town_code: str | None
    workbook: Path | None
    admin: Actor
    password: str


def town_code_text(problem: CodeProblem) -> str:
    """The town code's problem in words (a town's code is the 9 digits of the statistics
    code; anything else is one of these two)."""
    if problem is CodeProblem.NOT_DIGITS:
        return QCoreApplication.translate("FirstRun", "The town code has only digits.")
    return QCoreApplication.translate(
        "FirstRun",
        "The town code has 9 digits (the town's statistical code: the first 9 digits of its"
        " villages' codes).",
    )


def other_town(lists, name: str, code: str | None) -> str | None:
    """The workbook's town when it is not the one named in the wizard (matched by code when
    both have one, else by name); None when it is the same town or the workbook has none."""
    for row in lists.areas:
        if row.level is not AreaLevel.TOWN:
            continue
        if code and row.code:
            same = normalize_code(row.code) == code
        else:
            same = " ".join(row.name.split()) == name
        if not same:
            return row.name
    return None


class TownPage(QWizardPage):
    """The town's name (required) and its 9-digit code (optional)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your town"))
        self.setSubTitle(
            self.tr(
                "The name appears in the window, the reports and the notices. The code is the"
                " town's 9-digit statistical code; leave it empty when you are not sure."
            )
        )
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("first_run.town_name")
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setPlaceholderText(self.tr("e.g. 某某镇"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("first_run.town_code")
        self.code_edit.setMaxLength(16)
        self.code_edit.setPlaceholderText(self.tr("9 digits, optional"))
        self.message = message_label(self, "first_run.town_message")
        form = QFormLayout(self)
        form.addRow(self.tr("&Town name:"), self.name_edit)
        form.addRow(self.tr("Town c&ode:"), self.code_edit)
        form.addRow(self.message)
        self.name_edit.textChanged.connect(self.completeChanged)
        self.code_edit.textChanged.connect(lambda _t: self.message.clear())

    def town_name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def town_code(self) -> str | None:
        return normalize_code(self.code_edit.text())

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.town_name())

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        code = self.town_code()
        problem = code_problem(code, AreaLevel.TOWN) if code else None
        if problem is not None:
            self.message.setText(town_code_text(problem))
            self.code_edit.setFocus()
            return False
        return True


class ListsPage(QWizardPage):
    """Import the town's lists from a workbook, or enter them by hand in the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Villages, grids, teams and departments"))
        self.setSubTitle(
            self.tr(
                "GridCenter needs the town's villages and communities, their grids, each grid's"
                " team, and the departments the centre dispatches to."
            )
        )
        self.import_button = QRadioButton(self.tr("&Import my lists from an Excel workbook"), self)
        self.import_button.setObjectName("first_run.import")
        import_hint = QLabel(
            self.tr(
                "Fill in GridCenter's template (one sheet per list) in Excel or WPS; you see"
                " every row before anything is written."
            ),
            self,
        )
        self.hand_button = QRadioButton(self.tr("&Enter them by hand"), self)
        self.hand_button.setObjectName("first_run.by_hand")
        hand_hint = QLabel(
            self.tr(
                "The desk opens with only the town; add villages, grids, members and"
                " departments under Administration. You can still import a workbook later"
                " (File → Import base data)."
            ),
            self,
        )
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.import_button)
        self.choice.addButton(self.hand_button)
        self.import_button.setChecked(True)
        box = QVBoxLayout(self)
        for button, hint in ((self.import_button, import_hint), (self.hand_button, hand_hint)):
            hint.setWordWrap(True)
            hint.setIndent(24)
            hint.setStyleSheet(NOTE_STYLE)
            box.addWidget(button)
            box.addWidget(hint)
            box.addSpacing(8)
        box.addStretch(1)

    def importing(self) -> bool:
        return self.import_button.isChecked()

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return IMPORT_PAGE if self.importing() else ADMIN_PAGE


class ImportPage(QWizardPage):
    """Choose the workbook and look at what it would write; Next only for a clean workbook."""

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Import my lists"))
        self.setSubTitle(
            self.tr(
                "Choose the filled-in workbook. Nothing is written until the administrator"
                " exists; a workbook with problems is refused as a whole."
            )
        )
        self.chooser = WorkbookChooser(self)
        self.preview = ImportPreview(jobs, self)
        self.chooser.sig_chosen.connect(self.preview.preview_file)
        self.message = message_label(self, "first_run.import_message")
        # Said as soon as the preview is there (its own line would call the file ready).
        self.preview.sig_state_changed.connect(self._show_town_check)
        box = QVBoxLayout(self)
        box.addWidget(self.chooser)
        box.addWidget(self.preview, 1)
        box.addWidget(self.message)

    def workbook(self) -> Path | None:
        return self.preview.path()

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self._show_town_check()  # the town may have been corrected on the page before

    def _other_town(self) -> str | None:
        """The workbook's town when it is another than the one named on the first page: such
        a workbook is caught here, not after the administrator exists (its town row would be
        a second town)."""
        town = self.wizard().town_page if self.wizard() is not None else None
        plan = self.preview.plan()
        if town is None or plan is None:
            return None
        return other_town(plan.lists, town.town_name(), town.town_code())

    def _show_town_check(self) -> None:
        other = self._other_town()
        if other is None:
            self.message.clear()
        else:
            town = self.wizard().town_page.town_name()
            self.message.setText(
                self.tr(
                    "This workbook is for {other}, but the town you named is {town}. Go back"
                    " and correct the town's name and code, or choose your town's workbook."
                ).format(other=other, town=town)
            )
        self.completeChanged.emit()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        self._show_town_check()
        return self._other_town() is None

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.preview.ready_to_import() and self._other_town() is None

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return ADMIN_PAGE


class AdminPage(QWizardPage):
    """The first administrator (as before the wizard existed): created when Finish is
    pressed, so a refused password is shown here."""

    def __init__(self, create, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._create = create
        self.actor: Actor | None = None
        self.setTitle(self.tr("The administrator"))
        self.setSubTitle(
            self.tr(
                "The new database has no users yet. Create the administrator account; the"
                " administrator then adds the operators and supervisors."
            )
        )
        self.login_edit = QLineEdit("admin", self)
        self.login_edit.setObjectName("first_run.login")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("first_run.admin_name")
        self.message = message_label(self, "first_run.admin_message")
        form = QFormLayout(self)
        form.addRow(self.tr("&Login:"), self.login_edit)
        form.addRow(self.tr("N&ame:"), self.name_edit)
        self.fields = NewPasswordFields(form, self, prefix="first_admin.password")
        self.password_edit = self.fields.password
        self.repeat_edit = self.fields.repeat
        form.addRow(self.message)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        # The login is filled in ("admin"): the cursor waits in the name. After the wizard's
        # own focus change, which goes to the page's first field.
        target = self.name_edit if self.login_edit.text() else self.login_edit
        QTimer.singleShot(0, target, target.setFocus)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.actor is not None:
            return True
        login = self.login_edit.text().strip()
        problem = self.fields.problem(login)
        if problem is not None:
            self.message.setText(problem)
            return False
        try:
            self.actor = self._create(login, self.name_edit.text(), self.password_edit.text())
        except ValidationError as exc:
            self.message.setText(error_text(exc))
            return False
        return True


class TownSetupWizard(QWizard):
    """The first-run wizard. ``create_admin(login, name, password) -> Actor`` creates the
    first administrator (raises ValidationError); ``jobs`` runs the workbook's preview over
    the new database."""

    def __init__(self, create_admin, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run")
        self.setWindowTitle(self.tr("Set up your town"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.town_page = TownPage(self)
        self.lists_page = ListsPage(self)
        self.import_page = ImportPage(jobs, self)
        self.admin_page = AdminPage(create_admin, self)
        self.setPage(TOWN_PAGE, self.town_page)
        self.setPage(LISTS_PAGE, self.lists_page)
        self.setPage(IMPORT_PAGE, self.import_page)
        self.setPage(ADMIN_PAGE, self.admin_page)
        self.setStartId(TOWN_PAGE)
        self.setMinimumSize(640, 520)
        # Room for the preview's tables; still inside a 1366x768 laptop's screen.
        self.resize(820, 600)

    def setup(self) -> TownSetup | None:
        """What was set up, once the administrator exists (None before)."""
        actor = self.admin_page.actor
        if actor is None:
            return None
        importing = self.lists_page.importing()
        return TownSetup(
            town_name=self.town_page.town_name(),
            town_code=self.town_page.town_code(),
            workbook=self.import_page.workbook() if importing else None,
            admin=actor,
            password=self.admin_page.password_edit.text(),
        )
