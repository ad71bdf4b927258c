"""Suspected duplicates among the rows an import would add (services/intake/plan.py): a row
that looks like an open ticket, or like an earlier row of the same sheet. They are listed in
the preview and still imported; the operator merges the ones that are.

The register dialog asks services/duplicates.py one ticket at a time; an import of 20,000 rows
cannot, so the open tickets of the sheet's grids are read once and compared in memory, with the
same measure (Dice coefficient of the titles' bigrams) and threshold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gridcenter_desktop.db.ticket import OPEN_STATUS_SQL, Ticket
from gridcenter_desktop.services.duplicates import (
    MIN_SIMILARITY,
    bigram_similarity,
    title_bigrams,
)

if TYPE_CHECKING:
    from gridcenter_desktop.services.intake.plan import PlannedTicket

# A sheet row is compared with at most this many earlier rows of its grid and category (a
# campaign's 2,000 rows of one grid must not become 2 million comparisons).
_SHEET_COMPARE_MAX = 200


@dataclass(frozen=True, slots=True)
class SuspectedDuplicate:
    """A row to add that looks like an open ticket (``ticket_id``) or an earlier row of the
    same sheet (``other_row``): same grid and category, similar title. It is still imported;
    the operator merges it if it is one."""

    row: int
    code: str
    title: str
    similarity: float
    ticket_id: int | None = None
    ticket_code: str | None = None
    other_row: int | None = None
    # The other's title, so the operator judges without opening it.
    other_title: str = ""


def suspected_duplicates(
    session: Session, to_add: Sequence[PlannedTicket]
) -> list[SuspectedDuplicate]:
    """Rows that look like an open ticket, or an earlier row of the sheet: same grid and
    category, titles alike (services/duplicates.py's measure and threshold)."""
    keys = {(p.form.grid_id, p.form.category) for p in to_add if p.form.grid_id is not None}
    if not keys:
        return []
    grid_ids = sorted({grid for grid, _ in keys})
    open_by_key: dict[tuple[int, str], list[tuple[int, str, frozenset[str]]]] = defaultdict(list)
    rows = session.execute(
        select(Ticket.id, Ticket.code, Ticket.grid_id, Ticket.category, Ticket.title).where(
            text(OPEN_STATUS_SQL), Ticket.grid_id.in_(grid_ids)
        )
    )
    for tid, tcode, grid, category, title in rows:
        if (grid, category) in keys:
            open_by_key[(grid, category)].append((tid, tcode, title, title_bigrams(title)))
    found: list[SuspectedDuplicate] = []
    earlier: dict[tuple[int, str], list[tuple[int, str, frozenset[str]]]] = defaultdict(list)
    for planned in to_add:
        form = planned.form
        if form.grid_id is None:
            continue
        key = (form.grid_id, form.category)
        grams = title_bigrams(form.title)
        if not grams:
            continue
        best: SuspectedDuplicate | None = None
        for tid, tcode, ttitle, other in open_by_key.get(key, ()):
            score = bigram_similarity(grams, other)
            if score >= MIN_SIMILARITY and (best is None or score > best.similarity):
                best = SuspectedDuplicate(
                    planned.row,
                    form.origin.code,
                    form.title,
                    round(score, 3),
                    tid,
                    tcode,
                    other_title=ttitle,
                )
        if best is None:
            for number, otitle, other in earlier[key][-_SHEET_COMPARE_MAX:]:
                score = bigram_similarity(grams, other)
                if score >= MIN_SIMILARITY and (best is None or score > best.similarity):
                    best = SuspectedDuplicate(
                        planned.row,
                        form.origin.code,
                        form.title,
                        round(score, 3),
                        other_row=number,
                        other_title=otitle,
                    )
        earlier[key].append((planned.row, form.title, grams))
        if best is not None:
            found.append(best)
    return found


__all__ = ["SuspectedDuplicate", "suspected_duplicates"]
