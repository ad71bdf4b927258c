"""The base-data workbook as a town fills it in: the template's sheets, notes and drop-downs,
and the reader on workbooks saved by LibreOffice, with merged header cells, formulas, empty
rows left at the end, numbers typed for phones and codes, full-width digits and dates written
every which way; .xls, .csv and other files are refused with a sentence saying what to do."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill

from gridcenter_desktop.core.enums import AreaLevel, DepartmentKind, MemberRole, UserRole
from gridcenter_desktop.services.admin.base_problems import file_problem_text, problem_text
from gridcenter_desktop.services.admin.base_sheets import (
    AccountRow,
    AreaRow,
    BaseLists,
    DepartmentRow,
    MemberRow,
    Sheet,
)
from gridcenter_desktop.services.admin.base_workbook import read_workbook, write_template
from gridcenter_desktop.services.errors import ValidationError

EXAMPLE = BaseLists(
    areas=(
        AreaRow(AreaLevel.TOWN, "光福镇", code="320506108", code_system="national_stats"),
        AreaRow(AreaLevel.VILLAGE, "福利村", "光福镇", code="320506108200", sort_order=1),
        AreaRow(AreaLevel.GRID, "福利村第一网格", "福利村", code="GF-FL-01"),
        AreaRow(AreaLevel.COMMUNITY, "东崦湖社区", "光福镇"),
    ),
    members=(
        MemberRow(
            "福利村第一网格", "张三", MemberRole.LEADER, "13912345678", True, date(2024, 3, 1)
        ),
        MemberRow("福利村/福利村第一网格", "李四", MemberRole.WORKER, "0512-66881234", False),
    ),
    departments=(
        DepartmentRow("综合执法局", DepartmentKind.OFFICE, "ZF", "王五", "13812345678", True),
        DepartmentRow("供电所", DepartmentKind.UTILITY, dispatchable=False),
    ),
    users=(AccountRow("zhang.san", "张三", UserRole.OPERATOR, "综合执法局", "福利村"),),
)


def _rows(rows) -> list:
    return [dataclasses.replace(r, row=0) for r in rows]


def _soffice(source: Path, fmt: str, tmp_path: Path) -> Path:
    """``source`` opened and saved again by LibreOffice in format ``fmt`` (its own profile
    folder, so runs beside another LibreOffice do not collide)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:  # CI installs it (.ci/run); a missing tool is a failure, not a skip
        pytest.fail("LibreOffice (soffice) is needed for this test")
    out = tmp_path / f"lo-{fmt}"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / f"{source.stem}.{fmt}"


def test_the_template_has_instructions_notes_and_drop_down_lists(tmp_path):
    path = tmp_path / "模板.xlsx"
    write_template(path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["说明", "区域和网格", "网格成员", "部门", "用户"]
    assert "不会删除" in " ".join(str(c.value) for c in wb["说明"]["A"] if c.value)
    members = wb["网格成员"]
    assert [c.value for c in members[1]] == [
        "所属网格", "网格编码", "姓名", "岗位", "联系电话", "是否党员", "任职起始日期",
    ]  # fmt: skip
    assert "网格长" in members["D1"].comment.text
    lists = {str(dv.sqref).split(":")[0]: dv.formula1
             for dv in members.data_validations.dataValidation}  # fmt: skip
    assert "网格长" in lists["D2"] and "专职网格员" in lists["D2"]
    assert lists["F2"] == '"是,否"'
    assert "微网格" in wb["区域和网格"].data_validations.dataValidation[0].formula1
    kinds = [dv.formula1 for dv in wb["部门"].data_validations.dataValidation]
    assert any("村（居）委会" in k for k in kinds)
    assert any("值班长" in dv.formula1 for dv in wb["用户"].data_validations.dataValidation)
    # An empty template reads as empty lists, without problems.
    empty = read_workbook(path)
    assert (empty.areas, empty.members, empty.problems) == ((), (), ())
    assert empty.sheets == frozenset(Sheet)


def test_a_filled_template_reads_back_as_written(tmp_path):
    path = tmp_path / "town.xlsx"
    write_template(path, example=EXAMPLE)
    lists = read_workbook(path)
    assert lists.problems == ()
    assert _rows(lists.areas) == _rows(EXAMPLE.areas)
    assert _rows(lists.members) == _rows(EXAMPLE.members)
    assert _rows(lists.departments) == _rows(EXAMPLE.departments)
    assert _rows(lists.users) == _rows(EXAMPLE.users)
    assert [r.row for r in lists.areas] == [2, 3, 4, 5]
    assert lists.source == "town.xlsx"


@pytest.mark.office
def test_a_workbook_saved_by_libreoffice_with_formulas_reads_the_same(tmp_path):
    path = tmp_path / "town.xlsx"
    write_template(path, example=EXAMPLE)
    wb = load_workbook(path)
    ws = wb["网格成员"]
    ws["A4"], ws["C4"], ws["D4"] = '="福利村"&"第一网格"', "王芳", "志愿者"
    ws["E4"] = "=13912340000+1"  # a phone made by a formula: its result is the number
    wb.save(path)
    saved = _soffice(path, "xlsx", tmp_path)
    lists = read_workbook(saved)
    assert lists.problems == ()
    assert _rows(lists.areas) == _rows(EXAMPLE.areas)
    assert _rows(lists.departments) == _rows(EXAMPLE.departments)
    assert _rows(lists.users) == _rows(EXAMPLE.users)
    assert _rows(lists.members[:2]) == _rows(EXAMPLE.members)
    volunteer = lists.members[2]
    assert (volunteer.row, volunteer.grid, volunteer.phone) == (4, "福利村第一网格", "13912340001")


def test_a_formula_without_a_saved_result_is_a_problem_of_that_cell(tmp_path):
    path = tmp_path / "town.xlsx"
    write_template(path, example=EXAMPLE)
    wb = load_workbook(path)
    wb["网格成员"]["C3"] = '=CONCATENATE("李","四")'  # openpyxl saves no result
    wb.save(path)
    lists = read_workbook(path)
    (problem,) = lists.problems
    assert (problem.sheet, problem.row, problem.column, problem.letter) == (
        Sheet.MEMBERS, 3, "姓名", "C",
    )  # fmt: skip
    assert "保存" in problem_text(problem) and "第 3 行" in problem_text(problem)


def test_merged_header_cells_a_title_above_and_a_sub_header(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "网格成员"
    ws["A1"] = "迂里村网格成员名单（2026 年）"
    ws.merge_cells("A1:F1")
    for column, header in (("A", "网格"), ("B", "*姓名"), ("C", "角色（必填）")):
        ws[f"{column}2"] = header
        ws.merge_cells(f"{column}2:{column}3")
    ws["D2"] = "联系方式"
    ws.merge_cells("D2:E2")
    ws["D3"], ws["E3"] = "手机", "座机"
    ws["F2"] = "是否\n党员"
    ws.merge_cells("F2:F3")
    ws.append(["迂里村第一网格", "张三", "网格长", 13912345678, "66881234", "是"])
    ws.append(["迂里村第一网格", "李四", "网格员", "139 1234 5679", None, None])
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    lists = read_workbook(path)
    assert lists.problems == ()
    assert lists.members == (
        MemberRow("迂里村第一网格", "张三", MemberRole.LEADER, "13912345678", True, row=4),
        MemberRow("迂里村第一网格", "李四", MemberRole.WORKER, "13912345679", None, row=5),
    )
    assert lists.where(Sheet.MEMBERS, "role") == ("角色（必填）", "C")


def test_empty_rows_left_at_the_end_or_between_blocks_are_skipped(tmp_path):
    path = tmp_path / "town.xlsx"
    write_template(path, example=EXAMPLE)
    wb = load_workbook(path)
    ws = wb["部门"]
    grey = PatternFill("solid", fgColor="FFEEEEEE")
    for row in range(4, 3000):  # formatted but empty, as a sheet copied from elsewhere
        ws.cell(row=row, column=1).fill = grey
        ws.cell(row=row, column=3).value = " " if row % 7 == 0 else None
    ws.cell(row=10, column=1, value="派出所")
    ws.cell(row=10, column=3, value="派驻机构")
    wb.save(path)
    lists = read_workbook(path)
    assert lists.problems == ()
    assert [(d.name, d.row) for d in lists.departments] == [("综合执法局", 2), ("供电所", 3),
                                                            ("派出所", 10)]  # fmt: skip


def test_numbers_full_width_digits_and_dates_as_people_type_them(tmp_path):
    wb = Workbook()
    areas = wb.active
    areas.title = "区域和网格"
    areas.append(["层级", "名称", "上级名称", "编码", "排序"])
    areas.append(["镇", "光福镇", None, 320506108, None])
    areas.append(["村", "福利村", "光福镇", 320506108200.0, "２"])
    areas.append(["社区", "东崦湖社区", "光福镇", "３２０５０６１０８００１", 3])
    members = wb.create_sheet("网格成员")
    members.append(["所属网格", "姓名", "岗位", "联系电话", "是否党员", "任职起始日期"])
    rows = [
        ("１３９１２３４５６７８", datetime(2024, 3, 1), date(2024, 3, 1)),
        (13912345679, "2024/3/1", date(2024, 3, 1)),
        (51266881234, "2024年3月1日", date(2024, 3, 1)),
        ("0512-66881235", 20240301, date(2024, 3, 1)),
        ("+86 139 1234 5670", "２０２４－０３－０１", date(2024, 3, 1)),
    ]
    for index, (phone, since, _) in enumerate(rows):
        members.append(["福利村第一网格", f"成员{index}", "志愿者", phone, "否", since])
    members.append(["福利村第一网格", "坏日期", "志愿者", "12345", "也许", "明年"])
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    lists = read_workbook(path)
    assert [(a.code, a.sort_order) for a in lists.areas] == [
        ("320506108", None), ("320506108200", 2), ("320506108001", 3),
    ]  # fmt: skip
    assert [m.phone for m in lists.members[:5]] == [
        "13912345678", "13912345679", "0512-66881234", "0512-66881235", "13912345670",
    ]  # fmt: skip
    assert {m.since for m in lists.members[:5]} == {date(2024, 3, 1)}
    assert {m.party_member for m in lists.members[:5]} == {False}
    bad = {(p.row, p.column, p.rule) for p in lists.problems}
    assert bad == {(7, "联系电话", "bad_phone"), (7, "是否党员", "not_yes_no"),
                   (7, "任职起始日期", "bad_date")}  # fmt: skip


def test_a_word_not_in_the_drop_down_names_the_choices(tmp_path):
    path = tmp_path / "town.xlsx"
    write_template(path, example=EXAMPLE)
    wb = load_workbook(path)
    wb["网格成员"]["D3"] = "网格员甲"
    wb.save(path)
    (problem,) = read_workbook(path).problems
    text = problem_text(problem)
    assert (problem.row, problem.letter, problem.rule) == (3, "D", "not_in_list")
    assert "“网格成员”表第 3 行“岗位”列（D 列）" in text
    assert "网格员甲" in text and "专职网格员" in text


def test_a_missing_required_column_is_named(tmp_path):
    path = tmp_path / "town.xlsx"
    write_template(path, example=EXAMPLE)
    wb = load_workbook(path)
    wb["部门"]["C1"] = "备注"
    wb.save(path)
    lists = read_workbook(path)
    assert lists.departments == ()
    (problem,) = lists.problems
    assert (problem.sheet, problem.rule, problem.column) == (Sheet.DEPARTMENTS, "missing_column",
                                                             "类别")  # fmt: skip
    assert "找不到“类别”列" in problem_text(problem)


@pytest.mark.office
def test_xls_csv_and_other_files_are_refused_with_what_to_do(tmp_path):
    path = tmp_path / "town.xlsx"
    write_template(path, example=EXAMPLE)
    xls = _soffice(path, "xls", tmp_path)
    csv_file = tmp_path / "members.csv"
    csv_file.write_text("所属网格,姓名,岗位\n福利村第一网格,张三,网格长\n", encoding="utf-8")
    odt = tmp_path / "notes.docx"
    shutil.make_archive(str(tmp_path / "notes"), "zip", tmp_path / "lo-xls")
    (tmp_path / "notes.zip").rename(odt)
    picture = tmp_path / "photo.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    other = Workbook()
    other.active.title = "Sheet1"
    no_lists = tmp_path / "other.xlsx"
    other.save(no_lists)
    for file, rule in (
        (xls, "xls_format"),
        (csv_file, "csv_format"),
        (odt, "not_workbook"),
        (picture, "not_workbook"),
        (no_lists, "no_lists"),
        (tmp_path / "missing.xlsx", "not_found"),
    ):
        with pytest.raises(ValidationError) as err:
            read_workbook(file)
        assert (err.value.field, err.value.rule) == ("file", rule), file
    assert ".xlsx" in file_problem_text("xls_format") and "另存为" in file_problem_text(
        "xls_format"
    )
    assert "CSV" in file_problem_text("csv_format")
