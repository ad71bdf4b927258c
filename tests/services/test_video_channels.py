"""Video channels: the registry, the sheet import (bad rows named, all or nothing, idempotent by
number), status changes and the "offline for a day" list, and a 视频巡查 ticket naming its
channel."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import (
    AuditAction,
    ChannelStatus,
    TicketKind,
    TicketSource,
    UserRole,
)
from gridcenter_desktop.core.geo import gcj02_to_wgs84, wgs84_to_gcj02
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.gridwork import VideoChannel
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.services.tickets.registration import NewTicket, register_ticket
from gridcenter_desktop.services.video_channel_import import (
    GCJ02,
    check_channel_sheet,
    import_channels,
    read_channel_sheet,
)
from gridcenter_desktop.services.video_channels import (
    ChannelFilter,
    ChannelForm,
    add_channel,
    channel_choices,
    edit_channel,
    offline_channels,
    retire_channel,
    search_channels,
    set_channel_status,
)
from tests.admin.town_factory import NOW, build_town

HEADER = ["通道编号", "通道名称", "经度", "纬度", "网格", "视频流地址", "状态", "权属单位"]
GOOD = [
    ["32050600001310000001", "光福派出所-福利村口", 120.401, 31.291, "GF-FL-01",
     "rtsp://10.1.1.1/ch1", "在线", "光福派出所"],
    ["32050600001310000002", "光福派出所-香雪路", 120.402, 31.292, "福利村第二网格",
     "rtsp://10.1.1.1/ch2", "离线", "光福派出所"],
    ["32050600001310000003", "光福派出所-东崦湖", "", "", "",
     "", "故障", "光福派出所"],
]  # fmt: skip


@pytest.fixture
def town(session):
    return build_town(session)


@pytest.fixture
def operator(town):
    return Actor(None, UserRole.OPERATOR, "调度员小王", "op")


def _xlsx(path, rows, header=HEADER, title=True):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["光福镇视频通道清单"])  # a title above the header, as exports have
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _count(session):
    return session.scalar(select(func.count()).select_from(VideoChannel))


def test_import_adds_channels_with_their_grids(session, town, operator, tmp_path):
    sheet = read_channel_sheet(_xlsx(tmp_path / "ch.xlsx", GOOD))
    assert sheet.problems == ()
    result = import_channels(session, operator, sheet, NOW)
    assert (result.added, result.updated, result.unchanged) == (3, 0, 0)
    rows = {r.number: r for r in search_channels(session)}
    first = rows["32050600001310000001"]
    assert first.grid_name == "福利村第一网格" and first.village_name == "福利村"
    assert rows["32050600001310000002"].grid_id == town.fuli_2
    assert rows["32050600001310000002"].status is ChannelStatus.OFFLINE
    assert rows["32050600001310000003"].longitude is None
    assert first.stream_url == "rtsp://10.1.1.1/ch1"
    assert (
        session.scalar(select(func.count()).where(AuditEntry.action == AuditAction.REGISTER_IMPORT))
        == 1
    )


def test_bad_rows_are_named_and_nothing_is_written(session, town, operator, tmp_path):
    bad = [
        GOOD[0],
        ["", "没有编号", 120.4, 31.29, "", "", "在线", ""],  # row 4
        ["32050600001310000009", "坐标错", "东经120", 31.29, "", "", "在线", ""],  # row 5
        ["32050600001310000010", "状态错", 120.4, 31.29, "", "", "坏了", ""],  # row 6
        ["32050600001310000011", "无此网格", 120.4, 31.29, "西湖网格", "", "在线", ""],  # 7
        ["32050600001310000012", "地址错", 120.4, 31.29, "", "ftp://x/y", "在线", ""],  # 8
        ["32050600001310000001", "重复编号", 120.4, 31.29, "", "", "在线", ""],  # row 9
    ]
    sheet = read_channel_sheet(_xlsx(tmp_path / "bad.xlsx", bad))
    _, problems = check_channel_sheet(session, sheet)
    named = {(p.row, p.header, p.rule) for p in problems}
    assert named == {
        (4, "通道编号", "required"),
        (5, "经度", "invalid"),
        (6, "状态", "unknown"),
        (7, "网格", "unknown"),
        (8, "视频流地址", "stream_scheme"),
        (9, "通道编号", "duplicate"),
    }
    with pytest.raises(ValidationError) as refused:
        import_channels(session, operator, sheet, NOW)
    assert refused.value.rule == "has_problems"
    assert _count(session) == 0


def test_reimport_is_idempotent_and_updates_by_number(session, town, operator, tmp_path):
    import_channels(session, operator, read_channel_sheet(_xlsx(tmp_path / "a.xlsx", GOOD)), NOW)
    again = import_channels(
        session, operator, read_channel_sheet(_xlsx(tmp_path / "b.xlsx", GOOD)), NOW
    )
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    changed = [list(r) for r in GOOD]
    changed[1][6] = "在线"  # back online
    changed[2][1] = "光福派出所-东崦湖码头"
    later = NOW + timedelta(hours=5)
    result = import_channels(
        session, operator, read_channel_sheet(_xlsx(tmp_path / "c.xlsx", changed)), later
    )
    assert (result.added, result.updated, result.unchanged) == (0, 2, 1)
    assert _count(session) == 3
    rows = {r.number: r for r in search_channels(session)}
    assert rows["32050600001310000002"].status is ChannelStatus.ONLINE
    assert rows["32050600001310000002"].status_since == later
    assert rows["32050600001310000001"].status_since == NOW  # unchanged status keeps its time
    assert rows["32050600001310000003"].name == "光福派出所-东崦湖码头"


def test_csv_with_gcj02_coordinates_is_converted(session, town, operator, tmp_path):
    lon, lat = wgs84_to_gcj02(120.40, 31.29)
    path = tmp_path / "ch.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(
            [["通道编号", "通道名称", "经度", "纬度"], ["3205060001", "火星坐标点", lon, lat]]
        )
    import_channels(session, operator, read_channel_sheet(path, crs=GCJ02), NOW)
    (row,) = search_channels(session)
    assert row.longitude == pytest.approx(120.40, abs=1e-6)
    assert row.latitude == pytest.approx(31.29, abs=1e-6)
    # GCJ-02 is offset by a few hundred metres here, which is why it must be converted.
    assert 0.003 < abs(lon - 120.40) < 0.01
    assert gcj02_to_wgs84(lon, lat) == pytest.approx((120.40, 31.29), abs=1e-7)


def test_offline_for_a_day(session, town, operator):
    ids = {
        n: add_channel(session, operator, ChannelForm(number=n, name=f"通道{n}"), NOW)
        for n in ("A1", "A2", "A3", "A4")
    }
    set_channel_status(session, operator, ids["A1"], ChannelStatus.OFFLINE, NOW)
    set_channel_status(session, operator, ids["A2"], ChannelStatus.FAULT, NOW + timedelta(hours=2))
    set_channel_status(session, operator, ids["A3"], ChannelStatus.OFFLINE, NOW)
    retire_channel(session, operator, ids["A3"], NOW + timedelta(hours=1))
    day_later = NOW + timedelta(hours=24, minutes=30)
    assert [r.number for r in offline_channels(session, day_later)] == ["A1"]
    two_days = NOW + timedelta(days=2)
    assert [r.number for r in offline_channels(session, two_days)] == ["A1", "A2"]
    # Back online: off the list, and its time starts again.
    set_channel_status(session, operator, ids["A1"], ChannelStatus.ONLINE, two_days)
    assert [r.number for r in offline_channels(session, two_days)] == ["A2"]
    assert [r.number for r in search_channels(session, ChannelFilter(text="通道A"))] == [
        "A1",
        "A2",
        "A4",
    ]
    assert [choice.label for choice in channel_choices(session)] == [
        "通道A1 (A1)",
        "通道A2 (A2)",
        "通道A4 (A4)",
    ]


def test_registry_refuses_bad_input_and_viewers(session, town, operator):
    add_channel(session, operator, ChannelForm(number="X1", name="一号"), NOW)
    with pytest.raises(ValidationError) as taken:
        add_channel(session, operator, ChannelForm(number="X1", name="又一号"), NOW)
    assert (taken.value.field, taken.value.rule) == ("number", "number_taken")
    with pytest.raises(ValidationError) as url:
        add_channel(session, operator, ChannelForm("X2", "二号", stream_url="file:///etc"), NOW)
    assert (url.value.field, url.value.rule) == ("stream_url", "stream_scheme")
    viewer = Actor(None, UserRole.VIEWER, "领导", "boss")
    with pytest.raises(PermissionDeniedError):
        add_channel(session, viewer, ChannelForm(number="X3", name="三号"), NOW)
    (row,) = search_channels(session)
    assert not edit_channel(session, operator, row.id, ChannelForm("X1", "一号"), NOW)
    assert edit_channel(
        session, operator, row.id, ChannelForm("X1", "一号", grid_id=town.fuli_1), NOW
    )
    assert search_channels(session)[0].grid_name == "福利村第一网格"


def _video_ticket(session, actor, channel_id, source=TicketSource.VIDEO):
    return register_ticket(
        session,
        actor,
        NewTicket(
            kind=TicketKind.ORDINARY,
            source=source,
            category="city_management",
            title="占道经营",
            video_channel_id=channel_id,
        ),
        now=NOW,
    )


def test_video_ticket_names_its_channel(session, town, operator):
    keeper = Actor(town.admin.user_id, UserRole.OPERATOR, "调度员", "chief")
    live = add_channel(session, operator, ChannelForm("V1", "光福派出所-福利村口"), NOW)
    gone = add_channel(session, operator, ChannelForm("V2", "已拆除"), NOW)
    retire_channel(session, operator, gone, NOW)
    ref = _video_ticket(session, keeper, live)
    detail = get_ticket_detail(session, ref.id, keeper)
    assert detail.video_channel is not None and detail.video_channel.name == "光福派出所-福利村口"
    for channel_id, source, rule in (
        (gone, TicketSource.VIDEO, "already_retired"),
        (999_999, TicketSource.VIDEO, "unknown"),
        (live, TicketSource.HOTLINE, "not_video_source"),
    ):
        with pytest.raises(ValidationError) as refused:
            _video_ticket(session, keeper, channel_id, source)
        assert (refused.value.field, refused.value.rule) == ("video_channel_id", rule)
    assert session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_a_sheet_without_a_column_leaves_that_field_alone(session, town, operator, tmp_path):
    import_channels(session, operator, read_channel_sheet(_xlsx(tmp_path / "a.xlsx", GOOD)), NOW)
    fewer = [[r[0], r[1], r[2], r[3]] for r in GOOD]
    sheet = read_channel_sheet(_xlsx(tmp_path / "b.xlsx", fewer, header=HEADER[:4]))
    result = import_channels(session, operator, sheet, NOW + timedelta(hours=1))
    assert (result.added, result.updated, result.unchanged) == (0, 0, 3)
    rows = {r.number: r for r in search_channels(session)}
    assert rows["32050600001310000001"].owner_unit == "光福派出所"
    assert rows["32050600001310000002"].status is ChannelStatus.OFFLINE
    assert rows["32050600001310000002"].grid_id == town.fuli_2
