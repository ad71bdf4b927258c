"""Registering a ticket: problems at their fields, success, the grid from the village and the
address, duplicates suggested as you type, and the one-click merge."""

from __future__ import annotations

import desk_data
from desk_data import NOW
from sqlalchemy import select, update

from gridcenter_desktop.core.enums import EventAction, TicketKind, TicketStatus, UserRole
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.register_dialog import RegisterDialog

# Shared fixtures (see desk_data.py).
desk = desk_data.desk
desk_template = desk_data.desk_template


def _dialog(qtbot, make_context, desk, role=UserRole.OPERATOR):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, role, "王调度"))
    dialog = RegisterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    ctx.jobs.wait_idle()
    return ctx, ids, dialog


def _tickets(ctx, **where):
    with ctx.session_factory() as s:
        stmt = select(Ticket)
        for key, value in where.items():
            stmt = stmt.where(getattr(Ticket, key) == value)
        return s.scalars(stmt).all()


def test_problems_are_marked_at_their_fields(qtbot, make_context, desk):
    ctx, ids, dialog = _dialog(qtbot, make_context, desk)
    before = len(_tickets(ctx))
    dialog.reporter_phone.setText("12345")
    dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.errors.message("title")
    assert dialog.errors.message("reporter_phone")
    assert dialog.errors.message("address") == ""
    assert dialog.isVisible() and dialog.registered is None
    assert len(_tickets(ctx)) == before


def test_a_viewer_is_told_plainly(qtbot, make_context, desk):
    ctx, ids, dialog = _dialog(qtbot, make_context, desk, role=UserRole.VIEWER)
    dialog.category.setCurrentIndex(dialog.category.findData("city_management"))
    dialog.title.setText("井盖缺失")
    dialog.address.setText("香雪路18号")
    dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.message.isVisibleTo(dialog) and dialog.message.text()
    assert dialog.registered is None


def test_register_writes_the_ticket_and_announces_it(qtbot, make_context, desk):
    ctx, ids, dialog = _dialog(qtbot, make_context, desk)
    dialog.kind.setCurrentIndex(dialog.kind.findData(TicketKind.PETITION.value))
    dialog.category.setCurrentIndex(dialog.category.findData("petition_matter"))
    dialog.title.setText("集体反映征地补偿问题")
    dialog.description.setPlainText("村民代表来访")
    dialog.reporter_name.setText("陈七")
    dialog.reporter_phone.setText("0512-66881234")
    dialog.select_grid(ids.yuli, ids.grids[1])
    assert dialog.people.isEnabled()
    dialog.people.setValue(5)
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000) as changed:
        dialog.submit()
    ctx.jobs.wait_idle()
    assert dialog.result() == RegisterDialog.DialogCode.Accepted
    [t] = _tickets(ctx, title="集体反映征地补偿问题")
    assert changed.args == [[t.id]]
    assert (t.kind, t.grid_id, t.people_count, t.reporter_phone) == (
        TicketKind.PETITION,
        ids.grids[1],
        5,
        "0512-66881234",
    )
    assert t.status == TicketStatus.PENDING_DISPATCH
    assert t.created_at == NOW


def test_grid_is_found_from_the_village_and_the_address(qtbot, make_context, desk):
    ctx, ids, dialog = _dialog(qtbot, make_context, desk)
    dialog.village.setCurrentIndex(dialog.village.findData(ids.yuli))
    assert [dialog.grid.itemData(i) for i in range(1, dialog.grid.count())] == list(ids.grids[:2])
    dialog.village.setCurrentIndex(dialog.village.findData(ids.meiyuan))
    assert dialog.grid.currentData() == ids.grids[2]  # the only grid of 梅园社区
    with qtbot.waitSignal(dialog.sig_grid_guessed, timeout=10_000):
        dialog.address.setText("迂里村第二网格张家桥东")
    assert dialog.village.currentData() == ids.yuli
    assert dialog.grid.currentData() == ids.grids[1]
    # Every desk ticket at 迂里村3组 lies in grid 1: the village group finds it.
    with qtbot.waitSignal(dialog.sig_grid_guessed, timeout=10_000):
        dialog.address.setText("迂里村3组18号")
    assert dialog.grid.currentData() == ids.grids[0]
    assert "迂里村第一网格" in dialog.address_hint.text()


def test_duplicates_are_suggested_as_you_type_and_merged_in_one_click(qtbot, make_context, desk):
    ctx, ids, dialog = _dialog(qtbot, make_context, desk)
    dialog.category.setCurrentIndex(dialog.category.findData("environment"))
    dialog.select_grid(ids.yuli, ids.grids[0])
    dialog.reporter_name.setText("周八")
    dialog.reporter_phone.setText("13700001111")
    with qtbot.waitSignal(dialog.sig_duplicates_shown, timeout=10_000) as shown:
        for ch in "河道垃圾漂浮":
            dialog.title.insert(ch)
    assert [c.title for c in shown.args[0]] == ["迂里村3组河道有垃圾漂浮"]
    assert dialog.duplicates.count() == 1
    dialog.duplicates.setCurrentRow(0)
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(ctx.bus.sig_tickets_changed, timeout=10_000):
        dialog.merge_button.click()
    ctx.jobs.wait_idle()
    kept_id = ids.tickets["迂里村3组河道有垃圾漂浮"]
    [new] = _tickets(ctx, title="河道垃圾漂浮")
    assert new.status == TicketStatus.MERGED and new.merged_into_id == kept_id
    with ctx.session_factory() as s:
        merged_in = s.scalars(
            select(TicketEvent).where(
                TicketEvent.ticket_id == kept_id, TicketEvent.action == EventAction.MERGED_IN
            )
        ).one()
    assert "周八" in merged_in.data and "13700001111" in merged_in.data
    assert dialog.merged_into.ticket_id == kept_id


def test_each_text_field_states_its_length_limit_and_stops_there(qtbot, make_context, desk):
    from PySide6.QtTest import QTest

    from gridcenter_desktop.core.validation import ADDRESS_MAX, NAME_MAX, TITLE_MAX

    _ctx, _ids, dialog = _dialog(qtbot, make_context, desk)
    for field, most in (
        (dialog.title, TITLE_MAX),
        (dialog.reporter_name, NAME_MAX),
        (dialog.address, ADDRESS_MAX),
    ):
        assert str(most) in field.toolTip()
        assert str(most) in field.placeholderText()
        field.setFocus()
        field.insert("字" * most)  # as an input method commits it
        QTest.keyClicks(field, "abc")  # typing on stops at the limit
        assert field.text() == "字" * most
    assert "20000" in dialog.description.placeholderText()
    assert "0512-66881234" in dialog.reporter_phone.toolTip()


def test_a_merge_refused_registers_nothing_and_keeps_the_form(qtbot, make_context, desk):
    ctx, ids, dialog = _dialog(qtbot, make_context, desk)
    dialog.category.setCurrentIndex(dialog.category.findData("environment"))
    dialog.select_grid(ids.yuli, ids.grids[0])
    dialog.reporter_name.setText("周八")
    dialog.reporter_phone.setText("13700001111")
    with qtbot.waitSignal(dialog.sig_duplicates_shown, timeout=10_000):
        for ch in "河道垃圾漂浮":
            dialog.title.insert(ch)
    dialog.duplicates.setCurrentRow(0)
    # Meanwhile the duplicate was merged away into another ticket at another desk.
    kept_id = ids.tickets["迂里村3组河道有垃圾漂浮"]
    with ctx.session_factory() as s:
        s.execute(
            update(Ticket)
            .where(Ticket.id == kept_id)
            .values(status=TicketStatus.MERGED, merged_into_id=ids.tickets["饭店油烟扰民"])
        )
        s.commit()
    dialog.merge_button.click()
    ctx.jobs.wait_idle()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    # One transaction: the report was not registered on its own either.
    assert _tickets(ctx, title="河道垃圾漂浮") == []
    assert dialog.isVisible() and dialog.registered is None
    assert dialog.title.text() == "河道垃圾漂浮"
