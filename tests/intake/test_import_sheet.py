"""The whole import on generated platform files (demo/platform_sheet.py) read by the real
readers: a 12345 workbook (merged title row, Excel and text dates, phones that lost their 0,
unknown category paths, trailing empty rows) and the same rows as a GB18030 CSV."""

from __future__ import annotations

import json

from sqlalchemy import event, select

from gridcenter_desktop.core.enums import EventAction, IntakeSource
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.demo.platform_sheet import write_csv, write_xlsx
from gridcenter_desktop.services.intake.plan import apply_intake, plan_intake
from gridcenter_desktop.services.intake.reading import read_incoming
from tests.intake.plan_town import NOW

SOURCE = IntakeSource.HOTLINE_12345


def test_a_realistic_12345_workbook_imports_every_row(town, tmp_path):
    path = tmp_path / "12345.xlsx"
    truth = write_xlsx(path, 300, seed=7)
    sheet = read_incoming(path, source=SOURCE)
    with town.sf() as s:
        plan = plan_intake(s, sheet, source=SOURCE, now=NOW)
    assert not plan.rejected and not plan.problems
    assert [p.form.origin.code for p in plan.to_add] == [r.code for r in truth]
    by_code = {p.form.origin.code: p.form for p in plan.to_add}
    for r in truth:
        form = by_code[r.code]
        # To the minute: "2022/3/5 14:02" as text has no seconds.
        assert form.origin.received_at.replace(second=0) == r.received_at.replace(second=0)
        assert form.title == r.title and form.address == r.address
        # The phone as dialled, its lost leading 0 restored.
        assert form.reporter_phone.replace("-", "") == r.phone.replace("-", "")
        # A path of the platform's tree we know maps to ours; an unknown one is 其他, flagged.
        if r.category is None:
            assert (form.category, form.category_unmapped) == ("other", True)
        else:
            assert (form.category, form.category_unmapped) == (r.category, False)
        if r.deadline_at is not None:
            assert form.deadline_at == r.deadline_at
        else:
            assert form.deadline_at > r.received_at
    with town.sf() as s:
        result = apply_intake(s, town.operator, plan, now=NOW)
    assert result.added == 300
    with town.sf() as s:
        tickets = s.scalars(select(Ticket).order_by(Ticket.id)).all()
        assert [t.external_code for t in tickets] == [r.code for r in truth]
        assert [t.deadline_at for t in tickets] == [p.form.deadline_at for p in plan.to_add]
        event = s.scalars(
            select(TicketEvent).where(
                TicketEvent.ticket_id == tickets[0].id, TicketEvent.action == EventAction.REGISTER
            )
        ).one()
        data = json.loads(event.data)
        assert data["received_at"] == plan.to_add[0].received_at.isoformat(sep=" ")
        assert data["department"] == truth[0].department


def test_a_gb18030_csv_plans_like_the_workbook(town, tmp_path):
    xlsx, csv = tmp_path / "12345.xlsx", tmp_path / "12345.csv"
    write_xlsx(xlsx, 120, seed=11)
    write_csv(csv, 120, seed=11, encoding="gb18030")
    with town.sf() as s:
        plans = [
            plan_intake(s, read_incoming(p, source=SOURCE), source=SOURCE, now=NOW)
            for p in (xlsx, csv)
        ]
    forms = [[(p.form.origin.code, p.form.title, p.form.category, p.form.grid_id,
               p.form.reporter_phone) for p in plan.to_add] for plan in plans]  # fmt: skip
    assert len(forms[0]) == 120 and forms[0] == forms[1]


def test_planning_reads_the_database_a_few_times_not_once_per_row(town, tmp_path):
    path = tmp_path / "12345.xlsx"
    write_xlsx(path, 400, seed=3)
    sheet = read_incoming(path, source=SOURCE)
    statements = []
    engine = town.sf.kw["bind"]

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with town.sf() as s:
            plan = plan_intake(s, sheet, source=SOURCE, now=NOW)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(plan.to_add) == 400
    # Areas, calendar, mapping, codes, open tickets, one vote per distinct village group
    # (addresses like 福利村2组23号) and one door table per village met (香雪路7号: at most
    # the town's 11 villages and communities), never one per row.
    groups = {
        p.form.address.split("号")[0].rsplit("组", 1)[0]
        for p in plan.to_add
        if "组" in p.form.address
    }
    assert len(statements) <= 10 + len(groups) + 11 < 400
