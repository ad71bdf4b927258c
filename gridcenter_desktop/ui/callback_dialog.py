"""The callback dialog (回访): one round of calling a reporter back, worked by keyboard alone.

It is the workflow dialog of the CALLBACK action (ui/workflow_dialogs.py declares its fields:
how the reporter was reached, the rating, "dissatisfied: handle it again", a note) with what
the caller needs in view: who to call, the result they are told (for a merged duplicate, the
kept ticket's, "已随 GCxxxx 办结"), and the rounds before. A reporter not reached gives no
rating, so the rating is disabled then; handling again is offered only with "dissatisfied".

Saving tells the bus (sig_callback_recorded) before the tickets changed, so the 待回访 list
moves on to the next reporter: a callback round is a list the operator works down.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QWidget

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    CallbackChannel,
    DataPurpose,
    EventAction,
    Satisfaction,
)
from gridcenter_desktop.core.permissions import may_see_personal_data
from gridcenter_desktop.services.personal_data import Contact, reveal_contact
from gridcenter_desktop.services.ticket_detail import TicketDetail
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog


def answer_text(detail: TicketDetail) -> str:
    """The result the reporter is told: a merged duplicate's from its kept ticket's closing;
    otherwise the lead's public reply or what it did, or the grid's account of solving it."""
    if detail.answered_by_code is not None:
        return detail.answer_text
    for a in reversed(detail.assignments):
        if a.role == AssignmentRole.LEAD and a.status == AssignmentStatus.DONE:
            return (a.public_reply or "").strip() or (a.feedback or "").strip()
    for e in reversed(detail.events):
        if e.action == EventAction.SOLVE_IN_GRID:
            return e.note
    return ""


def reveal_job(job, ticket_id: int, actor) -> Contact:
    """The reporter's name and phone, to dial (audited by the service)."""
    return reveal_contact(job.session(), actor, ticket_id)


class CallbackDialog(ActionDialog):
    """A callback round on one answered ticket."""

    def __init__(
        self,
        context: AppContext,
        action: EventAction,
        detail: TicketDetail,
        lists: list,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, action, detail, lists, parent)
        self.info = plain(QLabel(self))
        self.info.setObjectName("callback_info")
        self.info.setWordWrap(True)
        # Below the heading and the message strip, above the fields.
        self.layout().insertWidget(1, self.info)
        # The number to dial: masked in the ticket as loaded; shown on demand (Alt+P), and the
        # view is recorded in the audit trail, as in the detail panel.
        self._contact: Contact | None = None
        self.reveal_button = QPushButton(self.tr("Show &phone (recorded)"), self)
        self.reveal_button.setObjectName("callback_reveal_contact")
        self.reveal_button.setAutoDefault(False)
        self.reveal_button.clicked.connect(self.reveal_contact)
        self.layout().insertWidget(2, self.reveal_button)
        self.channel: QComboBox = self.inputs["channel"]
        self.rating: QComboBox = self.inputs["satisfaction"]
        self.reopen_check: QCheckBox | None = self.inputs.get("reopen")
        self.channel.currentIndexChanged.connect(self._follow_channel)
        self.rating.currentIndexChanged.connect(self._follow_rating)
        self._show_info()
        self._follow_channel()

    def reveal_contact(self) -> None:
        """Ask the service for the reporter's unmasked contact (audited)."""
        self.reveal_button.setEnabled(False)
        self._jobs.submit(
            reveal_job,
            self.detail.id,
            self._context.actor,
            on_result=self._revealed,
            on_error=self._failed,
            key=f"callback-reveal-{id(self)}",
        )

    def _revealed(self, contact: Contact) -> None:
        self._contact = contact
        self._show_info()

    def _show_info(self) -> None:
        d = self.detail
        lines = []
        name, phone = d.reporter_name, d.reporter_phone
        if self._contact is not None:
            name, phone = self._contact.name, self._contact.phone
        self.reveal_button.setVisible(
            self._contact is None
            and d.personal_data_masked
            and bool(d.reporter_name or d.reporter_phone)
            and may_see_personal_data(self._context.actor.role, DataPurpose.CALLBACK)
        )
        self.reveal_button.setEnabled(True)
        who = " ".join(x for x in (name, phone) if x)
        lines.append(self.tr("Reporter: {who}").format(who=who or self.tr("(not recorded)")))
        result = answer_text(d) or self.tr("(no result text)")
        if d.answered_by_code is not None:
            lines.append(
                self.tr("Answered with {code}: {result}").format(
                    code=d.answered_by_code, result=result
                )
            )
        else:
            lines.append(self.tr("Result told: {result}").format(result=result))
        if d.callbacks:
            last = d.callbacks[-1]
            lines.append(
                self.tr("Called back {n} times before; last: {when} {how} {rating}")
                .format(
                    n=len(d.callbacks),
                    when=last.called_at.strftime("%Y-%m-%d %H:%M"),
                    how=labels.callback_channel_label(last.channel),
                    rating=labels.satisfaction_label(last.satisfaction),
                )
                .strip()
            )
        self.info.setText("\n".join(lines))

    def _follow_channel(self, *_args) -> None:
        reached = self.channel.currentData() != CallbackChannel.UNREACHABLE
        if not reached:
            self.rating.setCurrentIndex(max(self.rating.findData(None), 0))
        self.rating.setEnabled(reached)
        self._follow_rating()

    def _follow_rating(self, *_args) -> None:
        if self.reopen_check is None:
            return
        dissatisfied = self.rating.currentData() == Satisfaction.DISSATISFIED
        if not dissatisfied:
            self.reopen_check.setChecked(False)
        self.reopen_check.setEnabled(dissatisfied)

    def reload_changed(self) -> None:
        """Adopt the fresh ticket (ActionDialog) and show its reporter, result and rounds."""
        super().reload_changed()
        self._show_info()
        self._follow_channel()

    def _done(self, ids: list[int]) -> None:
        self._context.bus.sig_callback_recorded.emit(self.detail.id)
        super()._done(ids)
