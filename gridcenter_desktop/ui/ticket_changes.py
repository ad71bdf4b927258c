"""The warning strip a form shows when its ticket changed underneath (another desk, or another
window of this desk, acted on it while the operator was reading or typing).

The dispatch form, the detail dock and the workflow dialogs never switch to another ticket
and never adopt a changed ticket by themselves: they keep what was typed, show here who did
what and when (the ticket's events newer than the version the operator saw, e.g. "已被 李值班
于 10:05 派单"), and send nothing until the operator has pressed the strip's button
(重新载入 in the forms, 知道了 in the detail dock).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from gridcenter_desktop.ui import labels

if TYPE_CHECKING:
    from gridcenter_desktop.services.ticket_detail import EventDetail, TicketDetail

STRIP_STYLE = (
    "QFrame#ticket_change_strip { background: #fff4ce; border: 1px solid #e0b040;"
    " border-radius: 3px; } QLabel { color: #5c4000; }"
)


def newest_event_id(detail: TicketDetail | None) -> int:
    """The id of the ticket's newest event (0 when none): what a form has seen."""
    if detail is None or not detail.events:
        return 0
    return max(e.id for e in detail.events)


def events_after(detail: TicketDetail, seen_event_id: int) -> list[EventDetail]:
    """The ticket's events newer than ``seen_event_id``, oldest first."""
    return sorted((e for e in detail.events if e.id > seen_event_id), key=lambda e: e.id)


def _when(at: datetime, now: datetime) -> str:
    return at.strftime("%H:%M") if at.date() == now.date() else at.strftime("%m-%d %H:%M")


def describe_events(
    events: Iterable[EventDetail], now: datetime, my_user_id: int | None = None
) -> str:
    """ "已被 李值班 于 10:05 派单；已被 您 于 10:07 催办" (translated through tr)."""
    parts = []
    for e in events:
        if my_user_id is not None and e.user_id == my_user_id:
            who = QCoreApplication.translate("TicketChangeStrip", "you")
        else:
            who = e.user_name or QCoreApplication.translate("TicketChangeStrip", "(system)")
        parts.append(
            QCoreApplication.translate("TicketChangeStrip", "{action} by {who} at {time}").format(
                action=labels.event_action_label(e.action), who=who, time=_when(e.at, now)
            )
        )
    return "；".join(parts)


class TicketChangeStrip(QFrame):
    """A yellow strip: what changed, by whom; one button (reload / acknowledge)."""

    sig_button_clicked = Signal()
    """sig_button_clicked(): the operator pressed the strip's button."""

    def __init__(self, button_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticket_change_strip")
        self.setStyleSheet(STRIP_STYLE)
        box = QHBoxLayout(self)
        box.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel(self)
        self.label.setObjectName("ticket_change_text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # user names are user text
        self.label.setWordWrap(True)
        box.addWidget(self.label, 1)
        self.button = QPushButton(button_text, self)
        self.button.setObjectName("ticket_change_button")
        self.button.clicked.connect(self.sig_button_clicked)
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_change(self, detail: TicketDetail, events: str, extra: str = "") -> None:
        """Show ``events`` (from :func:`describe_events`) for ``detail``; ``extra`` adds a
        sentence (e.g. that what was typed is kept)."""
        head = self.tr("{code} changed while you had it open: {events}.").format(
            code=detail.code, events=events or self.tr("changed")
        )
        status = self.tr("It is now {status}.").format(status=labels.status_label(detail.status))
        self.label.setText(" ".join(x for x in (head, status, extra) if x))
        self.show()

    def text(self) -> str:
        """The strip's text ("" while hidden)."""
        return "" if self.isHidden() else self.label.text()
