"""The common queue pages can use the indexes made for them, on both databases (EXPLAIN).

Tiny test tables would make any planner prefer a full scan, so PostgreSQL is asked to avoid
sequential scans and sorts: the test checks that the index is *usable* for the query as the
service writes it (a partial index is only usable when the query repeats its predicate).
"""

from __future__ import annotations

from queue_factory import NOW
from sqlalchemy import text

from gridcenter_desktop.core.enums import OPEN_STATUSES
from gridcenter_desktop.services.queue import (
    QueueFilter,
    QueueOrder,
    _ordered,
    _row_select,
    conditions,
)

OPEN = QueueFilter(statuses=frozenset(OPEN_STATUSES))


def plan(session, flt: QueueFilter, order: QueueOrder) -> str:
    stmt = _ordered(_row_select().where(*conditions(session, flt, NOW)), order, False).limit(100)
    bind = session.get_bind()
    sql = str(stmt.compile(bind, compile_kwargs={"literal_binds": True}))
    if bind.dialect.name == "sqlite":
        # With statistics, as any real database has them (the demo builder and the bench run
        # ANALYZE after bulk loads); without them SQLite guesses.
        session.execute(text("ANALYZE"))
        return "\n".join(r[-1] for r in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
    session.execute(text("SET LOCAL enable_seqscan = off"))
    session.execute(text("SET LOCAL enable_sort = off"))
    return "\n".join(r[0] for r in session.execute(text("EXPLAIN " + sql)))


CASES = [
    (OPEN, QueueOrder("deadline"), "ix_ticket_open_deadline"),
    (QueueFilter(deadline="overdue"), QueueOrder("deadline"), "ix_ticket_open_deadline"),
    (OPEN, QueueOrder("created", True), "ix_ticket_open_created"),
    (OPEN, QueueOrder("priority", True), "ix_ticket_open_priority"),
    (QueueFilter(), QueueOrder("created", True), "ix_ticket_created"),
    (QueueFilter(), QueueOrder("deadline"), "ix_ticket_deadline"),
    # One category by deadline pages from its own index instead of sorting the category.
    (
        QueueFilter(categories=frozenset({"noise"})),
        QueueOrder("deadline"),
        "ix_ticket_category_deadline",
    ),
]


def test_queue_pages_use_their_index(session, queue_tickets):
    for flt, order, index in CASES:
        assert index in plan(session, flt, order), (flt, order)


def count_plan(session, flt: QueueFilter) -> str:
    from sqlalchemy import func, select

    from gridcenter_desktop.db.ticket import Ticket

    stmt = select(func.count()).select_from(Ticket).where(*conditions(session, flt, NOW))
    bind = session.get_bind()
    sql = str(stmt.compile(bind, compile_kwargs={"literal_binds": True}))
    if bind.dialect.name == "sqlite":
        session.execute(text("ANALYZE"))
        return "\n".join(r[-1] for r in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
    session.execute(text("SET LOCAL enable_seqscan = off"))
    session.execute(text("SET LOCAL enable_bitmapscan = off"))
    return "\n".join(r[0] for r in session.execute(text("EXPLAIN " + sql)))


def test_filter_counts_read_the_index_alone(session, queue_tickets):
    # Merged duplicates are excluded by status; the status is in these indexes, so counting a
    # category (or kind, or source) never reads the tickets themselves. A category has two
    # such indexes (by creation and by deadline): either will do.
    for flt, indexes in (
        (
            QueueFilter(categories=frozenset({"noise"})),
            ("ix_ticket_category_created", "ix_ticket_category_deadline"),
        ),
        (QueueFilter(kinds=frozenset({"dispute"})), ("ix_ticket_kind_created",)),
    ):
        found = count_plan(session, flt)
        assert any(index in found for index in indexes), found
        assert "COVERING INDEX" in found or "Index Only Scan" in found, found


def test_window_seek_reads_the_ordering_index_alone(session, queue_tickets):
    # fetch_window skips rows by walking the sort key; merged duplicates are recognised from
    # the status kept in the ordering index, without reading the tickets.
    from sqlalchemy import select

    from gridcenter_desktop.services.queue import _order_columns

    for order, index in (
        (QueueOrder("created", True), "ix_ticket_created"),
        (QueueOrder("deadline"), "ix_ticket_deadline"),
        (QueueOrder("priority", True), "ix_ticket_priority"),
    ):
        cols = _order_columns(order)
        stmt = _ordered(
            select(*cols).where(*conditions(session, QueueFilter(), NOW)), order, False
        ).offset(20)
        bind = session.get_bind()
        sql = str(stmt.limit(1).compile(bind, compile_kwargs={"literal_binds": True}))
        if bind.dialect.name == "sqlite":
            session.execute(text("ANALYZE"))
            found = "\n".join(r[-1] for r in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert f"COVERING INDEX {index}" in found, found
        else:
            session.execute(text("SET LOCAL enable_seqscan = off"))
            session.execute(text("SET LOCAL enable_sort = off"))
            found = "\n".join(r[0] for r in session.execute(text("EXPLAIN " + sql)))
            assert (
                f"Index Only Scan using {index}" in found
                or "Index Only Scan Backward using " + index in found
            ), found
