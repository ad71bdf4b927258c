"""Paging through the queue never skips or repeats a ticket, in every ordering, even with ties."""

from __future__ import annotations

import random

import pytest
from queue_factory import NOW
from sqlalchemy import select

from gridcenter_desktop.core.enums import TicketStatus
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder, WindowAnchors

ORDERS = [
    QueueOrder(field, descending)
    for field in ("deadline", "created", "priority", "code", "status", "category", "source")
    for descending in (False, True)
]
SORT_KEYS = {
    "deadline": lambda t: (t.deadline_at, t.id),
    "created": lambda t: (t.created_at, t.id),
    "priority": lambda t: (t.priority_rank, t.created_at, t.id),
    "code": lambda t: (t.code, t.id),
    # Issue 8: every column sorts in SQL or says why not (status, category, source grouped).
    "status": lambda t: (t.status.value, t.created_at, t.id),
    "category": lambda t: (t.category, t.created_at, t.id),
    "source": lambda t: (t.source.value, t.created_at, t.id),
}


def plain_sorted(tickets, order: QueueOrder) -> list[str]:
    kept = [t for t in tickets if t.status != TicketStatus.MERGED]
    kept.sort(key=SORT_KEYS[order.field], reverse=order.descending)
    return [t.code for t in kept]


def walk_forward(session, order, limit):
    pages, after = [], None
    while True:
        page = queue.fetch_page(session, QueueFilter(), order, after=after, limit=limit, now=NOW)
        if not page:
            return pages
        pages.append([r.code for r in page])
        after = page[-1].cursor


def test_pages_forward_and_backward_match_the_sorted_list(session, queue_tickets):
    for order in ORDERS:
        check_order(session, queue_tickets, order)


def check_order(session, queue_tickets, order):
    want = plain_sorted(queue_tickets, order)
    pages = walk_forward(session, order, limit=7)
    assert [c for page in pages for c in page] == want, order
    assert all(len(p) == 7 for p in pages[:-1])

    # From the last page backwards with `before` gives the same rows.
    last = queue.fetch_last_page(session, QueueFilter(), order, limit=7, now=NOW)
    assert [r.code for r in last] == want[-7:]
    back, before = [], last[0].cursor
    while True:
        page = queue.fetch_page(session, QueueFilter(), order, before=before, limit=7, now=NOW)
        if not page:
            break
        back = [r.code for r in page] + back
        before = page[0].cursor
    assert back + [r.code for r in last] == want, order


def test_window_serves_any_offset_like_a_list_slice(session, queue_tickets):
    order = QueueOrder("deadline", descending=True)
    want = plain_sorted(queue_tickets, order)
    total = queue.count(session, QueueFilter(), now=NOW)
    anchors = WindowAnchors(total=total)
    rng = random.Random(3)
    offsets = [0, 5, 10, total - 3, total - 10, 1] + [rng.randrange(total) for _ in range(20)]
    for offset in offsets:
        rows = queue.fetch_window(session, QueueFilter(), order, offset, 6, NOW, anchors=anchors)
        assert [r.code for r in rows] == want[offset : offset + 6], offset
    # Without anchors (a plain call) the answer is the same.
    plain = queue.fetch_window(session, QueueFilter(), order, 17, 6, NOW)
    assert [r.code for r in plain] == want[17:23]
    assert queue.fetch_window(session, QueueFilter(), order, total, 6, NOW) == []


def test_window_anchors_follow_a_filter_change(session, queue_tickets):
    anchors = WindowAnchors()
    order = QueueOrder("created")
    queue.fetch_window(session, QueueFilter(), order, 20, 5, NOW, anchors=anchors)
    pending = QueueFilter(statuses=frozenset({TicketStatus.PENDING_DISPATCH}))
    rows = queue.fetch_window(session, pending, order, 2, 3, NOW, anchors=anchors)
    want = [
        t.code
        for t in sorted(queue_tickets, key=SORT_KEYS["created"])
        if t.status == TicketStatus.PENDING_DISPATCH
    ]
    assert [r.code for r in rows] == want[2:5]


def test_rows_carry_what_the_table_shows(session, town, queue_tickets):
    rows = queue.fetch_page(session, QueueFilter(), QueueOrder("code"), limit=100, now=NOW)
    by_code = {r.code: r for r in rows}
    first = by_code[queue_tickets[0].code]
    assert first.grid_name == "迂里村第一网格"
    assert first.village_name == "迂里村"
    assert first.lead_department == "综合执法局"
    assert by_code[queue_tickets[1].code].lead_department == "水利站"
    # A withdrawn (cancelled) lead assignment is not the ticket's lead department.
    assert by_code[queue_tickets[2].code].lead_department is None
    unlocated = by_code[queue_tickets[3].code]
    assert unlocated.grid_name is None and unlocated.village_name is None
    assert by_code[queue_tickets[2].code].village_name == "梅园社区"


def test_paging_arguments_are_checked(session, queue_tickets):
    page = queue.fetch_page(session, QueueFilter(), QueueOrder("created"), limit=3, now=NOW)
    with pytest.raises(ValidationError) as err:
        queue.fetch_page(session, QueueFilter(), QueueOrder("priority"), after=page[-1].cursor)
    assert err.value.field == "cursor"
    with pytest.raises(ValidationError) as err:
        queue.fetch_page(session, QueueFilter(), QueueOrder("created"), limit=0)
    assert err.value.field == "limit"
    with pytest.raises(ValidationError) as err:
        queue.fetch_page(session, QueueFilter(), QueueOrder("title"))  # type: ignore[arg-type]
    assert err.value.field == "order"


def test_position_of_a_ticket_is_its_row_in_the_view(session, queue_tickets):
    # Issue 8, item 4: a ticket just registered is found and selected wherever it sorts.
    for order in ORDERS:
        rows = queue.fetch_page(session, QueueFilter(), order, limit=100, now=NOW)
        for row_number in (0, 7, len(rows) - 1):
            ticket_id = rows[row_number].id
            assert (
                queue.position_of(session, QueueFilter(), order, ticket_id, now=NOW) == row_number
            ), order
    merged = next(t for t in queue_tickets if t.status == TicketStatus.MERGED)
    assert queue.position_of(session, QueueFilter(), ORDERS[0], merged.id, now=NOW) is None


def test_keyset_pages_of_other_columns_are_the_queues_pages(session, town, queue_tickets):
    # An export reads its own columns through keyset_pages: the same tickets, in the same
    # order, as the queue's pages, for every ordering and a narrowed view.
    stmt = select(Ticket.id, Ticket.title)
    views = [
        QueueFilter(),
        QueueFilter(categories=frozenset({"noise", "water_affairs"}), area_id=town.yuli.id),
    ]
    for flt in views:
        for order in ORDERS:
            shown, after = [], None
            while page := queue.fetch_page(session, flt, order, after=after, limit=5, now=NOW):
                shown += [r.id for r in page]
                after = page[-1].cursor
            pages = list(queue.keyset_pages(session, stmt, flt, order, limit=7, now=NOW))
            assert [row.id for page in pages for row in page] == shown, (flt, order)
            assert all(len(page) == 7 for page in pages[:-1])
    assert 0 < len(shown) < len(queue_tickets)
