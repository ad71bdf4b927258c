"""The small dialogs behind the workflow actions (add departments, accept, return, feed back,
close, reject, solve in the grid, reopen, urge, supervise, escalate, merge, callback, place) and
the one entry point the queue's
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
from datetime import datetime, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
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
from gridcenter_desktop.services.errors import ConflictError, ServiceError
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
    """One input: ``kind`` is "line", "text" (several lines), "choice", "picks" (several of
    the choices, ticked: a list), "time" (an optional date and time: None unless ticked; its
    ``default`` (detail, now) proposes one), "datetime" (a date and time, starting from
    ``initial``), "check", "files" (files to send, as paths), "shown_files" (the ticket's files
    to look at), "shown_result" (the results fed back, to read) or "shown_text" (``initial``'s
    text), the last three without a value; ``choices`` builds (value, label) pairs from the
    loaded ticket and the action's list (departments, or villages and grids for placing), and
    the desk's now too when ``timed``; a "choice" with ``single_shown`` and one choice only
    shows it (nothing to pick); ``shown`` leaves the field out for tickets it does not concern
    (its value is then absent)."""

    name: str
    label: Callable[[], str]
    kind: str = "line"
    choices: Callable[..., list[tuple[Any, str]]] | None = None
    default: Any = None
    aliases: tuple[str, ...] = ()
    shown: Callable[[TicketDetail], bool] | None = None
    single_shown: bool = False
    timed: bool = False

    def options(self, detail: TicketDetail, lists: list, now: datetime) -> list[tuple[Any, str]]:
        """The (value, label) pairs offered for ``detail`` at ``now``."""
        if self.choices is None:
            return []
        return self.choices(detail, lists, now) if self.timed else self.choices(detail, lists)

    # A "datetime" field's starting value, or a "shown_text" field's text, from the ticket and
    # the value of the field named ``follows`` (recomputed when that choice changes).
    initial: Callable[[TicketDetail, Any, datetime], Any] | None = None
    follows: str | None = None


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
        return [_assignment_choice(a) for a in detail.assignments if a.status in statuses]

    return choices


def _assignment_choice(a) -> tuple[Any, str]:
    who = a.department_name or a.grid_name or "?"
    return (
        a.id,
        f"{labels.assignment_role_label(a.role)}：{who}"
        f"（{labels.assignment_status_label(a.status)}）",
    )


def _missed(detail: TicketDetail, _deps, now: datetime) -> list[tuple[Any, str]]:
    """The assignments not accepted in time (超时未签收), each with its accept-by time."""
    return [
        (
            a.id,
            QCoreApplication.translate("WorkflowDialogs", "{assignment}, to accept by {at}").format(
                assignment=_assignment_choice(a)[1], at=a.accept_by.strftime("%m-%d %H:%M")
            ),
        )
        for a in detail.missed_assignments(now)
    ]


def _addable_departments(detail: TicketDetail, deps) -> list[tuple[Any, str]]:
    """Departments that may be added (加派): those not working on the ticket already."""
    working = {a.department_id for a in detail.open_assignments}
    return [(d.id, d.name) for d in deps if d.id not in working]


def _proposed_accept(_detail: TicketDetail, now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0) + timedelta(hours=2)


def _proposed_finish(detail: TicketDetail, now: datetime) -> datetime:
    # The ticket's own deadline while it is ahead, a day from now otherwise.
    return max(detail.deadline_at, now.replace(second=0, microsecond=0) + timedelta(days=1))


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
    # The code is looked up in the merge's own transaction (services.tickets.merge_by_code).
    merged = ticket_service.merge_by_code(
        s, actor, d.id, d.version, v["into_code"] or "", note=v["note"], now=now
    )
    return [d.id, merged.kept_id]


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


def _add_call(s, actor, d, v, now):
    return ticket_service.add_assignees(
        s,
        actor,
        d.id,
        d.version,
        v["department_ids"],
        accept_by=v["accept_by"],
        finish_by=v["finish_by"],
        whistle=bool(v["whistle"]),
        instructions=v["instructions"],
        now=now,
    )


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


def _extension_assignments(detail: TicketDetail, lists) -> list[tuple[Any, str]]:
    return _assignments(AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED)(detail, lists)


def _several_open(detail: TicketDetail) -> bool:
    """The assignment is asked only when there is a choice to make."""
    return len(_extension_assignments(detail, [])) > 1


def _proposal_start(detail: TicketDetail, assignment_id, now: datetime) -> datetime:
    """A day after the assignment's current finish-by, or after now when that has passed (an
    overdue assignment asks for time from today): a date the operator then corrects."""
    chosen = next((a for a in detail.assignments if a.id == assignment_id), None)
    if chosen is None:
        ids = [value for value, _ in _extension_assignments(detail, [])]
        chosen = next((a for a in detail.assignments if ids and a.id == ids[0]), None)
    finish = chosen.finish_by if chosen else detail.deadline_at
    return max(finish, now.replace(second=0, microsecond=0)) + timedelta(days=1)


def _extension_call(s, actor, d, v, now):
    assignment_id = v.get("assignment_id")
    if assignment_id is None:
        ids = [value for value, _ in _extension_assignments(d, [])]
        assignment_id = ids[0] if ids else None
    return ticket_service.request_extension(
        s, actor, d.id, d.version, assignment_id, v["reason"], v["proposed_finish_by"], now=now
    )


def _requests(detail: TicketDetail, _lists) -> list[tuple[Any, str]]:
    return [
        (p.request_id, f"{p.handler}：{p.previous_finish_by:%Y-%m-%d %H:%M} → "
         f"{p.proposed_finish_by:%Y-%m-%d %H:%M}")
        for p in detail.pending_extensions
    ]  # fmt: skip


def _request(detail: TicketDetail, request_id):
    return next(
        (p for p in detail.pending_extensions if p.request_id == request_id),
        detail.pending_extensions[0] if detail.pending_extensions else None,
    )


def _request_text(detail: TicketDetail, request_id, _now: datetime) -> str:
    """Who asked, when, why, and the finish-by time they have and the one they propose."""
    p = _request(detail, request_id)
    if p is None:
        return ""
    return QCoreApplication.translate(
        "WorkflowDialogs",
        "{who} ({role}), asked by {by} on {at}\nReason: {reason}\n"
        "Finish by now: {old}\nProposed: {new}",
    ).format(
        who=p.handler,
        role=labels.assignment_role_label("lead" if p.lead else "assist"),
        by=p.requested_by or "—",
        at=f"{p.requested_at:%Y-%m-%d %H:%M}",
        reason=p.reason,
        old=f"{p.previous_finish_by:%Y-%m-%d %H:%M}",
        new=f"{p.proposed_finish_by:%Y-%m-%d %H:%M}",
    )


def _proposed(detail: TicketDetail, request_id, _now: datetime) -> datetime | None:
    p = _request(detail, request_id)
    return p.proposed_finish_by if p else None


def _decisions(_detail, _lists) -> list[tuple[Any, str]]:
    return [
        (True, QCoreApplication.translate("WorkflowDialogs", "Approve")),
        (False, QCoreApplication.translate("WorkflowDialogs", "Refuse")),
    ]


def _decide_call(s, actor, d, v, now):
    approve = bool(v["approve"])
    return ticket_service.decide_extension(
        s,
        actor,
        d.id,
        d.version,
        v["request_id"],
        approve,
        v["note"],
        new_finish_by=v["new_finish_by"] if approve else None,
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
    # 加派: departments added beside those at work, with their own clock.
    A.ADD_ASSIGNEE: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Add departments")),
        (
            Field(
                "department_ids",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Departments to add")),
                "picks",
                _addable_departments,
            ),
            Field(
                "whistle",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Whistle (report in within hours)")),
                "check",
            ),
            Field(
                "accept_by",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Own accept-by time")),
                "time",
                default=_proposed_accept,
            ),
            Field(
                "finish_by",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Own finish-by time")),
                "time",
                default=_proposed_finish,
            ),
            Field("instructions", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Instructions")), "text"),
        ),
        _add_call,
    ),
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
    # 超时未签收督办: the late assignment (shown, not picked, when it is the only one).
    A.ESCALATE: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Escalate a missed acceptance")),
        (
            Field(
                "assignment_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Not accepted in time")),
                "choice",
                _missed,
                single_shown=True,
                timed=True,
            ),
            _NOTE,
        ),
        lambda s, a, d, v, now: ticket_service.escalate_missed(
            s, a, d.id, d.version, v["assignment_id"], note=v["note"], now=now
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
    A.EXTEND_REQUEST: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Ask for an extension")),
        (
            Field(
                "assignment_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Assignment")),
                "choice",
                _extension_assignments,
                shown=_several_open,
            ),
            _REASON,
            Field(
                "proposed_finish_by",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Proposed finish by")),
                "datetime",
                initial=_proposal_start,
                follows="assignment_id",
            ),
        ),
        _extension_call,
    ),
    A.EXTEND_DECIDE: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Decide on an extension")),
        (
            Field(
                "request_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Request")),
                "choice",
                _requests,
            ),
            Field(
                "shown_request",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Asked")),
                "shown_text",
                initial=_request_text,
                follows="request_id",
            ),
            Field(
                "approve",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Decision")),
                "choice",
                _decisions,
            ),
            Field(
                "new_finish_by",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Finish by (when approved)")),
                "datetime",
                initial=_proposed,
                follows="request_id",
            ),
            _NOTE,
        ),
        _decide_call,
    ),
    A.SUSPEND: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Suspend")),
        (_REASON,),
        lambda s, a, d, v, now: ticket_service.suspend_ticket(
            s, a, d.id, d.version, v["reason"], now=now
        ),
    ),
    A.RESUME: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Resume handling")),
        (_NOTE,),
        lambda s, a, d, v, now: ticket_service.resume_ticket(
            s, a, d.id, d.version, v["note"], now=now
        ),
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


class OneChoice(QLabel):
    """The only choice there is, shown instead of a list to pick from; its value is sent."""

    def __init__(self, value: Any, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.value = value
        self.setTextFormat(Qt.TextFormat.PlainText)


class PickList(QListWidget):
    """Several of the choices, ticked (Space ticks the current one)."""

    def fill(self, choices: list[tuple[Any, str]], ticked: set | frozenset = frozenset()) -> None:
        self.clear()
        for value, text in choices:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if value in ticked else Qt.CheckState.Unchecked
            item.setCheckState(state)
        if self.count():
            self.setCurrentRow(0)

    def picked(self) -> list:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]


class OptionalTime(QWidget):
    """A date and time the operator may give (ticked) or leave to the deadline rules (None)."""

    def __init__(self, proposed: datetime, parent: QWidget) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(
            QCoreApplication.translate("WorkflowDialogs", "Set (otherwise by the rules)"), self
        )
        self.edit = QDateTimeEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setDateTime(
            QDateTime(
                proposed.year, proposed.month, proposed.day, proposed.hour, proposed.minute, 0
            )
        )
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def value(self) -> datetime | None:
        if not self.check.isChecked():
            return None
        return self.edit.dateTime().toPython().replace(second=0, microsecond=0)


class ActionDialog(QDialog):
    """One workflow action on one ticket, built from its ActionForm."""

    def __init__(
        self,
        context: AppContext,
        action: EventAction,
        detail: TicketDetail,
        lists: list,
        parent: QWidget | None = None,
        form: ActionForm | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self.action = action
        # ``form``: a form declared elsewhere (ui/notice_dialogs.py: inspections and notices).
        self.form = form or ACTION_FORMS[action]
        self.detail = detail
        self._lists = lists  # what the choices are built from (action_lists)
        self.now = context.now()  # what timed choices (a missed acceptance) are judged at
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
            label = f.label()
            form_layout.addRow(label, self.errors.wrap(f.name, widget, *f.aliases, label=label))
        layout.addLayout(form_layout)
        for f in self.form.fields:
            followed = self.inputs.get(f.follows or "")
            if isinstance(followed, QComboBox):
                followed.currentIndexChanged.connect(self._fill_following)
        self._fill_following()
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
        first = next(
            (w for w in self.inputs.values() if w.focusPolicy() != Qt.FocusPolicy.NoFocus), None
        )
        if first is not None:
            first.setFocus()

    def _fill_following(self) -> None:
        """Give the fields that follow a choice (a date from the chosen assignment or request)
        their value for the current choice."""
        for f in self.form.fields:
            widget = self.inputs.get(f.name)
            if f.initial is None or widget is None:
                continue
            followed = self.inputs.get(f.follows or "")
            chosen = followed.currentData() if isinstance(followed, QComboBox) else None
            value = f.initial(self.detail, chosen, self.now)
            if isinstance(widget, QDateTimeEdit) and value is not None:
                widget.setDateTime(value)
            elif isinstance(widget, QLabel):
                widget.setText(value or "")

    def _send_by_key(self) -> None:
        # submit() itself holds back while a change underneath waits for the reload.
        if self.pending is not None or self.ok_button.isEnabled():
            self.submit()

    def _make_input(self, f: Field) -> QWidget:
        if f.kind == "choice" and f.single_shown:
            options = f.options(self.detail, self._lists, self.now)
            if len(options) == 1:
                return OneChoice(*options[0], self)
        if f.kind == "picks":
            picks = PickList(self)
            picks.setMaximumHeight(140)
            picks.fill(f.options(self.detail, self._lists, self.now))
            return picks
        if f.kind == "time":
            return OptionalTime(f.default(self.detail, self.now), self)
        if f.kind == "choice":
            combo = QComboBox(self)
            for value, text in f.options(self.detail, self._lists, self.now):
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
        if f.kind == "datetime":
            edit = QDateTimeEdit(self)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            return edit
        if f.kind == "shown_text":
            shown = plain(QLabel(self))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            return shown
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
            if isinstance(w, OneChoice):
                out[name] = w.value
            elif isinstance(w, PickList):
                out[name] = w.picked()
            elif isinstance(w, OptionalTime):
                out[name] = w.value()
            elif isinstance(w, QComboBox):
                out[name] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
            elif isinstance(w, QDateTimeEdit):
                out[name] = w.dateTime().toPython().replace(second=0, microsecond=0)
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
        self.now = self._context.now()
        self.pending = None
        self._seen_event_id = newest_event_id(self.detail)
        self.change_strip.hide()
        for f in self.form.fields:
            widget = self.inputs.get(f.name)
            if f.kind == "choice" and isinstance(widget, QComboBox):
                chosen = widget.currentData()
                widget.clear()
                for value, text in f.options(self.detail, self._lists, self.now):
                    widget.addItem(text, value)
                widget.setCurrentIndex(max(widget.findData(chosen), 0))
            elif isinstance(widget, PickList):
                widget.fill(f.options(self.detail, self._lists, self.now), set(widget.picked()))
            elif isinstance(widget, AttachmentStrip):
                widget.show_ticket(self.detail)
            elif f.kind == "shown_result" and isinstance(widget, QLabel):
                # What is signed off is the result as reloaded, not the one first shown.
                widget.setText(fed_back_text(self.detail))
            elif f.kind == "shown_text" and isinstance(widget, QLabel):
                followed = self.inputs.get(f.follows or "")
                chosen = followed.currentData() if isinstance(followed, QComboBox) else None
                widget.setText(f.initial(self.detail, chosen, self.now) if f.initial else "")
        still = self._allowed_now()
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

    def _allowed_now(self) -> bool:
        """The action still applies to the ticket as reloaded."""
        return self.action in self.detail.actions(self._context.actor.role)

    def done(self, result: int) -> None:  # noqa: D102 - a late reload must not reach a closed dialog
        self._jobs.cancel_all()
        super().done(result)


def run_ticket_action(
    context: AppContext, parent: QWidget | None, action: EventAction, ticket_id: int
) -> None:
    """Open the dialog for ``action`` on the ticket (loaded fresh in a job) and carry it out.
    Dispatching opens the dispatch form in a dialog."""
    action = EventAction(action)
    from gridcenter_desktop.ui import notice_dialogs

    if action in notice_dialogs.NOTICE_FORMS:
        notice_dialogs.run_record_action(context, parent, action, ticket_id)
        return
    if action is EventAction.LOCATE:
        from gridcenter_desktop.ui.locate_action import run_locate

        run_locate(context, parent, ticket_id)
        return
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
        if action is EventAction.ESCALATE and not detail.missed_assignments(context.now()):
            information(
                parent,
                QCoreApplication.translate("WorkflowDialogs", "Nothing to escalate"),
                QCoreApplication.translate(
                    "WorkflowDialogs",
                    "On ticket {code} every department accepted in time or still has time.",
                ).format(code=detail.code),
            )
            return
        if action is EventAction.EXTEND_DECIDE and not detail.pending_extensions:
            information(
                parent,
                QCoreApplication.translate("WorkflowDialogs", "Nothing to decide"),
                QCoreApplication.translate(
                    "WorkflowDialogs", "No request for more time waits on ticket {code}."
                ).format(code=detail.code),
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


def urge_many(job, actor, refs: list[tuple[int, int]], now) -> list[int]:
    """Urge the tickets at the versions the queue showed, in one transaction (all or none:
    services.tickets.urge_many); the urged ids."""
    refs = ticket_service.urge_many(job.session(), actor, refs, now=now)
    return [ref.id for ref in refs]


def run_batch_action(
    context: AppContext,
    parent: QWidget | None,
    action: EventAction,
    refs: list[tuple[int, int]],
) -> None:
    """Carry out a batch action (urge) on several tickets, each at the version the queue
    showed (``refs``: (id, version)): all of them or, when one changed meanwhile, none, and
    the operator is told which ticket changed."""
    if EventAction(action) is not EventAction.URGE:
        return
    ids = [ticket_id for ticket_id, _version in refs]

    def report(done) -> None:
        context.bus.sig_tickets_changed.emit(done)

    def refused(exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            context.jobs.sig_job_failed.emit(exc)
            return
        context.bus.sig_tickets_changed.emit(ids)  # show them as they are now
        if parent is None or shiboken6.isValid(parent):
            information(
                parent,
                QCoreApplication.translate("WorkflowDialogs", "Urge"),
                QCoreApplication.translate(
                    "WorkflowDialogs", "None of the {n} tickets was urged: {why}"
                ).format(n=len(ids), why=labels.error_text(exc)),
            )

    context.jobs.submit(
        urge_many, context.actor, list(refs), context.now(), on_result=report, on_error=refused
    )
