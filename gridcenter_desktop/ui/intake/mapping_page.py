"""The mapping page: each header of the sheet with what its column holds (or 忽略), set once by
the user and, with a name, saved as the platform's profile for the next import."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import IntakeField, IntakeSource
from gridcenter_desktop.services.intake.rows import TICKET_SOURCE_OF, Profile, column_letter
from gridcenter_desktop.ui.admin.common import MESSAGE_STYLE, NOTE_STYLE
from gridcenter_desktop.ui.labels import intake_field_choices
from gridcenter_desktop.ui.plain_text import plain, plain_label


def _example(sheet, column: int) -> str:
    """The first non-empty cell of the column, to recognise what it holds."""
    for row in sheet.rows[:20]:
        if column < len(row.cells) and str(row.cells[column]).strip():
            text = str(row.cells[column]).strip()
            return text if len(text) <= 30 else text[:29] + "…"
    return ""


class MappingPage(QWidget):
    """One combo per header; ``mapping()`` gives (header, field or None) in column order."""

    sig_changed = Signal()
    """sig_changed(): a column's field, the save choice or the profile name changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sheet = None
        self._combos: list[QComboBox] = []
        self.intro = plain(QLabel(self))
        self.intro.setObjectName("intake.mapping.intro")
        self.intro.setWordWrap(True)
        self.problems = plain(QLabel(self))
        self.problems.setObjectName("intake.mapping.problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(MESSAGE_STYLE)
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setColumnStretch(3, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("intake.mapping.columns")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._grid_host)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the combos themselves
        self.save_check = QCheckBox(self.tr("&Save this mapping as a profile named"), self)
        self.save_check.setObjectName("intake.mapping.save")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("intake.mapping.name")
        self.name_edit.setPlaceholderText(self.tr("e.g. 区平台工单导出"))
        self.name_edit.setEnabled(False)
        self.save_check.toggled.connect(self.name_edit.setEnabled)
        self.save_check.toggled.connect(lambda on: on and self.name_edit.setFocus())
        self.save_check.toggled.connect(lambda _on: self.sig_changed.emit())
        self.name_edit.textChanged.connect(lambda _t: self.sig_changed.emit())
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_check)
        save_row.addWidget(self.name_edit, 1)
        note = QLabel(
            self.tr("A saved profile reads this platform's sheets without asking next time."),
            self,
        )
        note.setStyleSheet(NOTE_STYLE)
        note.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addWidget(self.problems)
        box.addWidget(scroll, 1)
        box.addLayout(save_row)
        box.addWidget(note)

    def show_sheet(self, sheet, problem_texts: list[str], profile_name: str = "") -> None:
        """The sheet's headers with the fields the reader gave them; ``problem_texts`` say what
        is still missing."""
        self._sheet = sheet
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._combos = []
        # The field next to its header (an example far to the right is only a hint).
        heads = (self.tr("Column"), self.tr("Header"), self.tr("Holds"), self.tr("Example"))
        for c, text in enumerate(heads):
            head = QLabel(f"<b>{text}</b>", self._grid_host)
            self._grid.addWidget(head, 0, c)
        choices = intake_field_choices()
        unrecognised = set(sheet.unrecognised)
        for i, header in enumerate(sheet.headers):
            letter = QLabel(column_letter(i), self._grid_host)
            name = plain_label(header or self.tr("(no header)"), self._grid_host)
            if header in unrecognised:
                name.setStyleSheet("font-weight: bold;")
                name.setToolTip(self.tr("Not recognised: choose what this column holds"))
            example = plain_label(_example(sheet, i), self._grid_host)
            example.setStyleSheet(NOTE_STYLE)
            combo = QComboBox(self._grid_host)
            combo.setObjectName(f"intake.mapping.field.{i}")
            combo.addItem(self.tr("Ignore"), None)
            for code, label in choices:
                combo.addItem(label, code)
            field = sheet.fields[i] if i < len(sheet.fields) else None
            combo.setCurrentIndex(combo.findData(field.value) if field is not None else 0)
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            name.setBuddy(combo)
            self._grid.addWidget(letter, i + 1, 0)
            self._grid.addWidget(name, i + 1, 1)
            self._grid.addWidget(combo, i + 1, 2)
            self._grid.addWidget(example, i + 1, 3)
            self._combos.append(combo)
        self._grid.setRowStretch(len(sheet.headers) + 1, 1)
        self.intro.setText(
            self.tr(
                "{name}: say what each column holds. {n} header(s) were not recognised (in"
                " bold); columns set to Ignore are not imported."
            ).format(name=sheet.path.name, n=len(unrecognised))
        )
        self._problem_texts = problem_texts
        self.name_edit.setText(profile_name)
        self._changed()
        first = next(
            (c for c, h in zip(self._combos, sheet.headers, strict=False) if h in unrecognised),
            self._combos[0] if self._combos else None,
        )
        if first is not None:
            self.setFocusProxy(first)

    def mapping(self) -> tuple[tuple[str, IntakeField | None], ...]:
        return tuple(
            (header, None if combo.currentData() is None else IntakeField(combo.currentData()))
            for header, combo in zip(self._sheet.headers, self._combos, strict=True)
        )

    def repeated_fields(self) -> list[IntakeField]:
        """Fields chosen for more than one column (a profile maps each field at most once)."""
        seen: set[IntakeField] = set()
        repeated: list[IntakeField] = []
        for _header, field in self.mapping():
            if field is not None and field in seen and field not in repeated:
                repeated.append(field)
            if field is not None:
                seen.add(field)
        return repeated

    def profile_name(self) -> str | None:
        """The name to save the mapping under (None: not saved)."""
        return self.name_edit.text().strip() if self.save_check.isChecked() else None

    def ready(self) -> bool:
        if self._sheet is None or self.repeated_fields():
            return False
        return self.profile_name() != ""

    def profile(self, source: IntakeSource, name: str = "", profile_id=None) -> Profile:
        """The mapping as a profile (saved under ``name``, or used once unsaved)."""
        return Profile(
            name=name,
            source=source,
            ticket_source=TICKET_SOURCE_OF[source],
            columns=self.mapping(),
            id=profile_id,
        )

    def _changed(self) -> None:
        from gridcenter_desktop.ui.labels import intake_field_label

        repeated = self.repeated_fields()
        lines = list(self._problem_texts)
        if repeated:
            lines.append(
                self.tr("Each field can be chosen for one column only: {fields}.").format(
                    fields="、".join(intake_field_label(f) for f in repeated)
                )
            )
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        self.sig_changed.emit()
