"""Reading a platform's sheet as it really comes: the generated 12345 / district export (merged
title row above the headers, Excel dates and text times, landlines that lost their 0, deadlines
as days, trailing empty rows), its CSV in GB18030 and UTF-8, a bad cell in one row among many,
and files we refuse as a whole."""

from __future__ import annotations

import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook

from gridcenter_desktop.core.enums import IntakeField, IntakeSource, Priority, TicketSource
from gridcenter_desktop.demo import platform_sheet
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake.cells import DeadlineLimit, LimitUnit
from gridcenter_desktop.services.intake.problems import file_problem_text, problem_text
from gridcenter_desktop.services.intake.reading import read_incoming
from gridcenter_desktop.services.intake.rows import Profile
from gridcenter_desktop.services.intake.sheet import read_sheet

F = IntakeField


def _check_rows(sheet, rows) -> None:
    """Every generated row read back as the platform meant it."""
    assert len(sheet.rows) == len(rows)
    for got, want in zip(sheet.rows, rows, strict=True):
        assert got.problems == ()
        v = got.values
        assert v[F.EXTERNAL_CODE] == want.code
        # Text times carry minutes only in two of the platform's three spellings.
        assert v[F.RECEIVED_AT] in (want.received_at, want.received_at.replace(second=0))
        assert v[F.REPORTER_PHONE] == want.phone
        assert v[F.TITLE] == want.title
        assert v[F.ADDRESS] == want.address
        assert v[F.CATEGORY] == want.category_path
        deadline = v[F.DEADLINE]
        if want.deadline_at is not None:
            assert deadline == want.deadline_at
        else:
            count, working = want.deadline_days
            assert deadline.amount == count
            if working:
                assert deadline.unit is LimitUnit.WORKING_DAYS
        assert v.get(F.REPORTER_NAME, "匿名") == want.reporter
        assert v[F.PRIORITY] in tuple(Priority)


def test_a_12345_export_is_read_as_the_platform_meant_it(tmp_path):
    path = tmp_path / "12345.xlsx"
    rows = platform_sheet.write_xlsx(path, 400, seed=7)
    sheet = read_incoming(path, source=IntakeSource.HOTLINE_12345)
    # Headers on row 3, under the merged title and the export-time line.
    assert sheet.header_row == 3
    assert sheet.headers[:4] == ("工单编号", "来电时间", "来电人", "来电号码")
    assert sheet.unrecognised == () and sheet.problems == ()
    assert None not in sheet.fields
    # Data rows keep the sheet's own numbers; the empty rows at the end are not rows.
    assert [r.number for r in sheet.rows[:2]] == [4, 5]
    assert sheet.rows[-1].number == 403
    _check_rows(sheet, rows)
    # A landline typed as a number: the cell shows it without its 0, the value has it back.
    lost = next(r for r in sheet.rows if r.cells[3].startswith("512"))
    assert lost.values[F.REPORTER_PHONE] == "0" + lost.cells[3][:3] + "-" + lost.cells[3][3:]
    # Some rows' times were Excel dates, others text: both read.
    assert any(r.cells[1].startswith("2022/") for r in sheet.rows)
    assert any(r.cells[1].startswith("2022年") for r in sheet.rows)


def test_the_district_platforms_headers_are_known_too(tmp_path):
    path = tmp_path / "district.xlsx"
    platform_sheet.write_xlsx(path, 30, source=IntakeSource.DISTRICT)
    sheet = read_sheet(path)
    assert sheet.headers[:3] == ("工单号", "受理时间", "反映人")
    assert sheet.fields[:3] == (F.EXTERNAL_CODE, F.RECEIVED_AT, F.REPORTER_NAME)
    assert sheet.unrecognised == ()
    assert sheet.rows[0].values[F.EXTERNAL_CODE].startswith("WZGF")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_a_csv_saved_by_chinese_excel_is_read_in_its_encoding(tmp_path, encoding):
    path = tmp_path / "12345.csv"
    rows = platform_sheet.write_csv(path, 120, encoding=encoding, title_row=True)
    sheet = read_sheet(path)
    assert sheet.header_row == 2
    assert sheet.headers[0] == "工单编号"
    _check_rows(sheet, rows)


def test_one_bad_row_among_a_thousand_names_its_row_and_column(tmp_path):
    path = tmp_path / "bad.xlsx"
    platform_sheet.write_xlsx(path, 1000, bad_rows={500: "phone"})
    sheet = read_sheet(path)
    bad = [r for r in sheet.rows if r.problems]
    assert len(sheet.rows) == 1000 and len(bad) == 1
    (problem,) = bad[0].problems
    # Data row 500 is the sheet's row 503 (title, export line and headers above it).
    where = (problem.row, problem.letter, problem.header, problem.rule)
    assert where == (503, "D", "来电号码", "bad_phone")
    assert problem_text(problem) == (
        "第 503 行 D 列（来电号码）：“不详12”不是有效的电话号码"
        "（手机 11 位，或座机如 0512-66881234）。"
    )
    # The rest of the row is still read (the rejects file writes it back as it was).
    assert bad[0].values[F.TITLE]
    assert bad[0].cells[3] == "不详12"


@pytest.mark.parametrize(
    ("kind", "letter", "rule"),
    [("received_at", "B", "bad_datetime"), ("deadline", "I", "bad_deadline")],
)
def test_bad_times_are_problems_of_their_cell_not_exceptions(tmp_path, kind, letter, rule):
    path = tmp_path / "bad.csv"
    platform_sheet.write_csv(path, 10, bad_rows={3: kind})
    sheet = read_sheet(path)
    (problem,) = sheet.rows[2].problems
    assert (problem.row, problem.letter, problem.rule) == (4, letter, rule)
    assert "第 4 行" in problem_text(problem)


def test_an_unknown_header_is_asked_about_and_a_profile_maps_it(tmp_path):
    headers = list(platform_sheet.HEADERS[IntakeSource.HOTLINE_12345])
    headers[0] = "平台单据号"
    path = tmp_path / "odd.xlsx"
    rows = platform_sheet.write_xlsx(path, 20, headers=headers)
    sheet = read_sheet(path)
    assert sheet.unrecognised == ("平台单据号",)
    assert sheet.fields[0] is None
    (missing,) = sheet.problems
    assert missing.rule == "missing_column" and missing.value == "external_code"
    assert problem_text(missing) == (
        "表头（第 3 行）：缺少“工单编号”列；请在列对照中指定哪一列是工单编号。"
    )
    profile = Profile(
        "12345 新版导出",
        IntakeSource.HOTLINE_12345,
        TicketSource.HOTLINE,
        (("平台单据号", F.EXTERNAL_CODE), ("紧急程度", None)),
    )
    mapped = read_sheet(path, profile=profile)
    assert mapped.unrecognised == () and mapped.problems == ()
    assert mapped.fields[0] is F.EXTERNAL_CODE
    # The profile says 紧急程度 is to be ignored, even though the synonyms know it.
    assert mapped.fields[10] is None
    assert mapped.rows[0].values[F.EXTERNAL_CODE] == rows[0].code
    assert F.PRIORITY not in mapped.rows[0].values


def test_decorated_headers_and_split_categories(tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["*工单编号", "受理时间（必填）", "诉求人 姓名", "手机号码", "标题", "问题大类",
               "小类", "处理时限", "经度", "纬度", "备注"])  # fmt: skip
    ws.append(["A-1", "2022年3月5日 14时02分", "张三", 13912345678, "路灯不亮", "城市管理",
               "路灯", "24小时", 120.45, 31.29, "无"])  # fmt: skip
    ws.append(["A-2", 44625.5847222, "李四", "０５１２－６６８８１２３４", "污水", "环境", "", 3,
               "东经", 31.3, ""])  # fmt: skip
    path = tmp_path / "own.xlsx"
    book.save(path)
    sheet = read_sheet(path)
    assert sheet.header_row == 1
    assert sheet.unrecognised == ("备注",)
    first, second = sheet.rows
    assert first.values[F.RECEIVED_AT] == datetime(2022, 3, 5, 14, 2)
    assert first.values[F.DEADLINE] == DeadlineLimit(24, LimitUnit.HOURS)
    assert first.values[F.CATEGORY_MINOR] == "路灯"
    assert (first.values[F.LONGITUDE], first.values[F.LATITUDE]) == (120.45, 31.29)
    # An Excel day number in a cell not formatted as a date is still a time.
    assert second.values[F.RECEIVED_AT] == datetime(2022, 3, 5, 14, 2)
    assert second.values[F.REPORTER_PHONE] == "0512-66881234"
    assert second.values[F.DEADLINE] == DeadlineLimit(3, LimitUnit.WORKING_DAYS)
    (problem,) = second.problems
    assert (problem.letter, problem.rule) == ("I", "bad_coordinate")


@pytest.mark.parametrize(
    ("name", "content", "rule"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "xls_format"),
        ("fake.xlsx", b"just text, not a workbook", "not_workbook"),
        ("utf16.csv", "工单编号,标题\n1,路灯\n".encode("utf-16"), "unknown_encoding"),
        ("latin.csv", b"abc\xff,\x80\n", "unknown_encoding"),
        ("photo.jpg", b"\xff\xd8\xff\xe0JFIF", "unsupported_format"),
        ("empty.csv", b"", "no_header"),
    ],
)
def test_files_we_cannot_read_are_refused_as_a_whole(tmp_path, name, content, rule):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValidationError) as caught:
        read_sheet(path)
    assert (caught.value.field, caught.value.rule) == ("file", rule)
    assert file_problem_text(rule) != file_problem_text("no such rule")


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ValidationError) as caught:
        read_sheet(tmp_path / "nowhere.xlsx")
    assert caught.value.rule == "not_found"


def test_reading_reports_its_progress(tmp_path):
    path = tmp_path / "big.csv"
    platform_sheet.write_csv(path, 1200)
    seen = []
    read_sheet(path, progress=seen.append)
    assert seen[-1].done == seen[-1].total
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert len(seen) >= 3


def test_a_workbook_damaged_inside_is_refused_not_half_read(tmp_path):
    good = tmp_path / "good.xlsx"
    platform_sheet.write_xlsx(good, 50)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off in the middle of the rows
            dst.writestr(item, data)
    with pytest.raises(ValidationError) as caught:
        read_sheet(bad)
    assert caught.value.rule == "not_workbook"
