"""The detail dock's section on what followed the ticket beside its handling: the joint
meetings and inspections held on it (date, departments, findings) and the rectification
notices issued (number, status, deadline). Hidden while a ticket has none."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.detail_lists import StackedRows
from gridcenter_desktop.ui.notice_labels import inspection_kind_label, notice_status_label
from gridcenter_desktop.ui.widget_jobs import WidgetJobs


def load_follow_up(job, ticket_id: int, now):
    """(ticket id, its inspections, its notices), read in a job."""
    from gridcenter_desktop.services.inspections import ticket_inspections
    from gridcenter_desktop.services.notices import ticket_notices

    session = job.session()
    return (
        ticket_id,
        ticket_inspections(session, ticket_id),
        ticket_notices(session, ticket_id, now=now),
    )


class FollowUpBox(QGroupBox):
    """Inspections and notices of the ticket the detail dock shows."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Inspections and notices"))
        self.setObjectName("detail_follow_up")
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._ticket_id: int | None = None
        layout = QVBoxLayout(self)
        self.inspections = StackedRows(
            [
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("Departments"),
                self.tr("Place"),
                self.tr("Findings"),
            ],
            3,
            self,
        )
        self.inspections.setObjectName("detail_inspections")
        self.notices = StackedRows(
            [
                self.tr("Number"),
                self.tr("Status"),
                self.tr("Party"),
                self.tr("Issued"),
                self.tr("Rectify by"),
            ],
            2,
            self,
        )
        self.notices.setObjectName("detail_notices")
        layout.addWidget(self.inspections)
        layout.addWidget(self.notices)
        self.setVisible(False)

    def show_ticket(self, ticket_id: int | None) -> None:
        """Load this ticket's inspections and notices; None empties the section."""
        self._ticket_id = ticket_id
        if ticket_id is None:
            self._fill(ticket_id, [], [])
            return
        self._jobs.submit(
            load_follow_up,
            ticket_id,
            self._context.now(),
            on_result=lambda result: self._fill(*result),
            key=f"detail-follow-up-{id(self)}",
        )

    def _fill(self, ticket_id: int | None, inspections: list, notices: list) -> None:
        if ticket_id != self._ticket_id:
            return
        self.inspections.set_rows(
            [
                [
                    f"{i.held_on:%Y-%m-%d}",
                    inspection_kind_label(i.kind),
                    "、".join(i.departments),
                    i.place,
                    i.findings,
                ]
                for i in inspections
            ]
        )
        self.notices.set_rows(
            [
                [
                    n.number,
                    notice_status_label(n.status, n.days_overdue),
                    n.party,
                    f"{n.issued_on:%Y-%m-%d}",
                    f"{n.deadline:%Y-%m-%d}",
                ]
                for n in notices
            ]
        )
        self.inspections.setVisible(bool(inspections))
        self.notices.setVisible(bool(notices))
        self.setVisible(bool(inspections or notices))

    def inspection_rows(self) -> list[list[str]]:
        """The inspections as shown (for tests and copying)."""
        return self.inspections.rows()

    def notice_rows(self) -> list[list[str]]:
        """The notices as shown (for tests and copying)."""
        return self.notices.rows()
