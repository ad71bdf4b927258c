"""PostgreSQL itself hides the sensitive special groups: an operator's or a viewer's own
database login cannot SELECT them even with raw SQL; a supervisor's can."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from tests.conftest import pg_database_with_accounts
from tests.registers.town import build_register_town

pytestmark = pytest.mark.pg
PASSWORD = "Town-pass-2026"


def _fill(session):
    chief = session.scalars(select(User)).one()
    return build_register_town(
        session, Actor(chief.id, UserRole.ADMIN, chief.display_name, chief.login)
    )


def test_an_operators_database_role_cannot_read_sensitive_groups():
    from gridcenter_desktop.db import roles
    from gridcenter_desktop.services.pg_sign_in import engine_as

    accounts = [
        (r.value, r.value, r) for r in (UserRole.OPERATOR, UserRole.VIEWER, UserRole.SUPERVISOR)
    ]
    with pg_database_with_accounts(PASSWORD, "chief0", accounts, fill=_fill) as (
        url,
        engine,
        users,
        _rt,
    ):
        with engine.connect() as conn:
            prefix = roles.database_prefix(conn)
        seen = {}
        for role in (UserRole.OPERATOR, UserRole.VIEWER, UserRole.SUPERVISOR):
            login = users[role.value].db_role
            role_engine = engine_as(make_url(url), login, PASSWORD)
            try:
                with role_engine.connect() as conn:
                    seen[role] = sorted(
                        conn.execute(text("SELECT kind FROM special_group_member")).scalars()
                    )
            finally:
                role_engine.dispose()
        assert seen[UserRole.OPERATOR] == ["elderly_alone"]
        assert seen[UserRole.VIEWER] == ["elderly_alone"]
        assert seen[UserRole.SUPERVISOR] == ["community_correction", "elderly_alone"]
        assert prefix
