"""A grid's "1+1+N" team as the grid tree shows it: leader, worker, then the others."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import MemberRole
from gridcenter_desktop.db.area import GridMember, Person

# The fixed "1+1" first (leader, worker), then the N in a stable, meaningful order.
_ROLE_ORDER = {role: i for i, role in enumerate(MemberRole)}


@dataclass(frozen=True, slots=True)
class TeamMember:
    id: int
    name: str
    role: MemberRole
    phone: str | None
    party_member: bool


def grid_team(session: Session, grid_id: int) -> list[TeamMember]:
    """The members serving grid ``grid_id`` now: leader first, then the worker, then the
    others (police, judge, prosecutor, lawyer, volunteers), by name within a role. Empty for an
    unknown id."""
    rows = session.execute(
        select(
            GridMember.id,
            Person.name,
            GridMember.role,
            Person.phone,
            Person.party_member,
        )
        .join(Person, Person.id == GridMember.person_id)
        .where(GridMember.area_id == grid_id, GridMember.until.is_(None))
    )
    members = [
        TeamMember(r.id, r.name, MemberRole(r.role), r.phone, bool(r.party_member)) for r in rows
    ]
    members.sort(key=lambda m: (_ROLE_ORDER[m.role], m.name, m.id))
    return members
