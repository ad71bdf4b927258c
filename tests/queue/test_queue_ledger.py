"""The ledger of a view is the view: the same tickets in the same order, with the queue's
values, whatever the filter, the ordering and the page size."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from queue_factory import NOW

from gridcenter_desktop.reports import labels, ledger
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder


def _shown(session, flt, order):
    rows, after = [], None
    while page := queue.fetch_page(session, flt, order, after=after, limit=6, now=NOW):
        rows += page
        after = page[-1].cursor
    return rows


@pytest.mark.parametrize(
    "order",
    [
        QueueOrder("category", descending=True),
        QueueOrder("priority"),
        QueueOrder("deadline", descending=True),
        QueueOrder("source"),
    ],
    ids=lambda o: f"{o.field}{'-desc' if o.descending else ''}",
)
def test_ledger_rows_are_the_queues_rows(session, town, queue_tickets, tmp_path, order):
    flt = QueueFilter(categories=frozenset({"noise", "city_management"}), area_id=town.yuli.id)
    shown = _shown(session, flt, order)
    path = tmp_path / "台账.xlsx"
    result = ledger.write_queue_ledger(session, path, flt, order, now=NOW, batch_size=4)

    ws = load_workbook(path)[ledger.SHEET_NAME]
    header = [c.value for c in ws[ledger.HEADER_ROW]]
    body = [
        dict(zip(header, (c.value for c in row), strict=True))
        for row in ws.iter_rows(min_row=ledger.HEADER_ROW + 1)
    ]
    assert result.rows == len(body) == len(shown) > 4  # more than one page
    assert [r["编号"] for r in body] == [t.code for t in shown]
    assert [r["序号"] for r in body] == list(range(1, len(shown) + 1))
    assert [(r["村/社区"], r["网格"]) for r in body] == [
        (t.village_name or "", t.grid_name or "") for t in shown
    ]
    assert [(r["受理时间"], r["时限"], r["办结时间"]) for r in body] == [
        (t.created_at, t.deadline_at, t.closed_at) for t in shown
    ]
    assert [r["状态"] for r in body] == [labels.STATUS[t.status] for t in shown]
    assert [r["主办部门"] or None for r in body] == [t.lead_department for t in shown]
