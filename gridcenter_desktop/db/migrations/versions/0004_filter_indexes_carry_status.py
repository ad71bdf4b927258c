"""category, kind and source indexes carry id and status

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Counting a category's tickets (merged duplicates excluded) read every matching row for its
status: 78 ms CPU for 65,000 tickets on SQLite at 1M, 240 ms on PostgreSQL. With the status in
the index the count reads the index alone (4.8 ms on SQLite); id before it keeps "newest first"
pages on the index order (docs/performance.md).
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ("category", "kind", "source")


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.drop_index(f"ix_ticket_{column}_created")
            batch_op.create_index(
                f"ix_ticket_{column}_created",
                [column, "created_at", "id", "status"],
                unique=False,
            )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.drop_index(f"ix_ticket_{column}_created")
            batch_op.create_index(f"ix_ticket_{column}_created", [column, "created_at"])
