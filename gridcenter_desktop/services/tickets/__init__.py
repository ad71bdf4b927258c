"""Ticket use cases, one module per stage of the work. Every action takes
``(session, actor, ticket_id, version, ..., now=None)``, checks role, version and status,
writes one event, commits once and returns a :class:`TicketRef`."""

from gridcenter_desktop.services.tickets.adding import add_assignees
from gridcenter_desktop.services.tickets.callback import record_callback
from gridcenter_desktop.services.tickets.common import TicketRef, local_now
from gridcenter_desktop.services.tickets.dispatching import dispatch_ticket
from gridcenter_desktop.services.tickets.escalation import escalate_missed
from gridcenter_desktop.services.tickets.extension import decide_extension, request_extension
from gridcenter_desktop.services.tickets.handling import (
    Feedback,
    accept_assignment,
    feed_back,
    return_assignment,
)
from gridcenter_desktop.services.tickets.merging import (
    Merged,
    merge_by_code,
    merge_ticket,
    register_as_duplicate,
)
from gridcenter_desktop.services.tickets.placing import place_ticket
from gridcenter_desktop.services.tickets.registration import NewTicket, register_ticket
from gridcenter_desktop.services.tickets.review import (
    close_ticket,
    reject_review,
    reopen_ticket,
    solve_in_grid,
)
from gridcenter_desktop.services.tickets.supervision import (
    supervise_ticket,
    urge_many,
    urge_ticket,
)
from gridcenter_desktop.services.tickets.suspension import resume_ticket, suspend_ticket

__all__ = [
    "Feedback",
    "Merged",
    "NewTicket",
    "TicketRef",
    "accept_assignment",
    "add_assignees",
    "close_ticket",
    "decide_extension",
    "dispatch_ticket",
    "escalate_missed",
    "feed_back",
    "local_now",
    "merge_by_code",
    "merge_ticket",
    "place_ticket",
    "record_callback",
    "register_as_duplicate",
    "register_ticket",
    "reject_review",
    "reopen_ticket",
    "request_extension",
    "resume_ticket",
    "return_assignment",
    "solve_in_grid",
    "supervise_ticket",
    "suspend_ticket",
    "urge_many",
    "urge_ticket",
]
