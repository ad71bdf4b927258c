"""Possible duplicates of a ticket being registered (重复工单提示).

The same problem is often reported several times (a neighbour calls 12345, the grid worker
reports it on patrol). While the operator types, the register dialog asks this module for
recent tickets of the same grid and category whose titles look alike, so the new report can be
merged instead of dispatched twice.

Similarity is the Dice coefficient of the titles' character bigrams: Chinese titles have no
spaces, and two reports of the same thing share most two-character words ("河道", "垃圾",
"漂浮") while their order and fillers differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import TicketStatus
from gridcenter_desktop.db.ticket import Ticket

# Below this the titles share too little to be worth the operator's attention.
MIN_SIMILARITY = 0.3
# The grid + category + week slice is small, but a busy grid must not flood the dialog.
MAX_CANDIDATES = 5
# Safety bound on rows read from one grid/category/week (a hot spot during a campaign).
_SCAN_LIMIT = 500

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """A recent ticket that may describe the same problem as the one being registered."""

    ticket_id: int
    code: str
    title: str
    address: str
    status: TicketStatus
    created_at: datetime
    version: int
    similarity: float  # 0..1, Dice coefficient of the titles' character bigrams


def title_bigrams(title: str) -> frozenset[str]:
    """The title's character bigrams, ignoring spaces and punctuation and Latin case; a
    one-character title is its own single "bigram" so it can still match itself."""
    text = _NOISE.sub("", title).lower()
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def title_similarity(a: str, b: str) -> float:
    """Dice coefficient (2·|A∩B| / (|A|+|B|)) of the two titles' bigram sets, 0..1."""
    return bigram_similarity(title_bigrams(a), title_bigrams(b))


def bigram_similarity(ga: frozenset[str], gb: frozenset[str]) -> float:
    """:func:`title_similarity` of bigram sets already made (an import compares each row with
    many tickets and makes each set once)."""
    if not ga or not gb:
        return 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


# What the register dialog shows of a candidate, whether found by title or named by code.
_CANDIDATE_COLUMNS = (
    Ticket.id,
    Ticket.code,
    Ticket.title,
    Ticket.address,
    Ticket.status,
    Ticket.created_at,
    Ticket.version,
)


def _candidate(row, similarity: float) -> DuplicateCandidate:
    return DuplicateCandidate(
        ticket_id=row.id,
        code=row.code,
        title=row.title,
        address=row.address or "",
        status=TicketStatus(row.status),
        created_at=row.created_at,
        version=row.version,
        similarity=similarity,
    )


def find_possible_duplicates(
    session: Session,
    grid_id: int | None,
    category: str | None,
    title: str,
    now: datetime,
    days: int = 7,
    *,
    min_similarity: float = MIN_SIMILARITY,
    limit: int = MAX_CANDIDATES,
) -> list[DuplicateCandidate]:
    """Tickets of the same grid and category created in the last ``days`` days (up to
    ``now``) whose title is similar to ``title``, most similar first.

    Merged tickets are left out (they already point at their original). Without a grid, a
    category or a title there is nothing to compare, and the answer is empty.
    """
    if grid_id is None or not category or not title_bigrams(title):
        return []
    since = now - timedelta(days=days)
    stmt = (
        select(*_CANDIDATE_COLUMNS)
        .where(
            Ticket.grid_id == grid_id,
            Ticket.category == category,
            Ticket.created_at >= since,
            Ticket.created_at <= now,
            Ticket.status != TicketStatus.MERGED,
        )
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .limit(_SCAN_LIMIT)
    )
    found: list[DuplicateCandidate] = []
    for row in session.execute(stmt):
        score = title_similarity(title, row.title)
        if score >= min_similarity:
            found.append(_candidate(row, round(score, 3)))
    found.sort(key=lambda c: (-c.similarity, -c.created_at.timestamp(), -c.ticket_id))
    return found[:limit]


def ticket_by_code(session: Session, code: str) -> DuplicateCandidate | None:
    """The ticket with this code (the one to keep when merging a duplicate by hand), or None.
    ``similarity`` is 1.0: the operator named it."""
    row = session.execute(
        select(*_CANDIDATE_COLUMNS).where(Ticket.code == code.strip().upper())
    ).first()
    return None if row is None else _candidate(row, 1.0)
