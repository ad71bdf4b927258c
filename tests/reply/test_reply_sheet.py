"""The reply sheet (办理结果回复表): what goes back to the platforms, in their own columns."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridcenter_desktop.core.enums import (
    AuditAction,
    IntakeSource,
    Satisfaction,
    UserRole,
)
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.reports import reply
from gridcenter_desktop.reports.export import ExportRequest, export_report
from gridcenter_desktop.services.errors import ValidationError

MARCH = (date(2022, 3, 1), date(2022, 3, 31))


def _sheets(path):
    wb = load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def _export(town, path, role=UserRole.SUPERVISOR, period=MARCH):
    with town.sf() as s:
        return export_report(
            s,
            ExportRequest(kind="reply", path=path, role=role, actor=town.actors[role],
                          date_from=period[0], date_to=period[1]),
        )  # fmt: skip


def test_closed_platform_tickets_go_back_in_the_profiles_columns(town, tmp_path):
    first = town.handle(town.register(code="QJ20220301001"), public_reply="摊贩已劝离，恢复通行")
    town.handle(town.register(code="QJ20220301002", title="路灯不亮"), feedback="已更换灯泡",
                satisfaction=Satisfaction.BASICALLY_SATISFIED)  # fmt: skip
    town.handle(town.register(), feedback="我们自己的工单")  # typed in here: not replied
    town.handle(town.register(code="QJ20220301003"), close=False)  # fed back, awaiting review
    town.register(code="QJ20220301004")  # not handled yet: not in the reply

    outcome = _export(town, tmp_path / "reply.xlsx")

    assert outcome.kind == "reply" and outcome.tickets == 3
    sheets = _sheets(tmp_path / "reply.xlsx")
    assert list(sheets) == ["区平台工单表"]
    header, *rows = sheets["区平台工单表"]
    # The profile's own columns in its order, headers as the platform wrote them.
    assert header == ["序号", "工单编号", "诉求标题", "来电人", "联系电话", "办理结果",
                      "承办单位", "办结时间", "回访满意度"]  # fmt: skip
    by_code = {row[1]: row for row in rows}
    assert set(by_code) == {"QJ20220301001", "QJ20220301002", "QJ20220301003"}
    done = by_code["QJ20220301001"]
    assert done[0] is None  # an ignored column stays empty
    assert done[5] == "摊贩已劝离，恢复通行"  # the public reply, when written
    assert done[6] == "综合执法局"
    with town.sf() as s:
        from gridcenter_desktop.db.ticket import Ticket

        assert done[7] == s.get(Ticket, first.id).closed_at
    assert done[8] == "满意"
    assert by_code["QJ20220301002"][5] == "已更换灯泡"  # else the feedback
    assert by_code["QJ20220301002"][8] == "基本满意"
    waiting = by_code["QJ20220301003"]
    assert waiting[5] == "已劝离摊贩" and waiting[7] is None and waiting[8] is None
    # A supervisor sees the reporter; masking follows the ledger's rule.
    assert done[3] == "王建国" and done[4] == "13912345678"


def test_an_operator_gets_reporters_masked_and_the_export_is_audited(town, tmp_path):
    town.handle(town.register(code="QJ20220301001"))
    _export(town, tmp_path / "reply.xlsx", role=UserRole.OPERATOR)
    _header, row = _sheets(tmp_path / "reply.xlsx")["区平台工单表"]
    assert row[3] == "王**" and row[4] == "139****5678"
    with town.sf() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
        assert entry.target == "reply" and entry.user_id == town.operator.user_id
        assert '"rows": 1' in entry.detail and "2022-03-31" in entry.detail


def test_tickets_without_a_profile_get_the_default_columns_per_platform(town, tmp_path):
    town.handle(town.register(code="12345-0001", source=IntakeSource.HOTLINE_12345,
                              profile=False))  # fmt: skip
    town.handle(town.register(code="QJ-9", profile=False))
    sheets = _sheets(_export(town, tmp_path / "reply.xlsx").path)
    assert list(sheets) == ["12345热线", "区集成指挥平台"] or set(sheets) == {
        "12345热线",
        "区集成指挥平台",
    }
    header, row = sheets["12345热线"]
    assert header == [h for h, _f in reply.DEFAULT_COLUMNS]
    assert row[:4] == ["12345-0001", "光福街占道经营", "综合执法局", "已劝离摊贩"]
    assert row[5] == "满意"


def test_the_period_is_the_closing_day(town, tmp_path):
    town.handle(town.register(code="QJ-MARCH"))  # closed 2022-03-02
    outcome = _export(town, tmp_path / "april.xlsx", period=(date(2022, 4, 1), date(2022, 4, 30)))
    assert outcome.tickets == 0
    header, *rows = next(iter(_sheets(outcome.path).values()))
    assert rows == [] and header == [h for h, _f in reply.DEFAULT_COLUMNS]
    outcome = _export(town, tmp_path / "day.xlsx", period=(date(2022, 3, 2), date(2022, 3, 2)))
    assert outcome.tickets == 1


def test_a_profile_without_result_columns_gets_them_added_after_its_own():
    columns = reply.reply_columns([["编号", "external_code"], ["内容", "description"]])
    assert [h for h, _f in columns] == ["编号", "内容", "承办单位", "办理结果", "办结时间",
                                         "回访结果"]  # fmt: skip


def test_text_that_looks_like_a_formula_stays_text(town, tmp_path):
    town.handle(town.register(code="QJ-F", title='=HYPERLINK("http://x","点我")'))
    path = _export(town, tmp_path / "reply.xlsx").path
    ws = load_workbook(path)["区平台工单表"]
    assert ws["C2"].data_type == "s" and ws["C2"].value.startswith("=HYPERLINK")


def test_a_reversed_period_is_refused(town, tmp_path):
    with pytest.raises(ValidationError) as caught:
        _export(town, tmp_path / "r.xlsx", period=(date(2022, 3, 2), date(2022, 3, 1)))
    assert (caught.value.field, caught.value.rule) == ("date_to", "before_date_from")


def test_a_cancelled_reply_leaves_no_file_and_no_audit_row(town, tmp_path):
    from gridcenter_desktop.reports.files import ExportCancelled

    town.handle(town.register(code="QJ-C"))
    with town.sf() as s, pytest.raises(ExportCancelled):
        export_report(
            s,
            ExportRequest(kind="reply", path=tmp_path / "r.xlsx", role=UserRole.SUPERVISOR,
                          actor=town.supervisor, date_from=MARCH[0], date_to=MARCH[1]),
            cancelled=lambda: True,
        )  # fmt: skip
    assert not (tmp_path / "r.xlsx").exists()
    with town.sf() as s:
        assert not s.scalars(select(AuditEntry).where(AuditEntry.target == "reply")).all()


def test_the_platform_s_category_goes_back_as_its_sheet_had_it():
    from gridcenter_desktop.core.enums import IntakeField as F
    from gridcenter_desktop.reports.reply import row_values

    values = {F.EXTERNAL_CODE: "QJ1", F.CATEGORY: "城市管理/占道经营", F.CATEGORY_MINOR: "占道经营"}
    one_column = [("工单编号", F.EXTERNAL_CODE), ("问题分类", F.CATEGORY)]
    apart = [("工单编号", F.EXTERNAL_CODE), ("大类", F.CATEGORY), ("小类", F.CATEGORY_MINOR)]
    assert row_values(one_column, values) == ["QJ1", "城市管理/占道经营"]
    assert row_values(apart, values) == ["QJ1", "城市管理", "占道经营"]
