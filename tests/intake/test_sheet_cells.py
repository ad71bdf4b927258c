"""One cell as its field takes it, the way platforms and people write them; what cannot be read
is a rule (a problem of that cell), never an exception."""

from __future__ import annotations

import sys
import types
from datetime import date, datetime

import pytest

from gridcenter_desktop.core.enums import IntakeField, IntakeSource, Priority, TicketKind
from gridcenter_desktop.services.intake.cells import DeadlineLimit, LimitUnit, convert
from gridcenter_desktop.services.intake.columns import field_of, fold_header, recognise
from gridcenter_desktop.services.intake.reading import read_incoming

F = IntakeField
AT = datetime(2022, 3, 5, 14, 2)


@pytest.mark.parametrize(
    "value",
    [
        AT,
        "2022/3/5 14:02",
        "2022-03-05 14:02",
        "2022年3月5日 14时02分",
        "2022年3月5日14:02",
        "２０２２－０３－０５　１４：０２",  # full-width, typed with a Chinese input method
        "2022.3.5 14:02",
        "202203051402",
        44625.5847222,  # an Excel day number in a cell not formatted as a date
        "44625.5847222",
        "2022-03-05T06:02:00Z",  # ISO 8601 in UTC: China time is eight hours on
        "2022-03-05T14:02:00+08:00",
    ],
)
def test_a_time_in_every_spelling(value):
    assert convert(F.RECEIVED_AT, value) == (AT, None)


def test_seconds_and_dates_alone():
    assert convert(F.RECEIVED_AT, "2022-03-05 14:02:33") == (datetime(2022, 3, 5, 14, 2, 33), None)
    assert convert(F.CLOSED_AT, "2022年3月5日") == (datetime(2022, 3, 5), None)
    assert convert(F.CLOSED_AT, date(2022, 3, 5)) == (datetime(2022, 3, 5), None)


@pytest.mark.parametrize("value", ["2022/13/45 25:61", "上午", "2022/2/30", 12, "#VALUE!"])
def test_what_is_not_a_time(value):
    _, rule = convert(F.RECEIVED_AT, value)
    assert rule in ("bad_datetime", "cell_error")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (13912345678, "13912345678"),
        (51266881234, "0512-66881234"),  # a landline typed as a number lost its 0
        ("51266881234", "0512-66881234"),  # ... and exported to CSV that way
        ("0512-66881234", "0512-66881234"),
        ("＋86 139 1234 5678", "13912345678"),
        ("13912345678/13812345678", "13912345678"),  # the first of two numbers
        ("13912345678、0512-66881234", "13912345678"),
        ("无", None),  # nothing to call back: empty, not wrong
        ("不详", None),
        ("", None),
    ],
)
def test_phones(value, expected):
    assert convert(F.REPORTER_PHONE, value) == (expected, None)


@pytest.mark.parametrize("value", ["不详12", "12345", "电话打不通"])
def test_what_is_not_a_phone(value):
    assert convert(F.REPORTER_PHONE, value) == (None, "bad_phone")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5个工作日", DeadlineLimit(5, LimitUnit.WORKING_DAYS)),
        ("5", DeadlineLimit(5, LimitUnit.WORKING_DAYS)),  # platforms count working days
        (5, DeadlineLimit(5, LimitUnit.WORKING_DAYS)),
        ("3天", DeadlineLimit(3, LimitUnit.DAYS)),
        ("7个自然日", DeadlineLimit(7, LimitUnit.DAYS)),
        ("24小时", DeadlineLimit(24, LimitUnit.HOURS)),
        ("2个工作日内", DeadlineLimit(2, LimitUnit.WORKING_DAYS)),
        ("2022/3/10 17:30", datetime(2022, 3, 10, 17, 30)),
        (datetime(2022, 3, 10, 17, 30), datetime(2022, 3, 10, 17, 30)),
        (44630.7291667, datetime(2022, 3, 10, 17, 30)),
    ],
)
def test_deadlines_as_times_or_as_days(value, expected):
    assert convert(F.DEADLINE, value) == (expected, None)


@pytest.mark.parametrize("value", ["尽快办理", "0天", "-3"])
def test_what_is_not_a_deadline(value):
    assert convert(F.DEADLINE, value) == (None, "bad_deadline")


def test_priorities_kinds_coordinates_and_text():
    assert convert(F.PRIORITY, "特急") == (Priority.CRITICAL, None)
    assert convert(F.PRIORITY, " 紧急 ") == (Priority.URGENT, None)
    assert convert(F.PRIORITY, "火速") == (None, "unknown_priority")
    assert convert(F.KIND, "投诉") == (TicketKind.ORDINARY, None)
    assert convert(F.KIND, "矛盾纠纷") == (TicketKind.DISPUTE, None)
    assert convert(F.KIND, "意见建议") == (TicketKind.SUGGESTION, None)
    assert convert(F.LATITUDE, "31.29") == (31.29, None)
    assert convert(F.LATITUDE, 131.2) == (None, "bad_coordinate")
    assert convert(F.EXTERNAL_CODE, 2022030500123.0) == ("2022030500123", None)
    assert convert(F.TITLE, "  路灯不亮\u200b ") == ("路灯不亮", None)
    assert convert(F.TITLE, "   ") == (None, None)


def test_headers_as_people_decorate_them():
    assert fold_header(" *联系电话（必填）\n") == "联系电话"
    assert field_of("诉求内容(选填)") is F.DESCRIPTION
    assert field_of("ＬＡＴ") is F.LATITUDE
    assert field_of("备注") is None
    # A second column the synonyms would give the same field is asked about, not taken.
    fields, unrecognised = recognise(["工单编号", "编号", "", "标题"])
    assert fields == (F.EXTERNAL_CODE, None, None, F.TITLE)
    assert unrecognised == ("编号",)


def test_json_goes_to_the_open311_reader(tmp_path, monkeypatch):
    seen = []
    fake = types.ModuleType("open311_in")
    fake.read_requests = lambda path: seen.append(path) or "requests"
    monkeypatch.setitem(sys.modules, "gridcenter_desktop.services.intake.open311_in", fake)
    path = tmp_path / "requests.json"
    path.write_text("[]", encoding="utf-8")
    assert read_incoming(path, source=IntakeSource.OPEN311) == "requests"
    assert seen == [path]
