"""The docks of the main window, declared as data.

Each dock is a small unit: a stable objectName (saved layouts refer to it), a translated title,
its default area and a widget factory ``Widget(context, parent=None)``. The main window only
assembles them; the default arrangement lives in ui/layout.py.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from gridcenter_desktop.ui.context import AppContext

WidgetFactory = Callable[[AppContext, QWidget | None], QWidget]


@dataclass(frozen=True)
class DockSpec:
    """One dock: ``name`` is its objectName, ``title`` an untranslated source string
    (context "Docks"), ``widget`` an import path "module:Class" loaded when the window is
    built (so a dock whose module is not there yet is simply left out)."""

    name: str
    title: str
    area: Qt.DockWidgetArea
    widget: str

    def translated_title(self) -> str:
        return QCoreApplication.translate("Docks", self.title)

    def load_factory(self) -> WidgetFactory | None:
        """The widget class, or None when its module does not exist (yet)."""
        module_name, _, attr = self.widget.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            # Only a missing dock module is tolerated; a broken import inside it is a bug.
            if exc.name == module_name:
                return None
            raise
        return getattr(module, attr, None)


Left = Qt.DockWidgetArea.LeftDockWidgetArea
Right = Qt.DockWidgetArea.RightDockWidgetArea
Top = Qt.DockWidgetArea.TopDockWidgetArea
Bottom = Qt.DockWidgetArea.BottomDockWidgetArea

_UI = "gridcenter_desktop.ui."

DOCKS: tuple[DockSpec, ...] = (
    DockSpec(
        "dock.queue", QT_TRANSLATE_NOOP("Docks", "Ticket queue"), Top, _UI + "queue_dock:QueueDock"
    ),
    DockSpec(
        "dock.grid_tree",
        QT_TRANSLATE_NOOP("Docks", "Grid tree"),
        Left,
        _UI + "grid_tree_dock:GridTreeDock",
    ),
    DockSpec(
        "dock.charts", QT_TRANSLATE_NOOP("Docks", "Charts"), Bottom, _UI + "charts_dock:ChartsDock"
    ),
    DockSpec(
        "dock.dispatch",
        QT_TRANSLATE_NOOP("Docks", "Dispatch"),
        Right,
        _UI + "dispatch_dock:DispatchDock",
    ),
    DockSpec(
        "dock.detail",
        QT_TRANSLATE_NOOP("Docks", "Ticket detail"),
        Right,
        _UI + "detail_dock:DetailDock",
    ),
    DockSpec("dock.map", QT_TRANSLATE_NOOP("Docks", "Map"), Bottom, _UI + "map.dock:MapDock"),
)


def make_dock(spec: DockSpec, context: AppContext, parent: QWidget) -> QDockWidget | None:
    """A QDockWidget (movable, floatable, closable) holding the spec's widget; None when the
    widget's module is not available."""
    factory = spec.load_factory()
    if factory is None:
        return None
    dock = QDockWidget(spec.translated_title(), parent)
    dock.setObjectName(spec.name)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
    dock.setWidget(factory(context, dock))
    return dock
