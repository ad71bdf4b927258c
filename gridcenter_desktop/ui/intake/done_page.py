"""The import's last page: what was written (added, already there, to be placed, rejected and
where the rejected rows were saved) and the way to the tickets still to be placed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

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
        self.figures = plain(QLabel(self))
        self.figures.setObjectName("intake.done.figures")
        self.figures.setWordWrap(True)
        self.rejects = plain(QLabel(self))
        self.rejects.setObjectName("intake.done.rejects")
        self.rejects.setWordWrap(True)
        self.to_place_button = QPushButton(self.tr("Show the tickets to be &placed"), self)
        self.to_place_button.setObjectName("intake.done.to_place")
        self.to_place_button.clicked.connect(self.sig_show_to_place.emit)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(self.figures)
        box.addWidget(self.rejects)
        box.addWidget(self.to_place_button)
        box.addStretch(1)
        self.setFocusProxy(self.to_place_button)

    def show_outcome(self, outcome) -> None:
        """Say what the import wrote (ui.intake.work.Outcome)."""
        result = outcome.result
        self.summary.setText(
            self.tr("{n} ticket(s) imported.").format(n=result.added)
            if result.added
            else self.tr("Nothing new was imported.")
        )
        lines = [
            self.tr("Added: {n}").format(n=result.added),
            self.tr("Already imported before (left unchanged): {n}").format(
                n=result.already_present
            ),
            self.tr("To be placed (no grid guessed from the address): {n}").format(
                n=result.to_place
            ),
            self.tr("Imported as 其他, category not yet mapped: {n}").format(
                n=result.category_unmapped
            ),
            self.tr("Rejected: {n}").format(n=result.rejected),
        ]
        self.figures.setText("\n".join(lines))
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
        self.to_place_button.setVisible(result.to_place > 0)
        self.setFocusProxy(self.to_place_button if result.to_place else None)
