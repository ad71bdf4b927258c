"""``gridcenter audit list|archive``: an administrator signs in, reads the trail, and archives
rows older than six months to a workbook before they are deleted."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.users import create_first_admin

PASSWORD = "secret-pass-2026"


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "desk.sqlite3"
    engine = make_engine(str(path))
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        admin = create_first_admin(session, "admin", "管理员", PASSWORD)
        for at, action in [
            (datetime(2021, 3, 1, 9), AuditAction.SIGN_IN),
            (datetime(2021, 3, 1, 10), AuditAction.EXPORT),
            (datetime(2021, 9, 1, 9), AuditAction.SIGN_OUT),
        ]:
            audit.record(session, Actor(admin.user_id, UserRole.ADMIN, login="admin"), action,
                         workstation="desk-7", now=at)  # fmt: skip
        session.commit()
    engine.dispose()
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    return path


def _entries(path):
    engine = make_engine(str(path))
    try:
        with make_session_factory(engine)() as s:
            return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    finally:
        engine.dispose()


def test_list_prints_the_rows_of_a_period(db, capsys):
    code = cli.main(["audit", "list", "--db", str(db), "--user", "admin",
                     "--from", "2021-03-01", "--to", "2021-03-31"])  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.split("\t")[3] for line in out] == ["导出报表", "登录成功"]
    assert all("\tadmin\tdesk-7\t" in line for line in out)


def test_list_needs_a_valid_sign_in(db, capsys, monkeypatch):
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "wrong-password")
    code = cli.main(["audit", "list", "--db", str(db), "--user", "admin"])
    assert code != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("gridcenter: error:") and "\n" not in err


def test_archive_refuses_a_recent_date_and_writes_nothing(db, tmp_path, capsys):
    out = tmp_path / "archive.xlsx"
    recent = date.today().replace(day=1).isoformat()
    code = cli.main(["audit", "archive", "--db", str(db), "--user", "admin",
                     "--before", recent, "--out", str(out)])  # fmt: skip
    assert code != 0 and "6 months" in capsys.readouterr().err
    assert not out.exists()
    assert len([e for e in _entries(db) if e.at.year == 2021]) == 3


def test_archive_writes_the_workbook_then_deletes_the_rows(db, tmp_path, capsys):
    out = tmp_path / "audit-2021.xlsx"
    code = cli.main(["audit", "archive", "--db", str(db), "--user", "admin",
                     "--before", "2021-06-01", "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    ws = load_workbook(out).active
    archived = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] is not None]
    assert [r[5] for r in archived] == ["导出报表", "登录成功"]
    left = _entries(db)
    assert [e.at for e in left if e.action == AuditAction.SIGN_OUT] == [datetime(2021, 9, 1, 9)]
    assert not [e for e in left if e.at < datetime(2021, 6, 1)]
    assert left[-1].action == AuditAction.AUDIT_ARCHIVE
    # The triggers are back: an ordinary DELETE is refused.
    engine = make_engine(str(db))
    try:
        with engine.connect() as conn, pytest.raises(DBAPIError):
            conn.execute(text("DELETE FROM audit_entry"))
        with engine.connect() as conn:
            assert conn.scalar(select(func.count(AuditEntry.id))) == len(left)
    finally:
        engine.dispose()


def test_a_report_written_by_the_command_is_audited_with_its_row_count(db, tmp_path, capsys):
    out = tmp_path / "台账.xlsx"
    code = cli.main(["report", "ledger", "--db", str(db), "--from", "2022-01-01",
                     "--to", "2022-12-31", "--out", str(out), "--user", "admin"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    (entry,) = [e for e in _entries(db) if e.action == AuditAction.EXPORT and e.at.year > 2021]
    detail = json.loads(entry.detail)
    assert (entry.target, detail["rows"]) == ("ledger", 0)
    assert detail["filter"] == {"period": ["2022-01-01", "2022-12-31"]}
