"""Administration → Departments, Deadline rules and Town settings: a department in use cannot
be deleted (only retired, and restored), every deadline rule is listed with its default and
can be edited with the keyboard and reset, the town's notice pattern is checked at its field;
dialogs open where they were left; names are shown as typed, never as HTML."""

from __future__ import annotations

import pytest
from admin_desk import (
    admin_actor,
    answer_yes,
    drive,
    empty_town,
    signed_context,
    signed_in_town,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from gridcenter_desktop.core.deadline_rules import LimitKind, RuleKey, all_keys
from gridcenter_desktop.core.enums import DepartmentKind, Priority, UserRole
from gridcenter_desktop.services import users
from gridcenter_desktop.services.admin import departments as department_service
from gridcenter_desktop.services.admin import town as town_service
from gridcenter_desktop.ui.admin import departments_dialog
from gridcenter_desktop.ui.admin.deadline_rules_dialog import DeadlineRulesDialog
from gridcenter_desktop.ui.admin.departments_dialog import DepartmentFormDialog, DepartmentsDialog
from gridcenter_desktop.ui.admin.town_dialog import TownSettingsDialog

__all__ = ["empty_town", "signed_in_town"]  # fixtures, imported for pytest


@pytest.fixture
def admin_ctx(empty_town, make_context):
    url, admin_id = empty_town
    return make_context(url, admin_actor(admin_id))


def _departments(ctx, *names: str) -> dict[str, int]:
    ids = {}
    with ctx.session_factory() as s:
        for name in names:
            made = department_service.create_department(
                s, ctx.actor, name=name, kind=DepartmentKind.OFFICE
            )
            ids[name] = made.id
    return ids


def test_a_department_in_use_is_retired_not_deleted(qtbot, admin_ctx, monkeypatch):
    ctx = admin_ctx
    ids = _departments(ctx, "综合执法局", "错录的部门")
    with ctx.session_factory() as s:  # a user works for 综合执法局: it is in use
        users.create_user(
            s,
            ctx.actor,
            "zhifa",
            "执法队员",
            UserRole.OPERATOR,
            "zhifa-pass-2026",
            department_id=ids["综合执法局"],
        )
    dialog = DepartmentsDialog(ctx)
    qtbot.addWidget(dialog)
    asked = answer_yes(monkeypatch, departments_dialog)
    dialog.select_name("综合执法局")
    dialog.delete_department()
    assert asked and "综合执法局" in asked[-1]
    assert "in use" in dialog.message.text()
    assert [d.name for d in dialog.rows] == ["综合执法局", "错录的部门"]

    dialog.retire_department()
    assert dialog.message.text() == ""
    row = dialog.table.currentRow()
    assert dialog.table.item(row, 6).text().startswith("Retired")
    assert not dialog.retire_button.isEnabled() and dialog.restore_button.isEnabled()
    dialog.show_retired.setChecked(False)
    assert [d.name for d in dialog.rows] == ["错录的部门"]
    dialog.show_retired.setChecked(True)
    dialog.select_name("综合执法局")
    dialog.restore_department()
    assert dialog.selected().active

    dialog.select_name("错录的部门")  # never used: it may go
    dialog.delete_department()
    assert [d.name for d in dialog.rows] == ["综合执法局"]


def test_editing_a_department_and_its_refusals_at_the_field(qtbot, admin_ctx, monkeypatch):
    ctx = admin_ctx
    _departments(ctx, "综合执法局", "<b>供电所</b>")
    dialog = DepartmentsDialog(ctx)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "<b>供电所</b>" in names  # as typed (items are plain text)
    dialog.select_name("<b>供电所</b>")
    seen = {}

    def edit(form: DepartmentFormDialog):
        assert form.code_edit.isReadOnly()
        form.name_edit.setText("综合执法局")  # taken
        form.try_save()
        seen["name"] = form.errors.message("department_name")
        form.name_edit.setText("供电所")
        form.phone_edit.setText("12")
        form.try_save()
        seen["phone"] = form.errors.message("contact_phone")
        form.phone_edit.setText("0512-66881234")
        form.kind_combo.setCurrentIndex(form.kind_combo.findData(DepartmentKind.UTILITY.value))
        form.dispatchable.setChecked(False)
        form.try_save()

    drive(monkeypatch, DepartmentFormDialog, edit)
    dialog.edit_department()
    assert "in use" in seen["name"]
    assert "phone" in seen["phone"]
    saved = dialog.selected()
    assert (saved.name, saved.kind, saved.contact_phone, saved.dispatchable) == (
        "供电所",
        DepartmentKind.UTILITY,
        "0512-66881234",
        False,
    )
    assert dialog.table.item(dialog.table.currentRow(), 5).text() == "No"


def test_every_deadline_rule_with_its_default_edited_by_keyboard_and_reset(qtbot, admin_ctx):
    ctx = admin_ctx
    dialog = DeadlineRulesDialog(ctx)
    qtbot.addWidget(dialog)
    assert "after it" in dialog.findChild(type(dialog.selected_label), "rules.intro").text()
    assert dialog.table.rowCount() == len(list(all_keys()))
    # Limits and defaults side by side; nothing changed yet.
    assert all(
        dialog.table.item(r, 3).text() == dialog.table.item(r, 4).text()
        for r in range(dialog.table.rowCount())
    )
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    urgent = RuleKey(LimitKind.ACCEPT, None, Priority.URGENT)
    dialog.select_key(urgent)
    assert dialog.table.item(dialog.table.currentRow(), 3).text() == "4 hours"
    assert not dialog.reset_button.isEnabled()
    dialog.amount.setFocus()
    dialog.amount.lineEdit().selectAll()
    QTest.keyClicks(dialog.amount, "6")
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)  # Enter saves, the dialog stays
    assert dialog.isVisible() and dialog.message.text() == ""
    assert dialog.selected().key == urgent
    row = dialog.table.currentRow()
    assert (dialog.table.item(row, 3).text(), dialog.table.item(row, 4).text()) == (
        "6 hours",
        "4 hours",
    )
    assert "王管理" in dialog.table.item(row, 5).text()
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("changed"))
    assert dialog.table.rowCount() == 1
    # Too long a limit is refused in words; the rule keeps its value.
    dialog.unit.setCurrentIndex(dialog.unit.findData("working_days"))
    dialog.amount.setValue(400)
    dialog.save_rule()
    assert dialog.message.text()
    assert dialog.selected().limit.amount == 6
    dialog.reset_rule()
    assert dialog.table.rowCount() == 0  # nothing differs from the defaults any more
    dialog.filter_combo.setCurrentIndex(0)
    dialog.select_key(urgent)
    assert dialog.selected().is_default and dialog.selected().limit.amount == 4


def test_town_settings_check_the_pattern_at_its_field_and_remember_the_place(
    qtbot, admin_ctx, settings
):
    ctx = admin_ctx
    dialog = TownSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.town_name.setText("<i>枫桥镇</i>")
    dialog.notice_pattern.setText("{town}整改{year}")  # no number: two notices would share one
    assert dialog.example.text() == "<i>枫桥镇</i>整改2022"
    dialog.try_save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.message("notice_pattern")
    dialog.notice_pattern.setText("{town}整改〔{year}〕{seq}号")
    dialog.town_code.setText("33068110")  # 8 digits
    dialog.try_save()
    assert dialog.errors.message("town_code")
    dialog.town_code.setText("330681101")
    dialog.report_period.setCurrentIndex(dialog.report_period.findData("quarter"))
    dialog.resize(700, 520)
    dialog.try_save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.session_factory() as s:
        saved = town_service.town_settings(s)
    assert (saved.town_name, saved.town_code, saved.report_period) == (
        "<i>枫桥镇</i>",
        "330681101",
        town_service.ReportPeriod.QUARTER,
    )
    again = TownSettingsDialog(ctx)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 520)  # where it was left
    assert again.town_name.text() == "<i>枫桥镇</i>"
    assert again.report_period.currentData() == "quarter"
    assert again.example.textFormat() == Qt.TextFormat.PlainText


def test_the_signed_in_administrator_retires_merges_and_deletes_on_both_backends(
    qtbot, make_context, signed_in_town, monkeypatch
):
    """On PostgreSQL the dialogs act as the administrator's own login role: the database's
    grants must let them do what the services allow (and the refusals still read clearly)."""
    from gridcenter_desktop.core.enums import AreaLevel
    from gridcenter_desktop.services.admin import areas as area_service
    from gridcenter_desktop.ui.admin import areas_dialog
    from gridcenter_desktop.ui.admin.area_forms import MergeGridsDialog
    from gridcenter_desktop.ui.admin.areas_dialog import AreasDialog
    from tests.admin.town_factory import register

    url, signed = signed_in_town
    ctx = signed_context(make_context, url, signed)
    with ctx.session_factory() as s:
        town = area_service.create_area(
            s, ctx.actor, parent_id=None, level=AreaLevel.TOWN, name="枫桥镇"
        )
        village = area_service.create_area(
            s, ctx.actor, parent_id=town.id, level=AreaLevel.VILLAGE, name="东山村"
        )
        first, second = (
            area_service.create_area(
                s, ctx.actor, parent_id=village.id, level=AreaLevel.GRID, name=name
            )
            for name in ("东山村第一网格", "东山村第二网格")
        )
        register(s, ctx.actor, second.id)
    _departments(ctx, "错录的部门")

    dialog = AreasDialog(ctx)
    qtbot.addWidget(dialog)
    answer_yes(monkeypatch, areas_dialog)
    dialog.select_name("东山村第二网格")
    dialog.retire_area()
    assert "open tickets" in dialog.message.text()

    def merge(form: MergeGridsDialog):
        form.target_combo.setCurrentIndex(form.target_combo.findData(first.id))
        form.try_merge()

    drive(monkeypatch, MergeGridsDialog, merge)
    dialog.merge_area()
    assert dialog.message.text() == ""
    assert "open tickets moved: 1" in dialog.outcome.text()
    assert dialog.records[second.id].merged_into_id == first.id

    departments = DepartmentsDialog(ctx)
    qtbot.addWidget(departments)
    answer_yes(monkeypatch, departments_dialog)
    departments.select_name("错录的部门")
    departments.delete_department()
    assert departments.message.text() == "" and departments.rows == []


def test_a_lost_connection_is_said_and_what_was_typed_stays(qtbot, admin_ctx, monkeypatch):
    from sqlalchemy.exc import OperationalError

    ctx = admin_ctx
    form = DepartmentFormDialog(ctx, None)
    qtbot.addWidget(form)
    form.name_edit.setText("食安办")

    def cut(*_a, **_k):
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(department_service, "create_department", cut)
    form.try_save()
    assert "connection to the database was lost" in form.message.text()
    assert form.result() != QDialog.DialogCode.Accepted
    assert form.name_edit.text() == "食安办"

    def bug(*_a, **_k):
        raise RuntimeError("a bug")

    monkeypatch.setattr(department_service, "create_department", bug)
    with pytest.raises(RuntimeError):  # to the window's error reporter, not hidden as a refusal
        form.try_save()


def test_a_new_department_is_typed_from_the_keyboard_at_once(qtbot, admin_ctx):
    form = DepartmentFormDialog(admin_ctx, None)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(form.isActiveWindow)
    # The name field has the focus when the form opens: what is typed lands there.
    assert form.focusWidget() is form.name_edit
    QTest.keyClicks(form.focusWidget(), "Night patrol")  # QTest types ASCII only
    assert form.name_edit.text() == "Night patrol"
