"""A desk for the town-administration tests (departments, deadline rules, town settings): an
administrator and an operator with real accounts (login roles on PostgreSQL), one village with
one grid, and helpers to register and dispatch a ticket as the operator.

The areas are written directly: these tests are about departments, rules and settings, not
the area services (tests/admin/test_areas.py covers those).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import (
    AreaLevel,
    AuditAction,
    Priority,
    TicketKind,
    TicketSource,
    UserRole,
)
from gridcenter_desktop.db import migrate, roles
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services import users
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.pg_sign_in import engine_as
from tests.conftest import create_pg_database, drop_pg_database

PASSWORD = "Town-desk-2026"  # the shared test server trusts local connections
# A Tuesday in an ordinary working week (no holidays near).
T0 = datetime(2022, 3, 1, 9, 0)


@dataclass(frozen=True)
class Desk:
    admin: Actor
    operator: Actor
    grid_id: int


def build_desk(session: Session) -> Desk:
    """The accounts and one grid; committed."""
    admin = users.create_first_admin(session, "admin", "管理员老周", PASSWORD)
    operator_row = users.create_user(
        session, admin, "op", "调度员小王", UserRole.OPERATOR, PASSWORD
    )
    operator = Actor(operator_row.id, UserRole.OPERATOR, "调度员小王", "op")
    village = Area(level=AreaLevel.VILLAGE, name="前进村", sort_order=1)
    session.add(village)
    session.flush()
    grid = Area(level=AreaLevel.GRID, name="前进村第一网格", parent_id=village.id, sort_order=1)
    session.add(grid)
    session.commit()
    return Desk(admin, operator, grid.id)


def register(
    session: Session, desk: Desk, now: datetime, *, actor: Actor | None = None, **overrides
) -> svc.TicketRef:
    """Register a noise complaint in the grid (as the operator unless ``actor``)."""
    values = dict(
        kind=TicketKind.ORDINARY,
        source=TicketSource.HOTLINE,
        category="noise",
        title="夜间施工噪音扰民",
        description="工地夜间施工。",
        address="前进村三组",
        grid_id=desk.grid_id,
        priority=Priority.ORDINARY,
    )
    values.update(overrides)
    return svc.register_ticket(session, actor or desk.operator, svc.NewTicket(**values), now)


def dispatch(
    session: Session,
    desk: Desk,
    ref: svc.TicketRef,
    now: datetime,
    *,
    actor: Actor | None = None,
    **kwargs,
) -> svc.TicketRef:
    """Dispatch (as the operator unless ``actor``), to the grid unless a lead department is
    given."""
    if "lead_department_id" not in kwargs:
        kwargs["to_grid"] = True
    return svc.dispatch_ticket(
        session, actor or desk.operator, ref.id, ref.version, now=now, **kwargs
    )


def audit_details(session: Session, action: AuditAction) -> list[tuple[str, dict]]:
    """(target, detail) of the audit rows of ``action``, oldest first."""
    rows = session.execute(
        select(AuditEntry.target, AuditEntry.detail)
        .where(AuditEntry.action == action)
        .order_by(AuditEntry.id)
    ).all()
    return [(target, json.loads(detail) if detail else {}) for target, detail in rows]


@contextmanager
def postgresql_desk() -> Iterator[tuple[Engine, Desk]]:
    """A migrated PostgreSQL database with the desk (as its owner); dropped afterwards."""
    url = create_pg_database()
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        with Session(engine) as session:
            desk = build_desk(session)
        yield engine, desk
    finally:
        engine.dispose()
        drop_pg_database(url)


def signed_in_engine(engine: Engine, login: str) -> Engine:
    """An engine connected as ``login``'s own PostgreSQL login role, as the app signs in."""
    with engine.connect() as conn:
        prefix = roles.database_prefix(conn)
    return engine_as(engine.url, roles.login_role(prefix, login), PASSWORD)
