"""The import preview routes a row with coordinates to the grid whose boundary holds them: the
point beats the address guess, and a row whose address names no grid leaves the 待定位 list."""

from __future__ import annotations

import json

from gridcenter_desktop.core.enums import IntakeField
from gridcenter_desktop.db.area import Area
from tests.intake.plan_town import plan, row, sheet_of

SQUARE = [[120.43, 31.29], [120.44, 31.29], [120.44, 31.30], [120.43, 31.30], [120.43, 31.29]]


def test_a_located_row_goes_to_the_grid_holding_its_point(town):
    with town.sf() as s:
        s.get(Area, town.grids["福利村第一网格"]).geometry = json.dumps(
            {"type": "Polygon", "coordinates": [SQUARE]}
        )
        s.commit()
    located = {IntakeField.LONGITUDE: 120.435, IntakeField.LATITUDE: 31.295}
    result = plan(
        town,
        sheet_of(
            row("M1", **located),  # the address names 福利村第二网格
            row("M2", address="光福镇某小区门口", **located),  # no grid in the address
            row("M3", longitude=120.50, latitude=31.295),  # outside every boundary
        ),
    )
    first, second, outside = result.to_add
    assert (first.form.grid_id, first.grid_basis) == (town.grids["福利村第一网格"], "map")
    assert first.grid_name == "福利村第一网格"
    assert (second.form.grid_id, second.form.to_place) == (town.grids["福利村第一网格"], False)
    assert outside.form.grid_id == town.grids["福利村第二网格"]
    assert outside.grid_basis != "map"
    assert result.to_place == 0
