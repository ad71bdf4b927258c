"""The reports of the demo town: the figures of the news report, to the digit, and files that
LibreOffice opens and prints."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridcenter_desktop.core.enums import AssignmentRole, AssignmentStatus, TicketStatus
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.demo.build import build_demo
from gridcenter_desktop.reports import ledger, notice, summary
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.queue import QueueFilter
from gridcenter_desktop.services.statistics import period_statistics

FROM, TO = date(2022, 1, 1), date(2022, 10, 25)
# "近年来": the disputes, letters and visits and suggestions are the figures of recent years.
RECENT_YEARS = date(2020, 1, 1)
NOW = datetime(2022, 10, 25, 18, 0)
# The demo as built a week after the report (the reports need no more of it).
BUILT = datetime(2022, 11, 1, 10, 0)
MONTH = (date(2022, 10, 1), date(2022, 10, 25))


@pytest.fixture(scope="session")
def demo_reports(tmp_path_factory):
    """The default demo (built once) and its three reports, written once."""
    folder = tmp_path_factory.mktemp("demo_reports")
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    build_demo(url, now=BUILT)
    engine = make_engine(url)
    paths = {k: folder / f"{k}.xlsx" for k in ("ledger", "summary", "recent", "notice")}
    with make_session_factory(engine)() as session:
        stats = period_statistics(session, FROM, TO, now=NOW)
        # The ledger of the last month keeps reading it back (and printing it) quick; the
        # whole period's row count is checked on its own below.
        ledger.write_period_ledger(session, paths["ledger"], *MONTH, now=NOW)
        month_stats = period_statistics(session, *MONTH, now=NOW)
        summary.write_summary(session, paths["summary"], FROM, TO, now=NOW)
        summary.write_summary(session, paths["recent"], RECENT_YEARS, TO, now=NOW)
        ticket_id = session.scalars(
            select(Ticket.id)
            .join(Assignment, Assignment.ticket_id == Ticket.id)
            .where(
                Ticket.status == TicketStatus.CLOSED,
                Ticket.category == "unlicensed_business",
                Assignment.role == AssignmentRole.ASSIST,
                Assignment.status != AssignmentStatus.CANCELLED,
            )
            .order_by(Ticket.id)
            .limit(1)
        ).one()
        notice.write_notice(session, paths["notice"], ticket_id, now=NOW)
    engine.dispose()
    return url, paths, stats, month_stats


def _headlines(path) -> dict:
    ws = load_workbook(path)[summary.COVER]
    return {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value
        for r in range(summary.TABLE_TOP + 1, summary.TABLE_TOP + 1 + len(summary.HEADLINES))
    }


def test_summary_shows_the_news_report_figures(demo_reports):
    _, paths, stats, _ = demo_reports
    figures = _headlines(paths["summary"])
    assert figures["办结工单（件）"] == 13_765
    assert figures["结案率（%）"] == 97.72
    assert figures["网格数（个）"] == 48
    assert figures["受理工单（件）"] == stats.tickets_total == 14_086
    assert figures["超期未办结（件）"] == stats.overdue_open
    # The report's "近年来" figures: the summary of 2020-01-01 .. 2022-10-25.
    figures = _headlines(paths["recent"])
    assert figures["化解矛盾纠纷（件）"] == 2_596
    assert figures["矛盾纠纷化解率（%）"] == 99.12
    assert figures["来信来访（批次）"] == 200
    assert figures["来信来访（人次）"] == 283
    assert figures["解决意见建议（条）"] == 26 and figures["收集意见建议（条）"] == 31


def test_every_demo_sheet_adds_up(demo_reports):
    _, paths, stats, _ = demo_reports
    wb = load_workbook(paths["summary"])
    villages = wb[summary.BY_VILLAGE]
    names = [villages.cell(row=r, column=1).value for r in range(5, 5 + 12)]
    assert names[:11] == [f.name for f in stats.by_village if f.name][:11]
    total_row = 5 + len(stats.by_village)
    assert villages.cell(row=total_row, column=1).value == "合计"
    assert villages.cell(row=total_row, column=2).value == 14_086
    grids = wb[summary.BY_GRID]
    assert sum(grids.cell(row=r, column=3).value for r in range(5, 5 + len(stats.by_grid))) == (
        14_086
    )
    months = wb[summary.BY_MONTH]
    assert [months.cell(row=r, column=2).value for r in range(5, 15)] == [
        m.created for m in stats.by_month
    ]


def test_ledger_rows_agree_with_the_statistics(demo_reports):
    url, paths, stats, month = demo_reports
    ws = load_workbook(paths["ledger"], read_only=True)[ledger.SHEET_NAME]
    header = next(ws.iter_rows(min_row=3, max_row=3, values_only=True))
    status, overdue = header.index("状态"), header.index("是否超期")
    rows = closed = closed_late = 0
    for row in ws.iter_rows(min_row=4, values_only=True):
        rows += 1
        if row[status] == "已办结":
            closed += 1
            closed_late += row[overdue] == "是"
    assert rows == month.tickets_total > 1000
    assert closed == month.tickets_closed
    assert closed_late == month.tickets_closed - month.totals.on_time

    # The whole period's ledger streams the queue filter below: the same 14,086 tickets.
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        in_period = queue.count(session, QueueFilter(created_from=FROM, created_to=TO), NOW)
    engine.dispose()
    assert in_period == stats.tickets_total == 14_086


@pytest.mark.office
def test_libreoffice_converts_each_report_to_pdf(demo_reports, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    _, paths, _, _ = demo_reports
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(p) for p in paths.values()),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    for name in paths:
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists(), f"{name}: {result.stdout} {result.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
