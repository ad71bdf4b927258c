"""Small tables of the detail dock (assignments, timeline) shown as stacked rows.

A table with five or six columns inside a dock a third of the window wide scrolls sideways
(and the dock around it scrolls too): unreadable. Here every row is a bold first line (when,
who, what) and the rest wrapped beneath it, so the rows always fit the dock's width and only
the dock scrolls, downwards. Everything is plain text: the notes and feedback are what users
typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gridcenter_desktop.ui.plain_text import plain


class StackedRows(QWidget):
    """Rows of ``columns`` cells; the first ``head`` cells make the row's bold first line, the
    others a line each ("title：value") below it, wrapped to the width."""

    def __init__(self, columns: list[str], head: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._head = head
        self._rows: list[list[str]] = []
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def rowCount(self) -> int:  # noqa: N802 - the table's name for it
        return len(self._rows)

    def rows(self) -> list[list[str]]:
        """The cells of every row, as given."""
        return [list(r) for r in self._rows]

    def set_rows(self, rows: list[list[str]]) -> None:
        """Show these rows (each a list of ``columns`` cells)."""
        while self._box.count():
            item = self._box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._rows = [list(r) for r in rows]
        bold = QFont(self.font())
        bold.setBold(True)
        for n, cells in enumerate(self._rows):
            if n:
                line = QFrame(self)
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                self._box.addWidget(line)
            head = "　".join(c for c in cells[: self._head] if c)
            self._box.addWidget(self._label(head, bold))
            rest = [
                f"{title}：{value}"
                for title, value in zip(
                    self._columns[self._head :], cells[self._head :], strict=True
                )
                if value
            ]
            if rest:
                self._box.addWidget(self._label("\n".join(rest), None))

    def _label(self, text: str, font: QFont | None) -> QLabel:
        label = plain(QLabel(text, self))
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if font is not None:
            label.setFont(font)
        else:
            label.setIndent(12)
        return label
