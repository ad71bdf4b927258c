"""the search box finds reporters by name and phone

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

* ticket.reporter_phone_reversed: the phone's digits (country code dropped) reversed, kept by
  services/ticket_lookup.py, so "the number ends with 66881234" is an index range however the
  number was written. Filled here for the tickets already there.
* ix_ticket_reporter_name, ix_ticket_reporter_phone_reversed: text_pattern_ops on PostgreSQL
  so LIKE 'prefix%' uses them under any collation.
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BATCH = 5000


def _reversed(phone: str | None) -> str | None:
    # The same rule as services.ticket_lookup.reversed_phone, frozen here for this revision.
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", phone or ""))
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits[::-1] or None


def upgrade() -> None:
    op.add_column("ticket", sa.Column("reporter_phone_reversed", sa.String(32), nullable=True))
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, reporter_phone FROM ticket WHERE id > :last"
                " AND reporter_phone IS NOT NULL ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": _BATCH},
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        bind.execute(
            sa.text("UPDATE ticket SET reporter_phone_reversed = :v WHERE id = :id"),
            [{"id": r[0], "v": _reversed(r[1])} for r in rows],
        )
    for name in ("reporter_name", "reporter_phone_reversed"):
        op.create_index(
            f"ix_ticket_{name}", "ticket", [name], postgresql_ops={name: "text_pattern_ops"}
        )


def downgrade() -> None:
    op.drop_index("ix_ticket_reporter_phone_reversed", table_name="ticket")
    op.drop_index("ix_ticket_reporter_name", table_name="ticket")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("reporter_phone_reversed")
