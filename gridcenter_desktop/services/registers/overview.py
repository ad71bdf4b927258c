"""The registers' state per grid (台账情况): what the superiors' report and the window's
summary show. Counts only, so no personal data; the sensitive groups are counted only for
those who may know of them (a supervisor's report has them, an operator's does not)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import (
    AreaLevel,
    DangerStatus,
    RiskLevel,
    SpecialGroupKind,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.gridwork import HiddenDanger, RentalHousing, SpecialGroupMember
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.registers.dangers import overdue_condition
from gridcenter_desktop.services.registers.special_groups import visible_kinds


@dataclass(frozen=True, slots=True)
class GridRegisters:
    """One grid's registers in figures (rows in force; dangers of every status)."""

    grid_id: int
    grid_name: str
    village_name: str
    groups: dict[SpecialGroupKind, int] = field(default_factory=dict)
    rentals: int = 0
    group_rentals: int = 0
    tenants: int = 0
    dangers_by_risk: dict[RiskLevel, int] = field(default_factory=dict)  # not yet rectified
    dangers_by_status: dict[DangerStatus, int] = field(default_factory=dict)
    overdue: int = 0


@dataclass(frozen=True, slots=True)
class RegistersOverview:
    """Every grid's figures, the special groups ``kinds`` the reader may see, and the day."""

    kinds: list[SpecialGroupKind]
    grids: list[GridRegisters]
    today: date


def registers_overview(session: Session, actor: Actor, today: date) -> RegistersOverview:
    """Per grid (village by village, in display order): special groups by kind (those
    ``actor`` may know of), rentals and group rentals with their tenants, dangers by risk
    (open or being rectified) and by status, and rectifications overdue on ``today``."""
    kinds = visible_kinds(actor.role)
    village = Area.__table__.alias("village")
    grids = session.execute(
        select(Area.id, Area.name, village.c.name)
        .join(village, village.c.id == Area.parent_id)
        .where(Area.level == AreaLevel.GRID, Area.retired_at.is_(None))
        .order_by(village.c.sort_order, village.c.id, Area.sort_order, Area.id)
    ).all()
    groups: dict[int, Counter] = {}
    for grid_id, kind, n in session.execute(
        select(SpecialGroupMember.grid_id, SpecialGroupMember.kind, func.count())
        .where(SpecialGroupMember.retired_at.is_(None), SpecialGroupMember.kind.in_(kinds))
        .group_by(SpecialGroupMember.grid_id, SpecialGroupMember.kind)
    ):
        groups.setdefault(grid_id, Counter())[SpecialGroupKind(kind)] = n
    rentals = {
        grid_id: (n, int(g or 0), int(t or 0))
        for grid_id, n, g, t in session.execute(
            select(
                RentalHousing.grid_id,
                func.count(),
                func.sum(case((RentalHousing.group_rental.is_(True), 1), else_=0)),
                func.sum(RentalHousing.tenants_count),
            )
            .where(RentalHousing.retired_at.is_(None))
            .group_by(RentalHousing.grid_id)
        )
    }
    by_status: dict[int, Counter] = {}
    by_risk: dict[int, Counter] = {}
    for grid_id, status, risk, n in session.execute(
        select(
            HiddenDanger.grid_id, HiddenDanger.status, HiddenDanger.risk_level, func.count()
        ).group_by(HiddenDanger.grid_id, HiddenDanger.status, HiddenDanger.risk_level)
    ):
        by_status.setdefault(grid_id, Counter())[DangerStatus(status)] += n
        if status in (DangerStatus.OPEN, DangerStatus.RECTIFYING):
            by_risk.setdefault(grid_id, Counter())[RiskLevel(risk)] += n
    overdue = dict(
        session.execute(
            select(HiddenDanger.grid_id, func.count())
            .where(overdue_condition(today))
            .group_by(HiddenDanger.grid_id)
        ).all()
    )
    return RegistersOverview(
        kinds,
        [
            GridRegisters(
                grid_id=gid,
                grid_name=name,
                village_name=village_name,
                groups=dict(groups.get(gid, {})),
                rentals=rentals.get(gid, (0, 0, 0))[0],
                group_rentals=rentals.get(gid, (0, 0, 0))[1],
                tenants=rentals.get(gid, (0, 0, 0))[2],
                dangers_by_risk=dict(by_risk.get(gid, {})),
                dangers_by_status=dict(by_status.get(gid, {})),
                overdue=overdue.get(gid, 0),
            )
            for gid, name, village_name in grids
        ],
        today,
    )
