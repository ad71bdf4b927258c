"""What an import would do, worked out before anything is written (the preview): which rows
become tickets (and with what grid, category and deadline), which are already here (with what
the platform now says differently), which look like tickets we already have, and which cannot
be imported and why. :func:`~gridcenter_desktop.services.intake.applying.apply_intake` writes
a plan in one transaction.

Everything is read in a few statements whatever the sheet's size: the area list once (the grid
guesser is handed it and a cache per village group), existing codes in chunks, the open tickets
once for the duplicate check.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.core.enums import (
    AuditAction,
    EventAction,
    IntakeField,
    IntakeSource,
    Priority,
    TicketKind,
    TicketSource,
)
from gridcenter_desktop.core.validation import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    LATITUDE_LIMIT,
    LONGITUDE_LIMIT,
    NAME_MAX,
    TITLE_MAX,
    check_coordinate,
    check_phone,
    check_text,
    clean_text,
    normalize_phone,
)
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.audit import record
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake.categories import (
    category_mapping,
    category_text,
    resolve_category,
)
from gridcenter_desktop.services.intake.cells import (
    DeadlineLimit,
    LimitUnit,
    kind_of,
    priority_of,
)
from gridcenter_desktop.services.intake.profiles import layout_profile
from gridcenter_desktop.services.intake.rows import (
    TICKET_SOURCE_OF,
    CellProblem,
    IncomingSheet,
    Profile,
    Progress,
    SheetRow,
    column_letter,
)
from gridcenter_desktop.services.intake.suspects import (
    SuspectedDuplicate,
    suspected_duplicates,
)
from gridcenter_desktop.services.suggestions import VillageChoice, guess_grid, village_grids
from gridcenter_desktop.services.tickets.common import local_now, require_role
from gridcenter_desktop.services.tickets.registration import (
    EXTERNAL_CATEGORY_MAX,
    EXTERNAL_CODE_MAX,
    NewTicket,
    Origin,
    RegistrationCancelled,
    register_many,
)

# A title derived from the description (sheets without a title column) is this long at most.
DERIVED_TITLE_MAX = 30
# The planner reports its progress this often (rows).
_PROGRESS_EVERY = 1000
# Existing codes are looked up this many at a time (bind-parameter limits).
_CODE_CHUNK = 500

# The planner's own rules (worded by services/intake/problems.problem_text).
RULE_CODE_MISSING = "code_missing"
RULE_CODE_REPEATED = "code_repeated"
RULE_CONTENT_MISSING = "content_missing"
RULE_TITLE_MISSING = "title_missing"
RULE_BAD_PHONE = "bad_phone"
RULE_TOO_LONG = "too_long"
RULE_CONTROL_CHARS = "control_chars"
RULE_BAD_COORDINATE = "bad_coordinate"


@dataclass(frozen=True, slots=True)
class PlannedTicket:
    """A row that becomes a ticket: the registration form, ready; the row it came from; how
    the grid was found ("map", "grid_column", the guesser's basis, or "" when it was not) and its
    name, for the preview (empty: to be placed)."""

    row: int
    form: NewTicket
    received_at: datetime | None
    grid_basis: str = ""
    grid_name: str = ""


@dataclass(frozen=True, slots=True)
class Difference:
    """What the platform says now (``theirs``) against what the ticket holds (``ours``)."""

    field: IntakeField
    ours: str
    theirs: str


@dataclass(frozen=True, slots=True)
class PresentRow:
    """A row whose platform code is already a ticket: never applied, its differences shown."""

    row: int
    code: str
    ticket_id: int
    ticket_code: str
    differences: tuple[Difference, ...] = ()


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that cannot be imported, with every reason (the cells' and the planner's)."""

    row: int
    problems: tuple[CellProblem, ...]


@dataclass(frozen=True, slots=True)
class IntakePlan:
    """The preview of one import. ``problems`` are the file's own (no column for a required
    field ...): with any, nothing can be imported."""

    path: str
    source: IntakeSource
    profile_id: int | None
    planned_at: datetime
    # The sheet's columns as read (header, field), kept as a profile at import when none was
    # chosen, so the reply sheet goes back in the sheet's own columns.
    columns: tuple[tuple[str, IntakeField | None], ...] = ()
    ticket_source: TicketSource | None = None
    to_add: tuple[PlannedTicket, ...] = ()
    present: tuple[PresentRow, ...] = ()
    duplicates: tuple[SuspectedDuplicate, ...] = ()
    rejected: tuple[RejectedRow, ...] = ()
    problems: tuple[CellProblem, ...] = ()

    @property
    def to_place(self) -> int:
        """Rows to add whose grid could not be told (the 待定位 list)."""
        return sum(1 for p in self.to_add if p.form.to_place)

    @property
    def category_unmapped(self) -> int:
        """Rows to add whose platform category nobody has mapped (imported as 其他)."""
        return sum(1 for p in self.to_add if p.form.category_unmapped)


@dataclass
class _Context:
    """What the planner reads once and reuses for every row."""

    session: Session
    sheet: IncomingSheet
    source: IntakeSource
    profile: Profile | None
    now: datetime
    calendar: WorkCalendar
    mapping: dict[str, str]
    villages: list[VillageChoice]
    grids_by_name: dict[str, int]
    grid_names: dict[int, str]
    votes: dict[str, int | None] = field(default_factory=dict)
    doors: dict[int, dict[str, int]] = field(default_factory=dict)
    guesses: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    categories: dict[str, tuple[str, bool]] = field(default_factory=dict)
    columns: dict[IntakeField, int] = field(default_factory=dict)
    locator: Any = None  # services.grid_map's locator, read at the first located row


def plan_intake(
    session: Session,
    sheet: IncomingSheet,
    *,
    source: IntakeSource,
    profile: Profile | None = None,
    now: datetime,
    progress: Callable[[Progress], None] | None = None,
) -> IntakePlan:
    """The plan for importing ``sheet`` from ``source`` (see the module docstring). Reads
    only; the caller may show it and then hand it to ``apply_intake``. ``progress`` hears
    every thousand rows."""
    source = IntakeSource(source)
    villages = village_grids(session)
    ctx = _Context(
        session=session,
        sheet=sheet,
        source=source,
        profile=profile,
        now=now,
        calendar=load_calendar(session),
        mapping=category_mapping(session, source),
        villages=villages,
        grids_by_name={_plain(g.name): g.id for v in villages for g in v.grids},
        grid_names={g.id: g.name for v in villages for g in v.grids},
    )
    for index, held in enumerate(sheet.fields):
        if held is not None and held not in ctx.columns:
            ctx.columns[held] = index
    codes = {
        row.number: _cell_text(row.values.get(IntakeField.EXTERNAL_CODE)) for row in sheet.rows
    }
    existing = _existing(session, source, {c for c in codes.values() if c})
    seen: dict[str, int] = {}
    to_add: list[PlannedTicket] = []
    present: list[PresentRow] = []
    rejected: list[RejectedRow] = []
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows):
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(Progress(done, total, "plan"))
        code = codes[row.number]
        problems = list(row.problems)
        if not code:
            problems.append(_problem(ctx, row, IntakeField.EXTERNAL_CODE, RULE_CODE_MISSING))
        elif code in seen:
            problems.append(
                _problem(ctx, row, IntakeField.EXTERNAL_CODE, RULE_CODE_REPEATED, str(seen[code]))
            )
        else:
            seen[code] = row.number
        if code in existing and not any(p.rule == RULE_CODE_REPEATED for p in problems):
            ticket = existing[code]
            present.append(
                PresentRow(row.number, code, ticket.id, ticket.code, _differences(ctx, row, ticket))
            )
            continue
        planned = _planned(ctx, row, code, problems)
        if problems or planned is None:
            rejected.append(RejectedRow(row.number, tuple(problems)))
        else:
            to_add.append(planned)
    return IntakePlan(
        path=str(sheet.path),
        source=source,
        profile_id=profile.id if profile is not None else None,
        planned_at=now,
        columns=tuple(zip(sheet.headers, sheet.fields, strict=True)),
        ticket_source=profile.ticket_source if profile is not None else TICKET_SOURCE_OF[source],
        to_add=tuple(to_add),
        present=tuple(present),
        duplicates=tuple(suspected_duplicates(session, to_add)),
        rejected=tuple(rejected),
        problems=tuple(sheet.problems),
    )


# -- one row ----------------------------------------------------------------------------------


def _planned(
    ctx: _Context, row: SheetRow, code: str, problems: list[CellProblem]
) -> PlannedTicket | None:
    """The row's registration form; appends what is wrong with it to ``problems``."""
    values = row.values
    title = _checked(ctx, row, IntakeField.TITLE, TITLE_MAX, problems)
    description = _checked(ctx, row, IntakeField.DESCRIPTION, DESCRIPTION_MAX, problems)
    if not title:
        if IntakeField.TITLE in ctx.columns:
            # The platform's title is required where the sheet has the column.
            problems.append(_problem(ctx, row, IntakeField.TITLE, RULE_TITLE_MISSING))
        elif description:
            title = _derived_title(description)
        else:
            problems.append(_problem(ctx, row, IntakeField.DESCRIPTION, RULE_CONTENT_MISSING))
    address = _checked(ctx, row, IntakeField.ADDRESS, ADDRESS_MAX, problems)
    reporter = _checked(ctx, row, IntakeField.REPORTER_NAME, NAME_MAX, problems)
    phone = _cell_text(values.get(IntakeField.REPORTER_PHONE))
    if phone and check_phone(phone):
        problems.append(_problem(ctx, row, IntakeField.REPORTER_PHONE, RULE_BAD_PHONE, phone))
    if len(code) > EXTERNAL_CODE_MAX:
        problems.append(_problem(ctx, row, IntakeField.EXTERNAL_CODE, RULE_TOO_LONG, code))
    coordinates = {}
    for name, limit in (
        (IntakeField.LATITUDE, LATITUDE_LIMIT),
        (IntakeField.LONGITUDE, LONGITUDE_LIMIT),
    ):
        coordinates[name] = _coordinate(ctx, row, name, limit, problems)
    external_category = category_text(values)
    if len(external_category) > EXTERNAL_CATEGORY_MAX:
        problems.append(
            _problem(ctx, row, IntakeField.CATEGORY, RULE_TOO_LONG, external_category[:40])
        )
    if problems:
        return None
    category, unmapped = _category(ctx, external_category)
    grid_id, basis = _grid(
        ctx,
        _cell_text(values.get(IntakeField.GRID)),
        address,
        coordinates[IntakeField.LONGITUDE],
        coordinates[IntakeField.LATITUDE],
    )
    received = values.get(IntakeField.RECEIVED_AT)
    received = received if isinstance(received, datetime) else None
    profile = ctx.profile
    form = NewTicket(
        kind=_kind(values.get(IntakeField.KIND)),
        source=profile.ticket_source if profile is not None else TICKET_SOURCE_OF[ctx.source],
        category=category,
        title=title,
        description=description,
        reporter_name=reporter or None,
        reporter_phone=phone or None,
        address=address,
        grid_id=grid_id,
        priority=_priority(values.get(IntakeField.PRIORITY)),
        latitude=coordinates[IntakeField.LATITUDE],
        longitude=coordinates[IntakeField.LONGITUDE],
        origin=Origin(
            source=ctx.source,
            code=code,
            category=external_category or None,
            profile_id=profile.id if profile is not None else None,
            department=_cell_text(values.get(IntakeField.DEPARTMENT)) or None,
            received_at=received,
        ),
        deadline_at=platform_deadline(
            values.get(IntakeField.DEADLINE), received or ctx.now, ctx.calendar
        ),
        to_place=grid_id is None,
        category_unmapped=unmapped,
    )
    return PlannedTicket(
        row.number, form, received, basis, ctx.grid_names.get(grid_id, "") if grid_id else ""
    )


def _checked(
    ctx: _Context, row: SheetRow, name: IntakeField, limit: int, problems: list[CellProblem]
) -> str:
    value = _cell_text(row.values.get(name))
    rule = check_text(value, max_length=limit)
    if rule == "too_long":
        problems.append(_problem(ctx, row, name, RULE_TOO_LONG, value[:40]))
    elif rule == "control_chars":
        problems.append(_problem(ctx, row, name, RULE_CONTROL_CHARS, value[:40]))
    return clean_text(value)


def _coordinate(
    ctx: _Context, row: SheetRow, name: IntakeField, limit: int, problems: list[CellProblem]
) -> float | None:
    value = row.values.get(name)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = None
    if number is None or check_coordinate(number, limit):
        problems.append(_problem(ctx, row, name, RULE_BAD_COORDINATE, _cell_text(value)))
        return None
    return number


def _derived_title(description: str) -> str:
    """The description's first sentence, cut to a title's length."""
    first = description.replace("\n", "。").split("。")[0].strip() or description
    return first[:DERIVED_TITLE_MAX]


def _category(ctx: _Context, external: str) -> tuple[str, bool]:
    found = ctx.categories.get(external)
    if found is None:
        found = ctx.categories[external] = resolve_category(external, ctx.mapping)
    return found


def _grid(
    ctx: _Context, named: str, address: str, lon: float | None, lat: float | None
) -> tuple[int | None, str]:
    """The grid whose boundary holds the row's coordinates ("map": registration routes a
    located ticket there whatever else it carries), else the grid the platform named (when it
    is one of ours), else the guesser's answer for the address (one guess per distinct
    address)."""
    if lon is not None and lat is not None:
        if ctx.locator is None:
            from gridcenter_desktop.services.grid_map import grid_locator  # shapely: on first use

            ctx.locator = grid_locator(ctx.session)
        grid_id = ctx.locator.locate(lon, lat)
        if grid_id is not None:
            return grid_id, "map"
    if named:
        grid_id = ctx.grids_by_name.get(_plain(named))
        if grid_id is not None:
            return grid_id, "grid_column"
    if not address:
        return None, ""
    found = ctx.guesses.get(address)
    if found is None:
        guess = guess_grid(
            ctx.session, address, villages=ctx.villages, votes=ctx.votes, doors=ctx.doors
        )
        found = (None, "")
        if guess is not None and guess.grid_id is not None:
            found = (guess.grid_id, guess.reason)
        ctx.guesses[address] = found
    return found


def _kind(value: object) -> TicketKind:
    # The sheet reader has read the word already (cells.kind_of); other readers' text too.
    return value if isinstance(value, TicketKind) else kind_of(_cell_text(value))


def _priority(value: object) -> Priority:
    if isinstance(value, Priority):
        return value
    return priority_of(_cell_text(value)) or Priority.ORDINARY


def platform_deadline(value: object, received: datetime, calendar: WorkCalendar) -> datetime | None:
    """The deadline the platform gave: a date-time as it is (a bare date: the end of that
    day), or a time allowed (services/intake/cells.DeadlineLimit) counted from when the
    platform received the ticket: working days by our work calendar, calendar days or hours.
    None: not given."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(23, 59, 59))
    if isinstance(value, DeadlineLimit):
        if value.unit is LimitUnit.WORKING_DAYS:
            return calendar.add_working_days(received, value.amount)
        if value.unit is LimitUnit.HOURS:
            return received + timedelta(hours=value.amount)
        return received + timedelta(days=value.amount)
    return None


# -- what is already here ---------------------------------------------------------------------


def _existing(session: Session, source: IntakeSource, codes: set[str]) -> dict[str, Ticket]:
    """The tickets already imported from ``source`` under these codes, by code."""
    found: dict[str, Ticket] = {}
    ordered = sorted(codes)
    for start in range(0, len(ordered), _CODE_CHUNK):
        chunk = ordered[start : start + _CODE_CHUNK]
        for ticket in session.scalars(
            select(Ticket).where(Ticket.external_source == source, Ticket.external_code.in_(chunk))
        ):
            found[ticket.external_code] = ticket
    return found


_COMPARED = (
    (IntakeField.TITLE, "title"),
    (IntakeField.DESCRIPTION, "description"),
    (IntakeField.ADDRESS, "address"),
    (IntakeField.REPORTER_NAME, "reporter_name"),
    (IntakeField.REPORTER_PHONE, "reporter_phone"),
)


def _differences(ctx: _Context, row: SheetRow, ticket: Ticket) -> tuple[Difference, ...]:
    """Field by field, what the platform's row says that the ticket does not (only for the
    columns the sheet has and that are not empty: an empty cell is no new information). A
    deadline the platform moved (延期) is one of them."""
    found: list[Difference] = []
    for name, attribute in _COMPARED:
        theirs = clean_text(_cell_text(row.values.get(name)))
        if not theirs:
            continue
        ours = getattr(ticket, attribute) or ""
        if name is IntakeField.REPORTER_PHONE:
            theirs = normalize_phone(theirs) or theirs
        if theirs != ours:
            found.append(Difference(name, ours, theirs))
    category = category_text(row.values)
    if category and category != (ticket.external_category or ""):
        found.append(Difference(IntakeField.CATEGORY, ticket.external_category or "", category))
    received = row.values.get(IntakeField.RECEIVED_AT)
    deadline = platform_deadline(
        row.values.get(IntakeField.DEADLINE),
        received if isinstance(received, datetime) else ticket.created_at,
        ctx.calendar,
    )
    if deadline is not None and deadline != ticket.deadline_at:
        found.append(
            Difference(
                IntakeField.DEADLINE,
                f"{ticket.deadline_at:%Y-%m-%d %H:%M}",
                f"{deadline:%Y-%m-%d %H:%M}",
            )
        )
    return tuple(found)


# -- writing it ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """What an import wrote: counts for the summary and the new tickets' ids."""

    added: int
    already_present: int
    to_place: int
    category_unmapped: int
    rejected: int
    ticket_ids: tuple[int, ...] = ()


def apply_intake(
    session: Session,
    actor: Actor,
    plan: IntakePlan,
    *,
    now: datetime | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> IntakeResult:
    """Register the plan's rows to add, in one transaction with one TICKET_IMPORT audit entry.
    Refuses a plan with file problems, and a stale one (ValidationError("intake_plan",
    "stale"): a code it would add was imported since, by another desk or an earlier run).
    Cancel (``cancelled()`` true) or any error rolls everything back
    (:class:`RegistrationCancelled`). The rows already present and the rejected ones are
    counted, never written."""
    now = now or local_now()
    try:
        require_role(actor, EventAction.REGISTER)
        if plan.problems:
            raise ValidationError("intake_plan", "sheet_problems")
        codes = {p.form.origin.code for p in plan.to_add}
        if _existing_codes(session, plan.source, codes):
            raise ValidationError("intake_plan", "stale")
        forms = _with_layout(session, actor, plan, now)
        total = len(plan.to_add)

        def step(done: int, _total: int) -> None:
            if progress is not None:
                progress(Progress(done, total, "import"))

        refs = register_many(
            session,
            actor,
            forms,
            now,
            progress=step,
            cancelled=cancelled,
            commit=False,
        )
        result = IntakeResult(
            added=len(refs),
            already_present=len(plan.present),
            to_place=plan.to_place,
            category_unmapped=plan.category_unmapped,
            rejected=len(plan.rejected),
            ticket_ids=tuple(r.id for r in refs),
        )
        record(
            session,
            actor,
            AuditAction.TICKET_IMPORT,
            target=Path(plan.path).name,
            detail={
                "source": str(plan.source),
                "profile_id": plan.profile_id,
                "added": result.added,
                "already_present": result.already_present,
                "to_place": result.to_place,
                "category_unmapped": result.category_unmapped,
                "rejected": result.rejected,
            },
            now=now,
        )
        # The last look before the commit: a Cancel pressed during the code update or the
        # audit write still writes nothing.
        if cancelled is not None and cancelled():
            raise RegistrationCancelled
        session.commit()
        return result
    except IntegrityError as exc:
        session.rollback()
        # The same code committed by another desk between the check above and our insert
        # (both databases name the column in the message).
        if "external_code" in str(exc.orig):
            raise ValidationError("intake_plan", "stale") from None
        raise
    except BaseException:
        session.rollback()
        raise


def _with_layout(session: Session, actor: Actor, plan: IntakePlan, now: datetime) -> list:
    """The plan's forms, pointing at the profile of the sheet's layout when none was chosen."""
    forms = [p.form for p in plan.to_add]
    if plan.profile_id is not None or not forms or not plan.columns:
        return forms
    profile = layout_profile(
        session,
        actor,
        plan.source,
        plan.ticket_source or TICKET_SOURCE_OF[plan.source],
        plan.columns,
        now=now,
    )
    return [
        dataclasses.replace(f, origin=dataclasses.replace(f.origin, profile_id=profile.id))
        for f in forms
    ]


def _existing_codes(session: Session, source: IntakeSource, codes: set[str]) -> set[str]:
    found: set[str] = set()
    ordered = sorted(codes)
    for start in range(0, len(ordered), _CODE_CHUNK):
        chunk = ordered[start : start + _CODE_CHUNK]
        found.update(
            session.scalars(
                select(Ticket.external_code).where(
                    Ticket.external_source == source, Ticket.external_code.in_(chunk)
                )
            )
        )
    return found


# -- small helpers ----------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    """A cell as text ("" for empty): numbers without a trailing .0, text stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _plain(name: str) -> str:
    return unicodedata.normalize("NFKC", name).replace(" ", "")


def _problem(
    ctx: _Context, row: SheetRow, name: IntakeField, rule: str, value: str = ""
) -> CellProblem:
    """A planner's problem, naming the column that holds ``name`` (none: a whole-row one)."""
    index = ctx.columns.get(name)
    if index is None:
        return CellProblem(row.number, "", "", rule, value)
    return CellProblem(row.number, ctx.sheet.headers[index], column_letter(index), rule, value)


__all__ = [
    "Difference",
    "IntakePlan",
    "IntakeResult",
    "RegistrationCancelled",
    "apply_intake",
    "PlannedTicket",
    "PresentRow",
    "RejectedRow",
    "SuspectedDuplicate",
    "plan_intake",
    "platform_deadline",
]
