"""View → Household visits: record a visit by keyboard (a problem raises a ticket), the month's
coverage table and chart, the households not visited, import a sheet, export the coverage;
Administration → Grid work settings changes the target the window measures against."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from gridcenter_desktop.core.enums import RegisterKind, TicketSource
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.admin.grid_work_settings import grid_work_settings
from gridcenter_desktop.services.visits.recording import NewVisit, record_visit
from gridcenter_desktop.ui.admin.grid_work_dialog import GridWorkSettingsDialog
from gridcenter_desktop.ui.visits.window import VisitsWindow
from tests.visits.visit_town import build_visit_town

pytestmark = pytest.mark.ui
NOW = date(2022, 10, 25)


@pytest.fixture
def town(db_url):
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        vt = build_visit_town(session, since=date(2022, 1, 1))
        for n in range(3):
            record_visit(
                session,
                vt.operator,
                NewVisit(vt.town.fuli_1, vt.wang, date(2022, 10, 3 + n), f"福利村{n}号"),
            )
        record_visit(
            session,
            vt.operator,
            NewVisit(vt.town.donghu_1, vt.zhao, date(2022, 5, 3), "东崦湖花园1幢"),
        )
    yield db_url, vt
    engine.dispose()


@pytest.fixture
def window(qtbot, make_context, town):
    url, vt = town
    ctx = make_context(url, vt.operator)
    win = VisitsWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1300, 700)
    win.show()
    assert ctx.jobs.wait_idle(10_000)
    qtbot.waitUntil(lambda: win.coverage_model.rowCount() > 0)
    return win, ctx, vt


def _wait(qtbot, ctx):
    assert ctx.jobs.wait_idle(10_000)
    qtbot.wait(20)
    assert ctx.jobs.wait_idle(10_000)


def test_coverage_and_not_visited(qtbot, window):
    win, _ctx, _vt = window
    rows = {
        win.coverage_model.data(win.coverage_model.index(r, 0)): [
            win.coverage_model.data(win.coverage_model.index(r, c)) for c in range(7)
        ]
        for r in range(win.coverage_model.rowCount())
    }
    assert rows["王芳"][1:] == ["福利村第一网格", "福利村", "3", "3", "100", "3.0 %"]
    assert rows["李强"][3] == "0"
    assert (
        win.coverage_model.data(win.coverage_model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
        is not None
    )  # under the target: red
    assert "3" in win.summary.text() and "100" in win.summary.text()
    assert win.chart.bars is not None
    assert win.stale_table.rowCount() == 1
    assert win.stale_table.item(0, 2).text() == "东崦湖花园1幢"


def test_record_a_visit_with_a_problem_by_keyboard(qtbot, window, town):
    win, ctx, vt = window
    win.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: win.worker.count() > 0)
    assert win.worker.currentData() == vt.wang
    win.address.setFocus()
    win.address.setText("福利村8号")
    win.findings.setPlainText("楼道堆放纸箱，消防通道堵塞")
    win.problem.setChecked(True)
    win.category.setCurrentIndex(win.category.findData("fire_safety"))
    qtbot.keyClick(win.address, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _wait(qtbot, ctx)
    assert "GC" in win.status.text()
    assert win.address.text() == "" and not win.problem.isChecked()
    assert QApplication.focusWidget() is win.address or not win.isActiveWindow()
    engine = make_engine(town[0])
    with make_session_factory(engine)() as session:
        ticket = session.scalars(select(Ticket)).one()
        assert ticket.source == TicketSource.GRID_PATROL
        assert ticket.raised_from_kind == RegisterKind.VISIT
        assert ticket.reported_by_person_id == vt.wang
    engine.dispose()
    qtbot.waitUntil(
        lambda: any(
            win.coverage_model.data(win.coverage_model.index(r, 3)) == "4"
            for r in range(win.coverage_model.rowCount())
        )
    )


def test_a_missing_address_is_shown_at_its_field(qtbot, window):
    win, ctx, _vt = window
    win.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: win.worker.count() > 0)
    win.record()
    _wait(qtbot, ctx)
    assert "address" in win.errors.invalid_fields()


def test_import_a_sheet_and_export_the_coverage(qtbot, window, tmp_path, monkeypatch):
    win, ctx, _vt = window
    path = tmp_path / "走访.csv"
    path.write_text(
        "记录编号,走访日期,网格员,所属网格,地址\n"
        "Z1,2022-10-10,李强,福利村第二网格,二组1号\n"
        "Z2,2022-10-11,李强,福利村第二网格,二组2号\n",
        encoding="utf-8",
    )
    clicked = []

    def accept(box: QMessageBox):
        clicked.append(box.text())
        return box.buttons()[0]

    monkeypatch.setattr(QMessageBox, "exec", lambda self: self.clickedButton())
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: accept(self), raising=True)
    win.import_from(path)
    _wait(qtbot, ctx)
    _wait(qtbot, ctx)
    assert clicked and "2" in clicked[0]
    qtbot.waitUntil(
        lambda: any(
            win.coverage_model.data(win.coverage_model.index(r, 0)) == "李强"
            and win.coverage_model.data(win.coverage_model.index(r, 3)) == "2"
            for r in range(win.coverage_model.rowCount())
        )
    )
    out = tmp_path / "覆盖.xlsx"
    win.export_to(out)
    _wait(qtbot, ctx)
    rows = list(load_workbook(out)["走访覆盖"].iter_rows(min_row=5, values_only=True))
    assert ("2022-10", "李强", "福利村第二网格", "福利村", 2, 100, 2.0) in rows


def test_the_target_is_an_administration_setting(qtbot, make_context, town):
    url, vt = town
    ctx = make_context(url, vt.town.admin)
    dialog = GridWorkSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.visit_target.value() == 100
    dialog.visit_target.setValue(80)
    dialog.stale_months.setValue(6)
    dialog.tile_url.setText("ftp://tiles")
    dialog.try_save()
    assert "tile_url" in dialog.errors.invalid_fields()
    dialog.tile_url.setText("http://10.1.2.3/tiles/{z}/{x}/{y}.png")
    dialog.try_save()
    assert dialog.result() == dialog.DialogCode.Accepted
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        saved = grid_work_settings(session)
    engine.dispose()
    assert (saved.visit_target, saved.stale_months) == (80, 6)


def test_esc_with_a_visit_typed_asks_before_discarding_it(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window, _ctx, _vt = window
    window.tabs.setCurrentIndex(0)
    window.address.setText("福利村5组12号")
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel,
    )
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert asked and window.isVisible() and window.address.text() == "福利村5组12号"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_the_month_arrows_step_the_month(qtbot, window):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    win, ctx, _vt = window
    win.tabs.setCurrentIndex(1)
    win.activateWindow()
    qtbot.waitActive(win)
    win.month.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.month, timeout=5000)
    before = win.month_chosen()
    QTest.keyClick(win.month, Qt.Key.Key_Down)
    after = win.month_chosen()
    # One month back, not a year (the walk saw 2026-12 jump to 2025-12).
    assert (before.year * 12 + before.month) - (after.year * 12 + after.month) == 1
