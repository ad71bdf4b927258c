"""``gridcenter report reply`` and ``gridcenter export open311``, as a scheduled job runs them.

The commands' own behaviour does not depend on the backend (the services under them are tested
on both): SQLite only."""

from __future__ import annotations

import json
import shutil

import pytest
from openpyxl import load_workbook
from reply_town import PASSWORD, build_town

from gridcenter_desktop import cli
from gridcenter_desktop.db.engine import make_engine, make_session_factory


@pytest.fixture
def desk(tmp_path, migrated_sqlite_file, monkeypatch):
    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(migrated_sqlite_file, path)
    engine = make_engine(f"sqlite:///{path}")
    town = build_town(make_session_factory(engine))
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    yield town, str(path)
    engine.dispose()


def test_report_reply_writes_the_sheet(desk, tmp_path, capsys):
    town, db = desk
    town.handle(town.register(code="QJ20220301001"), public_reply="已处理")
    out = tmp_path / "回复表.xlsx"
    code = cli.main(["report", "reply", "--db", db, "--user", "supervisor", "--from",
                     "2022-03-01", "--to", "2022-03-31", "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert "1 tickets" in capsys.readouterr().out
    rows = list(load_workbook(out)["区平台工单表"].iter_rows(values_only=True))
    assert rows[1][1] == "QJ20220301001" and rows[1][5] == "已处理"


def test_report_reply_needs_a_period(desk, tmp_path, capsys):
    _town, db = desk
    code = cli.main(["report", "reply", "--db", db, "--user", "supervisor",
                     "--out", str(tmp_path / "r.xlsx")])  # fmt: skip
    assert code != 0
    assert "reply needs --from DATE --to DATE" in capsys.readouterr().err
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("name", ["requests.json", "requests.xml"])
def test_export_open311_writes_the_feed_and_the_service_list(desk, tmp_path, capsys, name):
    town, db = desk
    town.register()
    out, services = tmp_path / name, tmp_path / "services.json"
    code = cli.main(["export", "open311", "--db", db, "--user", "viewer", "--from",
                     "2022-03-01", "--to", "2022-03-01", "--out", str(out),
                     "--services", str(services)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert "(1 requests)" in capsys.readouterr().out
    assert "service_request_id" in out.read_text(encoding="utf-8")
    assert json.loads(services.read_text(encoding="utf-8"))[0]["type"] == "realtime"


def test_export_open311_refuses_another_suffix_in_one_line(desk, tmp_path, capsys):
    _town, db = desk
    code = cli.main(["export", "open311", "--db", db, "--user", "viewer",
                     "--out", str(tmp_path / "requests.txt")])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".json or .xml" in err
