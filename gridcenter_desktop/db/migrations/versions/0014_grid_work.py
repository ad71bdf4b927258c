"""grid work: the households grid workers visit, the registers they keep (special groups,
rental housing, hidden dangers) and the video channels; tickets say what they were raised from

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02

* household and household_visit (走访): a visit counts its household once a month for the
  coverage; an imported visit keeps the mobile app's record id (unique), so a sheet imported
  twice adds nothing.
* special_group_member (特殊群体), rental_housing (出租房屋/群租房), hidden_danger (安全隐患),
  video_channel (视频通道).
* ticket.video_channel_id (a 视频巡查 ticket names its channel), raised_from_kind/_id (the
  register row a ticket was raised from), reported_by_person_id (the grid worker who reported
  it). Grid boundaries live in area.geometry (GeoJSON, WGS-84) since 0001.
* PostgreSQL: the desk roles write the registers; a viewer reads. Row-level security keeps the
  sensitive special groups (core.permissions.SENSITIVE_GROUPS) from operators and viewers: they
  neither read nor write those rows, whatever the client does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.core.permissions import SENSITIVE_GROUPS
from gridcenter_desktop.db import pg_security

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "household",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("register_no", sa.String(length=32), nullable=True),
        sa.Column("head_name", sa.String(length=64), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("last_visited_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["grid_id"], ["area.id"], name=op.f("fk_household_grid_id_area")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index("ix_household_grid_address", ["grid_id", "address"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_household_last_visited_on"), ["last_visited_on"], unique=False
        )
        batch_op.create_index("ix_household_register_no", ["register_no"], unique=False)

    op.create_table(
        "video_channel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("stream_url", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=15), nullable=False),
        sa.Column("status_since", sa.DateTime(), nullable=False),
        sa.Column("owner_unit", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["area.id"], name=op.f("fk_video_channel_grid_id_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video_channel")),
        sa.UniqueConstraint("number", name=op.f("uq_video_channel_number")),
    )
    with op.batch_alter_table("video_channel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_video_channel_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(
            "ix_video_channel_status_since", ["status", "status_since"], unique=False
        )

    op.create_table(
        "hidden_danger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=18), nullable=False),
        sa.Column("risk_level", sa.String(length=14), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("found_by_id", sa.Integer(), nullable=True),
        sa.Column("found_by_name", sa.String(length=64), nullable=False),
        sa.Column("rectify_by", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=18), nullable=False),
        sa.Column("rectified_on", sa.Date(), nullable=True),
        sa.Column("rectification_note", sa.Text(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["found_by_id"], ["person.id"], name=op.f("fk_hidden_danger_found_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["area.id"], name=op.f("fk_hidden_danger_grid_id_area")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["app_user.id"], name=op.f("fk_hidden_danger_updated_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hidden_danger")),
    )
    with op.batch_alter_table("hidden_danger", schema=None) as batch_op:
        batch_op.create_index("ix_hidden_danger_grid_status", ["grid_id", "status"], unique=False)
        batch_op.create_index(
            "ix_hidden_danger_status_deadline", ["status", "rectify_by"], unique=False
        )

    op.create_table(
        "rental_housing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("landlord_name", sa.String(length=64), nullable=False),
        sa.Column("landlord_phone", sa.String(length=32), nullable=True),
        sa.Column("tenants_count", sa.Integer(), nullable=False),
        sa.Column("rooms_count", sa.Integer(), nullable=True),
        sa.Column("group_rental", sa.Boolean(), nullable=False),
        sa.Column("last_inspected_on", sa.Date(), nullable=True),
        sa.Column("next_inspection_on", sa.Date(), nullable=True),
        sa.Column("hazards", sa.Text(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["area.id"], name=op.f("fk_rental_housing_grid_id_area")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["app_user.id"],
            name=op.f("fk_rental_housing_updated_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["person.id"], name=op.f("fk_rental_housing_worker_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rental_housing")),
    )
    with op.batch_alter_table("rental_housing", schema=None) as batch_op:
        batch_op.create_index("ix_rental_housing_grid", ["grid_id"], unique=False)
        batch_op.create_index(
            "ix_rental_housing_next_inspection", ["next_inspection_on"], unique=False
        )

    op.create_table(
        "special_group_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=28), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("guardian", sa.String(length=64), nullable=True),
        sa.Column("guardian_phone", sa.String(length=32), nullable=True),
        sa.Column("care_note", sa.Text(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("last_visited_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["area.id"], name=op.f("fk_special_group_member_grid_id_area")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["app_user.id"],
            name=op.f("fk_special_group_member_updated_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["person.id"], name=op.f("fk_special_group_member_worker_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_special_group_member")),
    )
    with op.batch_alter_table("special_group_member", schema=None) as batch_op:
        batch_op.create_index("ix_special_group_grid_kind", ["grid_id", "kind"], unique=False)
        batch_op.create_index("ix_special_group_name", ["name"], unique=False)

    op.create_table(
        "household_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("problem", sa.Boolean(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=14), nullable=False),
        sa.Column("external_code", sa.String(length=64), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["area.id"], name=op.f("fk_household_visit_grid_id_area")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_household_visit_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["app_user.id"],
            name=op.f("fk_household_visit_recorded_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_household_visit_ticket_id_ticket")
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["person.id"], name=op.f("fk_household_visit_worker_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_visit")),
    )
    with op.batch_alter_table("household_visit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_household_visit_grid_day", ["grid_id", "visited_on"], unique=False
        )
        batch_op.create_index(
            "ix_household_visit_household_day", ["household_id", "visited_on"], unique=False
        )
        batch_op.create_index(
            "ix_household_visit_worker_day", ["worker_id", "visited_on"], unique=False
        )
        batch_op.create_index(
            "ux_household_visit_external",
            ["external_code"],
            unique=True,
            sqlite_where=sa.text("external_code IS NOT NULL"),
            postgresql_where=sa.text("external_code IS NOT NULL"),
        )

    # Plain ALTER TABLE: a batch rebuild of the ticket table would trip the triggers that name
    # it. SQLite takes the foreign key inline with ADD COLUMN (Alembic cannot add one later).
    bind = op.get_bind()
    for column, table in (
        ("video_channel_id", "video_channel"),
        ("reported_by_person_id", "person"),
    ):
        name = f"fk_ticket_{column}_{table}"
        if bind.dialect.name == "sqlite":
            bind.exec_driver_sql(
                f"ALTER TABLE ticket ADD COLUMN {column} INTEGER"
                f" CONSTRAINT {name} REFERENCES {table} (id)"
            )
        else:
            op.add_column("ticket", sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(name, "ticket", table, [column], ["id"])
    op.add_column("ticket", sa.Column("raised_from_kind", sa.String(length=21), nullable=True))
    op.add_column("ticket", sa.Column("raised_from_id", sa.Integer(), nullable=True))
    for name, columns, where in (
        ("ix_ticket_raised_from", ["raised_from_kind", "raised_from_id"], "raised_from_kind"),
        ("ix_ticket_reported_by", ["reported_by_person_id", "created_at"], "reported_by_person_id"),
        ("ix_ticket_video_channel", ["video_channel_id"], "video_channel_id"),
    ):
        op.create_index(
            name,
            "ticket",
            columns,
            unique=False,
            sqlite_where=sa.text(f"{where} IS NOT NULL"),
            postgresql_where=sa.text(f"{where} IS NOT NULL"),
        )

    _security(bind)


def downgrade() -> None:
    bind = op.get_bind()
    _drop_security(bind)
    for name in ("ix_ticket_video_channel", "ix_ticket_reported_by", "ix_ticket_raised_from"):
        op.drop_index(name, table_name="ticket")
    if bind.dialect.name == "postgresql":
        op.drop_constraint("fk_ticket_video_channel_id_video_channel", "ticket", type_="foreignkey")
        op.drop_constraint("fk_ticket_reported_by_person_id_person", "ticket", type_="foreignkey")
    # Plain DROP COLUMN (see 0013); SQLite drops the column's REFERENCES with it.
    for column in (
        "reported_by_person_id",
        "raised_from_id",
        "raised_from_kind",
        "video_channel_id",
    ):
        op.drop_column("ticket", column)

    with op.batch_alter_table("household_visit", schema=None) as batch_op:
        batch_op.drop_index(
            "ux_household_visit_external",
            sqlite_where=sa.text("external_code IS NOT NULL"),
            postgresql_where=sa.text("external_code IS NOT NULL"),
        )
        batch_op.drop_index("ix_household_visit_worker_day")
        batch_op.drop_index("ix_household_visit_household_day")
        batch_op.drop_index("ix_household_visit_grid_day")

    op.drop_table("household_visit")
    with op.batch_alter_table("special_group_member", schema=None) as batch_op:
        batch_op.drop_index("ix_special_group_name")
        batch_op.drop_index("ix_special_group_grid_kind")

    op.drop_table("special_group_member")
    with op.batch_alter_table("rental_housing", schema=None) as batch_op:
        batch_op.drop_index("ix_rental_housing_next_inspection")
        batch_op.drop_index("ix_rental_housing_grid")

    op.drop_table("rental_housing")
    with op.batch_alter_table("hidden_danger", schema=None) as batch_op:
        batch_op.drop_index("ix_hidden_danger_status_deadline")
        batch_op.drop_index("ix_hidden_danger_grid_status")

    op.drop_table("hidden_danger")
    with op.batch_alter_table("video_channel", schema=None) as batch_op:
        batch_op.drop_index("ix_video_channel_status_since")
        batch_op.drop_index(batch_op.f("ix_video_channel_grid_id"))

    op.drop_table("video_channel")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index("ix_household_register_no")
        batch_op.drop_index(batch_op.f("ix_household_last_visited_on"))
        batch_op.drop_index("ix_household_grid_address")

    op.drop_table("household")


_DESK = (UserRole.OPERATOR, UserRole.SUPERVISOR, UserRole.ADMIN)
_REGISTERS = ("household", "household_visit", "special_group_member", "rental_housing",
              "hidden_danger", "video_channel")  # fmt: skip


def _security(bind) -> None:
    """Grants on the new tables and the special groups' row-level security (no-op on SQLite)."""
    if bind.dialect.name != "postgresql":
        return
    for table in _REGISTERS:
        pg_security.grant_writes(bind, table, {role: "INSERT, UPDATE" for role in _DESK})
    pg_security.refresh_event_action_check(bind)
    sensitive = ", ".join(f"'{kind.value}'" for kind in sorted(SENSITIVE_GROUPS))
    who = "gc_current_user_role() IN ('supervisor', 'admin')"
    bind.exec_driver_sql("ALTER TABLE special_group_member ENABLE ROW LEVEL SECURITY")
    bind.exec_driver_sql(
        "CREATE POLICY special_group_need_to_know ON special_group_member FOR ALL"
        f" USING (kind NOT IN ({sensitive}) OR {who})"
        f" WITH CHECK (kind NOT IN ({sensitive}) OR {who})"
    )


def _drop_security(bind) -> None:
    if bind.dialect.name != "postgresql":
        return
    bind.exec_driver_sql("DROP POLICY IF EXISTS special_group_need_to_know ON special_group_member")
    bind.exec_driver_sql("ALTER TABLE special_group_member DISABLE ROW LEVEL SECURITY")
