"""The district platform's morning sheet in, the tickets handled, the reply sheet back: the
platform's codes and our results match, in the columns the platform's sheet had."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from reply_town import DISTRICT_COLUMNS
from sqlalchemy import select

from gridcenter_desktop.core.enums import IntakeField, IntakeSource, TicketSource, UserRole
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.reports.export import ExportRequest, export_report
from gridcenter_desktop.services.intake.plan import apply_intake, plan_intake
from gridcenter_desktop.services.intake.rows import IncomingSheet, Profile, SheetRow
from gridcenter_desktop.services.tickets.common import ref_of

NOW = datetime(2022, 3, 1, 8, 30)


def _profile(town) -> Profile:
    return Profile(
        name="区平台工单表",
        source=IntakeSource.DISTRICT,
        ticket_source=TicketSource.DISTRICT_PLATFORM,
        columns=tuple((h, IntakeField(f) if f else None) for h, f in DISTRICT_COLUMNS),
        id=town.profile_id,
    )


def _morning_sheet(profile: Profile, n: int) -> IncomingSheet:
    """The platform's sheet as read with its profile: a title row, headers on row 2."""
    rows = []
    for i in range(n):
        values = {
            IntakeField.EXTERNAL_CODE: f"QJ2022030100{i:02d}",
            IntakeField.TITLE: f"光福街第{i + 1}处占道经营",
            IntakeField.REPORTER_NAME: "王建国",
            IntakeField.REPORTER_PHONE: "13912345678",
            IntakeField.ADDRESS: f"光福镇光福村光福街{i + 10}号",
        }
        cells = tuple(str(i + 1) if f is None else str(values.get(f, "")) for _h, f in
                      profile.columns)  # fmt: skip
        rows.append(SheetRow(i + 3, values, (), cells))
    return IncomingSheet(
        path=Path("区平台早班工单.xlsx"),
        headers=tuple(h for h, _f in profile.columns),
        fields=tuple(f for _h, f in profile.columns),
        rows=tuple(rows),
        header_row=2,
    )


def test_imported_handled_and_replied(town, tmp_path):
    profile = _profile(town)
    with town.sf() as s:
        plan = plan_intake(s, _morning_sheet(profile, 3), source=IntakeSource.DISTRICT,
                           profile=profile, now=NOW)  # fmt: skip
        assert len(plan.to_add) == 3 and not plan.rejected
        result = apply_intake(s, town.operator, plan, now=NOW)
    results = {}
    with town.sf() as s:
        tickets = list(s.scalars(select(Ticket).where(Ticket.id.in_(result.ticket_ids))))
        assert {t.intake_profile_id for t in tickets} == {town.profile_id}
        assert not any(t.to_place for t in tickets)  # the grid guessed from the address
        refs = {t.external_code: ref_of(t) for t in tickets}
    for n, (code, ref) in enumerate(sorted(refs.items())):
        if n == 2:
            continue  # still with the department: not in the reply
        results[code] = f"第{n + 1}处已取缔，摊贩劝离"
        town.handle(ref, public_reply=results[code], at=datetime(2022, 3, 1, 10))

    out = tmp_path / "办理结果回复表.xlsx"
    with town.sf() as s:
        outcome = export_report(s, ExportRequest(
            kind="reply", path=out, role=UserRole.OPERATOR, actor=town.operator,
            date_from=date(2022, 3, 1), date_to=date(2022, 3, 31),
        ))  # fmt: skip
    assert outcome.tickets == 2
    header, *rows = load_workbook(out)["区平台工单表"].iter_rows(values_only=True)
    assert list(header) == [h for h, _f in DISTRICT_COLUMNS]
    code_at, result_at = header.index("工单编号"), header.index("办理结果")
    assert {row[code_at]: row[result_at] for row in rows} == results
    assert {row[header.index("承办单位")] for row in rows} == {"综合执法局"}
    assert {row[header.index("回访满意度")] for row in rows} == {"满意"}
    assert all(isinstance(row[header.index("办结时间")], datetime) for row in rows)
    assert json.dumps(DISTRICT_COLUMNS)  # the profile unchanged by the reply


def test_the_generated_district_sheet_goes_back_in_its_own_columns(town, tmp_path):
    """A's generated district sheet read by name, saved as a profile (as the mapping page
    does), imported, two tickets handled: the reply has the sheet's headers in its order."""
    from gridcenter_desktop.demo.platform_sheet import write_xlsx
    from gridcenter_desktop.services.intake.profiles import save_profile
    from gridcenter_desktop.services.intake.reading import read_incoming

    path = tmp_path / "区平台待办.xlsx"
    write_xlsx(path, rows=12, source=IntakeSource.DISTRICT, seed=7)
    sheet = read_incoming(path, source=IntakeSource.DISTRICT)
    with town.sf() as s:
        profile = save_profile(s, town.operator, Profile(
            name="吴中区平台", source=IntakeSource.DISTRICT,
            ticket_source=TicketSource.DISTRICT_PLATFORM,
            columns=tuple(zip(sheet.headers, sheet.fields, strict=True)),
        ), now=NOW)  # fmt: skip
    sheet = read_incoming(path, source=IntakeSource.DISTRICT, profile=profile)
    with town.sf() as s:
        plan = plan_intake(s, sheet, source=IntakeSource.DISTRICT, profile=profile, now=NOW)
        result = apply_intake(s, town.operator, plan, now=NOW)
    assert result.added >= 2
    with town.sf() as s:
        tickets = sorted(s.scalars(select(Ticket).where(Ticket.id.in_(result.ticket_ids))),
                         key=lambda t: t.id)[:2]  # fmt: skip
        refs = [(t.external_code, ref_of(t)) for t in tickets]
    replied = {}
    for n, (code, ref) in enumerate(refs):
        replied[code] = f"已办理完毕（{n}）"
        town.handle(ref, public_reply=replied[code], at=datetime(2022, 3, 20, 9))
    out = tmp_path / "回复.xlsx"
    with town.sf() as s:
        export_report(s, ExportRequest(
            kind="reply", path=out, role=UserRole.SUPERVISOR, actor=town.supervisor,
            date_from=date(2022, 3, 1), date_to=date(2022, 3, 31),
        ))  # fmt: skip
    header, *rows = load_workbook(out)["吴中区平台"].iter_rows(values_only=True)
    # The sheet's own columns in its order, then what the platform needs back and it lacked.
    assert list(header) == [*sheet.headers, "办理结果", "办结时间", "回访结果"]
    at = header.index
    assert {r[at("工单号")]: r[at("办理结果")] for r in rows} == replied
    assert {r[at("主办单位")] for r in rows} == {"综合执法局"}


def test_a_sheet_read_without_a_profile_still_goes_back_in_its_own_columns(town, tmp_path):
    """Every header recognised, so the operator chose no profile: the import keeps the sheet's
    layout as a profile of its own, the reply uses it, and the next sheet of that layout finds
    the same one instead of adding another."""
    from gridcenter_desktop.demo.platform_sheet import write_xlsx
    from gridcenter_desktop.services.intake.profiles import list_profiles
    from gridcenter_desktop.services.intake.reading import read_incoming

    path = tmp_path / "区平台待办.xlsx"
    write_xlsx(path, rows=12, source=IntakeSource.DISTRICT, seed=7)
    sheet = read_incoming(path, source=IntakeSource.DISTRICT)
    assert not sheet.unrecognised
    with town.sf() as s:
        before = {p.name for p in list_profiles(s, IntakeSource.DISTRICT)}
        plan = plan_intake(s, sheet, source=IntakeSource.DISTRICT, now=NOW)
        result = apply_intake(s, town.operator, plan, now=NOW)
        kept = [p for p in list_profiles(s, IntakeSource.DISTRICT) if p.name not in before]
    assert [p.name for p in kept] == ["区平台 自动识别 2022-03-01"]
    assert kept[0].columns == tuple(zip(sheet.headers, sheet.fields, strict=True))
    with town.sf() as s:
        first = min(s.scalars(select(Ticket).where(Ticket.id.in_(result.ticket_ids))),
                    key=lambda t: t.id)  # fmt: skip
        assert first.intake_profile_id == kept[0].id
        code, ref, path = first.external_code, ref_of(first), first.external_category
    assert "/" in path  # the generated sheet's one category column holds "大类/小类"
    town.handle(ref, public_reply="已清理完毕", at=datetime(2022, 3, 20, 9))
    out = tmp_path / "回复.xlsx"
    with town.sf() as s:
        export_report(s, ExportRequest(
            kind="reply", path=out, role=UserRole.SUPERVISOR, actor=town.supervisor,
            date_from=date(2022, 3, 1), date_to=date(2022, 3, 31),
        ))  # fmt: skip
    header, *rows = load_workbook(out)[kept[0].name].iter_rows(values_only=True)
    assert list(header) == [*sheet.headers, "办理结果", "办结时间", "回访结果"]
    assert [(r[header.index("工单号")], r[header.index("办理结果")]) for r in rows] == [
        (code, "已清理完毕")
    ]
    # The platform's category goes back whole, as its sheet had it.
    assert [r[header.index("问题分类")] for r in rows] == [path]
    # Tomorrow's sheet of the same layout: the same profile, no second one.
    path2 = tmp_path / "区平台待办2.xlsx"
    write_xlsx(path2, rows=5, source=IntakeSource.DISTRICT, seed=8)
    with town.sf() as s:
        plan = plan_intake(s, read_incoming(path2, source=IntakeSource.DISTRICT),
                           source=IntakeSource.DISTRICT, now=NOW)  # fmt: skip
        fresh = [p for p in plan.to_add if p.form.origin.code != code]
        assert fresh
        apply_intake(s, town.operator, plan, now=NOW)
        after = [p for p in list_profiles(s, IntakeSource.DISTRICT) if p.name not in before]
    assert [p.id for p in after] == [kept[0].id]
