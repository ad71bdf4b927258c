"""accounts, audit trail, ticket code counter, idempotency keys, database settings

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

* app_user gains must_change_password (an administrator's reset), db_role (the PostgreSQL
  login role the account signs in with), department_id / area_id (scope) and created_at.
* audit_entry: sign-ins, exports, personal-data views, administration and calendar changes.
* ticket_code_counter: one row per day, incremented in the registering transaction, so codes
  cannot collide between desks (they did: 39 of 100 registrations lost at 10 desks).
* action_key: idempotency keys of workflow actions, unique, so a retry after a lost COMMIT
  answer is applied once.
* app_setting: key/value facts of the database (the demo marker).
* ticket_event and audit_entry become append-only (db/append_only.py).

The counter starts from the codes already given out, so a database upgraded mid-day carries on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gridcenter_desktop.db import append_only

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch_op.add_column(sa.Column("db_role", sa.String(length=63), nullable=True))
        batch_op.add_column(sa.Column("department_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("area_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("created_at", sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_app_user_db_role"), ["db_role"])
        batch_op.create_foreign_key(
            batch_op.f("fk_app_user_department_id_department"),
            "department",
            ["department_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_app_user_area_id_area"), "area", ["area_id"], ["id"]
        )

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("workstation", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=27), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_audit_entry_ticket_id_ticket")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_audit_entry_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_entry_user_at", ["user_id", "at"], unique=False)
        batch_op.create_index("ix_audit_entry_action_at", ["action", "at"], unique=False)
        batch_op.create_index("ix_audit_entry_ticket", ["ticket_id"], unique=False)

    op.create_table(
        "ticket_code_counter",
        sa.Column("day", sa.String(length=8), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_ticket_code_counter")),
    )
    op.create_table(
        "action_key",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_action_key_ticket_id_ticket")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_action_key_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_action_key")),
    )
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )
    # Carry on from today's codes: the counter of each day is its highest number so far.
    op.execute(
        "INSERT INTO ticket_code_counter (day, last) "
        "SELECT substr(code, 3, 8), max(CAST(substr(code, 12) AS INTEGER)) FROM ticket "
        "WHERE code LIKE 'GC________-%' GROUP BY substr(code, 3, 8)"
    )
    append_only.create(op.get_bind())


def downgrade() -> None:
    append_only.drop(op.get_bind())
    op.drop_table("app_setting")
    op.drop_table("action_key")
    op.drop_table("ticket_code_counter")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_ticket")
        batch_op.drop_index("ix_audit_entry_action_at")
        batch_op.drop_index("ix_audit_entry_user_at")
        batch_op.drop_index("ix_audit_entry_at")
    op.drop_table("audit_entry")
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_app_user_area_id_area"), type_="foreignkey")
        batch_op.drop_constraint(
            batch_op.f("fk_app_user_department_id_department"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_app_user_db_role"), type_="unique")
        batch_op.drop_column("created_at")
        batch_op.drop_column("area_id")
        batch_op.drop_column("department_id")
        batch_op.drop_column("db_role")
        batch_op.drop_column("must_change_password")
