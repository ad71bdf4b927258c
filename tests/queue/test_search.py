"""Text search finds Chinese words of any length, and Latin words, in title, description and
address; it follows edits; a bulk load is indexed by index_tickets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from queue_factory import NOW, add_ticket
from sqlalchemy import insert

from gridcenter_desktop.core.enums import Priority, TicketKind, TicketSource, TicketStatus
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import queue, search
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder


@pytest.fixture
def texts(session, town):
    add_ticket(
        session,
        1,
        created=NOW,
        title="夜间施工噪音扰民",
        description="工地每晚十点后仍在打桩，居民无法入睡",
        address="光福镇迂里村3组",
    )
    add_ticket(
        session,
        2,
        created=NOW,
        title="自来水管漏水",
        description="小区门口消防栓旁的水管破裂，路面积水严重",
        address="梅园社区香雪路18号",
    )
    add_ticket(
        session,
        3,
        created=NOW,
        title="路灯不亮",
        description="报修人反映噪声较大的变压器旁路灯坏了",
        address="福利村KTV对面，Ａ栋",
    )
    # Same characters as 噪音 but not adjacent: must not match "噪音".
    add_ticket(session, 4, created=NOW, title="噪杂的音乐", description="", address="")
    session.commit()


def found(session, text: str) -> list[int]:
    rows = queue.fetch_page(session, QueueFilter(text=text), QueueOrder("code"), limit=100, now=NOW)
    assert queue.count(session, QueueFilter(text=text), now=NOW) == len(rows)
    return [int(r.code[-4:]) for r in rows]


TERMS = [
    ("噪音", [1]),  # 2 characters, title
    ("漏水", [2]),
    ("积水", [2]),  # description
    ("香雪", [2]),  # address
    ("噪", [1, 3, 4]),  # 1 character (start, middle of runs)
    ("睡", [1]),  # 1 character found only at the end of a run (入睡)
    ("栋", [3]),  # a 1-character run
    ("消防栓旁", [2]),  # 4 characters
    ("工地每晚十点后仍在", [1]),  # 9 characters
    ("打桩 居民", [1]),  # several words: all must match
    ("ktv", [3]),  # Latin, any case
    ("KT", [3]),  # Latin prefix
    ("a", [3]),  # full-width Ａ is found as a
    ("3组", [1]),  # digit and Chinese together
    ("噪音较大", []),
    ("扰民施工", []),
]


def test_terms_of_any_length_are_found(session, texts):
    for term, tickets in TERMS:
        assert found(session, term) == tickets, term


def test_search_follows_edits(session, texts):
    ticket = session.query(Ticket).filter_by(title="路灯不亮").one()
    ticket.title = "路灯不亮导致摔伤"
    ticket.description = "已处理"
    session.commit()
    assert found(session, "摔伤") == [3]
    assert found(session, "噪声") == []  # the old description is gone
    # A status-only change keeps the entry.
    ticket.status = TicketStatus.DISPATCHED
    session.commit()
    assert found(session, "摔伤") == [3]
    # A rolled-back edit leaves the index as it was.
    ticket.title = "完全不同的标题"
    session.flush()
    session.rollback()
    assert found(session, "摔伤") == [3]


def test_deleted_ticket_leaves_the_index(session, texts):
    ticket = session.query(Ticket).filter_by(title="自来水管漏水").one()
    session.delete(ticket)
    session.commit()
    assert found(session, "漏水") == []


def test_bulk_loaded_tickets_are_indexed_by_index_tickets(session, town):
    created = NOW - timedelta(days=1)
    rows = [
        {
            "code": f"GC20221024-{n:04d}",
            "kind": TicketKind.ORDINARY,
            "source": TicketSource.GRID_PATROL,
            "category": "environment",
            "title": f"河道漂浮垃圾第{n}处",
            "description": "",
            "address": "冲山村" if n % 2 else "邓尉村",
            "priority": Priority.ORDINARY,
            "priority_rank": 0,
            "status": TicketStatus.PENDING_DISPATCH,
            "created_at": created,
            "deadline_at": NOW + timedelta(days=3),
            "due_soon_at": NOW + timedelta(days=2),
            "updated_at": created,
            "version": 1,
        }
        for n in range(12)
    ]
    session.execute(insert(Ticket), rows)  # Core insert: no ORM hooks
    assert found(session, "漂浮") == []
    assert search.index_tickets(session.connection()) == 12
    session.commit()
    assert len(found(session, "漂浮")) == 12
    assert len(found(session, "冲山")) == 6
    # Re-indexing some tickets replaces their entries instead of doubling them.
    ids = search.search_ticket_ids(session.connection(), "冲山")
    assert search.index_tickets(session.connection(), ids) == 6
    session.commit()
    assert len(found(session, "冲山")) == 6


def test_tokens_are_bigrams_plus_the_last_character():
    assert search.ticket_tokens("噪音扰民", "", "A栋3号") == [
        "噪音",
        "音扰",
        "扰民",
        "民",
        "a",
        "栋",
        "3",
        "号",
    ]


def test_both_search_plans_give_the_same_pages(session, texts, monkeypatch):
    def pages(term):
        return [
            [r.code for r in queue.fetch_page(session, QueueFilter(text=term), o, now=NOW)]
            for o in (QueueOrder("created", True), QueueOrder("code"))
        ]

    terms = ["噪音", "噪", "消防栓旁", "ktv", "路灯"]
    driven = {term: pages(term) for term in terms}
    monkeypatch.setattr(queue, "PROBE_MIN_MATCHES", 1)  # every term takes the probe plan
    assert {term: pages(term) for term in terms} == driven


def test_bounded_count_stops_at_the_cap(session, texts):
    assert queue.count(session, QueueFilter(text="噪"), now=NOW) == 3
    assert queue.count(session, QueueFilter(text="噪"), now=NOW, cap=2) == 2
    assert queue.count(session, QueueFilter(text="噪"), now=NOW, cap=10) == 3


def test_a_ticket_registered_by_the_workflow_is_found(session, town):
    from gridcenter_desktop.core.enums import UserRole
    from gridcenter_desktop.services.actor import Actor
    from gridcenter_desktop.services.tickets import NewTicket, register_ticket

    form = NewTicket(
        kind=TicketKind.ORDINARY,
        source=TicketSource.HOTLINE,
        category="water_affairs",
        title="地下车库漏水",
        address="梅园社区",
        grid_id=town.meiyuan1.id,
    )
    register_ticket(session, Actor(town.alice.id, UserRole.OPERATOR, "张丽"), form, now=NOW)
    rows = queue.fetch_page(session, QueueFilter(text="车库"), QueueOrder("code"), now=NOW)
    assert [r.title for r in rows] == ["地下车库漏水"]
