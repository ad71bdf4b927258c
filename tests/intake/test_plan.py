"""The import preview (services/intake/plan.py): what each row of a platform's sheet would
become, before anything is written. Sheets are built as a reader hands them over."""

from __future__ import annotations

from datetime import datetime

from gridcenter_desktop.core.enums import IntakeField, IntakeSource, Priority, TicketSource
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.intake.cells import DeadlineLimit, LimitUnit
from gridcenter_desktop.services.intake.plan import platform_deadline
from gridcenter_desktop.services.intake.rows import CellProblem, SheetRow
from gridcenter_desktop.services.tickets import NewTicket, register_ticket
from tests.intake.plan_town import NOW, plan, row, sheet_of

F = IntakeField


def test_a_clean_row_becomes_a_ticket_form_with_grid_category_and_origin(town):
    result = plan(town, sheet_of(row("2022040100001")))
    assert [p.row for p in result.to_add] == [3]
    form = result.to_add[0].form
    assert form.grid_id == town.grids["福利村第二网格"]
    assert result.to_add[0].grid_name == "福利村第二网格"
    assert not form.to_place
    assert form.category == "environment"
    assert not form.category_unmapped
    assert form.source == TicketSource.HOTLINE
    assert form.origin.code == "2022040100001"
    assert form.origin.category == "环境保护/水污染"
    assert form.origin.received_at == datetime(2022, 4, 1, 14, 2)
    assert not result.rejected and not result.present


def test_an_address_without_a_grid_goes_to_the_to_be_placed_list(town):
    result = plan(
        town,
        sheet_of(
            row("A1", address="光福镇某小区门口"),
            row("A2", address="迂里村窑上自然村"),  # a village with five grids: which one?
        ),
    )
    assert [p.form.to_place for p in result.to_add] == [True, True]
    assert [p.form.grid_id for p in result.to_add] == [None, None]
    assert result.to_place == 2


def test_an_unknown_platform_category_is_imported_as_other_and_flagged(town):
    result = plan(town, sheet_of(row("A1", category="社区事务/宠物管理")))
    form = result.to_add[0].form
    assert (form.category, form.category_unmapped) == ("other", True)
    assert result.category_unmapped == 1
    assert form.origin.category == "社区事务/宠物管理"


def test_the_platforms_deadline_is_kept_and_days_are_counted_from_receipt(town):
    given = datetime(2022, 4, 8, 17, 30)
    result = plan(town, sheet_of(row("A1", deadline=given)))
    assert result.to_add[0].form.deadline_at == given
    with town.sf() as s:
        calendar = load_calendar(s)

    received = datetime(2022, 4, 1, 14, 2)  # a Friday
    five = DeadlineLimit(5, LimitUnit.WORKING_DAYS)
    assert platform_deadline(five, received, calendar) == calendar.add_working_days(received, 5)
    assert platform_deadline(DeadlineLimit(5, LimitUnit.DAYS), received, calendar) == datetime(
        2022, 4, 6, 14, 2
    )
    assert platform_deadline(DeadlineLimit(24, LimitUnit.HOURS), received, calendar) == datetime(
        2022, 4, 2, 14, 2
    )
    assert platform_deadline(None, received, calendar) is None


def test_rows_with_problems_are_rejected_naming_row_and_column(town):
    cell = CellProblem(5, "来电时间", "B", "bad_datetime", "2022/13/45")
    sheet = sheet_of(
        row("A1"),
        row("A2", title=""),
        row("A3"),
        row("A1"),  # the code again
        row("", title="无编号"),
        row("A6", reporter_phone="不详12"),
    )
    rows = list(sheet.rows)
    rows[2] = SheetRow(rows[2].number, rows[2].values, (cell,), rows[2].cells)
    sheet = type(sheet)(sheet.path, sheet.headers, sheet.fields, tuple(rows), sheet.header_row)
    result = plan(town, sheet)
    assert [p.row for p in result.to_add] == [3]
    rules = {r.row: [(p.letter, p.rule) for p in r.problems] for r in result.rejected}
    assert rules == {
        4: [("E", "title_missing")],
        5: [("B", "bad_datetime")],
        6: [("A", "code_repeated")],
        7: [("A", "code_missing")],
        8: [("D", "bad_phone")],
    }
    repeated = next(r for r in result.rejected if r.row == 6).problems[0]
    assert repeated.value == "3"  # where the code was first


def test_a_sheet_without_a_title_column_takes_the_description(town):
    sheet = sheet_of(row("A1"))
    fields = tuple(None if f is F.TITLE else f for f in sheet.fields)
    values = {k: v for k, v in sheet.rows[0].values.items() if k is not F.TITLE}
    sheet = type(sheet)(
        sheet.path, sheet.headers, fields, (SheetRow(3, values, (), ()),), sheet.header_row
    )
    form = plan(town, sheet).to_add[0].form
    assert form.title == "福利村上金自然村河道内漂浮大量垃圾，气味难闻"


def test_a_row_already_imported_is_shown_with_its_differences_never_applied(town):
    first = plan(town, sheet_of(row("A1")))
    with town.sf() as s:
        register_ticket(s, town.operator, first.to_add[0].form, NOW)
    again = plan(
        town,
        sheet_of(
            row("A1", address="光福镇福利村第二网格上金自然村14号", reporter_phone="139 1234 5678")
        ),
    )
    assert not again.to_add
    [present] = again.present
    assert present.row == 3 and present.code == "A1"
    assert [(d.field, d.ours, d.theirs) for d in present.differences] == [
        (F.ADDRESS, "光福镇福利村第二网格上金自然村12号", "光福镇福利村第二网格上金自然村14号")
    ]
    # The platform moved the deadline (延期): shown too.
    later = plan(town, sheet_of(row("A1", deadline=datetime(2022, 4, 20, 17, 30))))
    [present] = later.present
    assert [(d.field, d.theirs) for d in present.differences] == [(F.DEADLINE, "2022-04-20 17:30")]
    # The same code from another platform is another ticket.
    assert len(plan(town, sheet_of(row("A1")), IntakeSource.DISTRICT).to_add) == 1


def test_suspected_duplicates_of_open_tickets_and_of_earlier_rows(town):
    with town.sf() as s:
        register_ticket(
            s,
            town.operator,
            NewTicket(
                kind="ordinary",
                source=TicketSource.GRID_PATROL,
                category="environment",
                title="上金自然村河道漂浮垃圾",
                address="福利村上金自然村",
                grid_id=town.grids["福利村第二网格"],
            ),
            NOW,
        )
    result = plan(
        town,
        sheet_of(
            row("A1"),
            row("A2", title="路灯不亮", category="公共服务/公共设施",
                address="光福镇梅园社区第一网格梅园路"),
            row("A3", title="路灯损坏不亮", category="公共服务/公共设施",
                address="光福镇梅园社区第一网格梅园路8号"),
        ),
    )  # fmt: skip
    assert len(result.to_add) == 3  # suspected, still imported: the operator merges
    by_row = {d.row: d for d in result.duplicates}
    assert set(by_row) == {3, 5}
    assert by_row[3].ticket_code is not None and by_row[3].other_row is None
    assert by_row[5].other_row == 4 and by_row[5].ticket_id is None
    # The preview names what each looks like, so nobody has to open it to judge.
    assert by_row[3].other_title == "上金自然村河道漂浮垃圾"
    assert by_row[5].other_title == "路灯不亮"


def test_priority_and_platform_grid_column(town):
    sheet = sheet_of(row("A1", priority="特急", grid="冲山村第三网格", address="不详"))
    sheet = type(sheet)(
        sheet.path,
        (*sheet.headers, "紧急程度", "所属网格"),
        (*sheet.fields, F.PRIORITY, F.GRID),
        sheet.rows,
        sheet.header_row,
    )
    form = plan(town, sheet).to_add[0].form
    assert form.priority == Priority.CRITICAL
    assert form.grid_id == town.grids["冲山村第三网格"]
