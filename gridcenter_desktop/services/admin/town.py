"""The town's own settings: its name and code, the centre's full name and the issuing authority
printed on reports and notices, the notice number pattern and the default report period.

Nothing outside demo/ names a town: a new database has no town name, and the reports say
"集成指挥中心" until an administrator (or the first-run wizard) enters one. The centre's name
and the issuer follow the town's name ("<town>集成指挥中心") unless written out differently.
The values live in ``app_setting``; the town's name and code are the root TOWN area's once
there is one (kept in ``app_setting`` too, for a database without areas yet).
"""

from __future__ import annotations

import string
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.area_codes import CodeProblem, code_problem, normalize_code
from gridcenter_desktop.core.enums import AreaLevel, AuditAction
from gridcenter_desktop.core.validation import NAME_MAX, check_text, clean_text
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.settings import AppSetting
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import require_admin, transaction
from gridcenter_desktop.services.errors import ValidationError

# Defined beside the period arithmetic (services.periods); one of the town's settings.
from gridcenter_desktop.services.periods import ReportPeriod

CENTRE_SUFFIX = "集成指挥中心"
DEFAULT_NOTICE_PATTERN = "{town}整改〔{year}〕{seq}号"
DEFAULT_REPORT_PERIOD = ReportPeriod.MONTH
# What a notice number pattern may use: the town's name, the year the notice is issued, the
# notice's serial number within that year (services.notices draws it) and the ticket's code.
NOTICE_FIELDS = frozenset({"town", "year", "seq", "code"})
CENTRE_MAX = 100
PATTERN_MAX = 100
TOWN_CODE_SYSTEM = "national_stats"
_PLACEHOLDERS = "notice_pattern: the placeholders are {town}, {year}, {seq} and {code}"

_KEYS = {
    "town_name": "town.name",
    "town_code": "town.code",
    "centre_name": "town.centre_name",
    "issuer": "town.issuer",
    "notice_pattern": "town.notice_pattern",
    "report_period": "town.report_period",
}


@dataclass(frozen=True, slots=True)
class TownSettings:
    town_name: str = ""
    town_code: str | None = None
    centre_name: str = CENTRE_SUFFIX
    issuer: str = CENTRE_SUFFIX
    notice_pattern: str = DEFAULT_NOTICE_PATTERN
    report_period: ReportPeriod = DEFAULT_REPORT_PERIOD


def default_centre_name(town_name: str) -> str:
    """The centre's name when none was written out: "<town>集成指挥中心"."""
    return f"{town_name}{CENTRE_SUFFIX}"


def town_settings(session: Session) -> TownSettings:
    """The settings as stored, with the defaults for what was never set."""
    stored = dict(
        session.execute(
            select(AppSetting.key, AppSetting.value).where(AppSetting.key.in_(_KEYS.values()))
        ).all()
    )

    def value(name: str) -> str:
        return stored.get(_KEYS[name], "") or ""

    # The root TOWN area is the one source of the town's name and code once it exists, so a
    # rename in the Areas dialog or by a base-data import shows on the next report too.
    town = session.execute(
        select(Area.name, Area.code)
        .where(Area.level == AreaLevel.TOWN, Area.parent_id.is_(None))
        .order_by(Area.id)
        .limit(1)
    ).first()
    town_name = town.name if town is not None else value("town_name")
    town_code = town.code if town is not None else (value("town_code") or None)
    try:
        period = ReportPeriod(value("report_period") or DEFAULT_REPORT_PERIOD)
    except ValueError:
        period = DEFAULT_REPORT_PERIOD
    return TownSettings(
        town_name=town_name,
        town_code=town_code,
        centre_name=value("centre_name") or default_centre_name(town_name),
        issuer=value("issuer") or default_centre_name(town_name),
        notice_pattern=value("notice_pattern") or DEFAULT_NOTICE_PATTERN,
        report_period=period,
    )


def save_town_settings(
    session: Session, actor: Actor, settings: TownSettings, *, commit: bool = True
) -> TownSettings:
    """Store ``settings`` (validated; one audit entry with the values before and after). The
    town's name and code are written on the root TOWN area too, which is created when the
    database has none yet. A centre name or issuer equal to the one the old or new town name
    gives is stored as "follow the town's name"."""
    require_admin(actor)
    before = town_settings(session)
    town_name = _text("town_name", settings.town_name, NAME_MAX)
    town_code = _town_code(settings.town_code)
    centre_name = _text("centre_name", settings.centre_name, CENTRE_MAX)
    issuer = _text("issuer", settings.issuer, CENTRE_MAX)
    pattern = _pattern(settings.notice_pattern)
    try:
        period = ReportPeriod(settings.report_period)
    except ValueError:
        raise ValidationError(
            "report_period", "invalid", f"no such report period: {settings.report_period!r}"
        ) from None
    # Names that only follow a town's name (the bare suffix included: a settings object made
    # with the defaults) are stored as "follow", so a later rename carries them along.
    derived = {
        "",
        CENTRE_SUFFIX,
        default_centre_name(before.town_name),
        default_centre_name(town_name),
    }
    stored = {
        "town_name": town_name,
        "town_code": town_code or "",
        "centre_name": "" if centre_name in derived else centre_name,
        "issuer": "" if issuer in derived else issuer,
        "notice_pattern": "" if pattern == DEFAULT_NOTICE_PATTERN else pattern,
        "report_period": period.value,
    }
    town = _root_town(session)
    if town_code is not None and town_code != (town.code if town is not None else None):
        _check_code_free(session, town_code, town.id if town is not None else None)
    with transaction(session, commit):
        for name, value in stored.items():
            _put(session, _KEYS[name], value)
        _town_area(session, town, town_name, town_code)
        session.flush()
        after = town_settings(session)
        if after != before:
            audit.record(
                session,
                actor,
                AuditAction.SETTINGS_CHANGE,
                target=f"town {town_name}".strip(),
                detail={"before": _values(before), "after": _values(after)},
            )
    return after


def notice_number(pattern: str, *, town: str, year: int, seq: int, code: str) -> str:
    """A notice's number by ``pattern`` (see NOTICE_FIELDS); the pattern was checked when saved."""
    return pattern.format(town=town, year=year, seq=seq, code=code)


# -- helpers ----------------------------------------------------------------------------------


def _text(field: str, value: str | None, max_length: int, required: bool = False) -> str:
    rule = check_text(value, max_length=max_length, required=required)
    if rule:
        raise ValidationError(field, rule)
    return clean_text(value)


def _town_code(code: str | None) -> str | None:
    clean = normalize_code(code)
    if not clean:
        return None
    problem = code_problem(clean, AreaLevel.TOWN)
    if problem is CodeProblem.NOT_DIGITS:
        raise ValidationError("town_code", "code_not_digits", f"town_code: not digits: {clean}")
    if problem is not None:
        # A town's statistical code is 9 digits (its villages' 12-digit codes begin with it).
        raise ValidationError(
            "town_code", "code_wrong_length", f"town_code: a town's code is 9 digits: {clean}"
        )
    return clean


def _pattern(pattern: str | None) -> str:
    clean = _text("notice_pattern", pattern, PATTERN_MAX) or DEFAULT_NOTICE_PATTERN
    try:
        names = {
            name for _, name, _spec, _conv in string.Formatter().parse(clean) if name is not None
        }
        notice_number(clean, town="", year=2000, seq=1, code="")
    except (ValueError, KeyError, IndexError):
        raise ValidationError("notice_pattern", "bad_placeholder", _PLACEHOLDERS) from None
    if not names <= NOTICE_FIELDS:
        raise ValidationError("notice_pattern", "bad_placeholder", _PLACEHOLDERS)
    if "seq" not in names and "code" not in names:
        # Two notices would share one number.
        raise ValidationError(
            "notice_pattern",
            "no_serial",
            "notice_pattern: needs {seq} or {code}, or two notices would share a number",
        )
    return clean


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        if value:
            session.add(AppSetting(key=key, value=value))
    elif row.value != value:
        row.value = value


def _root_town(session: Session) -> Area | None:
    return session.scalar(
        select(Area)
        .where(Area.level == AreaLevel.TOWN, Area.parent_id.is_(None))
        .order_by(Area.id)
        .limit(1)
    )


def _town_area(session: Session, town: Area | None, town_name: str, town_code: str | None) -> None:
    """The root TOWN area carries the town's name and code; created with the first name (the
    code was checked free by the caller)."""
    if town is None:
        if town_name:
            session.add(
                Area(
                    parent_id=None,
                    level=AreaLevel.TOWN,
                    name=town_name,
                    code=town_code,
                    code_system=TOWN_CODE_SYSTEM if town_code else None,
                    sort_order=0,
                )
            )
        return
    if town_name and town.name != town_name:
        town.name = town_name
    if town.code != town_code:
        town.code = town_code
        town.code_system = TOWN_CODE_SYSTEM if town_code else None


def _check_code_free(session: Session, code: str, own_id: int | None) -> None:
    query = select(Area.id).where(Area.code == code)
    if own_id is not None:
        query = query.where(Area.id != own_id)
    taken = session.scalar(query.limit(1))
    if taken is not None:
        raise ValidationError(
            "town_code", "duplicate", f"town_code: another area has the code {code}"
        )


def _values(settings: TownSettings) -> dict[str, object]:
    values = asdict(settings)
    values["report_period"] = settings.report_period.value
    return values
