"""The rejects file: the rows left out, as they were, with a 原因 column; corrected, it
imports with the rest of the day's rows."""

from __future__ import annotations

from openpyxl import load_workbook

from gridcenter_desktop.core.enums import IntakeSource
from gridcenter_desktop.demo.platform_sheet import write_xlsx
from gridcenter_desktop.services.intake.plan import apply_intake, plan_intake
from gridcenter_desktop.services.intake.reading import read_incoming
from gridcenter_desktop.services.intake.rejects import REASON_HEADER, write_rejects
from tests.intake.plan_town import NOW

SOURCE = IntakeSource.HOTLINE_12345


def test_rejected_rows_come_back_with_their_reasons_and_import_once_corrected(town, tmp_path):
    path = tmp_path / "12345.xlsx"
    truth = write_xlsx(path, 50, seed=5, bad_rows={7: "phone", 20: "title", 33: "code"})
    sheet = read_incoming(path, source=SOURCE)
    with town.sf() as s:
        plan = plan_intake(s, sheet, source=SOURCE, now=NOW)
        apply_intake(s, town.operator, plan, now=NOW)
    assert len(plan.to_add) == 47
    rejects = tmp_path / "未导入.xlsx"
    assert write_rejects(rejects, sheet, plan) == 3
    book = load_workbook(rejects)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == (*sheet.headers, REASON_HEADER)
    codes = [r[0] for r in rows[1:]]
    assert codes == [truth[6].code, truth[19].code, truth[0].code]  # the third repeats row 1's
    reasons = [r[-1] for r in rows[1:]]
    # Data row 7 is the sheet's row 10 (title, export time, headers above).
    assert reasons[0].startswith("第 10 行 D 列（来电号码）：“不详12”不是有效的电话号码")
    assert "第 23 行 E 列（诉求标题）：没有诉求标题" in reasons[1]
    assert "工单编号与本表第 4 行重复" in reasons[2]
    # The operator corrects the phone and the title; the repeated code stays repeated.
    sheet_out = book.active
    sheet_out.cell(2, 4, "13912345678")
    sheet_out.cell(3, 5, "路灯不亮")
    book.save(rejects)
    again = read_incoming(rejects, source=SOURCE)
    assert REASON_HEADER in again.unrecognised
    with town.sf() as s:
        replan = plan_intake(s, again, source=SOURCE, now=NOW)
        result = apply_intake(s, town.operator, replan, now=NOW)
    assert result.added == 2
    # The row whose code was already imported (row 1's) is present, not added twice.
    assert result.already_present == 1
