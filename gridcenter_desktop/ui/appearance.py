"""The desk's look as chosen in the settings (ui/settings_dialog.py): a light or dark theme, or
the one the operating system uses, and the queue's font size. Both apply at once.

Dark is Qt's Fusion style with a dark palette rather than a request to the platform
(QStyleHints.setColorScheme): Windows' native styles and several Linux desktops (UOS, Kylin)
ignore that request, while Fusion draws the same everywhere. The charts (white plots) and the
map (its own pale ground) keep their light backgrounds, as paper in a dark room.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# The queue's row height with the system font (ui/queue_dock.py) and the room around a
# larger font's line.
QUEUE_ROW_HEIGHT = 24
_ROW_PADDING = 8

_original: tuple[str, QPalette] | None = None


def system_is_dark() -> bool:
    """The operating system asks for a dark scheme (Qt 6.5+; Unknown counts as light)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def wants_dark(theme: str) -> bool:
    """Whether ``theme`` ("system", "light" or "dark") means dark on this computer now."""
    return theme == "dark" or (theme == "system" and system_is_dark())


def dark_palette() -> QPalette:
    """A dark palette for Fusion: light text on dark grey, a blue selection, disabled text
    dimmed but still legible."""
    palette = QPalette()
    role = QPalette.ColorRole
    window, base, text = QColor("#2d2f31"), QColor("#1f2123"), QColor("#e6e6e6")
    for r, colour in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor("#2a2c2e")),
        (role.ToolTipBase, QColor("#3a3d40")),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor("#9a9a9a")),
        (role.Text, text),
        (role.Button, QColor("#36393c")),
        (role.ButtonText, text),
        (role.BrightText, QColor("#ff6b6b")),
        (role.Light, QColor("#4a4d50")),
        (role.Midlight, QColor("#3e4144")),
        (role.Mid, QColor("#2a2c2e")),
        (role.Dark, QColor("#18191a")),
        (role.Shadow, QColor("#000000")),
        (role.Highlight, QColor("#2f6db5")),
        (role.HighlightedText, QColor("#ffffff")),
        (role.Link, QColor("#6fb1ff")),
        (role.LinkVisited, QColor("#b58cff")),
    ):
        palette.setColor(r, colour)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor("#8a8a8a"))
    palette.setColor(disabled, role.Highlight, QColor("#4a4d50"))
    return palette


def apply_theme(theme: str, app: QApplication | None = None) -> bool:
    """Give the application the look ``theme`` means now; returns True when that is dark.
    Light is the style and palette the application started with."""
    global _original
    app = app or QApplication.instance()
    if _original is None:
        _original = (app.style().name(), QPalette(app.palette()))
    if wants_dark(theme):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        return True
    style, palette = _original
    if _palette_is_dark(palette):
        # Started on a dark system: its own palette is dark, so light is Fusion's.
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
        return False
    if app.style().name() != style:
        app.setStyle(style)
    app.setPalette(palette)
    return False


def _palette_is_dark(palette: QPalette) -> bool:
    role = QPalette.ColorRole
    return palette.color(role.Window).lightness() < palette.color(role.WindowText).lightness()


def is_dark(app: QApplication | None = None) -> bool:
    """The application is drawn dark now (its window colour is darker than its text)."""
    return _palette_is_dark((app or QApplication.instance()).palette())


# Text colours that carry a meaning (overdue red, done green ...): the light theme's, and a
# lighter one for the dark theme, where the light one's dark red or green hardly reads on grey.
_TONES = {
    "overdue": ("#b00000", "#ff7b7b"),
    "due_soon": ("#a06000", "#f0b050"),
    "muted": ("#606060", "#a8a8a8"),
    "done": ("#1b5e20", "#7fd68a"),
    "error": ("#c01010", "#ff8a80"),
}


def tone(name: str, widget: QWidget | None = None) -> QColor:
    """The colour for text meaning ``name`` ("overdue", "due_soon", "muted", "done", "error")
    on ``widget``'s palette (the application's without one): lighter when it is dark."""
    palette = widget.palette() if widget is not None else QApplication.instance().palette()
    light, dark = _TONES[name]
    return QColor(dark if _palette_is_dark(palette) else light)


class SystemSchemeFollower(QObject):
    """While the desk's theme is "system", a switch of the operating system between light and
    dark is applied at once."""

    def __init__(self, settings, app: QApplication | None = None) -> None:
        app = app or QApplication.instance()
        super().__init__(app)
        self._settings = settings
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def _scheme_changed(self, _scheme) -> None:
        if self._settings.theme == "system":
            apply_theme("system")


def follow_system_scheme(settings, app: QApplication | None = None) -> SystemSchemeFollower:
    """The application's one follower of the system's scheme, reading ``settings`` (a desk
    reopened in another language, or for another user, gets no second one)."""
    global _follower
    if _follower is None:
        _follower = SystemSchemeFollower(settings, app)
    _follower._settings = settings
    return _follower


_follower: SystemSchemeFollower | None = None


def queue_font(size: int, base: QFont | None = None) -> QFont:
    """The queue's font: the application's with ``size`` points (0: unchanged)."""
    font = QFont(base if base is not None else QApplication.font())
    if size > 0:
        font.setPointSize(size)
    return font


def apply_queue_font(window: QWidget, size: int) -> None:
    """Set the queue table's font to ``size`` points (0: the system's) and its rows' height
    to fit one line of it."""
    queue = window.dock_widget("dock.queue") if hasattr(window, "dock_widget") else None
    table = getattr(queue, "table", None)
    if table is None:
        return
    font = queue_font(size)
    table.setFont(font)
    height = QFontMetrics(font).height() + _ROW_PADDING
    table.verticalHeader().setDefaultSectionSize(max(QUEUE_ROW_HEIGHT, height))
    _scale_columns(table, font)


def _scale_columns(table, font: QFont) -> None:
    """Widen or narrow the columns with the font, from their widths at the system's size:
    a ticket code elided to "GC2022011…" at 14 pt tells nobody which ticket it is."""
    header = table.horizontalHeader()
    base = getattr(table, "_system_size_widths", None)
    if base is None:
        base = [header.sectionSize(i) for i in range(header.count())]
        table._system_size_widths = base
    sample = "GC20220116-0006"
    ratio = QFontMetrics(font).horizontalAdvance(sample) / max(
        1, QFontMetrics(QApplication.font()).horizontalAdvance(sample)
    )
    last = header.count() - 1 if header.stretchLastSection() else header.count()
    for column, width in enumerate(base[:last]):
        table.setColumnWidth(column, round(width * ratio))
