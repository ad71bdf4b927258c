"""The town's settings for grid work: the households each grid worker visits a month (Guangfu's
target is 100), after how many months an unvisited household is listed, and the intranet tile
server the map draws its background from (optional: without it the map shows the grid polygons
on a plain ground).

Kept in ``app_setting`` beside the town's other settings; administrators change them (one audit
entry with the values before and after), every desk reads them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.db.settings import AppSetting
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import require_admin, transaction
from gridcenter_desktop.services.errors import ValidationError

DEFAULT_VISIT_TARGET = 100  # households per grid worker per month (DOMAIN.md)
DEFAULT_STALE_MONTHS = 3
VISIT_TARGET_MAX = 1000
STALE_MONTHS_MAX = 24
TILE_URL_MAX = 500

_KEYS = {
    "visit_target": "gridwork.visit_target",
    "stale_months": "gridwork.stale_months",
    "tile_url": "gridwork.tile_url",
}


@dataclass(frozen=True, slots=True)
class GridWorkSettings:
    visit_target: int = DEFAULT_VISIT_TARGET
    # A household not visited for this many months is listed (走访 overdue).
    stale_months: int = DEFAULT_STALE_MONTHS
    # An XYZ tile URL template of the town's intranet map server, e.g.
    # "http://10.1.2.3/tiles/{z}/{x}/{y}.png"; empty: no background tiles.
    tile_url: str = ""


def grid_work_settings(session: Session) -> GridWorkSettings:
    """The settings as stored, with the defaults for what was never set (or is unreadable)."""
    stored = dict(
        session.execute(
            select(AppSetting.key, AppSetting.value).where(AppSetting.key.in_(_KEYS.values()))
        ).all()
    )

    def number(name: str, default: int, most: int) -> int:
        try:
            value = int(stored.get(_KEYS[name], "") or default)
        except ValueError:
            return default
        return value if 1 <= value <= most else default

    return GridWorkSettings(
        visit_target=number("visit_target", DEFAULT_VISIT_TARGET, VISIT_TARGET_MAX),
        stale_months=number("stale_months", DEFAULT_STALE_MONTHS, STALE_MONTHS_MAX),
        tile_url=stored.get(_KEYS["tile_url"], "") or "",
    )


def save_grid_work_settings(
    session: Session, actor: Actor, settings: GridWorkSettings, *, commit: bool = True
) -> GridWorkSettings:
    """Store ``settings`` (validated, each refusal naming its field; audited)."""
    require_admin(actor)
    before = grid_work_settings(session)
    target = _whole(settings.visit_target, VISIT_TARGET_MAX)
    if target is None:
        raise ValidationError("visit_target", "range")
    months = _whole(settings.stale_months, STALE_MONTHS_MAX)
    if months is None:
        raise ValidationError("stale_months", "range")
    tile_url = check_tile_url(settings.tile_url)
    with transaction(session, commit):
        for name, value in (
            ("visit_target", str(target)),
            ("stale_months", str(months)),
            ("tile_url", tile_url),
        ):
            row = session.get(AppSetting, _KEYS[name])
            if row is None:
                session.add(AppSetting(key=_KEYS[name], value=value))
            else:
                row.value = value
        session.flush()
        after = grid_work_settings(session)
        if after != before:
            audit.record(
                session,
                actor,
                AuditAction.SETTINGS_CHANGE,
                target="grid work",
                detail={"before": asdict(before), "after": asdict(after)},
            )
    return after


def check_tile_url(url: str | None) -> str:
    """The template cleaned, or ValidationError("tile_url", ...): http(s) with {z}, {x}, {y}."""
    clean = (url or "").strip()
    if not clean:
        return ""
    if len(clean) > TILE_URL_MAX:
        raise ValidationError("tile_url", "too_long")
    if urlsplit(clean).scheme not in ("http", "https") or not all(
        part in clean for part in ("{z}", "{x}", "{y}")
    ):
        raise ValidationError(
            "tile_url",
            "tile_template",
            "tile_url: an http(s) address with {z}, {x} and {y}, e.g."
            " http://10.1.2.3/tiles/{z}/{x}/{y}.png",
        )
    return clean


def _whole(value: object, most: int) -> int | None:
    """``value`` as a whole number from 1 to ``most``; None when it is not one."""
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= most else None
