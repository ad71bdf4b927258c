"""Problems shown at the field: a red border on the input and the message right under it.

The dispatch form, the register dialog and the workflow dialogs mark a ValidationError(field,
rule) the same way through :class:`FieldErrors`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gridcenter_desktop.services.connection import is_disconnect
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.ui import labels

INVALID_STYLE = "border: 1px solid #d02020;"
MESSAGE_STYLE = "color: #c01010;"
# The first of these a field's widget has tells that the operator changed it.
_CHANGE_SIGNALS = ("textChanged", "currentIndexChanged", "valueChanged", "dateTimeChanged")


class FieldErrors:
    """Maps service field names to input widgets; shows and clears the messages under them."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._labels: dict[str, str] = {}

    def wrap(self, name: str, widget: QWidget, *aliases: str, label: str | None = None) -> QWidget:
        """A container holding ``widget`` and its (hidden) message label; put it in the form
        instead of the bare widget. ``aliases``: other field names services use for it.
        ``label``: the field's name as the form shows it, for the message (a service's field
        name can mean different things in different forms)."""
        box = QWidget()
        # A form label's Alt+letter (its buddy is this box) and setFocus reach the widget.
        box.setFocusProxy(widget)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        message = QLabel(box)
        message.setTextFormat(Qt.TextFormat.PlainText)  # may quote what the user typed
        message.setObjectName(f"error_{name}")
        message.setStyleSheet(MESSAGE_STYLE)
        message.setWordWrap(True)
        message.hide()
        layout.addWidget(message)
        for key in (name, *aliases):
            self._fields[key] = (widget, message)
            if label:
                self._labels[key] = label.replace("&", "").rstrip(":：")
        # Editing the field takes its mark away (issue 8: the message stayed after the field
        # was fixed); the next submit checks it again.
        for signal_name in _CHANGE_SIGNALS:
            signal = getattr(widget, signal_name, None)
            if signal is not None:
                signal.connect(lambda *_a, w=widget: self._clear_widget(w))
                break
        return box

    def _clear_widget(self, widget: QWidget) -> None:
        for entry_widget, message in self._fields.values():
            if entry_widget is widget and widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setStyleSheet("")
                message.clear()
                message.hide()

    def show(self, field_name: str, text: str) -> bool:
        """Mark the field; False when the form has no widget for it."""
        entry = self._fields.get(field_name)
        if entry is None:
            return False
        widget, message = entry
        widget.setProperty("invalid", True)
        widget.setStyleSheet(INVALID_STYLE)
        message.setText(text)
        message.show()
        return True

    def show_error(self, exc: ValidationError) -> bool:
        """Mark the field a service named; False when the form has no such field."""
        return self.show(exc.field, labels.error_text(exc, self._labels.get(exc.field)))

    def form_message(
        self, exc: BaseException, report_unexpected: Callable[[BaseException], object]
    ) -> str | None:
        """Route a failed action's error: a ValidationError about one of this form's fields is
        marked at the field; anything that is not a service error goes to
        ``report_unexpected`` (the log and the plain error dialog). Returns the text for the
        form's own message line, or None when the error was handled here."""
        if isinstance(exc, ValidationError) and self.show_error(exc):
            return None
        if is_disconnect(exc):
            # Not a bug: the connection monitor greys the buttons and retries.
            return QCoreApplication.translate(
                "FieldErrors",
                "The connection to the server was lost; what you typed is kept. Try again"
                " once the status bar says the connection is back.",
            )
        if not isinstance(exc, ServiceError):
            report_unexpected(exc)
            return None
        return labels.error_text(exc)

    def clear(self) -> None:
        """Remove every mark."""
        for widget, message in self._fields.values():
            widget.setProperty("invalid", False)
            widget.setStyleSheet("")
            message.clear()
            message.hide()

    def message(self, field_name: str) -> str:
        """The message shown at the field ("" when none)."""
        entry = self._fields.get(field_name)
        return entry[1].text() if entry is not None and not entry[1].isHidden() else ""

    def invalid_fields(self) -> set[str]:
        """Names (and aliases) of the fields currently marked."""
        return {name for name, (w, _m) in self._fields.items() if w.property("invalid")}
