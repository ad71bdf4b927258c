"""Guangfu's reference data (areas, grids, grid teams, departments) built through the
administration services, as a town's administrator would build it, so every demo build
exercises them: their rules refuse what the demo's lists got wrong, and each change is in the
audit trail like any administrator's.

The services run in a Session bound to the load's connection with ``commit=False``: the whole
demo stays one transaction (a cancelled build leaves nothing behind).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AreaLevel, MemberRole, UserRole
from gridcenter_desktop.demo.areas import (
    CODE_SYSTEM,
    TOWN_CODE,
    TOWN_NAME,
    UNITS,
    GridInfo,
    grid_name,
)
from gridcenter_desktop.demo.departments import all_departments
from gridcenter_desktop.demo.people import GridTeam, plan_grid_members
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.areas import create_area
from gridcenter_desktop.services.admin.departments import create_department
from gridcenter_desktop.services.admin.members import add_member


@dataclass(frozen=True, slots=True)
class Reference:
    """What the ticket generator needs from the reference data, with the ids it was given."""

    areas: int
    grids: list[GridInfo]
    teams: dict[int, GridTeam]
    grid_members: int
    # department code -> (id, name)
    departments: dict[str, tuple[int, str]]


def build_reference(conn: Connection, admin: Actor, people_rng: random.Random) -> Reference:
    """The town, its 11 units and 48 grids, a "1+1+N" team per grid and the departments, as
    ``admin`` through services.admin, in the load's transaction (nothing is committed)."""
    if admin.role is not UserRole.ADMIN:
        raise ValueError("the demo's reference data is built by its administrator")
    with Session(bind=conn) as session:
        areas = 1
        town = create_area(
            session,
            admin,
            parent_id=None,
            level=AreaLevel.TOWN,
            name=TOWN_NAME,
            code=TOWN_CODE,
            code_system=CODE_SYSTEM,
            sort_order=0,
            commit=False,
        )
        unit_ids: dict[str, int] = {}
        for order, unit in enumerate(UNITS, start=1):
            record = create_area(
                session,
                admin,
                parent_id=town.id,
                level=unit.level,
                name=unit.name,
                code=unit.code,
                code_system=CODE_SYSTEM if unit.code else None,
                sort_order=order,
                commit=False,
            )
            unit_ids[unit.name] = record.id
            areas += 1
        grids: list[GridInfo] = []
        for unit in UNITS:
            for index in range(1, unit.grids + 1):
                record = create_area(
                    session,
                    admin,
                    parent_id=unit_ids[unit.name],
                    level=AreaLevel.GRID,
                    name=grid_name(unit, index),
                    sort_order=index,
                    commit=False,
                )
                grids.append(GridInfo(record.id, record.name, unit, index))
                areas += 1
        members, teams = plan_grid_members(people_rng, grids)
        for member in members:
            add_member(
                session,
                admin,
                member["area_id"],
                name=member["name"],
                phone=member["phone"],
                party_member=member["party_member"],
                role=MemberRole(member["role"]),
                commit=False,
            )
        departments: dict[str, tuple[int, str]] = {}
        for department in all_departments():
            record = create_department(
                session,
                admin,
                name=department.name,
                kind=department.kind,
                code=department.code,
                commit=False,
            )
            departments[record.code] = (record.id, record.name)
        session.flush()
    return Reference(areas, grids, teams, len(members), departments)
