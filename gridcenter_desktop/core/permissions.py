"""Who may do what: the roles of the desk and the ticket actions each may take.

A viewer (leaders reading figures) writes nothing; an operator (调度员) runs tickets day to day;
a supervisor (值班长/指挥长) also signs off closures, sends results back, supervises (督办) and
reopens; an administrator may do everything, including maintaining the working calendar.
"""

from __future__ import annotations

from gridcenter_desktop.core.enums import EventAction, UserRole

OPERATOR_ACTIONS: frozenset[EventAction] = frozenset(
    {
        EventAction.REGISTER,
        EventAction.DISPATCH,
        # Operators accept, return and feed back on behalf of departments that phone in.
        EventAction.ACCEPT,
        EventAction.RETURN,
        EventAction.FEEDBACK,
        EventAction.URGE,
        EventAction.MERGE,
        EventAction.SOLVE_IN_GRID,
        EventAction.CALLBACK,
    }
)

SUPERVISOR_ACTIONS: frozenset[EventAction] = OPERATOR_ACTIONS | {
    EventAction.CLOSE,
    EventAction.REJECT,
    EventAction.SUPERVISE,
    EventAction.REOPEN,
}

# MERGED_IN is written on the kept ticket as a by-product of MERGE, never taken by itself.
ADMIN_ACTIONS: frozenset[EventAction] = frozenset(EventAction) - {EventAction.MERGED_IN}

ROLE_ACTIONS: dict[UserRole, frozenset[EventAction]] = {
    UserRole.VIEWER: frozenset(),
    UserRole.OPERATOR: OPERATOR_ACTIONS,
    UserRole.SUPERVISOR: SUPERVISOR_ACTIONS,
    UserRole.ADMIN: ADMIN_ACTIONS,
}


def may(role: UserRole, action: EventAction) -> bool:
    """True when a user of ``role`` may take ``action`` on a ticket."""
    return EventAction(action) in ROLE_ACTIONS[UserRole(role)]


def may_edit_calendar(role: UserRole) -> bool:
    """Entering holidays and make-up working days changes every deadline: administrators only."""
    return UserRole(role) is UserRole.ADMIN
