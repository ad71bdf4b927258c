"""The video channels (视频通道) connected to the centre: the registry (add, edit, retire), status
changes with the time they happened, the "offline for a day" list and search.

Every change is one commit with one REGISTER_CHANGE audit row (before/after). Keeping the list
is for the desk roles (core.permissions.may_keep_registers); every role may read it. Channels
are never deleted: a ticket names the channel it was seen on (ticket.video_channel_id), so a
channel taken out of service is retired (``retired_at``) and left out of pickers and the
offline list. The sheet import is services/video_channel_import.py.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from gridcenter_desktop.core.enums import AreaLevel, AuditAction, ChannelStatus
from gridcenter_desktop.core.permissions import may_keep_registers
from gridcenter_desktop.core.validation import (
    LATITUDE_LIMIT,
    LONGITUDE_LIMIT,
    check_coordinate,
    check_text,
    clean_text,
    is_possible_id,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.gridwork import VideoChannel
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)

NUMBER_MAX = 64
NAME_MAX = 100
STREAM_URL_MAX = 500
OWNER_UNIT_MAX = 100
NOTE_MAX = 2000
# Schemes a stream address may have: what cameras and platforms hand out (rtsp:// mostly).
STREAM_SCHEMES = ("rtsp://", "rtsps://", "rtmp://", "http://", "https://")
# "Offline for a day": offline or faulty for at least this long at the moment asked.
OFFLINE_FOR = timedelta(hours=24)
DOWN = (ChannelStatus.OFFLINE, ChannelStatus.FAULT)
# The registry is a few hundred rows (313 at Guangfu); a search returns at most this many.
SEARCH_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class ChannelForm:
    """What the add/edit dialog (and one sheet row) says about a channel. Coordinates are
    WGS-84 (the import converts GCJ-02 before it gets here)."""

    number: str
    name: str
    grid_id: int | None = None
    longitude: float | None = None
    latitude: float | None = None
    stream_url: str = ""
    status: ChannelStatus = ChannelStatus.ONLINE
    owner_unit: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ChannelRow:
    """One channel as lists and the detail panel show it."""

    id: int
    number: str
    name: str
    grid_id: int | None
    grid_name: str | None
    village_name: str | None
    longitude: float | None
    latitude: float | None
    stream_url: str
    status: ChannelStatus
    status_since: datetime
    owner_unit: str
    note: str
    retired: bool


@dataclass(frozen=True, slots=True)
class ChannelFilter:
    """Which channels: ``text`` in the number, name or owner unit; a grid; a status;
    ``offline_only``: offline or faulty for a day at ``now`` (see :func:`offline_channels`)."""

    text: str = ""
    grid_id: int | None = None
    status: ChannelStatus | None = None
    offline_only: bool = False
    include_retired: bool = False


def require_keeper(actor: Actor, what: str = "keep_video_channels") -> None:
    """Refuse a role that may not change the video channels (a viewer)."""
    if not may_keep_registers(actor.role):
        raise PermissionDeniedError(what, actor.role)


# --- reading ---------------------------------------------------------------------------------


def _rows_query(filters: ChannelFilter, now: datetime | None):
    grid = aliased(Area)
    village = aliased(Area)
    query = (
        select(VideoChannel, grid.name, village.name)
        .outerjoin(grid, grid.id == VideoChannel.grid_id)
        .outerjoin(village, village.id == grid.parent_id)
    )
    if not filters.include_retired:
        query = query.where(VideoChannel.retired_at.is_(None))
    text = clean_text(filters.text)
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                VideoChannel.number.like(pattern, escape="\\"),
                VideoChannel.name.like(pattern, escape="\\"),
                VideoChannel.owner_unit.like(pattern, escape="\\"),
            )
        )
    if filters.grid_id is not None:
        query = query.where(VideoChannel.grid_id == filters.grid_id)
    if filters.status is not None:
        query = query.where(VideoChannel.status == ChannelStatus(filters.status))
    if filters.offline_only:
        if now is None:
            raise ValueError("offline_only needs now")
        query = query.where(
            VideoChannel.status.in_(DOWN), VideoChannel.status_since <= now - OFFLINE_FOR
        )
        return query.order_by(VideoChannel.status_since, VideoChannel.number)
    return query.order_by(VideoChannel.number)


def _row(channel: VideoChannel, grid_name: str | None, village_name: str | None) -> ChannelRow:
    return ChannelRow(
        id=channel.id,
        number=channel.number,
        name=channel.name,
        grid_id=channel.grid_id,
        grid_name=grid_name,
        village_name=village_name,
        longitude=channel.longitude,
        latitude=channel.latitude,
        stream_url=channel.stream_url,
        status=ChannelStatus(channel.status),
        status_since=channel.status_since,
        owner_unit=channel.owner_unit,
        note=channel.note,
        retired=channel.retired_at is not None,
    )


def search_channels(
    session: Session,
    filters: ChannelFilter = ChannelFilter(),
    *,
    now: datetime | None = None,
    limit: int = SEARCH_LIMIT,
) -> list[ChannelRow]:
    """The channels matching ``filters`` by number (the offline list: longest down first)."""
    result = session.execute(_rows_query(filters, now).limit(limit)).all()
    return [_row(c, g, v) for c, g, v in result]


def offline_channels(session: Session, now: datetime) -> list[ChannelRow]:
    """Channels in service that have been offline or faulty for at least a day at ``now``
    (status_since <= now - 24 h), longest down first: the list someone should chase."""
    return search_channels(session, ChannelFilter(offline_only=True), now=now)


def channel(session: Session, channel_id: int) -> ChannelRow:
    """One channel (retired ones included: a ticket may name one)."""
    filters = ChannelFilter(include_retired=True)
    found = session.execute(
        _rows_query(filters, None).where(VideoChannel.id == channel_id)
    ).one_or_none()
    if found is None:
        raise NotFoundError("video_channel", channel_id)
    return _row(*found)


@dataclass(frozen=True, slots=True)
class ChannelChoice:
    """A channel as the register form's picker offers it: "name (number)", and where it is
    (its grid and that grid's village or community), so choosing it can place the ticket."""

    id: int
    label: str
    grid_id: int | None
    village_id: int | None


def channel_choices(session: Session) -> list[ChannelChoice]:
    """The channels in service, by number: the register dialog's picker."""
    grid = aliased(Area)
    rows = session.execute(
        select(VideoChannel.id, VideoChannel.number, VideoChannel.name, grid.id, grid.parent_id)
        .outerjoin(grid, grid.id == VideoChannel.grid_id)
        .where(VideoChannel.retired_at.is_(None))
        .order_by(VideoChannel.number)
    ).all()
    return [ChannelChoice(i, f"{name} ({number})", g, v) for i, number, name, g, v in rows]


def active_channel(session: Session, channel_id: int | None) -> VideoChannel | None:
    """The channel a ticket may name: None for none; ValidationError("video_channel_id",
    "unknown" | "already_retired") otherwise (registration asks this)."""
    if channel_id is None:
        return None
    found = session.get(VideoChannel, channel_id) if is_possible_id(channel_id) else None
    if found is None:
        raise ValidationError("video_channel_id", "unknown")
    if found.retired_at is not None:
        raise ValidationError("video_channel_id", "already_retired")
    return found


# --- changing --------------------------------------------------------------------------------


def validated_form(session: Session, form: ChannelForm) -> dict[str, object]:
    """The columns ``form`` sets, cleaned; ValidationError naming the field at fault."""
    number = _text("number", form.number, required=True, max_length=NUMBER_MAX)
    name = _text("name", form.name, required=True, max_length=NAME_MAX)
    stream_url = _text("stream_url", form.stream_url, required=False, max_length=STREAM_URL_MAX)
    if stream_url and not stream_url.lower().startswith(STREAM_SCHEMES):
        raise ValidationError("stream_url", "stream_scheme")
    owner_unit = _text("owner_unit", form.owner_unit, required=False, max_length=OWNER_UNIT_MAX)
    note = _text("note", form.note, required=False, max_length=NOTE_MAX)
    if (form.longitude is None) != (form.latitude is None):
        raise ValidationError("longitude", "required")
    if check_coordinate(form.longitude, LONGITUDE_LIMIT):
        raise ValidationError("longitude", "range")
    if check_coordinate(form.latitude, LATITUDE_LIMIT):
        raise ValidationError("latitude", "range")
    try:
        status = ChannelStatus(form.status)
    except ValueError:
        raise ValidationError("status", "unknown") from None
    if form.grid_id is not None:
        grid = session.get(Area, form.grid_id) if is_possible_id(form.grid_id) else None
        if grid is None or grid.level != AreaLevel.GRID:
            raise ValidationError("grid_id", "unknown")
    return {
        "number": number,
        "name": name,
        "grid_id": form.grid_id,
        "longitude": form.longitude,
        "latitude": form.latitude,
        "stream_url": stream_url,
        "status": status,
        "owner_unit": owner_unit,
        "note": note,
    }


def _text(name: str, value: str | None, *, required: bool, max_length: int) -> str:
    """``value`` cleaned; ValidationError naming ``name`` when missing, too long or holding
    control characters (the tickets' text_input rule, without importing the ticket services,
    which import this module)."""
    rule = check_text(value, max_length=max_length, required=required)
    if rule:
        raise ValidationError(name, rule)
    return clean_text(value)


def _snapshot(channel: VideoChannel) -> dict[str, object]:
    return {
        "number": channel.number,
        "name": channel.name,
        "grid_id": channel.grid_id,
        "longitude": channel.longitude,
        "latitude": channel.latitude,
        "stream_url": channel.stream_url,
        "status": str(channel.status),
        "owner_unit": channel.owner_unit,
        "note": channel.note,
        "retired_at": channel.retired_at,
    }


def _number_taken(session: Session, number: str, except_id: int | None = None) -> bool:
    query = select(VideoChannel.id).where(VideoChannel.number == number)
    if except_id is not None:
        query = query.where(VideoChannel.id != except_id)
    return session.scalar(query.limit(1)) is not None


def apply_values(channel: VideoChannel, values: dict[str, object], now: datetime) -> bool:
    """Set ``values`` on ``channel``; a new status restarts ``status_since``. True when
    anything changed (shared with the import, which counts unchanged rows)."""
    changed = False
    for key, value in values.items():
        if getattr(channel, key) != value:
            setattr(channel, key, value)
            changed = True
            if key == "status":
                channel.status_since = now
    if changed:
        channel.updated_at = now
    return changed


def add_channel(session: Session, actor: Actor, form: ChannelForm, now: datetime) -> int:
    """Add a channel (its status counts from ``now``); its id. One commit, audited."""
    require_keeper(actor)
    values = validated_form(session, form)
    if _number_taken(session, values["number"]):
        raise ValidationError("number", "number_taken")
    channel = VideoChannel(**values, status_since=now, created_at=now, updated_at=now)
    session.add(channel)
    session.flush()
    audit.record(
        session,
        actor,
        AuditAction.REGISTER_CHANGE,
        target=f"video_channel:{channel.number}",
        detail={"change": "add", "after": _snapshot(channel)},
        now=now,
    )
    session.commit()
    return channel.id


def _loaded(session: Session, channel_id: int) -> VideoChannel:
    found = session.get(VideoChannel, channel_id) if is_possible_id(channel_id) else None
    if found is None:
        raise NotFoundError("video_channel", channel_id)
    return found


def edit_channel(
    session: Session, actor: Actor, channel_id: int, form: ChannelForm, now: datetime
) -> bool:
    """Change a channel to ``form``; a changed status restarts status_since. False (and
    nothing written) when nothing changed. One commit, audited."""
    require_keeper(actor)
    channel = _loaded(session, channel_id)
    values = validated_form(session, form)
    if _number_taken(session, values["number"], except_id=channel.id):
        raise ValidationError("number", "number_taken")
    before = _snapshot(channel)
    if not apply_values(channel, values, now):
        session.rollback()
        return False
    audit.record(
        session,
        actor,
        AuditAction.REGISTER_CHANGE,
        target=f"video_channel:{channel.number}",
        detail={"change": "edit", "before": before, "after": _snapshot(channel)},
        now=now,
    )
    session.commit()
    return True


def set_channel_status(
    session: Session, actor: Actor, channel_id: int, status: ChannelStatus, now: datetime
) -> bool:
    """Mark a channel online, offline or faulty from ``now``; False when it already was."""
    require_keeper(actor)
    channel = _loaded(session, channel_id)
    try:
        status = ChannelStatus(status)
    except ValueError:
        raise ValidationError("status", "unknown") from None
    if channel.status == status:
        return False
    before = {"status": str(channel.status), "status_since": channel.status_since}
    apply_values(channel, {"status": status}, now)
    audit.record(
        session,
        actor,
        AuditAction.REGISTER_CHANGE,
        target=f"video_channel:{channel.number}",
        detail={"change": "status", "before": before, "after": {"status": str(status)}},
        now=now,
    )
    session.commit()
    return True


def retire_channel(session: Session, actor: Actor, channel_id: int, now: datetime) -> None:
    """Take a channel out of service (kept for the tickets that name it). One commit."""
    require_keeper(actor)
    channel = _loaded(session, channel_id)
    if channel.retired_at is not None:
        raise ValidationError("video_channel_id", "already_retired")
    channel.retired_at = now
    channel.updated_at = now
    audit.record(
        session,
        actor,
        AuditAction.REGISTER_CHANGE,
        target=f"video_channel:{channel.number}",
        detail={"change": "retire", "before": {"retired_at": None}, "after": {"retired_at": now}},
        now=now,
    )
    session.commit()


def form_of(row: ChannelRow) -> ChannelForm:
    """The edit dialog's starting values for ``row``."""
    values = asdict(row)
    return ChannelForm(**{k: values[k] for k in ChannelForm.__dataclass_fields__})
