"""The grid worker's page in the window: the register dialog's 上报网格员 picker for a grid
patrol's report, and the 网格员工作台 (figures of the month, the grid's team, the worker's
latest tickets and visits, the Excel sheet)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import select

from gridcenter_desktop.core.enums import TicketSource, UserRole, VisitSource
from gridcenter_desktop.db.area import Person
from gridcenter_desktop.db.gridwork import Household, HouseholdVisit
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets.registration import carry_on_code_counters
from gridcenter_desktop.ui.grid_workers_window import GridWorkersWindow
from gridcenter_desktop.ui.register_dialog import RegisterDialog

pytestmark = pytest.mark.ui


def _worker_id(ctx, name="陈小红") -> int:
    with ctx.session_factory() as s:
        return s.scalar(select(Person.id).where(Person.name == name))


def _carry_on_codes(ctx) -> None:
    # The small town's tickets were written with codes of FIXED_NOW's day.
    with ctx.engine.begin() as conn:
        carry_on_code_counters(conn)


def _register_patrol(qtbot, ctx, ids, title: str) -> RegisterDialog:
    dialog = RegisterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert ctx.jobs.wait_idle(10_000)
    dialog.source.setCurrentIndex(dialog.source.findData(TicketSource.GRID_PATROL.value))
    dialog.category.setCurrentIndex(dialog.category.findData("city_management"))
    dialog.title.setText(title)
    dialog.address.setText("迂里村3组")
    dialog.select_grid(ids["迂里村"], ids["迂里村第一网格"])
    assert ctx.jobs.wait_idle(10_000)
    return dialog


def test_a_grid_patrol_names_its_grid_worker(qtbot, make_context, small_town):
    url, ids = small_town
    ctx = make_context(url, Actor(ids["operator"], UserRole.OPERATOR, "张调度"))
    worker = _worker_id(ctx)
    _carry_on_codes(ctx)
    dialog = _register_patrol(qtbot, ctx, ids, "巡查发现井盖缺失")
    # The picker shows for a grid patrol and proposes the grid's worker.
    assert dialog.reported_by.isVisibleTo(dialog)
    assert dialog.reported_by.currentData() == worker
    assert dialog.reported_by.currentText().startswith("陈小红")
    dialog.submit()
    assert ctx.jobs.wait_idle(10_000)
    assert dialog.registered is not None
    with ctx.session_factory() as s:
        ticket = s.get(Ticket, dialog.registered.id)
        assert ticket.reported_by_person_id == worker

    # A hotline call has no reporting worker: the row is hidden and nothing is sent.
    hotline = _register_patrol(qtbot, ctx, ids, "热线反映噪音")
    hotline.source.setCurrentIndex(hotline.source.findData(TicketSource.HOTLINE.value))
    assert not hotline.reported_by.isVisibleTo(hotline)
    assert hotline.new_ticket().reported_by_person_id is None
    # The operator may say it was nobody's patrol.
    hotline.source.setCurrentIndex(hotline.source.findData(TicketSource.GRID_PATROL.value))
    hotline.reported_by.setCurrentIndex(0)
    hotline.reported_by.activated.emit(0)
    hotline.select_grid(ids["迂里村"], ids["迂里村第二网格"])
    assert hotline.new_ticket().reported_by_person_id is None
    hotline.reject()


def test_the_desk_shows_the_month_and_exports_it(qtbot, make_context, small_town, tmp_path):
    url, ids = small_town
    ctx = make_context(url, Actor(ids["supervisor"], UserRole.SUPERVISOR, "刘值班长"))
    worker = _worker_id(ctx)
    _carry_on_codes(ctx)
    dialog = _register_patrol(qtbot, ctx, ids, "巡查发现路灯不亮")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.registered is not None, timeout=10_000)
    with ctx.session_factory() as s:
        home = Household(
            grid_id=ids["迂里村第一网格"], address="迂里村3组8号", created_at=datetime(2022, 1, 1)
        )
        s.add(home)
        s.flush()
        for day in (3, 17):
            s.add(
                HouseholdVisit(
                    household_id=home.id,
                    grid_id=ids["迂里村第一网格"],
                    worker_id=worker,
                    visited_on=date(2022, 10, day),
                    findings="独居老人身体良好",
                    source=VisitSource.DESK,
                    recorded_at=datetime(2022, 10, day),
                )
            )
        s.commit()

    window = GridWorkersWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert ctx.jobs.wait_idle(10_000)
    assert window.period() == (date(2022, 10, 1), date(2022, 10, 31))
    rows = window.model.rows()
    assert [r.name for r in rows] == ["陈小红"]
    chen = rows[0]
    assert (chen.tickets_reported, chen.visits, chen.households_visited) == (1, 2, 1)
    table = window.table
    assert table.model().index(0, 2).data() == "陈小红"
    assert table.model().index(0, 6).data() == "1 / 100"
    assert table.model().index(0, 7).data() == "1%"
    # The selected worker's grid team (leader first), their tickets and visits.
    qtbot.waitUntil(lambda: window.team.count() == 4, timeout=10_000)
    assert "周建国" in window.team.item(0).text()  # the leader first
    assert window.visits.count() == 2 and "迂里村3组8号" in window.visits.item(0).text()
    # Enter on a ticket selects it for the detail panel.
    with qtbot.waitSignal(ctx.bus.sig_ticket_selected) as picked:
        window.tickets.itemActivated.emit(window.tickets.item(0))
    assert picked.args == [dialog.registered.id]

    # Another month: nothing reported.
    window.set_month(2022, 9)
    assert ctx.jobs.wait_idle(10_000)
    assert window.model.rows()[0].tickets_reported == 0

    out = tmp_path / "网格员工作情况.xlsx"
    window.set_month(2022, 10)
    assert ctx.jobs.wait_idle(10_000)
    window.export_to(out)
    qtbot.waitUntil(lambda: not window.is_exporting(), timeout=10_000)
    sheet = load_workbook(out, read_only=True)["网格员工作情况"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[3][3] == "陈小红" and values[3][5] == 1
    window.close()


def test_the_model_passes_the_model_tester(qtmodeltester, qtbot, make_context, small_town):
    url, ids = small_town
    ctx = make_context(url, Actor(ids["operator"], UserRole.OPERATOR, "张调度"))
    window = GridWorkersWindow(ctx)
    qtbot.addWidget(window)
    assert ctx.jobs.wait_idle(10_000)
    qtmodeltester.check(window.model)
    assert window.table.model().headerData(2, Qt.Orientation.Horizontal) == "Grid worker"


def test_the_month_by_keyboard(qtbot, make_context, small_town):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    url, ids = small_town
    ctx = make_context(url, Actor(ids["operator"], UserRole.OPERATOR, "张调度"))
    window = GridWorkersWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    assert ctx.jobs.wait_idle(10_000)
    assert QApplication.focusWidget() is window.table
    QTest.keyClick(window.table, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.month, timeout=5000)
    QTest.keyClick(window.month, Qt.Key.Key_Down)
    assert window.period() == (date(2022, 9, 1), date(2022, 9, 30))
    assert ctx.jobs.wait_idle(10_000)
