"""First run of a new database: the wizard (ui/town_wizard.py) sets up the town, and the
desk opens on an empty queue ready for the first ticket.

The administrator is created by the wizard's last page; the town settings and the lists are
then written as that administrator, through the same services as Administration and File →
Import base data, so on PostgreSQL they go through the administrator's own login role and its
grants. A new server database is set up this way from one administrator's workstation; the
others only connect.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.town_wizard import TownSetup, TownSetupWizard


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
        today = now.date() if now is not None else None
        plan = plan_import(session, read_workbook(setup.workbook), today=today)
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


def hint_empty_desk(window, context) -> None:
    """A new town's desk says what comes next in the status bar: add grids (an administrator
    who entered nothing yet), or register the first ticket."""
    from PySide6.QtCore import QCoreApplication

    from gridcenter_desktop.core.enums import EventAction
    from gridcenter_desktop.core.permissions import may, may_administer
    from gridcenter_desktop.ui.startup import empty_desk

    role = context.actor.role

    def show(state: tuple[bool, bool]) -> None:
        no_ticket, no_grid = state
        if not no_ticket:
            return
        if no_grid and may_administer(role):
            text = QCoreApplication.translate(
                "Startup",
                "No grids yet: add villages, grids and departments under Administration, or"
                " import them (File → Import base data).",
            )
        elif may(role, EventAction.REGISTER):
            text = QCoreApplication.translate(
                "Startup", "No tickets yet: press Ctrl+N to register the first one."
            )
        else:
            return
        window.statusBar().showMessage(text, 120_000)

    context.jobs.submit(lambda job: empty_desk(job.session()), on_result=show)
