"""The command line's sign-in on PostgreSQL: the command acts through the user's own login role.

Needs the PostgreSQL sign-in (services/pg_sign_in.py) and user administration with login roles
(services/users.py create_user); skipped in a build without them. The shared test server trusts
local connections, so a wrong password cannot be shown here (the throwaway-cluster tests do).
"""

from __future__ import annotations

import io
import sys

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.calendar import CalendarDay
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.user import User
from tests.conftest import PG_ADMIN_URL, create_pg_database, drop_pg_database
from tests.reports.conftest import insert_report_data

pytest.importorskip(
    "gridcenter_desktop.services.pg_sign_in", reason="the PostgreSQL sign-in is not in this build"
)
pytestmark = pytest.mark.pg

PASSWORD = "Tiger-Lake-4821"


@pytest.fixture
def pg_desk():
    """A migrated PostgreSQL database with the report tests' tickets and the accounts chief
    (admin), op (operator) and sup (supervisor), each with a login role. Drops the database
    and the login roles afterwards. Yields (URL as typed, a ticket code)."""
    from gridcenter_desktop.services.users import create_first_admin, create_user

    url = create_pg_database()
    logins: list[str] = []
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
        with Session(engine) as session:
            chief = create_first_admin(session, "chief", "主任", PASSWORD)
            code = insert_report_data(session).codes[0]
            for login, role in (("op", UserRole.OPERATOR), ("sup", UserRole.SUPERVISOR)):
                create_user(session, chief, login, login, role, PASSWORD)
            # New accounts must change their password at first sign-in; these have done so.
            session.execute(text("UPDATE app_user SET must_change_password = false"))
            session.commit()
            logins = [r for r in session.scalars(select(User.db_role)) if r]
        engine.dispose()
        yield url.replace("postgresql+psycopg://", "postgresql://"), code
    finally:
        drop_pg_database(url)
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for role in logins:
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def run(monkeypatch, capsys, argv, *, user=None):
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main([*argv, *(["--user", user] if user else [])])
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code, err, *words):
    lines = err.strip().splitlines()
    assert code != 0 and len(lines) == 1, err
    for word in words:
        assert word in lines[0]


def test_no_user_and_an_unknown_user_are_refused(pg_desk, tmp_path, monkeypatch, capsys):
    url, _code = pg_desk
    argv = ["report", "ledger", "--db", url, "--out", str(tmp_path / "l.xlsx")]
    assert_refused(*run(monkeypatch, capsys, argv)[::2], "--user LOGIN")
    assert_refused(*run(monkeypatch, capsys, argv, user="nobody")[::2], "nobody")
    assert not (tmp_path / "l.xlsx").exists()


def test_the_ledger_masks_for_an_operator_not_for_a_supervisor(
    pg_desk, tmp_path, monkeypatch, capsys
):
    url, _code = pg_desk
    texts = {}
    for login in ("op", "sup"):
        out = tmp_path / f"{login}.xlsx"
        code, _out, err = run(
            monkeypatch, capsys, ["report", "ledger", "--db", url, "--out", str(out)], user=login
        )
        assert code == 0, err
        sheet = load_workbook(out).active
        texts[login] = " ".join(str(c) for r in sheet.iter_rows(values_only=True) for c in r if c)
    assert "13812345678" in texts["sup"]
    assert "13812345678" not in texts["op"]


def test_an_operator_may_not_edit_the_calendar(pg_desk, monkeypatch, capsys):
    url, _code = pg_desk
    code, _out, err = run(
        monkeypatch,
        capsys,
        ["calendar", "--db", url, "set", "2027-05-04", "--kind", "holiday"],
        user="op",
    )
    assert_refused(code, err)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            assert session.scalars(select(CalendarDay)).all() == []
    finally:
        engine.dispose()
