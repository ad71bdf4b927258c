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
    job, window: QueryWindow, flt: QueueFilter, order: QueueOrder, now, limit: int
):
    """The first block of rows, and what it tells about the count: (total, exact, rows).

    Fewer rows than ``limit`` means that is all of them (``exact``); a full block means "at
    least ``limit``" and the model counts exactly afterwards, so the first paint never waits
    for a count (a common search term's count can take longer than its first page).
    """
    session = job.session()
    with window.lock:
        rows = queue_service.fetch_window(
            session, flt, order, 0, limit, now=now, anchors=window.anchors
        )
        exact = len(rows) < limit
        if exact:
            window.anchors.total = len(rows)
    return len(rows), exact, rows


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


def reload_blocks(job, window: QueryWindow, flt, order, now, blocks: list[int], block_size: int):
    """The count again and the given blocks again (for a refresh that keeps the view)."""
    session = job.session()
    with window.lock:
        total = queue_service.count(session, flt, now=now)
        window.anchors.total = total
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
    return total, fresh
