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

_PENDING = "gridcenter_default_sizes_pending"
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
    """Grid tree on the left (or beside the charts when the window is too narrow for a tree
    column); queue above charts in the middle; dispatch form above ticket detail on the
    right. Every dock visible and docked."""
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

    tree_beside_charts = tree is not None and charts is not None and _tree_is_squeezed(window)
    if tree is not None and not tree_beside_charts:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, tree)
    if queue is not None:
        window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, queue)
    if tree_beside_charts:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, tree, _H)
    if charts is not None:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, charts, _H)
    right = [d for d in (dispatch, detail) if d is not None]
    for dock in right:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, _V)
    for dock in docks:
        if dock not in known:
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, _V)
    for dock in docks:
        dock.show()

    if window.isVisible():
        default_sizes(window)
    else:
        # Dock sizes only stick once the window has its real size: the window calls
        # default_sizes() after it is first shown.
        window.setProperty(_PENDING, True)


# Below this the tree's names are cut off; the tree then moves beside the charts.
TREE_MIN_WIDTH = 230


def _tree_is_squeezed(window: QMainWindow) -> bool:
    """Whether a full-height tree column would get less than TREE_MIN_WIDTH beside what the
    queue and the right-hand docks need at least."""
    queue = _dock(window, "dock.queue")
    right = [d for d in (_dock(window, "dock.dispatch"), _dock(window, "dock.detail")) if d]
    needed = queue.minimumSizeHint().width() if queue is not None else 0
    needed += max((d.minimumSizeHint().width() for d in right), default=0)
    return max(window.width(), 1000) - needed < TREE_MIN_WIDTH


def default_sizes(window: QMainWindow) -> None:
    """Proportions of the default layout for the window's current size."""
    window.setProperty(_PENDING, False)
    tree = _dock(window, "dock.grid_tree")
    middle = [d for d in (_dock(window, "dock.queue"), _dock(window, "dock.charts")) if d]
    right = [d for d in (_dock(window, "dock.dispatch"), _dock(window, "dock.detail")) if d]
    width = max(window.width(), 1000)
    height = max(window.height(), 600)
    if tree is not None and window.dockWidgetArea(tree) == Qt.DockWidgetArea.LeftDockWidgetArea:
        window.resizeDocks([tree], [int(width * 0.16)], _H)
    elif tree is not None and middle:
        window.resizeDocks([tree], [TREE_MIN_WIDTH + 20], _H)  # the charts need the room
    if right:
        window.resizeDocks(right[:1], [int(width * 0.26)], _H)
    if len(right) == 2:
        window.resizeDocks(right, [int(height * 0.45), int(height * 0.55)], _V)
    if len(middle) == 2:
        window.resizeDocks(middle, [int(height * 0.52), int(height * 0.48)], _V)


def needs_default_sizes(window: QMainWindow) -> bool:
    """Whether the default layout was applied before the window was shown."""
    return bool(window.property(_PENDING))


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
