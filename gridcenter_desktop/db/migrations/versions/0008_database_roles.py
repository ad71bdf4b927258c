"""database roles: group roles, grants, row-level security, sign-in and account functions

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

PostgreSQL only (SQLite: nothing): the database itself refuses what an application role may
not do (db/pg_security.py says what is granted to whom, db/roles.py how roles are named).
The migrating role must be able to create roles (CREATEROLE); without it the migration stops
with a sentence naming the privilege. Downgrade drops every role of the database.
"""

from __future__ import annotations

from alembic import op

from gridcenter_desktop.db import pg_security

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pg_security.install(op.get_bind())


def downgrade() -> None:
    pg_security.uninstall(op.get_bind())
