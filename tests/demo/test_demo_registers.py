"""The demo's registers: every grid keeps special groups, rentals and hidden dangers in
plausible numbers; the sensitive groups are few; some rectifications are overdue; an operator
sees the non-sensitive rows masked."""

from __future__ import annotations

from sqlalchemy import func, select

from gridcenter_desktop.core.enums import AreaLevel, UserRole
from gridcenter_desktop.core.permissions import SENSITIVE_GROUPS
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.gridwork import HiddenDanger, RentalHousing, SpecialGroupMember
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.registers.dangers import overdue_count
from gridcenter_desktop.services.registers.query import RegisterQuery
from gridcenter_desktop.services.registers.special_groups import search_special_groups
from tests.demo.moments import SMALL_NOW


def test_every_grid_keeps_plausible_registers(small_demo_url):
    engine = make_engine(small_demo_url)
    with make_session_factory(engine)() as s:
        grids = s.scalar(select(func.count(Area.id)).where(Area.level == AreaLevel.GRID))
        per_grid = {}
        for model in (SpecialGroupMember, RentalHousing, HiddenDanger):
            per_grid[model] = dict(
                s.execute(select(model.grid_id, func.count()).group_by(model.grid_id)).all()
            )
        assert all(len(counts) == grids for counts in per_grid.values())
        assert all(12 <= n <= 60 for n in per_grid[SpecialGroupMember].values())
        assert all(12 <= n <= 40 for n in per_grid[RentalHousing].values())
        sensitive = s.scalar(
            select(func.count()).where(SpecialGroupMember.kind.in_(list(SENSITIVE_GROUPS)))
        )
        total = sum(per_grid[SpecialGroupMember].values())
        assert 0 < sensitive < total * 0.15
        group_rentals = s.scalar(select(func.count()).where(RentalHousing.group_rental.is_(True)))
        assert 0.04 < group_rentals / sum(per_grid[RentalHousing].values()) < 0.2
        overdue = overdue_count(s, SMALL_NOW.date())
        assert 0 < overdue < sum(per_grid[HiddenDanger].values()) * 0.3
        operator = Actor(None, UserRole.OPERATOR)
        page = search_special_groups(s, operator, RegisterQuery(limit=50))
        assert page.total == total - sensitive
        assert all("*" in r.name and r.masked for r in page.rows)
    engine.dispose()
