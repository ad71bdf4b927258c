"""Importing the mobile app's export: bad rows named, all or nothing, idempotent by record id."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import AuditAction, TicketSource, VisitSource
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.gridwork import HouseholdVisit
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.visits.sheet import (
    import_visits,
    plan_visits,
    problem_words,
    read_visit_sheet,
    write_rejects,
)
from tests.visits.visit_town import NOW, build_visit_town

HEADER = [
    "记录编号",
    "走访日期",
    "网格员",
    "所属网格",
    "地址",
    "户号",
    "走访情况",
    "是否发现问题",
    "问题类别",
]
GOOD = [
    [
        "ZF-001",
        datetime(2026, 11, 3, 9, 30),
        "王芳",
        "福利村第一网格",
        "福利村1号",
        "3201",
        "正常",
        "否",
        "",
    ],
    [
        "ZF-002",
        "2026/11/04",
        "王芳",
        "GF-FL-01",
        "福利村2号",
        None,
        "独居老人，身体尚可",
        "否",
        None,
    ],
    [
        "ZF-003",
        "2026-11-05",
        "李强",
        "福利村第二网格",
        "福利村二组7号",
        "",
        "门口堆放易燃杂物",
        "是",
        "消防安全",
    ],
]


def _sheet(path, rows, title=True):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["走访记录导出（苏城网格通）"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def vt(session):
    return build_visit_town(session)


def _count(session, model=HouseholdVisit):
    return session.scalar(select(func.count()).select_from(model))


def test_a_good_sheet_imports_once(session, vt, tmp_path):
    sheet = read_visit_sheet(_sheet(tmp_path / "visits.xlsx", GOOD))
    result = import_visits(session, vt.operator, sheet, now=NOW)
    assert (result.imported, result.already, result.tickets) == (3, 0, 1)
    assert _count(session) == 3
    ticket = session.scalars(select(Ticket)).one()
    assert ticket.source == TicketSource.GRID_PATROL and ticket.category == "fire_safety"
    assert ticket.reported_by_person_id == vt.li
    visits = session.scalars(select(HouseholdVisit).order_by(HouseholdVisit.id)).all()
    assert [v.external_code for v in visits] == ["ZF-001", "ZF-002", "ZF-003"]
    assert {v.source for v in visits} == {VisitSource.IMPORT}
    assert visits[1].visited_on == date(2026, 11, 4)
    # The same sheet again: nothing new.
    again = import_visits(session, vt.operator, read_visit_sheet(sheet.path), now=NOW)
    assert (again.imported, again.already) == (0, 3)
    assert _count(session) == 3 and _count(session, Ticket) == 1
    imports = session.scalars(
        select(AuditEntry).where(AuditEntry.action == AuditAction.REGISTER_IMPORT)
    ).all()
    assert len(imports) == 2


def test_a_csv_as_chinese_excel_saves_it(session, vt, tmp_path):
    path = tmp_path / "visits.csv"
    lines = [",".join(HEADER), "ZF-9,2026-11-03,王芳,福利村第一网格,福利村5号,,正常,否,"]
    path.write_bytes("\n".join(lines).encode("gb18030"))
    assert import_visits(session, vt.operator, read_visit_sheet(path), now=NOW).imported == 1


def test_bad_rows_are_named_and_nothing_is_written(session, vt, tmp_path):
    bad = [
        GOOD[0],
        ["ZF-010", "去年", "王芳", "福利村第一网格", "福利村3号", "", "", "否", ""],
        ["ZF-011", "2026-11-06", "李强", "福利村第一网格", "福利村4号", "", "", "否", ""],
        ["ZF-012", "2026-11-06", "王芳", "第九网格", "", "", "", "也许", ""],
        ["ZF-001", "2026-11-06", "王芳", "福利村第一网格", "福利村6号", "", "", "否", ""],
        [
            "ZF-013",
            "2026-11-07",
            "王芳",
            "福利村第一网格",
            "福利村7号",
            "",
            "有隐患",
            "是",
            "不知道",
        ],
    ]
    sheet = read_visit_sheet(_sheet(tmp_path / "bad.xlsx", bad))
    plan = plan_visits(session, sheet, NOW)
    found = {(p.row, p.column, p.rule) for p in plan.problems}
    assert found == {
        (4, "走访日期", "bad_date"),
        (5, "网格员", "not_in_grid"),
        (6, "所属网格", "unknown"),
        (6, "地址", "required"),
        (6, "是否发现问题", "yes_no"),
        (7, "记录编号", "duplicate_in_file"),
        (8, "问题类别", "unknown"),
    }
    assert (
        problem_words(next(p for p in plan.problems if p.row == 4))
        == "第4行“走访日期”列不是日期（去年）"
    )
    with pytest.raises(ValidationError) as refused:
        import_visits(session, vt.operator, sheet, now=NOW)
    assert (refused.value.field, refused.value.rule) == ("file", "has_problems")
    assert _count(session) == 0
    # Or: the good rows in, the bad ones to a rejects sheet to fix and import again.
    result = import_visits(session, vt.operator, sheet, skip_bad=True, now=NOW)
    assert (result.imported, result.rejected) == (1, 5)
    rejects = tmp_path / "rejects.xlsx"
    assert write_rejects(rejects, sheet, plan.problems) == 5
    rows = list(load_workbook(rejects).active.iter_rows(values_only=True))
    assert rows[0][-1] == "问题" and rows[1][0] == "ZF-010"
    assert "不是日期" in rows[1][-1]


def test_a_missing_column_is_named(session, vt, tmp_path):
    book = Workbook()
    book.active.append(["记录编号", "走访日期", "地址"])
    book.active.append(["1", "2026-11-01", "福利村1号"])
    book.save(tmp_path / "short.xlsx")
    sheet = read_visit_sheet(tmp_path / "short.xlsx")
    assert {(p.column, p.rule) for p in sheet.problems} == {
        ("网格员", "missing_column"),
        ("所属网格", "missing_column"),
    }


def test_an_unreadable_file_is_refused_whole(tmp_path):
    path = tmp_path / "visits.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(ValidationError) as refused:
        read_visit_sheet(path)
    assert refused.value.field == "file"
