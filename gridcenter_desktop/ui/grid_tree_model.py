"""Qt models of the grid tree dock: the area tree with open/overdue counts, the filter that
matches names and pinyin initials, and a grid's team.

The tree is small (a town: a few dozen villages and grids), so it is held whole. When counts
change but the tree does not, only the count cells are updated (dataChanged): the operator's
selection and expanded nodes stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.services.areas import AreaNode
from gridcenter_desktop.services.grid_team import TeamMember
from gridcenter_desktop.ui.appearance import tone
from gridcenter_desktop.ui.labels import area_level_label, member_role_label
from gridcenter_desktop.ui.plain_text import tooltip

AREA_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_KEYS_ROLE = Qt.ItemDataRole.UserRole + 3

COL_NAME, COL_OPEN, COL_OVERDUE = range(3)
RETIRED_COLOR = QColor("#8a8a8a")

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument


def search_keys(name: str) -> tuple[str, ...]:
    """What a filter text may match for ``name``: the name itself, its pinyin initials
    ("迂里村" → "ylc") and its full pinyin ("yulicun"). Qt-free; run it off the GUI thread the
    first time (pypinyin loads its dictionary)."""
    from pypinyin import Style, lazy_pinyin

    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    full = "".join(lazy_pinyin(name)).lower()
    return (name.lower(), initials, full)


def keys_for_tree(roots: Iterable[AreaNode]) -> dict[int, tuple[str, ...]]:
    """search_keys of every node, by area id."""
    keys: dict[int, tuple[str, ...]] = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        keys[node.id] = search_keys(node.name)
        stack.extend(node.children)
    return keys


@dataclass(eq=False)
class _Item:
    node: AreaNode
    parent: _Item | None
    row: int
    keys: tuple[str, ...]
    children: list[_Item] = field(default_factory=list)


def _shape(nodes: Iterable[AreaNode]) -> tuple:
    # Retiring or restoring a grid changes how it is shown: another shape, so a reset.
    return tuple((n.id, n.name, n.level, n.retired, _shape(n.children)) for n in nodes)


class GridTreeModel(QAbstractItemModel):
    """Town → village/community → grid, with each node's open and overdue ticket counts."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._roots: list[_Item] = []
        self._by_id: dict[int, _Item] = {}
        self._shape: tuple = ()

    # -- loading -------------------------------------------------------------------------------

    def set_tree(self, roots: list[AreaNode], keys: dict[int, tuple[str, ...]]) -> None:
        """Show ``roots``. Same tree as before: only changed counts are signalled (selection and
        expansion survive); another tree: a reset."""
        shape = _shape(roots)
        if shape == self._shape and self._roots:
            self._update_counts(roots)
            return
        self.beginResetModel()
        self._by_id = {}
        self._roots = [self._wrap(node, None, row, keys) for row, node in enumerate(roots)]
        self._shape = shape
        self.endResetModel()

    def _wrap(
        self, node: AreaNode, parent: _Item | None, row: int, keys: dict[int, tuple[str, ...]]
    ) -> _Item:
        item = _Item(node, parent, row, keys.get(node.id, (node.name.lower(),)))
        item.children = [self._wrap(c, item, r, keys) for r, c in enumerate(node.children)]
        self._by_id[node.id] = item
        return item

    def _update_counts(self, roots: list[AreaNode]) -> None:
        stack = list(roots)
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            item = self._by_id[node.id]
            old = item.node
            item.node = node
            if (old.open_count, old.overdue_count) != (node.open_count, node.overdue_count):
                left = self.createIndex(item.row, COL_OPEN, item)
                right = self.createIndex(item.row, COL_OVERDUE, item)
                self.dataChanged.emit(left, right)

    # -- lookups -------------------------------------------------------------------------------

    def index_of(self, area_id: int, column: int = 0) -> QModelIndex:
        """The index of area ``area_id`` (invalid when not in the tree)."""
        item = self._by_id.get(area_id)
        if item is None:
            return QModelIndex()
        return self.createIndex(item.row, column, item)

    def node(self, index: Index) -> AreaNode | None:
        item = self._item(index)
        return item.node if item is not None else None

    def _item(self, index: Index) -> _Item | None:
        if not index.isValid():
            return None
        return index.internalPointer()

    # -- QAbstractItemModel --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column < 0 or column >= self.columnCount() or row < 0:
            return QModelIndex()
        siblings = self._children(parent)
        if siblings is None or row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        item = self._item(index)
        if item is None or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.parent.row, 0, item.parent)

    def _children(self, parent: Index) -> list[_Item] | None:
        if not parent.isValid():
            return self._roots
        if parent.column() != 0:
            return None
        return parent.internalPointer().children

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt API
        children = self._children(parent)
        return len(children) if children is not None else 0

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt API
        return 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        item = self._item(index)
        if item is None:
            return None
        node = item.node
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                # A retired grid still shows while tickets point at it, marked so nobody
                # mistakes it for one in service.
                if node.retired:
                    return self.tr("{name} (retired)").format(name=node.name)
                return node.name
            if col == COL_OPEN:
                return str(node.open_count)
            return str(node.overdue_count)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(
                self.tr("{level} {name}: {open} open tickets, {overdue} overdue").format(
                    level=area_level_label(node.level),
                    name=node.name,
                    open=node.open_count,
                    overdue=node.overdue_count,
                )
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and col != COL_NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_OVERDUE and node.overdue_count:
            return QBrush(tone("overdue"))  # read at each paint: follows the theme
        if role == Qt.ItemDataRole.ForegroundRole and node.retired:
            return QBrush(RETIRED_COLOR)
        if role == Qt.ItemDataRole.FontRole and col == COL_NAME and node.level != AreaLevel.GRID:
            font = QFont()
            font.setBold(True)
            return font
        if role == AREA_ID_ROLE:
            return node.id
        if role == LEVEL_ROLE:
            return str(node.level)
        if role == SEARCH_KEYS_ROLE:
            return list(item.keys)
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == COL_NAME:
            return self.tr("Area")
        if section == COL_OPEN:
            return self.tr("Open")
        if section == COL_OVERDUE:
            return self.tr("Overdue")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class AreaFilterProxy(QSortFilterProxyModel):
    """Keeps the nodes whose name, pinyin initials or full pinyin contain the filter text, with
    their ancestors (so the path to a match stays visible) and their descendants (typing a
    village shows its grids)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_filter_text(self, text: str) -> None:
        """Filter by ``text`` (case-insensitive; spaces ignored); "" shows everything."""
        needle = "".join(text.split()).lower()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._needle:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        keys = index.data(SEARCH_KEYS_ROLE) or ()
        return any(self._needle in key for key in keys)


class GridTeamModel(QAbstractTableModel):
    """The members of the selected grid: name, role in the 1+1+N team, phone."""

    COLUMNS = 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._members: list[TeamMember] = []

    def set_members(self, members: list[TeamMember]) -> None:
        self.beginResetModel()
        self._members = list(members)
        self.endResetModel()

    def members(self) -> list[TeamMember]:
        return list(self._members)

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        member = self._members[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return member.name
            if col == 1:
                role_text = member_role_label(member.role)
                return role_text + (self.tr(" (party member)") if member.party_member else "")
            return member.phone or ""
        if role == Qt.ItemDataRole.UserRole:
            return member.id
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            (self.tr("Name"), self.tr("Role"), self.tr("Phone"))[section] if section < 3 else None
        )
