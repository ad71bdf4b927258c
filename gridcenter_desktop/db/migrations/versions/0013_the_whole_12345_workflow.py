"""the whole 12345 workflow: each department's clock, extensions, suspension, callbacks per
reporter, joint inspections and rectification notices

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

* ticket.suspended_at (挂起) and a partial index for the callback queue (待回访: answered, no
  rating yet); assignment.escalated_at and an index for missed acceptances.
* extension_request (延期申请 and the decision), callback_record (one per call, per reporter),
  joint_inspection with inspection_department (联席会议/联合检查 and who was there),
  rectification_notice (numbered, deadline not before the issue date: a CHECK constraint) and
  notice_counter (one number per notice, drawn in the issuing transaction).
* PostgreSQL: the groups' writes on the new tables; the timeline trigger learns the new
  actions (core/permissions.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import pg_security

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice_counter",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_notice_counter")),
    )
    op.create_table(
        "callback_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=False),
        sa.Column("called_by_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=19), nullable=False),
        sa.Column("satisfaction", sa.String(length=27), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reopened", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["called_by_id"], ["app_user.id"], name=op.f("fk_callback_record_called_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_callback_record_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_record")),
    )
    with op.batch_alter_table("callback_record", schema=None) as batch_op:
        batch_op.create_index("ix_callback_record_called", ["called_at"], unique=False)
        batch_op.create_index("ix_callback_record_ticket", ["ticket_id", "id"], unique=False)

    op.create_table(
        "joint_inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["app_user.id"],
            name=op.f("fk_joint_inspection_recorded_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_joint_inspection_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joint_inspection")),
    )
    with op.batch_alter_table("joint_inspection", schema=None) as batch_op:
        batch_op.create_index("ix_joint_inspection_held", ["held_on"], unique=False)
        batch_op.create_index("ix_joint_inspection_ticket", ["ticket_id", "id"], unique=False)

    op.create_table(
        "extension_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_finish_by", sa.DateTime(), nullable=False),
        sa.Column("previous_finish_by", sa.DateTime(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignment.id"],
            name=op.f("fk_extension_request_assignment_id_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["app_user.id"],
            name=op.f("fk_extension_request_decided_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["app_user.id"],
            name=op.f("fk_extension_request_requested_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_extension_request_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extension_request")),
    )
    with op.batch_alter_table("extension_request", schema=None) as batch_op:
        batch_op.create_index(
            "ix_extension_request_pending",
            ["requested_at"],
            unique=False,
            sqlite_where=sa.text("decision = 'pending'"),
            postgresql_where=sa.text("decision = 'pending'"),
        )
        batch_op.create_index("ix_extension_request_requested", ["requested_at"], unique=False)
        batch_op.create_index("ix_extension_request_ticket", ["ticket_id", "id"], unique=False)

    op.create_table(
        "inspection_department",
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_inspection_department_department_id_department"),
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["joint_inspection.id"],
            name=op.f("fk_inspection_department_inspection_id_joint_inspection"),
        ),
        sa.PrimaryKeyConstraint(
            "inspection_id", "department_id", name=op.f("pk_inspection_department")
        ),
    )
    op.create_table(
        "rectification_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=True),
        sa.Column("party", sa.String(length=200), nullable=False),
        sa.Column("party_address", sa.String(length=200), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("requirements", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=21), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("checked_by_id", sa.Integer(), nullable=True),
        sa.Column("check_note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "deadline >= issued_on", name=op.f("ck_rectification_notice_deadline_after_issue")
        ),
        sa.ForeignKeyConstraint(
            ["checked_by_id"],
            ["app_user.id"],
            name=op.f("fk_rectification_notice_checked_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["joint_inspection.id"],
            name=op.f("fk_rectification_notice_inspection_id_joint_inspection"),
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"],
            ["app_user.id"],
            name=op.f("fk_rectification_notice_issued_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_rectification_notice_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rectification_notice")),
        sa.UniqueConstraint("number", name=op.f("uq_rectification_notice_number")),
    )
    with op.batch_alter_table("rectification_notice", schema=None) as batch_op:
        batch_op.create_index("ix_rectification_notice_issued", ["issued_on", "id"], unique=False)
        batch_op.create_index(
            "ix_rectification_notice_status_deadline", ["status", "deadline"], unique=False
        )
        batch_op.create_index("ix_rectification_notice_ticket", ["ticket_id"], unique=False)

    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escalated_at", sa.DateTime(), nullable=True))
        batch_op.create_index(
            "ix_assignment_status_accept_by", ["status", "accept_by"], unique=False
        )

    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suspended_at", sa.DateTime(), nullable=True))
        batch_op.create_index(
            "ix_ticket_callback_pending",
            ["closed_at", "id"],
            unique=False,
            sqlite_where=sa.text("closed_at IS NOT NULL AND satisfaction IS NULL"),
            postgresql_where=sa.text("closed_at IS NOT NULL AND satisfaction IS NULL"),
        )

    bind = op.get_bind()
    _grant(bind)


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): rebuilding the ticket table in batch
    # mode would trip the triggers that name it.
    op.drop_index("ix_ticket_callback_pending", table_name="ticket")
    op.drop_column("ticket", "suspended_at")
    op.drop_index("ix_assignment_status_accept_by", table_name="assignment")
    op.drop_column("assignment", "escalated_at")

    with op.batch_alter_table("rectification_notice", schema=None) as batch_op:
        batch_op.drop_index("ix_rectification_notice_ticket")
        batch_op.drop_index("ix_rectification_notice_status_deadline")
        batch_op.drop_index("ix_rectification_notice_issued")

    op.drop_table("rectification_notice")
    op.drop_table("inspection_department")
    with op.batch_alter_table("extension_request", schema=None) as batch_op:
        batch_op.drop_index("ix_extension_request_ticket")
        batch_op.drop_index("ix_extension_request_requested")
        batch_op.drop_index(
            "ix_extension_request_pending",
            sqlite_where=sa.text("decision = 'pending'"),
            postgresql_where=sa.text("decision = 'pending'"),
        )

    op.drop_table("extension_request")
    with op.batch_alter_table("joint_inspection", schema=None) as batch_op:
        batch_op.drop_index("ix_joint_inspection_ticket")
        batch_op.drop_index("ix_joint_inspection_held")

    op.drop_table("joint_inspection")
    with op.batch_alter_table("callback_record", schema=None) as batch_op:
        batch_op.drop_index("ix_callback_record_ticket")
        batch_op.drop_index("ix_callback_record_called")

    op.drop_table("callback_record")
    op.drop_table("notice_counter")


_DESK = (UserRole.OPERATOR, UserRole.SUPERVISOR, UserRole.ADMIN)
_SIGNERS = (UserRole.SUPERVISOR, UserRole.ADMIN)


def _grant(bind) -> None:
    """Who writes what (no-op on SQLite): the desk records calls, meetings, requests for time
    and check-backs; supervisors decide requests and issue notices (and draw their numbers)."""
    writes = {
        "callback_record": {role: "INSERT" for role in _DESK},
        "joint_inspection": {role: "INSERT" for role in _DESK},
        "inspection_department": {role: "INSERT" for role in _DESK},
        "extension_request": {UserRole.OPERATOR: "INSERT"}
        | {role: "INSERT, UPDATE" for role in _SIGNERS},
        "rectification_notice": {UserRole.OPERATOR: "UPDATE"}
        | {role: "INSERT, UPDATE" for role in _SIGNERS},
        "notice_counter": {role: "INSERT, UPDATE" for role in _SIGNERS},
    }
    for table, grants in writes.items():
        pg_security.grant_writes(bind, table, grants)
    pg_security.refresh_event_action_check(bind)
