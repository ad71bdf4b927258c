"""Who may do what: the roles of the desk and the ticket actions each may take.

A viewer (leaders reading figures) writes nothing; an operator (调度员) runs tickets day to day;
a supervisor (值班长/指挥长) also signs off closures, sends results back, supervises (督办) and
reopens; an administrator may do everything, including maintaining the working calendar.
"""

from __future__ import annotations

from enum import StrEnum

from gridcenter_desktop.core.enums import DataPurpose, EventAction, SpecialGroupKind, UserRole

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
        EventAction.PLACE,
        EventAction.ATTACH,
        EventAction.DETACH,
        # 加派, escalating a missed acceptance, asking for time on a department's behalf,
        # resuming a suspended ticket, recording a joint meeting and a notice's check-back.
        EventAction.ADD_ASSIGNEE,
        EventAction.ESCALATE,
        EventAction.EXTEND_REQUEST,
        EventAction.RESUME,
        EventAction.INSPECT,
        EventAction.NOTICE_CHECK,
        # Setting or correcting a ticket's place on the map.
        EventAction.LOCATE,
    }
)

SUPERVISOR_ACTIONS: frozenset[EventAction] = OPERATOR_ACTIONS | {
    EventAction.CLOSE,
    EventAction.REJECT,
    EventAction.SUPERVISE,
    EventAction.REOPEN,
    # Granting time, stopping a ticket's clock and issuing a rectification notice are
    # decisions the duty supervisor signs.
    EventAction.EXTEND_DECIDE,
    EventAction.SUSPEND,
    EventAction.NOTICE,
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


def may_administer(role: UserRole) -> bool:
    """Users, areas, departments and settings: administrators only (the database enforces it
    too on PostgreSQL)."""
    return UserRole(role) is UserRole.ADMIN


def may_see_personal_data(role: UserRole, purpose: DataPurpose) -> bool:
    """Whether a user of ``role`` sees a reporter's name and phone unmasked for ``purpose``.

    The one rule every service applies when it builds results for an actor:
    * the rectification notice goes to the party complained about: never, for anyone;
    * supervisors and administrators see them where they work (detail, queue, ledger, audit);
    * an operator sees them only to call the reporter back, one ticket at a time and audited
      ("show phone"); lists, detail and ledgers show them masked;
    * a viewer (leaders reading figures) never.
    """
    role = UserRole(role)
    purpose = DataPurpose(purpose)
    if purpose is DataPurpose.NOTICE or role is UserRole.VIEWER:
        return False
    if role in (UserRole.SUPERVISOR, UserRole.ADMIN):
        return True
    return purpose is DataPurpose.CALLBACK


class ReporterSearch(StrEnum):
    """How far the search box may look into reporters' names and phones (see
    :func:`reporter_search`)."""

    NONE = "none"  # names and phones are not searched at all
    WHOLE = "whole"  # a whole name, or a phone's last 7 digits or more
    PARTIAL = "partial"  # also a name's beginning (王) or a phone's last 4 digits (尾号)


def reporter_search(role: UserRole) -> ReporterSearch:
    """What a user of ``role`` may find by a reporter's name or phone.

    Supervisors and administrators, who see personal data in the queue, search it freely.
    An operator takes the calls ("I phoned about the noise last week, 139..."): they find a
    ticket by the caller's whole name or number, which the caller just gave them, but never
    by a fragment that would let them browse who reported what; the results stay masked
    (may_see_personal_data(OPERATOR, QUEUE) is False). A viewer never searches personal data.
    """
    role = UserRole(role)
    if may_see_personal_data(role, DataPurpose.QUEUE):
        return ReporterSearch.PARTIAL
    if role is UserRole.OPERATOR:
        return ReporterSearch.WHOLE
    return ReporterSearch.NONE


# --- the registers grid workers keep (issue 12) ----------------------------------------------

# Special groups whose very membership is sensitive (社区矫正, 刑满释放, 戒毒康复, 严重精神障碍,
# 重点人员): supervisors and administrators only, rows and counts alike. On PostgreSQL a
# row-level security policy (migration 0014) keeps them from the other roles' SELECTs too.
SENSITIVE_GROUPS: frozenset[SpecialGroupKind] = frozenset(
    {
        SpecialGroupKind.COMMUNITY_CORRECTION,
        SpecialGroupKind.RELEASED_PRISONER,
        SpecialGroupKind.DRUG_REHAB,
        SpecialGroupKind.MENTAL_DISORDER,
        SpecialGroupKind.ATTENTION,
    }
)


def may_see_special_group(role: UserRole, kind: SpecialGroupKind) -> bool:
    """Whether a user of ``role`` may know that someone is in group ``kind`` at all: the
    sensitive groups are for supervisors and administrators; the others for every desk role
    (a viewer sees counts of the non-sensitive groups, never names: may_see_personal_data)."""
    if SpecialGroupKind(kind) in SENSITIVE_GROUPS:
        return UserRole(role) in (UserRole.SUPERVISOR, UserRole.ADMIN)
    return True


def may_keep_registers(role: UserRole) -> bool:
    """Recording visits, keeping the registers and the video channels' list: the desk roles
    (operators record what grid workers bring in); a viewer only reads."""
    return UserRole(role) is not UserRole.VIEWER


def may_reveal_register_contact(role: UserRole) -> bool:
    """Whether a user of ``role`` may unmask one register row's personal data (an operator
    phoning an elderly person living alone, with a reason, audited). A viewer never; for
    supervisors and administrators the rows are unmasked already."""
    return UserRole(role) is not UserRole.VIEWER
