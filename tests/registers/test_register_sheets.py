"""The registers' Excel: the template, an import with bad rows (named, nothing imported), a
good import, an export masked by role that imports again, and the report's 台账情况 sheet."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import AuditAction, RegisterKind, UserRole
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.gridwork import RentalHousing, SpecialGroupMember
from gridcenter_desktop.reports.registers import REGISTERS_SHEET, export_register
from gridcenter_desktop.reports.summary import write_summary
from gridcenter_desktop.services.registers.query import RegisterQuery
from gridcenter_desktop.services.registers.sheets import (
    RegisterImportRefused,
    import_register,
    write_template,
)
from tests.registers.town import NOW, TODAY, build_register_town


@pytest.fixture
def rt(session):
    return build_register_town(session)


def _sheet(path, rows) -> None:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)


def test_a_sheet_with_bad_rows_is_refused_naming_row_and_column(session, rt, tmp_path):
    path = tmp_path / "groups.xlsx"
    _sheet(
        path,
        [
            ["光福镇特殊群体台账"],
            ["网格", "类别", "姓名", "联系电话", "住址", "联系网格员", "登记日期"],
            [
                "福利村第一网格",
                "独居老人",
                "张桂兰",
                "13811112222",
                "福利村 5 号",
                "周建国",
                "2026-01-05",
            ],
            ["不存在的网格", "独居老人", "钱多多", None, "", None, None],
            ["福利村第二网格", "外星人", "孙悟空", None, "", None, None],
            ["福利村第二网格", "残疾人", "", "12345", "", "无此人", "2026-13-01"],
            ["福利村第一网格", "社区矫正对象", "周某", None, "", None, None],
        ],
    )
    operator = rt.as_role(UserRole.OPERATOR)
    before = session.scalar(select(func.count(SpecialGroupMember.id)))
    with pytest.raises(RegisterImportRefused) as caught:
        import_register(session, operator, RegisterKind.SPECIAL_GROUP, path, NOW)
    found = {(p.row, p.column, p.rule) for p in caught.value.problems}
    assert found == {
        (4, "网格", "unknown_grid"),
        (5, "类别", "not_in_list"),
        (6, "联系电话", "bad_phone"),
        (6, "登记日期", "bad_date"),
        (6, "联系网格员", "unknown_person"),
        (7, "类别", "not_allowed"),  # an operator may not know of community correction
    }
    assert session.scalar(select(func.count(SpecialGroupMember.id))) == before


def test_a_good_sheet_is_imported_in_one_step_and_audited(session, rt, tmp_path):
    template = tmp_path / "template.xlsx"
    write_template(template, RegisterKind.RENTAL)
    wb = load_workbook(template)
    ws = wb.active
    assert [c.value for c in ws[1]][:4] == ["网格", "房屋地址", "房东姓名", "房东电话"]
    ws.append(["福利村第一网格", "福利村 1 号", "吴大伟", 13900001111, 3, 2, "否"])
    ws.append(
        [
            "GF-FL-02",
            "福利村 9 号",
            "郑小红",
            "0512-66881234",
            15,
            7,
            "是",
            date(2026, 1, 2),
            date(2026, 4, 2),
            "电线私拉",
            "周建国",
        ]
    )
    wb.save(template)
    summary = import_register(session, rt.admin, RegisterKind.RENTAL, template, NOW)
    assert summary.added == 2
    rows = session.execute(
        select(
            RentalHousing.address,
            RentalHousing.landlord_phone,
            RentalHousing.group_rental,
            RentalHousing.worker_id,
        ).order_by(RentalHousing.id)
    ).all()
    assert rows[-2:] == [
        ("福利村 1 号", "13900001111", False, None),
        ("福利村 9 号", "0512-66881234", True, rt.worker_id),
    ]
    detail = json.loads(
        session.scalar(
            select(AuditEntry.detail).where(AuditEntry.action == AuditAction.REGISTER_IMPORT)
        )
    )
    assert detail["added"] == 2 and detail["register"] == "rental"


def test_an_export_is_masked_for_an_operator_audited_and_imports_again(session, rt, tmp_path):
    path = tmp_path / "out.xlsx"
    operator = rt.as_role(UserRole.OPERATOR)
    written = export_register(
        session, operator, RegisterKind.SPECIAL_GROUP, RegisterQuery(), path, TODAY
    )
    assert written.rows == 1  # the sensitive member is not exported for an operator
    ws = load_workbook(path).active
    header = [c.value for c in ws[1]]
    values = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert (values["姓名"], values["联系电话"], values["类别"]) == (
        "王**",
        "138****5678",
        "独居老人",
    )
    exports = [
        json.loads(d)
        for d in session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == AuditAction.EXPORT)
        )
    ]
    assert exports[-1]["rows"] == 1 and exports[-1]["role"] == "operator"
    supervisor_path = tmp_path / "full.xlsx"
    export_register(
        session,
        rt.as_role(UserRole.SUPERVISOR),
        RegisterKind.SPECIAL_GROUP,
        RegisterQuery(),
        supervisor_path,
        TODAY,
    )
    again = import_register(session, rt.admin, RegisterKind.SPECIAL_GROUP, supervisor_path, NOW)
    assert again.added == 2
    names = session.scalars(select(SpecialGroupMember.name).order_by(SpecialGroupMember.id))
    assert list(names) == ["王秀英", "李强", "王秀英", "李强"]


def test_the_report_has_the_registers_sheet_sensitive_groups_for_supervisors(session, rt, tmp_path):
    columns = {}
    for role in (UserRole.SUPERVISOR, UserRole.OPERATOR):
        path = tmp_path / f"summary-{role.value}.xlsx"
        write_summary(session, path, date(2026, 2, 1), date(2026, 2, 28), now=NOW, role=role)
        ws = load_workbook(path)[REGISTERS_SHEET]
        header = [c.value for c in ws[4]]
        columns[role] = header
        rows = {
            r[1]: dict(zip(header, r, strict=True))
            for r in ws.iter_rows(min_row=5, values_only=True)
        }
        fuli_1 = rows["福利村第一网格"]
        assert fuli_1["独居老人"] == 1 and fuli_1["整改超期"] == 1
        assert fuli_1["未整改隐患（高）"] == 1
        assert rows["福利村第二网格"]["其中群租房"] == 1
        assert rows["福利村第二网格"]["承租人数"] == 12
        assert rows[None]["隐患整改中"] == 1  # the total row (合计 in column A)
    assert "社区矫正对象" in columns[UserRole.SUPERVISOR]
    assert "社区矫正对象" not in columns[UserRole.OPERATOR]
