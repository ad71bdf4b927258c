"""administrators may delete a department entered by mistake

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

* PostgreSQL: the admin group gets DELETE on department, for services/admin/departments.py's
  delete_department (which refuses a department that tickets or users refer to; the foreign
  keys refuse it too). No schema change; a no-op on SQLite.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import pg_security, roles

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pg_security.grant_writes(op.get_bind(), "department", {UserRole.ADMIN: "DELETE"})


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    group = roles.group_roles(roles.database_prefix(bind))[UserRole.ADMIN]
    bind.execute(text(f"REVOKE DELETE ON department FROM {roles.quote_ident(bind, group)}"))
