"""Administration → Audit log: rows newest first in keyset pages, filters by user, action,
period and ticket, export to Excel in a job; only administrators and supervisors see it."""

from __future__ import annotations

from datetime import datetime

import desk_data
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.audit import AuditRow
from gridcenter_desktop.ui import i18n, labels
from gridcenter_desktop.ui.audit_dialog import AuditLogDialog, AuditLogModel
from gridcenter_desktop.ui.main_window import MainWindow

desk = desk_data.desk
desk_template = desk_data.desk_template


@pytest.fixture
def chinese(qapp):
    installed = i18n.install_translators(qapp, "zh_CN")
    labels.reset_cache()
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    labels.reset_cache()


def _fill(ctx, ids):
    operator = Actor(ids.operator, UserRole.OPERATOR, "王调度", login="op")
    supervisor = Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班", login="sup")
    ticket = ids.tickets["饭店油烟扰民"]
    with ctx.session_factory() as s:
        for minute, (actor, action, ticket_id) in enumerate([
            (operator, AuditAction.SIGN_IN, None),
            (operator, AuditAction.PERSONAL_DATA_VIEW, ticket),
            (supervisor, AuditAction.SIGN_IN, None),
            (supervisor, AuditAction.EXPORT, None),
            (operator, AuditAction.SIGN_OUT, None),
        ]):  # fmt: skip
            audit.record(s, actor, action, ticket_id=ticket_id, workstation="坐席3",
                         now=datetime(2022, 10, 24, 9, minute))  # fmt: skip
        s.commit()
    return supervisor


def _rows(n: int) -> list[AuditRow]:
    return [
        AuditRow(id=n - i, at=datetime(2022, 1, 1, 9, i % 60), user_id=1, login="op",
                 user_name="王调度", workstation="坐席1", action=AuditAction.SIGN_IN,
                 ticket_id=None, ticket_code=None, target="", detail={"i": i})
        for i in range(n)
    ]  # fmt: skip


def test_the_model_fetches_keyset_pages_and_passes_the_model_tester(qtmodeltester):
    rows = _rows(5)
    asked = []

    def fetch(before_id, limit):
        asked.append(before_id)
        older = [r for r in rows if before_id is None or r.id < before_id]
        return older[:limit]

    model = AuditLogModel(fetch, page_size=2)
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert [r.id for r in model.rows()] == [5, 4, 3, 2, 1]
    assert asked[:3] == [None, 4, 2]
    qtmodeltester.check(model)


def test_the_dialog_shows_filters_and_exports(qtbot, make_context, desk, tmp_path, chinese):
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班", login="sup"))
    supervisor = _fill(ctx, ids)
    dialog = AuditLogDialog(ctx)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [model.index(r, 3).data() for r in range(model.rowCount())] == [
        "退出登录", "导出报表", "登录成功", "查看个人信息", "登录成功",
    ]  # fmt: skip
    assert "5" in dialog.count.text()

    dialog.action.setCurrentIndex(dialog.action.findData(AuditAction.SIGN_IN.value))
    dialog.apply_filter()
    assert model.rowCount() == 2
    dialog.action.setCurrentIndex(0)
    dialog.user.setCurrentIndex(dialog.user.findData(ids.operator))
    dialog.apply_filter()
    assert model.rowCount() == 3
    dialog.user.setCurrentIndex(0)
    dialog.ticket.setText(_code(ctx, ids.tickets["饭店油烟扰民"]))
    dialog.apply_filter()
    assert [model.index(r, 3).data() for r in range(model.rowCount())] == ["查看个人信息"]
    dialog.ticket.setText("GC19990101-0001")
    dialog.apply_filter()
    assert dialog.status.text() and model.rowCount() == 1  # unknown code: said, view kept
    dialog.ticket.clear()
    dialog.use_period.setChecked(True)
    dialog.date_from.setDate(datetime(2022, 10, 25).date())
    dialog.date_to.setDate(datetime(2022, 10, 25).date())
    dialog.apply_filter()
    assert model.rowCount() == 0

    dialog.use_period.setChecked(False)
    dialog.apply_filter()
    path = tmp_path / "审计日志.xlsx"
    dialog.export_to(path)
    qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=10_000)
    assert "5" in dialog.status.text()
    ws = load_workbook(path).active
    assert ws["A1"].value == "审计日志" and ws.max_row == 3 + 5
    with ctx.session_factory() as s:
        exports = s.scalars(
            select(AuditEntry).where(
                AuditEntry.action == AuditAction.EXPORT, AuditEntry.user_id == supervisor.user_id
            )  # fmt: skip
        ).all()
    assert exports[-1].target == "audit_log"


def _code(ctx, ticket_id):
    from gridcenter_desktop.db.ticket import Ticket

    with ctx.session_factory() as s:
        return s.get(Ticket, ticket_id).code


@pytest.mark.parametrize(
    ("role", "shown"),
    [(UserRole.ADMIN, True), (UserRole.SUPERVISOR, True), (UserRole.OPERATOR, False),
     (UserRole.VIEWER, False)],
)  # fmt: skip
def test_the_menu_item_is_there_for_admins_and_supervisors_only(
    qtbot, make_context, desk, role, shown
):
    url, _ids = desk
    ctx = make_context(url, Actor(None, role, ""))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    action = window.commands["admin.audit_log"]
    assert action.isVisible() is shown and action.isEnabled() is shown
    assert window.menus["admin"].menuAction().isVisible() is shown
    assert ctx.jobs.wait_idle(10_000)
    window.close()


def test_the_service_refuses_an_operator_even_without_the_menu(qtbot, make_context, desk):
    url, _ids = desk
    ctx = make_context(url, Actor(None, UserRole.OPERATOR, ""))
    dialog = AuditLogDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and dialog.status.text()
