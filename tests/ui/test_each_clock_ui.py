"""Each department its own clock, at the desk: 加派 (add departments) in its dialog, a missed
acceptance (超时未签收) seen in the queue, the status bar and the detail panel, and escalated
with the keyboard alone."""

from __future__ import annotations

from datetime import datetime, timedelta

import desk_data
import pytest
import shiboken6
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    EventAction,
    Priority,
    TicketKind,
    TicketSource,
    UserRole,
)
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Assignment
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.workflow_dialogs import (
    ActionDialog,
    OneChoice,
    PickList,
    action_lists,
)

desk = desk_data.desk
desk_template = desk_data.desk_template

NOW = desk_data.NOW  # the desk's clock (tests/ui/conftest.py FIXED_NOW)
TITLE = "石桥边违规占道经营"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _late_ticket(url: str, ids) -> int:
    """A ticket dispatched two days ago to 综合执法局 (accepted) with 派出所 assisting (not
    accepted: late since yesterday)."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            actor = Actor(ids.operator, UserRole.OPERATOR, "王调度")
            then = NOW - timedelta(days=2)
            form = svc.NewTicket(
                kind=TicketKind.ORDINARY,
                source=TicketSource.HOTLINE,
                category="city_management",
                title=TITLE,
                description="石桥边有摊贩长期占道经营。",
                reporter_name="赵女士",
                reporter_phone="13912340000",
                address="迂里村石桥边",
                grid_id=ids.grids[0],
                priority=Priority.ORDINARY,
            )
            ref = svc.register_ticket(s, actor, form, then)
            d = ids.departments
            ref = svc.dispatch_ticket(
                s,
                actor,
                ref.id,
                ref.version,
                lead_department_id=d["enforcement"],
                assist_department_ids=[d["police"]],
                now=then,
            )
            lead = s.scalar(
                select(Assignment.id).where(
                    Assignment.ticket_id == ref.id, Assignment.role == AssignmentRole.LEAD
                )
            )
            svc.accept_assignment(s, actor, ref.id, ref.version, lead, now=then)
            return ref.id
    finally:
        engine.dispose()


def _assignments(ctx, ticket_id: int) -> list[Assignment]:
    with ctx.session_factory() as s:
        return list(
            s.scalars(
                select(Assignment).where(Assignment.ticket_id == ticket_id).order_by(Assignment.id)
            )
        )


@pytest.fixture
def late(desk):
    url, ids = desk
    return url, ids, _late_ticket(url, ids)


def test_departments_are_added_in_their_dialog_with_their_own_finish_time(
    qtbot, make_context, late
):
    url, ids, ticket_id = late
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    with ctx.session_factory() as s:
        detail = get_ticket_detail(s, ticket_id)
        lists = action_lists(s, EventAction.ADD_ASSIGNEE)
    dialog = ActionDialog(ctx, EventAction.ADD_ASSIGNEE, detail, lists)
    qtbot.addWidget(dialog)
    dialog.show()
    picks = dialog.inputs["department_ids"]
    assert isinstance(picks, PickList)
    offered = [picks.item(i).text() for i in range(picks.count())]
    # Those already working on it are not offered again.
    assert "综合执法局" not in offered and "派出所" not in offered
    assert "生态环境办" in offered

    # Nothing ticked: the dialog stays open and says so at the list.
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors.message("department_ids") != "", timeout=10_000)
    assert dialog.isVisible()

    # Tick 生态环境办 with the keyboard, give it its own finish-by, say what to do.
    picks.setFocus()
    picks.setCurrentRow(offered.index("生态环境办"))
    QTest.keyClick(picks, Qt.Key.Key_Space)
    assert dialog.values()["department_ids"] == [ids.departments["environment"]]
    finish = dialog.inputs["finish_by"]
    finish.check.setChecked(True)
    finish.edit.setDateTime(QDateTime(2022, 10, 27, 17, 0, 0))
    dialog.inputs["instructions"].setPlainText("请协助检测噪音")
    QTest.keyClick(dialog.inputs["instructions"], Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    added = _assignments(ctx, ticket_id)[-1]
    assert added.department_id == ids.departments["environment"]
    assert added.role == AssignmentRole.ASSIST
    assert added.finish_by == datetime(2022, 10, 27, 17, 0)
    assert added.created_at == NOW and added.accept_by > NOW  # by the rules, from now
    assert added.instructions == "请协助检测噪音"


def test_a_missed_acceptance_is_shown_and_escalated_with_the_keyboard(qtbot, make_context, late):
    url, ids, ticket_id = late
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    status = win.statusBar()
    qtbot.waitUntil(lambda: status.missed_label.isVisible(), timeout=10_000)
    assert "1" in status.missed_label.text()

    queue = win.dock_widget("dock.queue")
    button = queue.findChild(type(queue._preset_buttons[None]), "preset_missed_acceptance")
    qtbot.waitUntil(lambda: "(1)" in button.text(), timeout=10_000)
    button.click()
    qtbot.waitUntil(lambda: queue.model.total == 1 and queue.model.rowCount() == 1, timeout=10_000)
    queue.table.setFocus()
    queue.table.selectRow(0)
    detail = win.dock_widget("dock.detail")
    qtbot.waitUntil(
        lambda: detail.detail is not None and detail.detail.id == ticket_id, timeout=10_000
    )
    states = [row[2] for row in detail.assignment_rows()]
    assert any("超时未签收" in s or "not accepted in time" in s for s in states), states
    qtbot.waitUntil(lambda: win.commands["ticket.escalate"].isEnabled(), timeout=10_000)

    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, CTRL | SHIFT)
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), ActionDialog), timeout=10_000
    )
    dialog = QApplication.activeModalWidget()
    # Only 派出所 is late: nothing to pick, it is named.
    shown = dialog.inputs["assignment_id"]
    assert isinstance(shown, OneChoice) and "派出所" in shown.text()
    note = dialog.inputs["note"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is note, timeout=5000)
    QTest.keyClicks(note, "please accept now")
    QTest.keyClick(note, Qt.Key.Key_Return, CTRL)
    # Closed on success (and deleted: it was opened for this one action).
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)

    police = _assignments(ctx, ticket_id)[1]
    assert police.escalated_at == NOW
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.supervised, timeout=10_000)
    qtbot.waitUntil(
        lambda: any("10-25 10:00" in row[2] for row in detail.assignment_rows()), timeout=10_000
    )
    assert ctx.jobs.wait_idle(10_000)
    win.close()


def test_the_dispatch_form_gives_the_assisting_departments_their_own_finish_by(
    qtbot, make_context, desk
):
    from gridcenter_desktop.ui.dispatch_dock import DispatchDock

    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    form = DispatchDock(ctx)
    qtbot.addWidget(form)
    form.show()
    with qtbot.waitSignal(form.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ids.tickets["饭店油烟扰民"])
    # Unticked: the assistants work to the lead's time.
    assert form.choice()["assist_finish_by"] is None
    assert not form.assist_finish_by.isEnabled()
    form.assist_own.setFocus()
    QTest.keyClick(form.assist_own, Qt.Key.Key_Space)
    assert form.assist_finish_by.isEnabled()
    # Before the accept-by time: refused at the field, nothing sent.
    form.assist_finish_by.setDateTime(QDateTime(2022, 10, 25, 12, 0, 0))
    form.dispatch()
    assert form.errors.message("assist_finish_by") != ""
    form.assist_finish_by.setDateTime(QDateTime(2022, 10, 28, 12, 0, 0))
    with qtbot.waitSignal(form.sig_dispatched, timeout=10_000):
        QTest.keyClick(form.instructions, Qt.Key.Key_Return, CTRL)
    lead, assist = _assignments(ctx, ids.tickets["饭店油烟扰民"])
    assert lead.finish_by == datetime(2022, 11, 1, 10, 0)
    assert (assist.accept_by, assist.finish_by) == (lead.accept_by, datetime(2022, 10, 28, 12, 0))
