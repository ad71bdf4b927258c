"""The reply sheet and the Open311 feed on PostgreSQL, each written through the user's own
login role (its grants: reading the profiles, writing the audit row)."""

from __future__ import annotations

import io
import json
import sys

import pytest
from openpyxl import load_workbook
from reply_town import PASSWORD, build_town
from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from tests.conftest import (
    pg_database_with_accounts,
)

pytest.importorskip(
    "gridcenter_desktop.services.pg_sign_in", reason="the PostgreSQL sign-in is not in this build"
)
pytestmark = pytest.mark.pg


@pytest.fixture
def pg_town():
    """A PostgreSQL town whose accounts (one per role) have login roles; one district ticket
    closed on 2022-03-02. Yields (URL as typed)."""
    accounts = [
        (role.value, f"{role.value}用户", role)
        for role in (UserRole.VIEWER, UserRole.OPERATOR, UserRole.SUPERVISOR)
    ]
    with pg_database_with_accounts(PASSWORD, "admin", accounts) as (url, engine, users, _):
        town = build_town(make_session_factory(engine), {u.role: u for u in users.values()})
        town.handle(town.register(code="QJ20220301001"), public_reply="摊贩已劝离")
        engine.dispose()
        yield url.replace("postgresql+psycopg://", "postgresql://")


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
