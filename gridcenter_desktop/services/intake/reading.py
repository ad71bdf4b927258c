"""One entry for every incoming file: a platform's sheet (.xlsx, .csv) or an Open311
requests.json; each comes back as an IncomingSheet the planner takes the same way."""

from __future__ import annotations

from pathlib import Path

from gridcenter_desktop.core.enums import IntakeSource
from gridcenter_desktop.services.intake.rows import IncomingSheet, Profile
from gridcenter_desktop.services.intake.sheet import ProgressCallback, read_sheet

JSON_SUFFIXES = frozenset({".json"})


def read_incoming(
    path: str | Path,
    *,
    profile: Profile | None = None,
    source: IntakeSource,
    progress: ProgressCallback | None = None,
) -> IncomingSheet:
    """Read ``path`` for an import from ``source``: a .json file is an Open311 requests list
    (its fields are the standard's, no profile applies), anything else a sheet, whatever the
    source (the source decides what the codes are unique within, not how the file is read).
    Refusals are ValidationError("file", rule) either way."""
    path = Path(path)
    if path.suffix.lower() in JSON_SUFFIXES:
        # Imported here: the Open311 reader is a separate module that sheets do not need.
        from gridcenter_desktop.services.intake.open311_in import read_requests

        return read_requests(path)
    return read_sheet(path, profile=profile, progress=progress)


__all__ = ["read_incoming"]
