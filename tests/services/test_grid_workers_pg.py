"""The grid workers' figures read through each role's own PostgreSQL login (grants and the
special groups' row-level security): every role can read them, and what a role's login sees
is what the service counts for that role."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.engine import make_session_factory
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.grid_workers import (
    grid_team_figures,
    worker_activity,
    worker_figures,
)
from tests.conftest import pg_database_with_accounts
from tests.services.test_grid_workers import MARCH, build_town, fill

pytest.importorskip(
    "gridcenter_desktop.services.pg_sign_in", reason="the PostgreSQL sign-in is not in this build"
)
pytestmark = pytest.mark.pg
PASSWORD = "Grid-worker-2022!"


def _town(session):
    chief = session.scalar(select(User).where(User.login == "admin"))
    admin = Actor(chief.id, UserRole.ADMIN, chief.display_name, chief.login)
    town = build_town(session, {UserRole.OPERATOR: admin})
    fill(session, town)
    return town


def test_each_role_reads_the_figures_through_its_own_login():
    from gridcenter_desktop.services.pg_sign_in import engine_as

    accounts = [
        (role.value, f"{role.value}用户", role)
        for role in (UserRole.VIEWER, UserRole.OPERATOR, UserRole.SUPERVISOR)
    ]
    with pg_database_with_accounts(PASSWORD, "admin", accounts, fill=_town) as (
        _url,
        engine,
        users,
        town,
    ):
        g1, _g2, people, _actors = town
        owner = make_session_factory(engine)
        for login, expected_groups in (("viewer", 1), ("operator", 1), ("supervisor", 2)):
            user = users[login]
            actor = Actor(user.id, user.role, user.display_name, user.login)
            as_role = engine_as(engine.url, user.db_role, PASSWORD)
            try:
                with make_session_factory(as_role)() as s:
                    rows = worker_figures(s, actor, *MARCH)
                    team = grid_team_figures(s, actor, g1, *MARCH)
                    activity = worker_activity(s, actor, people["王网格员"])
            finally:
                as_role.dispose()
            with owner() as s:
                assert rows == worker_figures(s, actor, *MARCH), login
            wang = next(r for r in rows if r.name == "王网格员")
            assert wang.special_groups == expected_groups, login
            assert (wang.tickets_reported, wang.visits) == (3, 3)
            assert [m.name for m in team.team][:2] == ["李网格长", "王网格员"]
            assert len(activity.tickets) == 5 and len(activity.visits) == 4
        engine.dispose()
