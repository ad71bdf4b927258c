"""Arguments that used to end in a traceback (or leave files behind) get one line naming the
argument, and nothing is created."""

from __future__ import annotations

import pytest

from gridcenter_desktop import cli
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.users import create_first_admin

ADMIN_PASSWORD = "Calendar-keeper-2027"


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    return err


def test_stats_over_the_widest_period_prints_figures(db_url, capsys):
    code = cli.main(["stats", "--db", db_url, "--from", "0001-01-01", "--to", "9999-12-31"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Traceback" not in out.err
    assert "0001-01-01" in out.out and "工单总数" in out.out


@pytest.mark.parametrize(
    "url",
    ["postgresql://h:abc/db", "postgresql://clerk:s3cret@h:abc/db"],
    ids=["plain", "password"],
)
def test_a_url_with_a_port_that_is_not_a_number_is_one_line(url, capsys):
    code = cli.main(["stats", "--db", url, "--from", "2022-01-01", "--to", "2022-01-31"])
    assert code != 0
    err = _one_line_error(capsys)
    assert "port must be a number" in err
    assert "s3cret" not in err


def _takes_user(command: str) -> bool:
    """Whether ``command`` signs in (--user): every command that reads personal data does."""
    subparsers = cli.build_parser()._subparsers._group_actions[0]
    return "--user" in subparsers.choices[command].format_help()


def test_a_mistyped_report_database_path_creates_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GRIDCENTER_PASSWORD", ADMIN_PASSWORD)
    missing = tmp_path / "no" / "such" / "desk.sqlite3"
    out = tmp_path / "ledger.xlsx"
    user = ["--user", "admin"] if _takes_user("report") else []
    code = cli.main(["report", "ledger", "--db", str(missing), "--out", str(out), *user])
    assert code != 0
    assert "no database file" in _one_line_error(capsys)
    assert list(tmp_path.iterdir()) == []


def test_a_binary_file_given_to_calendar_import_is_one_line(tmp_path, capsys, monkeypatch):
    db = tmp_path / "desk.sqlite3"
    engine = make_engine(str(db))
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        create_first_admin(session, "admin", "管理员", ADMIN_PASSWORD)
    engine.dispose()
    monkeypatch.setenv("GRIDCENTER_PASSWORD", ADMIN_PASSWORD)
    picture = tmp_path / "holidays.csv"
    picture.write_bytes(bytes(range(256)) * 4)
    code = cli.main(["calendar", "--db", str(db), "import", str(picture), "--user", "admin"])
    assert code != 0
    err = _one_line_error(capsys)
    assert str(picture) in err and "not a UTF-8 CSV file" in err


def test_signing_in_to_a_mistyped_path_creates_nothing(tmp_path):
    from gridcenter_desktop.db.engine import DatabaseUrlError
    from gridcenter_desktop.services.sign_in import sign_in

    with pytest.raises(DatabaseUrlError):
        sign_in(str(tmp_path / "typo" / "desk.sqlite3"), "admin", ADMIN_PASSWORD)
    assert list(tmp_path.iterdir()) == []
