"""partial indexes for the open queue in each ordering

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

Open tickets are a few per cent of a long-lived database. Without these, a page of open tickets
ordered by deadline, creation or priority either walks the ordering index past every closed
ticket or sorts all open ones; with them it reads 100 index entries (EXPLAIN and timings in
docs/performance.md). The predicate is literal SQL, identical in the queries (services/queue.py
renders the open statuses as literals), because SQLite only uses a partial index whose WHERE
term appears unchanged in the query.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OPEN = "status IN ('awaiting_review', 'dispatched', 'in_progress', 'pending_dispatch')"
INDEXES = {
    "ix_ticket_open_created": ["created_at", "id"],
    "ix_ticket_open_deadline": ["deadline_at", "id"],
    "ix_ticket_open_priority": ["priority_rank", "created_at", "id"],
}


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(
                name,
                columns,
                unique=False,
                sqlite_where=sa.text(OPEN),
                postgresql_where=sa.text(OPEN),
            )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
