"""``gridcenter report``: files for scheduled jobs, and one clear line when it cannot."""

from __future__ import annotations

import argparse
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.core.passwords import hash_password
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.user import User
from gridcenter_desktop.reports import command

from .conftest import insert_report_data

PASSWORD = "Report-Job-2022"


def _run(*argv, user="admin"):
    """The report command as a scheduled job runs it: signed in as ``user``, the password
    from GRIDCENTER_PASSWORD (set by the ``sqlite_url`` fixture)."""
    parser = argparse.ArgumentParser(prog="gridcenter report")
    command.configure_parser(parser)
    out, err = io.StringIO(), io.StringIO()
    args = parser.parse_args([*argv, "--user", user])
    code = command.run(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch):
    """The command's own behaviour does not depend on the backend: SQLite only. Accounts:
    admin, op (operator), sup (supervisor), all with PASSWORD."""
    url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        data = insert_report_data(session)
        hashed = hash_password(PASSWORD)
        session.execute(update(User).values(password_hash=hashed))
        session.add(User(login="op", display_name="调度员", role=UserRole.OPERATOR,
                         password_hash=hashed))  # fmt: skip
        session.add(User(login="sup", display_name="值班长", role=UserRole.SUPERVISOR,
                         password_hash=hashed))  # fmt: skip
        session.commit()
    engine.dispose()
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    return url, data


def test_each_report_is_written(sqlite_url, tmp_path):
    sqlite_url, report_data = sqlite_url
    ledger_path, summary_path, notice_path = (tmp_path / n for n in ("l.xlsx", "s.xlsx", "n.xlsx"))
    code, out, err = _run("ledger", "--db", sqlite_url, "--from", "2022-01-01", "--to",
                          "2022-10-25", "--out", str(ledger_path))  # fmt: skip
    assert (code, err) == (0, "") and "8 tickets" in out
    code, out, err = _run("summary", "--db", sqlite_url, "--from", "2022-01-01", "--to",
                          "2022-10-25", "--out", str(summary_path))  # fmt: skip
    assert (code, err) == (0, "") and "closure rate 62.50%" in out
    code, out, err = _run("notice", "--db", sqlite_url, "--ticket", report_data.codes[0],
                          "--out", str(notice_path))  # fmt: skip
    assert (code, err) == (0, "") and report_data.codes[0] in out
    for path in (ledger_path, summary_path, notice_path):
        assert load_workbook(path).sheetnames


def test_the_signed_in_users_role_decides_masking(sqlite_url, tmp_path):
    sqlite_url, _ = sqlite_url
    path = tmp_path / "l.xlsx"
    for login, phone in (("op", "138****5678"), ("sup", "13812345678")):
        code, _, _ = _run("ledger", "--db", sqlite_url, "--out", str(path), user=login)
        assert code == 0
        ws = load_workbook(path).active
        header = [c.value for c in ws[3]]
        assert ws.cell(4, header.index("联系电话") + 1).value == phone  # the first ticket's


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["notice"], 2, "notice needs --ticket"),
        (["ledger", "--from", "2022-01-01"], 2, "both --from and --to"),
        (["ledger", "--from", "2022-02-01", "--to", "2022-01-01"], 2, "--to is before --from"),
        (["notice", "--ticket", "GC19990101-0001"], 1, "not found"),
    ],
)
def test_bad_input_is_one_line(sqlite_url, tmp_path, argv, code, words):
    sqlite_url, _ = sqlite_url
    out_path = tmp_path / "r.xlsx"
    result, out, err = _run(*argv, "--db", sqlite_url, "--out", str(out_path))
    assert result == code and out == ""
    assert err.startswith("gridcenter: error: ") and words in err and err.count("\n") == 1
    assert not out_path.exists()


def test_unwritable_output_is_one_line(sqlite_url, tmp_path):
    sqlite_url, _ = sqlite_url
    code, _, err = _run("ledger", "--db", sqlite_url, "--out", str(tmp_path / "no" / "r.xlsx"))
    assert code == 1 and "folder does not exist" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://x@localhost/db", "unsupported database"),
        ("postgresql://postgres@127.0.0.1:1/nothing", "database error"),
    ],
)
def test_database_faults_are_one_line(tmp_path, monkeypatch, url, words):
    # A server is reached with the user's own password, so the job gives one.
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "Some-Password-2026")
    code, _, err = _run("ledger", "--db", url, "--out", str(tmp_path / "r.xlsx"))
    assert code in (2, 3) and words in err and err.count("\n") == 1


def test_database_without_schema_is_refused(tmp_path):
    path = tmp_path / "empty.sqlite3"
    engine = make_engine(str(path))
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE note (id INTEGER)")
    engine.dispose()
    code, _, err = _run("ledger", "--db", f"sqlite:///{path}", "--out", str(tmp_path / "r.xlsx"))
    assert code == 3 and "init-db" in err


def test_a_mistyped_database_path_creates_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'typo' / 'reports.sqlite3'}"
    code, _, err = _run("ledger", "--db", url, "--out", str(tmp_path / "r.xlsx"))
    assert code == 3 and "no database file" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_summary_without_dates_is_the_last_whole_month(sqlite_url, tmp_path):
    # The town's default report period (a month unless set): the last whole one that ended
    # by the newest ticket (2022-11-02), so October 2022's 月报.
    sqlite_url, _ = sqlite_url
    out_path = tmp_path / "月报.xlsx"
    result, out, err = _run("summary", "--db", sqlite_url, "--out", str(out_path))
    assert result == 0, err
    assert "2022-10-01 .. 2022-10-31" in out
    # Named by the area tree's root town (no settings were entered).
    assert load_workbook(out_path)["封面"]["A1"].value == "光福镇集成指挥中心工作月报"


def test_gridcenter_report_end_to_end(sqlite_url, tmp_path):
    import subprocess
    import sys

    url, data = sqlite_url
    out = tmp_path / "通知书.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "gridcenter_desktop", "--db", url, "report", "notice",
         "--ticket", data.codes[0], "--out", str(out), "--user", "sup"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert load_workbook(out).active["A2"].value == "责令整改通知书"
    bad = subprocess.run(
        [sys.executable, "-m", "gridcenter_desktop", "report", "summary", "--db", url,
         "--out", str(tmp_path / "s.xlsx")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
