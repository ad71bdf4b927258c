"""Administration → Areas and grids on the small town: the service's refusals read clearly
(a grid with open tickets is not retired, a code of the wrong shape is named while typing and
at the field), merging moves the open work and marks the old grid, moving and restoring, the
team's history kept when a member ends or moves, and the keys (Insert, F2, Escape)."""

from __future__ import annotations

from datetime import date

import pytest
from admin_desk import add_admin, admin_actor, answer_yes, drive
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from gridcenter_desktop.core.enums import MemberRole, TicketStatus
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.ui.admin import areas_dialog
from gridcenter_desktop.ui.admin.area_forms import AreaFormDialog, MergeGridsDialog, MoveAreaDialog
from gridcenter_desktop.ui.admin.areas_dialog import AreasDialog
from gridcenter_desktop.ui.admin.team_panel import DateDialog, MoveMemberDialog


@pytest.fixture
def town_dialog(qtbot, small_town, make_context):
    url, ids = small_town
    ids["admin"] = add_admin(url)
    ctx = make_context(url, admin_actor(ids["admin"]))
    dialog = AreasDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog, ctx, ids


def _status(dialog: AreasDialog, name: str) -> str:
    found = dialog.tree.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    return found[0].text(3) if found else "(not shown)"


def test_a_grid_with_open_tickets_is_not_retired_and_says_why(town_dialog, monkeypatch):
    dialog, _ctx, _ids = town_dialog
    asked = answer_yes(monkeypatch, areas_dialog)
    dialog.select_name("迂里村第一网格")
    assert dialog.retire_button.isEnabled()
    dialog.retire_area()
    assert asked and "迂里村第一网格" in asked[0]
    assert "open tickets" in dialog.message.text()
    assert _status(dialog, "迂里村第一网格") == ""
    # A village with grids in service is refused too: the grids come first.
    dialog.select_name("梅园社区")
    dialog.retire_area()
    assert "areas under it" in dialog.message.text()


def test_merging_a_grid_moves_its_open_tickets_and_marks_it(town_dialog, monkeypatch):
    dialog, ctx, ids = town_dialog
    dialog.select_name("迂里村第二网格")
    assert dialog.merge_button.isEnabled()

    def merge(form: MergeGridsDialog):
        choices = [form.target_combo.itemText(i) for i in range(form.target_combo.count())]
        assert "迂里村 / 迂里村第一网格" in choices
        assert not any("迂里村第二网格" in c for c in choices)
        form.target_combo.setCurrentIndex(form.target_combo.findData(ids["迂里村第一网格"]))
        form.try_merge()

    drive(monkeypatch, MergeGridsDialog, merge)
    dialog.merge_area()
    assert dialog.selected().name == "迂里村第一网格"  # where the work went
    assert _status(dialog, "迂里村第二网格") == "Merged into 迂里村第一网格"
    assert dialog.outcome.text() == (
        "迂里村第二网格 was merged into 迂里村第一网格: open tickets moved: 1,"
        " team members moved: 0."
    )
    with ctx.session_factory() as s:
        grids = s.scalars(
            select(Ticket.grid_id).where(Ticket.status == TicketStatus.DISPATCHED)
        ).all()
    assert grids == [ids["迂里村第一网格"]]
    # The merged grid is kept (grey, retired) and can be hidden from the tree.
    dialog.select_name("迂里村第二网格")
    assert not dialog.merge_button.isEnabled() and not dialog.retire_button.isEnabled()
    dialog.show_retired.setChecked(False)
    assert _status(dialog, "迂里村第二网格") == "(not shown)"


def test_retire_restore_and_move_a_grid(town_dialog, monkeypatch):
    dialog, _ctx, ids = town_dialog
    answer_yes(monkeypatch, areas_dialog)
    dialog.select_name("梅园社区第一网格")  # no tickets
    dialog.retire_area()
    assert dialog.message.text() == ""
    assert _status(dialog, "梅园社区第一网格").startswith("Retired 20")
    assert dialog.restore_button.isEnabled() and not dialog.team.add_button.isEnabled()
    dialog.restore_area()
    assert _status(dialog, "梅园社区第一网格") == ""

    def move(form: MoveAreaDialog):
        places = [form.parent_combo.itemText(i) for i in range(form.parent_combo.count())]
        assert places == ["迂里村", "香雪村"]  # villages and communities, not its own
        form.parent_combo.setCurrentIndex(form.parent_combo.findData(ids["香雪村"]))
        form.try_move()

    drive(monkeypatch, MoveAreaDialog, move)
    dialog.move_area()
    item = dialog.tree.currentItem()
    assert (item.text(0), item.parent().text(0)) == ("梅园社区第一网格", "香雪村")


def test_a_wrong_code_is_named_while_typing_and_refused_at_the_field(town_dialog, monkeypatch):
    dialog, _ctx, _ids = town_dialog
    dialog.select_name("光福镇")
    seen = {}

    def fill(form: AreaFormDialog):
        form.name_edit.setText("新村")
        form.code_edit.setText("32050610８")  # a full-width digit from an input method
        seen["hint"] = form.code_hint.text()
        form.code_edit.setText("320506108")
        seen["short"] = form.code_hint.text()
        form.try_save()
        seen["field"] = form.errors.message("area_code")
        form.name_edit.setText("迂里村")
        form.code_edit.setText("")
        form.try_save()
        seen["name"] = form.errors.message("area_name")

    drive(monkeypatch, AreaFormDialog, fill)
    dialog.add_area()
    assert "12 digits" in seen["hint"]  # folded to 320506108: a fine shape, the hint stays
    assert "12 digits" in seen["short"] and "must have" in seen["short"]
    assert "must have" in seen["field"]
    assert "already in use" in seen["name"]
    assert [n for n in ("新村", "迂里村") if dialog.tree.findItems(n, Qt.MatchFlag.MatchRecursive)]
    assert len(dialog.tree.findItems("迂里村", Qt.MatchFlag.MatchRecursive)) == 1


def test_ending_and_moving_a_member_keeps_who_served_when(town_dialog, monkeypatch):
    dialog, ctx, _ids = town_dialog
    dialog.select_name("迂里村第一网格")
    team = dialog.team
    names = [team.table.item(r, 1).text() for r in range(team.table.rowCount())]
    assert names == ["周建国", "陈小红", "王警官", "李律师"]
    team.select_person("李律师")
    drive(monkeypatch, DateDialog, lambda d: d.accept())
    team.end_service()
    assert team.message.text() == ""
    team.select_person("陈小红")

    def move(form: MoveMemberDialog):
        form.target_combo.setCurrentIndex(form.target_combo.findText("香雪村 / 香雪村第一网格"))
        form.try_move()

    drive(monkeypatch, MoveMemberDialog, move)
    team.move_member()
    names = [team.table.item(r, 1).text() for r in range(team.table.rowCount())]
    assert names == ["周建国", "王警官"]
    team.show_past.setChecked(True)
    rows = {
        team.table.item(r, 1).text(): team.table.item(r, 5).text()
        for r in range(team.table.rowCount())
    }
    today = ctx.today()
    assert rows["李律师"] == today.isoformat()
    assert rows["陈小红"] == date.fromordinal(today.toordinal() - 1).isoformat()
    dialog.select_name("香雪村第一网格")
    assert [team.table.item(r, 1).text() for r in range(team.table.rowCount())] == ["陈小红"]
    assert team.table.item(0, 0).text() == "Grid worker"
    assert team.members[0].role is MemberRole.WORKER


def test_the_keys_add_edit_and_close(qtbot, town_dialog, monkeypatch):
    dialog, _ctx, _ids = town_dialog
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the dialog's keys work in its active window
    dialog.select_name("香雪村")
    dialog.tree.setFocus()
    opened = []

    def look(form: AreaFormDialog):
        opened.append((form.windowTitle(), form.name_edit.text(), form.level_combo.currentText()))

    drive(monkeypatch, AreaFormDialog, look)
    # A button's key presses it visibly (animateClick): the click follows a moment later.
    QTest.keyClick(dialog.tree, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: len(opened) == 1)
    QTest.keyClick(dialog.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened == [
        ("New area under 香雪村", "", "Grid"),
        ("Edit 香雪村", "香雪村", "Village"),
    ]
    QTest.keyClick(dialog.tree, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_tab_visits_the_tree_its_buttons_then_the_team(qtbot, town_dialog):
    dialog, _ctx, _ids = town_dialog
    dialog.select_name("迂里村第一网格")
    dialog.show()
    order = []
    widget = dialog.tree
    for _ in range(20):
        order.append(widget.objectName())
        widget = widget.nextInFocusChain()
        while not (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget = widget.nextInFocusChain()
        if widget is dialog.tree:
            break
    assert order[:9] == [
        "areas.tree",
        "areas.add",
        "areas.edit",
        "areas.move",
        "areas.merge",
        "areas.retire",
        "areas.show_retired",  # Restore is greyed: an active grid
        "team.table",
        "team.add",
    ]
    assert order.index("team.show_past") == len(order) - 2  # then Close, then the tree again


def test_correcting_a_person_shows_in_every_grid_they_serve(town_dialog, monkeypatch):
    from gridcenter_desktop.ui.admin.team_panel import MemberDialog, PersonDialog

    dialog, _ctx, _ids = town_dialog
    dialog.select_name("香雪村第一网格")
    seen = {}

    def add_again(form: MemberDialog):
        form.role_combo.setCurrentIndex(form.role_combo.findData(MemberRole.POLICE.value))
        form.name_edit.setText("王警官")
        form.phone_edit.setText("13800000003")
        form._look_up()  # what leaving the phone field does
        seen["known"] = form.known.text()
        form.try_save()

    drive(monkeypatch, MemberDialog, add_again)
    dialog.team.add_member()
    assert "already on record" in seen["known"]  # the same person serves a second grid

    def correct(form: PersonDialog):
        form.phone_edit.setText("bad phone")
        form.try_save()
        seen["phone"] = form.errors.message("phone")
        form.phone_edit.setText("0512-66880000")
        form.party_check.setChecked(True)
        form.try_save()

    dialog.team.select_person("王警官")
    drive(monkeypatch, PersonDialog, correct)
    dialog.team.edit_person()
    assert "phone number" in seen["phone"]
    for grid in ("香雪村第一网格", "迂里村第一网格"):
        dialog.select_name(grid)
        dialog.team.select_person("王警官")
        member = dialog.team.selected()
        assert (member.phone, member.party_member) == ("0512-66880000", True)


def test_the_refusal_reads_in_chinese(qapp, small_town, make_context, monkeypatch):
    from gridcenter_desktop.ui import i18n, labels

    installed = i18n.install_translators(qapp, "zh_CN")
    try:
        url, _ids = small_town
        dialog = AreasDialog(make_context(url, admin_actor(add_admin(url))))
        answer_yes(monkeypatch, areas_dialog)
        dialog.select_name("迂里村第一网格")
        dialog.retire_area()
        text = dialog.message.text()
        assert text.startswith("区域") and "未办结的工单" in text  # field, then the reason
        assert dialog.retire_button.text() == "撤销(&T)…"
        dialog.deleteLater()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        labels.reset_cache()


def test_the_team_table_has_its_own_keys(qtbot, town_dialog, monkeypatch):
    from gridcenter_desktop.ui.admin.team_panel import MemberDialog, PersonDialog

    dialog, _ctx, _ids = town_dialog
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.select_name("迂里村第一网格")
    dialog.team.table.setFocus()
    dialog.team.select_person("王警官")
    opened = []
    drive(monkeypatch, MemberDialog, lambda d: opened.append(d.windowTitle()))
    drive(monkeypatch, PersonDialog, lambda d: opened.append(d.windowTitle()))
    monkeypatch.setattr(areas_dialog, "confirm", lambda *a: opened.append("retire?") and False)
    QTest.keyClick(dialog.team.table, Qt.Key.Key_Insert)  # a member, not an area
    qtbot.waitUntil(lambda: len(opened) == 1)
    QTest.keyClick(dialog.team.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: len(opened) == 2)
    QTest.keyClick(dialog.team.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(opened) == 3)
    assert opened == ["Add a member to 迂里村第一网格", "Edit 王警官", "Edit 王警官"]
    assert dialog.isVisible()  # Enter edited the person; it did not close the dialog
