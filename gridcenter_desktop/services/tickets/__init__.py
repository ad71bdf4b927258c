"""Ticket use cases, one module per stage of the work. Every action takes
``(session, actor, ticket_id, version, ..., now=None)``, checks role, version and status,
writes one event, commits once and returns a :class:`TicketRef`."""

from gridcenter_desktop.services.tickets.callback import record_callback
from gridcenter_desktop.services.tickets.common import TicketRef, local_now
from gridcenter_desktop.services.tickets.dispatching import dispatch_ticket
from gridcenter_desktop.services.tickets.extension import decide_extension, request_extension
from gridcenter_desktop.services.tickets.handling import (
    Feedback,
    accept_assignment,
    feed_back,
    return_assignment,
)
from gridcenter_desktop.services.tickets.merging import merge_ticket
from gridcenter_desktop.services.tickets.placing import place_ticket
from gridcenter_desktop.services.tickets.registration import NewTicket, register_ticket
from gridcenter_desktop.services.tickets.review import (
    close_ticket,
    reject_review,
    reopen_ticket,
    solve_in_grid,
)
from gridcenter_desktop.services.tickets.supervision import supervise_ticket, urge_ticket
from gridcenter_desktop.services.tickets.suspension import resume_ticket, suspend_ticket

__all__ = [
    "Feedback",
    "NewTicket",
    "TicketRef",
    "accept_assignment",
    "close_ticket",
    "decide_extension",
    "dispatch_ticket",
    "feed_back",
    "local_now",
    "merge_ticket",
    "place_ticket",
    "record_callback",
    "register_ticket",
    "reject_review",
    "reopen_ticket",
    "request_extension",
    "resume_ticket",
    "return_assignment",
    "solve_in_grid",
    "supervise_ticket",
    "suspend_ticket",
    "urge_ticket",
]
