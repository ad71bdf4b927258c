"""The keyboard all the way: multi-line fields Tab leaves, window shortcuts that text inputs let
through, and moving between the docks (Ctrl+1..5, F6 / Shift+F6).

Why inputs need help: a QLineEdit claims some keys before the window's shortcuts see them
(ShortcutOverride), e.g. Ctrl+E (end of line) and Ctrl+D (delete) under X11's key bindings, so
Ctrl+E would not export while the cursor is in the search box. :class:`ShortcutPassage` lets
the window's own shortcuts through; every other key stays the input's.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

# Where the cursor goes in a dock (objectName of a widget inside it); otherwise the first
# widget of the dock that takes the keyboard.
FOCUS_TARGETS = {
    "dock.queue": "queue_table",
    "dock.grid_tree": "grid_tree.tree",
}


class _CtrlTabInserts(QObject):
    """Ctrl+Tab types a tab in a multi-line field whose Tab moves on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and isinstance(watched, QPlainTextEdit | QTextEdit)
            and not watched.isReadOnly()
        ):
            watched.insertPlainText("\t")
            return True
        return False


_ctrl_tab = None


def tab_leaves(edit: QPlainTextEdit | QTextEdit) -> QPlainTextEdit | QTextEdit:
    """Tab moves to the next field, Shift+Tab back; Ctrl+Tab types a tab (returns ``edit``)."""
    global _ctrl_tab
    if _ctrl_tab is None:
        _ctrl_tab = _CtrlTabInserts(QApplication.instance())
    edit.setTabChangesFocus(True)
    edit.installEventFilter(_ctrl_tab)
    return edit


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab visits ``widgets`` in this order (the order they are seen, not created)."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


class ShortcutPassage(QObject):
    """Installed on text inputs: the window's shortcuts win over the input's own bindings."""

    def __init__(self, keys: Iterable[QKeySequence], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = {seq[0].toCombined() for seq in keys if not seq.isEmpty()}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combo = event.keyCombination().toCombined()
            if combo in self._keys:
                event.ignore()
                return True  # not offered to the input: the shortcut map takes it
        return False

    def install(self, root: QWidget) -> None:
        """Watch every text input under ``root`` (and multi-line ones: Tab leaves them)."""
        for widget in root.findChildren(QWidget):
            if isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
                tab_leaves(widget)
            if isinstance(widget, QLineEdit | QAbstractSpinBox | QPlainTextEdit | QTextEdit):
                widget.installEventFilter(self)
            elif isinstance(widget, QComboBox) and widget.isEditable():
                widget.installEventFilter(self)


def _focusable(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def focus_target(dock: QDockWidget) -> QWidget | None:
    """The widget the cursor goes to in ``dock``."""
    inner = dock.widget()
    if inner is None:
        return None
    name = FOCUS_TARGETS.get(dock.objectName())
    if name:
        named = inner.findChild(QWidget, name)
        if named is not None and _focusable(named):
            return named
    # The first widget that takes Tab, in the dock's focus chain; a scroll area only framing
    # a form (the detail) when nothing inside it takes the keyboard.
    frame = None
    widget = inner.nextInFocusChain()
    seen = 0
    while widget is not None and widget is not inner and seen < 500:
        if inner.isAncestorOf(widget) and _focusable(widget):
            if not isinstance(widget, QScrollArea):
                return widget
            frame = frame or widget
        widget = widget.nextInFocusChain()
        seen += 1
    return frame


def focus_dock(window: QMainWindow, name: str) -> bool:
    """Show and raise the dock ``name`` and put the cursor in it; False when there is none."""
    dock = window.findChild(QDockWidget, name)
    if dock is None:
        return False
    dock.show()
    dock.raise_()
    target = focus_target(dock)
    if target is None:
        dock.widget().setFocus(Qt.FocusReason.ShortcutFocusReason)
    else:
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return True


def cycle_docks(window: QMainWindow, names: list[str], step: int) -> None:
    """F6 (step 1) / Shift+F6 (step -1): the next visible dock after the one with the cursor."""
    docks = [window.findChild(QDockWidget, n) for n in names]
    docks = [d for d in docks if d is not None and d.isVisible()]
    if not docks:
        return
    focus = QApplication.focusWidget()
    current = next((i for i, d in enumerate(docks) if focus and d.isAncestorOf(focus)), None)
    if current is None:
        target = docks[0] if step > 0 else docks[-1]
    else:
        target = docks[(current + step) % len(docks)]
    focus_dock(window, target.objectName())
