"""The category a new ticket probably belongs to, from the titles of earlier tickets.

Issue 8: the register form's category silently defaulted to the first one (安全生产). Now the
category is required and suggested the way the dispatch form suggests departments: from the
history. Each word of the new title (its Chinese bigrams and Latin words, as the search index
holds them) looks at the newest tickets containing it; each word casts one vote, shared among
the categories of those tickets. The category with most votes is suggested with the share of
the vote it won, so the form can say how sure it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import TicketStatus
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import search
from gridcenter_desktop.services.errors import ValidationError

# Newest tickets read per word, and words read per title: a few small index reads.
TICKETS_PER_WORD = 40
MAX_WORDS = 12
# Below this share of the vote the history does not point anywhere in particular.
MIN_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class CategoryGuess:
    category: str  # core.categories code
    share: float  # of the words' votes, 0..1
    tickets: int  # earlier tickets that voted


def title_words(title: str) -> list[str]:
    """The words of a title the guess looks up: two-character pieces of Chinese runs and
    Latin words or numbers of two characters or more, each once, in order."""
    words: list[str] = []
    for piece in search.query_pieces(title) if title.strip() else []:
        if search.is_cjk(piece):
            candidates = [piece[i : i + 2] for i in range(len(piece) - 1)]
        else:
            candidates = [piece] if len(piece) >= 2 and not piece.isdigit() else []
        for word in candidates:
            if word not in words:
                words.append(word)
    return words[:MAX_WORDS]


def guess_category(session: Session, title: str) -> CategoryGuess | None:
    """The likely category of a ticket titled ``title``, or None without enough history."""
    try:
        words = title_words(title)
    except ValidationError:  # nothing searchable in the title: no guess
        return None
    connection = session.connection()
    matches = [search.recent_matches(connection, word, TICKETS_PER_WORD) for word in words]
    # One query for every matched ticket's category, not one per word.
    wanted = {i for ids in matches for i in ids}
    category_of = (
        dict(
            session.execute(
                select(Ticket.id, Ticket.category).where(
                    Ticket.id.in_(wanted), Ticket.status != TicketStatus.MERGED
                )
            ).all()
        )
        if wanted
        else {}
    )
    votes: Counter[str] = Counter()
    voters: set[int] = set()
    voting_words = 0
    for ids in matches:
        categories = [(i, category_of[i]) for i in ids if i in category_of]
        if not categories:
            continue
        voting_words += 1
        voters.update(i for i, _c in categories)
        for category, n in Counter(c for _i, c in categories).items():
            votes[category] += n / len(categories)
    if not votes:
        return None
    category, score = votes.most_common(1)[0]
    share = score / voting_words
    if share < MIN_SHARE:
        return None
    return CategoryGuess(category, round(share, 2), len(voters))
