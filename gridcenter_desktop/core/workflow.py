"""The ticket state machine: from which statuses each action may be taken.

    pending_dispatch → dispatched → in_progress → awaiting_review → closed
    (lead returns → pending_dispatch; review rejected → in_progress; solved in the grid →
    closed; closed → reopened → pending_dispatch; a duplicate → merged)

The services in ``gridcenter_desktop.services.tickets`` enforce exactly these rules, and the UI
builds its menus from :func:`allowed_actions`, so a menu never offers what would be refused.
Finer checks that depend on a ticket's assignments (is there one to accept?) are the services'.
"""

from __future__ import annotations

from collections.abc import Mapping

from gridcenter_desktop.core.enums import OPEN_STATUSES, EventAction, TicketStatus, UserRole
from gridcenter_desktop.core.permissions import may

S = TicketStatus

# The statuses a ticket must be in for each action.
ALLOWED_FROM: Mapping[EventAction, frozenset[TicketStatus]] = {
    EventAction.DISPATCH: frozenset({S.PENDING_DISPATCH}),
    # Assisting departments may still accept, return or feed back after the lead fed back.
    EventAction.ACCEPT: frozenset({S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_REVIEW}),
    EventAction.RETURN: frozenset({S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_REVIEW}),
    EventAction.FEEDBACK: frozenset({S.IN_PROGRESS, S.AWAITING_REVIEW}),
    EventAction.CLOSE: frozenset({S.AWAITING_REVIEW}),
    EventAction.REJECT: frozenset({S.AWAITING_REVIEW}),
    # "小事不出网格": the grid may settle a matter any time before a result is under review.
    EventAction.SOLVE_IN_GRID: frozenset({S.PENDING_DISPATCH, S.DISPATCHED, S.IN_PROGRESS}),
    EventAction.REOPEN: frozenset({S.CLOSED}),
    EventAction.URGE: OPEN_STATUSES,
    EventAction.SUPERVISE: OPEN_STATUSES,
    EventAction.MERGE: OPEN_STATUSES,
    EventAction.CALLBACK: frozenset({S.CLOSED}),
    # 定位归类: an imported ticket whose grid or category the import could not tell (the "to be
    # placed" list), or any open ticket that sits in the wrong grid or category.
    EventAction.PLACE: OPEN_STATUSES,
}

# Work on the record beside the workflow (no menu entry of their own; the detail panel's
# attachment strip offers them): photos and documents come and go while a ticket is open, and
# what was on file when it closed stays on file (PostgreSQL refuses the delete too).
RECORD_FROM: Mapping[EventAction, frozenset[TicketStatus]] = {
    EventAction.ATTACH: OPEN_STATUSES,
    EventAction.DETACH: OPEN_STATUSES,
}

# Actions on an existing ticket (registration creates one; MERGED_IN is a by-product).
TICKET_ACTIONS: frozenset[EventAction] = frozenset(ALLOWED_FROM)


def status_allows(action: EventAction, status: TicketStatus) -> bool:
    """True when a ticket in ``status`` may undergo ``action`` (whoever asks)."""
    action = EventAction(action)
    allowed = ALLOWED_FROM.get(action) or RECORD_FROM.get(action, frozenset())
    return TicketStatus(status) in allowed


def allowed_actions(status: TicketStatus, role: UserRole) -> frozenset[EventAction]:
    """The actions a user of ``role`` may take on a ticket in ``status``: what menus offer."""
    status = TicketStatus(status)
    return frozenset(a for a, sts in ALLOWED_FROM.items() if status in sts and may(role, a))


def is_open(status: TicketStatus) -> bool:
    """True while a ticket still needs work (not closed, not merged away)."""
    return TicketStatus(status) in OPEN_STATUSES
