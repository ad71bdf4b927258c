"""The reply sheet and the Open311 feed on PostgreSQL, each written through the user's own
login role (its grants: reading the profiles, writing the audit row)."""

from __future__ import annotations

import io
import json
import sys

import pytest
from openpyxl import load_workbook
from reply_town import PASSWORD, build_town
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.user import User
from tests.conftest import PG_ADMIN_URL, create_pg_database, drop_pg_database

pytest.importorskip(
    "gridcenter_desktop.services.pg_sign_in", reason="the PostgreSQL sign-in is not in this build"
)
pytestmark = pytest.mark.pg


@pytest.fixture
def pg_town():
    """A PostgreSQL town whose accounts (one per role) have login roles; one district ticket
    closed on 2022-03-02. Yields (URL as typed)."""
    from gridcenter_desktop.services.users import create_first_admin, create_user

    url = create_pg_database()
    logins: list[str] = []
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
        with Session(engine) as session:
            chief = create_first_admin(session, "admin", "主任", PASSWORD)
            for role in (UserRole.VIEWER, UserRole.OPERATOR, UserRole.SUPERVISOR):
                create_user(session, chief, role.value, f"{role.value}用户", role, PASSWORD)
            session.execute(text("UPDATE app_user SET must_change_password = false"))
            session.commit()
            users = {u.role: u for u in session.scalars(select(User))}
            logins = [u.db_role for u in users.values() if u.db_role]
        town = build_town(make_session_factory(engine), users)
        town.handle(town.register(code="QJ20220301001"), public_reply="摊贩已劝离")
        engine.dispose()
        yield url.replace("postgresql+psycopg://", "postgresql://")
    finally:
        drop_pg_database(url)
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for role in logins:
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def _run(monkeypatch, capsys, argv, user):
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main([*argv, "--user", user])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_an_operator_writes_the_reply_sheet_masked(pg_town, tmp_path, monkeypatch, capsys):
    out = tmp_path / "reply.xlsx"
    _run(monkeypatch, capsys, ["report", "reply", "--db", pg_town, "--from", "2022-03-01",
                               "--to", "2022-03-31", "--out", str(out)], "operator")  # fmt: skip
    header, row = load_workbook(out)["区平台工单表"].iter_rows(values_only=True)
    assert row[header.index("工单编号")] == "QJ20220301001"
    assert row[header.index("办理结果")] == "摊贩已劝离"
    assert row[header.index("联系电话")] == "139****5678"


def test_a_viewer_writes_the_open311_feed(pg_town, tmp_path, monkeypatch, capsys):
    out = tmp_path / "requests.json"
    _run(monkeypatch, capsys, ["export", "open311", "--db", pg_town, "--out", str(out)],
         "viewer")  # fmt: skip
    (request,) = json.loads(out.read_text(encoding="utf-8"))
    assert request["status"] == "closed" and request["status_notes"] == "摊贩已劝离"
    engine = make_engine(pg_town)
    with Session(engine) as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.target == "open311")).one()
        assert entry.action == AuditAction.EXPORT and entry.login == "viewer"
    engine.dispose()
