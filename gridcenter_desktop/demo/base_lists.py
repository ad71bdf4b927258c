"""Guangfu's lists as a town keeps them: the base-data workbook filled in with the demo's own
areas, grids, grid teams, departments and accounts. resources/examples/guangfu_base.xlsx is
written by this module (a test checks the shipped file still matches it), so the example a
town follows and the demo never drift apart.

Regenerate the shipped file after changing the demo's lists or the template:

    uv run python -m gridcenter_desktop.demo.base_lists
"""

from __future__ import annotations

import sys
from pathlib import Path

from gridcenter_desktop.core.enums import AreaLevel, MemberRole, UserRole
from gridcenter_desktop.demo.areas import (
    CODE_SYSTEM,
    TOWN_CODE,
    TOWN_NAME,
    UNITS,
    GridInfo,
    grid_name,
)
from gridcenter_desktop.demo.build import DEFAULT_SEED
from gridcenter_desktop.demo.departments import all_departments
from gridcenter_desktop.demo.people import DEMO_LOGINS, people_rng, plan_grid_members
from gridcenter_desktop.services.admin.base_sheets import (
    AccountRow,
    AreaRow,
    BaseLists,
    DepartmentRow,
    MemberRow,
)
from gridcenter_desktop.services.admin.base_workbook import write_template

EXAMPLE_PATH = Path(__file__).resolve().parents[2] / "resources" / "examples" / "guangfu_base.xlsx"


def guangfu_lists(seed: int = DEFAULT_SEED) -> BaseLists:
    """The demo town's lists: the town, its 11 units and 48 grids; each grid's team (the same
    people the demo build draws for ``seed``); the departments; and the desk's accounts
    other than the administrator (who exists before any import), without passwords: the
    import gives each a password to change at the first sign-in."""
    areas = [
        AreaRow(AreaLevel.TOWN, TOWN_NAME, code=TOWN_CODE, code_system=CODE_SYSTEM, sort_order=0)
    ]
    for order, unit in enumerate(UNITS, start=1):
        areas.append(
            AreaRow(
                unit.level,
                unit.name,
                parent=TOWN_NAME,
                code=unit.code,
                code_system=CODE_SYSTEM if unit.code else None,
                sort_order=order,
            )
        )
    grids: list[GridInfo] = []
    for unit in UNITS:
        for index in range(1, unit.grids + 1):
            name = grid_name(unit, index)
            areas.append(AreaRow(AreaLevel.GRID, name, parent=unit.name, sort_order=index))
            # The build numbers grids after the town and its units; the draw needs only order.
            grids.append(GridInfo(len(grids) + 1, name, unit, index))
    grid_names = {grid.id: grid.name for grid in grids}
    rows, _teams = plan_grid_members(people_rng(seed), grids)
    members = [
        MemberRow(
            grid=grid_names[row["area_id"]],
            name=row["name"],
            role=MemberRole(row["role"]),
            phone=row["phone"],
            party_member=row["party_member"],
        )
        for row in rows
    ]
    departments = [
        DepartmentRow(name=d.name, kind=d.kind, code=d.code, dispatchable=True)
        for d in all_departments()
    ]
    users = [
        AccountRow(login=u.login, display_name=u.display_name, role=u.role)
        for u in DEMO_LOGINS
        if u.role is not UserRole.ADMIN
    ]
    return BaseLists(
        areas=tuple(areas),
        members=tuple(members),
        departments=tuple(departments),
        users=tuple(users),
    )


def write_guangfu_example(path: str | Path = EXAMPLE_PATH) -> Path:
    """The base-data template filled with :func:`guangfu_lists`, written to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_template(path, example=guangfu_lists())
    return path


if __name__ == "__main__":
    print(f"wrote {write_guangfu_example(sys.argv[1] if len(sys.argv) > 1 else EXAMPLE_PATH)}")
