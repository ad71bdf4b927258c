"""A small town with a grid worker and a few register rows, for the registers' tests."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import (
    DangerKind,
    DangerStatus,
    MemberRole,
    RiskLevel,
    SpecialGroupKind,
    UserRole,
)
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.members import add_member
from gridcenter_desktop.services.registers.dangers import DangerForm, add_danger
from gridcenter_desktop.services.registers.rentals import RentalForm, add_rental
from gridcenter_desktop.services.registers.special_groups import (
    SpecialGroupForm,
    add_special_group,
)
from tests.admin.town_factory import Town, build_town

NOW = datetime(2026, 3, 2, 9, 0)
TODAY = NOW.date()


@dataclass(frozen=True)
class RegisterTown:
    town: Town
    admin: Actor
    worker_id: int
    elderly: int  # 独居老人 in 福利村第一网格
    corrected: int  # 社区矫正对象 (sensitive) in 福利村第一网格
    rental: int  # a group rental in 福利村第二网格
    overdue_danger: int  # high risk, deadline passed
    open_danger: int  # medium, deadline ahead

    def as_role(self, role: UserRole) -> Actor:
        return dataclasses.replace(self.admin, role=role)


def build_register_town(session: Session, admin: Actor | None = None) -> RegisterTown:
    town = build_town(session, admin)
    admin = town.admin
    worker = add_member(
        session, admin, town.fuli_1, name="周建国", phone="13912345678", role=MemberRole.WORKER
    )
    worker_id = worker.person_id
    elderly = add_special_group(
        session,
        admin,
        SpecialGroupForm(
            grid_id=town.fuli_1,
            kind=SpecialGroupKind.ELDERLY_ALONE,
            name="王秀英",
            id_number="320506193805121234",
            phone="13812345678",
            address="福利村 12 号",
            guardian="王小明",
            guardian_phone="13700001111",
            care_note="每周电话问候",
            worker_id=worker_id,
        ),
        NOW,
    )
    corrected = add_special_group(
        session,
        admin,
        SpecialGroupForm(
            grid_id=town.fuli_1,
            kind=SpecialGroupKind.COMMUNITY_CORRECTION,
            name="李强",
            phone="13600002222",
            address="福利村 30 号",
            worker_id=worker_id,
        ),
        NOW,
    )
    rental = add_rental(
        session,
        admin,
        RentalForm(
            grid_id=town.fuli_2,
            address="福利村 8 号 2 楼",
            landlord_name="陈美华",
            landlord_phone="13511112222",
            tenants_count=12,
            rooms_count=6,
            group_rental=True,
            hazards="楼道堆放电动车",
            worker_id=worker_id,
        ),
        NOW,
    )
    overdue = add_danger(
        session,
        admin,
        DangerForm(
            grid_id=town.fuli_1,
            place="福利村小作坊",
            kind=DangerKind.FIRE,
            risk_level=RiskLevel.HIGH,
            found_on=date(2026, 2, 1),
            rectify_by=date(2026, 2, 20),
            found_by_id=worker_id,
        ),
        NOW,
    )
    open_danger = add_danger(
        session,
        admin,
        DangerForm(
            grid_id=town.donghu_1,
            place="东崦湖社区菜场",
            kind=DangerKind.GAS,
            risk_level=RiskLevel.MEDIUM,
            found_on=date(2026, 2, 25),
            rectify_by=date(2026, 3, 20),
            status=DangerStatus.RECTIFYING,
            found_by_name="居民",
        ),
        NOW,
    )
    return RegisterTown(town, admin, worker_id, elderly, corrected, rental, overdue, open_danger)
