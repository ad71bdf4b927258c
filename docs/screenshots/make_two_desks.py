"""Screenshots of issue 8's "wrong ticket" and "what is new" at 1366x768 (zh_CN).

    GRIDCENTER_DEMO_PASSWORD=demo-pass-2026 uv run gridcenter demo --db /tmp/demo.sqlite3
    QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/make_two_desks.py /tmp/demo.sqlite3

The window opens on the demo as its operator, selects the first ticket of 待派发 and types
dispatch instructions; "another desk" (its own engine, as the demo's supervisor) then
dispatches that ticket, registers an urgent ticket and dispatches another with 吹哨报到.
Writes two-desks-strip-1366x768.png (the warning strips and the pinned row) and
whats-new-marks-1366x768.png (the marked rows, newest first, and the in-window note).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from gridcenter_desktop.core.enums import Priority, TicketKind, TicketSource, TicketStatus, UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.queue import QueueOrder
from gridcenter_desktop.ui.app import _make_context, settle
from gridcenter_desktop.ui.change_watcher import ChangeWatcher
from gridcenter_desktop.ui.i18n import install_translators
from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.layout import apply_default_layout
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.settings import Settings
from gridcenter_desktop.ui.signing_in import screenshot_sign_in

OUT = Path(__file__).resolve().parent


def wait(app, jobs, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.05)
    settle(app, jobs)


def main(db_path: str) -> None:
    app = QApplication(sys.argv)
    translators = install_translators(app, "zh_CN")  # noqa: F841 - kept alive
    url = f"sqlite:///{db_path}"
    settings = Settings.at(Path(tempfile.mkdtemp()) / "settings.ini")
    runner = JobRunner()
    engine, actor, signed_in = screenshot_sign_in(url, None, None)
    context = _make_context(url, settings, engine, actor, runner, signed_in=signed_in)
    window = MainWindow(context)
    window.resize(1366, 768)
    apply_default_layout(window)
    window.show()
    settle(app, runner)
    watcher = ChangeWatcher(context)
    watcher.start()
    queue = window.dock_widget("dock.queue")
    form = window.dock_widget("dock.dispatch")
    queue.select_preset("pending")
    settle(app, runner)
    queue.table.selectionModel().setCurrentIndex(
        queue.model.index(2, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    settle(app, runner)
    form.instructions.setFocus()
    form.instructions.insertPlainText("请先电话联系报告人，今日下班前到现场核实。")
    ticket_id = form.data.detail.id
    wait(app, runner, 1.0)

    other = make_engine(url)
    factory = make_session_factory(other)
    now = context.now()
    with factory() as s:
        sup = s.scalars(select(User).where(User.role == UserRole.SUPERVISOR)).first()
        boss = Actor(sup.id, UserRole.SUPERVISOR, sup.display_name)
        t = s.get(Ticket, ticket_id)
        svc.dispatch_ticket(s, boss, ticket_id, t.version, to_grid=t.grid_id is not None,
                            lead_department_id=None, now=now)  # fmt: skip
    wait(app, runner, 2.0)
    window.grab().save(str(OUT / "two-desks-strip-1366x768.png"))

    with factory() as s:
        form_new = svc.NewTicket(
            kind=TicketKind.ORDINARY, source=TicketSource.HOTLINE, category="environment",
            title="化工厂附近河道异味，疑似偷排", address="迂里村5组河边",
            priority=Priority.URGENT,
        )  # fmt: skip
        svc.register_ticket(s, boss, form_new, now=now)
        pending = s.scalars(
            select(Ticket)
            .where(Ticket.status == TicketStatus.PENDING_DISPATCH, Ticket.grid_id.is_not(None))
            .order_by(Ticket.created_at.desc())
        ).first()
        svc.dispatch_ticket(s, boss, pending.id, pending.version, to_grid=True, whistle=True,
                            now=now)  # fmt: skip
    wait(app, runner, 2.0)
    form.change_strip.button.click()  # the operator reloads the dispatch form
    queue.select_preset(None)
    queue.model.set_order(QueueOrder("created", True))
    wait(app, runner, 1.0)
    queue.table.scrollToTop()
    wait(app, runner, 0.5)
    window.grab().save(str(OUT / "whats-new-marks-1366x768.png"))
    print("title:", window.windowTitle())
    watcher.stop()
    window.close()
    other.dispose()
    context.engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
