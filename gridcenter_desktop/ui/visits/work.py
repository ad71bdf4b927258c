"""The visits window's background jobs: each opens its own session through the job and calls
one service (never touches a widget)."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def load_choices(job, on: date):
    """The villages with their grids in service, for the record form's grid picker."""
    from gridcenter_desktop.services.suggestions import village_grids

    return village_grids(job.session())


def load_workers(job, grid_id: int, on: date):
    from gridcenter_desktop.services.visits.recording import visiting_workers

    return visiting_workers(job.session(), grid_id, on)


def save_visit(job, actor, visit, now):
    from gridcenter_desktop.services.visits.recording import record_visit

    return record_visit(job.session(), actor, visit, now)


def load_coverage(job, month: date):
    from gridcenter_desktop.services.visits.coverage import month_coverage

    return month_coverage(job.session(), month)


def load_stale(job, today: date, months: int | None):
    from gridcenter_desktop.services.admin.grid_work_settings import grid_work_settings
    from gridcenter_desktop.services.visits.coverage import stale_households

    session = job.session()
    months = months or grid_work_settings(session).stale_months
    total, rows = stale_households(session, today, months)
    return months, total, rows


def plan_sheet(job, path: Path, now):
    from gridcenter_desktop.services.visits.sheet import plan_visits, read_visit_sheet

    sheet = read_visit_sheet(path)
    return sheet, plan_visits(job.session(), sheet, now)


def import_sheet(job, actor, sheet, rejects: Path | None, now):
    from gridcenter_desktop.services.visits.sheet import import_visits, write_rejects

    session = job.session()
    result = import_visits(session, actor, sheet, skip_bad=rejects is not None, now=now)
    if rejects is not None:
        from gridcenter_desktop.services.visits.sheet import plan_visits

        problems = plan_visits(session, sheet, now).problems
        # After the import the good rows are "already there": only the bad ones remain.
        write_rejects(rejects, sheet, problems)
    return result


def export_coverage(job, path: Path, actor, month: date, months: int, now):
    from gridcenter_desktop.reports.visits import write_visit_coverage

    return write_visit_coverage(
        job.session(), actor, path, month, months, now=now, cancelled=lambda: job.cancelled
    )
