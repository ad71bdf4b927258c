"""The small dialogs behind the workflow actions (accept, return, feed back, close, reject, solve
in the grid, reopen, urge, supervise, merge, callback, place) and the one entry point the queue's
context menu and the detail panel's buttons call: :func:`run_ticket_action`.

Each dialog is declared as data (:data:`ACTION_FORMS`: its fields, and how its values become a
service call), so every action behaves the same way: the ticket is loaded in a job, the dialog
opens, OK calls the service in a job, a ValidationError is shown at its field and the dialog
stays open with what was typed, and success closes the dialog and announces the changed
ticket on the bus.

While a dialog is open it stays on its ticket: when the ticket changes underneath (another desk
acted on it, heard through bus.sig_tickets_changed, or a refused OK), the dialog keeps what was
typed, shows who did what and when in a warning strip (ui/ticket_changes.py) and greys OK until
the operator presses 重新载入, which adopts the fresh ticket (or says the action no longer
applies).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.enums import (
    AssignmentStatus,
    CallbackChannel,
    EventAction,
    Outcome,
    Satisfaction,
    TicketKind,
    TicketStatus,
)
from gridcenter_desktop.services import tickets as ticket_service
from gridcenter_desktop.services.duplicates import ticket_by_code
from gridcenter_desktop.services.errors import ConflictError, ServiceError, ValidationError
from gridcenter_desktop.services.suggestions import active_departments, village_grids
from gridcenter_desktop.services.ticket_detail import TicketDetail, get_ticket_detail
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.attachments import AttachmentStrip, PendingFiles
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.field_errors import MESSAGE_STYLE, FieldErrors
from gridcenter_desktop.ui.keyboard import tab_leaves
from gridcenter_desktop.ui.plain_text import escape, information, plain
from gridcenter_desktop.ui.ticket_changes import (
    TicketChangeStrip,
    describe_events,
    events_after,
    newest_event_id,
)
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

# -- declared forms -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One input: ``kind`` is "line", "text" (several lines), "choice", "check", "files" (files
    to send, as paths), "shown_files" (the ticket's files to look at) or "shown_result" (the
    results fed back, to read), the last two without a value; ``choices``
    builds (value, label) pairs from the loaded ticket and the action's list (departments, or
    villages and grids for placing); ``shown`` leaves the field out for tickets it does not
    concern (its value is then absent)."""

    name: str
    label: Callable[[], str]
    kind: str = "line"
    choices: Callable[[TicketDetail, list], list[tuple[Any, str]]] | None = None
    default: Any = None
    aliases: tuple[str, ...] = ()
    shown: Callable[[TicketDetail], bool] | None = None


@dataclass(frozen=True)
class ActionForm:
    title: Callable[[], str]
    fields: tuple[Field, ...]
    # call(session, actor, detail, values, now) -> TicketRef (or a list of changed ids)
    call: Callable[..., Any]


def fed_back_text(detail: TicketDetail) -> str:
    """The results fed back and not yet reviewed, lead first: who, is the complaint true, is it
    solved, what was done, the public reply. What a reviewer reads before closing."""
    yes, no = (
        QCoreApplication.translate("WorkflowDialogs", "yes"),
        QCoreApplication.translate("WorkflowDialogs", "no"),
    )
    parts = []
    fed = [a for a in detail.assignments if a.status == AssignmentStatus.FED_BACK]
    for a in sorted(fed, key=lambda a: a.role != "lead"):
        lines = [
            QCoreApplication.translate(
                "WorkflowDialogs", "{unit}: complaint true {true}, solved {solved}"
            ).format(
                unit=a.assignee_name,
                true=yes if a.complaint_true else no,
                solved=yes if a.solved else no,
            ),
            a.feedback or "",
        ]
        if a.public_reply:
            lines.append(
                QCoreApplication.translate("WorkflowDialogs", "Public reply: {text}").format(
                    text=a.public_reply
                )
            )
        parts.append("\n".join(line for line in lines if line))
    return "\n\n".join(parts) or QCoreApplication.translate(
        "WorkflowDialogs", "No result has been fed back."
    )


def _t(text: str) -> Callable[[], str]:
    # Marked with QT_TRANSLATE_NOOP where declared (so lupdate finds it), translated when shown.
    return lambda: QCoreApplication.translate("WorkflowDialogs", text)


def _assignments(*statuses: AssignmentStatus):
    def choices(detail: TicketDetail, _deps) -> list[tuple[Any, str]]:
        found = []
        for a in detail.assignments:
            if a.status in statuses:
                who = a.department_name or a.grid_name or "?"
                found.append(
                    (
                        a.id,
                        f"{labels.assignment_role_label(a.role)}：{who}"
                        f"（{labels.assignment_status_label(a.status)}）",
                    )
                )
        return found

    return choices


def _outcomes(detail: TicketDetail, _deps) -> list[tuple[Any, str]]:
    none = (
        []
        if detail.kind == TicketKind.DISPUTE
        else [(None, QCoreApplication.translate("WorkflowDialogs", "(from the feedback)"))]
    )
    return none + [(Outcome(code), text) for code, text in labels.outcome_choices()]


def _satisfactions(_detail, _deps) -> list[tuple[Any, str]]:
    # No rating chosen until the reporter gives one (the service refuses a reached reporter
    # without a rating): a slip of the keyboard never records "satisfied".
    none = [(None, QCoreApplication.translate("WorkflowDialogs", "(choose the rating)"))]
    return none + [(Satisfaction(code), text) for code, text in labels.satisfaction_choices()]


def _callback_channels(_detail, _deps) -> list[tuple[Any, str]]:
    return [(CallbackChannel(code), text) for code, text in labels.callback_channel_choices()]


def _callback_call(s, actor, d, v, now):
    channel = CallbackChannel(v["channel"])
    reached = channel is not CallbackChannel.UNREACHABLE
    return ticket_service.record_callback(
        s,
        actor,
        d.id,
        d.version,
        v["satisfaction"] if reached else None,
        channel=channel,
        note=v["note"],
        reopen=bool(v.get("reopen")),
        now=now,
    )


def _supervised_departments(detail: TicketDetail, deps) -> list[tuple[Any, str]]:
    # The departments working on the ticket first: those are the ones usually supervised.
    working = [
        (a.department_id, a.department_name)
        for a in detail.open_assignments
        if a.department_id is not None
    ]
    others = [(d.id, d.name) for d in deps if d.id not in {w[0] for w in working}]
    return working + others


def _feedback_call(s, actor, d, v, now):
    from gridcenter_desktop.services.intake.attachment_files import size_limit
    from gridcenter_desktop.ui.attachment_jobs import read_files

    form = ticket_service.Feedback(
        complaint_true=bool(v["complaint_true"]),
        solved=bool(v["solved"]),
        feedback=v["feedback"],
        public_reply=v["public_reply"],
        attachments=tuple(read_files(v["attachments"], size_limit(s))),
    )
    return ticket_service.feed_back(s, actor, d.id, d.version, v["assignment_id"], form, now=now)


def _merge_call(s, actor, d, v, now):
    code = (v["into_code"] or "").strip()
    if not code:
        raise ValidationError("merged_into_id", "required")
    target = ticket_by_code(s, code)
    if target is None:
        raise ValidationError("merged_into_id", "unknown")
    ticket_service.merge_ticket(
        s, actor, d.id, d.version, target.ticket_id, note=v["note"], now=now
    )
    return [d.id, target.ticket_id]


def _place_grids(detail: TicketDetail, villages) -> list[tuple[Any, str]]:
    # First "leave it": placing the category alone keeps the grid (or its absence).
    if detail.grid_id is None:
        keep = QCoreApplication.translate("WorkflowDialogs", "(not placed yet)")
    else:
        current = " / ".join(x for x in (detail.village_name, detail.grid_name) if x)
        keep = QCoreApplication.translate("WorkflowDialogs", "(unchanged: {grid})").format(
            grid=current
        )
    return [(None, keep)] + [
        (grid.id, f"{village.name} / {grid.name}") for village in villages for grid in village.grids
    ]


def _place_categories(detail: TicketDetail, _lists) -> list[tuple[Any, str]]:
    current = labels.category_label(detail.category)
    if detail.category_unmapped:
        keep = QCoreApplication.translate(
            "WorkflowDialogs", "(unchanged: {category}, not mapped yet)"
        ).format(category=current)
    else:
        keep = QCoreApplication.translate("WorkflowDialogs", "(unchanged: {category})").format(
            category=current
        )
    return [(None, keep)] + [(c.code, c.name) for c in CATEGORIES]


def _platform_category_unmapped(detail: TicketDetail) -> bool:
    """The "remember" box concerns a ticket whose platform category nobody has mapped yet."""
    return bool(detail.external_source and detail.external_category and detail.category_unmapped)


def _place_call(s, actor, d, v, now):
    return ticket_service.place_ticket(
        s,
        actor,
        d.id,
        d.version,
        grid_id=v["grid_id"],
        category=v["category"],
        remember_category=bool(v.get("remember_category")),
        note=v["note"],
        now=now,
    )


A = EventAction
_NOTE = Field("note", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Note")), "text")
# The reviewer looks at the photos and documents before closing or sending back.
_SHOWN_FILES = Field(
    "shown_files", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Photos and documents")), "shown_files"
)
_REASON = Field("reason", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Reason")), "text")
# What the reviewer signs off: the results fed back, read-only (no value).
_SHOWN_RESULT = Field(
    "shown_result", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Result fed back")), "shown_result"
)

ACTION_FORMS: dict[EventAction, ActionForm] = {
    A.ACCEPT: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Accept an assignment")),
        (
            Field(
                "assignment_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Assignment")),
                "choice",
                _assignments(AssignmentStatus.PENDING),
            ),
            _NOTE,
        ),
        lambda s, a, d, v, now: ticket_service.accept_assignment(
            s, a, d.id, d.version, v["assignment_id"], note=v["note"], now=now
        ),
    ),
    A.RETURN: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Return an assignment")),
        (
            Field(
                "assignment_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Assignment")),
                "choice",
                _assignments(AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED),
            ),
            _REASON,
        ),
        lambda s, a, d, v, now: ticket_service.return_assignment(
            s, a, d.id, d.version, v["assignment_id"], v["reason"], now=now
        ),
    ),
    A.FEEDBACK: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Feed back the result")),
        (
            Field(
                "assignment_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Assignment")),
                "choice",
                _assignments(AssignmentStatus.ACCEPTED),
            ),
            Field(
                "complaint_true",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "The complaint is true")),
                "check",
                default=True,
            ),
            Field(
                "solved", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Solved")), "check", default=True
            ),
            Field("feedback", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "What was done")), "text"),
            Field("public_reply", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Public reply")), "text"),
            Field(
                "attachments",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Site photos and documents")),
                "files",
                aliases=("attachment_file", "attachment_name", "thumbnail"),
            ),
        ),
        _feedback_call,
    ),
    A.CLOSE: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Review and close")),
        (
            Field(
                "outcome", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Outcome")), "choice", _outcomes
            ),
            _SHOWN_RESULT,
            _NOTE,
            _SHOWN_FILES,
        ),
        lambda s, a, d, v, now: ticket_service.close_ticket(
            s, a, d.id, d.version, outcome=v["outcome"], note=v["note"], now=now
        ),
    ),
    A.REJECT: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Send back for more work")),
        (_SHOWN_RESULT, _REASON, _SHOWN_FILES),
        lambda s, a, d, v, now: ticket_service.reject_review(
            s, a, d.id, d.version, v["reason"], now=now
        ),
    ),
    A.SOLVE_IN_GRID: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Solved in the grid")),
        (
            Field(
                "outcome", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Outcome")), "choice", _outcomes
            ),
            Field("note", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "What was done")), "text"),
        ),
        lambda s, a, d, v, now: ticket_service.solve_in_grid(
            s, a, d.id, d.version, v["note"], outcome=v["outcome"], now=now
        ),
    ),
    A.REOPEN: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Reopen")),
        (_REASON,),
        lambda s, a, d, v, now: ticket_service.reopen_ticket(
            s, a, d.id, d.version, v["reason"], now=now
        ),
    ),
    A.URGE: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Urge")),
        (_NOTE,),
        lambda s, a, d, v, now: ticket_service.urge_ticket(
            s, a, d.id, d.version, note=v["note"], now=now
        ),
    ),
    A.SUPERVISE: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Supervise")),
        (
            Field(
                "department_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Department supervised")),
                "choice",
                _supervised_departments,
            ),
            _REASON,
        ),
        lambda s, a, d, v, now: ticket_service.supervise_ticket(
            s, a, d.id, d.version, v["department_id"], v["reason"], now=now
        ),
    ),
    A.MERGE: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Merge into another ticket")),
        (
            Field(
                "into_code",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Ticket code to keep")),
                "line",
                aliases=("merged_into_id",),
            ),
            _NOTE,
        ),
        _merge_call,
    ),
    # The dialog is ui/callback_dialog.py's: the rating follows how the reporter was reached.
    A.CALLBACK: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Callback")),
        (
            Field(
                "channel",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Reached by")),
                "choice",
                _callback_channels,
            ),
            Field(
                "satisfaction",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Satisfaction")),
                "choice",
                _satisfactions,
            ),
            # A merged duplicate is handled again through its kept ticket (core refuses here).
            Field(
                "reopen",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Dissatisfied: handle it again")),
                "check",
                default=False,
                shown=lambda d: d.status == TicketStatus.CLOSED,
            ),
            _NOTE,
        ),
        _callback_call,
    ),
    A.PLACE: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Place (grid and category)")),
        (
            Field(
                "grid_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Grid")),
                "choice",
                _place_grids,
            ),
            Field(
                "category",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Category")),
                "choice",
                _place_categories,
            ),
            Field(
                "remember_category",
                _t(
                    QT_TRANSLATE_NOOP(
                        "WorkflowDialogs", "Remember this category mapping for later imports"
                    )
                ),
                "check",
                default=True,
                shown=_platform_category_unmapped,
            ),
            _NOTE,
        ),
        _place_call,
    ),
}

# What each action's choices are built from besides the ticket (departments by default).
_LISTS: dict[EventAction, Callable[[Any], list]] = {A.PLACE: village_grids}


# -- jobs ---------------------------------------------------------------------------------------


def action_lists(session, action: EventAction | None) -> list:
    """What ``action``'s choices are built from besides the ticket: the active departments;
    the villages and their grids for placing."""
    return _LISTS.get(action, active_departments)(session)


def load_action_data(job, ticket_id: int, action: EventAction | None = None):
    """The ticket's detail and what the action's choices need (:func:`action_lists`)."""
    session = job.session()
    return get_ticket_detail(session, ticket_id), action_lists(session, action)


def perform_action(job, form: ActionForm, actor, detail, values, now):
    """Call the service; the ids of the tickets it changed."""
    result = form.call(job.session(), actor, detail, values, now)
    return result if isinstance(result, list) else [detail.id]


# -- the dialog ---------------------------------------------------------------------------------


class ActionDialog(QDialog):
    """One workflow action on one ticket, built from its ActionForm."""

    def __init__(
        self,
        context: AppContext,
        action: EventAction,
        detail: TicketDetail,
        lists: list,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self.action = action
        self.form = ACTION_FORMS[action]
        self.detail = detail
        self._lists = lists  # what the choices are built from (action_lists)
        self.errors = FieldErrors()
        self.changed_ids: list[int] = []
        # A fresher (detail, lists) heard of but not adopted yet; see the module doc.
        self.pending: tuple[TicketDetail, list] | None = None
        self._seen_event_id = newest_event_id(detail)
        self.setWindowTitle(f"{self.form.title()} — {detail.code}")
        self.setObjectName(f"action_dialog_{action.value}")

        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{escape(detail.code)}</b>  {escape(detail.title)}", self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.place_hint: QLabel | None = None
        if action == A.PLACE:
            # What the operator places from: the address, and the platform's own category
            # (the one "remember" maps), which the title alone does not tell.
            parts = [self.tr("Address: {address}").format(address=detail.address or "—")]
            if detail.external_category:
                parts.append(
                    self.tr("Platform category: {category}").format(
                        category=detail.external_category
                    )
                )
            self.place_hint = plain(QLabel("　".join(parts), self))
            self.place_hint.setObjectName("action_place_hint")
            self.place_hint.setWordWrap(True)
            layout.addWidget(self.place_hint)
        self.message = plain(QLabel(self))
        self.message.setObjectName("action_message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.change_strip = TicketChangeStrip(self.tr("Reload"), self)
        self.change_strip.sig_button_clicked.connect(self.reload_changed)
        layout.addWidget(self.change_strip)
        form_layout = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        for f in self.form.fields:
            if f.shown is not None and not f.shown(detail):
                continue
            widget = self._make_input(f)
            self.inputs[f.name] = widget
            form_layout.addRow(f.label(), self.errors.wrap(f.name, widget, *f.aliases))
        layout.addLayout(form_layout)
        # Spare height (a file strip that needed fewer rows) below the fields, not between them.
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        context.write_gate.gate(self.ok_button)
        # Ctrl+Enter sends from any field, multi-line ones included (Enter there is a new line).
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            send = QShortcut(QKeySequence(keys), self)
            send.activated.connect(self._send_by_key)
        remember_geometry(self, context.settings, f"action.{action.value}")
        context.bus.sig_tickets_changed.connect(self._on_tickets_changed)
        # The dialog opens on its first field (typing starts at once), never on a button.
        first = next(iter(self.inputs.values()), None)
        if first is not None:
            first.setFocus()

    def _send_by_key(self) -> None:
        # submit() itself holds back while a change underneath waits for the reload.
        if self.pending is not None or self.ok_button.isEnabled():
            self.submit()

    def _make_input(self, f: Field) -> QWidget:
        if f.kind == "choice":
            combo = QComboBox(self)
            for value, text in f.choices(self.detail, self._lists):
                combo.addItem(text, value)
            return combo
        if f.kind == "check":
            check = QCheckBox(self)
            check.setChecked(bool(f.default))
            return check
        if f.kind == "text":
            edit = tab_leaves(QPlainTextEdit(self))
            edit.setFixedHeight(70)
            return edit
        if f.kind == "files":
            return PendingFiles(self)
        if f.kind == "shown_files":
            strip = AttachmentStrip(self._context, self, editable=False)
            strip.show_ticket(self.detail)
            return strip
        if f.kind == "shown_result":
            shown = plain(QLabel(fed_back_text(self.detail), self))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            return shown
        return QLineEdit(self)

    def values(self) -> dict[str, Any]:
        """What the operator entered, by field name."""
        out: dict[str, Any] = {}
        for name, w in self.inputs.items():
            if isinstance(w, QComboBox):
                out[name] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
            elif isinstance(w, PendingFiles):
                out[name] = w.paths()
            elif isinstance(w, AttachmentStrip | QLabel):
                continue  # shown, not sent
            else:
                out[name] = w.text()
        return out

    def submit(self) -> None:
        """Call the service in a job (OK button); nothing is sent while a change underneath
        waits for the operator's reload."""
        if self.pending is not None or not self.ok_button.isEnabled():
            self.change_strip.button.setFocus()
            return
        self.errors.clear()
        self.message.hide()
        self.buttons.setEnabled(False)
        self._jobs.submit(
            perform_action,
            self.form,
            self._context.actor,
            self.detail,
            self.values(),
            self._context.now(),
            on_result=self._done,
            on_error=self._failed,
        )

    def _done(self, ids: list[int]) -> None:
        self.buttons.setEnabled(True)
        self.changed_ids = ids
        self._context.bus.sig_tickets_changed.emit(ids)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        text = self.errors.form_message(exc, self._context.jobs.sig_job_failed.emit)
        if text is None:
            return
        self.message.setText(text)
        self.message.show()
        if isinstance(exc, ConflictError):
            # Keep what was typed; the strip shows what changed and OK waits for a reload.
            self._context.bus.sig_tickets_changed.emit([self.detail.id])
            self._check_ticket()

    def _on_tickets_changed(self, ids: list) -> None:
        if not ids or self.detail.id in ids:
            self._check_ticket()

    def _check_ticket(self) -> None:
        self._jobs.submit(
            load_action_data,
            self.detail.id,
            self.action,
            on_result=self._checked,
            key=f"action-check-{id(self)}",
        )

    def _checked(self, result) -> None:
        detail, _lists = result
        if detail.version == self.detail.version:
            return
        self.pending = result
        events = events_after(detail, self._seen_event_id)
        self.change_strip.show_change(
            detail,
            describe_events(events, self._context.now(), self._context.actor.user_id),
            self.tr("What you typed is kept; press Reload before OK."),
        )
        self.ok_button.setEnabled(False)

    def reload_changed(self) -> None:
        """The strip's 重新载入: act on the ticket as it is now, keeping what was typed."""
        if self.pending is None:
            return
        self.detail, self._lists = self.pending
        self.pending = None
        self._seen_event_id = newest_event_id(self.detail)
        self.change_strip.hide()
        for f in self.form.fields:
            widget = self.inputs.get(f.name)
            if f.kind == "choice" and isinstance(widget, QComboBox):
                chosen = widget.currentData()
                widget.clear()
                for value, text in f.choices(self.detail, self._lists):
                    widget.addItem(text, value)
                widget.setCurrentIndex(max(widget.findData(chosen), 0))
            elif isinstance(widget, AttachmentStrip):
                widget.show_ticket(self.detail)
            elif f.kind == "shown_result" and isinstance(widget, QLabel):
                # What is signed off is the result as reloaded, not the one first shown.
                widget.setText(fed_back_text(self.detail))
        still = self.action in self.detail.actions(self._context.actor.role)
        self.ok_button.setEnabled(still)
        if still:
            self.message.hide()
        else:
            self.message.setText(
                QCoreApplication.translate(
                    "WorkflowDialogs",
                    "Ticket {code} is now {status}; this action no longer applies.",
                ).format(code=self.detail.code, status=labels.status_label(self.detail.status))
            )
            self.message.show()

    def done(self, result: int) -> None:  # noqa: D102 - a late reload must not reach a closed dialog
        self._jobs.cancel_all()
        super().done(result)


def run_ticket_action(
    context: AppContext, parent: QWidget | None, action: EventAction, ticket_id: int
) -> None:
    """Open the dialog for ``action`` on the ticket (loaded fresh in a job) and carry it out.
    Dispatching opens the dispatch form in a dialog."""
    action = EventAction(action)
    if action is EventAction.DISPATCH:
        from gridcenter_desktop.ui.dispatch_dock import DispatchDialog

        DispatchDialog(context, ticket_id, parent).open()
        return

    def show(result) -> None:
        if parent is not None and not shiboken6.isValid(parent):
            return  # the widget that asked is gone
        detail, lists = result
        if action not in detail.actions(context.actor.role):
            information(
                parent,
                QCoreApplication.translate("WorkflowDialogs", "Not possible now"),
                QCoreApplication.translate(
                    "WorkflowDialogs",
                    "Ticket {code} is now {status}; this action no longer applies.",
                ).format(code=detail.code, status=labels.status_label(detail.status)),
            )
            return
        dialog_class = ActionDialog
        if action is EventAction.CALLBACK:
            from gridcenter_desktop.ui.callback_dialog import CallbackDialog

            dialog_class = CallbackDialog
        dialog = dialog_class(context, action, detail, lists, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    context.jobs.submit(load_action_data, ticket_id, action, on_result=show)


def urge_many(job, actor, ticket_ids: list[int], now) -> tuple[list[int], list[tuple[int, str]]]:
    """Urge each ticket at its current version; (urged ids, [(id, error code)])."""
    from gridcenter_desktop.db.ticket import Ticket

    session = job.session()
    done, failed = [], []
    for ticket_id in ticket_ids:
        version = session.get(Ticket, ticket_id, populate_existing=True).version
        try:
            ticket_service.urge_ticket(session, actor, ticket_id, version, now=now)
            done.append(ticket_id)
        except ServiceError as exc:
            failed.append((ticket_id, exc.code))
    return done, failed


def run_batch_action(
    context: AppContext, parent: QWidget | None, action: EventAction, ticket_ids: list[int]
) -> None:
    """Carry out a batch action (urge) on several tickets, then report how many succeeded."""
    if EventAction(action) is not EventAction.URGE:
        return

    def report(result) -> None:
        done, failed = result
        context.bus.sig_tickets_changed.emit(done)
        if failed and (parent is None or shiboken6.isValid(parent)):
            information(
                parent,
                QCoreApplication.translate("WorkflowDialogs", "Urge"),
                QCoreApplication.translate(
                    "WorkflowDialogs", "{done} tickets urged; {failed} could not be urged."
                ).format(done=len(done), failed=len(failed)),
            )

    context.jobs.submit(urge_many, context.actor, list(ticket_ids), context.now(), on_result=report)
