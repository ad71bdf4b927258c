"""resources/examples/guangfu_base.xlsx: the demo town's lists in the base-data template, the
example a town follows. It is generated from the demo's own lists (demo/base_lists.py), and
importing it into an empty database gives Guangfu's 11 village-level units and 48 grids."""

from __future__ import annotations

from openpyxl import load_workbook
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import AreaLevel, UserRole
from gridcenter_desktop.db.models import Area, Department, GridMember, User
from gridcenter_desktop.demo.base_lists import EXAMPLE_PATH, write_guangfu_example
from gridcenter_desktop.services import users
from gridcenter_desktop.services.admin.base_import import apply_import, plan_import
from gridcenter_desktop.services.admin.base_workbook import read_workbook

ADMIN_PASSWORD = "example-admin-2026"


def _cells(path) -> dict[str, tuple]:
    """Each sheet's values, drop-down lists and header notes: what a town sees in the file."""
    workbook = load_workbook(path)
    try:
        return {
            ws.title: (
                list(ws.iter_rows(values_only=True)),
                sorted((str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation),
                [c.comment.text if c.comment else None for c in ws[1]],
            )
            for ws in workbook.worksheets
        }
    finally:
        workbook.close()


def test_the_shipped_example_is_what_the_generator_writes(tmp_path):
    fresh = write_guangfu_example(tmp_path / "guangfu_base.xlsx")
    shipped = _cells(EXAMPLE_PATH)
    assert shipped == _cells(fresh), (
        "resources/examples/guangfu_base.xlsx is out of date: run"
        " `uv run python -m gridcenter_desktop.demo.base_lists`"
    )
    assert list(shipped) == ["说明", "区域和网格", "网格成员", "部门", "用户"]


def test_importing_the_example_into_an_empty_database_gives_guangfu(session_factory):
    with session_factory() as session:
        admin = users.create_first_admin(session, "chief", "站长", ADMIN_PASSWORD)
    lists = read_workbook(EXAMPLE_PATH)
    with session_factory() as session:
        plan = plan_import(session, lists)
        assert plan.problems == ()
        summary = apply_import(session, admin, plan)
    assert {login for login, _pw in summary.passwords} == {
        "operator1",
        "operator2",
        "supervisor",
        "viewer",
    }
    with session_factory() as session:
        by_level = dict(
            session.execute(select(Area.level, func.count()).group_by(Area.level)).all()
        )
        assert by_level == {
            AreaLevel.TOWN: 1,
            AreaLevel.VILLAGE: 7,
            AreaLevel.COMMUNITY: 4,
            AreaLevel.GRID: 48,
        }
        town = session.scalars(select(Area).where(Area.level == AreaLevel.TOWN)).one()
        assert (town.name, town.code) == ("光福镇", "320506108")
        assert session.scalar(select(Area.code).where(Area.name == "福利村")) == "320506108200"
        grids = session.scalars(select(Area).where(Area.level == AreaLevel.GRID)).all()
        for grid in grids:
            roles = [str(m.role) for m in grid.members]
            assert roles.count("leader") == 1 and roles.count("worker") == 1, grid.name
        assert session.scalar(select(func.count()).select_from(GridMember)) >= 48 * 4
        codes = set(session.scalars(select(Department.code)))
        assert {"food", "judicial", "committee_chongshan"} <= codes and len(codes) == 32
        roles = dict(session.execute(select(User.login, User.role)).all())
        assert roles["chief"] == UserRole.ADMIN and roles["supervisor"] == UserRole.SUPERVISOR

    # The same file again changes nothing.
    with session_factory() as session:
        again = plan_import(session, read_workbook(EXAMPLE_PATH))
        assert again.problems == () and not again.has_changes
