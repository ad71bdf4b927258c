"""Administering the grids' "1+1+N" teams: who serves which grid, in which role, from when
to when.

A person (name, phone, party member) is one row however many grids they serve; each period of
service is a ``grid_member`` row whose ``until`` is empty while it lasts. Ending or moving a
service closes its period instead of deleting it, so who served which grid when is kept (the
tickets of a past month were handled by that month's worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AreaLevel, AuditAction, MemberRole
from gridcenter_desktop.core.validation import NAME_MAX, clean_text, is_possible_id, normalize_phone
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import KEEP, require_admin, transaction
from gridcenter_desktop.services.admin.area_checks import SINGLE_ROLES, TEAM_LEVELS
from gridcenter_desktop.services.errors import NotFoundError, ValidationError
from gridcenter_desktop.services.tickets.common import local_now, text_input

# The fixed "1+1" first (leader, worker), then the N in the enum's meaningful order.
_ROLE_ORDER = {role: i for i, role in enumerate(MemberRole)}


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: int
    name: str
    phone: str | None
    party_member: bool


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """One period of a person serving a grid; ``until`` is None while they serve."""

    id: int
    area_id: int
    person_id: int
    name: str
    phone: str | None
    party_member: bool
    role: MemberRole
    since: date | None
    until: date | None

    @property
    def current(self) -> bool:
        return self.until is None


def _member_record(member: GridMember) -> MemberRecord:
    person = member.person
    return MemberRecord(
        id=member.id,
        area_id=member.area_id,
        person_id=member.person_id,
        name=person.name,
        phone=person.phone,
        party_member=bool(person.party_member),
        role=MemberRole(member.role),
        since=member.since,
        until=member.until,
    )


def _person_record(person: Person) -> PersonRecord:
    return PersonRecord(person.id, person.name, person.phone, bool(person.party_member))


def list_members(
    session: Session, area_id: int, *, current_only: bool = True
) -> list[MemberRecord]:
    """The team of grid ``area_id`` in "1+1+N" order: the leader, the full-time worker, then
    the others by role and name. With ``current_only=False`` the past periods follow the
    current ones, latest first."""
    query = (
        select(GridMember)
        .join(Person, Person.id == GridMember.person_id)
        .where(GridMember.area_id == area_id)
    )
    if current_only:
        query = query.where(GridMember.until.is_(None))
    members = [_member_record(m) for m in session.scalars(query)]
    members.sort(
        key=lambda m: (
            m.until is not None,
            -(m.until.toordinal() if m.until else 0),
            _ROLE_ORDER[m.role],
            m.name,
            m.id,
        )
    )
    return members


def find_person(session: Session, name: str, phone: str | None) -> PersonRecord | None:
    """The person of this name and phone (the phone compared in its stored form), if known."""
    person = _find_person(session, clean_text(name), normalize_phone(phone) if phone else None)
    return _person_record(person) if person is not None else None


def add_member(
    session: Session,
    actor: Actor,
    area_id: int,
    *,
    name: str,
    phone: str | None = None,
    party_member: bool = False,
    role: MemberRole,
    since: date | None = None,
    commit: bool = True,
    now: datetime | None = None,
) -> MemberRecord:
    """``name`` starts serving grid ``area_id`` in ``role`` from ``since`` (None: from before
    records began). The person with the same name and phone is reused (a person serving a
    second grid), and marked a party member when ``party_member`` says so (never unmarked:
    that is :func:`update_person`'s). Refused: an area that is not an active grid or micro
    grid, a second current leader or full-time worker, the same person already serving the grid
    in that role, a first day in the future."""
    require_admin(actor)
    role = _checked_role(role)
    with transaction(session, commit):
        area = _team_area(session, area_id, "area_id")
        name = text_input("person_name", name, required=True, max_length=NAME_MAX)
        phone = _checked_phone(phone)
        if since is not None and not isinstance(since, date):
            raise ValidationError("since", "invalid")
        # A current member is one serving today; a service that starts later is entered then.
        if since is not None and since > (now or local_now()).date():
            raise ValidationError("since", "future")
        person = _find_person(session, name, phone)
        if person is not None and _serving(session, area.id, role, person_id=person.id):
            raise ValidationError("member", "duplicate")
        _check_single_role(session, area.id, role, except_id=None)
        if person is None:
            person = Person(name=name, phone=phone, party_member=bool(party_member))
            session.add(person)
        elif party_member and not person.party_member:
            person.party_member = True
        member = GridMember(area=area, person=person, role=role, since=since)
        session.add(member)
        _audit(session, actor, f"member {name} ({area.name})", "add", None, _snapshot(member))
        # One flush for the person, the period and the audit row (the base-data import adds
        # tens of thousands of members: each flush is a round of statements).
        session.flush()
        return _member_record(member)


def update_person(
    session: Session,
    actor: Actor,
    person_id: int,
    *,
    name: str | None = None,
    phone: Any = KEEP,
    party_member: bool | None = None,
    commit: bool = True,
) -> PersonRecord:
    """Correct a person's name, phone (None clears it) or party membership; every grid they
    serve sees the change. Refused when another person already has that name and phone."""
    require_admin(actor)
    with transaction(session, commit):
        person = session.get(Person, person_id) if is_possible_id(person_id) else None
        if person is None:
            raise NotFoundError("person", person_id)
        before = _person_snapshot(person)
        new_name = (
            text_input("person_name", name, required=True, max_length=NAME_MAX)
            if name is not None
            else person.name
        )
        new_phone = _checked_phone(phone) if phone is not KEEP else person.phone
        other = _find_person(session, new_name, new_phone)
        if other is not None and other.id != person.id:
            raise ValidationError("person_name", "duplicate")
        person.name = new_name
        person.phone = new_phone
        if party_member is not None:
            person.party_member = bool(party_member)
        after = _person_snapshot(person)
        if after != before:
            session.flush()
            _audit(session, actor, f"person {person.name}", "update_person", before, after)
        return _person_record(person)


def end_service(
    session: Session,
    actor: Actor,
    member_id: int,
    until: date,
    *,
    commit: bool = True,
    now: datetime | None = None,
) -> MemberRecord:
    """The period of service ends on ``until`` (its last day): the person leaves the grid's
    current team and stays in its history. Refused: a period already ended, a last day before
    its first, or one in the future (end it on the day)."""
    require_admin(actor)
    with transaction(session, commit):
        member = _member(session, member_id)
        if member.until is not None:
            raise ValidationError("member", "ended")
        if not isinstance(until, date):
            raise ValidationError("until", "invalid")
        if member.since is not None and until < member.since:
            raise ValidationError("until", "before_since")
        if until > (now or local_now()).date():
            raise ValidationError("until", "future")
        before = _snapshot(member)
        member.until = until
        session.flush()
        _audit(session, actor, _target(member), "end", before, _snapshot(member))
        return _member_record(member)


def move_member(
    session: Session,
    actor: Actor,
    member_id: int,
    to_area_id: int,
    on: date,
    *,
    role: MemberRole | None = None,
    commit: bool = True,
    now: datetime | None = None,
) -> MemberRecord:
    """The person stops serving their grid the day before ``on`` and serves ``to_area_id``
    (in ``role``, default the same) from ``on``; both periods are kept. Moving within the same
    grid to another role is a change of role. Returns the new period."""
    require_admin(actor)
    new_role = _checked_role(role) if role is not None else None
    with transaction(session, commit):
        member = _member(session, member_id)
        if member.until is not None:
            raise ValidationError("member", "ended")
        area = _team_area(session, to_area_id, "to_area_id")
        new_role = new_role or MemberRole(member.role)
        if area.id == member.area_id and new_role == member.role:
            raise ValidationError("to_area_id", "same_area")
        if not isinstance(on, date):
            raise ValidationError("on", "invalid")
        if member.since is not None and on <= member.since:
            raise ValidationError("on", "before_since")
        if on > (now or local_now()).date():
            raise ValidationError("on", "future")
        if _serving(session, area.id, new_role, person_id=member.person_id):
            raise ValidationError("member", "duplicate")
        _check_single_role(session, area.id, new_role, except_id=member.id)
        before = _snapshot(member)
        member.until = on - timedelta(days=1)
        moved = GridMember(area_id=area.id, person_id=member.person_id, role=new_role, since=on)
        session.add(moved)
        session.flush()
        after = {"ended": _snapshot(member), "started": _snapshot(moved)}
        _audit(session, actor, _target(member), "move", before, after)
        return _member_record(moved)


# -- checks ---------------------------------------------------------------------------------------


def _checked_role(role: object) -> MemberRole:
    try:
        return MemberRole(role)
    except ValueError:
        raise ValidationError("member_role", "invalid") from None


def _checked_phone(phone: str | None) -> str | None:
    if phone is None or not clean_text(phone):
        return None
    normalized = normalize_phone(phone)
    if normalized is None:
        raise ValidationError("phone", "phone")
    return normalized


def _team_area(session: Session, area_id: int, field: str) -> Area:
    area = session.get(Area, area_id) if is_possible_id(area_id) else None
    if area is None:
        if field == "to_area_id":
            raise ValidationError("to_area_id", "unknown")
        raise NotFoundError("area", area_id)
    if AreaLevel(area.level) not in TEAM_LEVELS:
        if field == "to_area_id":
            raise ValidationError("to_area_id", "not_grid")
        raise ValidationError("area_id", "not_grid")
    if area.retired_at is not None:
        if field == "to_area_id":
            raise ValidationError("to_area_id", "inactive")
        raise ValidationError("area_id", "inactive")
    return area


def _member(session: Session, member_id: int) -> GridMember:
    member = session.get(GridMember, member_id) if is_possible_id(member_id) else None
    if member is None:
        raise NotFoundError("member", member_id)
    return member


def _find_person(session: Session, name: str, phone: str | None) -> Person | None:
    phone_is = Person.phone.is_(None) if phone is None else Person.phone == phone
    return session.scalar(
        select(Person).where(Person.name == name, phone_is).order_by(Person.id).limit(1)
    )


def _serving(session: Session, area_id: int, role: MemberRole, *, person_id: int) -> bool:
    return (
        session.scalar(
            select(GridMember.id)
            .where(
                GridMember.area_id == area_id,
                GridMember.person_id == person_id,
                GridMember.role == role,
                GridMember.until.is_(None),
            )
            .limit(1)
        )
        is not None
    )


def _check_single_role(session: Session, area_id: int, role: MemberRole, except_id: int | None):
    """At most one current leader and one current full-time worker per grid ("1+1")."""
    if role not in SINGLE_ROLES:
        return
    holders = select(GridMember.id).where(
        GridMember.area_id == area_id, GridMember.role == role, GridMember.until.is_(None)
    )
    if except_id is not None:
        holders = holders.where(GridMember.id != except_id)
    if session.scalar(holders.limit(1)) is not None:
        if role == MemberRole.LEADER:
            raise ValidationError("member_role", "leader_taken")
        raise ValidationError("member_role", "worker_taken")


# -- audit ----------------------------------------------------------------------------------------


def _snapshot(member: GridMember) -> dict[str, Any]:
    area = member.area
    return {
        "area": area.name if area is not None else None,
        "area_id": area.id if area is not None else member.area_id,
        "name": member.person.name,
        "phone": member.person.phone,
        "party_member": bool(member.person.party_member),
        "role": MemberRole(member.role).value,
        "since": member.since.isoformat() if member.since else None,
        "until": member.until.isoformat() if member.until else None,
    }


def _person_snapshot(person: Person) -> dict[str, Any]:
    return {"name": person.name, "phone": person.phone, "party_member": bool(person.party_member)}


def _target(member: GridMember) -> str:
    return f"member {member.person.name} ({member.area.name})"


def _audit(session, actor, target: str, change: str, before, after) -> None:
    audit.record(
        session,
        actor,
        AuditAction.MEMBER_CHANGE,
        target=target,
        detail={"change": change, "before": before, "after": after},
    )
