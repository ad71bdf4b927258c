"""The rectification notice: filled from the ticket, one printable page, no reporter data."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from gridcenter_desktop.core.personal_data import scrub_contacts
from gridcenter_desktop.reports import notice
from gridcenter_desktop.services.errors import NotFoundError

from .conftest import EVIL_TITLE, NOW


def _texts(path):
    ws = load_workbook(path)[notice.SHEET_NAME]
    return ws, [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_notice_is_filled_from_the_ticket(session, report_data, tmp_path):
    path = tmp_path / "通知书.xlsx"
    ticket_id = notice.find_ticket_id(session, report_data.codes[0])
    result = notice.write_notice(session, path, ticket_id, now=NOW)
    assert result.ticket_code == report_data.codes[0]

    ws, texts = _texts(path)
    joined = "\n".join(texts)
    assert "责令整改通知书" in texts
    assert f"工单编号：{report_data.codes[0]}" in texts
    # No settings entered: the town is the area tree's root (光福镇 in these tickets' data).
    assert result.number in texts and result.number.startswith("光福镇整改〔2022〕")
    assert "光福镇某路1号" in texts
    # The grid's name already starts with its village's: written once (issue 8).
    assert "迂里村第一网格" in texts and "迂里村迂里村" not in texts
    assert "已现场核查，责令当事人整改。" in joined  # the inspection's finding
    assert "于2022年03月08日前整改完毕" in joined  # the lead assignment's finish-by date
    assert "综合执法局（盖章）" in texts and "生态环境办（盖章）" in texts
    assert texts.index("综合执法局（盖章）") < texts.index("生态环境办（盖章）")
    assert "2022年10月25日" in texts
    assert "《＿＿＿＿＿＿》第＿＿条" in joined  # the legal wording is left for the officer
    assert any("当事人签收" in t for t in texts)
    # The title is a citizen's words: it appears as text, never evaluated.
    problem = next(
        c for row in ws.iter_rows() for c in row if c.value and EVIL_TITLE in str(c.value)
    )
    assert problem.data_type == "s"


def test_notice_never_shows_the_reporter(local_session, local_data, tmp_path):
    path = tmp_path / "通知书.xlsx"
    notice.write_notice(local_session, path, local_data.ticket_ids[0], now=NOW)
    _, texts = _texts(path)
    joined = "\n".join(texts)
    assert "张三丰" not in joined and "5678" not in joined and "张*" not in joined


def test_notice_prints_on_one_a4_page(local_session, local_data, tmp_path):
    path = tmp_path / "通知书.xlsx"
    notice.write_notice(local_session, path, local_data.ticket_ids[0], now=NOW)
    ws, _ = _texts(path)
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)
    assert ws.print_area is not None


def test_unknown_ticket_code_is_refused(local_session, local_data, tmp_path):
    with pytest.raises(NotFoundError):
        notice.find_ticket_id(local_session, "GC19990101-0001")
    assert not list(tmp_path.glob("*.xlsx"))


def test_reporter_named_in_the_citizens_words_is_removed():
    text = "张三丰反映：隔壁饭店油烟扰民，请联系13812345678或0512-66881234，老张在家。"
    scrubbed = scrub_contacts(text, "张三丰", "13812345678")
    assert scrubbed == "（已隐去）反映：隔壁饭店油烟扰民，请联系***或***，（已隐去）在家。"


def test_place_name_writes_the_village_once():
    from gridcenter_desktop.reports.notice import place_name

    assert place_name("东崦湖社区", "东崦湖社区第二网格") == "东崦湖社区第二网格"
    assert place_name("迂里村", "第三网格") == "迂里村第三网格"
    assert place_name(None, "第三网格") == "第三网格"
    assert place_name("迂里村", None) == "迂里村"


def test_a_notice_on_record_prints_as_it_was_issued(session, report_data, tmp_path):
    from datetime import date

    from sqlalchemy import select

    from gridcenter_desktop.core.enums import InspectionKind, NoticeStatus
    from gridcenter_desktop.db.department import Department
    from gridcenter_desktop.db.followup import (
        InspectionDepartment,
        JointInspection,
        RectificationNotice,
    )

    ticket_id = notice.find_ticket_id(session, report_data.codes[0])
    department = session.scalars(select(Department).order_by(Department.id)).first()
    inspection = JointInspection(
        ticket_id=ticket_id,
        kind=InspectionKind.JOINT_INSPECTION,
        held_on=date(2022, 10, 20),
        findings="民宿无证经营",
        recorded_at=NOW,
    )
    session.add(inspection)
    session.flush()
    session.add(InspectionDepartment(inspection_id=inspection.id, department_id=department.id))
    issued = RectificationNotice(
        number="光福整改〔2022〕007号",
        ticket_id=ticket_id,
        inspection_id=inspection.id,
        party="漫山岛某民宿",
        party_address="漫山岛18号",
        problems="无证经营\n消防器材缺失",
        requirements="配齐灭火器",
        issued_on=date(2022, 10, 21),
        deadline=date(2022, 10, 31),
        issued_at=NOW,
        status=NoticeStatus.ISSUED,
        check_note="",
    )
    session.add(issued)
    session.commit()

    path = tmp_path / "通知书.xlsx"
    result = notice.write_notice(session, path, ticket_id, now=NOW)
    assert result.number == "光福整改〔2022〕007号"
    _, texts = _texts(path)
    joined = "\n".join(texts)
    assert "光福整改〔2022〕007号" in texts and "漫山岛某民宿" in texts and "漫山岛18号" in texts
    assert "1. 无证经营" in joined and "2. 消防器材缺失" in joined
    assert "于2022年10月31日前整改完毕" in joined and "整改要求：配齐灭火器" in joined
    assert f"经{department.name}于2022年10月20日依法检查" in joined
    assert f"{department.name}（盖章）" in texts and "2022年10月21日" in texts
