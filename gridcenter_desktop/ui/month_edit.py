"""A year-month field whose arrows step the month: a plain QDateEdit puts the focus on its
first section, the year, so Up/Down jumped a year (the 走访 coverage and the workers' page
both choose a month)."""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit


class MonthEdit(QDateEdit):
    """A QDateEdit shown as yyyy-MM whose focus lands on the month."""

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.setCurrentSection(QDateEdit.Section.MonthSection)
