"""The queue model's background jobs: they run on worker threads, open their own session and
never touch widgets (ui.jobs.JobRunner runs them; ui.queue_model uses their results)."""

from __future__ import annotations

import threading

from gridcenter_desktop.services import queue as queue_service
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder, QueueRow, WindowAnchors


class QueryWindow:
    """One query's anchors (cursors learned along the way, so a jump deep into the queue walks
    only the index from the nearest one) and the lock that keeps jobs from sharing them at once.
    A new filter, ordering or refresh gets a new one."""

    def __init__(self, total: int | None = None) -> None:
        self.anchors = WindowAnchors(total=total)
        self.lock = threading.Lock()


def load_first_block(
    job, window: QueryWindow, flt: QueueFilter, order: QueueOrder, now, limit: int, cap: int
):
    """The first block of rows, and what it tells about the count: (total, exact, rows).

    Fewer rows than ``limit`` means that is all of them (``exact``); a full block is followed
    by a count bounded at ``cap`` (services.queue.count(cap=...): it stops after ``cap``
    tickets). A result of ``cap`` means "at least ``cap``" and the model counts exactly
    afterwards in another job, so the first paint never waits for an exact count (a common
    search term's exact count takes 250-370 ms at a million tickets on PostgreSQL).
    """
    session = job.session()
    with window.lock:
        rows = queue_service.fetch_window(
            session, flt, order, 0, limit, now=now, anchors=window.anchors
        )
        total, exact = len(rows), len(rows) < limit
        if not exact:
            job.check_cancelled()
            total = max(queue_service.count(session, flt, now=now, cap=cap), len(rows))
            exact = total < cap
        if exact:
            window.anchors.total = total
    return total, exact, rows


def count_exactly(job, window: QueryWindow, flt: QueueFilter, now) -> int:
    """The exact count, after a bounded first count."""
    session = job.session()
    total = queue_service.count(session, flt, now=now)
    with window.lock:
        window.anchors.total = total
    return total


def load_block(job, window: QueryWindow, flt, order, offset: int, limit: int, now):
    """One block of rows starting at ``offset``."""
    if job.cancelled:
        return []
    with window.lock:
        return queue_service.fetch_window(
            job.session(), flt, order, offset, limit, now=now, anchors=window.anchors
        )


def reload_blocks(
    job,
    window: QueryWindow,
    flt,
    order,
    now,
    blocks: list[int],
    block_size: int,
    cap: int,
    shown: int,
    current_id: int | None = None,
):
    """The count again (bounded at ``cap``) and the given blocks again, for a refresh that
    keeps the view: (total, exact, blocks, current). ``current`` is, for the operator's
    current ticket ``current_id``, (its row now, whether the filter still keeps it), or None
    without one (services.queue_member). When the bounded count reaches ``cap`` the result
    keeps the ``shown`` row count (not exact) and the model counts exactly in another job, so
    the rows beyond the cap, the selection and the scroll position stay meanwhile."""
    session = job.session()
    with window.lock:
        total = queue_service.count(session, flt, now=now, cap=cap)
        exact = total < cap
        if exact:
            window.anchors.total = total
        else:
            total = max(total, shown)
        fresh: dict[int, list[QueueRow]] = {}
        for b in blocks:
            job.check_cancelled()
            offset = b * block_size
            if offset < total:
                fresh[b] = queue_service.fetch_window(
                    session,
                    flt,
                    order,
                    offset,
                    min(block_size, total - offset),
                    now=now,
                    anchors=window.anchors,
                )
        current = None
        if current_id is not None:
            from gridcenter_desktop.services.queue_member import ticket_in_queue

            current = ticket_in_queue(session, current_id, flt, order, now)
    return total, exact, fresh, current
