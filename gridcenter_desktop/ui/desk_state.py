"""The desk as the operator left it, carried into the window reopened in another language.

A language change closes the window and opens a new one (the translations are read when the
widgets are built); without this the new window came back unmaximized, on 全部未办结, with no
ticket selected (issue 13 walk).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QMainWindow


@dataclass(frozen=True)
class DeskState:
    normal: QRect  # the size and place when not maximized
    maximized: bool
    queue: tuple | None  # QueueDock.view_state()


def capture(window: QMainWindow) -> DeskState:
    """The window's state and the queue's view, just before it closes."""
    queue = window.dock_widget("dock.queue")
    return DeskState(
        normal=window.normalGeometry(),
        maximized=window.isMaximized(),
        queue=queue.view_state() if hasattr(queue, "view_state") else None,
    )


def show_as_before(window: QMainWindow, state: DeskState) -> None:
    """Show ``window`` (a new one, not shown yet) the way ``state`` was captured."""
    window.setGeometry(state.normal)
    if state.maximized:
        # Said outright, not left to the restored geometry's flag: the walk found the
        # reopened window normal again, 1350x728, its bottom past a 1366x768 screen.
        window.showMaximized()
    else:
        window.showNormal()
    queue = window.dock_widget("dock.queue")
    if state.queue is not None and hasattr(queue, "restore_view"):
        queue.restore_view(state.queue)
