"""网格工作 → 台账 (View → Registers): the three registers in one window, masked by role,
sensitive groups only for supervisors, a row added through its form, a ticket raised from a
row and listed under it, a bad sheet's rows named."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QPushButton
from sqlalchemy import text

from gridcenter_desktop.core.enums import RegisterKind, UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui import i18n, labels
from gridcenter_desktop.ui.registers.forms import RegisterFormDialog
from gridcenter_desktop.ui.registers.window import RegistersWindow
from tests.registers.town import NOW, build_register_town

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def chinese(qapp):
    """The desk in Chinese, as it starts by default."""
    installed = i18n.install_translators(qapp, "zh_CN")
    labels.reset_cache()
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    labels.reset_cache()


@pytest.fixture
def town(migrated_sqlite_file, tmp_path):
    path = tmp_path / "town.sqlite3"
    shutil.copyfile(migrated_sqlite_file, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        rt = build_register_town(s)
    engine.dispose()
    return url, rt


def _open(qtbot, make_context, url, actor) -> RegistersWindow:
    ctx = make_context(url, actor)
    ctx.now = lambda: NOW
    window = RegistersWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert ctx.jobs.wait_idle(10_000)
    qtbot.waitUntil(lambda: not any(t.busy for t in window.pages.values()), timeout=10_000)
    return window


def _cells(tab) -> list[list[str]]:
    model = tab.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_an_operator_sees_masked_rows_and_no_sensitive_group(
    qtbot, qtmodeltester, make_context, town
):
    url, rt = town
    window = _open(qtbot, make_context, url, Actor(rt.admin.user_id, UserRole.OPERATOR, "调度员"))
    groups = window.pages[RegisterKind.SPECIAL_GROUP]
    qtmodeltester.check(groups.model)
    rows = _cells(groups)
    assert len(rows) == 1 and rows[0][:4] == ["福利村第一网格", "独居老人", "王**", "138****5678"]
    kinds = [groups.kind.itemText(i) for i in range(groups.kind.count())]
    assert "社区矫正对象" not in kinds and "独居老人" in kinds
    assert groups.reveal_button.isEnabled()
    dangers = window.pages[RegisterKind.DANGER]
    assert [r[1] for r in _cells(dangers)] == ["福利村小作坊", "东崦湖社区菜场"]
    assert "超期" in _cells(dangers)[0][7]
    dangers.state.setCurrentIndex(dangers.state.findText("整改超期"))
    qtbot.waitUntil(lambda: not dangers.busy and dangers.model.rowCount() == 1, timeout=10_000)
    assert _cells(dangers)[0][1] == "福利村小作坊"
    assert not groups.findChild(QPushButton, "register_retire").isHidden()
    assert dangers.findChild(QPushButton, "register_reveal").isHidden()


def test_an_operator_reveals_one_contact_with_a_reason_and_sees_it_labelled(
    qtbot, make_context, town, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    url, rt = town
    window = _open(qtbot, make_context, url, Actor(rt.admin.user_id, UserRole.OPERATOR, "调度员"))
    groups = window.pages[RegisterKind.SPECIAL_GROUP]
    groups.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("回访核实", True))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    groups.reveal_selected()
    assert shown and "姓名：王" in shown[0] and "电话：138" in shown[0]
    assert "*" not in shown[0]


def test_a_supervisor_sees_names_and_the_sensitive_group(qtbot, make_context, town):
    url, rt = town
    window = _open(qtbot, make_context, url, Actor(rt.admin.user_id, UserRole.SUPERVISOR, "值班长"))
    rows = _cells(window.pages[RegisterKind.SPECIAL_GROUP])
    assert sorted(r[2] for r in rows) == ["李强", "王秀英"]
    assert not window.pages[RegisterKind.SPECIAL_GROUP].reveal_button.isEnabled()


def test_a_rental_added_through_the_form_and_a_ticket_raised_from_it(
    qtbot, monkeypatch, make_context, town
):
    url, rt = town
    window = _open(qtbot, make_context, url, Actor(rt.admin.user_id, UserRole.OPERATOR, "调度员"))
    tab = window.pages[RegisterKind.RENTAL]
    window.tabs.setCurrentWidget(tab)
    errors = []

    def fill_rental(dialog: RegisterFormDialog) -> None:
        dialog.inputs["address"].setText("福利村 66 号")
        dialog.try_save()  # the landlord is required: the form says so and stays open
        errors.append(dialog.error.text())
        dialog.inputs["landlord_name"].setText("何大山")
        dialog.inputs["landlord_phone"].setText("139 0000 1234")
        dialog.inputs["tenants_count"].setValue(9)
        dialog.inputs["group_rental"].setChecked(True)
        worker = dialog.inputs["worker_id"]
        worker.setCurrentIndex(worker.findData(rt.worker_id))
        dialog.try_save()

    monkeypatch.setattr(RegisterFormDialog, "exec", lambda d: (fill_rental(d), d.result())[1])
    tab.add()
    assert "房东" in errors[0]
    qtbot.waitUntil(lambda: not tab.busy and tab.model.rowCount() == 2, timeout=10_000)
    added = next(r for r in _cells(tab) if r[1] == "福利村 66 号")
    assert added[2:6] == ["何**", "139****1234", "9", "是"]
    assert added[8] == "周建国"

    tab.table.selectRow(next(i for i, r in enumerate(_cells(tab)) if r[1] == "福利村 66 号"))

    def fill_ticket(dialog: RegisterFormDialog) -> None:
        combo = dialog.inputs["category"]
        combo.setCurrentIndex(combo.findData("fire_safety"))
        dialog.inputs["title"].setText("群租房消防通道堵塞")
        dialog.try_save()

    monkeypatch.setattr(RegisterFormDialog, "exec", lambda d: (fill_ticket(d), d.result())[1])
    tab.raise_ticket()
    assert "GC" in tab.status.text()
    assert "GC" in tab.raised.text() and "待派发" in tab.raised.text()
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        reported = s.execute(
            text(
                "SELECT reported_by_person_id, source FROM ticket WHERE raised_from_kind = 'rental'"
            )
        ).one()
    engine.dispose()
    assert tuple(reported) == (rt.worker_id, "grid_patrol")


def test_a_bad_sheet_is_refused_with_its_rows_named(qtbot, make_context, town, tmp_path):
    url, rt = town
    window = _open(qtbot, make_context, url, Actor(rt.admin.user_id, UserRole.OPERATOR, "调度员"))
    tab = window.pages[RegisterKind.DANGER]
    path = tmp_path / "dangers.xlsx"
    wb = Workbook()
    wb.active.append(["网格", "隐患地点", "隐患类别", "风险等级", "发现日期"])
    wb.active.append(["福利村第一网格", "加油站", "消防", "极高", "2026-02-01"])
    wb.save(path)
    tab.import_from(path)
    qtbot.waitUntil(lambda: not tab.busy, timeout=10_000)
    assert "第 2 行" in tab.status.text() and "风险等级" in tab.status.text()
