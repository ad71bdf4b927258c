"""Text search over tickets' title, description and address, for words of any length.

Why not the obvious indexes: SQLite's FTS5 trigram tokenizer finds nothing for terms under
three characters, and PostgreSQL's pg_trgm cannot use its index for ``LIKE '%噪音%'`` either
(two characters yield no trigram, so the planner falls back to a sequential scan: measured in
docs/performance.md). Two-character Chinese words (噪音, 漏水, 停电) are the commonest searches.

The design, the same on both databases: each ticket's text is turned into *tokens* in Python
(:func:`ticket_tokens`): every run of Chinese characters becomes its overlapping bigrams plus its
last character on its own ("噪音扰民" → 噪音 音扰 扰民 民), Latin letters and digits become
lowercase words. A query term of two or more Chinese characters is the *phrase* of its bigrams
(adjacent tokens, so "噪音扰民" never matches "噪音" and "扰民" far apart); one Chinese character
or a Latin word is a *prefix* query (every character starts some token thanks to the extra last
character). The tokens live in a side table ``ticket_search`` keyed by ticket id:

* SQLite: an FTS5 table (default ``unicode61`` tokenizer, which keeps each bigram whole), rowid =
  ticket id; queried with ``MATCH``.
* PostgreSQL: a ``tsvector`` with positions (built from our tokens, never re-parsed by a text
  search configuration) under a GIN index; queried with ``@@`` and a ``tsquery`` using ``<->``
  for phrases and ``:*`` for prefixes.

The table is kept in sync from Python: ORM hooks on :class:`Ticket` (registered when this module
is imported) index each inserted or edited ticket in the same transaction; bulk loaders call
:func:`index_tickets`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    bindparam,
    cast,
    column,
    event,
    func,
    inspect,
    select,
    table,
    text,
)
from sqlalchemy.orm import Mapper

from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.errors import ValidationError

SEARCH_TABLE = "ticket_search"
SEARCH_INDEX = "ix_ticket_search_tokens"

# CJK unified ideographs (with extension A and compatibility ideographs): Chinese "words" are
# runs of these; everything that is neither this nor [a-z0-9] separates tokens.
_PIECE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_CJK_START = "\u3400"

_BATCH = 5000
# A Latin "word" is indexed (and searched) by its first this many letters: PostgreSQL refuses
# a lexeme over 2047 bytes, and a 3,000-letter run pasted into a description is no word
# anyone searches for. A longer query word becomes a prefix query on the same first letters.
WORD_MAX = 100


def _pieces(text_: str) -> list[str]:
    # NFKC folds full-width letters and digits (ＡＢ１２) to ASCII, as operators type both.
    pieces = _PIECE.findall(unicodedata.normalize("NFKC", text_).lower())
    return [p if is_cjk(p) else p[:WORD_MAX] for p in pieces]


def is_cjk(piece: str) -> bool:
    """Whether a query piece is a run of Chinese characters (else Latin letters or digits)."""
    return piece[0] >= _CJK_START


def _piece_tokens(piece: str) -> list[str]:
    if not is_cjk(piece) or len(piece) == 1:
        return [piece]
    return [piece[i : i + 2] for i in range(len(piece) - 1)] + [piece[-1]]


def ticket_tokens(title: str | None, description: str | None, address: str | None) -> list[str]:
    """The search tokens of a ticket's text, in order (see the module docstring)."""
    tokens: list[str] = []
    for part in (title, description, address):
        if part:
            for piece in _pieces(part):
                tokens.extend(_piece_tokens(piece))
    return tokens


def query_pieces(query: str) -> list[str]:
    """The searchable pieces of what the user typed; refuses a query with none."""
    pieces = _pieces(query)
    if not pieces:
        raise ValidationError("text", "no_searchable_characters")
    return pieces


def fts5_query(query: str) -> str:
    """The SQLite FTS5 MATCH expression for ``query``: every piece must match (AND)."""
    parts = []
    for piece in query_pieces(query):
        tokens = _piece_tokens(piece)
        if len(piece) >= 2 and is_cjk(piece):
            # Phrase of the bigrams; the trailing single character is not part of it.
            parts.append('"' + " ".join(tokens[:-1]) + '"')
        else:
            parts.append(f'"{piece}"*')
    return " AND ".join(parts)


def tsquery_text(query: str) -> str:
    """The PostgreSQL tsquery literal for ``query`` (lexemes are CJK or [a-z0-9], no quoting
    issues)."""
    parts = []
    for piece in query_pieces(query):
        tokens = _piece_tokens(piece)
        if len(piece) >= 2 and is_cjk(piece):
            parts.append("(" + " <-> ".join(f"'{t}'" for t in tokens[:-1]) + ")")
        else:
            parts.append(f"'{piece}':*")
    return " & ".join(parts)


def tsvector_text(tokens: Sequence[str]) -> str:
    """A tsvector literal with positions (1-based, capped at PostgreSQL's 16383)."""
    return " ".join(f"'{t}':{min(i, 16383)}" for i, t in enumerate(tokens, start=1))


# Unmapped (see the migration): lightweight table constructs for building queries.
_FTS = table(SEARCH_TABLE, column("rowid", Integer), column(SEARCH_TABLE))
_PG = table(SEARCH_TABLE, column("ticket_id", Integer), column("tokens"))


def _match(dialect_name: str, query: str) -> tuple[ColumnElement[bool], ColumnElement[int]]:
    """The match condition on the search table and its ticket-id column."""
    if dialect_name == "sqlite":
        cond = _FTS.c[SEARCH_TABLE].bool_op("MATCH")(bindparam("search_q", fts5_query(query)))
        return cond, _FTS.c.rowid
    # Imported here: the PostgreSQL dialect costs ~0.1 s at start-up, which SQLite never needs.
    from sqlalchemy.dialects.postgresql import TSQUERY

    cond = _PG.c.tokens.bool_op("@@")(cast(bindparam("search_q", tsquery_text(query)), TSQUERY))
    return cond, _PG.c.ticket_id


def matching_ids_clause(
    dialect_name: str, query: str, *, probe: bool = False
) -> ColumnElement[bool]:
    """A WHERE clause on ``ticket.id`` that keeps the tickets matching ``query``.

    Two plans, the same answer. By default the database starts from the search index's
    matches (best for rare terms and for counting). With ``probe`` it walks the queue's
    ordering index and checks each ticket against the matches (best for a page of a common
    term: 100 of 60,000 matches are found after a few hundred rows instead of sorting all
    60,000). Callers choose with :func:`match_count` (see services/queue.py).
    """
    cond, ticket_id = _match(dialect_name, query)
    source = _FTS if dialect_name == "sqlite" else _PG
    if not probe:
        return Ticket.id.in_(select(ticket_id).select_from(source).where(cond))
    if dialect_name == "sqlite":
        # "+ 0" keeps SQLite from driving the query from the IN list; the list is built once.
        return (Ticket.id + 0).in_(select(ticket_id).select_from(source).where(cond))
    # A correlated scalar subquery is never flattened into a join by PostgreSQL: one primary
    # key probe per ticket the ordering index yields.
    return select(cond).select_from(source).where(ticket_id == Ticket.id).scalar_subquery()


def match_count(connection: Connection, query: str, bound: int) -> int:
    """How many tickets match ``query``, counted up to ``bound`` only (cheap)."""
    cond, ticket_id = _match(connection.dialect.name, query)
    source = _FTS if connection.dialect.name == "sqlite" else _PG
    inner = select(ticket_id).select_from(source).where(cond).limit(bound).subquery()
    return int(connection.scalar(select(func.count()).select_from(inner)) or 0)


def recent_matches(connection: Connection, query: str, limit: int) -> list[int]:
    """Ids of the newest ``limit`` tickets matching ``query``, newest first, read from the
    search table alone (ids grow with registration; services/category_guess.py)."""
    cond, ticket_id = _match(connection.dialect.name, query)
    source = _FTS if connection.dialect.name == "sqlite" else _PG
    stmt = select(ticket_id).select_from(source).where(cond)
    return list(connection.scalars(stmt.order_by(ticket_id.desc()).limit(limit)))


def search_ticket_ids(connection: Connection, query: str) -> list[int]:
    """Ids of every ticket matching ``query``, ascending (for tools and tests)."""
    stmt = select(Ticket.id).where(matching_ids_clause(connection.dialect.name, query))
    return list(connection.scalars(stmt.order_by(Ticket.id)))


# --- keeping the index in sync -------------------------------------------------------------


def _write(connection: Connection, rows: Iterable[tuple[int, list[str]]]) -> None:
    """Replace the index entries of these tickets."""
    rows = list(rows)
    if not rows:
        return
    key = "rowid" if connection.dialect.name == "sqlite" else "ticket_id"
    connection.execute(
        text(f"DELETE FROM {SEARCH_TABLE} WHERE {key} = :id"), [{"id": tid} for tid, _ in rows]
    )
    add_entries(connection, rows)


def add_entries(connection: Connection, rows: Sequence[tuple[int, list[str]]]) -> None:
    """Index tickets that have no entry yet (just inserted, or just deleted by :func:`_write`):
    one executemany per call, as bulk registration (registration.register_many) needs."""
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(f"INSERT INTO {SEARCH_TABLE}(rowid, tokens) VALUES (:id, :tokens)"),
            [{"id": tid, "tokens": " ".join(tokens)} for tid, tokens in rows],
        )
    else:
        connection.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE}(ticket_id, tokens) VALUES (:id, CAST(:v AS tsvector))"
            ),
            [{"id": tid, "v": tsvector_text(tokens)} for tid, tokens in rows],
        )


def _text_batches(
    connection: Connection, ticket_ids: Sequence[int] | None
) -> Iterator[list[tuple[int, list[str]]]]:
    """Tickets' tokens in batches; whole-table reads page by id (keyset) so memory stays flat
    and no read cursor is left open while the batch is written."""
    cols = select(Ticket.id, Ticket.title, Ticket.description, Ticket.address)
    if ticket_ids is None:
        last = 0
        while True:
            rows = connection.execute(
                cols.where(Ticket.id > last).order_by(Ticket.id).limit(_BATCH)
            ).all()
            if not rows:
                return
            last = rows[-1][0]
            yield [(r[0], ticket_tokens(r[1], r[2], r[3])) for r in rows]
    else:
        for start in range(0, len(ticket_ids), _BATCH):
            chunk = list(ticket_ids[start : start + _BATCH])
            rows = connection.execute(cols.where(Ticket.id.in_(chunk))).all()
            yield [(r[0], ticket_tokens(r[1], r[2], r[3])) for r in rows]


def _rebuild_sqlite(connection: Connection) -> int:
    connection.execute(text(f"DELETE FROM {SEARCH_TABLE}"))
    count = 0
    for batch in _text_batches(connection, None):
        connection.execute(
            text(f"INSERT INTO {SEARCH_TABLE}(rowid, tokens) VALUES (:id, :tokens)"),
            [{"id": tid, "tokens": " ".join(tokens)} for tid, tokens in batch],
        )
        count += len(batch)
    return count


def _rebuild_postgresql(connection: Connection) -> int:
    """COPY into the table without its GIN index, then build the index once: several times
    faster than maintaining the index row by row."""
    connection.execute(text(f"TRUNCATE {SEARCH_TABLE}"))
    connection.execute(text(f"DROP INDEX IF EXISTS {SEARCH_INDEX}"))
    raw = connection.connection.driver_connection
    count = 0
    for batch in _text_batches(connection, None):
        with raw.cursor() as cur:
            with cur.copy(f"COPY {SEARCH_TABLE} (ticket_id, tokens) FROM STDIN") as copy:
                for tid, tokens in batch:
                    copy.write_row((tid, tsvector_text(tokens)))
        count += len(batch)
    connection.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
    connection.execute(text(f"CREATE INDEX {SEARCH_INDEX} ON {SEARCH_TABLE} USING gin (tokens)"))
    return count


def index_tickets(connection: Connection, ticket_ids: Sequence[int] | None = None) -> int:
    """(Re)build the search entries of ``ticket_ids``, or of every ticket when None; returns
    how many tickets were indexed. Runs in the caller's transaction (the caller commits).

    Bulk loaders (the demo builder) call this after their Core inserts, for which the ORM hooks
    do not fire; ``None`` rebuilds the whole index in one fast pass.
    """
    if ticket_ids is None:
        if connection.dialect.name == "sqlite":
            return _rebuild_sqlite(connection)
        return _rebuild_postgresql(connection)
    count = 0
    for batch in _text_batches(connection, ticket_ids):
        _write(connection, batch)
        count += len(batch)
    return count


def _after_update(_mapper: Mapper, connection: Connection, target: Ticket) -> None:
    # History is still there in after_update: skip the (frequent) status-only changes.
    state = inspect(target)
    if not any(state.attrs[n].history.has_changes() for n in ("title", "description", "address")):
        return
    _write(
        connection, [(target.id, ticket_tokens(target.title, target.description, target.address))]
    )


def _after_delete(_mapper: Mapper, connection: Connection, target: Ticket) -> None:
    key = "rowid" if connection.dialect.name == "sqlite" else "ticket_id"
    connection.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE {key} = :id"), {"id": target.id})


def _after_insert(mapper: Mapper, connection: Connection, target: Ticket) -> None:
    _write(
        connection, [(target.id, ticket_tokens(target.title, target.description, target.address))]
    )


# Registered once, at import: every service that saves tickets through the ORM keeps the index
# in the same transaction (a rollback drops the index change with the ticket change).
if not event.contains(Ticket, "after_insert", _after_insert):
    event.listen(Ticket, "after_insert", _after_insert)
    event.listen(Ticket, "after_update", _after_update)
    event.listen(Ticket, "after_delete", _after_delete)
