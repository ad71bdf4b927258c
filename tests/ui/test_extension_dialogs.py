"""申请延期 and 延期审批 by keyboard: the operator types the reason and moves the proposed date
with the arrow keys, Ctrl+Enter sends; the supervisor reads the request (who, why, old and
proposed dates) and approves it; the detail shows the request while it waits. SQLite and
PostgreSQL (``db_url``)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import desk_data
import pytest
from desk_data import NOW
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QLabel, QPlainTextEdit
from test_detail_dock import _dock

from gridcenter_desktop.core.enums import EventAction, UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.services.tickets.extension import pending_extensions
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog, action_lists

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def handled(db_url):
    """A ticket dispatched to one department, which has accepted it."""
    ids = desk_data.build_desk_db(db_url)
    operator = Actor(ids.operator, UserRole.OPERATOR, "王调度")
    supervisor = Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班")
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as s:
            form = svc.NewTicket(
                kind="ordinary",
                source="hotline",
                category="noise",
                title="饭店油烟扰民",
                address="迂里村三组",
                grid_id=ids.grids[0],
            )
            at = NOW - timedelta(hours=3)
            ref = svc.register_ticket(s, operator, form, now=at)
            ref = svc.dispatch_ticket(
                s, operator, ref.id, ref.version,
                lead_department_id=ids.departments["enforcement"], now=at,
            )  # fmt: skip
            lead = get_ticket_detail(s, ref.id).assignments[0]
            ref = svc.accept_assignment(s, operator, ref.id, ref.version, lead.id, now=at)
    finally:
        engine.dispose()
    return db_url, operator, supervisor, ref.id, lead


def _dialog(qtbot, ctx, action, ticket_id) -> ActionDialog:
    with ctx.session_factory() as s:
        detail = get_ticket_detail(s, ticket_id)
        lists = action_lists(s, action)
    dialog = ActionDialog(ctx, action, detail, lists)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    return dialog


def _type(text: str) -> None:
    target = QApplication.focusWidget()
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, target, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


def test_asking_for_an_extension_and_approving_it_by_keyboard(qtbot, make_context, handled):
    url, operator, supervisor, ticket_id, lead = handled
    ctx = make_context(url, operator)
    dialog = _dialog(qtbot, ctx, EventAction.EXTEND_REQUEST, ticket_id)
    # One department at work: no assignment to choose, the keyboard starts on the reason.
    assert "assignment_id" not in dialog.inputs
    assert QApplication.focusWidget() is dialog.inputs["reason"]
    assert isinstance(dialog.inputs["reason"], QPlainTextEdit)
    _type("需等待环保检测报告")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    date_edit = QApplication.focusWidget()
    assert date_edit is dialog.inputs["proposed_finish_by"]
    assert isinstance(date_edit, QDateTimeEdit)
    # It starts a day after the current finish-by; the arrow moves the day on once more.
    start = lead.finish_by + timedelta(days=1)
    assert date_edit.dateTime().toPython() == start.replace(second=0)
    date_edit.setCurrentSection(QDateTimeEdit.Section.DaySection)
    QTest.keyClick(date_edit, Qt.Key.Key_Up)
    proposed = (start + timedelta(days=1)).replace(second=0)
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        QTest.keyClick(date_edit, Qt.Key.Key_Return, CTRL)
    with ctx.session_factory() as s:
        (pending,) = pending_extensions(s, ticket_id)
    assert pending.reason == "需等待环保检测报告"
    assert pending.proposed_finish_by == proposed
    assert pending.previous_finish_by == lead.finish_by

    # The detail shows the request while it waits.
    detail = _dock(qtbot, ctx, ticket_id)
    assert "需等待环保检测报告" in detail.field_labels["extension"].text()
    assert "综合执法局" in detail.field_labels["extension"].text()

    boss = make_context(url, supervisor)
    dialog = _dialog(qtbot, boss, EventAction.EXTEND_DECIDE, ticket_id)
    shown = dialog.inputs["shown_request"]
    assert isinstance(shown, QLabel)
    for part in ("综合执法局", "王调度", "需等待环保检测报告", f"{proposed:%Y-%m-%d %H:%M}"):
        assert part in shown.text()
    assert dialog.inputs["new_finish_by"].dateTime().toPython() == proposed
    assert dialog.inputs["approve"].currentData() is True
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    with boss.session_factory() as s:
        assert pending_extensions(s, ticket_id) == []
        ticket = get_ticket_detail(s, ticket_id)
    assert ticket.assignments[0].finish_by == proposed
    assert ticket.deadline_at == proposed


def test_an_action_refused_on_a_suspended_ticket_says_so(qapp):
    from gridcenter_desktop.services.errors import TransitionError
    from gridcenter_desktop.ui import i18n, labels

    installed = i18n.install_translators(qapp, "zh_CN")
    labels.reset_cache()
    try:
        _assert_suspension_refusals_read_well(labels, TransitionError)
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        labels.reset_cache()


def _assert_suspension_refusals_read_well(labels, TransitionError) -> None:  # noqa: N803
    text = labels.error_text(TransitionError("feedback", "suspended"))
    assert "挂起" in text and "恢复办理" in text
    assert "恢复办理" in labels.error_text(TransitionError("resume", "running"))


def test_a_suspended_ticket_in_the_queue(qtbot, make_context, handled):
    from gridcenter_desktop.core.deadlines import DeadlineState
    from gridcenter_desktop.ui.queue_dock import QueueDock
    from gridcenter_desktop.ui.queue_model import QUEUE_ROW_ROLE, column_of

    url, operator, supervisor, ticket_id, _lead = handled
    boss = make_context(url, supervisor)
    with boss.session_factory() as s:
        version = get_ticket_detail(s, ticket_id).version
        svc.suspend_ticket(s, supervisor, ticket_id, version, "等待群众补充材料", now=NOW)
    dock = QueueDock(boss)
    qtbot.addWidget(dock)
    boss.jobs.wait_idle()
    assert "(1)" in dock._preset_buttons["suspended"].text()
    assert "(0)" in dock._preset_buttons["extension_pending"].text()
    with qtbot.waitSignal(dock.model.sig_loaded, timeout=10_000):
        dock._preset_buttons["suspended"].click()
    model = dock.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0), QUEUE_ROW_ROLE).id == ticket_id
    assert model.data(model.index(0, column_of("status"))).endswith("(suspended)")
    # Past its deadline, the row is not coloured late while suspended; it is once resumed.
    row = model.data(model.index(0, 0), QUEUE_ROW_ROLE)
    late = dataclasses.replace(
        row, due_soon_at=NOW - timedelta(hours=2), deadline_at=NOW - timedelta(hours=1)
    )
    assert model._make_view(late).state is DeadlineState.ON_TIME
    running = dataclasses.replace(late, suspended_at=None)
    assert model._make_view(running).state is DeadlineState.OVERDUE
