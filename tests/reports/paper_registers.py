"""Registers, notices and audit rows with long texts, for the tests of how the registers and
logs print (tests/reports/test_register_paper.py, test_register_print.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import (
    AuditAction,
    DangerKind,
    DangerStatus,
    NoticeStatus,
    RiskLevel,
    SpecialGroupKind,
)
from gridcenter_desktop.services.audit import AuditRow
from gridcenter_desktop.services.notices import NoticeRow
from gridcenter_desktop.services.registers.dangers import DangerForm, add_danger
from gridcenter_desktop.services.registers.rentals import RentalForm, add_rental
from gridcenter_desktop.services.registers.special_groups import (
    SpecialGroupForm,
    add_special_group,
)
from tests.registers.town import NOW, RegisterTown

ADDRESSES = (
    "福利村 3 号",
    "苏州市吴中区光福镇福利村十二组四十三号西侧二楼",
    "苏州市吴中区光福镇东崦湖社区香雪路东侧在建工地北门对面的老年活动中心后面平房",
)
NOTES = (
    "每周电话问候",
    "每月上门走访一次，协助申领高龄补贴，子女在外地务工，由邻居代为照看日常起居",
    "已安装一键呼叫设备；每周电话问候，每月上门走访；冬季重点关注取暖用电安全，"
    "春节前后由村委会组织慰问，协调家庭医生签约服务",
)


def add_long_registers(session: Session, rt: RegisterTown, count: int) -> None:
    """``count`` special group members, rentals and dangers with texts of one to four lines."""
    kinds = (SpecialGroupKind.MENTAL_DISORDER, SpecialGroupKind.ELDERLY_ALONE)
    for n in range(count):
        add_special_group(
            session,
            rt.admin,
            SpecialGroupForm(
                grid_id=rt.town.fuli_1 if n % 2 else rt.town.donghu_1,
                kind=kinds[n % 2],
                name="欧阳" + "一二三四五六七八九十"[n % 10] + "明",
                id_number=f"3205061950{n % 12 + 1:02d}12{n:04d}",
                phone=f"1381234{n:04d}",
                address=ADDRESSES[n % 3],
                guardian="王小明",
                guardian_phone="0512-66881234",
                care_note=NOTES[(n + 1) % 3],
                worker_id=rt.worker_id,
                registered_on=date(2025, 1, 1) + timedelta(days=n),
                last_visited_on=date(2026, 2, 1),
            ),
            NOW,
        )
        add_rental(
            session,
            rt.admin,
            RentalForm(
                grid_id=rt.town.fuli_2,
                address=f"{ADDRESSES[n % 3]}{n}室",
                landlord_name="司马" + "一二三四五六七八九十"[n % 10] + "华",
                landlord_phone="0512-66881234",
                tenants_count=12 + n,
                rooms_count=6,
                group_rental=bool(n % 2),
                hazards=NOTES[(n + 2) % 3],
                worker_id=rt.worker_id,
            ),
            NOW,
        )
        add_danger(
            session,
            rt.admin,
            DangerForm(
                grid_id=rt.town.fuli_1,
                place=ADDRESSES[(n + 2) % 3],
                kind=DangerKind.PRODUCTION,
                risk_level=RiskLevel.HIGH,
                found_on=date(2026, 1, 1) + timedelta(days=n % 50),
                description=NOTES[n % 3],
                found_by_id=rt.worker_id,
                rectify_by=date(2026, 3, 31),
                status=DangerStatus.RECTIFYING,
                rectification_note=NOTES[(n + 2) % 3],
                latitude=31.2345678,
                longitude=120.1234567,
            ),
            NOW,
        )
    session.commit()


def notice_rows(count: int) -> list[NoticeRow]:
    return [
        NoticeRow(
            id=n,
            number=f"光福整改（2026）{n:03d}号",
            ticket_id=n,
            ticket_code=f"GC20261123-{n:04d}",
            ticket_version=1,
            party="漫山岛某民宿（未取得特种行业许可）" if n % 2 else "湘鲜餐馆",
            party_address=ADDRESSES[n % 3],
            problems=NOTES[n % 3],
            requirements=NOTES[(n + 1) % 3],
            issued_on=date(2026, 11, 1),
            deadline=date(2026, 11, 20),
            status=NoticeStatus.NOT_RECTIFIED,
            days_overdue=12,
            issued_by="管理员",
            checked_at=datetime(2026, 11, 21, 9, 30),
            check_note=NOTES[(n + 2) % 3],
        )
        for n in range(1, count + 1)
    ]


def audit_rows(count: int) -> list[AuditRow]:
    return [
        AuditRow(
            id=n,
            at=datetime(2026, 12, 1, 9, 0) + timedelta(minutes=n),
            user_id=1,
            login="admin",
            user_name="管理员",
            workstation="DESK-07",
            action=AuditAction.EXPORT,
            ticket_id=n,
            ticket_code=f"GC20261201-{n:04d}",
            target="register_special_group",
            detail={"note": NOTES[n % 3], "rows": n},
        )
        for n in range(1, count + 1)
    ]
