"""The status bar: which database, who is working, and live counters (pending, overdue, and
acceptances missed (超时未签收) while there are any).

The counters come from services.queue.preset_counts in a background job, refreshed when
tickets change and every 30 seconds (other workstations change tickets too).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.labels import user_role_label
from gridcenter_desktop.ui.plain_text import plain, tooltip
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

REFRESH_MS = 30_000
LINK_RESTORED_MS = 10_000
LOST_STYLE = "background: #c0392b; color: white; font-weight: bold; padding: 1px 8px;"
RESTORED_STYLE = "background: #1e8449; color: white; padding: 1px 8px;"
FEED_STYLE = "background: #d68910; color: white; padding: 1px 8px;"


def _count_notices_due(job, now):
    from gridcenter_desktop.services.notices import notices_due

    return notices_due(job.session(), now)


def _count_presets(job, user_id, now):
    from gridcenter_desktop.services.queue import preset_counts

    with job.session() as session:
        return preset_counts(session, user_id, now)


class StatusBar(QStatusBar):
    """Database, user, pending and overdue counters, and a busy indicator for jobs."""

    sig_notices_requested = Signal()
    """sig_notices_requested(): the notices-due counter was clicked (open the register)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self.db_label = plain(QLabel(self))
        self.db_label.setObjectName("status.db")
        self.user_label = plain(QLabel(self))
        self.user_label.setObjectName("status.user")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("status.pending")
        self.overdue_label = QLabel(self)
        self.overdue_label.setObjectName("status.overdue")
        # 吹哨报到 enforced: shown only while some department has not accepted in time.
        self.missed_label = QLabel(self)
        self.missed_label.setObjectName("status.missed_acceptance")
        self.missed_label.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.missed_label.setToolTip(
            self.tr("Tickets a department has not accepted by its accept-by time")
        )
        self.missed_label.setVisible(False)
        # Rectification notices past their deadline without a check-back (shown when any).
        self.notices_label = QLabel(self)
        self.notices_label.setObjectName("status.notices_due")
        self.notices_label.setVisible(False)
        self.notices_label.linkActivated.connect(lambda _link: self.sig_notices_requested.emit())
        # The link to the server: shown only while it is lost, and briefly once it is back.
        self.link_label = QLabel(self)
        self.link_label.setObjectName("status.link")
        self.link_label.setVisible(False)
        self._link_hide = QTimer(self)
        self._link_hide.setSingleShot(True)
        self._link_hide.setInterval(LINK_RESTORED_MS)
        self._link_hide.timeout.connect(lambda: self.link_label.setVisible(False))
        # The change feed (other desks' changes) has its own connection: said apart, because
        # the desk may still write while only the feed is reconnecting.
        self.feed_label = QLabel(self)
        self.feed_label.setObjectName("status.feed")
        self.feed_label.setStyleSheet(FEED_STYLE)
        self.feed_label.setVisible(False)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("status.busy")
        self.busy.setRange(0, 0)  # indeterminate: "working"
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)

        self.db_label.setText(self.tr("Database: {db}").format(db=context.db_label))
        self.db_label.setToolTip(tooltip(context.db_label))
        actor = context.actor
        self.user_label.setText(
            self.tr("User: {name} ({role})").format(
                name=actor.display_name or "—", role=user_role_label(actor.role)
            )
        )
        self.pending_label.setText(self.tr("Pending dispatch: …"))
        self.overdue_label.setText(self.tr("Overdue: …"))
        self.addWidget(self.link_label)
        self.addWidget(self.feed_label)
        self.addWidget(self.db_label, 1)
        self.addPermanentWidget(self.busy)
        self.addPermanentWidget(self.pending_label)
        self.addPermanentWidget(self.overdue_label)
        self.addPermanentWidget(self.missed_label)
        self.addPermanentWidget(self.notices_label)
        self.addPermanentWidget(self.user_label)

        self.counts: dict[str, int] = {}
        self.notices_due = 0
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_counts)
        self._timer.start()
        context.bus.sig_tickets_changed.connect(self.refresh_counts)
        context.jobs.sig_busy_changed.connect(self.busy.setVisible)
        self.refresh_counts()

    def refresh_counts(self, *_args) -> None:
        """Recount in the background; a newer request supersedes an older one."""
        ctx = self._context
        self._jobs.submit(
            _count_presets,
            ctx.actor.user_id,
            ctx.now(),
            on_result=self._show_counts,
            on_error=self._show_count_error,
            key="status.counts",
        )
        self._jobs.submit(
            _count_notices_due,
            ctx.now(),
            on_result=self._show_notices_due,
            on_error=lambda exc: logging.getLogger("gridcenter").warning(
                "notices due count failed: %r", exc
            ),
            key="status.notices_due",
        )

    def _show_notices_due(self, due: int) -> None:
        self.notices_due = due
        # A link: a click opens the register on the notices due (the check-back task).
        text = self.tr("Notices to check back: {n}").format(n=due)
        self.notices_label.setText(f"<a href='notices' style='color: #c0392b;'>{text}</a>")
        self.notices_label.setVisible(due > 0)

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        self.pending_label.setText(
            self.tr("Pending dispatch: {n}").format(n=counts.get("pending", 0))
        )
        overdue = counts.get("overdue", 0)
        self.overdue_label.setText(self.tr("Overdue: {n}").format(n=overdue))
        self.overdue_label.setStyleSheet("color: #c0392b; font-weight: bold;" if overdue else "")
        missed = counts.get("missed_acceptance", 0)
        self.missed_label.setText(self.tr("Not accepted in time: {n}").format(n=missed))
        self.missed_label.setVisible(bool(missed))

    def _show_count_error(self, exc: BaseException) -> None:
        # A counter that cannot be read is not worth a dialog; say so where the number was,
        # and keep the reason in the log.
        logging.getLogger("gridcenter").warning("status counters failed: %r", exc)
        self.pending_label.setText(self.tr("Pending dispatch: ?"))
        self.overdue_label.setText(self.tr("Overdue: ?"))
        self.pending_label.setToolTip(tooltip(str(exc)))

    def show_link_state(self, state: str) -> None:
        """The connection monitor's state (services.connection.LinkState values)."""
        if state in ("lost", "retrying"):
            self._link_hide.stop()
            self.link_label.setText(self.tr("The connection to the server was lost; retrying"))
            self.link_label.setStyleSheet(LOST_STYLE)
            self.link_label.setVisible(True)
        elif state == "restored":
            self.link_label.setText(self.tr("Connected to the server again; everything reloaded"))
            self.link_label.setStyleSheet(RESTORED_STYLE)
            self.link_label.setVisible(True)
            self._link_hide.start()

    def show_feed_state(self, connected: bool) -> None:
        """The change feed's state (ui/change_watcher.py sig_feed_state): while it reconnects,
        other desks' changes do not arrive by themselves (F5 still reloads)."""
        self.feed_label.setText(
            "" if connected else self.tr("Other desks' changes are not arriving; reconnecting")
        )
        self.feed_label.setVisible(not connected)

    def stop(self) -> None:
        """Stop the periodic refresh (the window is closing)."""
        self._timer.stop()
        self._link_hide.stop()
