"""The operator's ticket queue: filtered, ordered pages of tickets and their count.

Pages use KEYSET pagination: a page starts after (or before) the sort key of a row already seen,
so reading page 9,000 of a million tickets costs what page 1 costs, while ``OFFSET`` would walk
every skipped row (measured: docs/performance.md). Every ordering ends with the ticket id, so
keys are unique and pages never repeat or skip a row, even when many tickets share a deadline.
The orderings match the ticket indexes (db/ticket.py ``__table_args__``).

The Qt table is a windowed model that may jump anywhere (drag the scroll bar to row 700,000):
:func:`fetch_window` serves it; see its docstring for how a jump stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    false,
    func,
    literal_column,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session, aliased

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import (
    OPEN_STATUSES,
    AssignmentRole,
    AssignmentStatus,
    Priority,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.core.permissions import ReporterSearch
from gridcenter_desktop.core.validation import is_possible_id
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.followup import PENDING_EXTENSION_SQL, ExtensionRequest
from gridcenter_desktop.db.ticket import (
    CALLBACK_PENDING_SQL,
    TO_PLACE_SQL,
    Assignment,
    Ticket,
    TicketEvent,
)
from gridcenter_desktop.services import search, ticket_lookup
from gridcenter_desktop.services.areas import all_areas, grids_under
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.periods import after_day, day_start

DeadlineFilter = Literal["overdue", "due_soon"]
OrderField = Literal[
    "deadline", "created", "priority", "code", "status", "category", "source", "closed"
]

PRESETS = (
    "pending",
    "in_progress",
    "review",
    "overdue",
    "today",
    "mine",
    "to_place",
    "missed_acceptance",
    "suspended",
    "extension_pending",
    "callback_pending",
)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the operator narrowed the queue to; every field optional (None: no condition).

    ``deadline`` is judged against the ``now`` given to the query: "overdue" = open and past
    its deadline; "due_soon" = open, due-soon time reached, deadline not yet passed.
    ``created_from``/``created_to`` are inclusive dates. ``handled_by`` keeps tickets with an
    event by that user (我经手的). Merged duplicates are left out unless ``include_merged`` or
    ``statuses`` asks for them. ``text`` finds codes, words, and (``reporter_search``)
    reporters: services/ticket_lookup.py.
    """

    statuses: frozenset[TicketStatus] | None = None
    kinds: frozenset[TicketKind] | None = None
    categories: frozenset[str] | None = None
    sources: frozenset[TicketSource] | None = None
    area_id: int | None = None
    department_id: int | None = None
    deadline: DeadlineFilter | None = None
    created_from: date | None = None
    created_to: date | None = None
    text: str | None = None
    handled_by: int | None = None
    include_merged: bool = False
    # Whether ``text`` also finds reporters' names and phones: the searcher's
    # core.permissions.reporter_search (services/ticket_lookup.py).
    reporter_search: ReporterSearch = ReporterSearch.NONE
    # Only open tickets the import could not place (no grid, or the platform's category not
    # mapped yet): the 待定位 list the operator works through with the PLACE action.
    to_place: bool = False
    # Only tickets a department has not accepted in time (超时未签收, 吹哨报到): an assignment
    # still pending past its accept-by time at the query's ``now``.
    missed_acceptance: bool = False
    # Only open tickets whose clock is stopped (挂起, services/tickets/suspension.py).
    suspended: bool = False
    # Only tickets with a request for more time waiting for a supervisor (待审批延期).
    extension_pending: bool = False
    # Only answered tickets whose reporter has given no rating yet (the 待回访 list the
    # operator works down with the CALLBACK action), merged duplicates included: each
    # reporter is called back on their own ticket.
    callback_pending: bool = False
    # Only tickets whose coordinates lie in this WGS-84 rectangle (min_lon, min_lat, max_lon,
    # max_lat), edges included: the rectangle drawn on the map. Tickets without coordinates
    # are left out.
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class QueueOrder:
    field: OrderField = "deadline"
    descending: bool = False


@dataclass(frozen=True, slots=True)
class Cursor:
    """The sort key of a row (ending with its id) under one ordering: where a page starts."""

    values: tuple


@dataclass(frozen=True, slots=True)
class QueueRow:
    id: int
    code: str
    title: str
    kind: TicketKind
    source: TicketSource
    category: str
    status: TicketStatus
    priority: Priority
    grid_id: int | None
    grid_name: str | None
    village_name: str | None
    created_at: datetime
    deadline_at: datetime
    due_soon_at: datetime
    closed_at: datetime | None
    lead_department: str | None
    urge_count: int
    version: int
    cursor: Cursor
    # Imported without a grid the address could tell: the grid column says so.
    to_place: bool = False
    # 挂起: since when the ticket's clock is stopped (None while it runs).
    suspended_at: datetime | None = None


_ORDER_COLUMNS = {
    "deadline": (Ticket.deadline_at, Ticket.id),
    "created": (Ticket.created_at, Ticket.id),
    "priority": (Ticket.priority_rank, Ticket.created_at, Ticket.id),
    "code": (Ticket.code, Ticket.id),
    # Grouped by the stored value, newest first within a group in descending order: each
    # walks its (column, created_at, id) index (ix_ticket_status_created, ..._category_created,
    # ..._source_created).
    "status": (Ticket.status, Ticket.created_at, Ticket.id),
    "category": (Ticket.category, Ticket.created_at, Ticket.id),
    "source": (Ticket.source, Ticket.created_at, Ticket.id),
    # Oldest answer first: the 待回访 list, along its partial index (ix_ticket_callback_pending).
    # Only for views of answered tickets (closed_at set): a NULL key has no keyset position.
    "closed": (Ticket.closed_at, Ticket.id),
}
_ORDER_ATTRS = {
    "deadline": ("deadline_at", "id"),
    "created": ("created_at", "id"),
    "priority": ("priority_rank", "created_at", "id"),
    "code": ("code", "id"),
    "status": ("status", "created_at", "id"),
    "category": ("category", "created_at", "id"),
    "source": ("source", "created_at", "id"),
    "closed": ("closed_at", "id"),
}


def _order_columns(order: QueueOrder) -> tuple:
    try:
        return _ORDER_COLUMNS[order.field]
    except KeyError:
        raise ValidationError("order", "unknown_field") from None


# --- filter ------------------------------------------------------------------------------

# Written as the partial index's own term (db.ticket.TO_PLACE_SQL), parenthesised so it stays
# one term beside the others: the list is a handful of rows among a million.
_TO_PLACE = text(f"({TO_PLACE_SQL})")
# The partial index's own term too (db.ticket.CALLBACK_PENDING_SQL): SQLite splits the
# parenthesised AND into the same two terms the index's WHERE has.
_CALLBACK_PENDING = text(f"({CALLBACK_PENDING_SQL})")
# A closed or merged ticket can no longer be placed (PLACE needs an open one): off the list.
_EXTENSION_PENDING = text(f"(extension_request.{PENDING_EXTENSION_SQL})")
_PLACED_FOR_GOOD = (TicketStatus.CLOSED.value, TicketStatus.MERGED.value)


def _status_in(statuses: set[TicketStatus]) -> ColumnElement[bool]:
    """``status IN (...)`` with the values written as literals in sorted order: the open set
    then reads exactly like the partial indexes' term (db.ticket.OPEN_STATUS_SQL), which is
    what lets SQLite, and PostgreSQL's generic plans, use them."""
    try:
        values = sorted(TicketStatus(s).value for s in statuses)
    except ValueError:
        raise ValidationError("statuses", "unknown") from None
    return Ticket.status.in_([literal_column(f"'{v}'") for v in values])


def conditions(
    session: Session, flt: QueueFilter, now: datetime, *, probe_text: bool = False
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``flt`` (shared with reports). ``probe_text`` picks the text
    search plan for ordered pages (see :func:`search.matching_ids_clause`)."""
    conds: list[ColumnElement[bool]] = []
    statuses = set(flt.statuses) if flt.statuses is not None else None
    if flt.deadline is not None:
        if flt.deadline not in ("overdue", "due_soon"):
            raise ValidationError("deadline", "unknown")
        statuses = set(OPEN_STATUSES) if statuses is None else statuses & OPEN_STATUSES
        # A suspended ticket's clock is stopped: neither overdue nor due soon until resumed.
        conds.append(Ticket.suspended_at.is_(None))
        if flt.deadline == "overdue":
            conds.append(Ticket.deadline_at < now)
        else:
            conds.extend([Ticket.due_soon_at <= now, Ticket.deadline_at > now])
    if flt.suspended:
        statuses = set(OPEN_STATUSES) if statuses is None else statuses & OPEN_STATUSES
        conds.append(Ticket.suspended_at.is_not(None))
    if flt.extension_pending:
        # IN (not EXISTS), as for departments below; the subquery carries the partial index's
        # own term (ix_extension_request_pending): a handful of rows among thousands.
        conds.append(Ticket.id.in_(select(ExtensionRequest.ticket_id).where(_EXTENSION_PENDING)))
    if statuses is not None:
        conds.append(_status_in(statuses) if statuses else false())
    elif not (flt.include_merged or flt.callback_pending):
        conds.append(Ticket.status != TicketStatus.MERGED)
    for values, column in (
        (flt.kinds, Ticket.kind),
        (flt.categories, Ticket.category),
        (flt.sources, Ticket.source),
    ):
        if values is not None:
            conds.append(column.in_(sorted(values)) if values else false())
    if flt.area_id is not None:
        grid_ids = grids_under(all_areas(session), flt.area_id)
        conds.append(Ticket.grid_id.in_(grid_ids) if grid_ids else false())
    # An id no row can have (past INTEGER; SQLite cannot even bind one past 2**63) matches
    # nothing, the same on both databases.
    if flt.department_id is not None and not is_possible_id(flt.department_id):
        conds.append(false())
    elif flt.department_id is not None:
        # IN (not EXISTS): SQLite would run a correlated EXISTS once per ticket of the queue;
        # the IN list is read once from the department's assignments.
        conds.append(
            Ticket.id.in_(
                select(Assignment.ticket_id).where(
                    Assignment.department_id == flt.department_id,
                    Assignment.status != AssignmentStatus.CANCELLED,
                )
            )
        )
    if flt.to_place:
        # "Not closed or merged" rather than the open statuses' IN list: the IN list would
        # draw the planner to a status index (every open ticket), away from the partial one.
        conds.extend([_TO_PLACE, Ticket.status.not_in(_PLACED_FOR_GOOD)])
    if flt.missed_acceptance:
        conds.append(missed_acceptance(now))
    if flt.callback_pending:
        conds.append(_CALLBACK_PENDING)
    if flt.bbox is not None:
        conds.extend(bbox_conditions(flt.bbox))
    if flt.created_from and flt.created_to and flt.created_to < flt.created_from:
        raise ValidationError("created_to", "before_created_from")
    if flt.created_from is not None:
        conds.append(Ticket.created_at >= day_start(flt.created_from))
    if flt.created_to is not None:
        conds.append(Ticket.created_at < after_day(flt.created_to))
    if flt.text is not None and flt.text.strip():
        dialect = session.get_bind().dialect.name
        conds.append(
            ticket_lookup.search_clause(
                dialect, flt.text, ReporterSearch(flt.reporter_search), probe=probe_text
            )
        )
    if flt.handled_by is not None and not is_possible_id(flt.handled_by):
        conds.append(false())
    elif flt.handled_by is not None:
        # IN, as for departments: 137 ms → under 1 ms at 1M tickets on SQLite.
        conds.append(
            Ticket.id.in_(
                select(TicketEvent.ticket_id).where(TicketEvent.user_id == flt.handled_by)
            )
        )
    return conds


def bbox_conditions(bbox) -> list[ColumnElement[bool]]:
    """Longitude and latitude inside ``bbox`` (min_lon, min_lat, max_lon, max_lat), edges
    included; refused when it is not four numbers or a minimum exceeds its maximum."""
    try:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
    except (TypeError, ValueError):
        raise ValidationError("bbox", "not_a_rectangle") from None
    if min_lon > max_lon or min_lat > max_lat:
        raise ValidationError("bbox", "inverted")
    return [
        Ticket.longitude.between(min_lon, max_lon),
        Ticket.latitude.between(min_lat, max_lat),
    ]


def missed_acceptance(now: datetime) -> ColumnElement[bool]:
    """The ticket has an assignment still pending past its accept-by time (超时未签收).

    A semi-join read from ix_assignment_status_accept_by: IN, not a correlated EXISTS, which
    SQLite runs once per ticket of the whole table, each time walking the index range of
    every missed assignment (EXPLAIN QUERY PLAN: SCAN ticket; PostgreSQL plans both as the
    same semi-join). A pending assignment is an open one (dispatch, merge and closing settle
    them), so no status condition on the ticket is needed; a suspended ticket's clock is
    stopped (and it cannot be escalated), so it is not on the list."""
    late = select(Assignment.ticket_id).where(
        Assignment.status == AssignmentStatus.PENDING, Assignment.accept_by < now
    )
    return and_(Ticket.id.in_(late), Ticket.suspended_at.is_(None))


# --- pages -------------------------------------------------------------------------------

# A text term with at least this many matches is paged by walking the ordering index (the
# page's rows turn up quickly); rarer terms start from the search index. Measured at 1M
# tickets: docs/performance.md.
PROBE_MIN_MATCHES = 1000


def _page_conditions(session: Session, flt: QueueFilter, now: datetime) -> list:
    probe = False
    if flt.text is not None and flt.text.strip():
        code = ticket_lookup.code_query(flt.text)
        if code is not None:
            found = ticket_lookup.code_count(session.connection(), *code, PROBE_MIN_MATCHES)
        else:
            search.query_pieces(flt.text)  # refuse a query with nothing searchable first
            found = search.match_count(session.connection(), flt.text, PROBE_MIN_MATCHES)
        probe = found >= PROBE_MIN_MATCHES
    return conditions(session, flt, now, probe_text=probe)


_Grid = aliased(Area, name="grid_area")
_Village = aliased(Area, name="village_area")


def _row_select() -> Select:
    return (
        select(
            Ticket.id,
            Ticket.code,
            Ticket.title,
            Ticket.kind,
            Ticket.source,
            Ticket.category,
            Ticket.status,
            Ticket.priority,
            Ticket.priority_rank,
            Ticket.grid_id,
            _Grid.name.label("grid_name"),
            _Village.name.label("village_name"),
            Ticket.created_at,
            Ticket.deadline_at,
            Ticket.due_soon_at,
            Ticket.closed_at,
            Ticket.urge_count,
            Ticket.version,
            Ticket.to_place,
            Ticket.suspended_at,
        )
        .outerjoin(_Grid, _Grid.id == Ticket.grid_id)
        .outerjoin(_Village, _Village.id == _Grid.parent_id)
    )


def _ordered(stmt: Select, order: QueueOrder, reverse: bool) -> Select:
    descending = order.descending != reverse
    cols = _order_columns(order)
    return stmt.order_by(*(c.desc() if descending else c.asc() for c in cols))


def _keyset(order: QueueOrder, cursor: Cursor, reverse: bool) -> ColumnElement[bool]:
    """Rows strictly after ``cursor`` in the (possibly reversed) order. A row-value comparison
    is one index range on both databases."""
    cols = _order_columns(order)
    if len(cursor.values) != len(cols):
        raise ValidationError("cursor", "wrong_ordering")
    key = tuple_(*cols)
    descending = order.descending != reverse
    return key < tuple_(*cursor.values) if descending else key > tuple_(*cursor.values)


def _lead_departments(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Assignment.ticket_id, Department.name)
        .join(Department, Department.id == Assignment.department_id)
        .where(
            Assignment.ticket_id.in_(ids),
            Assignment.role == AssignmentRole.LEAD,
            Assignment.status.not_in([AssignmentStatus.CANCELLED, AssignmentStatus.RETURNED]),
        )
        .order_by(Assignment.id)
    )
    return dict(rows.all())  # the latest lead assignment wins


def _rows(session: Session, stmt: Select, order: QueueOrder) -> list[QueueRow]:
    result = session.execute(stmt).all()
    leads = _lead_departments(session, [r.id for r in result])
    attrs = _ORDER_ATTRS[order.field]
    return [
        QueueRow(
            id=r.id,
            code=r.code,
            title=r.title,
            kind=TicketKind(r.kind),
            source=TicketSource(r.source),
            category=r.category,
            status=TicketStatus(r.status),
            priority=Priority(r.priority),
            grid_id=r.grid_id,
            grid_name=r.grid_name,
            village_name=r.village_name,
            created_at=r.created_at,
            deadline_at=r.deadline_at,
            due_soon_at=r.due_soon_at,
            closed_at=r.closed_at,
            lead_department=leads.get(r.id),
            urge_count=r.urge_count,
            version=r.version,
            cursor=Cursor(tuple(getattr(r, a) for a in attrs)),
            to_place=bool(r.to_place),
            suspended_at=r.suspended_at,
        )
        for r in result
    ]


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise ValidationError("limit", "must_be_positive")


def fetch_page(
    session: Session,
    flt: QueueFilter,
    order: QueueOrder,
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    limit: int = 100,
    now: datetime | None = None,
) -> list[QueueRow]:
    """Up to ``limit`` rows in ``order``: the first page, the page right after the row of
    ``after``, or the page right before the row of ``before`` (rows always in ``order``)."""
    _check_limit(limit)
    if after is not None and before is not None:
        raise ValidationError("before", "with_after")
    now = now or china_now()
    conds = _page_conditions(session, flt, now)
    reverse = before is not None
    cursor = before if reverse else after
    if cursor is not None:
        conds.append(_keyset(order, cursor, reverse))
    stmt = _ordered(_row_select().where(*conds), order, reverse).limit(limit)
    rows = _rows(session, stmt, order)
    return rows[::-1] if reverse else rows


def keyset_pages(
    session: Session,
    stmt: Select,
    flt: QueueFilter,
    order: QueueOrder,
    *,
    limit: int,
    now: datetime | None = None,
) -> Iterator[list[Row]]:
    """The rows of ``stmt`` (a select from tickets with columns of the caller's choice, such as
    the ledger's) for exactly the tickets the queue shows for ``flt`` in ``order``, page after
    page of ``limit`` by keyset, as :func:`fetch_page` reads them: the same conditions, order
    and cursors, so an export reads the view's rows without reading the queue's own rows
    first. Each row ends with the ordering's key columns (the next page's cursor)."""
    _check_limit(limit)
    now = now or china_now()
    conds = _page_conditions(session, flt, now)  # once: text search probes a count
    keys = _order_columns(order)
    width = len(keys)
    # Labelled: the statement may select Ticket.id itself, and the key ends with it.
    keyed = stmt.add_columns(*(c.label(f"page_key_{n}") for n, c in enumerate(keys)))
    cursor: Cursor | None = None
    while True:
        where = conds if cursor is None else [*conds, _keyset(order, cursor, False)]
        rows = session.execute(_ordered(keyed.where(*where), order, False).limit(limit)).all()
        if rows:
            yield rows
        if len(rows) < limit:
            return
        cursor = Cursor(tuple(rows[-1][-width:]))


def fetch_last_page(
    session: Session,
    flt: QueueFilter,
    order: QueueOrder,
    *,
    limit: int = 100,
    now: datetime | None = None,
) -> list[QueueRow]:
    """The last ``limit`` rows in ``order`` (read backwards along the same index)."""
    _check_limit(limit)
    now = now or china_now()
    stmt = _ordered(_row_select().where(*_page_conditions(session, flt, now)), order, True)
    return _rows(session, stmt.limit(limit), order)[::-1]


def count(
    session: Session, flt: QueueFilter, now: datetime | None = None, *, cap: int | None = None
) -> int:
    """How many tickets ``flt`` keeps. With ``cap``, counting stops there: a result equal to
    ``cap`` means "at least cap" (a bounded count for huge results, e.g. a common search
    term at a million tickets; the view shows "cap+" and may count exactly in a job)."""
    now = now or china_now()
    conds = conditions(session, flt, now)
    if cap is not None:
        if cap < 1:
            raise ValidationError("cap", "must_be_positive")
        inner = select(Ticket.id).where(*conds).limit(cap).subquery()
        return int(session.scalar(select(func.count()).select_from(inner)) or 0)
    stmt = select(func.count()).select_from(Ticket).where(*conds)
    return int(session.scalar(stmt) or 0)


def position_of(
    session: Session,
    flt: QueueFilter,
    order: QueueOrder,
    ticket_id: int,
    now: datetime | None = None,
) -> int | None:
    """The row (0-based) of ``ticket_id`` in the queue ``flt`` and ``order`` show, or None
    when the filter leaves it out: a count of the rows before it along the ordering's index,
    so the view can scroll to a ticket it has not loaded (a ticket just registered)."""
    now = now or china_now()
    conds = conditions(session, flt, now)
    key = session.execute(
        select(*_order_columns(order)).where(Ticket.id == ticket_id, *conds)
    ).first()
    if key is None:
        return None
    before = _keyset(order, Cursor(tuple(key)), reverse=True)
    return int(session.scalar(select(func.count()).select_from(Ticket).where(*conds, before)))


# --- windowed access ---------------------------------------------------------------------


@dataclass
class WindowAnchors:
    """Cursors learned while a windowed view reads one filter and ordering: ``anchors[n]`` is
    the cursor after which row ``n`` starts (row 0: no cursor). The view keeps one per open
    queue and calls :meth:`reset` when the filter, ordering or data change; ``total`` is the
    count the view already shows, letting jumps near the end seek from the end."""

    total: int | None = None
    anchors: dict[int, Cursor | None] = field(default_factory=lambda: {0: None})
    key: tuple | None = None
    max_anchors: int = 10_000

    def reset(self, total: int | None = None) -> None:
        self.total = total
        self.anchors = {0: None}
        self.key = None

    def _remember(self, offset: int, cursor: Cursor | None) -> None:
        if len(self.anchors) >= self.max_anchors:
            self.anchors = {0: None}
        self.anchors[offset] = cursor


def _seek(
    session: Session,
    conds: list[ColumnElement[bool]],
    order: QueueOrder,
    start: Cursor | None,
    skip: int,
    reverse: bool,
) -> Cursor | None:
    """The cursor of the ``skip``-th row (1-based) after ``start``, reading only the sort key
    (an index-only walk), or None when there are not that many rows."""
    where = list(conds)
    if start is not None:
        where.append(_keyset(order, start, reverse))
    cols = _order_columns(order)
    stmt = _ordered(select(*cols).where(*where), order, reverse).offset(skip - 1).limit(1)
    row = session.execute(stmt).first()
    return Cursor(tuple(row)) if row is not None else None


def fetch_window(
    session: Session,
    flt: QueueFilter,
    order: QueueOrder,
    offset: int,
    limit: int,
    now: datetime | None = None,
    *,
    anchors: WindowAnchors | None = None,
) -> list[QueueRow]:
    """Rows ``offset`` .. ``offset + limit - 1`` of the queue, for a view that may jump anywhere.

    How a jump stays cheap: from the nearest anchor (a cursor learned by an earlier call, kept
    in ``anchors``; or the end of the queue when ``anchors.total`` is known and closer) it walks
    only the sort key of the rows in between (``OFFSET`` over the ordering index, never over
    whole rows) to find the cursor just before ``offset``, then reads the page by keyset.
    Scrolling reuses the anchor the previous window left at its end, so it costs one page.
    Without ``anchors`` every call walks from the start: correct, slower for deep offsets.
    """
    _check_limit(limit)
    if offset < 0:
        raise ValidationError("offset", "negative")
    now = now or china_now()
    anchors = anchors if anchors is not None else WindowAnchors()
    key = (flt, order, now if flt.deadline else None)
    if anchors.key != key:
        anchors.reset(anchors.total if anchors.key is None else None)
        anchors.key = key
    conds = _page_conditions(session, flt, now)
    base = max(n for n in anchors.anchors if n <= offset)
    distance = offset - base
    total = anchors.total
    if offset in anchors.anchors:
        cursor = anchors.anchors[offset]
    elif total is not None and offset >= total:
        return []
    elif total is not None and total - offset + 1 < distance:
        # Nearer the end: the row before `offset` is the (total - offset + 1)-th from the end.
        cursor = _seek(session, conds, order, None, total - offset + 1, reverse=True)
    else:
        cursor = _seek(session, conds, order, anchors.anchors[base], distance, reverse=False)
        if cursor is None:
            return []
    if offset and cursor is None:
        return []
    anchors._remember(offset, cursor)
    where = list(conds)
    if cursor is not None:
        where.append(_keyset(order, cursor, False))
    rows = _rows(session, _ordered(_row_select().where(*where), order, False).limit(limit), order)
    if rows:
        anchors._remember(offset + len(rows), rows[-1].cursor)
    return rows


# --- presets -----------------------------------------------------------------------------


def preset_filter(name: str, user_id: int | None, now: datetime) -> QueueFilter:
    """The filter behind a preset button: pending (待派发), in_progress (处理中), review
    (待审核), overdue (超期; a suspended ticket is not), today (今日新增), mine (我经手的),
    to_place (待定位: open tickets still without a grid or with an unmapped platform category; a
    closed one can no longer be placed, so it leaves the list), suspended (已挂起: open tickets
    whose clock is stopped), extension_pending (待审批延期: a request for more time waits),
    missed_acceptance (超时未签收: a department has not accepted in time), callback_pending
    (待回访: answered tickets, merged duplicates included, whose reporter has not given a
    rating; shown in :func:`preset_order`)."""
    if name == "pending":
        return QueueFilter(statuses=frozenset({TicketStatus.PENDING_DISPATCH}))
    if name == "in_progress":
        return QueueFilter(statuses=frozenset({TicketStatus.DISPATCHED, TicketStatus.IN_PROGRESS}))
    if name == "review":
        return QueueFilter(statuses=frozenset({TicketStatus.AWAITING_REVIEW}))
    if name == "overdue":
        return QueueFilter(deadline="overdue")
    if name == "today":
        return QueueFilter(created_from=now.date(), created_to=now.date())
    if name == "mine":
        if user_id is None:
            raise ValidationError("user_id", "required")
        return QueueFilter(handled_by=user_id)
    if name == "to_place":
        return QueueFilter(to_place=True)
    if name == "missed_acceptance":
        return QueueFilter(missed_acceptance=True)
    if name == "suspended":
        return QueueFilter(suspended=True)
    if name == "extension_pending":
        return QueueFilter(extension_pending=True)
    if name == "callback_pending":
        return QueueFilter(callback_pending=True)
    raise ValidationError("preset", "unknown")


# Presets worked down in an order of their own (the others keep the view's order).
_PRESET_ORDERS = {"callback_pending": QueueOrder("closed")}


def preset_order(name: str | None) -> QueueOrder | None:
    """The order a preset is shown in when it has one: the 待回访 list oldest answer first
    (a reporter waiting longest is called first). None: keep the view's order."""
    return _PRESET_ORDERS.get(name or "")


def preset_counts(session: Session, user_id: int | None, now: datetime) -> dict[str, int]:
    """The number beside each preset button (keys: :data:`PRESETS`; "mine" is 0 without a
    user id). The four status presets come from one grouped query over the open tickets."""
    by_status = dict.fromkeys(OPEN_STATUSES, 0)
    late = stopped = 0
    rows = session.execute(
        select(
            Ticket.status,
            func.count(),
            func.count().filter(Ticket.deadline_at < now, Ticket.suspended_at.is_(None)),
            func.count().filter(Ticket.suspended_at.is_not(None)),
        )
        .where(_status_in(set(OPEN_STATUSES)))
        .group_by(Ticket.status)
    )
    for status, n, overdue, suspended in rows:
        by_status[TicketStatus(status)] = n
        late += overdue
        stopped += suspended
    result = {
        "pending": by_status[TicketStatus.PENDING_DISPATCH],
        "in_progress": by_status[TicketStatus.DISPATCHED] + by_status[TicketStatus.IN_PROGRESS],
        "review": by_status[TicketStatus.AWAITING_REVIEW],
        "overdue": late,
        "today": count(session, preset_filter("today", user_id, now), now),
        "to_place": count(session, preset_filter("to_place", user_id, now), now),
        "missed_acceptance": missed_acceptance_count(session, now),
        "suspended": stopped,
        "extension_pending": count(session, preset_filter("extension_pending", user_id, now), now),
        "callback_pending": count(session, preset_filter("callback_pending", user_id, now), now),
    }
    result["mine"] = (
        count(session, preset_filter("mine", user_id, now), now) if user_id is not None else 0
    )
    return result


def missed_acceptance_count(session: Session, now: datetime) -> int:
    """Tickets with an acceptance missed at ``now`` (the 超时未签收 preset's number, and the
    status bar's)."""
    stmt = select(func.count()).select_from(Ticket).where(missed_acceptance(now))
    return int(session.scalar(stmt) or 0)
