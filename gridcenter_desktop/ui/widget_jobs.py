"""Jobs that belong to one widget: cancelled when the widget is destroyed, so a result that
arrives late (a search typed just before a dialog closed) is dropped instead of reaching a
deleted widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from gridcenter_desktop.ui.jobs import Job, JobRunner


class WidgetJobs:
    """Submits through ``runner`` and remembers the jobs until they finish."""

    def __init__(self, owner: QObject, runner: JobRunner) -> None:
        self._runner = runner
        jobs: list[Job] = []
        self._jobs = jobs
        # A lambda over the list, not over self or the owner: it must not keep them alive.
        owner.destroyed.connect(lambda *_: [job.cancel() for job in jobs])

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
        """JobRunner.submit, remembering the job."""
        job = self._runner.submit(fn, *args, **kwargs)
        self._jobs[:] = [j for j in self._jobs if not j.done]
        self._jobs.append(job)
        return job

    def cancel_all(self) -> None:
        """Cancel every job still running; their results are dropped."""
        for job in self._jobs:
            job.cancel()
        self._jobs.clear()
