"""a town administers its own areas, people, departments, deadline rules and settings

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

* area: retired_at and merged_into_id (a retired grid keeps its history), level widened for
  micro_grid, codes unique where given (ux_area_code).
* person: someone serving in grids; grid_member becomes a period of service (person_id, role,
  since, until). Existing members become one person per distinct (name, phone), serving since
  before records began.
* department: dispatchable, contact name and phone, retired_at.
* deadline_rule: the limits an administrator entered, each with the moment it takes effect.
* PostgreSQL: the admin group writes person and deadline_rule (SELECT comes by default).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import pg_security

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.alter_column(
            "level", existing_type=sa.String(length=17), type_=sa.String(length=18)
        )
        batch_op.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_area_merged_into_id_area"), "area", ["merged_into_id"], ["id"]
        )
    op.create_index(
        "ux_area_code",
        "area",
        ["code"],
        unique=True,
        sqlite_where=sa.text("code IS NOT NULL"),
        postgresql_where=sa.text("code IS NOT NULL"),
    )

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("party_member", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_index("ix_person_name_phone", "person", ["name", "phone"], unique=False)

    with op.batch_alter_table("grid_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("since", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("until", sa.Date(), nullable=True))
    _members_become_people()
    with op.batch_alter_table("grid_member", schema=None) as batch_op:
        batch_op.alter_column("person_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column(
            "role", existing_type=sa.String(length=18), type_=sa.String(length=24)
        )
        batch_op.drop_column("name")
        batch_op.drop_column("phone")
        batch_op.drop_column("party_member")
        batch_op.create_foreign_key(
            batch_op.f("fk_grid_member_person_id_person"), "person", ["person_id"], ["id"]
        )
        batch_op.create_index("ix_grid_member_person", ["person_id"], unique=False)

    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("dispatchable", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(sa.Column("contact_name", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("contact_phone", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))

    op.create_table(
        "deadline_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=22), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("effective_from", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_deadline_rule_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_rule")),
    )
    op.create_index(
        "ix_deadline_rule_key",
        "deadline_rule",
        ["kind", "category", "priority", "effective_from"],
        unique=False,
    )

    bind = op.get_bind()
    pg_security.grant_writes(bind, "person", {UserRole.ADMIN: "INSERT, UPDATE, DELETE"})
    pg_security.grant_writes(bind, "deadline_rule", {UserRole.ADMIN: "INSERT"})


def _members_become_people() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, name, phone, party_member FROM grid_member ORDER BY id")
    ).all()
    people: dict[tuple[str, str | None], int] = {}
    person = sa.table(
        "person",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("phone", sa.String),
        sa.column("party_member", sa.Boolean),
    )
    links = []
    for member_id, name, phone, party in rows:
        key = (name, phone)
        if key not in people:
            people[key] = len(people) + 1
            bind.execute(
                person.insert().values(
                    id=people[key], name=name, phone=phone, party_member=bool(party)
                )
            )
        links.append({"pid": people[key], "mid": member_id})
    if links:
        bind.execute(sa.text("UPDATE grid_member SET person_id = :pid WHERE id = :mid"), links)
    if bind.dialect.name == "postgresql" and people:
        bind.execute(
            sa.text("SELECT setval(pg_get_serial_sequence('person', 'id'), :n, true)"),
            {"n": len(people)},
        )


def downgrade() -> None:
    op.drop_index("ix_deadline_rule_key", table_name="deadline_rule")
    op.drop_table("deadline_rule")
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.drop_column("retired_at")
        batch_op.drop_column("contact_phone")
        batch_op.drop_column("contact_name")
        batch_op.drop_column("dispatchable")
    with op.batch_alter_table("grid_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("phone", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("party_member", sa.Boolean(), nullable=True))
    op.execute(
        "UPDATE grid_member SET name = (SELECT name FROM person WHERE person.id ="
        " grid_member.person_id), phone = (SELECT phone FROM person WHERE person.id ="
        " grid_member.person_id), party_member = (SELECT party_member FROM person WHERE"
        " person.id = grid_member.person_id)"
    )
    with op.batch_alter_table("grid_member", schema=None) as batch_op:
        batch_op.drop_index("ix_grid_member_person")
        batch_op.drop_constraint("fk_grid_member_person_id_person", type_="foreignkey")
        batch_op.drop_column("until")
        batch_op.drop_column("since")
        batch_op.drop_column("person_id")
        batch_op.alter_column("name", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("party_member", existing_type=sa.Boolean(), nullable=False)
        batch_op.alter_column(
            "role", existing_type=sa.String(length=24), type_=sa.String(length=18)
        )
    op.drop_index("ix_person_name_phone", table_name="person")
    op.drop_table("person")
    op.drop_index("ux_area_code", table_name="area")
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_constraint("fk_area_merged_into_id_area", type_="foreignkey")
        batch_op.drop_column("merged_into_id")
        batch_op.drop_column("retired_at")
        batch_op.alter_column(
            "level", existing_type=sa.String(length=18), type_=sa.String(length=17)
        )
