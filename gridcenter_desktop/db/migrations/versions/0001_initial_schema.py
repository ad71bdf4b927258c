"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=18), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("login", name=op.f("uq_app_user_login")),
    )
    op.create_table(
        "area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=17), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("code_system", sa.String(length=32), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["area.id"], name=op.f("fk_area_parent_id_area")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area")),
    )
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_area_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "calendar_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=15), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_day")),
    )
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=17), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("code", name=op.f("uq_department_code")),
    )
    op.create_table(
        "grid_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=18), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("party_member", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_grid_member_area_id_area")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_member")),
    )
    with op.batch_alter_table("grid_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grid_member_area_id"), ["area_id"], unique=False)

    op.create_table(
        "ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=18), nullable=False),
        sa.Column("source", sa.String(length=25), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reporter_name", sa.String(length=64), nullable=True),
        sa.Column("reporter_phone", sa.String(length=32), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("priority_rank", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("deadline_at", sa.DateTime(), nullable=False),
        sa.Column("due_soon_at", sa.DateTime(), nullable=False),
        sa.Column("dispatched_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("people_count", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=18), nullable=True),
        sa.Column("satisfaction", sa.String(length=27), nullable=True),
        sa.Column("solved_in_grid", sa.Boolean(), nullable=False),
        sa.Column("urge_count", sa.Integer(), nullable=False),
        sa.Column("supervised", sa.Boolean(), nullable=False),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["app_user.id"], name=op.f("fk_ticket_created_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["area.id"], name=op.f("fk_ticket_grid_id_area")),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["ticket.id"], name=op.f("fk_ticket_merged_into_id_ticket")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["app_user.id"], name=op.f("fk_ticket_updated_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
        sa.UniqueConstraint("code", name=op.f("uq_ticket_code")),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ticket_category_created", ["category", "created_at"], unique=False
        )
        batch_op.create_index("ix_ticket_closed", ["closed_at"], unique=False)
        batch_op.create_index("ix_ticket_created", ["created_at", "id"], unique=False)
        batch_op.create_index("ix_ticket_deadline", ["deadline_at", "id"], unique=False)
        batch_op.create_index("ix_ticket_grid_status", ["grid_id", "status"], unique=False)
        batch_op.create_index("ix_ticket_kind_created", ["kind", "created_at"], unique=False)
        batch_op.create_index("ix_ticket_merged_into", ["merged_into_id"], unique=False)
        batch_op.create_index(
            "ix_ticket_priority", ["priority_rank", "created_at", "id"], unique=False
        )
        batch_op.create_index("ix_ticket_source_created", ["source", "created_at"], unique=False)
        batch_op.create_index(
            "ix_ticket_status_created", ["status", "created_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_ticket_status_deadline", ["status", "deadline_at", "id"], unique=False
        )

    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=14), nullable=False),
        sa.Column("status", sa.String(length=17), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("accept_by", sa.DateTime(), nullable=False),
        sa.Column("finish_by", sa.DateTime(), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.Column("fed_back_at", sa.DateTime(), nullable=True),
        sa.Column("complaint_true", sa.Boolean(), nullable=True),
        sa.Column("solved", sa.Boolean(), nullable=True),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.Column("public_reply", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_assignment_department_id_department"),
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["area.id"], name=op.f("fk_assignment_grid_id_area")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_assignment_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assignment_department_status", ["department_id", "status"], unique=False
        )
        batch_op.create_index("ix_assignment_grid_status", ["grid_id", "status"], unique=False)
        batch_op.create_index("ix_assignment_ticket", ["ticket_id"], unique=False)

    op.create_table(
        "ticket_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=21), nullable=False),
        sa.Column("from_status", sa.String(length=24), nullable=True),
        sa.Column("to_status", sa.String(length=24), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_ticket_event_ticket_id_ticket")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_ticket_event_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_event")),
    )
    with op.batch_alter_table("ticket_event", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_event_at", ["at"], unique=False)
        batch_op.create_index("ix_ticket_event_ticket", ["ticket_id", "id"], unique=False)
        batch_op.create_index("ix_ticket_event_user", ["user_id", "ticket_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ticket_event", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_event_user")
        batch_op.drop_index("ix_ticket_event_ticket")
        batch_op.drop_index("ix_ticket_event_at")

    op.drop_table("ticket_event")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_assignment_ticket")
        batch_op.drop_index("ix_assignment_grid_status")
        batch_op.drop_index("ix_assignment_department_status")

    op.drop_table("assignment")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_status_deadline")
        batch_op.drop_index("ix_ticket_status_created")
        batch_op.drop_index("ix_ticket_source_created")
        batch_op.drop_index("ix_ticket_priority")
        batch_op.drop_index("ix_ticket_merged_into")
        batch_op.drop_index("ix_ticket_kind_created")
        batch_op.drop_index("ix_ticket_grid_status")
        batch_op.drop_index("ix_ticket_deadline")
        batch_op.drop_index("ix_ticket_created")
        batch_op.drop_index("ix_ticket_closed")
        batch_op.drop_index("ix_ticket_category_created")

    op.drop_table("ticket")
    with op.batch_alter_table("grid_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grid_member_area_id"))

    op.drop_table("grid_member")
    op.drop_table("department")
    op.drop_table("calendar_day")
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_area_parent_id"))

    op.drop_table("area")
    op.drop_table("app_user")
