"""``gridcenter import tickets`` as an operator uses it on the morning's platform sheet: the
preview, the import, the same sheet again (nothing added), a GB18030 CSV with one bad row among
1,000 (refused whole without --rejects; with it the rest imported and the row written back with
its reason), a viewer refused; on PostgreSQL as the operator's own login role."""

from __future__ import annotations

import io
import sys

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcenter_desktop import cli
from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.db.user import User
from gridcenter_desktop.demo.areas import area_rows
from gridcenter_desktop.demo.platform_sheet import write_csv, write_xlsx
from gridcenter_desktop.services import users
from tests.conftest import create_pg_database, drop_pg_database

PASSWORD = "Plum-Blossom-2027"


def _desk(url: str) -> None:
    """A migrated database with Guangfu's areas, an operator ``op`` and a viewer ``boss``."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        chief = users.create_first_admin(session, "chief", "站长", PASSWORD)
        session.add_all(area_rows())
        session.commit()
        users.create_user(session, chief, "op", "调度员", UserRole.OPERATOR, PASSWORD)
        users.create_user(session, chief, "boss", "领导", UserRole.VIEWER, PASSWORD)
        session.execute(User.__table__.update().values(must_change_password=False))
        session.commit()
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def desk(request, tmp_path):
    if request.param == "sqlite":
        url = str(tmp_path / "desk.sqlite3")
        _desk(url)
        yield url
        return
    url = create_pg_database()
    try:
        _desk(url)
        yield url
    finally:
        drop_pg_database(url)


def run(monkeypatch, capsys, *argv: str, user: str = "op") -> tuple[int, str, str]:
    monkeypatch.setenv("GRIDCENTER_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main([*argv, "--user", user])
    out, err = capsys.readouterr()
    return code, out, err


def tickets(url: str) -> int:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(Ticket))
    finally:
        engine.dispose()


def test_preview_import_and_the_same_sheet_again(desk, tmp_path, monkeypatch, capsys):
    sheet = tmp_path / "12345工单.xlsx"
    write_xlsx(sheet, 200)
    code, out, err = run(monkeypatch, capsys, "import", "tickets", str(sheet), "--db", desk,
                         "--dry-run")  # fmt: skip
    assert (code, err) == (0, ""), err
    assert "新增 200 条" in out and "--dry-run" in out
    assert tickets(desk) == 0
    code, out, err = run(monkeypatch, capsys, "import", "tickets", str(sheet), "--db", desk)
    assert (code, err) == (0, ""), err
    assert "已导入：新增 200 条" in out and "已存在 0 条" in out
    assert tickets(desk) == 200
    code, out, err = run(monkeypatch, capsys, "import", "tickets", str(sheet), "--db", desk)
    assert (code, err) == (0, ""), err
    assert "新增 0 条" in out and "已存在 200 条" in out
    assert tickets(desk) == 200


def test_one_bad_row_among_1000_in_a_gb18030_csv(desk, tmp_path, monkeypatch, capsys):
    sheet = tmp_path / "区平台.csv"
    write_csv(sheet, 1000, encoding="gb18030", source="district", bad_rows={437: "phone"})
    argv = ("import", "tickets", str(sheet), "--db", desk, "--source", "district")
    code, out, err = run(monkeypatch, capsys, *argv)
    assert code == 1
    assert "第 438 行 D 列（联系电话）" in out  # the header is line 1: data row 437 is line 438
    assert err.startswith("gridcenter: error: 1 行有问题，没有导入任何数据")
    assert tickets(desk) == 0
    rejects = tmp_path / "未导入.xlsx"
    code, out, err = run(monkeypatch, capsys, *argv, "--rejects", str(rejects))
    assert (code, err) == (0, ""), err
    assert "新增 999 条" in out and "有问题未导入 1 条" in out
    assert tickets(desk) == 999
    rows = list(load_workbook(rejects).active.iter_rows(values_only=True))
    assert rows[0][-1] == "原因" and rows[0][3] == "联系电话"
    assert len(rows) == 2
    assert rows[1][3] == "不详12"
    assert rows[1][-1].startswith("第 438 行 D 列（联系电话）：“不详12”不是有效的电话号码")


def test_a_viewer_may_not_import(desk, tmp_path, monkeypatch, capsys):
    sheet = tmp_path / "12345工单.xlsx"
    write_xlsx(sheet, 5)
    code, _out, err = run(monkeypatch, capsys, "import", "tickets", str(sheet), "--db", desk,
                          user="boss")  # fmt: skip
    assert code == 1 and "may not" in err
    assert tickets(desk) == 0


def test_an_unknown_profile_and_a_bad_file_are_one_line(desk, tmp_path, monkeypatch, capsys):
    sheet = tmp_path / "old.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0not really")
    code, _out, err = run(monkeypatch, capsys, "import", "tickets", str(sheet), "--db", desk)
    assert code == 1 and len(err.strip().splitlines()) == 1
    code, _out, err = run(monkeypatch, capsys, "import", "tickets", str(sheet), "--db", desk,
                          "--profile", "没有这个")  # fmt: skip
    assert code == 1 and "没有这个" in err
