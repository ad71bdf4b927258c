"""Everything the detail panel shows about one ticket, as plain frozen data (no live ORM rows
cross into the UI).

The reporter's name and phone (also those of duplicates merged in) come masked unless the
actor may see them in the detail panel (core.permissions.may_see_personal_data); an operator
who must call the reporter back asks services.personal_data.reveal_contact, which is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from gridcenter_desktop.core.deadlines import DeadlineState, deadline_state
from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    DataPurpose,
    EventAction,
    IntakeSource,
    Outcome,
    Priority,
    Satisfaction,
    TicketKind,
    TicketSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.core.personal_data import PersonalDataMask
from gridcenter_desktop.core.workflow import allowed_actions
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.callback_rounds import CallbackRound, callback_rounds
from gridcenter_desktop.services.errors import NotFoundError
from gridcenter_desktop.services.intake.attachment_files import (
    AttachmentInfo,
    ticket_attachments,
)
from gridcenter_desktop.services.tickets.answering import ANSWER_RESULT, ANSWERED_BY
from gridcenter_desktop.services.tickets.extension import PendingExtension, pending_extensions
from gridcenter_desktop.services.video_channels import ChannelRow, channel


@dataclass(frozen=True, slots=True)
class AssignmentDetail:
    id: int
    role: AssignmentRole
    status: AssignmentStatus
    department_id: int | None
    department_name: str | None
    grid_id: int | None
    grid_name: str | None
    created_at: datetime
    accept_by: datetime
    finish_by: datetime
    instructions: str
    accepted_at: datetime | None
    returned_at: datetime | None
    return_reason: str | None
    fed_back_at: datetime | None
    complaint_true: bool | None
    solved: bool | None
    feedback: str | None
    public_reply: str | None
    # When its missed acceptance was escalated (超时未签收督办).
    escalated_at: datetime | None = None

    def missed(self, now: datetime) -> bool:
        """Still pending past its accept-by time at ``now`` (超时未签收; core's rule)."""
        return self.status == AssignmentStatus.PENDING and self.accept_by < now

    @property
    def assignee_name(self) -> str:
        """The department's or the grid's name."""
        return self.department_name or self.grid_name or ""


@dataclass(frozen=True, slots=True)
class EventDetail:
    id: int
    at: datetime
    action: EventAction
    from_status: TicketStatus | None
    to_status: TicketStatus
    user_id: int | None
    user_name: str | None
    note: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class TicketDetail:
    id: int
    code: str
    kind: TicketKind
    source: TicketSource
    category: str
    title: str
    description: str
    reporter_name: str | None
    reporter_phone: str | None
    address: str
    grid_id: int | None
    grid_name: str | None
    # The grid's village or community.
    village_name: str | None
    latitude: float | None
    longitude: float | None
    priority: Priority
    status: TicketStatus
    created_at: datetime
    deadline_at: datetime
    due_soon_at: datetime
    dispatched_at: datetime | None
    closed_at: datetime | None
    people_count: int
    outcome: Outcome | None
    satisfaction: Satisfaction | None
    solved_in_grid: bool
    urge_count: int
    supervised: bool
    reopen_count: int
    merged_into_id: int | None
    merged_into_code: str | None
    created_by_id: int | None
    created_by_name: str | None
    updated_at: datetime
    updated_by_id: int | None
    updated_by_name: str | None
    version: int
    assignments: tuple[AssignmentDetail, ...]
    events: tuple[EventDetail, ...]
    # True when reporter_name/reporter_phone (and merged-in reporters) are masked for the
    # actor; the panel then offers "show phone" to those who may call back.
    personal_data_masked: bool = False
    # Photos and documents, oldest first, with thumbnails (the content is read on opening).
    attachments: tuple[AttachmentInfo, ...] = ()
    # Imported from a platform: which one, its code there, its category as it wrote it; and
    # what is still to be placed (待定位: no grid yet, or that category not mapped yet).
    external_source: IntakeSource | None = None
    external_code: str | None = None
    external_category: str | None = None
    to_place: bool = False
    category_unmapped: bool = False
    # 视频巡查: the channel the matter was seen on (services/video_channels.py), or None.
    video_channel: ChannelRow | None = None
    # 挂起: since when the ticket's clock is stopped (None while it runs).
    suspended_at: datetime | None = None
    # Requests for more time waiting for a supervisor (延期审批), oldest first.
    pending_extensions: tuple[PendingExtension, ...] = ()
    # The calls back to the reporter, oldest first (回访记录).
    callbacks: tuple[CallbackRound, ...] = ()
    # A merged duplicate answered by its kept ticket's closing: that ticket's code and the
    # result its reporter is told ("已随 GCxxxx 办结").
    answered_by_code: str | None = None
    answer_text: str = ""

    @property
    def answered(self) -> bool:
        """A merged duplicate whose kept ticket closed: its reporter is called back."""
        return self.status == TicketStatus.MERGED and self.closed_at is not None

    @property
    def still_to_place(self) -> bool:
        """True while the ticket is on the 待定位 list (its grid or its category)."""
        return self.to_place or self.category_unmapped

    def can(self, action: EventAction, role: UserRole) -> bool:
        """True when a user of ``role`` may take ``action`` on this ticket now (menus)."""
        return EventAction(action) in self.actions(role)

    def actions(self, role: UserRole) -> frozenset[EventAction]:
        """Every action a user of ``role`` may take on this ticket now (a suspended ticket:
        resuming it and what core.workflow.SUSPENDED_ALLOWS; an answered merged duplicate:
        its callback)."""
        return allowed_actions(
            self.status, role, suspended=self.suspended_at is not None, answered=self.answered
        )

    def deadline_state(self, now: datetime) -> DeadlineState:
        """On time, due soon, overdue, or closed on time / late, at ``now``. A suspended
        ticket's clock is stopped: on time until it is resumed."""
        state = deadline_state(now, self.status, self.due_soon_at, self.deadline_at, self.closed_at)
        if self.suspended_at is not None and state in (
            DeadlineState.DUE_SOON,
            DeadlineState.OVERDUE,
        ):
            return DeadlineState.ON_TIME
        return state

    @property
    def suspension_reason(self) -> str:
        """Why the ticket is suspended (the latest 挂起's reason), "" while it runs."""
        if self.suspended_at is None:
            return ""
        for event in reversed(self.events):
            if event.action == EventAction.SUSPEND:
                return event.note
        return ""

    def missed_assignments(self, now: datetime) -> tuple[AssignmentDetail, ...]:
        """The assignments not accepted in time at ``now`` (what 超时督办 acts on)."""
        return tuple(a for a in self.assignments if a.missed(now))

    @property
    def open_assignments(self) -> tuple[AssignmentDetail, ...]:
        """Assignments still pending or being worked on (what accept/return/feed back act on)."""
        live = (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED, AssignmentStatus.FED_BACK)
        return tuple(a for a in self.assignments if a.status in live)


def _answer(events: list[EventDetail]) -> tuple[str | None, str]:
    """The latest answer a merged duplicate got from its kept ticket: (code, result)."""
    for e in reversed(events):
        if e.data.get(ANSWERED_BY):
            return str(e.data[ANSWERED_BY]), str(e.data.get(ANSWER_RESULT) or "")
    return None, ""


def _data(text: str | None, mask: PersonalDataMask) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"text": text}
    if not isinstance(value, dict):
        return {"value": value}
    # A MERGED_IN event carries the duplicate's reporter.
    if "reporter_name" in value:
        value["reporter_name"] = mask.name(value["reporter_name"]) or None
    if "reporter_phone" in value:
        value["reporter_phone"] = mask.phone(value["reporter_phone"]) or None
    return value


# No actor: the least any signed-in user sees.
_NOBODY = Actor(user_id=None, role=UserRole.VIEWER)


def get_ticket_detail(
    session: Session,
    ticket_id: int,
    actor: Actor | None = None,
    *,
    purpose: DataPurpose = DataPurpose.DETAIL,
) -> TicketDetail:
    """One ticket with its grid and village names, assignments and timeline, as ``actor`` may
    see it for ``purpose`` (reporters masked unless the rule allows; no actor: masked);
    NotFoundError when there is no such ticket."""
    mask = PersonalDataMask((actor or _NOBODY).role, purpose)
    ticket = session.scalars(
        select(Ticket)
        .where(Ticket.id == ticket_id)
        .options(
            selectinload(Ticket.grid).selectinload(Area.parent),
            selectinload(Ticket.assignments).selectinload(Assignment.department),
            selectinload(Ticket.assignments).selectinload(Assignment.grid),
            selectinload(Ticket.events),
        )
        .execution_options(populate_existing=True)
    ).one_or_none()
    if ticket is None:
        raise NotFoundError("ticket", ticket_id)
    events: list[TicketEvent] = list(ticket.events)
    user_ids = {e.user_id for e in events} | {ticket.created_by_id, ticket.updated_by_id}
    user_ids.discard(None)
    names: dict[int, str] = {}
    if user_ids:
        names = dict(
            session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()
        )
    merged_into_code = None
    if ticket.merged_into_id is not None:
        merged_into_code = session.scalar(
            select(Ticket.code).where(Ticket.id == ticket.merged_into_id)
        )
    grid = ticket.grid
    timeline = [
        EventDetail(
            id=e.id,
            at=e.at,
            action=EventAction(e.action),
            from_status=TicketStatus(e.from_status) if e.from_status else None,
            to_status=TicketStatus(e.to_status),
            user_id=e.user_id,
            user_name=names.get(e.user_id) if e.user_id else None,
            note=e.note,
            data=_data(e.data, mask),
        )
        for e in events
    ]
    answered_by_code, answer_text = (
        _answer(timeline) if ticket.status == TicketStatus.MERGED else (None, "")
    )
    return TicketDetail(
        id=ticket.id,
        code=ticket.code,
        kind=TicketKind(ticket.kind),
        source=TicketSource(ticket.source),
        category=ticket.category,
        title=ticket.title,
        description=ticket.description,
        reporter_name=mask.name(ticket.reporter_name) or None,
        reporter_phone=mask.phone(ticket.reporter_phone) or None,
        address=ticket.address,
        grid_id=ticket.grid_id,
        grid_name=grid.name if grid else None,
        village_name=grid.parent.name if grid and grid.parent else None,
        latitude=ticket.latitude,
        longitude=ticket.longitude,
        priority=Priority(ticket.priority),
        status=TicketStatus(ticket.status),
        created_at=ticket.created_at,
        deadline_at=ticket.deadline_at,
        due_soon_at=ticket.due_soon_at,
        dispatched_at=ticket.dispatched_at,
        closed_at=ticket.closed_at,
        people_count=ticket.people_count,
        outcome=Outcome(ticket.outcome) if ticket.outcome else None,
        satisfaction=Satisfaction(ticket.satisfaction) if ticket.satisfaction else None,
        solved_in_grid=ticket.solved_in_grid,
        urge_count=ticket.urge_count,
        supervised=ticket.supervised,
        reopen_count=ticket.reopen_count,
        merged_into_id=ticket.merged_into_id,
        merged_into_code=merged_into_code,
        created_by_id=ticket.created_by_id,
        created_by_name=names.get(ticket.created_by_id) if ticket.created_by_id else None,
        updated_at=ticket.updated_at,
        updated_by_id=ticket.updated_by_id,
        updated_by_name=names.get(ticket.updated_by_id) if ticket.updated_by_id else None,
        version=ticket.version,
        assignments=tuple(
            AssignmentDetail(
                id=a.id,
                role=AssignmentRole(a.role),
                status=AssignmentStatus(a.status),
                department_id=a.department_id,
                department_name=a.department.name if a.department else None,
                grid_id=a.grid_id,
                grid_name=a.grid.name if a.grid else None,
                created_at=a.created_at,
                accept_by=a.accept_by,
                finish_by=a.finish_by,
                instructions=a.instructions,
                accepted_at=a.accepted_at,
                returned_at=a.returned_at,
                return_reason=a.return_reason,
                fed_back_at=a.fed_back_at,
                complaint_true=a.complaint_true,
                solved=a.solved,
                feedback=a.feedback,
                public_reply=a.public_reply,
                escalated_at=a.escalated_at,
            )
            for a in ticket.assignments
        ),
        events=tuple(timeline),
        personal_data_masked=not mask.visible,
        external_source=IntakeSource(ticket.external_source) if ticket.external_source else None,
        external_code=ticket.external_code,
        external_category=ticket.external_category,
        to_place=ticket.to_place,
        category_unmapped=ticket.category_unmapped,
        video_channel=(
            channel(session, ticket.video_channel_id) if ticket.video_channel_id else None
        ),
        attachments=tuple(ticket_attachments(session, [ticket.id])),
        suspended_at=ticket.suspended_at,
        pending_extensions=tuple(pending_extensions(session, ticket.id)),
        callbacks=callback_rounds(session, ticket.id),
        answered_by_code=answered_by_code,
        answer_text=answer_text,
    )
