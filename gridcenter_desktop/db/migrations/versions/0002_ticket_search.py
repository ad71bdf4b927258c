"""ticket text search index (bigram tokens; see services/search.py)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

The table is not a mapped model: on SQLite it is an FTS5 virtual table (with shadow tables
ticket_search_*), on PostgreSQL a tsvector column under a GIN index; tests/test_schema.py
leaves objects named ticket_search* out of the models-vs-migrations comparison. The tokens
are computed in Python (services/search.py) and the index starts empty: tickets that existed
before this revision are indexed by ``services.search.index_tickets(connection)``.

pg_trgm is deliberately not used: for LIKE '%噪音%' (two characters) it extracts no trigram
and PostgreSQL scans the whole table (measured: docs/performance.md).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # unicode61 keeps a CJK bigram as one token; rowid is the ticket id.
        op.execute(
            "CREATE VIRTUAL TABLE ticket_search USING fts5("
            "tokens, tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        # No foreign key: the index is rebuilt in bulk (TRUNCATE + COPY) and never decides
        # anything about tickets; entries of deleted tickets are removed by the ORM hook.
        op.execute(
            "CREATE TABLE ticket_search (ticket_id integer PRIMARY KEY, tokens tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_ticket_search_tokens ON ticket_search USING gin (tokens)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS ticket_search")
