"""The generated platform sheet is the realistic one the import tests and the bench rely on:
same seed, same sheet; Guangfu's addresses, most of which the grid guesser places in their
village and some it cannot; some categories nobody has mapped; a bad row where asked."""

from __future__ import annotations

import random

import pytest
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import IntakeSource
from gridcenter_desktop.demo import platform_sheet
from gridcenter_desktop.demo.people import people_rng
from gridcenter_desktop.demo.reference import build_reference
from gridcenter_desktop.services import users
from gridcenter_desktop.services.intake.categories import resolve_category
from gridcenter_desktop.services.suggestions import guess_grid, village_grids
from tests.admin.town_desk import PASSWORD


def test_the_same_seed_gives_the_same_sheet_and_another_seed_other_codes():
    first = platform_sheet.platform_rows(50, seed=1)
    assert first == platform_sheet.platform_rows(50, seed=1)
    other = platform_sheet.platform_rows(50, seed=2)
    assert not {r.code for r in first} & {r.code for r in other}
    assert len({r.code for r in first}) == 50


def test_the_sheet_has_what_real_exports_have():
    rows = platform_sheet.platform_rows(2000, seed=11)
    assert [r.received_at for r in rows] == sorted(r.received_at for r in rows)
    placed = sum(r.village is not None for r in rows) / len(rows)
    assert 0.6 < placed < 0.97  # most rows name their village, some do not
    unknown = [r for r in rows if r.category is None]
    assert 0 < len(unknown) < len(rows) * 0.15
    for r in rows:
        assert resolve_category(r.category_path, {}) == (r.category or "other", r.category is None)
    assert any(isinstance(r.cells[3], int) and str(r.cells[3]).startswith("512") for r in rows)
    assert any(r.deadline_days for r in rows) and any(r.deadline_at for r in rows)


def test_unknown_bad_row_kinds_are_refused():
    with pytest.raises(ValueError):
        platform_sheet.platform_rows(5, bad_rows={2: "everything"})


def test_the_grid_guesser_finds_the_village_of_rows_that_name_one(session: Session):
    admin = users.create_first_admin(session, "admin", "管理员老周", PASSWORD)
    build_reference(session.connection(), admin, people_rng(1))
    session.commit()
    names = {v.id: v.name for v in village_grids(session)}
    rows = platform_sheet.platform_rows(300, seed=5)
    found = 0
    for r in random.Random(3).sample(rows, 120):
        guess = guess_grid(session, r.address)
        if r.village is not None:
            assert guess is not None and names[guess.village_id] == r.village, r.address
            found += 1
        elif guess is not None:
            # A landmark may carry part of a village's name; never another village's.
            assert names[guess.village_id] in r.title + r.description + r.address
    assert found > 60


def test_the_command_writes_a_sheet_and_a_csv(tmp_path):
    out = tmp_path / "s.xlsx"
    assert platform_sheet.main(["--rows", "15", "--out", str(out), "--bad", "2:phone"]) == 0
    assert out.stat().st_size > 0
    csv_out = tmp_path / "s.csv"
    platform_sheet.main(["--rows", "5", "--out", str(csv_out), "--source", IntakeSource.DISTRICT])
    assert csv_out.read_bytes().decode("gb18030").startswith("工单号,")
