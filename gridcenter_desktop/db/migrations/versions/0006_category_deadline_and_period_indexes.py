"""a category's queue by deadline, and the period statistics read one index

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

* ix_ticket_category_deadline (category, deadline_at, id, status): the queue filtered to one
  category and ordered by deadline walked the category's (category, created_at) index and
  sorted all its tickets for one page (SQLite, 65,000 tickets at 1M: 118 ms for the first page,
  264 ms descending). With the ordering in the index the page stops after its rows; status at
  the end lets the merged check and the count read the index alone.
* Period statistics (services/statistics.py) at 1M tickets took 0.9-1.3 s on SQLite and
  0.6-0.8 s on PostgreSQL for a year; the target is 0.5 s. Three indexes carry every column
  they read, so no wide ticket row is visited:
  - ix_ticket_period_facts (created_at, then the facts and id): PostgreSQL's one GROUPING SETS
    scan and the department join read it alone (index-only scans).
  - ix_ticket_dims_facts / ix_ticket_grid_facts: their leading columns are the GROUP BY keys
    of SQLite's two big groupings, then created_at. SQLite skip-scans each key prefix for the
    period's range and aggregates in index order, with no sort (SQLite has no hash
    aggregation; its sort was most of the time: 400 → 110 ms and 220 → 85 ms CPU for a year).
  SQLite's planner only weighs them with fresh statistics, so a database that was ANALYZEd
  before is analysed again (a few seconds at 1M).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# id last: an index led by (created_at, id) would look to SQLite like one more way to page the
# queue newest first (ix_ticket_created, ix_ticket_open_created), walking past closed tickets.
PERIOD_FACTS = [
    "created_at",
    "status",
    "satisfaction",
    "kind",
    "category",
    "source",
    "outcome",
    "grid_id",
    "closed_at",
    "deadline_at",
    "people_count",
    "id",
]
FACTS = ["created_at", "closed_at", "deadline_at", "people_count"]
DIMS_FACTS = ["status", "satisfaction", "kind", "category", "source", "outcome", *FACTS]
GRID_FACTS = ["grid_id", "status", "satisfaction", *FACTS]


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ticket_category_deadline",
            ["category", "deadline_at", "id", "status"],
            unique=False,
        )
        batch_op.create_index("ix_ticket_period_facts", PERIOD_FACTS, unique=False)
        batch_op.create_index("ix_ticket_dims_facts", DIMS_FACTS, unique=False)
        batch_op.create_index("ix_ticket_grid_facts", GRID_FACTS, unique=False)
    bind = op.get_bind()
    if (
        bind.dialect.name == "sqlite"
        and bind.execute(sa.text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first()
    ):
        op.execute("ANALYZE ticket")


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_grid_facts")
        batch_op.drop_index("ix_ticket_dims_facts")
        batch_op.drop_index("ix_ticket_period_facts")
        batch_op.drop_index("ix_ticket_category_deadline")
