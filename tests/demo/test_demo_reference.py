"""Guangfu's area tree, departments and logins as the demo builds them."""

from __future__ import annotations

import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.enums import AreaLevel, MemberRole, UserRole
from gridcenter_desktop.core.passwords import verify_password
from gridcenter_desktop.db.models import Area, Department, GridMember, User

UNITS = {
    "福利村", "邓尉村", "香雪村", "冲山村", "府巷村", "迂里村", "太湖渔港村",
    "梅园社区", "福溪社区", "东崦湖社区", "西崦湖社区",
}  # fmt: skip


def test_the_town_has_its_eleven_units_and_48_grids(demo_engine):
    with Session(demo_engine) as s:
        (town,) = s.scalars(select(Area).where(Area.level == AreaLevel.TOWN)).all()
        units = town.children
        grids = s.scalars(select(Area).where(Area.level == AreaLevel.GRID)).all()
        assert (town.name, town.code, town.code_system) == ("光福镇", "320506108", "national_stats")
        assert {u.name for u in units} == UNITS
        assert sum(u.level == AreaLevel.COMMUNITY for u in units) == 4
        assert len(grids) == 48
        assert all(g.parent.parent_id == town.id for g in grids)
        yuli = next(u for u in units if u.name == "迂里村")
        assert [g.name for g in yuli.children] == [f"迂里村第{n}网格" for n in "一二三四五"]


def test_only_fulis_code_is_set(demo_engine):
    with Session(demo_engine) as s:
        coded = {
            a.name: (a.code, a.code_system)
            for a in s.scalars(select(Area).where(Area.level != AreaLevel.TOWN))
            if a.code or a.code_system
        }
    assert coded == {"福利村": ("320506108200", "national_stats")}


def test_every_grid_has_a_leader_a_worker_and_a_team(demo_engine):
    with Session(demo_engine) as s:
        grids = s.scalars(select(Area).where(Area.level == AreaLevel.GRID)).all()
        for grid in grids:
            roles = [m.role for m in grid.members]
            assert roles.count(MemberRole.LEADER) == 1, grid.name
            assert roles.count(MemberRole.WORKER) == 1, grid.name
            assert 2 <= len(roles) - 2 <= 7, grid.name
        members = [(m.role, m.person) for m in s.scalars(select(GridMember))]
        assert all(len(p.phone) == 11 and p.phone.startswith("1") for _, p in members)
        assert all(2 <= len(p.name) <= 3 for _, p in members)
        leaders = [p for role, p in members if role == MemberRole.LEADER]
        assert sum(p.party_member for p in leaders) > len(leaders) / 2


def test_every_department_a_category_names_exists(demo_engine):
    with Session(demo_engine) as s:
        codes = {d.code: d.name for d in s.scalars(select(Department))}
    named = {code for c in CATEGORIES for code in c.departments}
    assert named <= set(codes)
    assert codes["food"] == "食安办" and codes["judicial"] == "司法所"
    assert codes["committee_chongshan"] == "冲山村村委会"
    assert sum(code.startswith("committee_") for code in codes) == 11


def test_there_is_a_login_for_every_role_with_its_printed_password(demo_build):
    url, summary, _calls = demo_build
    from gridcenter_desktop.db.engine import make_engine

    engine = make_engine(url)
    try:
        with Session(engine) as s:
            users = s.scalars(select(User)).all()
    finally:
        engine.dispose()
    assert {u.role for u in users} == set(UserRole)
    assert {u.login for u in users} == {login for login, _role in summary.logins}
    assert all(verify_password(summary.passwords[u.login], u.password_hash) for u in users)
    # The tests fix the password through GRIDCENTER_DEMO_PASSWORD (tests/conftest.py).
    assert set(summary.passwords.values()) == {os.environ["GRIDCENTER_DEMO_PASSWORD"]}
