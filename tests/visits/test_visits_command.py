"""``gridcenter import visits``: bad rows printed and nothing written; --rejects; re-import."""

from __future__ import annotations

import io
import sys

import pytest
from sqlalchemy import func, select

from gridcenter_desktop import cli
from gridcenter_desktop.db.gridwork import HouseholdVisit
from tests.admin.town_factory import ADMIN_PASSWORD
from tests.visits.visit_town import build_visit_town

HEADER = "记录编号,走访日期,网格员,所属网格,地址,走访情况,是否发现问题,问题类别"
ROWS = [
    "A1,2026-11-02,王芳,福利村第一网格,福利村1号,正常,否,",
    "A2,2026-11-03,王芳,福利村第一网格,福利村2号,电线老化,是,消防安全",
    "A3,2026-11-03,李强,福利村第一网格,福利村3号,正常,否,",
]


@pytest.fixture
def town_url(db_url, session):
    build_visit_town(session)
    session.commit()
    return db_url


def _run(monkeypatch, capsys, *argv):
    monkeypatch.setenv("GRIDCENTER_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main([*argv, "--user", "chief"])
    out, err = capsys.readouterr()
    return code, out + err


def _visits(session) -> int:
    session.rollback()
    return session.scalar(select(func.count()).select_from(HouseholdVisit))


def test_import_visits_from_the_command_line(town_url, session, tmp_path, monkeypatch, capsys):
    path = tmp_path / "走访.csv"
    path.write_text("\n".join([HEADER, *ROWS]), encoding="utf-8")
    code, out = _run(monkeypatch, capsys, "import", "visits", str(path), "--db", town_url)
    assert code == 1
    assert "第4行“网格员”列不是该网格当日的网格员（李强）" in out
    assert _visits(session) == 0
    rejects = tmp_path / "未导入.xlsx"
    code, out = _run(
        monkeypatch, capsys, "import", "visits", str(path), "--db", town_url,
        "--rejects", str(rejects),
    )  # fmt: skip
    assert code == 0, out
    assert "已导入走访记录 2 条" in out and "上报工单 1 件" in out
    assert rejects.exists() and _visits(session) == 2
    path.write_text("\n".join([HEADER, *ROWS[:2]]), encoding="utf-8")
    code, out = _run(monkeypatch, capsys, "import", "visits", str(path), "--db", town_url)
    assert code == 0 and "已导入过 2 条" in out and _visits(session) == 2
