"""Add and edit dialogs of the registers, built from a list of fields: keyboard-first (Tab
through the fields, Enter saves), the service's ValidationError shown under the form with the
field it names focused; nothing is kept unless the service accepts it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.plain_text import plain

_DATE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*")


@dataclass(frozen=True)
class Field:
    """A form field: the service form's attribute, its label, what it is (text, note, date,
    count, yes_no, choice) and the choices (value, label) of a choice."""

    name: str
    label: str
    kind: str = "text"
    choices: tuple[tuple[object, str], ...] = ()
    # The ValidationError field names that point at this input.
    errors: tuple[str, ...] = ()


def parse_day(text: str) -> date | None:
    """2026-03-02, 2026/3/2 or 2026年3月2日; None for empty; ValueError for anything else."""
    if not text.strip():
        return None
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(text)
    return date(*(int(g) for g in match.groups()))


class RegisterFormDialog(QDialog):
    """Fills ``fields`` from ``values`` (a row or {}), and on OK calls ``save(values)``, which
    calls the service and raises its errors; the dialog stays open on an error."""

    def __init__(
        self,
        title: str,
        fields: list[Field],
        values: dict[str, object],
        save: Callable[[dict[str, object]], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("register_form_dialog")
        self.setWindowTitle(title)
        self._fields = fields
        self._save = save
        self.result_value: object = None
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout()
        for f in fields:
            widget = self._input(f, values.get(f.name))
            widget.setObjectName(f"register_field_{f.name}")
            self.inputs[f.name] = widget
            label = QLabel(f.label, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.error = plain(QLabel(self))
        self.error.setObjectName("register_form_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00000")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def _input(self, f: Field, value: object) -> QWidget:
        if f.kind == "note":
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setPlainText(str(value or ""))
            edit.setFixedHeight(64)
            return edit
        if f.kind == "count":
            spin = QSpinBox(self)
            spin.setRange(0, 10000)
            spin.setValue(int(value or 0))
            return spin
        if f.kind == "yes_no":
            box = QCheckBox(self)
            box.setChecked(bool(value))
            return box
        if f.kind == "choice":
            combo = QComboBox(self)
            for data, text in f.choices:
                combo.addItem(text, data)
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(index, 0))
            return combo
        edit = QLineEdit(self)
        if f.kind == "date":
            edit.setPlaceholderText("2026-03-02")
            edit.setText(value.isoformat() if isinstance(value, date) else "")
        else:
            edit.setText(str(value or ""))
        return edit

    def values(self) -> dict[str, object]:
        """The inputs' values; ValidationError naming a date that does not read as one."""
        out: dict[str, object] = {}
        for f in self._fields:
            widget = self.inputs[f.name]
            if isinstance(widget, QPlainTextEdit):
                out[f.name] = widget.toPlainText()
            elif isinstance(widget, QSpinBox):
                out[f.name] = widget.value()
            elif isinstance(widget, QCheckBox):
                out[f.name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                out[f.name] = widget.currentData()
            elif f.kind == "date":
                try:
                    out[f.name] = parse_day(widget.text())
                except ValueError:
                    self._show(
                        f.name,
                        QCoreApplication.translate(
                            "Registers", "{field}: write a date as 2026-03-02."
                        ).format(field=f.label),
                    )
                    raise
            else:
                out[f.name] = widget.text()
        return out

    def try_save(self) -> None:
        try:
            values = self.values()
        except ValueError:
            return
        try:
            self.result_value = self._save(values)
        except ValidationError as exc:
            target = next(
                (f.name for f in self._fields if exc.field == f.name or exc.field in f.errors), None
            )
            self._show(target, labels.error_text(exc))
            return
        except ServiceError as exc:
            self._show(None, labels.error_text(exc))
            return
        self.accept()

    def _show(self, field: str | None, text: str) -> None:
        self.error.setText(text)
        if field is not None:
            self.inputs[field].setFocus()
