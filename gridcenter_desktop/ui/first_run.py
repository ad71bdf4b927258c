"""First run of a new database: a short wizard that sets up the town and ends at a working desk.

The town's name and code, then its lists (import the Excel workbook the town keeps, with a
preview, or enter them by hand later), then the first administrator. The administrator is
created by the wizard's last page; the town settings and the lists are then written as that
administrator, through the same services as Administration and File → Import base data, so
on PostgreSQL they go through the administrator's own login role and its grants.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
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
from gridcenter_desktop.ui.import_preview import ImportPreview, WorkbookChooser
from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.password_fields import NewPasswordFields
from gridcenter_desktop.ui.plain_text import plain

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
        "FirstRun", "The town code has 9 digits (the town's statistical code, e.g. 320506108)."
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
        self.name_edit.setPlaceholderText(self.tr("e.g. 光福镇"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("first_run.town_code")
        self.code_edit.setMaxLength(16)
        self.code_edit.setPlaceholderText(self.tr("9 digits, optional"))
        self.message = plain(QLabel(self))
        self.message.setObjectName("first_run.town_message")
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
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
            hint.setStyleSheet("color: #555;")
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
        self.preview.sig_state_changed.connect(self.completeChanged)
        self.message = plain(QLabel(self))
        self.message.setObjectName("first_run.import_message")
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
        self.preview.sig_state_changed.connect(self.message.clear)
        box = QVBoxLayout(self)
        box.addWidget(self.chooser)
        box.addWidget(self.preview, 1)
        box.addWidget(self.message)

    def workbook(self) -> Path | None:
        return self.preview.path()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """A workbook made for another town is caught here, not after the administrator
        exists (its town row would be a second town)."""
        town = self.wizard().town_page if self.wizard() is not None else None
        plan = self.preview.plan()
        if town is None or plan is None:
            return True
        other = other_town(plan.lists, town.town_name(), town.town_code())
        if other is None:
            return True
        self.message.setText(
            self.tr(
                "This workbook is for {other}, but the town you named is {town}. Go back and"
                " correct the town's name and code, or choose your town's workbook."
            ).format(other=other, town=town.town_name())
        )
        return False

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.preview.ready_to_import()

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
        self.message = plain(QLabel(self))
        self.message.setObjectName("first_run.admin_message")
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
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


# -- the first run as a whole ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetupOutcome:
    """What was written after the wizard: the import's summary, or why the town's name or the
    lists were not written (a problem found when the workbook was planned again, or a refused
    write)."""

    summary: object | None = None
    problems: tuple = ()
    town_error: BaseException | None = None
    lists_error: BaseException | None = None


def finish_setup(job, setup: TownSetup, now=None) -> SetupOutcome:
    """As the new administrator: name the town (town settings and the root area), then import
    the workbook, planned again over the database as it is now (all rows or none)."""
    from gridcenter_desktop.services.admin import town
    from gridcenter_desktop.services.errors import ServiceError

    session = job.session()
    try:
        current = town.town_settings(session)
        town.save_town_settings(
            session,
            setup.admin,
            replace(current, town_name=setup.town_name, town_code=setup.town_code),
        )
    except ServiceError as exc:
        session.rollback()
        return SetupOutcome(town_error=exc)
    if setup.workbook is None:
        return SetupOutcome()
    job.progress(0, 0, "import")
    from gridcenter_desktop.services.admin.base_import import apply_import, plan_import
    from gridcenter_desktop.services.admin.base_workbook import read_workbook
    from gridcenter_desktop.ui.import_preview import plan_problems

    try:
        plan = plan_import(session, read_workbook(setup.workbook))
        problems = plan_problems(plan)
        if problems:
            return SetupOutcome(problems=tuple(problems))
        return SetupOutcome(summary=apply_import(session, setup.admin, plan, now=now))
    except (ServiceError, OSError) as exc:
        session.rollback()
        return SetupOutcome(lists_error=exc)


def set_up_new_database(url: str):
    """The first run of the database at ``url`` (migrated, no users yet): the wizard, then the
    administrator's sign-in through the one door, then the town and its lists written as the
    administrator. Returns the services.sign_in.SignedIn; raises SignInCancelled when the
    wizard is closed before the administrator exists."""
    from PySide6.QtWidgets import QDialog

    from gridcenter_desktop.db.engine import make_engine, make_session_factory
    from gridcenter_desktop.services import users
    from gridcenter_desktop.ui.signing_in import SignInCancelled, sign_in_door

    engine = make_engine(url)
    factory = make_session_factory(engine)

    def create(login: str, name: str, password: str) -> Actor:
        with factory() as session:
            return users.create_first_admin(session, login, name, password)

    preview_jobs = JobRunner(factory)
    try:
        wizard = TownSetupWizard(create, preview_jobs)
        accepted = wizard.exec() == QDialog.DialogCode.Accepted
        preview_jobs.cancel_all()
        preview_jobs.wait_idle(10_000)
        setup = wizard.setup()
    finally:
        engine.dispose()
    if setup is None or not accepted:
        raise SignInCancelled()
    signed = sign_in_door(url)(setup.admin.login, setup.password)
    outcome = write_town(signed, setup)
    explain_outcome(setup, outcome)
    return signed


def write_town(signed, setup: TownSetup) -> SetupOutcome:
    """finish_setup as a job over the administrator's own connection, with a busy dialog."""
    from gridcenter_desktop.db.engine import make_session_factory
    from gridcenter_desktop.ui.welcome import run_with_progress

    jobs = JobRunner(make_session_factory(signed.engine))
    title = QCoreApplication.translate("FirstRun", "Setting up {town}…").format(
        town=setup.town_name
    )
    kind, value = run_with_progress(
        jobs, finish_setup, setup, title=title, cancellable=False, describe=_stage_text
    )
    if kind == "ok":
        return value
    return SetupOutcome(town_error=value)


def _stage_text(_done: int, _total: int, stage: str) -> tuple[str, bool]:
    if stage == "import":
        return QCoreApplication.translate("FirstRun", "Importing the lists…"), False
    return QCoreApplication.translate("FirstRun", "Naming the town…"), False


def explain_outcome(setup: TownSetup, outcome: SetupOutcome, parent: QWidget | None = None):
    """Say what the first run wrote when it matters: the lists imported, or why not (the
    desk opens either way; Administration and File → Import base data take it from there)."""
    from gridcenter_desktop.ui.base_import_dialog import show_first_passwords, summary_text
    from gridcenter_desktop.ui.import_preview import problem_cells

    title = QCoreApplication.translate("FirstRun", "Set up your town")
    if outcome.summary is not None:
        QMessageBox.information(parent, title, summary_text(outcome.summary))
        show_first_passwords(outcome.summary, parent)
        return
    if outcome.town_error is not None:
        text = QCoreApplication.translate(
            "FirstRun",
            "The administrator was created, but the town's name could not be saved. Enter it"
            " under Administration → Town settings.",
        )
        detail = _reason(outcome.town_error)
    elif outcome.problems or outcome.lists_error is not None:
        text = QCoreApplication.translate(
            "FirstRun",
            "{town} is set up, but the lists were not imported; nothing of them was written."
            " Fix the workbook, then use File → Import base data.",
        ).format(town=setup.town_name)
        if outcome.problems:
            detail = "\n".join(
                QCoreApplication.translate(
                    "FirstRun", "{sheet} row {row}, {column}: {reason}"
                ).format(sheet=sheet, row=row, column=column, reason=reason)
                for sheet, row, column, reason in map(problem_cells, outcome.problems[:20])
            )
        else:
            detail = _reason(outcome.lists_error)
    else:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(detail)
    box.exec()


def _reason(exc: BaseException | None) -> str:
    from gridcenter_desktop.services.errors import ServiceError

    if isinstance(exc, ServiceError):
        return error_text(exc)
    return str(exc or "")
