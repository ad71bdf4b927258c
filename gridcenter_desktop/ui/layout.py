"""Where the docks go: the default arrangement, and saving/restoring the operator's own.

A saved layout carries a version number and the set of docks it was made with. When either
differs from the running window (an older release, a dock added since), or Qt refuses the saved
bytes, the window falls back to the default layout instead of a half-restored muddle.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTableView, QTreeView

from gridcenter_desktop.ui.settings import Settings

# Bump when the default arrangement changes in a way old saved layouts should not override.
LAYOUT_VERSION = 2

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


# Window widths up to these are "small" (a 1366x768 laptop) and "medium" (1600x900); wider
# ones are "large" (1920x1080 and beyond). Each has its own default proportions.
SMALL_MAX_WIDTH = 1400
MEDIUM_MAX_WIDTH = 1700
# The queue shows at least this many rows in the default layout of every size class.
MIN_QUEUE_ROWS = 12
# The tree column: as wide as village names and two counts need, never wider.
TREE_WIDTH = (200, 300)


def size_class(width: int) -> str:
    """ "small", "medium" or "large" for a window ``width`` pixels wide."""
    if width <= SMALL_MAX_WIDTH:
        return "small"
    return "medium" if width <= MEDIUM_MAX_WIDTH else "large"


# Room kept for a window manager's frame (borders, title bar) while it is not known yet.
FRAME_RESERVE = (16, 40)


def fit_to_screen(window: QMainWindow, preferred: tuple[int, int] = (1600, 1000)) -> None:
    """Size the window to ``preferred`` or, on a smaller screen, to the screen's available
    geometry (without the task bar), and keep it on that screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*preferred)
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    frame_w, frame_h = max(frame.width(), 0), max(frame.height(), 0)
    if not window.isVisible() and frame_w == 0 and frame_h == 0:
        # Before the first show the window manager's title bar and borders are unknown (no
        # frame yet): without room for them the status bar fell below a 1366x768 or
        # 1600x900 screen's edge (issue 11 walk).
        frame_w, frame_h = FRAME_RESERVE
    width = min(preferred[0], area.width() - frame_w)
    height = min(preferred[1], area.height() - frame_h)
    window.resize(width, height)
    x = area.x() + max((area.width() - width - frame_w) // 2, 0)
    y = area.y() + max((area.height() - height - frame_h) // 2, 0)
    window.move(x, y)


def fits_screen(window: QMainWindow) -> bool:
    """Whether the window lies within its screen's available geometry. A maximized window
    fills whatever screen it opens on, so it fits (its frame, restored from a bigger screen,
    may not yet say so: fitting it made it a normal window of 1350x728 on 1366x768)."""
    if window.isMaximized():
        return True
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return True
    return screen.availableGeometry().contains(window.frameGeometry())


def apply_default_layout(window: QMainWindow) -> None:
    """The queue in the middle, at least MIN_QUEUE_ROWS rows tall; dispatch form above ticket
    detail on the right. Below 1080 lines (small and medium) the charts are a tab behind the
    queue and the grid tree a column on the left; in a large window the charts sit under the
    queue with the tree beside them, as wide as its names (a full-height tree column there is
    mostly empty). Every dock visible and docked."""
    docks = window.findChildren(QDockWidget)
    for dock in docks:
        dock.setFloating(False)
        window.removeDockWidget(dock)
    tree = _dock(window, "dock.grid_tree")
    queue = _dock(window, "dock.queue")
    charts = _dock(window, "dock.charts")
    dispatch = _dock(window, "dock.dispatch")
    detail = _dock(window, "dock.detail")
    map_dock = _dock(window, "dock.map")
    known = {tree, queue, charts, dispatch, detail, map_dock}

    small = size_class(window.width()) != "large"
    if tree is not None and small:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, tree)
    if queue is not None:
        window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, queue)
    if tree is not None and not small:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, tree, _H)
    if charts is not None:
        if small and queue is not None:
            # Below 1080 lines there is no room for 12 queue rows and readable charts: the
            # charts are a tab behind the queue (Ctrl+4).
            window.tabifyDockWidget(queue, charts)
        else:
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, charts, _H)
    if map_dock is not None:
        # The map is a tab beside the charts (behind the queue below 1080 lines): a map
        # needs the room of the middle, not a third of the right column (Ctrl+6).
        if charts is not None:
            window.tabifyDockWidget(charts, map_dock)
        elif queue is not None:
            window.tabifyDockWidget(queue, map_dock)
        else:
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, map_dock)
    right = [d for d in (dispatch, detail) if d is not None]
    for dock in right:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, _V)
    for dock in docks:
        if dock not in known:
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, _V)
    for dock in docks:
        dock.show()
    if queue is not None:
        queue.raise_()
    if charts is not None and not small:
        charts.raise_()

    if window.isVisible():
        settle_sizes(window)
    else:
        # Dock sizes only stick once the window has its real size: the window calls
        # default_sizes() after it is first shown.
        window.setProperty(_PENDING, True)


def _queue_height(window: QMainWindow, queue: QDockWidget) -> int:
    """The queue dock's height that shows MIN_QUEUE_ROWS rows (more in a tall window)."""
    table = queue.widget().findChild(QTableView) if queue.widget() is not None else None
    if table is None:
        return int(window.height() * 0.55)
    chrome = queue.height() - table.viewport().height()
    if chrome <= 0 or chrome > 400:  # not laid out yet: the filter rows, header and footer
        chrome = 170
    rows = table.verticalHeader().defaultSectionSize() * (MIN_QUEUE_ROWS + 1)
    share = {"small": 0.0, "medium": 0.55, "large": 0.55}[size_class(window.width())]
    return max(chrome + rows, int(window.height() * share))


def tree_width(tree: QDockWidget) -> int:
    """Width of the tree dock for its content: the names and the two counts."""
    view = tree.widget().findChild(QTreeView) if tree.widget() is not None else None
    if view is None:
        return TREE_WIDTH[0]
    header = view.header()
    content = max(view.sizeHintForColumn(0), 120) + view.indentation() * 2
    content += sum(header.sectionSizeHint(c) for c in range(1, header.count()))
    return max(TREE_WIDTH[0], min(TREE_WIDTH[1], content + 30))


def settle_sizes(window: QMainWindow) -> None:
    """default_sizes() now and once more when the docks have settled: the first pass right
    after docks were (re)added or the window shown is partly ignored by Qt (the right column
    kept its old edge at 1920x1080)."""
    default_sizes(window)
    QTimer.singleShot(SECOND_PASS_MS, window, lambda: default_sizes(window))


SECOND_PASS_MS = 300


def default_sizes(window: QMainWindow) -> None:
    """Proportions of the default layout for the window's current size."""
    window.setProperty(_PENDING, False)
    tree = _dock(window, "dock.grid_tree")
    queue = _dock(window, "dock.queue")
    charts = _dock(window, "dock.charts")
    right = [d for d in (_dock(window, "dock.dispatch"), _dock(window, "dock.detail")) if d]
    width = max(window.width(), 800)
    height = max(window.height(), 600)
    right_share = {"small": 0.28, "medium": 0.27, "large": 0.26}[size_class(width)]
    if tree is not None:
        window.resizeDocks([tree], [tree_width(tree)], _H)
    tabbed = (
        queue is not None and charts is not None and charts in window.tabifiedDockWidgets(queue)
    )
    if queue is not None and charts is not None and not tabbed:
        wanted = _queue_height(window, queue)
        window.resizeDocks([queue, charts], [wanted, max(height - wanted, 150)], _V)
    # The right column last: resizing the docks beside it moves its edge otherwise.
    if right:
        right_width = int(width * right_share)
        window.resizeDocks(right[:1], [right_width], _H)
        if charts is not None and not tabbed:
            # The bottom row takes the width the right column gives up (Qt keeps the right
            # column's edge where it was otherwise).
            row = [d for d in (tree, charts) if d is not None]
            rest = width - right_width - (tree_width(tree) if tree is not None else 0) - 12
            sizes = [tree_width(tree), rest] if tree is not None else [rest]
            window.resizeDocks(row, sizes, _H)
        elif queue is not None:
            left = tree_width(tree) if tree is not None else 0
            if tree is not None:
                window.resizeDocks([tree], [left], _H)
            window.resizeDocks([queue], [width - right_width - left - 12], _H)
    if len(right) == 2:
        window.resizeDocks(right, [int(height * 0.5), int(height * 0.5)], _V)


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
