"""A thin table model over the rows a service returned (STYLE: models adapt rows, never live
ORM objects): the rows are replaced whole when a reload answers, a subclass names its column
headers and answers ``data``. The registers', visits', workers', channels' and notices' tables
are such models."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

_ANY = QModelIndex()


class RowTableModel(QAbstractTableModel):
    """Rows of one kind under ``COLUMNS`` columns named by :meth:`headers`."""

    COLUMNS = 0

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def headers(self) -> list[str]:
        """The columns' titles, translated when asked (the language can change)."""
        raise NotImplementedError

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row_at(self, row: int):
        """The row shown at ``row``, or None outside the table."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=_ANY) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ANY) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.COLUMNS
        ):
            return self.headers()[section]
        return None
