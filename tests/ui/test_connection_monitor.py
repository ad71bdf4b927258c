"""Lost connections in the window (PostgreSQL): the window stays up, the status bar says the
connection was lost, write actions go grey while what was typed stays, retries run in the
background, and when the server is back everything reloads and the status bar says so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.ui.write_gate import WriteGate
from tests.conftest import create_pg_database, drop_pg_database
from tests.services.test_connection import block, unblock
from tests.ui.conftest import _add_small_town

LOST_TEXT = "The connection to the server was lost; retrying"


def test_write_gate_keeps_what_the_owner_wants(qtbot):
    gate = WriteGate()
    button = QPushButton("OK")
    qtbot.addWidget(button)
    gate.gate(button)
    gate.set_writable(False)
    assert not button.isEnabled()
    button.setEnabled(True)  # a job finished and its owner re-enables: stays grey
    assert not button.isEnabled()
    gate.set_writable(True)
    assert button.isEnabled()
    gate.set_writable(False)
    button.setEnabled(False)  # the owner changed its mind while offline
    gate.set_writable(True)
    assert not button.isEnabled()


@pytest.fixture
def pg_town():
    url = create_pg_database()
    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        ids = _add_small_town(session)
    engine.dispose()
    try:
        yield url, ids
    finally:
        unblock(url)
        drop_pg_database(url)


@pytest.mark.pg
def test_the_window_survives_a_lost_server(qtbot, pg_town, make_context):
    from gridcenter_desktop.core.enums import UserRole
    from gridcenter_desktop.services.actor import Actor
    from gridcenter_desktop.ui.connection_monitor import ConnectionMonitor
    from gridcenter_desktop.ui.main_window import MainWindow
    from gridcenter_desktop.ui.register_dialog import RegisterDialog

    url, ids = pg_town
    ctx = make_context(url, Actor(ids["operator"], UserRole.OPERATOR, "张调度", "operator"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    monitor = ConnectionMonitor(ctx, window, check_ms=100, backoff_scale=0.05)
    monitor.sig_state_changed.connect(window.status.show_link_state)
    register = RegisterDialog(ctx, window)
    qtbot.addWidget(register)
    register.show()
    register.title.setText("梅园路路灯不亮")
    ok = register.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ctx.jobs.wait_idle(20_000)
    assert ok.isEnabled() and window.commands["ticket.new"].isEnabled()

    block(url)
    with qtbot.waitSignal(monitor.sig_state_changed, timeout=15_000) as lost:
        monitor.start()
    assert lost.args == ["lost"]
    monitor._timer.stop()  # the retries take over; keep the test's timing simple
    status = window.status.link_label
    assert status.isVisible() and status.text() == LOST_TEXT
    assert not window.commands["ticket.new"].isEnabled()
    assert not window.commands["account.change_password"].isEnabled()
    assert not ok.isEnabled()
    assert not register.merge_button.isEnabled()
    dispatch = window.dock_widget("dock.dispatch")
    assert not dispatch.dispatch_button.isEnabled()
    assert register.title.text() == "梅园路路灯不亮"  # nothing typed is lost
    assert window.isVisible()
    queue = window.dock_widget("dock.queue")
    queue.table.selectRow(0)
    offline_menu = [a for a in queue.build_context_menu().actions() if a.data()]
    assert offline_menu and not any(a.isEnabled() for a in offline_menu)
    # Retries keep failing, at growing intervals, without freezing the window.
    # (The state goes lost → retrying at each attempt: wait for an attempt after two failures
    # rather than read it at whatever moment the second failure lands.)
    qtbot.waitUntil(
        lambda: monitor.health.failures >= 2 and monitor.state == "retrying", timeout=15_000
    )
    assert status.text() == LOST_TEXT

    refreshed = []
    ctx.bus.sig_tickets_changed.connect(refreshed.append)
    unblock(url)
    qtbot.waitUntil(lambda: monitor.state == "restored", timeout=20_000)
    assert [] in refreshed  # the refresh-all signal: every dock reloads
    assert "again" in status.text() or "重新" in status.text()
    assert ok.isEnabled() and window.commands["ticket.new"].isEnabled()
    assert register.title.text() == "梅园路路灯不亮"
    online_menu = [a for a in queue.build_context_menu().actions() if a.data()]
    assert online_menu and all(a.isEnabled() for a in online_menu)

    # A job failing with a disconnect is noticed without waiting for the periodic check.
    block(url)
    with qtbot.waitSignal(monitor.sig_state_changed, timeout=15_000) as lost_again:
        window.status.refresh_counts()
    assert lost_again.args == ["lost"]
    assert not ok.isEnabled()
    monitor.stop()
    unblock(url)
    assert ctx.jobs.wait_idle(20_000)
    register.close()
    window.close()
