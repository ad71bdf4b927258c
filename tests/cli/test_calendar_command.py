"""An administrator enters a year the bundled holiday calendar does not know (2027), and the
deadlines of tickets registered then follow it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from gridcenter_desktop import cli
from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.core.enums import HolidayKind
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.calendar import load_calendar, parse_calendar_rows
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.users import create_first_admin


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "desk.sqlite3"
    engine = make_engine(str(path))
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        create_first_admin(session, "admin", "管理员", "secret-1234")
    engine.dispose()
    return path


def calendar_of(path) -> WorkCalendar:
    engine = make_engine(str(path))
    try:
        with make_session_factory(engine)() as session:
            return load_calendar(session)
    finally:
        engine.dispose()


def test_a_csv_of_the_years_holidays_moves_deadlines(db, tmp_path, capsys):
    csv_file = tmp_path / "2027.csv"
    csv_file.write_text(
        "日期,类型,名称\n2027-10-01,休,国庆节\n2027-10-04,休,国庆节\n2027-10-09,班,国庆调休\n",
        encoding="utf-8",
    )
    assert not WorkCalendar.knows_year(2027)
    before = calendar_of(db).add_working_days(datetime(2027, 9, 30, 10), 2)
    assert before == datetime(2027, 10, 4, 10)  # weekends only: Fri 1st, Mon 4th

    code = cli.main(["calendar", "--db", str(db), "import", str(csv_file), "--user", "admin"])
    assert code == 0
    assert "已录入 3 个日期" in capsys.readouterr().out

    after = calendar_of(db)
    assert not after.is_workday(date(2027, 10, 1))
    assert after.is_workday(date(2027, 10, 9))  # a Saturday worked
    assert after.add_working_days(datetime(2027, 9, 30, 10), 2) == datetime(2027, 10, 6, 10)

    cli.main(["calendar", "--db", str(db), "list", "--year", "2027"])
    listed = capsys.readouterr().out
    assert "2027-10-01  休（节假日）  国庆节" in listed
    assert "2027-10-09  班（调休上班）  国庆调休" in listed


def test_only_an_administrator_may_change_the_calendar(db, capsys):
    engine = make_engine(str(db))
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO app_user (login, display_name, role, password_hash, failed_attempts,"
            " active) VALUES ('op', '调度员', 'operator', 'x', 0, 1)"
        )
    engine.dispose()
    code = cli.main(
        ["calendar", "--db", str(db), "set", "2027-05-03", "--kind", "holiday", "--user", "op"]
    )
    assert code == 1
    assert "may not" in capsys.readouterr().err
    assert calendar_of(db).overrides == {}


def test_a_bad_row_names_the_row_and_enters_nothing(db, tmp_path, capsys):
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("2027-01-01,休,元旦\n2027-02-30,休,春节\n", encoding="utf-8")
    code = cli.main(["calendar", "--db", str(db), "import", str(csv_file), "--user", "admin"])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err == "gridcenter: error: row 2: not a date (YYYY-MM-DD): '2027-02-30'"
    assert calendar_of(db).overrides == {}


def test_set_and_remove_single_days(db, capsys):
    base = ["calendar", "--db", str(db)]
    assert (
        cli.main(
            [*base, "set", "2027-06-14", "--kind", "holiday", "--name", "端午节", "--user", "admin"]
        )
        == 0
    )
    assert calendar_of(db).overrides == {date(2027, 6, 14): HolidayKind.HOLIDAY}
    assert cli.main([*base, "remove", "2027-06-14", "--user", "admin"]) == 0
    assert "已删除 1 个日期" in capsys.readouterr().out
    assert calendar_of(db).overrides == {}


@pytest.mark.parametrize(
    ("rows", "rule"),
    [
        ([["2027-01-01"]], "missing_kind"),
        ([["2027-01-01", "vacation"]], "bad_kind"),
        ([["2027-01-01", "休"], ["2027-01-01", "班"]], "duplicate"),
    ],
)
def test_calendar_rows_are_checked(rows, rule):
    with pytest.raises(ValidationError) as info:
        parse_calendar_rows(rows)
    assert info.value.rule == rule
    assert info.value.field.startswith("row ")
