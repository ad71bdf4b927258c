"""The set-up commands cannot destroy or pollute: ``demo --replace`` wipes only a demo, and
``demo``, ``migrate`` and ``init-db`` leave another application's database alone."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import AreaLevel, UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.models import Area, User
from gridcenter_desktop.demo.build import NotDemoDataError, build_demo


def cli_url(url: str) -> str:
    """The URL as a user types it (postgresql://, not the driver's name)."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    lines = err.strip().splitlines()
    assert code != 0 and len(lines) == 1, err
    assert lines[0].startswith("gridcenter: error: ")
    for word in words:
        assert word in lines[0], lines[0]


def snapshot(url: str) -> dict[str, list]:
    """Every table's rows, and the schema revision."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            names = sorted(
                t
                for t in inspect(conn).get_table_names()
                if not t.startswith(("sqlite_", "ticket_search"))
            )
            rows = {t: sorted(map(repr, conn.execute(text(f"SELECT * FROM {t}")))) for t in names}
    finally:
        engine.dispose()
    return rows


@pytest.fixture
def working_db(db_url) -> str:
    """A town's working database (not a demo): one account and an area."""
    engine = make_engine(db_url)
    with Session(engine) as s:
        s.add(User(login="wang", display_name="王调度", role=UserRole.OPERATOR, password_hash="x"))
        s.add(Area(name="光福镇", level=AreaLevel.TOWN, sort_order=0))
        s.commit()
    engine.dispose()
    return db_url


def test_demo_replace_refuses_a_database_that_is_not_a_demo(working_db, capsys):
    before = snapshot(working_db)
    code, out, err = run(capsys, "demo", "--db", cli_url(working_db), "--replace")
    assert_one_line_error(code, err, "not demo data", "app_user: 1", "area: 1")
    assert out == ""
    assert snapshot(working_db) == before


def test_the_demo_builder_itself_refuses_it_too(working_db):
    # The window's "build the demo" goes through build_demo, not the command line.
    with pytest.raises(NotDemoDataError):
        build_demo(working_db, replace=True)


@pytest.mark.parametrize(
    "command", [["init-db"], ["migrate"], ["demo"], ["demo", "--replace"]], ids=" ".join
)
def test_set_up_commands_refuse_another_applications_database(empty_db_url, capsys, command):
    engine = make_engine(empty_db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)"))
        conn.execute(text("INSERT INTO invoices VALUES (1, 500)"))
    engine.dispose()
    code, out, err = run(capsys, *command, "--db", cli_url(empty_db_url))
    assert_one_line_error(code, err, "not GridCenter's", "'invoices'")
    assert out == ""
    # Not one table of ours was added.
    assert snapshot(empty_db_url) == {"invoices": ["(1, 500)"]}


@pytest.mark.parametrize("command", [["init-db"], ["migrate"], ["demo"]], ids=" ".join)
def test_a_foreign_table_in_our_database_is_refused_as_well(db_url, capsys, command):
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE wiki_page (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    before = snapshot(db_url)
    code, _out, err = run(capsys, *command, "--db", cli_url(db_url))
    assert_one_line_error(code, err, "'wiki_page'")
    assert snapshot(db_url) == before


def test_our_own_tables_are_not_foreign(db_url):
    engine = make_engine(db_url)
    try:
        assert migrate.foreign_tables(engine) == []
    finally:
        engine.dispose()
