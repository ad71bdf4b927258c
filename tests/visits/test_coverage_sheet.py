"""The 走访覆盖 workbook and the statistical report's sheet carry the coverage figures."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.reports.summary import write_summary
from gridcenter_desktop.reports.visits import SHEET, write_visit_coverage
from gridcenter_desktop.services.visits.recording import NewVisit, record_visit
from tests.visits.visit_town import NOW, build_visit_town


@pytest.fixture
def vt(session):
    vt = build_visit_town(session)
    for n in range(3):
        record_visit(
            session,
            vt.operator,
            NewVisit(vt.town.fuli_1, vt.wang, date(2026, 11, 2 + n), f"福利村{n}号"),
            NOW,
        )
    record_visit(
        session, vt.operator, NewVisit(vt.town.fuli_2, vt.li, date(2026, 10, 9), "二组1号"), NOW
    )
    return vt


def _rows(path):
    ws = load_workbook(path)[SHEET]
    return [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]


def test_the_coverage_workbook(session, vt, tmp_path):
    path = tmp_path / "走访覆盖.xlsx"
    assert write_visit_coverage(session, vt.operator, path, date(2026, 11, 1), 2, now=NOW) == 6
    rows = _rows(path)
    assert ("2026-11", "王芳", "福利村第一网格", "福利村", 3, 100, 3.0) in rows
    assert ("2026-10", "李强", "福利村第二网格", "福利村", 1, 100, 1.0) in rows
    assert ("2026-11", "赵敏", "东崦湖社区第一网格", "东崦湖社区", 0, 100, 0.0) in rows
    assert session.scalars(
        select(AuditEntry.target).where(AuditEntry.action == AuditAction.EXPORT)
    ).all() == ["visit_coverage"]


def test_the_statistical_report_has_the_sheet(session, vt, tmp_path):
    path = tmp_path / "月报.xlsx"
    write_summary(session, path, date(2026, 11, 1), date(2026, 11, 30), now=NOW)
    rows = _rows(path)
    assert ("2026-11", "王芳", "福利村第一网格", "福利村", 3, 100, 3.0) in rows
    assert not any(r[0] == "2026-10" for r in rows)
