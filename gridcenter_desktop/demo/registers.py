"""The demo's registers (台账): per grid, the special groups, rental housing and hidden dangers
a grid worker would keep, drawn from their own random stream (the main one's draws, hence the
ticket figures DOMAIN.md pins, do not move).

Per grid, roughly: 15-35 special group members (mostly elderly living alone and empty-nest
elderly, some people with disabilities and low-income households, a few children in difficulty,
0-4 in the sensitive groups), 12-40 rentals of which about one in ten is a group rental, and
3-10 hidden dangers (risk mostly low or medium; most rectified, some being rectified, a few
past their deadline). Names and phones are made up (1380000xxxx style, demo/people.py).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, text

from gridcenter_desktop.core.enums import (
    DangerKind,
    DangerStatus,
    RiskLevel,
    SpecialGroupKind,
)
from gridcenter_desktop.demo.areas import GridInfo
from gridcenter_desktop.demo.people import person_name, phone_number
from gridcenter_desktop.demo.texts import place
from gridcenter_desktop.demo.writer import BulkWriter

SEED_OFFSET = 12_004  # issue 12, part D: this module's own random stream

# (kind, least, most) members per grid.
_GROUPS = (
    (SpecialGroupKind.ELDERLY_ALONE, 5, 12),
    (SpecialGroupKind.EMPTY_NEST, 4, 10),
    (SpecialGroupKind.DISABLED, 2, 6),
    (SpecialGroupKind.LOW_INCOME, 1, 4),
    (SpecialGroupKind.MINOR_IN_DIFFICULTY, 0, 2),
    (SpecialGroupKind.COMMUNITY_CORRECTION, 0, 1),
    (SpecialGroupKind.RELEASED_PRISONER, 0, 1),
    (SpecialGroupKind.DRUG_REHAB, 0, 1),
    (SpecialGroupKind.MENTAL_DISORDER, 0, 1),
    (SpecialGroupKind.ATTENTION, 0, 1),
)
_CARE = {
    SpecialGroupKind.ELDERLY_ALONE: (
        "每周电话问候一次",
        "每月上门走访，协助就医",
        "已安装一键呼叫设备",
    ),
    SpecialGroupKind.EMPTY_NEST: ("子女在外地，每月走访", "协助申领高龄补贴"),
    SpecialGroupKind.DISABLED: ("协助办理残疾人两项补贴", "已落实无障碍改造"),
    SpecialGroupKind.LOW_INCOME: ("已纳入低保，按月发放", "临时救助已落实"),
    SpecialGroupKind.MINOR_IN_DIFFICULTY: ("联系学校定期关注", "协助申请困境儿童生活补贴"),
    SpecialGroupKind.COMMUNITY_CORRECTION: ("每月报到，司法所跟进",),
    SpecialGroupKind.RELEASED_PRISONER: ("安置帮教，已推荐就业",),
    SpecialGroupKind.DRUG_REHAB: ("社区康复，定期尿检",),
    SpecialGroupKind.MENTAL_DISORDER: ("监护人按时督促服药", "纳入以奖代补"),
    SpecialGroupKind.ATTENTION: ("定期走访，掌握动态",),
}
_GUARDED = frozenset(
    {
        SpecialGroupKind.MINOR_IN_DIFFICULTY,
        SpecialGroupKind.MENTAL_DISORDER,
        SpecialGroupKind.ELDERLY_ALONE,
        SpecialGroupKind.DISABLED,
    }
)
_HAZARDS = (
    "",
    "",
    "",
    "电动车楼道充电",
    "私拉电线",
    "灭火器过期",
    "疏散通道堆放杂物",
    "燃气软管老化",
)
_DANGERS = (
    (
        DangerKind.FIRE,
        ("楼道堆放杂物堵塞消防通道", "电动车违规充电", "灭火器缺失或过期", "群租房未设逃生通道"),
    ),
    (DangerKind.GAS, ("液化气钢瓶与灶具同室存放", "燃气软管老化开裂")),
    (DangerKind.ELECTRIC, ("私拉乱接电线", "配电箱无防护")),
    (DangerKind.BUILDING, ("老旧房屋墙体开裂", "违规加层")),
    (DangerKind.PRODUCTION, ("小作坊无安全防护", "危化品存放不规范")),
    (DangerKind.TRAFFIC, ("路口视线遮挡", "路灯损坏")),
    (DangerKind.WATER, ("河道护栏缺失", "排水沟堵塞")),
    (DangerKind.FOOD, ("无证小餐饮后厨卫生差",)),
)
_RISKS = (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH)

_GROUP_COLUMNS = (
    "grid_id",
    "kind",
    "name",
    "id_number",
    "phone",
    "address",
    "guardian",
    "guardian_phone",
    "care_note",
    "worker_id",
    "registered_on",
    "last_visited_on",
    "created_at",
    "updated_at",
    "version",
)
_RENTAL_COLUMNS = (
    "grid_id",
    "address",
    "landlord_name",
    "landlord_phone",
    "tenants_count",
    "rooms_count",
    "group_rental",
    "last_inspected_on",
    "next_inspection_on",
    "hazards",
    "worker_id",
    "created_at",
    "updated_at",
    "version",
)
_DANGER_COLUMNS = (
    "grid_id",
    "place",
    "kind",
    "risk_level",
    "description",
    "found_on",
    "found_by_id",
    "found_by_name",
    "rectify_by",
    "status",
    "rectified_on",
    "rectification_note",
    "created_at",
    "updated_at",
    "version",
)


def _id_number(rng: random.Random, born: date) -> str:
    # 320506 is 吴中区; the check digit is drawn, so these never name a real person.
    body = f"320506{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + rng.choice("0123456789X")


def _born(rng: random.Random, kind: SpecialGroupKind, today: date) -> date:
    if kind in (SpecialGroupKind.ELDERLY_ALONE, SpecialGroupKind.EMPTY_NEST):
        age = rng.randint(66, 92)
    elif kind is SpecialGroupKind.MINOR_IN_DIFFICULTY:
        age = rng.randint(4, 16)
    else:
        age = rng.randint(22, 70)
    return today - timedelta(days=age * 365 + rng.randrange(365))


def write_registers(conn: Connection, grids: list[GridInfo], now: datetime, seed: int) -> int:
    """Write the demo's registers for ``grids`` as of ``now``; returns the rows written."""
    rng = random.Random(seed + SEED_OFFSET)
    today = now.date()
    workers = dict(
        conn.execute(
            text(
                "SELECT area_id, MIN(person_id) FROM grid_member WHERE role = 'worker'"
                " GROUP BY area_id"
            )
        ).all()
    )
    groups, rentals, dangers = [], [], []
    for grid in grids:
        worker = workers.get(grid.id)
        for kind, least, most in _GROUPS:
            for _ in range(rng.randint(least, most)):
                registered = today - timedelta(days=rng.randint(30, 1500))
                visited = today - timedelta(days=rng.randint(0, 120))
                guarded = kind in _GUARDED and rng.random() < 0.7
                groups.append(
                    (
                        grid.id,
                        kind.value,
                        person_name(rng),
                        _id_number(rng, _born(rng, kind, today)),
                        phone_number(rng),
                        place(rng, grid, public=False),
                        person_name(rng) if guarded else None,
                        phone_number(rng) if guarded else None,
                        rng.choice(_CARE[kind]),
                        worker,
                        registered,
                        max(visited, registered),
                        now,
                        now,
                        1,
                    )
                )
        for _ in range(rng.randint(12, 40)):
            group_rental = rng.random() < 0.1
            tenants = rng.randint(10, 24) if group_rental else rng.randint(1, 6)
            inspected = today - timedelta(days=rng.randint(5, 200))
            rentals.append(
                (
                    grid.id,
                    place(rng, grid, public=False),
                    person_name(rng),
                    phone_number(rng),
                    tenants,
                    max(1, tenants // 2 + rng.randint(0, 2)),
                    group_rental,
                    inspected,
                    inspected + timedelta(days=90 if group_rental else 180),
                    rng.choice(_HAZARDS[3:]) if group_rental else rng.choice(_HAZARDS),
                    worker,
                    now,
                    now,
                    1,
                )
            )
        for _ in range(rng.randint(3, 10)):
            kind, problems = rng.choice(_DANGERS)
            risk = rng.choices(_RISKS, weights=(5, 3, 1))[0]
            found = today - timedelta(days=rng.randint(1, 240))
            deadline = found + timedelta(
                days={RiskLevel.HIGH: 7, RiskLevel.MEDIUM: 15, RiskLevel.LOW: 30}[risk]
            )
            roll = rng.random()
            if roll < 0.72 and deadline <= today + timedelta(days=10):
                status, done = (
                    DangerStatus.RECTIFIED,
                    min(today, deadline - timedelta(days=rng.randint(0, 5))),
                )
                done = max(done, found)
                note = "已督促整改到位，复查合格"
            elif roll < 0.76:
                status, done, note = DangerStatus.CANCELLED, None, "经核查不属于隐患，销号"
            else:
                # Still open: mostly found lately (a few weeks), a few long past their deadline.
                status, done = rng.choice((DangerStatus.OPEN, DangerStatus.RECTIFYING)), None
                note = "" if status is DangerStatus.OPEN else "已下达整改要求，正在整改"
                if rng.random() < 0.7:
                    span = deadline - found
                    found = today - timedelta(days=rng.randint(1, 30))
                    deadline = found + span
            by_worker = worker is not None and rng.random() < 0.85
            dangers.append(
                (
                    grid.id,
                    place(rng, grid),
                    kind.value,
                    risk.value,
                    rng.choice(problems),
                    found,
                    worker if by_worker else None,
                    "" if by_worker else "巡查民警",
                    deadline,
                    status.value,
                    done,
                    note,
                    now,
                    now,
                    1,
                )
            )
    writer = BulkWriter(conn)
    writer.insert("special_group_member", _GROUP_COLUMNS, groups)
    writer.insert("rental_housing", _RENTAL_COLUMNS, rentals)
    writer.insert("hidden_danger", _DANGER_COLUMNS, dangers)
    return len(groups) + len(rentals) + len(dangers)
