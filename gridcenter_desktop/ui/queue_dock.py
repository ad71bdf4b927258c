"""The ticket queue dock: preset views with counts, a filter bar, and the windowed ticket table.

Everything is counted, filtered and sorted in the database (services.queue) through
ui.queue_model.QueueModel; this widget only turns the operator's clicks and typing into a
QueueFilter / QueueOrder and the table's context menu into workflow actions.

Refreshes never move the operator's selection: the current ticket stays current where it is
now, or (when the refresh took it out of the view) on a pinned row marked
"已不在当前筛选中" until the operator moves (ui.queue_model).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import OPEN_STATUSES, AreaLevel, EventAction, TicketStatus
from gridcenter_desktop.core.permissions import reporter_search
from gridcenter_desktop.core.workflow import allowed_actions, allowed_records
from gridcenter_desktop.services import queue as queue_service
from gridcenter_desktop.services.areas import all_areas
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder, QueueRow
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.flow_layout import FlowLayout
from gridcenter_desktop.ui.queue_filter_bar import QueueFilterBar
from gridcenter_desktop.ui.queue_model import (
    COLUMNS,
    DUE_SOON_COLOR,
    OVERDUE_COLOR,
    QUEUE_ROW_ROLE,
    TICKET_ID_ROLE,
    QueueModel,
    sortable_column,
)
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

PRESETS = queue_service.PRESETS
# Presets that are lists of their own (a QueueFilter flag of the same name): a search inside
# one stays inside it, and its button stays lit.
_LIST_PRESETS = (
    "to_place",
    "missed_acceptance",
    "suspended",
    "extension_pending",
    "callback_pending",
)
# The order actions appear in menus: the ticket's life from placing and dispatch to callback.
ACTION_ORDER = (
    EventAction.PLACE,
    EventAction.DISPATCH,
    EventAction.ADD_ASSIGNEE,
    EventAction.ACCEPT,
    EventAction.RETURN,
    EventAction.FEEDBACK,
    EventAction.CLOSE,
    EventAction.REJECT,
    EventAction.SOLVE_IN_GRID,
    EventAction.URGE,
    EventAction.SUPERVISE,
    EventAction.ESCALATE,
    EventAction.EXTEND_REQUEST,
    EventAction.EXTEND_DECIDE,
    EventAction.SUSPEND,
    EventAction.RESUME,
    EventAction.MERGE,
    EventAction.CALLBACK,
    EventAction.REOPEN,
    EventAction.LOCATE,
    EventAction.INSPECT,
    EventAction.NOTICE,
    EventAction.NOTICE_CHECK,
)
# Actions that make sense on several selected tickets at once (no per-ticket form).
BATCH_ACTIONS = frozenset({EventAction.URGE})
# Keys of sig_filter_requested dictionaries that name one value of a set-valued field.
_SINGULAR = {"status": "statuses", "kind": "kinds", "category": "categories", "source": "sources"}
_COLUMN_WIDTHS = (150, 260, 80, 90, 60, 130, 130, 130, 130, 90)


def _load_area_names(job) -> dict[int, str]:
    """Each area's name as the scope banner shows it: a grid with its village."""
    areas = all_areas(job.session())
    names = {}
    for area in areas.values():
        parent = areas.get(area.parent_id) if area.parent_id is not None else None
        # Grid names usually start with their village's (东崦湖社区第二网格): no doubling.
        if parent is not None and area.level == AreaLevel.GRID:
            if not area.name.startswith(parent.name):
                names[area.id] = f"{parent.name} {area.name}"
                continue
        names[area.id] = area.name
    return names


def _load_position(job, flt, order, ticket_id, now):
    return queue_service.position_of(job.session(), flt, order, ticket_id, now)


def _load_preset_counts(job, user_id, now):
    return queue_service.preset_counts(job.session(), user_id, now)


def row_actions(row: QueueRow, role) -> frozenset[EventAction]:
    """What a user of ``role`` may do on the ticket of ``row`` (a merged duplicate answered
    by its kept ticket's closing is called back)."""
    answered = row.status == TicketStatus.MERGED and row.closed_at is not None
    suspended = row.suspended_at is not None
    # Inspections and notices beside the workflow proper (core.workflow.RECORD_FROM).
    return allowed_actions(
        row.status, role, suspended=suspended, answered=answered
    ) | allowed_records(row.status, role, suspended=suspended)


def menu_actions(rows: list[QueueRow], role) -> list[EventAction]:
    """The workflow actions the context menu offers for the selected rows: for one ticket
    exactly allowed_actions(status, role) and the records it allows (inspections, notices);
    for several, the batch actions all of them allow."""
    if not rows:
        return []
    allowed = [row_actions(r, role) for r in rows]
    common = frozenset.intersection(*allowed)
    if len(rows) > 1:
        common &= BATCH_ACTIONS
    return [a for a in ACTION_ORDER if a in common]


class QueueDock(QWidget):
    """Preset views, filter bar, ticket table (multi-select, keyboard, context menu)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queue_dock_widget")
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        # Filter fields that have no widget of their own (grid tree, charts, "mine").
        self._extra: dict[str, object] = {}
        # The window's commands on one ticket that are not workflow steps (print its handling
        # form): offered under the workflow actions when one ticket is selected.
        self.ticket_menu_extras: list[QAction] = []
        self._preset: str | None = None
        self._selected_id: int | None = None
        self._quiet = False
        # Area names for the scope banner ("Only tickets in 迂里村"), read once in a job.
        self._area_names: dict[int, str] = {}
        # A ticket to select once its row is known and loaded (show_ticket): (id, row, retry).
        self._wanted: tuple[int, int | None, bool] | None = None
        # A callback saved from the 待回访 list: the next reporter is selected once the list
        # is re-read (the ticket saved, if it left the list, stays pinned where it was).
        self._advance_from: int | None = None

        self.model = QueueModel(context, self)
        self._build_presets()
        self._build_filter_bar()
        self._build_table()
        self._build_footer()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._preset_box)
        layout.addWidget(self.filter_bar)
        layout.addLayout(self._scope_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._footer_row)

        self.model.sig_loaded.connect(self._on_loaded)
        # The map draws the tickets the queue shows (ui/map/dock.py).
        self.model.sig_loaded.connect(
            lambda _n: context.bus.sig_queue_filter_changed.emit(self.model.queue_filter)
        )
        self.model.sig_block_loaded.connect(lambda _first: self._emit_current())
        self.model.sig_refreshed.connect(self._on_refreshed)
        self.model.sig_count_known.connect(lambda _n: self._show_count())
        for signal in (self.model.sig_block_loaded, self.model.sig_refreshed):
            signal.connect(lambda *_a: self._select_wanted())
        bus = context.bus
        bus.sig_filter_requested.connect(self.apply_filter_fields)
        bus.sig_tickets_changed.connect(self.refresh)

        self.model.set_query(
            self._searching_as_me(QueueFilter(statuses=frozenset(OPEN_STATUSES))),
            QueueOrder("deadline", False),
        )
        self._show_sort_indicator()
        # The preset counts wait for the first rows: the operator sees the queue first.
        self._counts_pending = True
        bus.sig_callback_recorded.connect(self._on_callback_recorded)

    # -- public API -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box (the frame's Ctrl+F)."""
        self.filter_bar.focus_search()

    def focus_table(self, *, first_row_when_loaded: bool = False) -> None:
        """Put the keyboard in the table; with ``first_row_when_loaded`` the first row of the
        view now loading becomes current, so the 待定位 list opened from the import's last
        page answers Ctrl+Shift+L (定位归类) and the arrows at once."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not first_row_when_loaded:
            return

        def select_first(_total: int) -> None:
            self.model.sig_loaded.disconnect(select_first)
            if self.model.rowCount() and not self.table.currentIndex().isValid():
                self._jump_to_row(False)

        self.model.sig_loaded.connect(select_first)

    def current_filter(self) -> QueueFilter:
        """The filter the table shows."""
        return self.model.queue_filter

    def _searching_as_me(self, flt: QueueFilter) -> QueueFilter:
        """``flt`` with the reporter search the signed-in role allows (names and phones)."""
        return dataclasses.replace(flt, reporter_search=reporter_search(self._context.actor.role))

    def apply_filter(self, flt: QueueFilter, order: QueueOrder | None = None) -> None:
        """Show ``flt`` (in ``order``, or the view's): the filter bar reflects it and the
        table reloads."""
        flt = self._searching_as_me(flt)
        self.filter_bar.show_filter(flt)
        self._extra = {
            k: getattr(flt, k)
            for k in ("area_id", "department_id", "handled_by", "bbox")
            if getattr(flt, k, None) is not None
        }
        for flag in _LIST_PRESETS:  # e.g. the 待定位 list stays one while searching in it
            if getattr(flt, flag):
                self._extra[flag] = True
        self._update_scope()
        self.model.set_query(flt, self._order_for(flt, order))
        self._show_sort_indicator()

    def _order_for(self, flt: QueueFilter, order: QueueOrder | None) -> QueueOrder | None:
        """``order``; else the view's own, except that a view of other tickets than answered
        ones leaves the answer-time order (its key is empty for unanswered tickets)."""
        if order is not None:
            return order
        if self.model.order.field == "closed" and not flt.callback_pending:
            return QueueOrder("deadline", False)
        return None

    def apply_filter_fields(self, fields: dict) -> None:
        """Apply partial QueueFilter fields (sig_filter_requested): {"area_id": 5},
        {"category": "noise"}, {"statuses": [...]}; fields not named keep their value."""
        changes = {}
        for key, value in fields.items():
            name = _SINGULAR.get(key, key)
            if name != key and value is not None:
                value = frozenset({value})
            elif name in ("statuses", "kinds", "categories", "sources") and value is not None:
                value = frozenset(value)
            elif name == "bbox" and value is not None:
                value = tuple(float(v) for v in value)  # hashable, as the filter must be
            changes[name] = value
        valid = {f.name for f in dataclasses.fields(QueueFilter)}
        flt = dataclasses.replace(
            self.model.queue_filter, **{k: v for k, v in changes.items() if k in valid}
        )
        # Narrowing to a place (a grid from the tree or the map, a department, a rectangle)
        # keeps the preset view it narrows, and its tab stays marked; anything else is a
        # view of its own.
        if not set(changes) <= {"area_id", "department_id", "bbox"}:
            self._set_preset(None)
        self.apply_filter(flt)

    def select_preset(self, name: str | None, *, keep_search: bool = True) -> None:
        """Show a preset view (one of PRESETS) or, with None, all open tickets. The search
        text and the grid tree's or a chart's area or department stay (issue 8: 超期 cleared
        the search); ``keep_search=False`` (the bar's Clear) drops them too."""
        self._set_preset(name)
        if name is None:
            flt = QueueFilter(statuses=frozenset(OPEN_STATUSES))
        else:
            now = self._context.now()
            flt = queue_service.preset_filter(name, self._context.actor.user_id, now)
        if keep_search:
            kept = {
                k: v for k, v in self._extra.items() if k in ("area_id", "department_id", "bbox")
            }
            flt = dataclasses.replace(flt, text=self.filter_bar.fields()["text"], **kept)
        self.apply_filter(flt, order=queue_service.preset_order(name))

    def view_state(self) -> tuple:
        """What the operator is looking at: (preset view, filter, order, selected ticket), for
        the window reopened in another language to show the same."""
        return (self._preset, self.model.queue_filter, self.model.order, self._selected_id)

    def restore_view(self, state: tuple) -> None:
        """Show a view_state() again: the preset's button lit, the search text and filters in
        the bar, and the ticket selected once its row is found (if the view still holds it)."""
        preset, flt, order, ticket_id = state
        self.apply_filter(flt, order)
        self._set_preset(preset)
        if ticket_id is not None:
            self._find_ticket(ticket_id, retry=False)

    def show_ticket(self, ticket_id: int) -> None:
        """Select ``ticket_id`` and scroll to it, wherever it sorts (a ticket just registered,
        issue 8). When the view leaves it out, the view changes to all open tickets first."""
        self._find_ticket(ticket_id, retry=True)

    def _find_ticket(self, ticket_id: int, *, retry: bool) -> None:
        self._wanted = (ticket_id, None, retry)
        self._jobs.submit(
            _load_position,
            self.model.queue_filter,
            self.model.order,
            ticket_id,
            self._context.now(),
            on_result=lambda row: self._found_position(ticket_id, row),
            key="queue.position",
        )

    def _found_position(self, ticket_id: int, row: int | None) -> None:
        if self._wanted is None or self._wanted[0] != ticket_id:
            return  # the operator moved on, or another ticket is wanted now
        retry = self._wanted[2]
        if row is None:
            self._wanted = (ticket_id, None, False) if retry else None
            if retry:
                self.select_preset(None, keep_search=False)
            return
        self._wanted = (ticket_id, row, False)
        self._select_wanted()

    def _select_wanted(self) -> None:
        if self._wanted is None or self._wanted[1] is None:
            return
        ticket_id, row, _ = self._wanted
        if row >= self.model.rowCount():
            return  # the refresh that brings the ticket in has not arrived yet
        index = self.model.index(row, 0)
        if self.model.row_at(row) is None:  # requested; sig_block_loaded comes back here
            return
        if self.model.data(index, TICKET_ID_ROLE) != ticket_id:
            # Rows moved since the position was read: ask again (once per change).
            self._find_ticket(ticket_id, retry=False)
            return
        self._wanted = None
        flags = self.table.selectionModel().SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def refresh(self, ticket_ids: list | None = None) -> None:
        """Re-read the table (keeping selection and scroll) and the preset counts."""
        self.model.refresh()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Recount the preset views in a job."""
        self._jobs.submit(
            _load_preset_counts,
            self._context.actor.user_id,
            self._context.now(),
            on_result=self._show_counts,
            key=f"queue-preset-counts-{id(self)}",
        )

    def selected_rows(self) -> list[QueueRow]:
        """The loaded rows among the selected ones, in table order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        found = [self.model.data(self.model.index(r, 0), QUEUE_ROW_ROLE) for r in rows]
        return [r for r in found if r is not None]

    def build_context_menu(self) -> QMenu:
        """The menu of workflow actions for the selected tickets."""
        from gridcenter_desktop.ui.workflow_dialogs import run_batch_action, run_ticket_action

        menu = QMenu(self)
        rows = self.selected_rows()
        actions = menu_actions(rows, self._context.actor.role)
        for action in actions:
            text = labels.event_action_label(action)
            if len(rows) > 1:
                text = self.tr("{action} ({n} tickets)").format(action=text, n=len(rows))
            qaction = menu.addAction(text + "…")
            qaction.setData(str(action))
            qaction.setEnabled(self._context.write_gate.writable)  # every one of them writes
            if len(rows) == 1:
                row = rows[0]
                qaction.triggered.connect(
                    lambda _=False, a=action, r=row: run_ticket_action(self._context, self, a, r.id)
                )
            else:
                # The versions shown: a ticket changed since refuses the batch (and says so).
                refs = [(r.id, r.version) for r in rows]
                qaction.triggered.connect(
                    lambda _=False, a=action, i=refs: run_batch_action(self._context, self, a, i)
                )
        if not actions:
            none = menu.addAction(self.tr("No action available"))
            none.setEnabled(False)
        if len(rows) == 1 and self.ticket_menu_extras:
            menu.addSeparator()
            for extra in self.ticket_menu_extras:
                menu.addAction(extra)
        return menu

    # -- building -------------------------------------------------------------------------------

    def _build_presets(self) -> None:
        # Wrapping, not one row: the buttons and their counts never widen the dock.
        self._preset_box = QWidget(self)
        self._preset_row = FlowLayout(self._preset_box)
        self._preset_buttons: dict[str | None, QToolButton] = {}
        for name in (None, *PRESETS):
            button = QToolButton(self._preset_box)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setText(self._preset_title(name))
            button.setObjectName(f"preset_{name or 'all'}")
            button.clicked.connect(lambda _=False, n=name: self.select_preset(n))
            self._preset_buttons[name] = button
            self._preset_row.addWidget(button)
        self._preset_buttons[None].setChecked(True)
        # "Handled by me" needs a signed-in user.
        self._preset_buttons["mine"].setEnabled(self._context.actor.user_id is not None)

    def _preset_title(self, name: str | None, count: int | None = None) -> str:
        titles = {
            None: self.tr("All open"),
            "pending": self.tr("Pending dispatch"),
            "in_progress": self.tr("In progress"),
            "review": self.tr("Awaiting review"),
            "overdue": self.tr("Overdue"),
            "today": self.tr("New today"),
            "mine": self.tr("Handled by me"),
            "to_place": self.tr("To be placed"),
            "missed_acceptance": self.tr("Not accepted in time"),
            "suspended": self.tr("On hold"),
            "extension_pending": self.tr("Extension to approve"),
            "callback_pending": self.tr("To call back"),
        }
        title = titles[name]
        return title if count is None else f"{title} ({count:,})"

    def _build_filter_bar(self) -> None:
        self.filter_bar = QueueFilterBar(self._context, self)
        self.filter_bar.sig_changed.connect(self._apply_widgets)
        self.filter_bar.sig_clear_requested.connect(
            lambda: self.select_preset(None, keep_search=False)
        )
        bar = self.filter_bar
        # The bar's widgets, by their usual names (tests and the frame reach them here).
        self.search = bar.search
        self.kind_combo, self.category_combo = bar.kind_combo, bar.category_combo
        self.source_combo, self.deadline_combo = bar.source_combo, bar.deadline_combo
        self.date_check, self.date_from, self.date_to = bar.date_check, bar.date_from, bar.date_to

        self._scope_row = QHBoxLayout()
        self.scope_label = QLabel(self)
        self.scope_clear = QToolButton(self)
        self.scope_clear.setText(self.tr("Remove"))
        self.scope_clear.clicked.connect(self._clear_scope)
        self._scope_row.addWidget(self.scope_label)
        self._scope_row.addWidget(self.scope_clear)
        # The rectangle drawn on the map (issue 12): a chip of its own, removable alone.
        self.bbox_chip = QToolButton(self)
        self.bbox_chip.setObjectName("queue_bbox_chip")
        self.bbox_chip.setText(self.tr("In the map rectangle ✕"))
        self.bbox_chip.setToolTip(
            self.tr("Only tickets inside the rectangle drawn on the map; click to remove")
        )
        self.bbox_chip.clicked.connect(self.remove_bbox)
        self.bbox_chip.hide()
        self._scope_row.addWidget(self.bbox_chip)
        self._scope_row.addStretch(1)
        self._update_scope()

    def _build_table(self) -> None:
        table = QTableView(self)
        table.setObjectName("queue_table")
        table.setModel(self.model)
        # Tab goes on to the next control (the arrows move between cells): stepping through
        # every cell and wrapping, Tab never left the queue (issue 13 walk).
        table.setTabKeyNavigation(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(False)
        table.setWordWrap(False)
        table.setSortingEnabled(False)  # header clicks sort in SQL, see _on_header_clicked
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        vh = table.verticalHeader()
        vh.setVisible(False)
        # Fixed row heights: the view never measures a million rows.
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(24)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        # The model's header tooltips say how each column sorts, or why it does not.
        header.sectionClicked.connect(self._on_header_clicked)
        for i, width in enumerate(_COLUMN_WIDTHS):
            table.setColumnWidth(i, width)
        header.setStretchLastSection(True)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        menu_key = QAction(self.tr("Actions"), table)
        menu_key.setShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F10))
        menu_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        menu_key.triggered.connect(self._show_menu_at_current)
        table.addAction(menu_key)
        # Qt's Ctrl+End/Ctrl+Home go to the last/first row AND column, scrolling the table
        # sideways (issue 8); a ticket list wants the last/first ticket, column kept.
        table.installEventFilter(self)
        self.table = table

    def _build_footer(self) -> None:
        row = QHBoxLayout()
        self.count_label = QLabel(self)
        row.addWidget(self.count_label)
        row.addStretch(1)
        for color, text in (
            (OVERDUE_COLOR, self.tr("Overdue")),
            (DUE_SOON_COLOR, self.tr("Due soon")),
        ):
            swatch = QLabel(self)
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background:{color.name()}; border:1px solid #999;")
            row.addWidget(swatch)
            row.addWidget(QLabel(text, self))
        self._footer_row = row

    # -- filter <-> widgets -------------------------------------------------------------------

    def _filter_from_widgets(self) -> QueueFilter:
        return self._searching_as_me(QueueFilter(**self.filter_bar.fields(), **self._extra))

    def _apply_widgets(self, *_args) -> None:
        flt = self._filter_from_widgets()
        if flt != self.model.queue_filter:
            # A search inside a list of its own (待定位, 待回访 ...) is still that list: its
            # button stays lit.
            self._set_preset(next((f for f in _LIST_PRESETS if getattr(flt, f)), None))
            self.model.set_query(flt, self._order_for(flt, None))
            self._show_sort_indicator()

    def apply_filter_bar(self) -> None:
        """Apply what the filter bar shows now (what Enter in the search box does)."""
        self._apply_widgets()

    def _update_scope(self) -> None:
        parts = []
        area_id = self._extra.get("area_id")
        if area_id is not None:
            name = self._area_names.get(area_id)
            if name is None:
                parts.append(self.tr("Area filter on (from the grid tree)"))
                self._jobs.submit(
                    _load_area_names, on_result=self._show_area_names, key="queue.area-names"
                )
            else:
                parts.append(self.tr("Only tickets in {area}").format(area=name))
        if "department_id" in self._extra:
            parts.append(self.tr("Department filter on"))
        if "handled_by" in self._extra:
            parts.append(self.tr("Tickets I handled"))
        if self._extra.get("to_place"):
            parts.append(self.tr("Tickets still to be placed"))
        if self._extra.get("missed_acceptance"):
            parts.append(self.tr("Tickets a department has not accepted in time"))
        if self._extra.get("suspended"):
            parts.append(self.tr("Suspended tickets"))
        if self._extra.get("extension_pending"):
            parts.append(self.tr("Tickets with a request for more time to decide"))
        if self._extra.get("callback_pending"):
            parts.append(self.tr("Reporters still to be called back"))
        self.scope_label.setText("；".join(parts))
        self.scope_label.setVisible(bool(parts))
        self.scope_clear.setVisible(bool(parts))
        self.bbox_chip.setVisible("bbox" in self._extra)

    def remove_bbox(self) -> None:
        """Drop the map rectangle from the queue's filter (its chip's ✕)."""
        self._extra.pop("bbox", None)
        self._update_scope()
        self.model.set_query(dataclasses.replace(self.model.queue_filter, bbox=None))

    def _show_area_names(self, names: dict[int, str]) -> None:
        self._area_names = names
        if "area_id" in self._extra and self._extra["area_id"] in names:
            self._update_scope()

    def _clear_scope(self) -> None:
        self._extra = {}
        self._update_scope()
        self._set_preset(None)
        self.model.set_query(self._filter_from_widgets())

    def _set_preset(self, name: str | None) -> None:
        self._preset = name
        for key, button in self._preset_buttons.items():
            button.setChecked(key == name)

    def _show_counts(self, counts: dict) -> None:
        for name in PRESETS:
            self._preset_buttons[name].setText(self._preset_title(name, counts.get(name)))

    # -- table events ---------------------------------------------------------------------------

    def _show_count(self) -> None:
        # "5,000+" until the exact count of a big result arrives.
        n = f"{self.model.total:,}" + ("" if self.model.total_exact else "+")
        self.count_label.setText(self.tr("{n} tickets").format(n=n))

    def _on_loaded(self, total: int) -> None:
        self._show_count()
        if self._wanted is not None and self._wanted[1] is None and not self._wanted[2]:
            self._find_ticket(self._wanted[0], retry=False)  # the view changed to find it
        # A ticket whose row was found before this view's rows arrived is selected now.
        self._select_wanted()
        self._show_sort_indicator()
        if self._counts_pending:
            self._counts_pending = False
            self.refresh_counts()
        if self._advance_from is not None and self._advance_after_callback():
            return
        # A new view that still holds the current ticket keeps it current; a refresh that had
        # to reload from the start never changes the current ticket.
        if self._selected_id is not None and (
            self._select_ticket_row(self._selected_id) or self.model.load_is_refresh
        ):
            return
        self._emit_current()

    def _select_ticket_row(self, ticket_id: int) -> bool:
        """Make the ticket's row current (no signal to the docks: it is the same ticket)."""
        row = self.model.row_of_ticket(ticket_id)
        if row is None:
            return False
        current = self.table.currentIndex()
        if current.isValid() and current.row() == row:
            return True
        self._quiet = True
        try:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._quiet = False
        return True

    def _on_callback_recorded(self, ticket_id: int) -> None:
        if self._preset == "callback_pending" and ticket_id == self._selected_id:
            self._advance_from = ticket_id

    def _advance_after_callback(self) -> bool:
        """Select the reporter after the one just called back; True when it did."""
        ticket_id, self._advance_from = self._advance_from, None
        if ticket_id is None or ticket_id != self._selected_id:
            return False
        row = self.model.row_of_ticket(ticket_id)
        if row is None or row + 1 >= self.model.rowCount():
            return False
        index = self.model.index(row + 1, max(self.table.currentIndex().column(), 0))
        flags = self.table.selectionModel().SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(index)
        return True

    def _on_refreshed(self) -> None:
        self._show_count()
        if self._advance_after_callback():
            return
        # The same ticket stays current: where it is now, or on its pinned row. A current
        # ticket the refresh could not place keeps the docks on it (nothing is emitted).
        if self._selected_id is not None:
            self._select_ticket_row(self._selected_id)
            return
        self._emit_current()

    def _on_header_clicked(self, column: int) -> None:
        field = COLUMNS[column].sort_field
        if field is None:
            self._show_sort_indicator()  # not sortable: keep showing the SQL order
            return
        current = self.model.order
        descending = not current.descending if current.field == field else False
        self.model.set_order(QueueOrder(field, descending))
        self._show_sort_indicator()

    def _show_sort_indicator(self) -> None:
        order = self.model.order
        self.table.horizontalHeader().setSortIndicator(
            sortable_column(order.field),
            Qt.SortOrder.DescendingOrder if order.descending else Qt.SortOrder.AscendingOrder,
        )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or self.model.refreshing:
            return  # rows moving under a refresh are not the operator's choice
        self._emit_current()
        pinned = self.model.pinned_row
        if pinned is not None and current.row() != pinned:
            # The operator moved on: the pinned row goes (after this signal has settled).
            QTimer.singleShot(0, self, self.model.unpin)

    def _emit_current(self) -> None:
        index = self.table.currentIndex()
        ticket_id = self.model.data(index, TICKET_ID_ROLE) if index.isValid() else None
        if ticket_id != self._selected_id:
            self._selected_id = ticket_id
            self.model.set_current_ticket(ticket_id)
            self._context.bus.sig_ticket_selected.emit(ticket_id)

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
        self.build_context_menu().popup(self.table.viewport().mapToGlobal(pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and self._preset == "callback_pending"
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.call_back_current()
            return True
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_End, Qt.Key.Key_Home)
        ):
            self._jump_to_row(event.key() == Qt.Key.Key_End)
            return True
        return super().eventFilter(watched, event)

    def call_back_current(self) -> None:
        """Open the callback dialog on the current row (Enter in the 待回访 list: the list is
        worked down one reporter after another, by keyboard)."""
        from gridcenter_desktop.ui.workflow_dialogs import run_ticket_action

        rows = [r for r in self.selected_rows() if r.id == self._selected_id]
        if not rows or not self._context.write_gate.writable:
            return
        if EventAction.CALLBACK in row_actions(rows[0], self._context.actor.role):
            run_ticket_action(self._context, self, EventAction.CALLBACK, rows[0].id)

    def _jump_to_row(self, last: bool) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.table.currentIndex()
        column = current.column() if current.isValid() else 0
        index = self.model.index(rows - 1 if last else 0, column)
        flags = self.table.selectionModel().SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(index)

    def _show_menu_at_current(self) -> None:
        rect = self.table.visualRect(self.table.currentIndex())
        self._show_context_menu(rect.center())
