"""Tickets (工单), their assignments to grids and departments, and the append-only event log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcenter_desktop.core.enums import (
    OPEN_STATUSES,
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    IntakeSource,
    Outcome,
    Priority,
    RegisterKind,
    Satisfaction,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.base import Base, enum_column
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.gridwork import VideoChannel  # noqa: F401 (ticket.video_channel_id's table)
from gridcenter_desktop.db.intake import IntakeProfile  # noqa: F401 (ticket.intake_profile_id's table)

# The statistics' group keys and the facts they add up (the statistics indexes below).
_DIMS = ("status", "satisfaction", "kind", "category", "source", "outcome")
_FACTS = ("created_at", "closed_at", "deadline_at", "people_count")

# Open statuses as the literal SQL term of the partial indexes below (sorted, so a query can
# write exactly the same term: SQLite uses a partial index only for an identical term).
OPEN_STATUS_SQL = "status IN ({})".format(", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES)))


# The "to be placed" condition as the literal SQL term of its partial index (see OPEN_STATUS_SQL).
TO_PLACE_SQL = "to_place OR category_unmapped"

# The callback queue (待回访): answered tickets whose reporter has given no rating yet.
CALLBACK_PENDING_SQL = "closed_at IS NOT NULL AND satisfaction IS NULL"


class Ticket(Base):
    __tablename__ = "ticket"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Human-readable, unique: GC + yyyymmdd + sequence, e.g. GC20220301-0042.
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[TicketKind] = mapped_column(enum_column(TicketKind))
    source: Mapped[TicketSource] = mapped_column(enum_column(TicketSource))
    category: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # Personal data: shown masked to roles that may not see it.
    reporter_name: Mapped[str | None] = mapped_column(String(64))
    reporter_phone: Mapped[str | None] = mapped_column(String(32))
    # The phone's digits reversed (services/ticket_lookup.py): "number ends with" as an index
    # range, however the number was written.
    reporter_phone_reversed: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(200), default="")
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    priority: Mapped[Priority] = mapped_column(enum_column(Priority))
    # 0 ordinary, 1 urgent, 2 critical: lets SQL order by urgency with an index.
    priority_rank: Mapped[int] = mapped_column(SmallInteger, default=0)
    status: Mapped[TicketStatus] = mapped_column(enum_column(TicketStatus))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    deadline_at: Mapped[datetime] = mapped_column(DateTime)
    # When "due soon" starts: 75 % of the allowed time used (set with the deadline, so the
    # due-soon filter is an indexed comparison, and never a stored flag that goes stale).
    due_soon_at: Mapped[datetime] = mapped_column(DateTime)
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Petitions (信访) count people per batch (批次/人次); 1 for everything else.
    people_count: Mapped[int] = mapped_column(Integer, default=1)
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome))
    satisfaction: Mapped[Satisfaction | None] = mapped_column(enum_column(Satisfaction))
    solved_in_grid: Mapped[bool] = mapped_column(Boolean, default=False)
    urge_count: Mapped[int] = mapped_column(Integer, default=0)
    supervised: Mapped[bool] = mapped_column(Boolean, default=False)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    # Imported from a platform (services/intake/): its code there, unique per source, so the
    # same sheet imported twice adds nothing; the category as the platform wrote it; the
    # profile the sheet came in with (the reply sheet goes back in its column order).
    external_source: Mapped[IntakeSource | None] = mapped_column(enum_column(IntakeSource))
    external_code: Mapped[str | None] = mapped_column(String(64))
    external_category: Mapped[str | None] = mapped_column(String(200))
    intake_profile_id: Mapped[int | None] = mapped_column(ForeignKey("intake_profile.id"))
    # The "to be placed" list (待定位): the import could not tell the grid from the address
    # (to_place), or nobody has mapped the platform's category yet (imported as 其他,
    # category_unmapped). Cleared by the PLACE action.
    to_place: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    category_unmapped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # 挂起: since when the ticket's clock is stopped (None while it runs). Resuming moves the
    # deadlines on by the working time the ticket spent suspended (core/deadlines.py).
    suspended_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Grid work (revision 0014): the video channel a 视频巡查 ticket was seen on; the register
    # row it was raised from (a visit, a special-group member, a rental, a hidden danger); the
    # grid worker (person) who reported it, for the worker's page.
    video_channel_id: Mapped[int | None] = mapped_column(ForeignKey("video_channel.id"))
    raised_from_kind: Mapped[RegisterKind | None] = mapped_column(enum_column(RegisterKind))
    raised_from_id: Mapped[int | None] = mapped_column(Integer)
    reported_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # Optimistic lock: every UPDATE carries "WHERE version = <read version>".
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    grid: Mapped[Area | None] = relationship()
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="ticket", order_by="Assignment.id"
    )
    events: Mapped[list[TicketEvent]] = relationship(
        back_populates="ticket", order_by="TicketEvent.id"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # The queue's orderings, each with id as the keyset tie-breaker.
        # Status last (revision 0005): a jump deep into the queue skips rows by reading the
        # index alone, merged duplicates recognised without reading the rows.
        Index("ix_ticket_created", "created_at", "id", "status"),
        Index("ix_ticket_deadline", "deadline_at", "id", "status"),
        Index("ix_ticket_priority", "priority_rank", "created_at", "id", "status"),
        Index("ix_ticket_status_created", "status", "created_at", "id"),
        Index("ix_ticket_status_deadline", "status", "deadline_at", "id"),
        # Filters and statistics.
        Index("ix_ticket_grid_status", "grid_id", "status"),
        # (column, created_at, id) serves "newest first" pages; status at the end lets the
        # count of such a filter (merged tickets excluded) read the index alone (revision 0004).
        Index("ix_ticket_category_created", "category", "created_at", "id", "status"),
        Index("ix_ticket_kind_created", "kind", "created_at", "id", "status"),
        Index("ix_ticket_source_created", "source", "created_at", "id", "status"),
        # One category ordered by deadline pages from the index (revision 0006).
        Index("ix_ticket_category_deadline", "category", "deadline_at", "id", "status"),
        # Period statistics (services/statistics.py, revision 0006) read indexes alone:
        # PostgreSQL scans the period's range of this one ...
        Index(
            "ix_ticket_period_facts",
            "created_at",
            *_DIMS,
            "grid_id",
            "closed_at",
            "deadline_at",
            "people_count",
            # Not (created_at, id, ...): SQLite would take it for a queue ordering's index.
            "id",
        ),
        # ... SQLite skip-scans these, led by its GROUP BY keys, and aggregates in index
        # order without sorting.
        Index("ix_ticket_dims_facts", *_DIMS, *_FACTS),
        Index("ix_ticket_grid_facts", "grid_id", "status", "satisfaction", *_FACTS),
        Index("ix_ticket_closed", "closed_at"),
        Index("ix_ticket_merged_into", "merged_into_id"),
        Index(
            "ux_ticket_external",
            "external_source",
            "external_code",
            unique=True,
            sqlite_where=text("external_code IS NOT NULL"),
            postgresql_where=text("external_code IS NOT NULL"),
        ),
        # The "to be placed" list: a handful of rows among a million.
        Index(
            "ix_ticket_to_place",
            "created_at",
            "id",
            sqlite_where=text(TO_PLACE_SQL),
            postgresql_where=text(TO_PLACE_SQL),
        ),
        # Grid work (revision 0014): tickets raised from a register row, seen on a channel,
        # reported by a worker; each a small part of all tickets.
        Index(
            "ix_ticket_raised_from",
            "raised_from_kind",
            "raised_from_id",
            sqlite_where=text("raised_from_kind IS NOT NULL"),
            postgresql_where=text("raised_from_kind IS NOT NULL"),
        ),
        Index(
            "ix_ticket_video_channel",
            "video_channel_id",
            sqlite_where=text("video_channel_id IS NOT NULL"),
            postgresql_where=text("video_channel_id IS NOT NULL"),
        ),
        Index(
            "ix_ticket_reported_by",
            "reported_by_person_id",
            "created_at",
            sqlite_where=text("reported_by_person_id IS NOT NULL"),
            postgresql_where=text("reported_by_person_id IS NOT NULL"),
        ),
        # The callback queue (待回访), oldest answer first.
        Index(
            "ix_ticket_callback_pending",
            "closed_at",
            "id",
            sqlite_where=text(CALLBACK_PENDING_SQL),
            postgresql_where=text(CALLBACK_PENDING_SQL),
        ),
        # The search box finds reporters (services/ticket_lookup.py, revision 0009); the
        # pattern opclass lets PostgreSQL serve LIKE 'prefix%' under any collation.
        *(
            Index(f"ix_ticket_{name}", name, postgresql_ops={name: "text_pattern_ops"})
            for name in ("reporter_name", "reporter_phone_reversed")
        ),
        # The open queue (a few % of all tickets) in each ordering: partial indexes, so a page
        # of open tickets never walks past the closed ones (revision 0003; the queries write
        # the same literal IN list, see services/queue.py).
        *(
            Index(
                f"ix_ticket_open_{name}",
                *columns,
                sqlite_where=text(OPEN_STATUS_SQL),
                postgresql_where=text(OPEN_STATUS_SQL),
            )
            for name, columns in (
                ("created", ("created_at", "id")),
                ("deadline", ("deadline_at", "id")),
                ("priority", ("priority_rank", "created_at", "id")),
            )
        ),
    )


class Assignment(Base):
    """A ticket sent to a department (lead or assisting) or to its grid."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    role: Mapped[AssignmentRole] = mapped_column(enum_column(AssignmentRole))
    status: Mapped[AssignmentStatus] = mapped_column(enum_column(AssignmentStatus))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    accept_by: Mapped[datetime] = mapped_column(DateTime)
    finish_by: Mapped[datetime] = mapped_column(DateTime)
    instructions: Mapped[str] = mapped_column(Text, default="")
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    return_reason: Mapped[str | None] = mapped_column(Text)
    fed_back_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The handling form (办理情况): is the complaint true, solved, what was done, public reply.
    complaint_true: Mapped[bool | None] = mapped_column(Boolean)
    solved: Mapped[bool | None] = mapped_column(Boolean)
    feedback: Mapped[str | None] = mapped_column(Text)
    public_reply: Mapped[str | None] = mapped_column(Text)
    # When a missed acceptance was escalated (超时未签收督办); None otherwise.
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime)

    ticket: Mapped[Ticket] = relationship(back_populates="assignments")
    department: Mapped[Department | None] = relationship()
    grid: Mapped[Area | None] = relationship()

    __table_args__ = (
        Index("ix_assignment_ticket", "ticket_id"),
        Index("ix_assignment_department_status", "department_id", "status"),
        Index("ix_assignment_grid_status", "grid_id", "status"),
        # The missed-acceptance list: pending assignments by their accept-by time.
        Index("ix_assignment_status_accept_by", "status", "accept_by"),
    )


class TicketEvent(Base):
    """Append-only timeline and audit trail: who did what, when, from which status to which."""

    __tablename__ = "ticket_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    action: Mapped[EventAction] = mapped_column(enum_column(EventAction))
    from_status: Mapped[TicketStatus | None] = mapped_column(enum_column(TicketStatus))
    to_status: Mapped[TicketStatus] = mapped_column(enum_column(TicketStatus))
    note: Mapped[str] = mapped_column(Text, default="")
    # Action details (departments dispatched to, rating, merged ticket ...) as JSON text.
    data: Mapped[str | None] = mapped_column(Text)

    ticket: Mapped[Ticket] = relationship(back_populates="events")

    __table_args__ = (
        Index("ix_ticket_event_ticket", "ticket_id", "id"),
        Index("ix_ticket_event_at", "at"),
        Index("ix_ticket_event_user", "user_id", "ticket_id"),
    )
