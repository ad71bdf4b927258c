"""A small town whose tickets partly came from the platforms above: one village and grid, two
departments, one user per role (password PASSWORD, for the commands), and a driver taking a
ticket from registration through dispatch, feedback, closing and the callback.

The tests build it on SQLite and on PostgreSQL (conftest.py's ``town`` fixture)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from gridcenter_desktop.core.enums import (
    AreaLevel,
    DepartmentKind,
    IntakeSource,
    Priority,
    Satisfaction,
    TicketKind,
    TicketSource,
    UserRole,
)
from gridcenter_desktop.core.passwords import hash_password
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.intake import IntakeProfile
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets.registration import Origin

PASSWORD = "Reply-Sheet-2022"
T0 = datetime(2022, 3, 1, 9, 0)  # a Tuesday
# The district platform's sheet as its profile saved it: the reply goes back in this order.
DISTRICT_COLUMNS = [
    ["序号", None],
    ["工单编号", "external_code"],
    ["诉求标题", "title"],
    ["来电人", "reporter_name"],
    ["联系电话", "reporter_phone"],
    ["办理结果", "result"],
    ["承办单位", "department"],
    ["办结时间", "closed_at"],
    ["回访满意度", "satisfaction"],
]


@dataclass
class Town:
    sf: sessionmaker[Session]
    grid_id: int
    departments: dict[str, int]
    actors: dict[UserRole, Actor]
    profile_id: int

    @property
    def operator(self) -> Actor:
        return self.actors[UserRole.OPERATOR]

    @property
    def supervisor(self) -> Actor:
        return self.actors[UserRole.SUPERVISOR]

    def register(self, *, code=None, source=IntakeSource.DISTRICT, profile=True, at=T0, **form):
        """A ticket; with ``code``, one the platform ``source`` sent (through the profile)."""
        values = dict(
            kind=TicketKind.ORDINARY,
            source=TicketSource.DISTRICT_PLATFORM,
            category="city_management",
            title="光福街占道经营",
            description="光福街菜场门口摊贩占道经营，来电人王建国电话13912345678。",
            reporter_name="王建国",
            reporter_phone="13912345678",
            address="光福镇光福街18号",
            grid_id=self.grid_id,
            priority=Priority.ORDINARY,
        )
        values.update(form)
        if code is not None:
            values["origin"] = Origin(
                source, code, category="城市管理/占道经营",
                profile_id=self.profile_id if profile else None,
            )  # fmt: skip
        with self.sf() as s:
            return svc.register_ticket(s, self.operator, svc.NewTicket(**values), at)

    def handle(self, ref, *, feedback="已劝离摊贩", public_reply="", at=T0, close=True,
               satisfaction=Satisfaction.SATISFIED):  # fmt: skip
        """Dispatch to 综合执法局, accept, feed back, and (``close``) close and call back."""
        s_at = at + timedelta(hours=1)
        with self.sf() as s:
            ref = svc.dispatch_ticket(s, self.operator, ref.id, ref.version,
                                      lead_department_id=self.departments["enforcement"],
                                      now=s_at)  # fmt: skip
        with self.sf() as s:
            from gridcenter_desktop.db.ticket import Assignment

            lead = s.query(Assignment.id).filter_by(ticket_id=ref.id).scalar()
        with self.sf() as s:
            ref = svc.accept_assignment(s, self.operator, ref.id, ref.version, lead,
                                        now=s_at + timedelta(hours=1))  # fmt: skip
        form = svc.Feedback(complaint_true=True, solved=True, feedback=feedback,
                            public_reply=public_reply)  # fmt: skip
        with self.sf() as s:
            ref = svc.feed_back(s, self.operator, ref.id, ref.version, lead, form,
                                now=s_at + timedelta(hours=5))  # fmt: skip
        if not close:
            return ref
        with self.sf() as s:
            ref = svc.close_ticket(s, self.supervisor, ref.id, ref.version,
                                   now=s_at + timedelta(days=1))  # fmt: skip
        if satisfaction is not None:
            with self.sf() as s:
                ref = svc.record_callback(s, self.operator, ref.id, ref.version, satisfaction,
                                          now=s_at + timedelta(days=2))  # fmt: skip
        return ref


def build_town(sf: sessionmaker[Session], users: dict[UserRole, User] | None = None) -> Town:
    """The town; ``users`` (one per role, already committed) instead of new accounts (the
    PostgreSQL tests make theirs with login roles)."""
    with sf() as s:
        town = Area(level=AreaLevel.TOWN, name="光福镇")
        village = Area(level=AreaLevel.VILLAGE, name="光福村", parent=town)
        grid = Area(level=AreaLevel.GRID, name="光福村第一网格", parent=village)
        s.add_all([town, village, grid])
        departments = {
            "enforcement": Department(code="enforcement", name="综合执法局",
                                      kind=DepartmentKind.OFFICE, active=True),
            "market": Department(code="market", name="市场监管分局",
                                 kind=DepartmentKind.AGENCY, active=True),
        }  # fmt: skip
        s.add_all(departments.values())
        if users is None:
            hashed = hash_password(PASSWORD)
            users = {
                role: User(login=role.value, display_name=f"{role.value}用户", role=role,
                           password_hash=hashed)
                for role in UserRole
            }  # fmt: skip
            s.add_all(users.values())
        profile = IntakeProfile(
            name="区平台工单表", source=IntakeSource.DISTRICT,
            ticket_source=TicketSource.DISTRICT_PLATFORM,
            columns=json.dumps(DISTRICT_COLUMNS, ensure_ascii=False), updated_at=T0,
        )  # fmt: skip
        s.add(profile)
        s.commit()
        return Town(
            sf=sf,
            grid_id=grid.id,
            departments={k: d.id for k, d in departments.items()},
            actors={r: Actor(u.id, r, u.display_name, login=u.login) for r, u in users.items()},
            profile_id=profile.id,
        )
