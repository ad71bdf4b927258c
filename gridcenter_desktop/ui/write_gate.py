"""Write actions off while the server is unreachable.

Buttons that write (the dispatch form's send, a dialog's OK, the users dialog's actions) keep
being switched on and off by their owners for their own reasons (a ticket loaded, a job
running). The gate remembers what each owner asked for and applies it only while writing is
possible, so nothing has to re-check the connection and nothing typed is touched: only the
buttons go grey.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class WriteGate(QObject):
    """``gate(widget)`` a write button; ``set_writable(False)`` greys every gated one."""

    sig_writable_changed = Signal(bool)
    """sig_writable_changed(writable: bool): writing became possible (True) or not."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writable = True
        # widget -> (the widget's own setEnabled, what its owner last asked for)
        self._gated: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @property
    def writable(self) -> bool:
        return self._writable

    def gate(self, widget: QWidget) -> QWidget:
        """Keep ``widget`` disabled while writing is impossible; returns it."""
        if widget in self._gated:
            return widget
        own_set_enabled = widget.setEnabled
        state = {"wanted": widget.isEnabled()}
        gate = weakref.ref(self)

        def set_enabled(enabled: bool) -> None:
            state["wanted"] = bool(enabled)
            current = gate()
            own_set_enabled(bool(enabled) and (current is None or current.writable))

        # The owner's calls (always from Python) go through the gate; Qt's own calls of the
        # C++ method (none for these buttons) would not, which is fine.
        widget.setEnabled = set_enabled  # type: ignore[method-assign]
        widget.setDisabled = lambda disabled: set_enabled(not disabled)  # type: ignore[method-assign]
        self._gated[widget] = (own_set_enabled, state)
        if not self._writable:
            own_set_enabled(False)
        return widget

    def set_writable(self, writable: bool) -> None:
        """Grey (False) or restore (True) every gated widget to what its owner wants."""
        if writable == self._writable:
            return
        self._writable = writable
        for own_set_enabled, state in list(self._gated.values()):
            try:
                own_set_enabled(writable and state["wanted"])
            except RuntimeError:  # the widget's C++ side is gone
                continue
        self.sig_writable_changed.emit(writable)
