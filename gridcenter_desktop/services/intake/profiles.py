"""Saved column mappings ("profiles") for platforms' sheets: which header holds which field,
in the sheet's own order (the reply sheet goes back in that order), the platform and the
TicketSource its tickets get. Operators save them from the mapping page; only an administrator
deletes one, and not while tickets still point at it (their reply sheet needs its columns)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import AuditAction, IntakeField, IntakeSource, TicketSource
from gridcenter_desktop.core.validation import clean_text, has_control_chars
from gridcenter_desktop.db.intake import IntakeProfile
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import require_admin, transaction
from gridcenter_desktop.services.errors import NotFoundError, ValidationError
from gridcenter_desktop.services.intake.categories import require_intake_role
from gridcenter_desktop.services.intake.columns import fold_header
from gridcenter_desktop.services.intake.rows import Profile

PROFILE_NAME_MAX = 64
HEADER_MAX = 100


def list_profiles(session: Session, source: IntakeSource | None = None) -> list[Profile]:
    """Every saved profile by name, or those of ``source``."""
    query = select(IntakeProfile).order_by(IntakeProfile.name)
    if source is not None:
        query = query.where(IntakeProfile.source == IntakeSource(source))
    return [_profile(p) for p in session.scalars(query)]


def get_profile(session: Session, name: str) -> Profile:
    """The profile called ``name``; NotFoundError("intake_profile", name) when none is."""
    row = session.scalars(
        select(IntakeProfile).where(IntakeProfile.name == clean_text(name))
    ).one_or_none()
    if row is None:
        raise NotFoundError("intake_profile", name)
    return _profile(row)


def latest_profile(session: Session, source: IntakeSource) -> Profile | None:
    """The profile of ``source`` saved last (the import dialog's default), None when none."""
    row = session.scalars(
        select(IntakeProfile)
        .where(IntakeProfile.source == IntakeSource(source))
        .order_by(IntakeProfile.updated_at.desc(), IntakeProfile.id.desc())
        .limit(1)
    ).one_or_none()
    return _profile(row) if row is not None else None


def save_profile(
    session: Session,
    actor: Actor,
    profile: Profile,
    *,
    now: datetime | None = None,
    commit: bool = True,
) -> Profile:
    """Create ``profile`` or, when it has an id (or its name exists), replace that one's
    columns, platform and ticket source. The name is unique; each field is mapped by one
    column at most; headers appear once. Operators and up; audited (INTAKE_CHANGE)."""
    require_intake_role(actor)
    name = _name(profile.name)
    columns = _columns(profile.columns)
    try:
        source = IntakeSource(profile.source)
        ticket_source = TicketSource(profile.ticket_source)
    except ValueError:
        raise ValidationError("profile_source", "unknown") from None
    at = now or china_now()
    named = session.scalars(select(IntakeProfile).where(IntakeProfile.name == name)).one_or_none()
    if profile.id is not None:
        row = session.get(IntakeProfile, profile.id)
        if row is None:
            raise NotFoundError("intake_profile", profile.id)
        if named is not None and named.id != row.id:
            raise ValidationError("profile_name", "duplicate")
    else:
        row = named
    before = _profile(row) if row is not None else None
    with transaction(session, commit):
        if row is None:
            row = IntakeProfile(name=name)
            session.add(row)
        row.name = name
        row.source = source
        row.ticket_source = ticket_source
        row.columns = json.dumps(
            [[header, field.value if field else None] for header, field in columns],
            ensure_ascii=False,
        )
        row.updated_at = at
        row.updated_by_id = actor.user_id
        session.flush()
        after = _profile(row)
        audit.record(
            session, actor, AuditAction.INTAKE_CHANGE, now=at, target=f"profile:{name}",
            detail={"profile": name, "before": _detail(before), "after": _detail(after)},
        )  # fmt: skip
    return after


def delete_profile(
    session: Session,
    actor: Actor,
    name: str,
    *,
    now: datetime | None = None,
    commit: bool = True,
) -> None:
    """Delete the profile called ``name`` (administrators). Refused while tickets imported
    with it exist: ValidationError("profile_name", "profile_in_use")."""
    require_admin(actor)
    row = session.scalars(
        select(IntakeProfile).where(IntakeProfile.name == clean_text(name))
    ).one_or_none()
    if row is None:
        raise NotFoundError("intake_profile", name)
    if session.scalar(select(exists().where(Ticket.intake_profile_id == row.id))):
        raise ValidationError("profile_name", "profile_in_use")
    before = _profile(row)
    with transaction(session, commit):
        session.delete(row)
        audit.record(
            session, actor, AuditAction.INTAKE_CHANGE, now=now or china_now(),
            target=f"profile:{before.name}",
            detail={"profile": before.name, "before": _detail(before), "after": None},
        )  # fmt: skip


# --- checks and conversions -------------------------------------------------------------------


# How an automatically kept layout is named (services speak Chinese only in data they write).
_SOURCE_WORDS = {
    IntakeSource.HOTLINE_12345: "12345热线",
    IntakeSource.DISTRICT: "区平台",
    IntakeSource.OPEN311: "Open311",
    IntakeSource.OTHER: "其他平台",
}


def layout_profile(
    session: Session,
    actor: Actor,
    source: IntakeSource,
    ticket_source: TicketSource,
    columns: tuple[tuple[str, IntakeField | None], ...],
    *,
    now: datetime,
) -> Profile:
    """The profile of a sheet whose headers were all recognised, so none was chosen: the one of
    ``source`` with exactly these columns, else a new one named after the platform and the day
    ("区平台 自动识别 2022-04-05"). Its tickets' reply sheet then goes back in the sheet's own
    columns and headers, and the next import of that layout is offered it. Written in the
    caller's transaction (the import's)."""
    wanted = tuple(_columns(columns))
    for known in list_profiles(session, source):
        if known.columns == wanted:
            return known
    base = f"{_SOURCE_WORDS[IntakeSource(source)]} 自动识别 {now:%Y-%m-%d}"
    taken = set(
        session.scalars(select(IntakeProfile.name).where(IntakeProfile.name.like(f"{base}%")))
    )
    name = base
    number = 2
    while name in taken:
        name = f"{base} ({number})"
        number += 1
    profile = Profile(name=name, source=source, ticket_source=ticket_source, columns=wanted)
    return save_profile(session, actor, profile, now=now, commit=False)


def _name(value: str) -> str:
    if has_control_chars(value):
        raise ValidationError("profile_name", "control_chars")
    name = clean_text(value)
    if not name:
        raise ValidationError("profile_name", "required")
    if len(name) > PROFILE_NAME_MAX:
        raise ValidationError("profile_name", "too_long")
    return name


def _columns(
    columns: tuple[tuple[str, IntakeField | None], ...],
) -> list[tuple[str, IntakeField | None]]:
    out: list[tuple[str, IntakeField | None]] = []
    headers: set[str] = set()
    fields: set[IntakeField] = set()
    for header, field in columns:
        text = clean_text(str(header))
        key = fold_header(text)
        if not key:
            continue  # a blank column: nothing to remember
        if len(text) > HEADER_MAX or has_control_chars(text):
            raise ValidationError("profile_columns", "bad_header")
        if key in headers:
            raise ValidationError("profile_columns", "duplicate_header")
        try:
            mapped = IntakeField(field) if field else None
        except ValueError:
            raise ValidationError("profile_columns", "unknown") from None
        if mapped is not None and mapped in fields:
            raise ValidationError("profile_columns", "duplicate_field")
        headers.add(key)
        if mapped is not None:
            fields.add(mapped)
        out.append((text, mapped))
    if not fields:
        raise ValidationError("profile_columns", "required")
    return out


def _profile(row: IntakeProfile) -> Profile:
    columns = tuple(
        (str(header), IntakeField(field) if field else None)
        for header, field in json.loads(row.columns or "[]")
    )
    return Profile(
        name=row.name,
        source=IntakeSource(row.source),
        ticket_source=TicketSource(row.ticket_source),
        columns=columns,
        id=row.id,
        updated_at=row.updated_at,
    )


def _detail(profile: Profile | None) -> dict | None:
    if profile is None:
        return None
    return {
        "source": profile.source.value,
        "ticket_source": profile.ticket_source.value,
        "columns": [[h, f.value if f else None] for h, f in profile.columns],
    }


__all__ = [
    "delete_profile",
    "get_profile",
    "latest_profile",
    "layout_profile",
    "list_profiles",
    "save_profile",
]
