"""Where the docks go: the default arrangement, and saving/restoring the operator's own.

A saved layout carries a version number and the set of docks it was made with. When either
differs from the running window (an older release, a dock added since), or Qt refuses the saved
bytes, the window falls back to the default layout instead of a half-restored muddle.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from gridcenter_desktop.ui.settings import Settings

# Bump when the default arrangement changes in a way old saved layouts should not override.
LAYOUT_VERSION = 1

_H = Qt.Orientation.Horizontal
_V = Qt.Orientation.Vertical


def layout_version(window: QMainWindow) -> int:
    """LAYOUT_VERSION combined with the window's dock names, as a positive int: a layout saved
    with another set of docks does not match."""
    names = ",".join(sorted(d.objectName() for d in window.findChildren(QDockWidget)))
    digest = hashlib.sha1(f"{LAYOUT_VERSION}:{names}".encode()).digest()
    return int.from_bytes(digest[:3], "big") or 1


def _dock(window: QMainWindow, name: str) -> QDockWidget | None:
    return window.findChild(QDockWidget, name)


def apply_default_layout(window: QMainWindow) -> None:
    """Grid tree on the left; queue above charts in the middle; dispatch form above ticket
    detail on the right. Every dock visible and docked."""
    docks = window.findChildren(QDockWidget)
    for dock in docks:
        dock.setFloating(False)
        window.removeDockWidget(dock)
    tree = _dock(window, "dock.grid_tree")
    queue = _dock(window, "dock.queue")
    charts = _dock(window, "dock.charts")
    dispatch = _dock(window, "dock.dispatch")
    detail = _dock(window, "dock.detail")
    known = {tree, queue, charts, dispatch, detail}

    if tree is not None:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, tree)
    if queue is not None:
        window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, queue)
    if charts is not None:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, charts)
    right = [d for d in (dispatch, detail) if d is not None]
    for dock in right:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, _V)
    for dock in docks:
        if dock not in known:
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, _V)
    for dock in docks:
        dock.show()

    width = max(window.width(), 1200)
    height = max(window.height(), 700)
    if tree is not None:
        window.resizeDocks([tree], [int(width * 0.17)], _H)
    if right:
        window.resizeDocks(right[:1], [int(width * 0.27)], _H)
    if len(right) == 2:
        window.resizeDocks(right, [int(height * 0.45), int(height * 0.55)], _V)
    middle = [d for d in (queue, charts) if d is not None]
    if len(middle) == 2:
        window.resizeDocks(middle, [int(height * 0.58), int(height * 0.42)], _V)


def save_layout(window: QMainWindow, settings: Settings) -> None:
    """Remember geometry and dock arrangement."""
    version = layout_version(window)
    settings.window_geometry = window.saveGeometry()
    settings.set_window_state(version, window.saveState(version))


def restore_layout(window: QMainWindow, settings: Settings) -> bool:
    """Restore the saved arrangement; True when it was used, False when the default was
    applied instead (none saved, another version or dock set, or unreadable bytes)."""
    geometry = settings.window_geometry
    if geometry is not None:
        window.restoreGeometry(geometry)
    version, state = settings.window_state()
    expected = layout_version(window)
    if state is None or version != expected or not _restore_state(window, state, expected):
        apply_default_layout(window)
        return False
    return True


def _restore_state(window: QMainWindow, state: QByteArray, version: int) -> bool:
    try:
        return bool(window.restoreState(state, version))
    except (TypeError, ValueError):
        return False
