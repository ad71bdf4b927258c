"""File → 导出地图图片: the grid map picture (drawn by the window, ui/map/map_image.py) saved
whole or not at all (reports/files.atomic_output) and recorded as an export in the audit trail
like every report, although it names no person: what left the desk, when, and by whom."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from gridcenter_desktop.reports.files import atomic_output, record_export
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError

REPORT = "map_image"


def save_map_picture(
    session: Session, actor: Actor | None, path: Path | str, png: bytes, grids: int
) -> Path:
    """Write ``png`` to ``path`` (a .png file; ReportFileError when it cannot be written)
    and audit the export (``grids``: how many grids the picture draws). Returns the path."""
    target = Path(path)
    if target.suffix.lower() != ".png":
        raise ValidationError("path", "not_png")
    with atomic_output(target) as tmp:
        tmp.write_bytes(png)
    record_export(
        session,
        actor,
        target,
        report=REPORT,
        ticket_id=None,
        detail={"grids": grids, "file": target.name},
    )
    return target.expanduser().absolute()
