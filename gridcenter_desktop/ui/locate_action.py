"""地图定位 (LOCATE) from the Ticket menu, the queue's context menu and the detail panel: the
ticket's current place shown on a map of its own (ui/map/pick_dialog.py), a click (or typed
coordinates) sets the new one, and services.tickets.locate_ticket writes it at the version
the dialog was opened with. Whether the ticket also moves to the grid the point falls in is
the service's rule (services/tickets/locating.py); the result says which grid it is in now.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from gridcenter_desktop.services.errors import ServiceError
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.plain_text import information


def _load(job, ticket_id: int, actor):
    from gridcenter_desktop.services.ticket_detail import get_ticket_detail

    return get_ticket_detail(job.session(), ticket_id, actor)


def _locate(job, actor, ticket_id: int, version: int, lon: float, lat: float, now) -> int:
    from gridcenter_desktop.services.tickets.locating import locate_ticket

    return locate_ticket(job.session(), actor, ticket_id, version, lon, lat, now).id


def _keeps_grid_note(detail) -> str:
    """The warning for a ticket that will not follow its point into another grid."""
    from gridcenter_desktop.services.tickets.locating import follows_point

    if follows_point(detail.status, [(a.department_id, a.status) for a in detail.assignments]):
        return ""
    return QCoreApplication.translate(
        "LocateAction",
        "A department is handling this ticket (or it is closed): saving corrects its place"
        " only; it stays in {grid}.",
    ).format(grid=detail.grid_name or "—")


def run_locate(context: AppContext, parent: QWidget | None, ticket_id: int) -> None:
    """Open the place picker on ``ticket_id`` (loaded fresh) and write the chosen place."""
    from gridcenter_desktop.ui.map.pick_dialog import PlacePickDialog

    def refused(exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            context.jobs.sig_job_failed.emit(exc)
            return
        context.bus.sig_tickets_changed.emit([ticket_id])
        if parent is None or shiboken6.isValid(parent):
            information(
                parent,
                QCoreApplication.translate("LocateAction", "Set the place on the map"),
                labels.error_text(exc),
            )

    def show(detail) -> None:
        if parent is not None and not shiboken6.isValid(parent):
            return
        known = (
            (detail.longitude, detail.latitude)
            if detail.longitude is not None and detail.latitude is not None
            else None
        )
        dialog = PlacePickDialog(
            context,
            parent,
            title=QCoreApplication.translate("LocateAction", "Set the place of {code}").format(
                code=detail.code
            ),
            initial=known,
            note=_keeps_grid_note(detail),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            place = dialog.place()
            if place is None:
                return
            context.jobs.submit(
                _locate,
                context.actor,
                detail.id,
                detail.version,
                place[0],
                place[1],
                context.now(),
                on_result=lambda done: context.bus.sig_tickets_changed.emit([done]),
                on_error=refused,
            )

        dialog.accepted.connect(accepted)
        dialog.open()

    context.jobs.submit(_load, ticket_id, context.actor, on_result=show, on_error=refused)


def locate_at(
    context: AppContext, parent: QWidget | None, ticket_id: int, lon: float, lat: float
) -> None:
    """Write the place clicked on the map dock for ``ticket_id`` (at its current version)."""

    def refused(exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            context.jobs.sig_job_failed.emit(exc)
            return
        context.bus.sig_tickets_changed.emit([ticket_id])
        if parent is None or shiboken6.isValid(parent):
            information(
                parent,
                QCoreApplication.translate("LocateAction", "Set the place on the map"),
                labels.error_text(exc),
            )

    def write(detail) -> None:
        context.jobs.submit(
            _locate,
            context.actor,
            detail.id,
            detail.version,
            lon,
            lat,
            context.now(),
            on_result=lambda done: context.bus.sig_tickets_changed.emit([done]),
            on_error=refused,
        )

    context.jobs.submit(_load, ticket_id, context.actor, on_result=write, on_error=refused)
