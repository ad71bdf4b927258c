"""The queue and the dispatch form on the demo data (Guangfu as of the report's date): presets,
every preset's rows, and a dispatch suggested from real history."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from sqlalchemy import select

from gridcenter_desktop.core.enums import TicketStatus, UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.db.user import User
from gridcenter_desktop.demo.build import build_demo
from gridcenter_desktop.services import queue as queue_service
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.dispatch_dock import DispatchDock
from gridcenter_desktop.ui.queue_dock import PRESETS, QueueDock
from gridcenter_desktop.ui.queue_model import OUTSIDE_VIEW_ROLE, QUEUE_ROW_ROLE

# The demo's last day: "now" for everything below.
DEMO_NOW = datetime(2022, 10, 25, 16, 0)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    # Built as of the report's date, so its last day is DEMO_NOW's.
    build_demo(f"sqlite:///{path}", now=datetime(2022, 10, 25, 18, 0))
    return path


@pytest.fixture
def demo(demo_template, tmp_path, make_context):
    target = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, target)
    url = f"sqlite:///{target}"
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        op = s.scalars(select(User).where(User.role == UserRole.OPERATOR).order_by(User.id)).first()
    engine.dispose()
    ctx = make_context(url, Actor(op.id, UserRole.OPERATOR, op.display_name))
    ctx.now = lambda: DEMO_NOW
    return ctx


def test_presets_on_the_demo_show_as_many_rows_as_they_count(qtbot, demo):
    dock = QueueDock(demo)
    qtbot.addWidget(dock)
    demo.jobs.wait_idle()
    with demo.session_factory() as s:
        counts = queue_service.preset_counts(s, demo.actor.user_id, DEMO_NOW)
    assert counts["pending"] > 0 and counts["overdue"] > 0
    for name in PRESETS:
        assert f"({counts[name]:,})" in dock._preset_buttons[name].text()
        dock.select_preset(name)
        demo.jobs.wait_idle()
        assert dock.model.total_exact and dock.model.rowCount() == counts[name], name


def test_dispatching_a_demo_ticket_follows_history_and_updates_the_queue(qtbot, demo):
    dock = QueueDock(demo)
    form = DispatchDock(demo)
    qtbot.addWidget(dock)
    qtbot.addWidget(form)
    demo.jobs.wait_idle()
    dock.select_preset("pending")
    demo.jobs.wait_idle()
    before = dock.model.rowCount()
    with qtbot.waitSignal(form.sig_loaded, timeout=10_000):
        dock.table.selectRow(0)
    ticket = dock.model.data(dock.model.index(0, 0), QUEUE_ROW_ROLE)
    assert form.data.suggestion.basis == "history"
    with qtbot.waitSignal(dock.model.sig_refreshed, timeout=10_000):
        form.dispatch()
    demo.jobs.wait_idle()
    with demo.session_factory() as s:
        assert s.get(Ticket, ticket.id).status == TicketStatus.DISPATCHED
    # It left 待派发 but stays current, marked, until the operator moves on (issue 8).
    assert dock.model.total == before - 1
    assert dock.model.pinned_row == 0 and dock.model.row_of_ticket(ticket.id) == 0
    assert dock.model.data(dock.model.index(0, 0), OUTSIDE_VIEW_ROLE) is True
    assert "GC" in form.banner_text()
    with qtbot.waitSignal(form.sig_loaded, timeout=10_000):
        dock.table.selectRow(1)
    qtbot.waitUntil(lambda: dock.model.pinned_row is None, timeout=5_000)
    assert dock.model.rowCount() == before - 1
    assert dock.model.row_of_ticket(ticket.id) is None
    assert form.banner_text() == ""
