"""What is new, shown: other desks' new and changed tickets are marked in the queue until
seen (a dot and bold text), the window title and the tray icon carry the count of unseen new
tickets, an optional sound plays (View → Sound for new tickets; off by default), and a
吹哨报到 dispatch or an urgent ticket from another desk raises a notification: a tray message,
or, where there is no tray (offscreen, some desktops), a small note in the window's corner
that never takes the keyboard focus.

The rule of what is new and what is seen is services.whats_new.DeskNews (Qt-free); this
module only reads the ticket events after each bus.sig_tickets_changed (in a job) and shows
the result.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from gridcenter_desktop.services.whats_new import (
    EVENTS_PER_CHECK,
    Alert,
    AlertKind,
    DeskNews,
    Mark,
    Unseen,
    events_since,
    newest_event_id,
)
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

TOAST_SECONDS = 12
NEW_COLOR = QColor("#1565c0")
CHANGED_COLOR = QColor("#ef8f00")


def _start(job) -> int:
    return newest_event_id(job.session())


def _read(job, after: int):
    return events_since(job.session(), after)


class WhatsNew(QObject):
    """This desk's unseen tickets, kept up to date from the bus."""

    sig_marks_changed = Signal(list)
    """sig_marks_changed(ticket_ids: list[int]): these tickets' marks appeared or went."""

    sig_count_changed = Signal(int)
    """sig_count_changed(new_count: int): the number of unseen new tickets changed."""

    sig_alert = Signal(object)
    """sig_alert(alert: services.whats_new.Alert): a whistle or urgent ticket arrived."""

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self.desk: DeskNews | None = None
        self._selected: int | None = None
        self._count = 0
        context.bus.sig_tickets_changed.connect(self.check)
        context.bus.sig_ticket_selected.connect(self._on_selected)
        self._jobs.submit(_start, on_result=self._started, key=f"news-start-{id(self)}")

    def unseen(self, ticket_id: int) -> Unseen | None:
        """Why the ticket is marked (None: nothing new)."""
        return self.desk.unseen(ticket_id) if self.desk is not None else None

    @property
    def new_count(self) -> int:
        return self._count

    def check(self, _ids: list | None = None) -> None:
        """Read the events since the last check (after any change on the bus)."""
        if self.desk is None:
            return
        self._jobs.submit(
            _read, self.desk.last_event_id, on_result=self._take, key=f"news-read-{id(self)}"
        )

    def _started(self, start: int) -> None:
        self.desk = DeskNews(self._context.actor.user_id, start)
        self.desk.select(self._selected)

    def _on_selected(self, ticket_id: int | None) -> None:
        self._selected = ticket_id
        if self.desk is not None and self.desk.select(ticket_id):
            self.sig_marks_changed.emit([ticket_id])
            self._emit_count()

    def _take(self, events: list) -> None:
        if self.desk is None:
            return
        changed, alerts = self.desk.observe(events)
        if changed:
            self.sig_marks_changed.emit(sorted(changed))
            if self._context.settings.news_sound and any(
                (u := self.desk.unseen(t)) is not None and u.mark is Mark.NEW for t in changed
            ):
                QApplication.beep()
        self._emit_count()
        for alert in alerts:
            self.sig_alert.emit(alert)
        if len(events) >= EVENTS_PER_CHECK:
            self.check()  # more waiting

    def _emit_count(self) -> None:
        count = self.desk.new_count if self.desk is not None else 0
        if count != self._count:
            self._count = count
            self.sig_count_changed.emit(count)


def mark_text(unseen: Unseen) -> str:
    """The tooltip of a marked row: "New: registered by 李值班 at 10:05" …"""
    news = unseen.news
    who = news.user_name or QApplication.translate("WhatsNew", "(system)")
    when = news.at.strftime("%H:%M")
    if unseen.mark is Mark.NEW:
        return QApplication.translate(
            "WhatsNew", "New from another desk: {action} by {who} at {time}"
        ).format(action=labels.event_action_label(news.action), who=who, time=when)
    return QApplication.translate(
        "WhatsNew", "Changed at another desk: {action} by {who} at {time}"
    ).format(action=labels.event_action_label(news.action), who=who, time=when)


def alert_text(alert: Alert) -> tuple[str, str]:
    """(title, text) of a notification."""
    news = alert.news
    who = news.user_name or QApplication.translate("WhatsNew", "(system)")
    when = news.at.strftime("%H:%M")
    if alert.kind is AlertKind.WHISTLE:
        title = QApplication.translate("WhatsNew", "Whistle: departments must report in")
        text = QApplication.translate(
            "WhatsNew", "{code} {title} was dispatched with a whistle by {who} at {time}."
        )
    else:
        title = QApplication.translate("WhatsNew", "{priority} ticket").format(
            priority=labels.priority_label(news.priority)
        )
        text = QApplication.translate(
            "WhatsNew", "{code} {title} was registered by {who} at {time}."
        )
    return title, text.format(code=news.code, title=news.title, who=who, time=when)


def dot(color: QColor, size: int = 10) -> QPixmap:
    """A round mark for a row."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return pixmap


def tray_icon(count: int) -> QIcon:
    """The tray icon: a blue square with 格, and the unseen count in a red badge."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1e5aa8"))
    painter.drawRoundedRect(0, 0, 32, 32, 6, 6)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(20)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(0, 0, 32, 32), Qt.AlignmentFlag.AlignCenter, "格")
    if count:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d32f2f"))
        painter.drawEllipse(14, 0, 18, 18)
        painter.setPen(QColor("white"))
        font.setPixelSize(11)
        painter.setFont(font)
        painter.drawText(
            QRect(14, 0, 18, 18), Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+"
        )
    painter.end()
    return QIcon(pixmap)


class NewsToast(QFrame):
    """A note in the window's lower right corner: never modal, never takes the focus, gone
    after a few seconds or at its ×."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("news_toast")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setStyleSheet(
            "QFrame#news_toast { background: #fffbe6; border: 1px solid #d4a017;"
            " border-radius: 4px; } QLabel { color: #3d2b00; }"
        )
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 6, 4, 6)
        self.label = QLabel(self)
        self.label.setObjectName("news_toast_text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # titles are user text
        self.label.setWordWrap(True)
        box.addWidget(self.label, 1)
        close = QToolButton(self)
        close.setText("×")
        close.setAutoRaise(True)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.hide)
        box.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._lines: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        window.installEventFilter(self)
        self.hide()

    def add(self, title: str, text: str) -> None:
        """Show this notification (the three latest stay together)."""
        self._lines = [*self._lines[-2:], f"{title}\n{text}"]
        self.label.setText("\n\n".join(self._lines))
        self._place()
        self.show()
        self.raise_()
        self._timer.start(TOAST_SECONDS * 1000)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def _expire(self) -> None:
        self._lines = []
        self.hide()

    def _place(self) -> None:
        window = self.parentWidget()
        width = min(380, max(200, window.width() // 3))
        self.setFixedWidth(width)
        self.adjustSize()
        bottom = window.height() - 40
        self.move(window.width() - width - 16, max(0, bottom - self.height()))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


class WhatsNewPresenter(QObject):
    """Wires WhatsNew into a main window: queue marks, title, tray, toast, sound toggle."""

    def __init__(self, window: QMainWindow, context: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._context = context
        self.news = WhatsNew(context, self)
        self._base_title = window.windowTitle()
        queue = getattr(window, "dock_widget", lambda _n: None)("dock.queue")
        model = getattr(queue, "model", None)
        if model is not None and hasattr(model, "set_marks"):
            model.set_marks(self.news.unseen)
            self.news.sig_marks_changed.connect(model.marks_changed)
        self.news.sig_count_changed.connect(self._show_count)
        self.news.sig_alert.connect(self._alert)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(tray_icon(0), window)
            self.tray.setToolTip(self._base_title)
            self.tray.activated.connect(self._bring_forward)
            self.tray.show()
        self.toast = NewsToast(window)
        self.sound_action = self._add_sound_toggle()

    def _add_sound_toggle(self) -> QAction | None:
        menus = getattr(self._window, "menus", {})
        view = menus.get("view")
        if view is None:
            return None
        action = QAction(self.tr("Sound for new tickets"), self._window)
        action.setObjectName("view.news_sound")
        action.setCheckable(True)
        action.setChecked(self._context.settings.news_sound)
        action.toggled.connect(self._set_sound)
        view.addSeparator()
        view.addAction(action)
        return action

    def _set_sound(self, on: bool) -> None:
        self._context.settings.news_sound = on
        self._context.settings.sync()

    def _show_count(self, count: int) -> None:
        title = (
            self.tr("({n} new) {title}").format(n=count, title=self._base_title)
            if count
            else self._base_title
        )
        self._window.setWindowTitle(title)
        if self.tray is not None:
            self.tray.setIcon(tray_icon(count))
            self.tray.setToolTip(title)

    def _alert(self, alert: Alert) -> None:
        title, text = alert_text(alert)
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 10_000)
        else:
            self.toast.add(title, text)

    def _bring_forward(self, *_args) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
