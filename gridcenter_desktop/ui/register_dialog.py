"""Register a new ticket (受理, Ctrl+N): kind, source, category, title, description, reporter,
village → grid (guessed from the address), address, urgency, people count for petitions.

Problems are marked at their fields. While the operator types, recent tickets of the same grid
and category with a similar title are listed (services.duplicates); "Merge into this one"
registers the new report and merges it into the chosen ticket at once.

Why register-then-merge rather than not registering at all: the new report keeps its own code
(which the caller is told), its own registration event (who took the call, when) and its
reporter; merged tickets are left out of every statistic, so nothing is counted twice; and the
kept ticket's MERGED_IN event carries the new reporter, so the result reaches both callers.
Dropping the report would lose the intake record and the second caller.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.enums import Priority, TicketKind, TicketSource, TicketStatus
from gridcenter_desktop.core.validation import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    PHONE_MAX,
    TITLE_MAX,
    check_phone,
)
from gridcenter_desktop.services.category_guess import CategoryGuess, guess_category
from gridcenter_desktop.services.duplicates import DuplicateCandidate, find_possible_duplicates
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.grid_workers import WorkerChoice, current_workers
from gridcenter_desktop.services.suggestions import guess_grid, village_grids
from gridcenter_desktop.services.tickets import NewTicket, register_as_duplicate, register_ticket
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.field_errors import MESSAGE_STYLE, FieldErrors
from gridcenter_desktop.ui.keyboard import chain_tab_order, tab_leaves
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.video_channel_picker import VideoChannelPicker
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

TYPING_DEBOUNCE_MS = 300


# -- jobs ---------------------------------------------------------------------------------------


def load_areas(job):
    return village_grids(job.session())


def look_for_duplicates(job, grid_id, category, title, now):
    return find_possible_duplicates(job.session(), grid_id, category, title, now)


def guess_the_category(job, title: str):
    return guess_category(job.session(), title)


def guess_address(job, address: str):
    return guess_grid(job.session(), address)


def load_workers(job):
    return current_workers(job.session())


def register(
    job, actor, form: NewTicket, now, merge_into: DuplicateCandidate | None, key: str | None = None
):
    """Register the ticket, or register it and merge it into ``merge_into`` in one
    transaction (a refused merge writes nothing: the form stays for the operator to decide
    again). ``key``: the dialog's idempotency key, so pressing Register again after a lost
    connection never registers the report twice."""
    session = job.session()
    if merge_into is None:
        return register_ticket(session, actor, form, now=now, idempotency_key=key)
    return register_as_duplicate(
        session, actor, form, merge_into.ticket_id, now=now, idempotency_key=key
    )


class RegisterDialog(QDialog):
    """The register form; ``registered`` holds the new ticket's TicketRef after success."""

    sig_duplicates_shown = Signal(list)
    """sig_duplicates_shown(candidates: list[DuplicateCandidate]): the list was refreshed."""

    sig_grid_guessed = Signal(object)
    """sig_grid_guessed(guess: AddressGuess | None): the address was looked up."""

    sig_category_guessed = Signal(object)
    """sig_category_guessed(guess: CategoryGuess | None): the title was looked up."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("register_dialog")
        self.setWindowTitle(self.tr("Register a ticket"))
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self.errors = FieldErrors()
        self.registered = None
        self.merged_into: DuplicateCandidate | None = None
        # One registration per dialog: a second press after a lost answer finds the first.
        self._gesture_key = str(uuid.uuid4())
        self._villages = []
        self._grid_chosen_by_hand = False
        self._category_chosen_by_hand = False
        # The point picked on the map (longitude, latitude) and whether it fell in a grid.
        self._place: tuple[float, float] | None = None
        self._grid_from_map = False
        self._candidates: list[DuplicateCandidate] = []
        self._build()
        self._dup_timer = self._debouncer(self._refresh_duplicates)
        self._address_timer = self._debouncer(self._guess_from_address)
        self._category_timer = self._debouncer(self._guess_category)
        self.title.textChanged.connect(lambda _t: self._dup_timer.start())
        self.title.textChanged.connect(lambda _t: self._category_timer.start())
        self.category.currentIndexChanged.connect(lambda _i: self._dup_timer.start())
        self.grid.currentIndexChanged.connect(lambda _i: self._dup_timer.start())
        self.grid.currentIndexChanged.connect(lambda _i: self._propose_worker())
        self.source.currentIndexChanged.connect(lambda _i: self._on_source())
        self.address.textChanged.connect(lambda _t: self._address_timer.start())
        remember_geometry(self, context.settings, "register", (760, 640))
        context.jobs.submit(
            load_areas, on_result=self._show_areas, key=f"register-areas-{id(self)}"
        )
        context.jobs.submit(
            load_workers, on_result=self._show_workers, key=f"register-workers-{id(self)}"
        )

    def _debouncer(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(TYPING_DEBOUNCE_MS)
        timer.timeout.connect(slot)
        return timer

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.message = plain(QLabel(self))
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        form = QFormLayout()
        e = self.errors
        self.kind = self._combo(labels.kind_choices())
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.source = self._combo(labels.source_choices())
        # Required and never defaulted: "(choose)" until the operator or the title's history
        # picks one (issue 8: every unchosen ticket became 安全生产).
        self.category = self._combo([(None, self.tr("(choose a category)"))])
        for c in CATEGORIES:
            self.category.addItem(c.name, c.code)
        self.category.setObjectName("register_category")
        self._applying_guess = False
        self.category.currentIndexChanged.connect(self._on_category_changed)
        self.category_hint = QLabel(self)
        self.category_hint.setObjectName("register_category_hint")
        self.category_hint.setStyleSheet("color:#555;")
        self.category_hint.setWordWrap(True)
        self.priority = self._combo(labels.priority_choices())
        self.title = QLineEdit(self)
        self.title.setObjectName("register_title")
        self.description = tab_leaves(QPlainTextEdit(self))
        self.description.setMaximumHeight(90)
        self.reporter_name = QLineEdit(self)
        self.reporter_phone = QLineEdit(self)
        self.reporter_phone.setPlaceholderText(self.tr("mobile or landline, e.g. 0512-66881234"))
        self.village = QComboBox(self)
        self.village.currentIndexChanged.connect(self._on_village)
        self.grid = QComboBox(self)
        self.grid.activated.connect(lambda _i: setattr(self, "_grid_chosen_by_hand", True))
        self.address = QLineEdit(self)
        self.address_hint = plain(QLabel(self))
        self.address_hint.setStyleSheet("color:#555;")
        self._state_limits()
        self.people = QSpinBox(self)
        self.people.setRange(1, 9999)
        self.people.setEnabled(False)
        # 上报网格员: shown for a grid patrol's report, proposing the grid's worker.
        self.reported_by = QComboBox(self)
        self.reported_by.setObjectName("register_reported_by")
        self.reported_by.activated.connect(lambda _i: setattr(self, "_worker_chosen_by_hand", True))
        self._workers: list[WorkerChoice] = []
        self._worker_chosen_by_hand = False

        kind_row = QHBoxLayout()
        for label, widget, name in (
            (None, self.kind, "kind"),
            (self.tr("Source"), self.source, "source"),
            (self.tr("Urgency"), self.priority, "priority"),
        ):
            if label:
                kind_row.addWidget(QLabel(label, self))
            kind_row.addWidget(e.wrap(name, widget), 1)
        form.addRow(self.tr("Kind"), _boxed(kind_row))
        form.addRow(self.tr("Category"), e.wrap("category", self.category))
        form.addRow(self.tr("Title"), e.wrap("title", self.title))
        form.addRow("", self.category_hint)
        form.addRow(self.tr("Description"), e.wrap("description", self.description))
        reporter_row = QHBoxLayout()
        reporter_row.addWidget(e.wrap("reporter_name", self.reporter_name), 1)
        reporter_row.addWidget(QLabel(self.tr("Phone"), self))
        reporter_row.addWidget(e.wrap("reporter_phone", self.reporter_phone), 1)
        form.addRow(self.tr("Reporter"), _boxed(reporter_row))
        form.addRow(self.tr("Address"), e.wrap("address", self.address))
        form.addRow("", self.address_hint)
        # 定位: a click on a map sets the point; the grid holding it beats the address guess
        # (registration routes the ticket there: services/tickets/registration.py).
        self.place_label = plain(QLabel(self.tr("Not placed on the map"), self))
        self.place_label.setObjectName("register_place")
        self.place_button = QPushButton(self.tr("Pick on the &map…"), self)
        self.place_button.setObjectName("register_pick_place")
        self.place_button.clicked.connect(self.pick_place)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place_label, 1)
        place_row.addWidget(self.place_button)
        form.addRow(self.tr("Place"), _boxed(place_row))
        area_row = QHBoxLayout()
        area_row.addWidget(self.village, 1)
        area_row.addWidget(e.wrap("grid_id", self.grid), 1)
        form.addRow(self.tr("Village / grid"), _boxed(area_row))
        form.addRow(
            self.tr("Reporting grid worker"), e.wrap("reported_by_person_id", self.reported_by)
        )
        self._reported_by_row = form.rowCount() - 1
        self._form = form
        form.addRow(self.tr("People (petitions)"), e.wrap("people_count", self.people))
        # 视频巡查: the channel it was seen on (ui/video_channel_picker.py).
        self.video_channel = VideoChannelPicker(self._context, self)
        video_row = e.wrap("video_channel_id", self.video_channel)
        form.addRow(self.tr("Video channel"), video_row)
        self.video_channel.follow_source(self.source, form, video_row)
        self.video_channel.sig_place_suggested.connect(self._place_at_channel)
        layout.addLayout(form)
        self._on_source()

        dup_box = QGroupBox(self.tr("Possible duplicates (same grid and category, last 7 days)"))
        dup_layout = QVBoxLayout(dup_box)
        self.duplicates = QListWidget(dup_box)
        self.duplicates.setObjectName("register_duplicates")
        self.duplicates.setMaximumHeight(120)
        dup_layout.addWidget(self.duplicates)
        self.merge_button = QPushButton(self.tr("Register and merge into the selected ticket"))
        self.merge_button.setObjectName("register_merge")
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.register_and_merge)
        self.duplicates.currentRowChanged.connect(self._on_duplicate_chosen)
        dup_layout.addWidget(self.merge_button)
        layout.addWidget(dup_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Register"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Grey while the server is away; what was typed stays.
        self._context.write_gate.gate(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self._context.write_gate.gate(self.merge_button)
        chain_tab_order(
            self.kind,
            self.source,
            self.priority,
            self.category,
            self.title,
            self.description,
            self.reporter_name,
            self.reporter_phone,
            self.address,
            self.village,
            self.grid,
            self.reported_by,
            self.people,
            self.video_channel,
            self.duplicates,
            self.merge_button,
            self.buttons,
        )

    def _combo(self, choices) -> QComboBox:
        combo = QComboBox(self)
        for code, text in choices:
            combo.addItem(text, None if code is None else str(code))
        return combo

    # -- areas --------------------------------------------------------------------------------

    def _show_areas(self, villages) -> None:
        self._villages = villages
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("(village / community)"), None)
        for v in villages:
            self.village.addItem(v.name, v.id)
        self.village.blockSignals(False)
        self._on_village()
        if self.address.text().strip():
            self._guess_from_address()

    def _on_village(self, *_args) -> None:
        village_id = self.village.currentData()
        self.grid.clear()
        self.grid.addItem(self.tr("(grid)"), None)
        for v in self._villages:
            if v.id == village_id:
                for g in v.grids:
                    self.grid.addItem(g.name, g.id)
                if len(v.grids) == 1:
                    self.grid.setCurrentIndex(1)

    # -- reporting grid worker ----------------------------------------------------------------

    def _show_workers(self, workers: list[WorkerChoice]) -> None:
        self._workers = workers
        self._propose_worker()

    def _on_source(self) -> None:
        patrol = self.source.currentData() == TicketSource.GRID_PATROL
        self._form.setRowVisible(self._reported_by_row, patrol)
        if patrol:
            self._propose_worker()

    def _propose_worker(self) -> None:
        """List the chosen grid's workers first, the others after them, and choose the grid's
        (full-time) worker unless the operator chose someone."""
        chosen = self.reported_by.currentData()
        grid_id = self.grid.currentData()
        own = [w for w in self._workers if w.grid_id == grid_id]
        others = [w for w in self._workers if w.grid_id != grid_id]
        self.reported_by.blockSignals(True)
        self.reported_by.clear()
        self.reported_by.addItem(self.tr("(not a grid worker)"), None)
        for w in own + others:
            self.reported_by.addItem(f"{w.name}（{w.grid_name}）", w.person_id)
        if self._worker_chosen_by_hand:
            index = self.reported_by.findData(chosen)
        else:
            index = 1 if own else 0  # current_workers puts a grid's full-time worker first
        self.reported_by.setCurrentIndex(max(index, 0))
        self.reported_by.blockSignals(False)

    def select_grid(self, village_id: int, grid_id: int | None) -> None:
        """Choose the village and (when given) its grid in the pickers."""
        self.village.setCurrentIndex(max(self.village.findData(village_id), 0))
        if grid_id is not None:
            self.grid.setCurrentIndex(max(self.grid.findData(grid_id), 0))

    def _place_at_channel(self, village_id: int, grid_id: int) -> None:
        """A chosen video channel places the ticket in its grid, unless a grid was chosen by
        hand."""
        if not self._grid_chosen_by_hand:
            self.select_grid(village_id, grid_id)

    def _guess_from_address(self) -> None:
        text = self.address.text().strip()
        if not text:
            return
        self._jobs.submit(
            guess_address, text, on_result=self._apply_guess, key=f"register-guess-{id(self)}"
        )

    def pick_place(self) -> None:
        """Open the place picker; a point inside a grid chooses that grid (as registration
        will), whatever the address suggested."""
        from gridcenter_desktop.ui.map.pick_dialog import PlacePickDialog

        dialog = PlacePickDialog(self._context, self, initial=self._place)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.place() is None:
            return
        self.set_place(*dialog.place(), grid=dialog.grid())

    def set_place(self, lon: float, lat: float, *, grid=None) -> None:
        """Take the point (and the grid it falls in, services.grid_map.GridAt or None)."""
        self._place = (lon, lat)
        self._grid_from_map = grid is not None
        where = f"{lon:.6f}, {lat:.6f}"
        if grid is not None:
            self.select_grid(grid.village_id, grid.grid_id)
            self.place_label.setText(
                self.tr("{point}: in {grid} (the ticket goes there)").format(
                    point=where, grid=grid.name
                )
            )
        else:
            self.place_label.setText(
                self.tr("{point}: outside every grid's boundary").format(point=where)
            )

    def _apply_guess(self, guess) -> None:
        if self._grid_from_map:
            return  # the point on the map decides the grid
        if guess is not None and not self._grid_chosen_by_hand:
            self.select_grid(guess.village_id, guess.grid_id)
            grid = self.grid.currentText() if guess.grid_id is not None else ""
            village = self.village.currentText()
            reason = {
                "grid_name": self.tr("the address names the grid"),
                "village_group": self.tr("earlier tickets at this village group"),
                "same_door": self.tr("earlier tickets at this address"),
                "only_grid": self.tr("the village has one grid"),
                "village": self.tr("choose the grid"),
            }.get(guess.reason, "")
            self.address_hint.setText(
                self.tr("From the address: {place} ({reason})").format(
                    place=" / ".join(x for x in (village, grid) if x), reason=reason
                )
            )
        elif guess is None:
            self.address_hint.clear()
        self.sig_grid_guessed.emit(guess)

    # -- category -----------------------------------------------------------------------------

    def _on_category_changed(self, _index: int) -> None:
        if not self._applying_guess:
            self._category_chosen_by_hand = True  # a choice the guess never overrides
            self.category_hint.clear()

    def _guess_category(self) -> None:
        title = self.title.text().strip()
        if not title or self._category_chosen_by_hand:
            return
        self._jobs.submit(
            guess_the_category,
            title,
            on_result=self._apply_category_guess,
            key=f"register-category-{id(self)}",
        )

    def _apply_category_guess(self, guess: CategoryGuess | None) -> None:
        if self._category_chosen_by_hand:
            return
        self._applying_guess = True
        try:
            index = 0 if guess is None else max(self.category.findData(guess.category), 0)
            self.category.setCurrentIndex(index)
        finally:
            self._applying_guess = False
        if guess is None:
            self.category_hint.clear()
        else:
            self.category_hint.setText(
                self.tr(
                    "Category suggested from {n} earlier tickets with these words "
                    "({share:.0%} agree); change it if it does not fit."
                ).format(n=guess.tickets, share=guess.share)
            )
        self.sig_category_guessed.emit(guess)

    # -- duplicates ---------------------------------------------------------------------------

    def _refresh_duplicates(self) -> None:
        self._jobs.submit(
            look_for_duplicates,
            self.grid.currentData(),
            self.category.currentData(),
            self.title.text(),
            self._context.now(),
            on_result=self._show_duplicates,
            key=f"register-duplicates-{id(self)}",
        )

    def _mergeable(self, row: int) -> bool:
        # A closed ticket is listed (the caller may be told it was handled) but not merged
        # into: its result was reported and nobody works on it any more.
        return 0 <= row < len(self._candidates) and (
            self._candidates[row].status != TicketStatus.CLOSED
        )

    def _on_duplicate_chosen(self, row: int) -> None:
        self.merge_button.setEnabled(self._mergeable(row))

    def _show_duplicates(self, candidates: list[DuplicateCandidate]) -> None:
        self._candidates = candidates
        self.duplicates.clear()
        similarity = self.tr("similarity")
        for c in candidates:
            item = QListWidgetItem(
                f"{c.code}　{c.title}　{labels.status_label(c.status)}　"
                f"{c.created_at:%m-%d %H:%M}　{similarity} {c.similarity:.0%}"
            )
            item.setData(Qt.ItemDataRole.UserRole, c.ticket_id)
            self.duplicates.addItem(item)
        self.merge_button.setEnabled(False)
        self.sig_duplicates_shown.emit(candidates)

    # -- registering --------------------------------------------------------------------------

    def new_ticket(self) -> NewTicket:
        """The form's content as a NewTicket."""
        kind = TicketKind(self.kind.currentData())
        return NewTicket(
            kind=kind,
            source=TicketSource(self.source.currentData()),
            category=self.category.currentData() or "",
            title=self.title.text(),
            description=self.description.toPlainText(),
            reporter_name=self.reporter_name.text() or None,
            reporter_phone=self.reporter_phone.text() or None,
            address=self.address.text(),
            grid_id=self.grid.currentData(),
            longitude=self._place[0] if self._place else None,
            latitude=self._place[1] if self._place else None,
            priority=Priority(self.priority.currentData()),
            people_count=self.people.value() if kind is TicketKind.PETITION else 1,
            reported_by_person_id=self.reported_by.currentData()
            if self.source.currentData() == TicketSource.GRID_PATROL
            else None,
            video_channel_id=(
                self.video_channel.channel_id()
                if self.source.currentData() == TicketSource.VIDEO.value
                else None
            ),
        )

    def _check(self) -> bool:
        # Shown together before a round trip (the service reports one problem at a time).
        problems = []
        if not self.title.text().strip():
            problems.append(ValidationError("title", "required"))
        if not self.category.currentData():
            problems.append(ValidationError("category", "required"))
        rule = check_phone(self.reporter_phone.text())
        if rule:
            problems.append(ValidationError("reporter_phone", rule))
        for p in problems:
            self.errors.show_error(p)
        return not problems

    def submit(self) -> None:
        """Register (the Register button)."""
        self._start(None)

    def register_and_merge(self) -> None:
        """Register and merge into the duplicate selected in the list."""
        row = self.duplicates.currentRow()
        if 0 <= row < len(self._candidates):
            self._start(self._candidates[row])

    def _start(self, merge_into: DuplicateCandidate | None) -> None:
        self.errors.clear()
        self.message.hide()
        if not self._check():
            return
        if self.grid.currentData() is None and not self.address.text().strip():
            if not self._confirm_without_place():
                self.address.setFocus()
                return
        self.buttons.setEnabled(False)
        self.merge_button.setEnabled(False)
        self._jobs.submit(
            register,
            self._context.actor,
            self.new_ticket(),
            self._context.now(),
            merge_into,
            self._gesture_key,
            on_result=lambda result: self._done(result, merge_into),
            on_error=self._failed,
        )

    def _state_limits(self) -> None:
        """Each text field says how long it may be, and the line fields stop there (issue 8:
        the limits were found only by breaking them)."""
        limit = self.tr("At most {n} characters")
        for field, most in (
            (self.title, TITLE_MAX),
            (self.reporter_name, NAME_MAX),
            (self.reporter_phone, PHONE_MAX),
            (self.address, ADDRESS_MAX),
        ):
            field.setMaxLength(most)
            field.setToolTip(limit.format(n=most))
        self.title.setPlaceholderText(
            self.tr("What happened, where (at most {n} characters)").format(n=TITLE_MAX)
        )
        self.reporter_name.setPlaceholderText(limit.format(n=NAME_MAX))
        self.address.setPlaceholderText(
            self.tr("e.g. 迂里村3组42号 (at most {n} characters)").format(n=ADDRESS_MAX)
        )
        self.description.setPlaceholderText(limit.format(n=DESCRIPTION_MAX))
        self.description.setToolTip(limit.format(n=DESCRIPTION_MAX))
        self.reporter_phone.setToolTip(
            self.tr("Mobile 13912345678, +86 139 1234 5678 or landline 0512-66881234")
        )

    def _confirm_without_place(self) -> bool:
        """Neither a grid nor an address: nobody could go there (issue 8: accepted silently)."""
        answer = QMessageBox.question(
            self,
            self.tr("No grid and no address"),
            self.tr(
                "This ticket has neither a grid nor an address, so it cannot be sent to a grid "
                "and nobody can find the place. Register it anyway?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _done(self, ref, merge_into: DuplicateCandidate | None) -> None:
        self.registered = ref
        changed = [ref.id]
        if merge_into is not None:
            self.merged_into = merge_into
            changed.append(merge_into.ticket_id)
        self._context.bus.sig_tickets_changed.emit(changed)
        self.accept()

    def confirmation(self, parent: QWidget) -> QMessageBox:
        """The box that tells the operator the new ticket's code (to give the caller)."""
        ref = self.registered
        box = QMessageBox(parent)
        box.setObjectName("registered_box")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Ticket registered"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the operator's text
        if self.merged_into is not None:
            text = self.tr("Ticket {code} was registered and merged into {kept}.\n{title}").format(
                code=ref.code, kept=self.merged_into.code, title=self.title.text().strip()
            )
        else:
            text = self.tr("Ticket {code} was registered.\n{title}").format(
                code=ref.code, title=self.title.text().strip()
            )
        box.setText(text)
        box.setInformativeText(
            self.tr("Tell the caller this code. The ticket is selected in the queue.")
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box

    def show_confirmation(self, parent: QWidget) -> None:
        """Show :meth:`confirmation` and wait for the operator to close it."""
        self.confirmation(parent).exec()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.merge_button.setEnabled(self._mergeable(self.duplicates.currentRow()))
        text = self.errors.form_message(exc, self._context.jobs.sig_job_failed.emit)
        if text is None:
            return
        self.message.setText(text)
        self.message.show()

    def _on_kind(self, *_args) -> None:
        self.people.setEnabled(self.kind.currentData() == TicketKind.PETITION)

    def done(self, result: int) -> None:  # noqa: D102 - late lookups must not reach a closed form
        self._dup_timer.stop()
        self._address_timer.stop()
        self._category_timer.stop()
        self._jobs.cancel_all()
        super().done(result)


def _boxed(layout) -> QWidget:
    layout.setContentsMargins(0, 0, 0, 0)
    box = QWidget()
    box.setLayout(layout)
    return box
