"""The statistical report's 网格地图 sheet: the table of grids with their open and overdue
tickets and, beside it, the map picture the caller drew (the window's export job and
``gridcenter report summary``)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from PIL import Image as PILImage
from sqlalchemy import update

from gridcenter_desktop import cli
from gridcenter_desktop.core.passwords import hash_password
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.user import User
from gridcenter_desktop.reports import summary
from gridcenter_desktop.reports.grid_map_sheet import SHEET, TABLE_TOP

from .conftest import NOW, insert_report_data
from .test_town_map import L_SHAPE

FROM, TO = date(2022, 1, 1), date(2022, 10, 25)


def _png(width=400, height=300) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 80, 40)).save(out, "PNG")
    return out.getvalue()


def _table(ws) -> list[tuple]:
    rows = []
    for row in ws.iter_rows(min_row=TABLE_TOP + 1, max_col=4, values_only=True):
        if row[0] is None and row[1] is None:
            break
        rows.append(row)
    return rows


def _draw_one(session, data) -> None:
    session.get(Area, data.grid_ids["迂里村第一网格"]).geometry = json.dumps(L_SHAPE)
    session.commit()


def test_the_sheet_has_the_grids_counts_and_the_picture(local_session, tmp_path):
    data = insert_report_data(local_session)
    _draw_one(local_session, data)
    path = tmp_path / "summary.xlsx"
    summary.write_summary(local_session, path, FROM, TO, now=NOW, map_png=_png())
    wb = load_workbook(path)
    assert wb.sheetnames[-1] == SHEET
    ws = wb[SHEET]
    assert [c.value for c in ws[TABLE_TOP]][:4] == ["村（社区）", "网格", "在办", "超期"]
    # Counted by hand at NOW (2022-10-25 18:00): 迂里一 holds the 10-20 ticket and the 11-02
    # one (open, not yet due); 迂里二 the 09-30 ticket, past its 10-07 deadline.
    assert _table(ws) == [
        ("迂里村", "迂里村第一网格", 2, 0),
        ("迂里村", "迂里村第二网格", 1, 1),
        ("梅园社区", "梅园社区第一网格", 0, 0),
        ("合计", None, 3, 1),
    ]
    assert "截至2022年10月25日 18:00" in ws["A2"].value
    assert len(ws._images) == 1
    picture = ws._images[0]
    assert picture.anchor._from.col == 5  # column F, beside the table
    # Shown 900 pixels wide (9525 EMU a pixel), the drawing's proportions kept.
    assert (picture.anchor.ext.width, picture.anchor.ext.height) == (900 * 9525, 675 * 9525)


def test_without_boundaries_the_sheet_says_so(local_session, tmp_path):
    insert_report_data(local_session)
    path = tmp_path / "summary.xlsx"
    summary.write_summary(local_session, path, FROM, TO, now=NOW, map_png=_png())
    ws = load_workbook(path)[SHEET]
    assert "尚未导入网格边界" in ws["A2"].value
    assert not ws._images
    assert _table(ws)[-1] == ("合计", None, 3, 1)


@pytest.mark.ui
def test_the_command_draws_the_map_into_the_summary(tmp_path, monkeypatch):
    """``gridcenter report summary`` draws the picture itself (Qt without a window)."""
    url = f"sqlite:///{tmp_path / 'town.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        data = insert_report_data(session)
        _draw_one(session, data)
        session.execute(update(User).values(password_hash=hash_password("Map-Job-2026")))
        session.commit()
    engine.dispose()
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "Map-Job-2026")
    out = tmp_path / "s.xlsx"
    code = cli.main(["report", "summary", "--db", url, "--user", "admin", "--from",
                     "2022-01-01", "--to", "2022-10-25", "--out", str(out)])  # fmt: skip
    assert code == 0
    ws = load_workbook(out)[SHEET]
    assert len(ws._images) == 1
    embedded = PILImage.open(io.BytesIO(ws._images[0]._data()))
    assert embedded.format == "PNG" and embedded.size == (1600, 1130)
