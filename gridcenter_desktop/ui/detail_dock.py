"""The ticket detail dock: every field of the selected ticket, its timeline (who, when, what,
from which status to which), its assignments and their states, and the workflow actions the
user may take now as buttons.

The reporter's name and phone are personal data: the service masks them as the one rule
(core.permissions.may_see_personal_data) says, and this dock shows what it is given. An
operator who must call the reporter back presses "show phone" (显示电话): the service answers
for that ticket only and records the view in the audit trail; the unmasked contact is shown
until another ticket is selected.

The dock stays on the ticket the operator chose. When another desk changes it, the dock shows
the ticket as it is now with a warning strip saying who did what and when, and holds the
action buttons (they may have moved under the pointer) until the operator presses 知道了.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.deadlines import DeadlineState
from gridcenter_desktop.core.enums import OPEN_STATUSES, DataPurpose, EventAction
from gridcenter_desktop.core.permissions import may_see_personal_data
from gridcenter_desktop.core.workflow import allowed_records
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.appearance import tone
from gridcenter_desktop.ui.attachments import AttachmentStrip
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.detail_follow_up import FollowUpBox
from gridcenter_desktop.ui.detail_lists import StackedRows
from gridcenter_desktop.ui.plain_text import escape, plain
from gridcenter_desktop.ui.queue_dock import ACTION_ORDER
from gridcenter_desktop.ui.ticket_changes import (
    TicketChangeStrip,
    describe_events,
    events_after,
    newest_event_id,
)
from gridcenter_desktop.ui.video_channel_picker import add_channel_row, show_channel_row
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

if TYPE_CHECKING:
    from gridcenter_desktop.services.personal_data import Contact
    from gridcenter_desktop.services.ticket_detail import EventDetail, TicketDetail

_BUTTONS_PER_ROW = 4
# The detail rows only an imported ticket has.
_FOLLOW_UP_KEYS = ("suspension", "extension")
_PLATFORM_KEYS = ("platform", "platform_code", "platform_category", "to_place")
# Rows shown only when they have something to say.
_OPTIONAL_KEYS = (*_PLATFORM_KEYS, "answered")


def load_detail(job, ticket_id: int, actor) -> TicketDetail:
    """The ticket with its assignments and events, as ``actor`` may see it."""
    # Imported in the job: the detail is needed only once a ticket is chosen (start-up).
    from gridcenter_desktop.services.ticket_detail import get_ticket_detail

    return get_ticket_detail(job.session(), ticket_id, actor)


def reveal_job(job, ticket_id: int, actor) -> Contact:
    """The reporter's contact for a callback (audited by the service)."""
    from gridcenter_desktop.services.personal_data import reveal_contact

    return reveal_contact(job.session(), actor, ticket_id)


def _late(minutes: int) -> str:
    """How late, as "2 h 5 min" / "40 min"."""
    hours, rest = divmod(max(minutes, 0), 60)
    if hours:
        return QCoreApplication.translate("DetailDock", "{h} h {m} min").format(h=hours, m=rest)
    return QCoreApplication.translate("DetailDock", "{m} min").format(m=rest)


def _fmt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


class DetailDock(QWidget):
    """Follows the queue's selection; refreshes when its ticket changes."""

    sig_loaded = Signal(object)
    """sig_loaded(ticket_id: int | None): the dock now shows this ticket."""
    sig_print_requested = Signal(str, int)
    """sig_print_requested(what: "form" | "notice", ticket_id): the 打印 button's choice
    (ui/print_commands.py opens the preview)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail_dock_widget")
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self.detail: TicketDetail | None = None
        self._ticket_id: int | None = None
        # (ticket id, contact) once "show phone" was answered for the ticket shown.
        self._revealed: tuple[int, Contact] | None = None
        # The newest event the operator has seen of the shown ticket; True while the strip
        # holds the action buttons.
        self._seen_event_id = 0
        self._actions_held = False
        self._build()
        context.bus.sig_ticket_selected.connect(self.show_ticket)
        context.bus.sig_tickets_changed.connect(self._on_tickets_changed)
        self.show_ticket(None)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        scroll = self.scroll_area = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setObjectName("detail_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self._print_button(body), 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(heading_row)
        self.change_strip = TicketChangeStrip(self.tr("Got it"), body)
        self.change_strip.sig_button_clicked.connect(self.acknowledge_change)
        layout.addWidget(self.change_strip)

        # A grid, not a row: a supervisor may have eight buttons on a narrow dock.
        self.action_row = QGridLayout()
        self.action_buttons: dict[EventAction, QPushButton] = {}
        layout.addLayout(self.action_row)

        # Photos and documents before the fields: what a reviewer looks at first, and still in
        # view on a short dock (the fields run to twenty rows).
        files_box = self.files_box = QGroupBox(self.tr("Photos and documents"), body)
        files_layout = QVBoxLayout(files_box)
        self.attachments = AttachmentStrip(self._context, files_box)
        files_layout.addWidget(self.attachments)
        layout.addWidget(files_box)

        fields_box = QGroupBox(self.tr("Ticket"), body)
        self.fields = QFormLayout(fields_box)
        self.field_labels: dict[str, QLabel] = {}
        for key, title in self._field_titles():
            value = plain(QLabel(fields_box))
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"detail_{key}")
            self.field_labels[key] = value
            self.fields.addRow(title, self._with_reveal(value) if key == "phone" else value)
        self.video_channel = add_channel_row(self.fields, self._context, self.field_labels["grid"])
        layout.addWidget(fields_box)

        assign_box = QGroupBox(self.tr("Assignments"), body)
        assign_layout = QVBoxLayout(assign_box)
        self.assignments = StackedRows(
            [
                self.tr("Role"),
                self.tr("Handled by"),
                self.tr("State"),
                self.tr("Accept by"),
                self.tr("Finish by"),
                self.tr("Result"),
            ],
            3,
            assign_box,
        )
        self.assignments.setObjectName("detail_assignments")
        assign_layout.addWidget(self.assignments)
        layout.addWidget(assign_box)

        # Joint meetings and inspections, and the notices issued from them.
        self.follow_up = FollowUpBox(self._context, body)
        layout.addWidget(self.follow_up)
        # The calls back to the reporter (回访记录): hidden until there is one.
        callbacks_box = self.callbacks_box = QGroupBox(self.tr("Callbacks"), body)
        callbacks_layout = QVBoxLayout(callbacks_box)
        self.callbacks = StackedRows(
            [
                self.tr("Time"),
                self.tr("By"),
                self.tr("Reached by"),
                self.tr("Rating"),
                self.tr("Note"),
            ],
            4,
            callbacks_box,
        )
        self.callbacks.setObjectName("detail_callbacks")
        callbacks_layout.addWidget(self.callbacks)
        callbacks_box.setVisible(False)
        layout.addWidget(callbacks_box)

        timeline_box = QGroupBox(self.tr("Timeline"), body)
        timeline_layout = QVBoxLayout(timeline_box)
        self.timeline = StackedRows(
            [self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("Status"), self.tr("Note")],
            4,
            timeline_box,
        )
        self.timeline.setObjectName("detail_timeline")
        timeline_layout.addWidget(self.timeline)
        layout.addWidget(timeline_box)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)

    def _with_reveal(self, phone: QLabel) -> QWidget:
        """The phone with the "show phone" button beside it."""
        row = QWidget(phone.parentWidget())
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        phone.setParent(row)
        box.addWidget(phone, 1)
        self.reveal_button = QPushButton(self.tr("Show phone"), row)
        self.reveal_button.setObjectName("detail_reveal_contact")
        self.reveal_button.setToolTip(
            self.tr("Show the reporter's name and phone to call back (recorded in the audit log)")
        )
        self.reveal_button.clicked.connect(self.reveal_contact)
        self.reveal_button.setVisible(False)
        box.addWidget(self.reveal_button)
        return row

    def _field_titles(self) -> list[tuple[str, str]]:
        return [
            ("kind", self.tr("Kind")),
            ("source", self.tr("Source")),
            ("category", self.tr("Category")),
            ("priority", self.tr("Urgency")),
            ("status", self.tr("Status")),
            ("deadline", self.tr("Deadline")),
            ("created", self.tr("Registered")),
            ("dispatched", self.tr("Dispatched")),
            ("closed", self.tr("Closed")),
            ("grid", self.tr("Grid")),
            ("address", self.tr("Address")),
            ("reporter", self.tr("Reporter")),
            ("phone", self.tr("Phone")),
            ("people", self.tr("People")),
            ("description", self.tr("Description")),
            ("outcome", self.tr("Outcome")),
            ("satisfaction", self.tr("Satisfaction")),
            ("supervision", self.tr("Urged / supervised")),
            ("merged", self.tr("Merged into")),
            # A merged duplicate answered by its kept ticket's closing (hidden otherwise).
            ("answered", self.tr("Answered")),
            ("updated", self.tr("Last changed")),
            # Imported tickets only (rows hidden for the others).
            ("platform", self.tr("Source platform")),
            ("platform_code", self.tr("Platform ticket number")),
            ("platform_category", self.tr("Platform category")),
            ("to_place", self.tr("Still to be placed")),
            # While suspended / while a request for more time waits (rows hidden otherwise).
            ("suspension", self.tr("Suspended")),
            ("extension", self.tr("Extension requested")),
        ]

    # -- loading ------------------------------------------------------------------------------

    def show_ticket(self, ticket_id: int | None) -> None:
        """Show this ticket (loaded in a job); None empties the dock."""
        if ticket_id != self._ticket_id:
            self._revealed = None
            self.detail = None
            self._release_actions()
        self._ticket_id = ticket_id
        self.print_button.setEnabled(ticket_id is not None)
        if ticket_id is None:
            self.detail = None
            self.heading.setText(self.tr("Select a ticket in the queue to see its details."))
            for label in self.field_labels.values():
                label.clear()
            for key in (*_OPTIONAL_KEYS, *_FOLLOW_UP_KEYS):
                self.fields.setRowVisible(self.field_labels[key], False)
            self.timeline.set_rows([])
            self.callbacks.set_rows([])
            self.callbacks_box.setVisible(False)
            self.assignments.set_rows([])
            self.follow_up.show_ticket(None)
            self.attachments.show_ticket(None)
            self._show_actions(frozenset())
            self.reveal_button.setVisible(False)
            self.sig_loaded.emit(None)
            return
        self._jobs.submit(
            load_detail,
            ticket_id,
            self._context.actor,
            on_result=self._show,
            on_error=lambda exc: self.heading.setText(labels.error_text(exc)),
            key=f"detail-{id(self)}",
        )

    def _on_tickets_changed(self, ids: list) -> None:
        if self._ticket_id is not None and (not ids or self._ticket_id in ids):
            self.show_ticket(self._ticket_id)

    def acknowledge_change(self) -> None:
        """The strip's 知道了: the operator has seen the change; the actions come back."""
        self._release_actions()
        for button in self.action_buttons.values():
            button.setEnabled(True)

    def _release_actions(self) -> None:
        self._actions_held = False
        self.change_strip.hide()

    def _note_change(self, d: TicketDetail) -> None:
        """Raise the strip for what other users did since the operator last saw ``d``."""
        previous = self.detail
        if previous is None or previous.id != d.id or previous.version == d.version:
            return
        me = self._context.actor.user_id
        others = [e for e in events_after(d, self._seen_event_id) if me is None or e.user_id != me]
        if not others:
            return  # this user's own steps (another window of this desk)
        self._actions_held = True
        self.change_strip.show_change(d, describe_events(others, self._context.now(), me), "")

    def _show_heading(self, d: TicketDetail) -> None:
        """Code, 【超期】-style badge and title; the badge's colour is the palette's (a lighter
        red on the dark theme), so a theme change draws it again (changeEvent)."""
        state = d.deadline_state(self._context.now())
        badge = ""
        if d.suspended_at is not None and d.status in OPEN_STATUSES:
            suspended = self.tr("Suspended")
            badge = f"<span style='color:{tone('muted', self).name()}'>【{suspended}】</span>"
        elif state is DeadlineState.OVERDUE:
            overdue = self.tr("Overdue")
            badge = f"<span style='color:{tone('overdue', self).name()}'>【{overdue}】</span>"
        elif state is DeadlineState.DUE_SOON:
            due_soon = self.tr("Due soon")
            badge = f"<span style='color:{tone('due_soon', self).name()}'>【{due_soon}】</span>"
        self.heading.setText(f"<b>{escape(d.code)}</b>　{badge}<br><b>{escape(d.title)}</b>")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "detail", None):
            self._show_heading(self.detail)

    def _show(self, d: TicketDetail) -> None:
        if d.id != self._ticket_id:
            return
        self._note_change(d)
        self._seen_event_id = newest_event_id(d)
        # Another ticket opens at its top (heading, actions, photos), not where the last one
        # was scrolled to: on a 1366×768 desk the dock is a few lines high.
        another = self.detail is None or self.detail.id != d.id
        self.detail = d
        self._show_heading(d)
        reporter, phone = d.reporter_name or "", d.reporter_phone or ""
        revealed = self._revealed
        if revealed is not None and revealed[0] == d.id:
            reporter, phone = revealed[1].name, revealed[1].phone
        grid = " / ".join(x for x in (d.village_name, d.grid_name) if x)
        values = {
            "kind": labels.kind_label(d.kind),
            "source": labels.source_label(d.source),
            "category": labels.category_label(d.category),
            "priority": labels.priority_label(d.priority),
            "status": labels.status_label(d.status),
            "deadline": _fmt(d.deadline_at),
            "created": _fmt(d.created_at)
            + (f"（{d.created_by_name}）" if d.created_by_name else ""),
            "dispatched": _fmt(d.dispatched_at),
            "closed": _fmt(d.closed_at),
            "grid": grid,
            "address": d.address,
            "reporter": reporter,
            "phone": phone,
            "people": str(d.people_count),
            "description": d.description,
            "outcome": labels.outcome_label(d.outcome),
            "satisfaction": labels.satisfaction_label(d.satisfaction),
            "supervision": self.tr("urged {n} times{supervised}").format(
                n=d.urge_count, supervised=self.tr(", supervised") if d.supervised else ""
            ),
            "merged": d.merged_into_code or "",
            "updated": _fmt(d.updated_at)
            + (f"（{d.updated_by_name}）" if d.updated_by_name else ""),
        }
        values.update(self._platform_values(d))
        values.update(self._follow_up_values(d))
        values["answered"] = self._answered_value(d)
        for key, text in values.items():
            self.field_labels[key].setText(text)
        for key in (*_OPTIONAL_KEYS, *_FOLLOW_UP_KEYS):
            self.fields.setRowVisible(self.field_labels[key], bool(values[key]))
        show_channel_row(self.fields, self.video_channel, d.video_channel)
        self._show_assignments(d)
        self._show_callbacks(d)
        self.attachments.show_ticket(d)
        self._show_timeline(d)
        role = self._context.actor.role
        self._show_actions(d.actions(role) | allowed_records(d.status, role))
        self.follow_up.show_ticket(d.id)
        self.reveal_button.setVisible(
            d.personal_data_masked
            and bool(d.reporter_name or d.reporter_phone)
            and (revealed is None or revealed[0] != d.id)
            and may_see_personal_data(self._context.actor.role, DataPurpose.CALLBACK)
        )
        if another:
            self.scroll_area.verticalScrollBar().setValue(0)
        self.sig_loaded.emit(d.id)

    def _follow_up_values(self, d: TicketDetail) -> dict[str, str]:
        """Since when and why the ticket is suspended; the requests for more time waiting."""
        suspension = ""
        if d.suspended_at is not None:
            suspension = self.tr("since {at}: {reason}").format(
                at=_fmt(d.suspended_at), reason=d.suspension_reason
            )
        extension = "\n".join(
            self.tr("{who} asks to move {old} to {new} ({by}, {at}): {reason}").format(
                who=p.handler,
                old=_fmt(p.previous_finish_by),
                new=_fmt(p.proposed_finish_by),
                by=p.requested_by or "—",
                at=_fmt(p.requested_at),
                reason=p.reason,
            )
            for p in d.pending_extensions
        )
        return {"suspension": suspension, "extension": extension}

    def _platform_values(self, d: TicketDetail) -> dict[str, str]:
        """Where an imported ticket came from, and what the operator still has to place."""
        missing = []
        if d.to_place:
            missing.append(self.tr("grid not known yet"))
        if d.category_unmapped:
            missing.append(self.tr("platform category not mapped yet (imported as Other)"))
        return {
            "platform": labels.intake_source_label(d.external_source) if d.external_source else "",
            "platform_code": d.external_code or "",
            "platform_category": d.external_category or "",
            "to_place": "；".join(missing),
        }

    def _answered_value(self, d: TicketDetail) -> str:
        """A merged duplicate answered by its kept ticket: which one, and the result told."""
        if d.answered_by_code is None:
            return ""
        text = self.tr("Answered with {code}").format(code=d.answered_by_code)
        return labels.join_notes([text, d.answer_text])

    def _show_callbacks(self, d: TicketDetail) -> None:
        rows = []
        for r in d.callbacks:
            note = r.note
            if r.reopened:
                note = labels.join_notes([note, self.tr("reopened for handling")])
            rows.append(
                [
                    _fmt(r.called_at),
                    r.called_by_name or self.tr("(system)"),
                    labels.callback_channel_label(r.channel),
                    labels.satisfaction_label(r.satisfaction) or self.tr("no rating"),
                    note,
                ]
            )
        self.callbacks.set_rows(rows)
        self.callbacks_box.setVisible(bool(rows))

    def callback_rows(self) -> list[list[str]]:
        """The callback rounds as shown (for tests and copying)."""
        return self.callbacks.rows()

    def reveal_contact(self) -> None:
        """Show phone: ask the service for the reporter's contact of this ticket."""
        if self._ticket_id is None:
            return
        ticket_id = self._ticket_id
        self.reveal_button.setEnabled(False)
        self._jobs.submit(
            reveal_job,
            ticket_id,
            self._context.actor,
            on_result=lambda contact: self._show_contact(ticket_id, contact),
            on_error=self._reveal_failed,
            key=f"reveal-{id(self)}",
        )

    def _show_contact(self, ticket_id: int, contact: Contact) -> None:
        self.reveal_button.setEnabled(True)
        if ticket_id != self._ticket_id:
            return  # another ticket was chosen meanwhile
        self._revealed = (ticket_id, contact)
        self.field_labels["reporter"].setText(contact.name)
        self.field_labels["phone"].setText(contact.phone)
        self.reveal_button.setVisible(False)

    def _reveal_failed(self, exc: BaseException) -> None:
        self.reveal_button.setEnabled(True)
        self.field_labels["phone"].setText(labels.error_text(exc))

    def _show_assignments(self, d: TicketDetail) -> None:
        rows = []
        now = self._context.now()
        for a in d.assignments:
            returned = a.return_reason and self.tr("Returned: {reason}").format(
                reason=a.return_reason
            )
            # The public reply typed at feedback is shown too (issue 8: it appeared nowhere).
            reply = a.public_reply and self.tr("Public reply: {text}").format(text=a.public_reply)
            result = labels.join_notes([a.feedback or returned or "", reply or ""])
            cells = [
                labels.assignment_role_label(a.role),
                a.department_name or a.grid_name or "",
                self._assignment_state(a, now),
                _fmt(a.accept_by),
                _fmt(a.finish_by),
                result,
            ]
            rows.append(cells)
        self.assignments.set_rows(rows)

    def _assignment_state(self, a, now: datetime) -> str:
        """Its status, marked when it missed its accept-by time (超时未签收) and when that
        was escalated."""
        parts = [labels.assignment_status_label(a.status)]
        if a.missed(now):
            parts.append(self.tr("not accepted in time"))
        if a.escalated_at is not None:
            parts.append(self.tr("escalated {at}").format(at=_fmt(a.escalated_at)))
        return "，".join(parts)

    def _show_timeline(self, d: TicketDetail) -> None:
        rows = []
        for e in d.events:
            change = (
                f"{labels.status_label(e.from_status)} → {labels.status_label(e.to_status)}"
                if e.from_status is not None and e.from_status != e.to_status
                else labels.status_label(e.to_status)
            )
            cells = [
                _fmt(e.at),
                e.user_name or self.tr("(system)"),
                labels.event_action_label(e.action),
                change,
                self._event_note(e, d),
            ]
            rows.append(cells)
        self.timeline.set_rows(rows)

    def _event_note(self, e: EventDetail, d: TicketDetail) -> str:
        parts = [e.note] if e.note else []
        data = e.data or {}
        # Accept / return / feedback name the assignment: show whose it is.
        for a in d.assignments:
            if a.id == data.get("assignment_id"):
                parts.append(a.department_name or a.grid_name or "")
        if data.get("department") and str(data["department"]) not in parts:
            parts.append(str(data["department"]))  # supervise, escalate: the department
        if e.action == EventAction.ESCALATE and data.get("minutes_late") is not None:
            parts.append(self.tr("{late} late").format(late=_late(int(data["minutes_late"]))))
        if e.action == EventAction.ADD_ASSIGNEE and data.get("departments"):
            parts.append(self.tr("added: {names}").format(names="、".join(data["departments"])))
        if data.get("assist_finish_by"):
            parts.append(
                self.tr("assisting finish by {at}").format(at=str(data["assist_finish_by"])[:16])
            )
        if data.get("outcome"):
            parts.append(labels.outcome_label(data["outcome"]))
        if data.get("lead_department"):
            parts.append(self.tr("lead: {name}").format(name=data["lead_department"]))
        if data.get("assist_departments"):
            parts.append(
                self.tr("assisting: {names}").format(names="、".join(data["assist_departments"]))
            )
        if e.action == EventAction.FEEDBACK and data.get("files"):
            names = "、".join(str(f.get("name", "")) for f in data["files"])
            parts.append(self.tr("with files: {names}").format(names=names))
        if data.get("whistle"):
            parts.append(self.tr("whistle"))
        if data.get("satisfaction"):
            parts.append(labels.satisfaction_label(data["satisfaction"]))
        if e.action == EventAction.PLACE:
            parts.extend(self._placement_note(data))
        if e.action == EventAction.LOCATE:  # services/tickets/locating.py
            parts.append(
                self.tr("place: {lon:.6f}, {lat:.6f}").format(
                    lon=data.get("longitude", 0.0), lat=data.get("latitude", 0.0)
                )
            )
            if data.get("grid"):
                parts.append(
                    self.tr("grid: {old} → {new}").format(
                        old=data.get("from_grid") or self.tr("none"), new=data["grid"]
                    )
                )
            elif data.get("located_grid"):
                parts.append(self.tr("in {grid}").format(grid=data["located_grid"]))
        if isinstance(data.get("answered"), list):  # a closing: the duplicates it answered
            codes = "、".join(str(c) for c in data["answered"])
            parts.append(self.tr("merged reporters answered: {codes}").format(codes=codes))
        if data.get("answered_by"):
            parts.append(self.tr("Answered with {code}").format(code=data["answered_by"]))
        if data.get("channel"):
            parts.append(labels.callback_channel_label(data["channel"]))
        if data.get("merged_into_code"):
            parts.append(self.tr("kept ticket: {code}").format(code=data["merged_into_code"]))
        if e.action == EventAction.MERGED_IN and data.get("code"):
            # Masked by the service unless the role may see them.
            reporter = data.get("reporter_name") or ""
            phone = data.get("reporter_phone") or ""
            parts.append(
                self.tr("duplicate {code} merged in (reporter {reporter} {phone})")
                .format(code=data["code"], reporter=reporter, phone=phone)
                .replace("  ", " ")
            )
        return labels.join_notes(parts)

    def _placement_note(self, data: dict) -> list[str]:
        """A PLACE event: the grid and the category before and after, a mapping remembered."""
        parts = []
        if data.get("grid"):
            parts.append(
                self.tr("grid: {old} → {new}").format(
                    old=data.get("from_grid") or self.tr("none"), new=data["grid"]
                )
            )
        if data.get("category"):
            parts.append(
                self.tr("category: {old} → {new}").format(
                    old=labels.category_label(data.get("from_category")),
                    new=labels.category_label(data["category"]),
                )
            )
        remembered = data.get("remembered")
        if isinstance(remembered, dict):
            parts.append(
                self.tr("mapping remembered: {external} → {category}").format(
                    external=remembered.get("external", ""),
                    category=labels.category_label(remembered.get("category")),
                )
            )
        return parts

    def _print_button(self, parent: QWidget) -> QToolButton:
        """打印: the shown ticket's handling form, or its rectification notice."""
        button = self.print_button = QToolButton(parent)
        button.setObjectName("detail_print")
        button.setText(self.tr("Print"))
        button.setToolTip(self.tr("Print preview of this ticket's handling form or notice"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(button)
        form = menu.addAction(self.tr("Handling form…"))
        form.setObjectName("detail_print_form")
        form.triggered.connect(lambda: self._request_print("form"))
        notice = menu.addAction(self.tr("Rectification notice…"))
        notice.setObjectName("detail_print_notice")
        notice.triggered.connect(lambda: self._request_print("notice"))
        button.setMenu(menu)
        button.clicked.connect(lambda: self._request_print("form"))
        button.setEnabled(False)
        return button

    def _request_print(self, what: str) -> None:
        if self._ticket_id is not None:
            self.sig_print_requested.emit(what, self._ticket_id)

    def _run_action(self, action: EventAction) -> None:
        # Imported on the first click: the dialogs and the workflow services they call are
        # not needed for the window's first paint.
        from gridcenter_desktop.ui.workflow_dialogs import run_ticket_action

        if self._actions_held:  # the ticket changed: the operator acknowledges it first
            self.change_strip.button.setFocus()
            return
        run_ticket_action(self._context, self, action, self._ticket_id)

    def _show_actions(self, allowed: frozenset) -> None:
        for button in self.action_buttons.values():
            self.action_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for action in ACTION_ORDER:
            if action not in allowed:
                continue
            button = QPushButton(labels.event_action_label(action), self)
            button.setObjectName(f"detail_action_{action.value}")
            button.clicked.connect(lambda _=False, a=action: self._run_action(a))
            button.setEnabled(not self._actions_held)
            n = len(self.action_buttons)
            self.action_row.addWidget(button, n // _BUTTONS_PER_ROW, n % _BUTTONS_PER_ROW)
            self.action_buttons[action] = button

    def timeline_rows(self) -> list[list[str]]:
        """The timeline as shown (for tests and copying)."""
        return self.timeline.rows()

    def assignment_rows(self) -> list[list[str]]:
        """The assignments as shown (for tests and copying)."""
        return self.assignments.rows()
