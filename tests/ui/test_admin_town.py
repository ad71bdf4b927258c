"""Issue 9: from an empty database an administrator sets up a two-village town through the
Administration dialogs alone (town settings, areas and grids, a grid's team, a department, a
deadline rule), and the desk then registers and dispatches the town's first ticket with them.
The Administration entries are for administrators only."""

from __future__ import annotations

from datetime import datetime

from admin_desk import admin_actor, drive, empty_town, signed_context, signed_in_town
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from gridcenter_desktop.core.enums import (
    AreaLevel,
    AssignmentRole,
    MemberRole,
    Priority,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.admin.area_forms import AreaFormDialog
from gridcenter_desktop.ui.admin.areas_dialog import AreasDialog
from gridcenter_desktop.ui.admin.deadline_rules_dialog import DeadlineRulesDialog
from gridcenter_desktop.ui.admin.departments_dialog import DepartmentFormDialog, DepartmentsDialog
from gridcenter_desktop.ui.admin.team_panel import MemberDialog
from gridcenter_desktop.ui.admin.town_dialog import TownSettingsDialog

__all__ = ["empty_town", "signed_in_town"]  # fixtures, imported for pytest

ACCEPTED = QDialog.DialogCode.Accepted


def _add_area(monkeypatch, dialog, name, code="", level=None):
    def fill(form: AreaFormDialog):
        if level is not None:
            form.level_combo.setCurrentIndex(form.level_combo.findData(level.value))
        form.name_edit.setText(name)
        form.code_edit.setText(code)
        form.try_save()

    drive(monkeypatch, AreaFormDialog, fill)
    dialog.add_area()


def _add_member(monkeypatch, dialog, name, phone, role, party=False):
    seen = {}

    def fill(form: MemberDialog):
        form.role_combo.setCurrentIndex(form.role_combo.findData(role.value))
        form.name_edit.setText(name)
        form.phone_edit.setText(phone)
        form.party_check.setChecked(party)
        form.try_save()
        seen["errors"] = {field: form.errors.message(field) for field in ("member_role",)}
        seen["message"] = form.message.text()

    drive(monkeypatch, MemberDialog, fill)
    dialog.team.add_member()
    return seen


def _tree_names(dialog: AreasDialog) -> list[tuple[int, str]]:
    """(depth, name) of every item in the tree, top to bottom."""
    found = []

    def walk(item, depth):
        found.append((depth, item.text(0)))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(dialog.tree.topLevelItemCount()):
        walk(dialog.tree.topLevelItem(i), 0)
    return found


def test_an_administrator_builds_a_two_village_town_and_dispatches_its_first_ticket(
    qtbot, make_context, signed_in_town, monkeypatch
):
    url, signed = signed_in_town
    ctx = signed_context(make_context, url, signed)

    # 1. The town's settings: its name (the centre's name follows it) and code.
    town = TownSettingsDialog(ctx)
    qtbot.addWidget(town)
    assert town.town_name.text() == ""
    town.town_name.setText("枫桥镇")
    assert town.centre_name.text() == "枫桥镇集成指挥中心"
    assert town.issuer.text() == "枫桥镇集成指挥中心"
    assert town.example.text().startswith("枫桥镇整改〔2022〕1")
    town.town_code.setText("330681101")
    town.try_save()
    assert town.result() == ACCEPTED

    # 2. Two villages under the town (one with its 12-digit code), a grid in each.
    areas = AreasDialog(ctx)
    qtbot.addWidget(areas)
    assert areas.selected().name == "枫桥镇"  # the settings started the tree
    _add_area(monkeypatch, areas, "东山村", "330681101201", AreaLevel.VILLAGE)
    areas.select_name("枫桥镇")
    _add_area(monkeypatch, areas, "西岭村", "", AreaLevel.VILLAGE)
    areas.select_name("东山村")
    _add_area(monkeypatch, areas, "东山村第一网格")
    areas.select_name("西岭村")
    _add_area(monkeypatch, areas, "西岭村第一网格")
    assert _tree_names(areas) == [
        (0, "枫桥镇"),
        (1, "东山村"),
        (2, "东山村第一网格"),
        (1, "西岭村"),
        (2, "西岭村第一网格"),
    ]
    assert areas.selected().name == "西岭村第一网格"  # the new area is selected

    # 3. The grid's 1+1+N team; a second grid leader is refused at the role field.
    areas.select_name("东山村第一网格")
    assert areas.team.add_button.isEnabled()
    _add_member(monkeypatch, areas, "张建华", "13912345678", MemberRole.LEADER, party=True)
    _add_member(monkeypatch, areas, "李秀英", "13912345679", MemberRole.WORKER)
    refused = _add_member(monkeypatch, areas, "王强", "13912345670", MemberRole.LEADER)
    assert "already has a grid leader" in refused["errors"]["member_role"]
    team = [
        (areas.team.table.item(r, 0).text(), areas.team.table.item(r, 1).text())
        for r in range(areas.team.table.rowCount())
    ]
    assert team == [("Grid leader", "张建华"), ("Grid worker", "李秀英")]

    # 4. The department the town's city-management tickets go to.
    departments = DepartmentsDialog(ctx)
    qtbot.addWidget(departments)
    assert departments.table.rowCount() == 0

    def new_department(form: DepartmentFormDialog):
        form.name_edit.setText("城管中队")
        form.contact_edit.setText("赵队长")
        form.phone_edit.setText("0575-87001234")
        form.try_save()

    drive(monkeypatch, DepartmentFormDialog, new_department)
    departments.new_department()
    assert departments.selected().name == "城管中队"
    assert departments.selected().dispatchable

    # 5. City management, ordinary: 2 working days instead of the default 5.
    rules = DeadlineRulesDialog(ctx)
    qtbot.addWidget(rules)
    rules.filter_combo.setCurrentIndex(rules.filter_combo.findData("city_management"))
    rules.table.selectRow(0)
    assert (rules.selected().key.category, rules.selected().key.priority) == (
        "city_management",
        Priority.ORDINARY,
    )
    rules.amount.setValue(2)
    rules.save_rule()
    assert rules.message.text() == ""
    assert rules.table.item(0, 3).text() == "2 working days"
    assert rules.table.item(0, 4).text() == "5 working days"

    # 6. The desk registers the first ticket in the new grid...
    from gridcenter_desktop.ui.dispatch_dock import DispatchDock
    from gridcenter_desktop.ui.register_dialog import RegisterDialog

    records = {r.name: r for r in areas.records.values()}
    operator_ctx = ctx
    register = RegisterDialog(operator_ctx)
    qtbot.addWidget(register)
    register.show()
    operator_ctx.jobs.wait_idle()
    register.select_grid(records["东山村"].id, records["东山村第一网格"].id)
    register.category.setCurrentIndex(register.category.findData("city_management"))
    register.title.setText("东山村路口井盖缺失")
    register.address.setText("东山村3组路口")
    with qtbot.waitSignal(operator_ctx.bus.sig_tickets_changed, timeout=10_000):
        register.submit()
    operator_ctx.jobs.wait_idle()
    assert register.registered is not None
    ticket_id = register.registered.id

    # ...and dispatches it to the new department.
    form = DispatchDock(operator_ctx)
    qtbot.addWidget(form)
    form.show()
    with qtbot.waitSignal(form.sig_loaded, timeout=10_000):
        operator_ctx.bus.sig_ticket_selected.emit(ticket_id)
    form.to_departments.setChecked(True)
    lead = form.lead.findData(departments.selected().id)
    assert lead > 0, "the new department is offered to dispatch to"
    form.lead.setCurrentIndex(lead)
    with qtbot.waitSignal(form.sig_dispatched, timeout=10_000):
        form.dispatch()
    operator_ctx.jobs.wait_idle()

    with operator_ctx.session_factory() as s:
        ticket = s.get(Ticket, ticket_id)
        lead_rows = s.scalars(
            select(Assignment).where(
                Assignment.ticket_id == ticket_id, Assignment.role == AssignmentRole.LEAD
            )
        ).all()
        assert ticket.status == TicketStatus.DISPATCHED
        assert ticket.grid_id == records["东山村第一网格"].id
        # Registered Tue 2022-10-25 10:00 with the town's own 2 working days.
        assert ticket.deadline_at == datetime(2022, 10, 27, 10, 0)
        assert [a.department_id for a in lead_rows] == [departments.selected().id]


def test_the_administration_entries_are_for_administrators_only(
    qtbot, make_context, empty_town, monkeypatch
):
    from gridcenter_desktop.ui import admin as admin_package
    from gridcenter_desktop.ui.admin import menu
    from gridcenter_desktop.ui.main_window import MainWindow

    url, admin_id = empty_town
    entries = list(menu.DIALOGS)
    assert entries == [
        "admin.areas",
        "admin.departments",
        "admin.deadline_rules",
        "admin.town",
        "admin.grid_work",
        "admin.grid_map",
    ]
    window = MainWindow(make_context(url, admin_actor(admin_id)))
    qtbot.addWidget(window)
    admin_menu = window.menus["admin"]
    for action_id in entries:
        action = window.commands[action_id]
        assert action.isVisible() and action.isEnabled()
        assert action in admin_menu.actions()
    opened = []
    monkeypatch.setattr(TownSettingsDialog, "exec", lambda d: opened.append(d) or 0)
    with qtbot.waitSignal(window.context.bus.sig_tickets_changed):
        window.commands["admin.town"].trigger()  # the docks reload after the dialog
    assert len(opened) == 1 and admin_package is not None

    operator = MainWindow(make_context(url, Actor(None, UserRole.OPERATOR, "张调度")))
    qtbot.addWidget(operator)
    for action_id in entries:
        assert not operator.commands[action_id].isVisible()
    assert not operator.menus["admin"].menuAction().isVisible()


def test_an_empty_database_starts_its_tree_with_the_town(
    qtbot, make_context, empty_town, monkeypatch
):
    url, admin_id = empty_town
    areas = AreasDialog(make_context(url, admin_actor(admin_id)))
    qtbot.addWidget(areas)
    assert areas.tree.topLevelItemCount() == 0
    assert areas.add_button.isEnabled() and areas.add_button.text() == "&Add the town…"
    assert not areas.edit_button.isEnabled()
    _add_area(monkeypatch, areas, "枫桥镇", "330681101")
    assert _tree_names(areas) == [(0, "枫桥镇")]
    assert areas.selected().code == "330681101"
    assert areas.add_button.text() == "&Add under…"
    assert not areas.team.add_button.isEnabled()  # a town has no team
