"""The ticket queue as a windowed table model: it never holds all tickets.

``rowCount`` is the SQL count of the current filter. Rows live in blocks of ``BLOCK_SIZE``
fetched in background jobs (services.queue.fetch_window) when the view first asks for a row of
the block; until the block arrives, its rows show a placeholder. At most ``MAX_BLOCKS`` blocks
are kept (least recently used dropped), so memory stays flat however far the operator scrolls.

A new filter or ordering loads its first block in one job and swaps it in with one model reset
(one repaint, no flicker of placeholders); a full first block is followed in the same job by a
count bounded at ``COUNT_CAP`` (cheap however big the result: "1,000+ tickets"), and when that
bound is reached the exact SQL count follows in a second job, which appends the rows beyond
(rows above, the selection and the scroll position stay). A refresh (tickets changed here or at
another workstation) re-reads the bounded count and the cached blocks and reports only the rows
whose values changed, so the selection and the scroll position stay where they are.

The operator's current ticket (``set_current_ticket``) is never pulled from under them: when a
refresh finds it gone from the loaded rows (another desk dispatched it out of 待派发), the
model keeps it PINNED as an extra row where it was, reading as it is now and marked
"已不在当前筛选中", until the operator moves to another row (``unpin``) or changes the view.

Tickets another desk registered or changed and this desk has not seen yet (ui.whats_new, through
``set_marks``) read bold with a dot before the code (blue: new, orange: changed).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from gridcenter_desktop.core.deadlines import DeadlineState, deadline_state
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder, QueueRow
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.plain_text import tooltip
from gridcenter_desktop.ui.queue_jobs import (
    QueryWindow,
    count_exactly,
    load_block,
    load_first_block,
    reload_blocks,
)
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

BLOCK_SIZE = 200
# The first count of a new filter stops here ("1,000+"); the exact count comes in a job after.
COUNT_CAP = 1000
# 25 blocks = 5,000 rows: several screens above and below whatever is visible.
MAX_BLOCKS = 25
# A refresh re-reads only the most recently used blocks; the others are dropped and reload
# lazily if the operator scrolls back to them.
REFRESH_BLOCKS = 4

TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ticket id (int), or None while the row is still loading."""
QUEUE_ROW_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's services.queue.QueueRow, or None while loading."""
DEADLINE_STATE_ROLE = Qt.ItemDataRole.UserRole + 3
"""The row's core.deadlines.DeadlineState against context.now(), or None while loading."""
OUTSIDE_VIEW_ROLE = Qt.ItemDataRole.UserRole + 4
"""True on the pinned row of the current ticket that the filter no longer keeps."""
UNSEEN_ROLE = Qt.ItemDataRole.UserRole + 5
"""services.whats_new.Mark of a ticket another desk registered or changed, not seen yet
(None: nothing new)."""

OVERDUE_COLOR = QColor("#f8d0d0")
DUE_SOON_COLOR = QColor("#fbe5b6")
OVERDUE_TEXT = QColor("#a01010")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    # services.queue.QueueOrder field this column sorts by; None: not sortable.
    sort_field: str | None = None


_RUNNING_LATE = (DeadlineState.DUE_SOON, DeadlineState.OVERDUE)

COLUMNS: tuple[Column, ...] = (
    Column("code", "code"),
    Column("title"),
    Column("status", "status"),
    Column("category", "category"),
    Column("priority", "priority"),
    Column("grid"),
    Column("lead_department"),
    Column("created_at", "created"),
    Column("deadline_at", "deadline"),
    Column("source", "source"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)


def column_of(key: str) -> int:
    """Index of the column with this key."""
    return COLUMN_KEYS.index(key)


def sortable_column(field: str) -> int:
    """Index of the column that sorts by this QueueOrder field; -1 when no column does (the
    待回访 list's answer-time order: the header then shows no sort indicator)."""
    return next((i for i, c in enumerate(COLUMNS) if c.sort_field == field), -1)


def _headers() -> tuple[str, ...]:
    # Literal translate calls: pyside6-lupdate only finds those.
    return (
        QCoreApplication.translate("QueueModel", "Code"),
        QCoreApplication.translate("QueueModel", "Title"),
        QCoreApplication.translate("QueueModel", "Status"),
        QCoreApplication.translate("QueueModel", "Category"),
        QCoreApplication.translate("QueueModel", "Urgency"),
        QCoreApplication.translate("QueueModel", "Grid"),
        QCoreApplication.translate("QueueModel", "Lead department"),
        QCoreApplication.translate("QueueModel", "Registered"),
        QCoreApplication.translate("QueueModel", "Deadline"),
        QCoreApplication.translate("QueueModel", "Source"),
    )


def header_tooltip(column: int) -> str:
    """What clicking a column's header does, or why it does not sort (issue 8: columns that
    did not sort gave no sign)."""
    key = COLUMNS[column].key
    if key == "title":
        return QCoreApplication.translate(
            "QueueModel", "Not sortable: titles are free text; use the search box to find one."
        )
    if key == "grid":
        return QCoreApplication.translate(
            "QueueModel",
            "Not sortable: pick a village or grid in the grid tree to see its tickets.",
        )
    if key == "lead_department":
        return QCoreApplication.translate(
            "QueueModel",
            "Not sortable: a ticket may have several departments; filter by a department "
            "from the charts instead.",
        )
    if key in ("status", "category", "source"):
        return QCoreApplication.translate(
            "QueueModel",
            "Click to group the tickets by this column, in registration order within a group; "
            "click again to reverse.",
        )
    return QCoreApplication.translate("QueueModel", "Click to sort; click again to reverse.")


def _fmt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


class QueueModel(QAbstractTableModel):
    """Windowed table of tickets for a QueueFilter and QueueOrder (see module docstring)."""

    sig_loaded = Signal(int)
    """sig_loaded(total: int): a new filter or ordering finished loading (count + first block)."""

    sig_block_loaded = Signal(int)
    """sig_block_loaded(first_row: int): a block of rows arrived and was painted."""

    sig_count_known = Signal(int)
    """sig_count_known(total: int): the exact count arrived after a bounded first count (the
    rows beyond the first count were appended)."""

    sig_refreshed = Signal()
    """sig_refreshed(): a refresh (tickets changed) was applied without resetting the view."""

    def __init__(
        self,
        context: AppContext,
        parent=None,
        *,
        block_size: int = BLOCK_SIZE,
        max_blocks: int = MAX_BLOCKS,
        count_cap: int = COUNT_CAP,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._block_size = block_size
        self._count_cap = max(count_cap, block_size)
        self._max_blocks = max_blocks
        self._filter = QueueFilter()
        self._order = QueueOrder("deadline", False)
        self._total = 0
        self._total_exact = True
        self._blocks: OrderedDict[int, list[QueueRow]] = OrderedDict()
        # Per block, what each row shows (built on first paint of the row: painting asks for
        # ~10 columns × several roles per row, so the strings and brushes are made once).
        self._views: dict[int, list[_RowView | None]] = {}
        self._requested: set[int] = set()
        # Bumped by every new filter/order: late results of an older query are dropped.
        self._generation = 0
        self._loading = False
        self._window = QueryWindow()
        self._now = context.now()
        self._headers = _headers()
        # The operator's current ticket (told by the dock) and its pinned row, if any.
        self._current_id: int | None = None
        self._pin: _Pin | None = None
        self.refreshing = False
        """True while a refresh is being applied (row changes are not the operator's moves)."""
        self._marks: Callable[[int], object | None] = _no_mark
        self.load_is_refresh = False
        """True while the load in progress is a refresh that had to start over (not a view the
        operator chose): the dock keeps the current ticket whatever it brings."""

    # -- what is shown ------------------------------------------------------------------------

    @property
    def queue_filter(self) -> QueueFilter:
        return self._filter

    @property
    def order(self) -> QueueOrder:
        return self._order

    @property
    def total(self) -> int:
        return self._total

    @property
    def total_exact(self) -> bool:
        """False while only a bounded count is known ("at least ``total``")."""
        return self._total_exact

    @property
    def loading(self) -> bool:
        """True while a new filter/order is being counted and its first block loaded."""
        return self._loading

    def cached_row_count(self) -> int:
        """Rows held in memory (bounded by the LRU block cache)."""
        return sum(len(rows) for rows in self._blocks.values())

    def set_query(self, flt: QueueFilter, order: QueueOrder | None = None) -> None:
        """Show the tickets of ``flt`` in ``order`` (kept when None): count and first block
        load in a job; the table switches to them in one step when they arrive."""
        self._filter = flt
        if order is not None:
            self._order = order
        self.load_is_refresh = False
        self._generation += 1
        generation = self._generation
        self._loading = True
        self._now = self._context.now()
        self._window = QueryWindow()
        self._jobs.submit(
            load_first_block,
            self._window,
            flt,
            self._order,
            self._now,
            self._block_size,
            self._count_cap,
            on_result=lambda result: self._on_first_block(generation, result),
            on_error=self._on_error,
            key=f"queue-model-{id(self)}",
        )

    def set_order(self, order: QueueOrder) -> None:
        """Sort in SQL by ``order`` (the filter stays)."""
        self.set_query(self._filter, order)

    def refresh(self) -> None:
        """Re-read the count and the visible blocks; only changed rows are repainted."""
        if self._loading:
            self.set_query(self._filter)
            self.load_is_refresh = True
            return
        self._now = self._context.now()
        recent = list(self._blocks)[-REFRESH_BLOCKS:]
        generation = self._generation
        # The data changed: anchors learned before may point at rows that moved.
        self._window = QueryWindow()
        self._jobs.submit(
            reload_blocks,
            self._window,
            self._filter,
            self._order,
            self._now,
            recent,
            self._block_size,
            self._count_cap,
            self._total,
            self._current_id,
            on_result=lambda result: self._on_reloaded(generation, result),
            on_error=self._on_error,
            key=f"queue-refresh-{id(self)}",
        )

    def row_at(self, row: int) -> QueueRow | None:
        """The loaded row, or None while its block is loading (a fetch is then requested)."""
        view = self._display_view(row)
        return view.row if view is not None else None

    # -- marks of what is new ---------------------------------------------------------------------

    def set_marks(self, lookup: Callable[[int], object | None]) -> None:
        """``lookup(ticket_id)``: a services.whats_new.Unseen for marked tickets, else None."""
        self._marks = lookup

    def marks_changed(self, ticket_ids: list) -> None:
        """Repaint these tickets' rows (their marks appeared or went)."""
        last_col = len(COLUMNS) - 1
        for ticket_id in ticket_ids:
            row = self.row_of_ticket(int(ticket_id))
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_col))

    def _mark_data(self, view: _RowView, column: int, role: int):
        unseen = self._marks(view.row.id)
        if unseen is None:
            return None
        if role == UNSEEN_ROLE:
            return unseen.mark
        if role == _FONT:
            return _font("bold")
        if column != 0:
            return None
        from gridcenter_desktop.ui import whats_new

        if role == _DECORATION:
            return _dot(str(unseen.mark))
        if role == _TOOLTIP:
            return whats_new.mark_text(unseen)
        return None

    # -- the current ticket and its pinned row ---------------------------------------------------

    def set_current_ticket(self, ticket_id: int | None) -> None:
        """The ticket the operator has chosen (the dock tells); a refresh keeps it on screen."""
        self._current_id = ticket_id

    @property
    def pinned_row(self) -> int | None:
        """The row of the pinned current ticket (no longer where the filter puts it), or None."""
        return self._pin.position if self._pin is not None else None

    def unpin(self) -> None:
        """The operator moved on: the pinned row goes."""
        if self._pin is None:
            return
        position = self._pin.position
        self.beginRemoveRows(QModelIndex(), position, position)
        self._pin = None
        self.endRemoveRows()

    def _display_count(self) -> int:
        return self._total + (1 if self._pin is not None else 0)

    def _real_row(self, row: int) -> int:
        """The row of the SQL result shown at ``row`` (-1: the pinned row)."""
        pin = self._pin
        if pin is None or row < pin.position:
            return row
        return -1 if row == pin.position else row - 1

    def _display_row(self, real: int) -> int:
        pin = self._pin
        return real + 1 if pin is not None and real >= pin.position else real

    def _display_view(self, row: int) -> _RowView | None:
        real = self._real_row(row)
        if real < 0:
            return self._pin.view if self._pin is not None else None
        return self._view_at(real)

    def _peek(self, row: int) -> QueueRow | None:
        """The row object shown at ``row`` without asking for a fetch (for refresh diffs)."""
        real = self._real_row(row)
        if real < 0:
            return self._pin.view.row if self._pin is not None else None
        rows = self._blocks.get(real // self._block_size)
        i = real % self._block_size
        return rows[i] if rows is not None and i < len(rows) else None

    def _view_at(self, row: int) -> _RowView | None:
        if row < 0 or row >= self._total:
            return None
        block = row // self._block_size
        rows = self._blocks.get(block)
        if rows is None:
            self._request(block)
            return None
        self._blocks.move_to_end(block)
        i = row - block * self._block_size
        if i >= len(rows):
            return None
        views = self._views[block]
        view = views[i]
        if view is None:
            view = views[i] = self._make_view(rows[i])
        return view

    def row_of_ticket(self, ticket_id: int) -> int | None:
        """Row number of the ticket among the loaded rows (or the pinned one), None when not
        loaded."""
        real = self._real_row_of(ticket_id)
        if real is not None:
            return self._display_row(real)
        if self._pin is not None and self._pin.view.row.id == ticket_id:
            return self._pin.position
        return None

    def _real_row_of(self, ticket_id: int) -> int | None:
        for block, rows in self._blocks.items():
            for i, r in enumerate(rows):
                if r.id == ticket_id:
                    return block * self._block_size + i
        return None

    # -- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._display_count()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if (
            role == _TOOLTIP
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return header_tooltip(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._display_count():
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        # Called thousands of times per paint: cheapest checks first, then cached values.
        if role not in _ROLES or not index.isValid():
            return None
        column = index.column()
        if column >= len(COLUMNS):
            return None
        view = self._display_view(index.row())
        if view is None:
            if role == _DISPLAY and column == 1 and 0 <= index.row() < self._display_count():
                return QCoreApplication.translate("QueueModel", "Loading…")
            return None
        if view.outside:
            return self._outside_data(view, column, role)
        if role == _DISPLAY:
            return view.texts[column]
        if role in _MARK_ROLES:
            marked = self._mark_data(view, column, role)
            if marked is not None or role != _TOOLTIP:
                return marked
        if role == _BACKGROUND:
            return view.background
        if role == _FOREGROUND:
            return view.foreground
        if role == _TOOLTIP:
            return tooltip(view.row.title) if column == 1 else None
        return _row_identity(view, role)

    def _outside_data(self, view: _RowView, column: int, role: int):
        """The pinned row: greyed, italic, and saying it is no longer in the view."""
        outside = QCoreApplication.translate("QueueModel", "No longer in the current filter")
        if role == _DISPLAY:
            return f"【{outside}】{view.texts[1]}" if column == 1 else view.texts[column]
        if role == _FOREGROUND:
            return _OUTSIDE_TEXT_BRUSH
        if role == _FONT:
            return _font("italic")
        if role == _TOOLTIP:
            return QCoreApplication.translate(
                "QueueModel",
                "This ticket no longer matches the filter; it stays here until you move on.",
            )
        return _row_identity(view, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; columns without a QueueOrder field are not sortable (ignored)."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_field is None:
            return
        self.set_order(
            QueueOrder(COLUMNS[column].sort_field, order == Qt.SortOrder.DescendingOrder)
        )

    # -- internals -----------------------------------------------------------------------------

    def _make_view(self, row: QueueRow, *, outside: bool = False) -> _RowView:
        state = deadline_state(
            self._now, row.status, row.due_soon_at, row.deadline_at, row.closed_at
        )
        if row.suspended_at is not None and state in _RUNNING_LATE:
            # 挂起: the clock is stopped, neither due soon nor overdue until resumed.
            state = DeadlineState.ON_TIME
        overdue = state is DeadlineState.OVERDUE
        return _RowView(
            outside,
            row,
            tuple(self._display(row, key) for key in COLUMN_KEYS),
            _OVERDUE_BRUSH
            if overdue
            else _DUE_SOON_BRUSH
            if state is DeadlineState.DUE_SOON
            else None,
            # Dark text on the pale row colours, whatever the theme's text colour (light in
            # the dark theme, unreadable on pale orange).
            _OVERDUE_TEXT_BRUSH
            if overdue
            else _DUE_SOON_TEXT_BRUSH
            if state is DeadlineState.DUE_SOON
            else None,
            state,
        )

    def _display(self, row: QueueRow, key: str) -> str:
        if key == "code":
            return row.code
        if key == "title":
            return row.title
        if key == "status":
            if row.suspended_at is not None:
                return self.tr("{status} (suspended)").format(
                    status=labels.status_label(row.status)
                )
            return labels.status_label(row.status)
        if key == "category":
            return labels.category_label(row.category)
        if key == "priority":
            return labels.priority_label(row.priority)
        if key == "grid":
            if row.grid_name is None and row.to_place:
                return self.tr("To be placed")
            return row.grid_name or ""
        if key == "lead_department":
            return row.lead_department or ""
        if key == "created_at":
            return _fmt(row.created_at)
        if key == "deadline_at":
            return _fmt(row.deadline_at)
        if key == "source":
            return labels.source_label(row.source)
        return ""

    def _request(self, block: int) -> None:
        if block in self._requested or self._loading:
            return
        self._requested.add(block)
        offset = block * self._block_size
        generation = self._generation
        self._jobs.submit(
            load_block,
            self._window,
            self._filter,
            self._order,
            offset,
            min(self._block_size, self._total - offset),
            self._now,
            on_result=lambda rows: self._on_block(generation, block, rows),
            on_error=self._on_error,
        )

    def _store(self, block: int, rows: list[QueueRow]) -> None:
        self._blocks[block] = rows
        self._views[block] = [None] * len(rows)
        self._blocks.move_to_end(block)
        while len(self._blocks) > self._max_blocks:
            dropped, _rows = self._blocks.popitem(last=False)
            self._views.pop(dropped, None)

    def _on_first_block(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        total, exact, rows = result
        self.beginResetModel()
        self._total = total
        self._total_exact = exact
        self._blocks.clear()
        self._views.clear()
        self._requested.clear()
        self._pin = None  # a new view: the operator chose to look elsewhere
        if rows:
            self._store(0, list(rows))
        self._loading = False
        self.endResetModel()
        self.sig_loaded.emit(total)
        if not exact:
            # After the first paint, so the count's thread does not compete with it.
            QTimer.singleShot(0, self, lambda: self._count_exactly(generation))

    def _count_exactly(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._jobs.submit(
            count_exactly,
            self._window,
            self._filter,
            self._now,
            on_result=lambda n: self._on_exact_count(generation, n),
            on_error=self._on_error,
            key=f"queue-count-{id(self)}",
        )

    def _on_exact_count(self, generation: int, total: int) -> None:
        if generation != self._generation or self._loading:
            return
        self._total_exact = True
        self._resize(total)
        self.sig_count_known.emit(total)

    def _on_block(self, generation: int, block: int, rows: list[QueueRow]) -> None:
        self._requested.discard(block)
        if generation != self._generation:
            return
        self._store(block, list(rows))
        first = block * self._block_size
        last = min(first + len(rows), self._total) - 1
        if last >= first:
            self.dataChanged.emit(
                self.index(self._display_row(first), 0),
                self.index(self._display_row(last), len(COLUMNS) - 1),
            )
        self.sig_block_loaded.emit(first)

    def _on_reloaded(self, generation: int, result) -> None:
        if generation != self._generation or self._loading:
            return
        total, exact, fresh, current = result
        self._total_exact = exact
        bs = self._block_size
        # What each affected row showed before, to repaint only rows that changed.
        spans = {b: (self._display_row(b * bs), self._display_row(b * bs) + bs + 1) for b in fresh}
        before = {b: [self._peek(r) for r in range(lo, hi)] for b, (lo, hi) in spans.items()}
        old_blocks = set(self._blocks)
        pin = self._next_pin(fresh, current, total)
        self.refreshing = True
        try:
            old_count = self._display_count()
            new_count = total + (1 if pin is not None else 0)
            if new_count > old_count:
                self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
            elif new_count < old_count:
                self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            self._total = total
            self._pin = pin
            self._blocks.clear()
            self._views.clear()
            self._requested.clear()
            for block, rows in fresh.items():
                self._store(block, list(rows))
            if new_count > old_count:
                self.endInsertRows()
            elif new_count < old_count:
                self.endRemoveRows()
            last_col = len(COLUMNS) - 1
            for block, (lo, hi) in spans.items():
                old = before[block]
                hi = min(hi, new_count)
                start = None
                for r in range(lo, hi + 1):
                    changed = r < hi and (r - lo >= len(old) or old[r - lo] != self._peek(r))
                    if changed and start is None:
                        start = r
                    elif not changed and start is not None:
                        self.dataChanged.emit(self.index(start, 0), self.index(r - 1, last_col))
                        start = None
            # Blocks not re-read were dropped: repaint their rows so visible ones load again.
            for block in old_blocks - fresh.keys():
                first = self._display_row(block * bs)
                last = min(first + bs, new_count) - 1
                if last >= first:
                    self.dataChanged.emit(self.index(first, 0), self.index(last, last_col))
            if pin is not None:
                self.dataChanged.emit(
                    self.index(pin.position, 0), self.index(pin.position, last_col)
                )
        finally:
            self.refreshing = False
        self.sig_refreshed.emit()
        if not exact:
            QTimer.singleShot(0, self, lambda: self._count_exactly(generation))

    def _next_pin(self, fresh: dict, current, total: int) -> _Pin | None:
        """The pinned row after a refresh: the current ticket when the re-read rows no longer
        hold it, kept where it was shown."""
        ticket_id = self._current_id
        if ticket_id is None or current is None or current[0] is None:
            return None
        if any(r.id == ticket_id for rows in fresh.values() for r in rows):
            return None  # still among the rows: the dock selects it where it is now
        if self._pin is not None and self._pin.view.row.id == ticket_id:
            position = self._pin.position
        else:
            real = self._real_row_of(ticket_id)
            if real is None:
                return None  # not on screen before either: nothing to keep in place
            position = self._display_row(real)
        row, inside = current
        return _Pin(min(position, total), self._make_view(row, outside=not inside))

    def _resize(self, total: int) -> None:
        # Rows appear or disappear at the end: rows above keep their index, so the selection
        # and the scroll position stay.
        extra = 1 if self._pin is not None else 0
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total + extra, total + extra - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total + extra, self._total + extra - 1)
            self._total = total
            self.endRemoveRows()
            if self._pin is not None and self._pin.position > total:
                self.unpin()

    def _on_error(self, exc: BaseException) -> None:
        self._loading = False
        self._requested.clear()
        self._context.jobs.sig_job_failed.emit(exc)


@dataclass(frozen=True, slots=True)
class _Pin:
    """The current ticket kept on screen at ``position`` after it left the loaded rows."""

    position: int
    view: _RowView


class _RowView:
    """What one row shows: its texts by column, brushes and deadline state; ``outside``: the
    pinned row of a ticket the filter no longer keeps."""

    __slots__ = ("outside", "row", "texts", "background", "foreground", "state")

    def __init__(self, outside, row, texts, background, foreground, state) -> None:
        self.outside = outside
        self.row = row
        self.texts = texts
        self.background = background
        self.foreground = foreground
        self.state = state


# Plain ints and prebuilt objects: data() compares roles thousands of times per paint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_MARK_ROLES = frozenset({_FONT, _DECORATION, _TOOLTIP, int(UNSEEN_ROLE)})
_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _BACKGROUND,
        _FOREGROUND,
        _FONT,
        _DECORATION,
        int(UNSEEN_ROLE),
        int(TICKET_ID_ROLE),
        int(QUEUE_ROW_ROLE),
        int(DEADLINE_STATE_ROLE),
        int(OUTSIDE_VIEW_ROLE),
    }
)
_OVERDUE_BRUSH = QBrush(OVERDUE_COLOR)
_DUE_SOON_BRUSH = QBrush(DUE_SOON_COLOR)
_OVERDUE_TEXT_BRUSH = QBrush(OVERDUE_TEXT)
_DUE_SOON_TEXT_BRUSH = QBrush(QColor("#1a1a1a"))
_OUTSIDE_TEXT_BRUSH = QBrush(QColor("#6d6d6d"))
_FONTS: dict[str, QFont] = {}


def _no_mark(_ticket_id: int) -> None:
    return None


_DOTS: dict[str, object] = {}


def _dot(mark: str):
    # Made on first use, as the fonts.
    pixmap = _DOTS.get(mark)
    if pixmap is None:
        from gridcenter_desktop.ui.whats_new import CHANGED_COLOR, NEW_COLOR, dot

        pixmap = _DOTS[mark] = dot(NEW_COLOR if mark == "new" else CHANGED_COLOR)
    return pixmap


def _font(kind: str) -> QFont:
    # Made on first use: a QFont wants the application to exist.
    font = _FONTS.get(kind)
    if font is None:
        font = _FONTS[kind] = QFont()
        font.setItalic(kind == "italic")
        font.setBold(kind == "bold")
    return font


_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


def _row_identity(view: _RowView, role: int):
    """The roles that say which ticket a row is (the same for pinned and ordinary rows)."""
    if role == TICKET_ID_ROLE:
        return view.row.id
    if role == QUEUE_ROW_ROLE:
        return view.row
    if role == DEADLINE_STATE_ROLE:
        return view.state
    if role == OUTSIDE_VIEW_ROLE:
        return view.outside
    return None
