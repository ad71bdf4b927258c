"""The import's background jobs (ui/jobs.py): each opens its own session, reports progress and
never touches a widget. Every rule is in services/intake; these only chain the calls one user
gesture makes."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from gridcenter_desktop.core.enums import IntakeSource


@dataclass(frozen=True)
class Reading:
    """A file read (services.intake.rows.IncomingSheet) and, when its columns are all known,
    the plan of what importing it would do (None: the mapping page asks first)."""

    sheet: object
    plan: object | None


def needs_mapping(sheet) -> bool:
    """Headers nobody recognised, or a field the import needs that no column holds."""
    return bool(sheet.unrecognised or sheet.problems)


def _reading_progress(job):
    def report(progress) -> None:
        job.check_cancelled()  # the user stopped reading: the job ends quietly
        job.progress(progress.done, progress.total, "")

    return report


def list_profiles(job):
    """Every saved column mapping (services.intake.profiles)."""
    from gridcenter_desktop.services.intake.profiles import list_profiles as listed

    return listed(job.session())


def read_and_plan(job, path: Path, source: IntakeSource, profile, now, force_mapping=False):
    """Read ``path`` (its columns per ``profile`` when given) and, unless its columns need the
    user first, plan its import against the database (nothing is written)."""
    from gridcenter_desktop.services.intake.plan import plan_intake
    from gridcenter_desktop.services.intake.reading import read_incoming

    sheet = read_incoming(path, profile=profile, source=source, progress=_reading_progress(job))
    job.check_cancelled()
    if force_mapping or needs_mapping(sheet):
        return Reading(sheet, None)
    plan = plan_intake(job.session(), sheet, source=source, profile=profile, now=now)
    return Reading(sheet, plan)


def save_then_read(job, actor, profile, path: Path, source: IntakeSource, now):
    """Save the mapping the user made as a named profile (its own commit: the profile is kept
    even if the import is then cancelled), then read and plan the file with it."""
    from gridcenter_desktop.services.intake.profiles import save_profile

    saved = save_profile(job.session(), actor, profile, now=now)
    return saved, read_and_plan(job, path, source, saved, now)


@dataclass(frozen=True)
class Outcome:
    """What the import did (services.intake.plan.IntakeResult), where the rejected rows went,
    or why they could not be written there; ``cancelled``: nothing was written."""

    result: object | None
    rejects_path: Path | None = None
    rejects_error: str = ""
    cancelled: bool = False


def import_rows(job, actor, sheet, plan, rejects_path: Path | None, now, stop: threading.Event):
    """Import the plan's valid rows in one transaction (``stop`` set: everything rolled back),
    then write the rejected rows to ``rejects_path``."""
    from gridcenter_desktop.services.intake.plan import apply_intake
    from gridcenter_desktop.services.tickets.registration import RegistrationCancelled

    def report(progress) -> None:
        job.progress(progress.done, progress.total, "")
        # Checked after every batch, the last one included: a Cancel pressed while the bar
        # shows 100 % still rolls back (the service looks at ``cancelled`` before batches).
        if stop.is_set():
            raise RegistrationCancelled

    try:
        result = apply_intake(
            job.session(), actor, plan, now=now, progress=report, cancelled=stop.is_set
        )
    except RegistrationCancelled:
        return Outcome(None, cancelled=True)
    if rejects_path is None:
        return Outcome(result)
    from gridcenter_desktop.services.intake.rejects import write_rejects

    try:
        write_rejects(rejects_path, sheet, plan)
    except OSError as exc:
        return Outcome(result, rejects_error=str(exc.strerror or exc))
    return Outcome(result, rejects_path)
