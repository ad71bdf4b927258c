"""A small town built through the administration services, for the area and team tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AreaLevel, TicketKind, TicketSource
from gridcenter_desktop.services import users
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import areas
from gridcenter_desktop.services.tickets import NewTicket, register_ticket

ADMIN_PASSWORD = "Chief-pass-2026"
TOWN_CODE = "320506108"
# 福利村 is the one village code confirmed from public data (DOMAIN.md, "Area codes").
FULI_CODE = "320506108200"
NOW = datetime(2026, 3, 2, 9, 0)


@dataclass(frozen=True)
class Town:
    admin: Actor
    town: int
    fuli: int  # 福利村 (village, with a code)
    donghu: int  # 东崦湖社区 (community, no code)
    fuli_1: int  # 福利村第一网格
    fuli_2: int  # 福利村第二网格
    donghu_1: int  # 东崦湖社区第一网格


def first_admin(session: Session) -> Actor:
    return users.create_first_admin(session, "chief", "站长", ADMIN_PASSWORD)


def build_town(session: Session, admin: Actor | None = None) -> Town:
    admin = admin or first_admin(session)
    town = areas.create_area(
        session, admin, parent_id=None, level=AreaLevel.TOWN, name="光福镇", code=TOWN_CODE
    )
    fuli = areas.create_area(
        session,
        admin,
        parent_id=town.id,
        level=AreaLevel.VILLAGE,
        name="福利村",
        code=FULI_CODE,
        code_system="national_stats",
    )
    donghu = areas.create_area(
        session, admin, parent_id=town.id, level=AreaLevel.COMMUNITY, name="东崦湖社区"
    )
    fuli_1 = areas.create_area(
        session,
        admin,
        parent_id=fuli.id,
        level=AreaLevel.GRID,
        name="福利村第一网格",
        code="GF-FL-01",
    )
    fuli_2 = areas.create_area(
        session,
        admin,
        parent_id=fuli.id,
        level=AreaLevel.GRID,
        name="福利村第二网格",
        code="GF-FL-02",
    )
    donghu_1 = areas.create_area(
        session, admin, parent_id=donghu.id, level=AreaLevel.GRID, name="东崦湖社区第一网格"
    )
    return Town(admin, town.id, fuli.id, donghu.id, fuli_1.id, fuli_2.id, donghu_1.id)


def register(session: Session, actor: Actor, grid_id: int, title: str = "楼道堆放杂物"):
    """A pending ticket located in ``grid_id``."""
    return register_ticket(
        session,
        actor,
        NewTicket(
            kind=TicketKind.ORDINARY,
            source=TicketSource.HOTLINE,
            category="fire_safety",
            title=title,
            grid_id=grid_id,
        ),
        now=NOW,
    )
