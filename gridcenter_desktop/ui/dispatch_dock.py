"""The dispatch form (派单) for the selected ticket: to its grid, or to a lead department with
assisting ones; accept-by and finish-by in working days (editable), and, optionally, a finish-by
of the assisting departments' own (otherwise the lead's); "吹哨报到" in hours; instructions.
Ctrl+Enter dispatches.

The suggestion (services.suggestions) pre-fills the departments; the operator decides.

The form stays on the ticket the operator chose: when that ticket changes underneath (another
desk dispatched or urged it; heard through bus.sig_tickets_changed, or learnt from a refused
dispatch), the form keeps everything typed, shows who did what and when in a warning strip
(ui/ticket_changes.py) and sends nothing until the operator presses 重新载入 there; only then
does it adopt the fresh ticket, and a Ctrl+Enter after that acts on what they saw.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.deadline_rules import (
    DeadlineRules,
    dispatch_clock,
    whistle_cap_hours,
)
from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.core.enums import EventAction, Priority
from gridcenter_desktop.core.workflow import allowed_actions
from gridcenter_desktop.services.errors import ConflictError, ValidationError
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.appearance import tone
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.field_errors import FieldErrors
from gridcenter_desktop.ui.keyboard import chain_tab_order, tab_leaves
from gridcenter_desktop.ui.plain_text import escape, plain
from gridcenter_desktop.ui.ticket_changes import (
    TicketChangeStrip,
    describe_events,
    events_after,
    newest_event_id,
)
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

if TYPE_CHECKING:
    from gridcenter_desktop.services.suggestions import DepartmentChoice, DispatchSuggestion
    from gridcenter_desktop.services.ticket_detail import TicketDetail

_TIME_FORMAT = "yyyy-MM-dd HH:mm"


@dataclass(frozen=True)
class DispatchData:
    """Everything the form shows for one ticket, loaded in one job."""

    detail: TicketDetail
    suggestion: DispatchSuggestion
    departments: list[DepartmentChoice]
    accept_by: datetime
    finish_by: datetime
    # The whistle's report-in hours for this urgency (core's cap): proposed, and the most the
    # form offers.
    whistle_hours: int
    # The rules in effect and the calendar: the whistle's accept-by is worked out by core's
    # dispatch clock as the operator changes the hours, as the service would.
    rules: DeadlineRules
    calendar: WorkCalendar


def load_dispatch_data(job, ticket_id: int, now: datetime) -> DispatchData:
    """The ticket, the suggested departments and the proposed times: those the dispatch
    service applies by the deadline rules in effect now."""
    # Imported in the job, not with the window: the form needs them only once a ticket is
    # chosen, and the workflow services are a good part of the start-up's imports.
    from gridcenter_desktop.services.admin.deadline_rules import rules_at
    from gridcenter_desktop.services.calendar import load_calendar
    from gridcenter_desktop.services.suggestions import active_departments, suggest_dispatch
    from gridcenter_desktop.services.ticket_detail import get_ticket_detail

    session = job.session()
    detail = get_ticket_detail(session, ticket_id)
    suggestion = suggest_dispatch(session, detail.category, detail.grid_id)
    calendar = load_calendar(session)
    rules = rules_at(session, now)
    priority = Priority(detail.priority)
    accept_by, finish_by = dispatch_clock(
        rules, calendar, detail.category, priority, detail.deadline_at, now
    )
    return DispatchData(
        detail,
        suggestion,
        active_departments(session),
        accept_by,
        finish_by,
        whistle_cap_hours(rules, priority),
        rules,
        calendar,
    )


def submit_dispatch(job, actor, ticket_id: int, version: int, choice: dict, now: datetime):
    """Dispatch in a job; the service's TicketRef. One idempotency key per press: an answer
    lost with the connection is retried by the service without dispatching twice."""
    from gridcenter_desktop.services.tickets import dispatch_ticket

    return dispatch_ticket(
        job.session(),
        actor,
        ticket_id,
        version,
        now=now,
        idempotency_key=str(uuid.uuid4()),
        **choice,
    )


def _qdt(value: datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)


class DispatchForm(QWidget):
    """The form; follows the queue's selection when ``follow_selection`` is True."""

    sig_dispatched = Signal(object)
    """sig_dispatched(ref: services.tickets.TicketRef): the ticket was dispatched."""

    sig_loaded = Signal(object)
    """sig_loaded(ticket_id: int | None): the form shows this ticket now."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, follow_selection: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dispatch_form")
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self.data: DispatchData | None = None
        self._ticket_id: int | None = None
        # The newest event of the ticket as the operator saw it, and a fresher version of the
        # ticket heard of but not adopted yet (the strip shows it; 重新载入 adopts it).
        self._seen_event_id = 0
        self.pending: DispatchData | None = None
        self._notice = ""  # the "nothing to dispatch" notice the banner shows, if it does
        self._may_dispatch = False
        self.errors = FieldErrors()
        self._build()
        if follow_selection:
            context.bus.sig_ticket_selected.connect(self.show_ticket)
        context.bus.sig_tickets_changed.connect(self._on_tickets_changed)
        self._show_empty()

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("dispatch_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.banner = plain(QLabel(self))
        self.banner.setObjectName("dispatch_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.change_strip = TicketChangeStrip(self.tr("Reload"), self)
        self.change_strip.button.setToolTip(
            self.tr("Show the ticket as it is now; what you typed stays")
        )
        self.change_strip.sig_button_clicked.connect(self.reload_changed)
        layout.addWidget(self.change_strip)

        form = QFormLayout()
        target = QHBoxLayout()
        self.to_grid = QRadioButton(self.tr("To the grid"), self)
        self.to_departments = QRadioButton(self.tr("To departments"), self)
        group = QButtonGroup(self)
        group.addButton(self.to_grid)
        group.addButton(self.to_departments)
        self.to_departments.setChecked(True)
        self.to_grid.toggled.connect(self._update_enabled)
        target.addWidget(self.to_grid)
        target.addWidget(self.to_departments)
        target.addStretch(1)
        target_box = QWidget(self)
        target_box.setLayout(target)
        form.addRow(self.tr("Dispatch"), self.errors.wrap("grid_id", target_box))

        self.lead = QComboBox(self)
        self.lead.setObjectName("dispatch_lead")
        form.addRow(self.tr("Lead department"), self.errors.wrap("lead_department_id", self.lead))
        self.assisting = QListWidget(self)
        self.assisting.setObjectName("dispatch_assisting")
        self.assisting.setMaximumHeight(110)
        form.addRow(
            self.tr("Assisting departments"),
            self.errors.wrap("assist_department_ids", self.assisting),
        )
        self.suggestion_label = plain(QLabel(self))
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setStyleSheet("color:#555;")
        form.addRow("", self.suggestion_label)

        whistle = QHBoxLayout()
        self.whistle = QCheckBox(self.tr("Departments report in within"), self)
        self.whistle_hours = QSpinBox(self)
        # The range and the value are core's for the chosen ticket's urgency (see _fill).
        self.whistle_hours.setRange(1, 1)
        self.whistle_hours.setSuffix(self.tr(" h"))
        self.whistle.toggled.connect(self._on_whistle)
        self.whistle_hours.valueChanged.connect(self._on_whistle)
        whistle.addWidget(self.whistle)
        whistle.addWidget(self.whistle_hours)
        whistle.addStretch(1)
        whistle_box = QWidget(self)
        whistle_box.setLayout(whistle)
        form.addRow(self.tr("Whistle"), whistle_box)

        self.accept_by = QDateTimeEdit(self)
        self.finish_by = QDateTimeEdit(self)
        for edit in (self.accept_by, self.finish_by):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(_TIME_FORMAT)
        form.addRow(self.tr("Accept by"), self.errors.wrap("accept_by", self.accept_by))
        form.addRow(self.tr("Finish by"), self.errors.wrap("finish_by", self.finish_by))
        # The assisting departments' own finish-by (each department its own clock): ticked, the
        # row's own label; unticked, they work to the lead's.
        self.assist_own = QCheckBox(self.tr("Assisting finish by"), self)
        self.assist_own.setObjectName("dispatch_assist_own")
        self.assist_own.setToolTip(
            self.tr("Tick to give the assisting departments a finish-by of their own")
        )
        self.assist_finish_by = QDateTimeEdit(self)
        self.assist_finish_by.setObjectName("dispatch_assist_finish_by")
        self.assist_finish_by.setCalendarPopup(True)
        self.assist_finish_by.setDisplayFormat(_TIME_FORMAT)
        self.assist_own.toggled.connect(self._update_enabled)
        form.addRow(self.assist_own, self.errors.wrap("assist_finish_by", self.assist_finish_by))
        self.instructions = tab_leaves(QPlainTextEdit(self))
        self.instructions.setObjectName("dispatch_instructions")
        self.instructions.setPlaceholderText(self.tr("What the handlers should do, whom to call…"))
        self.instructions.setMaximumHeight(90)
        form.addRow(self.tr("Instructions"), self.errors.wrap("instructions", self.instructions))
        _wrap_long_labels(form)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.dispatch_button = QPushButton(self.tr("Dispatch (Ctrl+Enter)"), self)
        self.dispatch_button.setObjectName("dispatch_button")
        self.dispatch_button.clicked.connect(self.dispatch)
        self._context.write_gate.gate(self.dispatch_button)  # grey while the server is away
        buttons.addWidget(self.dispatch_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        # The rows are wrapped for their error messages after creation: say the order.
        # The form's inputs in Tab order; also what _set_form_enabled switches.
        self._inputs = (
            self.to_grid,
            self.to_departments,
            self.lead,
            self.assisting,
            self.whistle,
            self.whistle_hours,
            self.accept_by,
            self.finish_by,
            self.assist_own,
            self.assist_finish_by,
            self.instructions,
            self.dispatch_button,
        )
        chain_tab_order(*self._inputs)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.dispatch)

    # -- loading ------------------------------------------------------------------------------

    def show_ticket(self, ticket_id: int | None) -> None:
        """Load the ticket the operator chose (None: empty form). What was typed, messages and
        marks of the ticket shown before are dropped: they belong to that ticket."""
        self._ticket_id = ticket_id
        self.data = None
        self.pending = None
        self.errors.clear()
        self.banner.hide()
        self.change_strip.hide()
        if ticket_id is None:
            self._show_empty()
            return
        self._load(adopt=True)

    def _load(self, *, adopt: bool) -> None:
        """Read the ticket again. ``adopt``: show it as it is now (keeping what was typed);
        otherwise a changed ticket only raises the strip."""
        ticket_id = self._ticket_id
        self._jobs.submit(
            load_dispatch_data,
            ticket_id,
            self._context.now(),
            on_result=lambda data: self._loaded(data, adopt),
            on_error=self._load_failed,
            key=f"dispatch-load-{id(self)}",
        )

    def _on_tickets_changed(self, ids: list) -> None:
        if self._ticket_id is not None and (not ids or self._ticket_id in ids):
            self._load(adopt=False)

    def _loaded(self, data: DispatchData, adopt: bool) -> None:
        if data.detail.id != self._ticket_id:
            return
        if self.data is None or self.data.detail.id != data.detail.id:
            self._show(data, keep_input=False)
        elif adopt:
            self._show(data, keep_input=True)
        elif data.detail.version != self.data.detail.version:
            if self._only_my_changes(data):
                # This operator placed (定位归类) or urged it a moment ago: they know, and the
                # form follows (a grid now to dispatch to) without a strip to press.
                self._show(data, keep_input=True)
            else:
                self._hold_change(data)

    def _only_my_changes(self, data: DispatchData) -> bool:
        events = events_after(data.detail, self._seen_event_id)
        me = self._context.actor.user_id
        return bool(events) and all(e.user_id == me for e in events)

    def _hold_change(self, data: DispatchData) -> None:
        """The ticket changed underneath: say so, keep everything, send nothing yet."""
        self.pending = data
        events = events_after(data.detail, self._seen_event_id)
        self.change_strip.show_change(
            data.detail,
            describe_events(events, self._context.now(), self._context.actor.user_id),
            self.tr("What you typed is kept; press Reload before dispatching."),
        )
        self.dispatch_button.setEnabled(False)

    def reload_changed(self) -> None:
        """The strip's 重新载入: show the ticket as it is now, keeping what was typed."""
        if self.pending is not None:
            self._show(self.pending, keep_input=True)

    def _show_empty(self) -> None:
        self.data = None
        self.heading.setText(self.tr("Select a ticket in the queue to dispatch it."))
        self.banner.hide()
        self._set_form_enabled(False)

    def _load_failed(self, exc: BaseException) -> None:
        self._show_banner(labels.error_text(exc), error=True)

    def _show(self, data: DispatchData, keep_input: bool) -> None:
        if data.detail.id != self._ticket_id:
            return
        self.data = data
        self.pending = None
        self._seen_event_id = newest_event_id(data.detail)
        self.change_strip.hide()
        d = data.detail
        where = " / ".join(x for x in (d.village_name, d.grid_name) if x) or self.tr("no grid")
        self.heading.setText(
            f"<b>{escape(d.code)}</b>　{escape(d.title)}<br>"
            + self.tr("{status} · {category} · {priority} · {where} · deadline {deadline}").format(
                status=labels.status_label(d.status),
                category=labels.category_label(d.category),
                priority=labels.priority_label(d.priority),
                where=escape(where),
                deadline=d.deadline_at.strftime("%Y-%m-%d %H:%M"),
            )
        )
        self.to_grid.setText(
            self.tr("To the grid ({grid})").format(grid=d.grid_name)
            if d.grid_name
            else self.tr("To the grid")
        )
        self._show_suggestion(data.suggestion)
        if not keep_input:
            self.errors.clear()
            self.banner.hide()
            self._fill(data)
        may_dispatch = EventAction.DISPATCH in allowed_actions(d.status, self._context.actor.role)
        self._set_form_enabled(may_dispatch)
        # The "nothing to dispatch" notice follows the ticket when a change is adopted (closed
        # at this desk: no longer "awaiting review"); other messages stay.
        showing_notice = not self.banner.isHidden() and self.banner.text() == self._notice
        if not may_dispatch and (self.banner.isHidden() or showing_notice):
            self._notice = self.tr("This ticket is {status}: there is nothing to dispatch.").format(
                status=labels.status_label(d.status)
            )
            self._show_banner(self._notice, error=False)
        elif may_dispatch and showing_notice:
            self.banner.hide()
        self.sig_loaded.emit(d.id)

    def _fill(self, data: DispatchData) -> None:
        s = data.suggestion
        self.lead.blockSignals(True)
        self.lead.clear()
        self.lead.addItem(self.tr("(choose)"), None)
        for dep in data.departments:
            self.lead.addItem(dep.name, dep.id)
        self.lead.setCurrentIndex(max(self.lead.findData(s.lead.id), 0) if s.lead else 0)
        self.lead.blockSignals(False)
        assisting = {a.id for a in s.assisting}
        self.assisting.clear()
        for dep in data.departments:
            item = QListWidgetItem(dep.name, self.assisting)
            item.setData(Qt.ItemDataRole.UserRole, dep.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if dep.id in assisting else Qt.CheckState.Unchecked
            )
        grid_ok = data.detail.grid_id is not None
        self.to_grid.setEnabled(grid_ok)
        (self.to_grid if s.to_grid and grid_ok else self.to_departments).setChecked(True)
        self.whistle.blockSignals(True)
        self.whistle.setChecked(False)
        self.whistle.blockSignals(False)
        self.whistle_hours.blockSignals(True)
        self.whistle_hours.setRange(1, data.whistle_hours)
        self.whistle_hours.setValue(data.whistle_hours)
        self.whistle_hours.blockSignals(False)
        self.accept_by.setDateTime(_qdt(data.accept_by))
        self.finish_by.setDateTime(_qdt(data.finish_by))
        self.assist_own.setChecked(False)
        self.assist_finish_by.setDateTime(_qdt(data.finish_by))
        self.instructions.clear()
        self._update_enabled()

    def _show_suggestion(self, s: DispatchSuggestion) -> None:
        if s.to_grid:
            text = self.tr("Suggested: solve it in the grid")
        elif s.lead is not None:
            text = self.tr("Suggested: lead {lead}").format(lead=s.lead.name)
            if s.assisting:
                text += self.tr(", assisting {names}").format(
                    names="、".join(a.name for a in s.assisting)
                )
        else:
            text = ""
        if s.basis == "history":
            text += self.tr(" (from {n} similar tickets)").format(n=s.sample_size)
        elif s.basis == "category":
            text += self.tr(" (the category's usual departments)")
        self.suggestion_label.setText(text)

    def _set_form_enabled(self, enabled: bool) -> None:
        self._may_dispatch = enabled
        for w in self._inputs:
            w.setEnabled(enabled)
        if enabled:
            self.to_grid.setEnabled(self.data is not None and self.data.detail.grid_id is not None)
            self._update_enabled()

    def _update_enabled(self, *_args) -> None:
        departments = self.to_departments.isChecked()
        self.lead.setEnabled(departments and self._may_dispatch)
        self.assisting.setEnabled(departments and self._may_dispatch)
        self.assist_own.setEnabled(departments and self._may_dispatch)
        self.assist_finish_by.setEnabled(
            departments and self._may_dispatch and self.assist_own.isChecked()
        )

    def _on_whistle(self, *_args) -> None:
        if self.data is None:
            return
        if self.whistle.isChecked():
            d = self.data.detail
            accept_by, _ = dispatch_clock(
                self.data.rules,
                self.data.calendar,
                d.category,
                Priority(d.priority),
                d.deadline_at,
                self._context.now(),
                whistle=True,
                whistle_hours=self.whistle_hours.value(),
            )
            self.accept_by.setDateTime(_qdt(accept_by))
        else:
            self.accept_by.setDateTime(_qdt(self.data.accept_by))

    # -- dispatching --------------------------------------------------------------------------

    def choice(self) -> dict:
        """What the operator chose, as dispatch_ticket keyword arguments."""
        to_grid = self.to_grid.isChecked()
        lead = None if to_grid else self.lead.currentData()
        assisting = (
            []
            if to_grid
            else [
                self.assisting.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.assisting.count())
                if self.assisting.item(i).checkState() == Qt.CheckState.Checked
                and self.assisting.item(i).data(Qt.ItemDataRole.UserRole) != lead
            ]
        )
        own = bool(assisting) and self.assist_own.isChecked()
        return {
            "to_grid": to_grid,
            "lead_department_id": lead,
            "assist_department_ids": assisting,
            "accept_by": self.accept_by.dateTime().toPython().replace(second=0, microsecond=0),
            "finish_by": self.finish_by.dateTime().toPython().replace(second=0, microsecond=0),
            "assist_finish_by": (
                self.assist_finish_by.dateTime().toPython().replace(second=0, microsecond=0)
                if own
                else None
            ),
            "whistle": self.whistle.isChecked(),
            "instructions": self.instructions.toPlainText(),
        }

    def _check(self, choice: dict) -> bool:
        # The same rules the service applies, shown before a round trip; the service decides.
        now = self._context.now().replace(second=0, microsecond=0)
        problems = []
        if not choice["to_grid"] and choice["lead_department_id"] is None:
            problems.append(ValidationError("lead_department_id", "required"))
        if choice["accept_by"] < now:
            problems.append(ValidationError("accept_by", "in_past"))
        if choice["finish_by"] < now:
            problems.append(ValidationError("finish_by", "in_past"))
        elif choice["finish_by"] < choice["accept_by"]:
            problems.append(ValidationError("finish_by", "before_accept"))
        assist_finish = choice.get("assist_finish_by")
        if assist_finish is not None and assist_finish < now:
            problems.append(ValidationError("assist_finish_by", "in_past"))
        elif assist_finish is not None and assist_finish < choice["accept_by"]:
            problems.append(ValidationError("assist_finish_by", "before_accept"))
        for p in problems:
            self.errors.show_error(p)
        return not problems

    def dispatch(self) -> None:
        """Dispatch the shown ticket with what the form says (in a job). Nothing is sent while
        the ticket has changed underneath and the operator has not reloaded it."""
        if self.pending is not None:
            self.change_strip.button.setFocus()  # Enter reloads; a second Ctrl+Enter sends
            return
        if self.data is None or not self.dispatch_button.isEnabled():
            return
        self.errors.clear()
        self.banner.hide()
        choice = self.choice()
        if not self._check(choice):
            return
        self.dispatch_button.setEnabled(False)
        d = self.data.detail
        self._jobs.submit(
            submit_dispatch,
            self._context.actor,
            d.id,
            d.version,
            choice,
            self._context.now(),
            on_result=self._dispatched,
            on_error=self._failed,
        )

    def _dispatched(self, ref) -> None:
        self._show_banner(self.tr("Ticket {code} dispatched.").format(code=ref.code), error=False)
        self.sig_dispatched.emit(ref)
        self._context.bus.sig_tickets_changed.emit([ref.id])
        # Our own change: adopted (this load supersedes the one the signal just asked for).
        self._load(adopt=True)

    def _failed(self, exc: BaseException) -> None:
        self.dispatch_button.setEnabled(True)
        text = self.errors.form_message(exc, self._context.jobs.sig_job_failed.emit)
        if text is None:
            return
        self._show_banner(text, error=True)
        if isinstance(exc, ConflictError):
            # The strip shows what changed; the operator's choices and text stay as typed.
            self._context.bus.sig_tickets_changed.emit([self._ticket_id])
            self._load(adopt=False)

    def banner_text(self) -> str:
        """The message above the form ("" when none)."""
        return "" if self.banner.isHidden() else self.banner.text()

    def _show_banner(self, text: str, *, error: bool) -> None:
        self.banner.setText(text)
        self._banner_error = error
        self._colour_banner()
        self.banner.show()

    def _colour_banner(self) -> None:
        # The palette's red or green: the light theme's dark green hardly read on the dark
        # theme's grey (issue 13 walk); changeEvent colours it again when the theme changes.
        error = getattr(self, "_banner_error", False)
        colour = tone("error" if error else "done", self).name()
        self.banner.setStyleSheet(f"color:{colour};" + ("font-weight:bold;" if error else ""))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "banner"):
            self._colour_banner()


# Labels wider than this (English "Assisting departments") go above their fields when the
# column is narrow: beside them they made the right column 486 pixels at least, taken from the
# grid tree, whose names then showed as "光…" at 1366x768 (issue 13 walk). The Chinese labels
# (协办部门) stay beside their fields.
LONG_LABEL_WIDTH = 120


def _wrap_long_labels(form: QFormLayout) -> None:
    widest = 0
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and item.widget() is not None:
            widest = max(widest, item.widget().sizeHint().width())
    if widest > LONG_LABEL_WIDTH:
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)


class DispatchDock(DispatchForm):
    """The dispatch form as a dock widget: follows the queue's selection."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent, follow_selection=True)
        self.setObjectName("dispatch_dock_widget")


class DispatchDialog(QDialog):
    """The dispatch form for one ticket in a dialog (the queue's context menu)."""

    def __init__(self, context: AppContext, ticket_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dispatch"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form = DispatchForm(context, self, follow_selection=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.sig_dispatched.connect(lambda _ref: self.accept())
        remember_geometry(self, context.settings, "dispatch", (560, 560))
        self.form.show_ticket(ticket_id)
