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
from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.calendar import CalendarDay
from gridcenter_desktop.db.engine import make_engine
from tests.conftest import (
    pg_database_with_accounts,
)
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
    accounts = [("op", "op", UserRole.OPERATOR), ("sup", "sup", UserRole.SUPERVISOR)]
    with pg_database_with_accounts(
        PASSWORD, "chief", accounts, fill=lambda s: insert_report_data(s).codes[0]
    ) as (url, engine, _users, code):
        engine.dispose()
        yield url.replace("postgresql+psycopg://", "postgresql://"), code


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
