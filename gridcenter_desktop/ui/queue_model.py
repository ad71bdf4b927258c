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
"""

from __future__ import annotations

from collections import OrderedDict
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
from PySide6.QtGui import QBrush, QColor

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

OVERDUE_COLOR = QColor("#f8d0d0")
DUE_SOON_COLOR = QColor("#fbe5b6")
OVERDUE_TEXT = QColor("#a01010")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    # services.queue.QueueOrder field this column sorts by; None: not sortable.
    sort_field: str | None = None


COLUMNS: tuple[Column, ...] = (
    Column("code", "code"),
    Column("title"),
    Column("status"),
    Column("category"),
    Column("priority", "priority"),
    Column("grid"),
    Column("lead_department"),
    Column("created_at", "created"),
    Column("deadline_at", "deadline"),
    Column("source"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)


def column_of(key: str) -> int:
    """Index of the column with this key."""
    return COLUMN_KEYS.index(key)


def sortable_column(field: str) -> int:
    """Index of the column that sorts by this QueueOrder field."""
    return next(i for i, c in enumerate(COLUMNS) if c.sort_field == field)


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
            on_result=lambda result: self._on_reloaded(generation, result),
            on_error=self._on_error,
            key=f"queue-refresh-{id(self)}",
        )

    def row_at(self, row: int) -> QueueRow | None:
        """The loaded row, or None while its block is loading (a fetch is then requested)."""
        view = self._view_at(row)
        return view.row if view is not None else None

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
        """Row number of the ticket among the loaded rows, None when not loaded."""
        for block, rows in self._blocks.items():
            for i, r in enumerate(rows):
                if r.id == ticket_id:
                    return block * self._block_size + i
        return None

    # -- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._total:
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
        view = self._view_at(index.row())
        if view is None:
            if role == _DISPLAY and column == 1 and 0 <= index.row() < self._total:
                return QCoreApplication.translate("QueueModel", "Loading…")
            return None
        if role == _DISPLAY:
            return view.texts[column]
        if role == _BACKGROUND:
            return view.background
        if role == _FOREGROUND:
            return view.foreground
        if role == _TOOLTIP:
            return tooltip(view.row.title) if column == 1 else None
        if role == TICKET_ID_ROLE:
            return view.row.id
        if role == QUEUE_ROW_ROLE:
            return view.row
        if role == DEADLINE_STATE_ROLE:
            return view.state
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; columns without a QueueOrder field are not sortable (ignored)."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_field is None:
            return
        self.set_order(
            QueueOrder(COLUMNS[column].sort_field, order == Qt.SortOrder.DescendingOrder)
        )

    # -- internals -----------------------------------------------------------------------------

    def _make_view(self, row: QueueRow) -> _RowView:
        state = deadline_state(
            self._now, row.status, row.due_soon_at, row.deadline_at, row.closed_at
        )
        overdue = state is DeadlineState.OVERDUE
        return _RowView(
            row,
            tuple(self._display(row, key) for key in COLUMN_KEYS),
            _OVERDUE_BRUSH
            if overdue
            else _DUE_SOON_BRUSH
            if state is DeadlineState.DUE_SOON
            else None,
            _OVERDUE_TEXT_BRUSH if overdue else None,
            state,
        )

    def _display(self, row: QueueRow, key: str) -> str:
        if key == "code":
            return row.code
        if key == "title":
            return row.title
        if key == "status":
            return labels.status_label(row.status)
        if key == "category":
            return labels.category_label(row.category)
        if key == "priority":
            return labels.priority_label(row.priority)
        if key == "grid":
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
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.sig_block_loaded.emit(first)

    def _on_reloaded(self, generation: int, result) -> None:
        if generation != self._generation or self._loading:
            return
        total, exact, fresh = result
        self._total_exact = exact
        self._resize(total)
        old = dict(self._blocks)
        self._blocks.clear()
        self._views.clear()
        self._views.clear()
        self._requested.clear()
        for block, rows in fresh.items():
            self._store(block, list(rows))
        last_col = len(COLUMNS) - 1
        for block, rows in fresh.items():
            before = old.get(block, [])
            first = block * self._block_size
            start = None
            for i in range(len(rows) + 1):
                changed = i < len(rows) and (i >= len(before) or before[i] != rows[i])
                if changed and start is None:
                    start = i
                elif not changed and start is not None:
                    self.dataChanged.emit(
                        self.index(first + start, 0), self.index(first + i - 1, last_col)
                    )
                    start = None
        # Blocks not re-read were dropped: repaint their rows so visible ones load again.
        for block in old.keys() - fresh.keys():
            first = block * self._block_size
            last = min(first + self._block_size, self._total) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, last_col))
        self.sig_refreshed.emit()
        if not exact:
            QTimer.singleShot(0, self, lambda: self._count_exactly(generation))

    def _resize(self, total: int) -> None:
        # Rows appear or disappear at the end: rows above keep their index, so the selection
        # and the scroll position stay.
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self.endRemoveRows()

    def _on_error(self, exc: BaseException) -> None:
        self._loading = False
        self._requested.clear()
        self._context.jobs.sig_job_failed.emit(exc)


class _RowView:
    """What one row shows: its texts by column, brushes and deadline state."""

    __slots__ = ("row", "texts", "background", "foreground", "state")

    def __init__(self, row, texts, background, foreground, state) -> None:
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
_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _BACKGROUND,
        _FOREGROUND,
        int(TICKET_ID_ROLE),
        int(QUEUE_ROW_ROLE),
        int(DEADLINE_STATE_ROLE),
    }
)
_OVERDUE_BRUSH = QBrush(OVERDUE_COLOR)
_DUE_SOON_BRUSH = QBrush(DUE_SOON_COLOR)
_OVERDUE_TEXT_BRUSH = QBrush(OVERDUE_TEXT)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
