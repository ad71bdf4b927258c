"""tickets in from the platforms, files on tickets

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

* ticket: external_source / external_code (unique per source where given), external_category,
  intake_profile_id, and the "to be placed" flags to_place and category_unmapped (with a
  partial index on them).
* intake_profile (column mappings of platforms' sheets) and intake_category_map (a platform's
  categories → ours): operators write them while importing.
* attachment: photos and documents on tickets and feedbacks, content in the database. Nobody
  updates one; a trigger refuses removing one from a closed or merged ticket (both databases,
  so the owner is stopped too).
* PostgreSQL: the timeline trigger learns the new actions (place, attach, detach).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import pg_security

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_TO_PLACE = "to_place OR category_unmapped"

_PG_GUARD = """
CREATE FUNCTION gc_attachment_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM ticket WHERE id = OLD.ticket_id) IN ('closed', 'merged') THEN
        RAISE EXCEPTION 'gridcenter: the attachments of a closed ticket are kept'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER trg_attachment_kept BEFORE DELETE ON attachment
    FOR EACH ROW EXECUTE FUNCTION gc_attachment_kept();
"""

_SQLITE_GUARD = """
CREATE TRIGGER trg_attachment_kept BEFORE DELETE ON attachment
WHEN (SELECT status FROM ticket WHERE id = OLD.ticket_id) IN ('closed', 'merged')
BEGIN
    SELECT RAISE(ABORT, 'gridcenter: the attachments of a closed ticket are kept');
END
"""


def upgrade() -> None:
    op.create_table(
        "intake_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("ticket_source", sa.String(length=25), nullable=False),
        sa.Column("columns", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["app_user.id"],
            name=op.f("fk_intake_profile_updated_by_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_profile")),
        sa.UniqueConstraint("name", name=op.f("uq_intake_profile_name")),
    )
    op.create_table(
        "intake_category_map",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("external", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["app_user.id"],
            name=op.f("fk_intake_category_map_updated_by_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_category_map")),
        sa.UniqueConstraint("source", "external", name=op.f("uq_intake_category_map_source")),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_source", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("external_code", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("external_category", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("intake_profile_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("to_place", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("category_unmapped", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_ticket_intake_profile_id_intake_profile"),
            "intake_profile",
            ["intake_profile_id"],
            ["id"],
        )
    op.create_index(
        "ux_ticket_external",
        "ticket",
        ["external_source", "external_code"],
        unique=True,
        sqlite_where=sa.text("external_code IS NOT NULL"),
        postgresql_where=sa.text("external_code IS NOT NULL"),
    )
    op.create_index(
        "ix_ticket_to_place",
        "ticket",
        ["created_at", "id"],
        unique=False,
        sqlite_where=sa.text(_TO_PLACE),
        postgresql_where=sa.text(_TO_PLACE),
    )

    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["app_user.id"], name=op.f("fk_attachment_added_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignment.id"],
            name=op.f("fk_attachment_assignment_id_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_attachment_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    op.create_index("ix_attachment_ticket", "attachment", ["ticket_id", "id"], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(_PG_GUARD)
    else:
        bind.exec_driver_sql(_SQLITE_GUARD)
    writes = {
        "intake_profile": "INSERT, UPDATE",
        "intake_category_map": "INSERT, UPDATE",
        "attachment": "INSERT, DELETE",
    }
    for table, privileges in writes.items():
        pg_security.grant_writes(
            bind, table, {role: privileges for role in (UserRole.OPERATOR, UserRole.SUPERVISOR)}
        )
        admin = privileges + (", DELETE" if table == "intake_profile" else "")
        pg_security.grant_writes(bind, table, {UserRole.ADMIN: admin})
    pg_security.refresh_event_action_check(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS trg_attachment_kept ON attachment")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS gc_attachment_kept()")
    else:
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS trg_attachment_kept")
    op.drop_index("ix_attachment_ticket", table_name="attachment")
    op.drop_table("attachment")
    op.drop_index("ix_ticket_to_place", table_name="ticket")
    op.drop_index("ux_ticket_external", table_name="ticket")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_ticket_intake_profile_id_intake_profile"), type_="foreignkey"
        )
        batch_op.drop_column("category_unmapped")
        batch_op.drop_column("to_place")
        batch_op.drop_column("intake_profile_id")
        batch_op.drop_column("external_category")
        batch_op.drop_column("external_code")
        batch_op.drop_column("external_source")
    op.drop_table("intake_category_map")
    op.drop_table("intake_profile")
