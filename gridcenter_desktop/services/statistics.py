"""The centre's figures for a period: what reports, charts and ``gridcenter stats`` show.

Everything is counted by GROUP BY in the database, in a fixed number of queries whatever the
number of grids or departments (PostgreSQL: two scans of the period; SQLite: five; then the
departments' assignments, and small indexed counts of the merged duplicates answered, the
callback queue and the extension requests); Python only adds the grouped rows up into the
breakdowns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Date, and_, cast, extract, func, or_, select, text, tuple_
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import (
    OPEN_STATUSES,
    AreaLevel,
    AssignmentRole,
    AssignmentStatus,
    ExtensionDecision,
    Outcome,
    Satisfaction,
    TicketKind,
    TicketStatus,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.followup import ExtensionRequest
from gridcenter_desktop.db.ticket import CALLBACK_PENDING_SQL, Assignment, Ticket
from gridcenter_desktop.services.areas import all_areas, village_of
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.periods import after_day, day_start

_HUNDREDTH = Decimal("0.01")
_TENTH = Decimal("0.1")
_GOOD_RATINGS = (Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED)


def percent(part: int, whole: int) -> Decimal | None:
    """``part / whole`` in percent, 2 decimals rounded half up (13765/14086 → 97.72); None when
    there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_HUNDREDTH, ROUND_HALF_UP)


@dataclass(slots=True)
class Figures:
    """Counts for one group of the period's tickets (a status, a grid, a department ...)."""

    key: str | int | None
    name: str | None = None
    tickets: int = 0
    closed: int = 0
    on_time: int = 0
    overdue_open: int = 0
    handling_days: float = 0.0  # sum over the closed tickets
    rated: int = 0
    satisfied: int = 0  # satisfied or basically satisfied

    def add(self, row: Any) -> None:
        """Add one grouped row of :func:`_facts` (grouped by at least status and
        satisfaction, so "closed", "rated" and "overdue" follow from the group's key)."""
        self.tickets += row.n
        closed = row.status == TicketStatus.CLOSED
        if closed:
            self.closed += row.n
            self.on_time += row.on_time or 0
            self.handling_days += float(row.handling_days or 0)
        elif row.status in OPEN_STATUSES:
            self.overdue_open += row.late or 0
        if row.satisfaction is not None:
            self.rated += row.n
            if row.satisfaction in _GOOD_RATINGS:
                self.satisfied += row.n

    def add_totals(self, row: Any) -> None:
        """Add one row of :func:`_figure_totals` (every count of this class in one row)."""
        self.tickets += row.n
        self.closed += row.closed
        self.on_time += row.on_time
        self.overdue_open += row.late
        self.handling_days += float(row.handling_days or 0)
        self.rated += row.rated
        self.satisfied += row.satisfied

    def merge(self, other: Figures) -> None:
        self.tickets += other.tickets
        self.closed += other.closed
        self.on_time += other.on_time
        self.overdue_open += other.overdue_open
        self.handling_days += other.handling_days
        self.rated += other.rated
        self.satisfied += other.satisfied

    @property
    def closure_rate(self) -> Decimal | None:
        return percent(self.closed, self.tickets)

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.closed)

    @property
    def avg_handling_days(self) -> Decimal | None:
        if not self.closed:
            return None
        return Decimal(repr(self.handling_days / self.closed)).quantize(_TENTH, ROUND_HALF_UP)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return percent(self.satisfied, self.rated)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "tickets": self.tickets,
            "closed": self.closed,
            "closure_rate": _number(self.closure_rate),
            "on_time": self.on_time,
            "on_time_rate": _number(self.on_time_rate),
            "overdue_open": self.overdue_open,
            "avg_handling_days": _number(self.avg_handling_days),
            "satisfaction_rate": _number(self.satisfaction_rate),
        }


@dataclass(frozen=True, slots=True)
class DayCount:
    """Tickets created and closed on one day (or, in ``by_month``, in one month: ``day`` is
    the month's first day)."""

    day: date
    created: int
    closed: int


@dataclass(slots=True)
class WorkFigures:
    """One kind of work (lead or assisting) of one department, or of all: the assignments of
    the period's tickets that were neither withdrawn nor returned (see
    :func:`period_statistics`)."""

    assigned: int = 0
    # Acceptance: counted once it is decided, i.e. accepted, or still pending with its
    # accept-by time passed (a missed acceptance); a pending one not yet due is not counted.
    acceptance_due: int = 0
    accepted_on_time: int = 0
    # Completion: the assignments fed back (or done); on time when by their own finish-by.
    finished: int = 0
    finished_on_time: int = 0
    # Not finished with the finish-by time passed (a suspended ticket's clock is stopped).
    overdue_open: int = 0

    def add(self, row: Any) -> None:
        self.assigned += row.n
        self.acceptance_due += row.acceptance_due
        self.accepted_on_time += row.accepted_on_time
        self.finished += row.finished
        self.finished_on_time += row.finished_on_time
        self.overdue_open += row.overdue_open

    def merge(self, other: WorkFigures) -> None:
        self.assigned += other.assigned
        self.acceptance_due += other.acceptance_due
        self.accepted_on_time += other.accepted_on_time
        self.finished += other.finished
        self.finished_on_time += other.finished_on_time
        self.overdue_open += other.overdue_open

    @property
    def accepted_late(self) -> int:
        """Accepted after the accept-by time, or not accepted when it passed (超时未签收)."""
        return self.acceptance_due - self.accepted_on_time

    @property
    def acceptance_on_time_rate(self) -> Decimal | None:
        return percent(self.accepted_on_time, self.acceptance_due)

    @property
    def completion_on_time_rate(self) -> Decimal | None:
        return percent(self.finished_on_time, self.finished)

    def to_dict(self) -> dict[str, Any]:
        return {
            "assigned": self.assigned,
            "acceptance_due": self.acceptance_due,
            "accepted_on_time": self.accepted_on_time,
            "acceptance_on_time_rate": _number(self.acceptance_on_time_rate),
            "finished": self.finished,
            "finished_on_time": self.finished_on_time,
            "completion_on_time_rate": _number(self.completion_on_time_rate),
            "overdue_open": self.overdue_open,
        }


@dataclass(slots=True)
class DepartmentWork:
    """A department's lead (主办) and assisting (协办) work side by side."""

    key: int
    name: str | None
    lead: WorkFigures = field(default_factory=WorkFigures)
    assist: WorkFigures = field(default_factory=WorkFigures)

    @property
    def assigned(self) -> int:
        return self.lead.assigned + self.assist.assigned

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "lead": self.lead.to_dict(),
            "assist": self.assist.to_dict(),
        }


@dataclass(slots=True)
class PeriodStatistics:
    """See :func:`period_statistics` for the definitions."""

    date_from: date
    date_to: date
    now: datetime
    totals: Figures
    disputes_total: int
    disputes_resolved: int
    petition_batches: int
    petition_people: int
    suggestions_total: int
    suggestions_resolved: int
    satisfaction: dict[Satisfaction, int]
    grids: int
    by_status: dict[str, Figures] = field(default_factory=dict)
    by_kind: dict[str, Figures] = field(default_factory=dict)
    by_category: dict[str, Figures] = field(default_factory=dict)
    by_source: dict[str, Figures] = field(default_factory=dict)
    by_village: list[Figures] = field(default_factory=list)
    by_grid: list[Figures] = field(default_factory=list)
    by_department: list[Figures] = field(default_factory=list)
    by_month: list[DayCount] = field(default_factory=list)
    by_day: list[DayCount] = field(default_factory=list)
    lead_work: WorkFigures = field(default_factory=WorkFigures)
    assist_work: WorkFigures = field(default_factory=WorkFigures)
    by_department_work: list[DepartmentWork] = field(default_factory=list)
    extensions_requested: int = 0
    extensions_approved: int = 0
    callbacks_pending: int = 0
    merged_answered: int = 0

    @property
    def tickets_total(self) -> int:
        return self.totals.tickets

    @property
    def tickets_closed(self) -> int:
        return self.totals.closed

    @property
    def closure_rate(self) -> Decimal | None:
        return self.totals.closure_rate

    @property
    def on_time_rate(self) -> Decimal | None:
        return self.totals.on_time_rate

    @property
    def avg_handling_days(self) -> Decimal | None:
        return self.totals.avg_handling_days

    @property
    def overdue_open(self) -> int:
        return self.totals.overdue_open

    @property
    def dispute_resolution_rate(self) -> Decimal | None:
        return percent(self.disputes_resolved, self.disputes_total)

    @property
    def suggestion_resolution_rate(self) -> Decimal | None:
        return percent(self.suggestions_resolved, self.suggestions_total)

    @property
    def acceptance_on_time_rate(self) -> Decimal | None:
        """Lead and assisting acceptances together (签收及时率)."""
        both = WorkFigures()
        both.merge(self.lead_work)
        both.merge(self.assist_work)
        return both.acceptance_on_time_rate

    @property
    def satisfaction_rated(self) -> int:
        return self.totals.rated

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return self.totals.satisfaction_rate

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (rates as numbers with 2 decimals, None when undefined)."""

        def figures(groups: Iterable[Figures]) -> list[dict[str, Any]]:
            return [g.to_dict() for g in groups]

        def days(counts: Iterable[DayCount]) -> list[dict[str, Any]]:
            return [
                {"day": c.day.isoformat(), "created": c.created, "closed": c.closed} for c in counts
            ]

        return {
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "tickets_total": self.tickets_total,
            "tickets_closed": self.tickets_closed,
            "closure_rate": _number(self.closure_rate),
            "on_time_rate": _number(self.on_time_rate),
            "avg_handling_days": _number(self.avg_handling_days),
            "disputes_total": self.disputes_total,
            "disputes_resolved": self.disputes_resolved,
            "dispute_resolution_rate": _number(self.dispute_resolution_rate),
            "petition_batches": self.petition_batches,
            "petition_people": self.petition_people,
            "suggestions_total": self.suggestions_total,
            "suggestions_resolved": self.suggestions_resolved,
            "satisfaction": {s.value: n for s, n in self.satisfaction.items()},
            "satisfaction_rated": self.satisfaction_rated,
            "satisfaction_rate": _number(self.satisfaction_rate),
            "overdue_open": self.overdue_open,
            "acceptance_on_time_rate": _number(self.acceptance_on_time_rate),
            "extensions_requested": self.extensions_requested,
            "extensions_approved": self.extensions_approved,
            "callbacks_pending": self.callbacks_pending,
            "merged_answered": self.merged_answered,
            "lead_work": self.lead_work.to_dict(),
            "assist_work": self.assist_work.to_dict(),
            "grids": self.grids,
            "by_status": figures(self.by_status.values()),
            "by_kind": figures(self.by_kind.values()),
            "by_category": figures(self.by_category.values()),
            "by_source": figures(self.by_source.values()),
            "by_village": figures(self.by_village),
            "by_grid": figures(self.by_grid),
            "by_department": figures(self.by_department),
            "by_department_work": [d.to_dict() for d in self.by_department_work],
            "by_month": days(self.by_month),
            "by_day": days(self.by_day),
        }


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


# --- queries -----------------------------------------------------------------------------


def _days_between(session: Session, start, end):
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(end) - func.julianday(start)
    return extract("epoch", end - start) / 86400.0


def _day_of(session: Session, column):
    if session.get_bind().dialect.name == "sqlite":
        # Stored as ISO text: the first 10 characters are the date, cheaper than date().
        return func.substr(column, 1, 10)
    return cast(column, Date)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _facts(session: Session, now: datetime) -> tuple[list, list]:
    """Group keys every grouped query carries, and cheap aggregates: which of them matter
    (on time and handling days for closed groups, late for open ones) follows from the keys,
    so the database evaluates no CASE per row (measured: a third of the time at 1M)."""
    keys = [Ticket.status, Ticket.satisfaction]
    aggregates = [
        func.count().label("n"),
        func.count().filter(Ticket.closed_at <= Ticket.deadline_at).label("on_time"),
        func.sum(_days_between(session, Ticket.created_at, Ticket.closed_at)).label(
            "handling_days"
        ),
        # A suspended ticket's clock is stopped: never overdue (services/tickets/suspension.py).
        func.count().filter(Ticket.deadline_at < now, Ticket.suspended_at.is_(None)).label("late"),
        func.sum(Ticket.people_count).label("people"),
    ]
    return keys, aggregates


def _grouped_rows(
    session: Session,
    sets: dict[str, tuple[tuple[str, Any], ...]],
    where: tuple,
    aggregates: list,
    postgresql: bool,
) -> Iterator[tuple[str, Any]]:
    """The period's tickets grouped by each of ``sets`` (set name → its ``(label, column)``
    keys), as ``(set name, row)`` pairs; a row carries its keys under their labels, and the
    aggregates. The set named "closed" counts only the closed tickets.

    PostgreSQL computes every set in one scan of ix_ticket_period_facts (GROUPING SETS, hash
    aggregation); the row's GROUPING() bitmask names its set. SQLite has neither grouping sets
    nor hash aggregation, and sorting for each GROUP BY was most of its time: one query per
    set, the two big ones skip-scanning an index led by their keys (ix_ticket_dims_facts,
    ix_ticket_grid_facts) so the groups come out in index order, unsorted; the day sets only
    count (it would evaluate the other aggregates per row for nothing)."""
    if postgresql:
        # The closed tickets per day: the status is a key of that set (a WHERE would apply to
        # every set), the other statuses' rows are skipped below.
        sets = {**sets, "closed": (*sets["closed"], ("status", Ticket.status))}
        keys: dict[str, Any] = {}
        for columns in sets.values():
            keys.update(columns)
        labels = list(keys)
        masks = {}
        for name, columns in sets.items():
            # GROUPING(a, b, ...) has bit (n - 1 - i) set when argument i is NOT a key of the
            # row's set.
            own = {label for label, _ in columns}
            mask = sum(1 << (len(labels) - 1 - i) for i, k in enumerate(labels) if k not in own)
            masks[mask] = name
        query = (
            select(
                *(keys[k].label(k) for k in labels),
                *aggregates,
                func.grouping(*keys.values()).label("grouping_set"),
            )
            .where(*where)
            .group_by(
                func.grouping_sets(*(tuple_(*(c for _, c in cols)) for cols in sets.values()))
            )
        )
        for row in session.execute(query):
            name = masks[row.grouping_set]
            if name != "closed" or row.status == TicketStatus.CLOSED:
                yield name, row
        return
    for name, columns in sets.items():
        counted = [func.count().label("n")] if name in ("created", "closed") else aggregates
        query = (
            select(*(c.label(k) for k, c in columns), *counted)
            .where(*where)
            .group_by(*(c for _, c in columns))
        )
        if name == "closed":
            query = query.where(Ticket.status == TicketStatus.CLOSED)
        for row in session.execute(query):
            yield name, row


def _figure_totals(session: Session, now: datetime) -> list:
    """Every count of a :class:`Figures` as one row's aggregates, for a grouping whose only key
    is its own (the departments on SQLite): a FILTER per count costs less there than sorting
    the join's rows by status and rating as well (290 → 230 ms CPU for a year at 1M)."""
    closed = Ticket.status == TicketStatus.CLOSED
    return [
        func.count().label("n"),
        func.count().filter(closed).label("closed"),
        func.count().filter(closed, Ticket.closed_at <= Ticket.deadline_at).label("on_time"),
        func.sum(_days_between(session, Ticket.created_at, Ticket.closed_at))
        .filter(closed)
        .label("handling_days"),
        func.count()
        .filter(
            Ticket.status.in_(sorted(OPEN_STATUSES)),
            Ticket.deadline_at < now,
            Ticket.suspended_at.is_(None),
        )
        .label("late"),
        func.count(Ticket.satisfaction).label("rated"),
        func.count().filter(Ticket.satisfaction.in_(_GOOD_RATINGS)).label("satisfied"),
    ]


def period_statistics(
    session: Session, date_from: date, date_to: date, now: datetime | None = None
) -> PeriodStatistics:
    """The figures of the tickets created from ``date_from`` to ``date_to`` (both inclusive),
    merged duplicates left out ("the period's tickets").

    * tickets_total: the period's tickets; tickets_closed: those with status closed;
      closure_rate = closed / total in percent (2 decimals, half up).
    * on_time_rate: closed tickets whose closed_at <= deadline_at / closed tickets.
    * avg_handling_days: mean of (closed_at - created_at) in days over closed tickets,
      1 decimal.
    * disputes_total: kind dispute; disputes_resolved: disputes closed with outcome resolved;
      dispute_resolution_rate = resolved / total.
    * petition_batches: tickets of kind petition; petition_people: the sum of their
      people_count (批次/人次).
    * suggestions_total / suggestions_resolved: kind suggestion / those closed resolved.
    * satisfaction: callback ratings per value, counted per reporter: the rated tickets of
      the period plus the rated merged duplicates answered with their kept ticket (each
      duplicate is its own reporter; they are added to the kind, category, source, grid and
      village groups too, never to tickets_total or a status); satisfaction_rate =
      (satisfied + basically satisfied) / rated.
    * overdue_open: the period's tickets that are open at ``now`` (default: the current time)
      with their deadline passed.
    * grids: the number of grids in the town that served in the period (not retired before it).
    * Breakdowns (each a :class:`Figures`: tickets, closed, on time, overdue, average handling
      days, satisfaction rate): by status, kind, category, source, grid, village (its grids
      added up; tickets without a grid under key None), and lead department (the period's
      tickets with a lead assignment to it that was neither withdrawn nor returned; a ticket
      led by two departments in turn counts for both).
    * by_day / by_month: the period's tickets created per day (month), and of them those
      closed per day (month) of their closing, which may fall after ``date_to``.
    * lead_work / assist_work / by_department_work (:class:`WorkFigures`): the departments'
      assignments of the period's tickets as lead (主办) or assisting (协办) department, the
      withdrawn and returned ones left out (not the department's work) and so are grids.
      Each assignment has its own clock: accepted on time when accepted_at <= its accept_by,
      finished on time when fed_back_at (or, done without a feedback time, the ticket's
      closed_at) <= its finish_by. A pending assignment whose accept_by has passed at
      ``now`` counts as a missed acceptance; one not yet due is not counted.
      acceptance_on_time_rate = accepted on time / acceptances counted, lead and assisting
      together (签收及时率; "the period's tickets" was chosen over "accept-by in the period"
      so that it describes the same tickets as every other figure).
    * extensions_requested / extensions_approved: requests for more time (延期申请) made in
      the period (requested_at), and of them those approved so far.
    * callbacks_pending: the period's answered tickets (closed, or merged duplicates answered
      with their kept ticket) whose reporter has given no rating yet (待回访,
      db.ticket.CALLBACK_PENDING_SQL); merged_answered: the period's merged duplicates that
      were answered (closed_at set).
    """
    if date_to < date_from:
        raise ValidationError("date_to", "before_date_from")
    now = now or china_now()
    start = day_start(date_from)
    end = after_day(date_to)
    in_period = (
        Ticket.created_at >= start,
        Ticket.created_at < end,
        Ticket.status != TicketStatus.MERGED,
    )
    fact_keys, aggregates = _facts(session, now)
    postgresql = session.get_bind().dialect.name == "postgresql"
    if postgresql:
        # JIT compiling the period queries costs 100+ ms at 1M tickets and saves nothing.
        # The planner guesses ~350,000 groups for the day sets (2,000 in fact) and with the
        # default 4 MB sorts instead of hashing (0.96 s → 0.14 s for 137,000 tickets with
        # both off); hashing uses ~5 MB in fact. SET LOCAL ends with the caller's transaction.
        session.execute(text("SET LOCAL jit = off"))
        session.execute(text("SET LOCAL work_mem = '256MB'"))

    # 1. Every breakdown but the departments: one scan of the period.
    created_day = _day_of(session, Ticket.created_at)
    closed_day = _day_of(session, Ticket.closed_at)
    dims = (*fact_keys, Ticket.kind, Ticket.category, Ticket.source, Ticket.outcome)

    def named(*columns) -> tuple[tuple[str, Any], ...]:
        return tuple((c.key, c) for c in columns)

    sets = {
        "dims": named(*dims),
        "grid": named(Ticket.grid_id, *fact_keys),
        "created": (("created_day", created_day),),
        "closed": (("closed_day", closed_day),),
    }
    totals = Figures(None)
    by: dict[str, dict[str, Figures]] = {d: {} for d in ("status", "kind", "category", "source")}
    satisfaction = dict.fromkeys(Satisfaction, 0)
    disputes = disputes_resolved = petitions = people = suggestions = suggestions_resolved = 0
    areas = all_areas(session)
    grids_seen: dict[int | None, Figures] = {}
    created: dict[date, int] = {}
    closed: dict[date, int] = {}

    def grid_figures(grid_id: int | None) -> Figures:
        grid = grids_seen.get(grid_id)
        if grid is None:
            info = areas.get(grid_id) if grid_id is not None else None
            grid = grids_seen[grid_id] = Figures(grid_id, info.name if info else None)
        return grid

    for name, row in _grouped_rows(session, sets, in_period, aggregates, postgresql):
        if name == "dims":
            totals.add(row)
            for dim in by:
                value = getattr(row, dim)
                by[dim].setdefault(value, Figures(value)).add(row)
            if row.satisfaction is not None:
                satisfaction[Satisfaction(row.satisfaction)] += row.n
            resolved = row.status == TicketStatus.CLOSED and row.outcome == Outcome.RESOLVED
            if row.kind == TicketKind.DISPUTE:
                disputes += row.n
                disputes_resolved += row.n if resolved else 0
            elif row.kind == TicketKind.PETITION:
                petitions += row.n
                people += row.people or 0
            elif row.kind == TicketKind.SUGGESTION:
                suggestions += row.n
                suggestions_resolved += row.n if resolved else 0
        elif name == "grid":
            grid_figures(row.grid_id).add(row)
        elif name == "created":
            created[_as_date(row.created_day)] = row.n
        else:
            closed[_as_date(row.closed_day)] = row.n

    # 2. Merged duplicates answered with their kept ticket: their reporters' ratings. Few rows
    # (ix_ticket_status_created finds the period's merged ones).
    merged_answered = 0
    answered_keys = (Ticket.satisfaction, Ticket.kind, Ticket.category, Ticket.source)
    answered = (
        select(*answered_keys, Ticket.grid_id, func.count().label("n"))
        .where(
            Ticket.status == TicketStatus.MERGED,
            Ticket.created_at >= start,
            Ticket.created_at < end,
            Ticket.closed_at.is_not(None),
        )
        .group_by(*answered_keys, Ticket.grid_id)
    )
    for row in session.execute(answered):
        merged_answered += row.n
        if row.satisfaction is None:
            continue
        good = row.n if row.satisfaction in _GOOD_RATINGS else 0
        satisfaction[Satisfaction(row.satisfaction)] += row.n
        groups = [totals, grid_figures(row.grid_id)]
        for dim in ("kind", "category", "source"):
            key = getattr(row, dim)
            groups.append(by[dim].setdefault(key, Figures(key)))
        for group in groups:
            group.rated += row.n
            group.satisfied += good
    # The callback queue of the period: its partial index holds just those tickets (SQLite
    # takes a partial index only for the identical term).
    callbacks_pending = session.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(text(CALLBACK_PENDING_SQL), Ticket.created_at >= start, Ticket.created_at < end)
    )

    # Grids, rolled up to their villages.
    by_grid: list[Figures] = []
    villages: dict[int | None, Figures] = {}
    for grid in grids_seen.values():
        by_grid.append(grid)
        village = village_of(areas, grid.key) if isinstance(grid.key, int) else None
        vkey = village.id if village else None
        villages.setdefault(vkey, Figures(vkey, village.name if village else None)).merge(grid)

    def area_order(f: Figures) -> tuple:
        # Tree order (each ancestor's sort order from the top); tickets without a grid last.
        path: list[tuple[int, int]] = []
        current = areas.get(f.key) if isinstance(f.key, int) else None
        while current is not None:
            path.insert(0, (current.sort_order, current.id))
            current = areas.get(current.parent_id) if current.parent_id is not None else None
        return (not path, path)

    # 3. Lead departments.
    worked = [
        Assignment.ticket_id == Ticket.id,
        Assignment.department_id.is_not(None),  # a ticket handed to its grid has no department
        Assignment.status.not_in([AssignmentStatus.CANCELLED, AssignmentStatus.RETURNED]),
    ]
    if postgresql:
        # Unbounded, PostgreSQL hashes the whole assignment table whatever the period (230-350
        # ms at 1M tickets even for one month), and probing each period ticket's assignments
        # by index costs ~1.5 µs a ticket (0.27 s for a year of 168,000). The period's
        # tickets lie between its smallest and largest ticket id, so the join may say so: a
        # filter that changes nothing, but lets the planner hash just that id range of
        # assignments (0.09 s for the same year). Ids follow registration, so the range is
        # about the period; were old tickets imported late, it would be wider, never wrong.
        # (id + 0: min/max of the bare id walk the primary key past the earlier tickets.)
        low, high = session.execute(
            select(func.min(Ticket.id + 0), func.max(Ticket.id + 0)).where(*in_period)
        ).one()
        worked.append(Assignment.ticket_id.between(low or 0, high or 0))
    leads = [*worked, Assignment.role == AssignmentRole.LEAD]
    # PostgreSQL hashes the groups, so status and rating cost nothing as keys; SQLite sorts
    # the joined rows for a GROUP BY, and sorting by the department alone costs less than
    # the FILTERs it takes instead.
    dept_keys, dept_aggregates = (
        (fact_keys, aggregates) if postgresql else ([], _figure_totals(session, now))
    )
    dept_query = (
        select(Assignment.department_id, *dept_keys, *dept_aggregates)
        .join(Assignment, and_(*leads))
        .where(*in_period)
        .group_by(Assignment.department_id, *dept_keys)
    )
    names = dict(session.execute(select(Department.id, Department.name)).all())
    departments: dict[int, Figures] = {}
    for row in session.execute(dept_query):
        key = row.department_id
        figures = departments.setdefault(key, Figures(key, names.get(key)))
        if postgresql:
            figures.add(row)
        else:
            figures.add_totals(row)
    by_department = list(departments.values())
    by_department.sort(key=lambda f: (-f.tickets, f.key))

    # 4. Lead and assisting work per department, each assignment on its own clock.
    work: dict[int, DepartmentWork] = {}
    lead_work, assist_work = WorkFigures(), WorkFigures()
    for row in session.execute(_work_query(worked, in_period, now)):
        key = row.department_id
        department = work.setdefault(key, DepartmentWork(key, names.get(key)))
        if row.role == AssignmentRole.LEAD:
            department.lead.add(row)
            lead_work.add(row)
        else:
            department.assist.add(row)
            assist_work.add(row)
    by_department_work = sorted(work.values(), key=lambda d: (-d.assigned, d.key))

    # 5. Requests for more time made in the period (ix_extension_request_requested).
    extensions = session.execute(
        select(
            func.count().label("requested"),
            func.count()
            .filter(ExtensionRequest.decision == ExtensionDecision.APPROVED)
            .label("approved"),
        ).where(ExtensionRequest.requested_at >= start, ExtensionRequest.requested_at < end)
    ).one()

    by_day = [
        DayCount(d, created.get(d, 0), closed.get(d, 0)) for d in sorted(set(created) | set(closed))
    ]
    months: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for c in by_day:
        month = months[c.day.replace(day=1)]
        month[0] += c.created
        month[1] += c.closed
    by_month = [DayCount(m, v[0], v[1]) for m, v in sorted(months.items())]

    # The grids that served in the period: a grid retired before it began no longer counts,
    # one retired during it still does.
    grids = session.scalar(
        select(func.count())
        .select_from(Area)
        .where(
            Area.level == AreaLevel.GRID,
            (Area.retired_at.is_(None)) | (Area.retired_at >= start),
        )
    )

    return PeriodStatistics(
        date_from=date_from,
        date_to=date_to,
        now=now,
        totals=totals,
        disputes_total=disputes,
        disputes_resolved=disputes_resolved,
        petition_batches=petitions,
        petition_people=people,
        suggestions_total=suggestions,
        suggestions_resolved=suggestions_resolved,
        satisfaction=satisfaction,
        grids=int(grids or 0),
        by_status=dict(sorted(by["status"].items())),
        by_kind=dict(sorted(by["kind"].items())),
        by_category=dict(sorted(by["category"].items())),
        by_source=dict(sorted(by["source"].items())),
        by_village=sorted(villages.values(), key=area_order),
        by_grid=sorted(by_grid, key=area_order),
        by_department=by_department,
        by_month=by_month,
        by_day=by_day,
        lead_work=lead_work,
        assist_work=assist_work,
        by_department_work=by_department_work,
        extensions_requested=extensions.requested,
        extensions_approved=extensions.approved,
        callbacks_pending=int(callbacks_pending or 0),
        merged_answered=merged_answered,
    )


def _work_query(joined: list, in_period: tuple, now: datetime):
    """The departments' assignments of the period's tickets, counted per department and role
    (see :class:`WorkFigures` and :func:`period_statistics`)."""
    accepted = Assignment.accepted_at.is_not(None)
    missed = and_(Assignment.status == AssignmentStatus.PENDING, Assignment.accept_by < now)
    fed_back = Assignment.fed_back_at.is_not(None)
    finished = or_(fed_back, Assignment.status == AssignmentStatus.DONE)
    finished_at = func.coalesce(Assignment.fed_back_at, Ticket.closed_at)
    unfinished = Assignment.status.in_([AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED])
    return (
        select(
            Assignment.department_id,
            Assignment.role,
            func.count().label("n"),
            func.count().filter(or_(accepted, missed)).label("acceptance_due"),
            func.count()
            .filter(accepted, Assignment.accepted_at <= Assignment.accept_by)
            .label("accepted_on_time"),
            func.count().filter(finished).label("finished"),
            func.count()
            .filter(finished, finished_at <= Assignment.finish_by)
            .label("finished_on_time"),
            func.count()
            .filter(
                unfinished,
                ~fed_back,
                Assignment.finish_by < now,
                Ticket.suspended_at.is_(None),
            )
            .label("overdue_open"),
        )
        .select_from(Ticket)
        .join(Assignment, and_(*joined))
        .where(*in_period)
        .group_by(Assignment.department_id, Assignment.role)
    )
