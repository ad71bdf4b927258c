"""The import's last page: what was written (added, already there, to be placed, rejected and
where the rejected rows were saved) and the way to the tickets still to be placed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gridcenter_desktop.ui.admin.common import MESSAGE_STYLE
from gridcenter_desktop.ui.plain_text import plain


class DonePage(QWidget):
    sig_show_to_place = Signal()
    """sig_show_to_place(): the user asked for the queue's 待定位 view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = plain(QLabel(self))
        self.summary.setObjectName("intake.done.summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #1e7b34; font-size: 11pt;")
        self._figures = QGridLayout()
        self._figures.setColumnStretch(2, 1)
        self._figure_labels: list[tuple[QLabel, QLabel]] = []
        for _ in range(5):
            name, number = QLabel(self), QLabel(self)
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            number.setObjectName("intake.done.figure")
            row = len(self._figure_labels)
            self._figures.addWidget(name, row, 0)
            self._figures.addWidget(number, row, 1)
            self._figure_labels.append((name, number))
        self.rejects = plain(QLabel(self))
        self.rejects.setObjectName("intake.done.rejects")
        self.rejects.setWordWrap(True)
        self.to_place_button = QPushButton(self.tr("Show the tickets to be &placed"), self)
        self.to_place_button.setObjectName("intake.done.to_place")
        self.to_place_button.clicked.connect(self.sig_show_to_place.emit)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addLayout(self._figures)
        box.addWidget(self.rejects)
        button_row = QHBoxLayout()
        button_row.addWidget(self.to_place_button)
        button_row.addStretch(1)
        box.addLayout(button_row)
        box.addStretch(1)
        self.setFocusProxy(self.to_place_button)

    def figures(self) -> list[tuple[str, str]]:
        """(what, how many) as shown."""
        return [(name.text().strip(), number.text()) for name, number in self._figure_labels]

    def show_outcome(self, outcome) -> None:
        """Say what the import wrote (ui.intake.work.Outcome)."""
        result = outcome.result
        self.summary.setText(
            self.tr("{n} ticket(s) imported.").format(n=result.added)
            if result.added
            else self.tr("Nothing new was imported.")
        )
        figures = (
            (self.tr("Added"), result.added),
            (self.tr("Already imported before (left unchanged)"), result.already_present),
            (self.tr("  of the added, to be placed (no grid guessed)"), result.to_place),
            (self.tr("  of the added, category not yet mapped (imported as 其他)"),
             result.category_unmapped),
            (self.tr("Rejected"), result.rejected),
        )  # fmt: skip
        for (name, number), (text, n) in zip(self._figure_labels, figures, strict=True):
            name.setText(text)
            number.setText(str(n))
        if outcome.rejects_error:
            self.rejects.setStyleSheet(MESSAGE_STYLE)
            self.rejects.setText(
                self.tr(
                    "The rejected rows could not be saved ({reason}); import the sheet again"
                    " with the rows fixed (the imported ones are recognised and skipped)."
                ).format(reason=outcome.rejects_error)
            )
        elif outcome.rejects_path is not None:
            self.rejects.setStyleSheet("")
            self.rejects.setText(
                self.tr("The rejected rows, with a 原因 column, were saved to {path}.").format(
                    path=str(outcome.rejects_path)
                )
            )
        else:
            self.rejects.clear()
        # The 待定位 list holds both: rows without a grid and rows with an unmapped category.
        waiting = result.to_place > 0 or result.category_unmapped > 0
        self.to_place_button.setVisible(waiting)
        self.setFocusProxy(self.to_place_button if waiting else None)
