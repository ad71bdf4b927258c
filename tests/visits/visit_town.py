"""A small town with grid workers, for the visit tests: 福利村 (two grids) and 东崦湖社区 (one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import MemberRole, UserRole
from gridcenter_desktop.services import users
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.members import add_member
from tests.admin.town_factory import Town, build_town

NOW = datetime(2026, 11, 20, 10, 0)


@dataclass(frozen=True)
class VisitTown:
    town: Town
    operator: Actor
    viewer: Actor
    wang: int  # 王芳: worker of 福利村第一网格
    li: int  # 李强: worker of 福利村第二网格
    zhao: int  # 赵敏: worker of 东崦湖社区第一网格
    chen: int  # 陈刚: leader of 福利村第一网格


def build_visit_town(session: Session, since: date = date(2025, 1, 1)) -> VisitTown:
    town = build_town(session)
    admin = town.admin

    def member(grid: int, name: str, role: MemberRole = MemberRole.WORKER) -> int:
        return add_member(session, admin, grid, name=name, role=role, since=since).person_id

    wang = member(town.fuli_1, "王芳")
    li = member(town.fuli_2, "李强")
    zhao = member(town.donghu_1, "赵敏")
    chen = member(town.fuli_1, "陈刚", MemberRole.LEADER)
    operator = users.actor_for(
        users.create_user(session, admin, "op", "调度员", UserRole.OPERATOR, "Op-pass-2026")
    )
    viewer = users.actor_for(
        users.create_user(session, admin, "look", "领导", UserRole.VIEWER, "Look-pass-2026")
    )
    return VisitTown(town, operator, viewer, wang, li, zhao, chen)
