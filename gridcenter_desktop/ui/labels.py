"""Translated labels for the domain's codes and service errors.

Rules store English codes (core.enums); the words users read are made here, through Qt's
translation system (source strings English, zh_CN the default translation). Each table is built
once per language: ``reset_cache()`` runs when the language changes. Category and department
names are data (already Chinese) and are shown as they are.
"""

from __future__ import annotations

import functools
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from gridcenter_desktop.core.categories import CATEGORY_BY_CODE
from gridcenter_desktop.core.enums import (
    AreaLevel,
    AssignmentRole,
    AssignmentStatus,
    DepartmentKind,
    EventAction,
    MemberRole,
    Outcome,
    Priority,
    Satisfaction,
    TicketKind,
    TicketSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.services.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    TransitionError,
    ValidationError,
)


def reset_cache() -> None:
    """Forget the built tables (call after installing another translator)."""
    for builder in _BUILDERS:
        builder.cache_clear()


def _lookup(table: dict, value: object) -> str:
    if value is None:
        return ""
    try:
        return table[value]
    except KeyError:
        return str(value)


@functools.cache
def _statuses() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        TicketStatus.PENDING_DISPATCH: t("Labels", "Pending dispatch"),
        TicketStatus.DISPATCHED: t("Labels", "Dispatched"),
        TicketStatus.IN_PROGRESS: t("Labels", "In progress"),
        TicketStatus.AWAITING_REVIEW: t("Labels", "Awaiting review"),
        TicketStatus.CLOSED: t("Labels", "Closed"),
        TicketStatus.MERGED: t("Labels", "Merged"),
    }


@functools.cache
def _kinds() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        TicketKind.ORDINARY: t("Labels", "Ordinary matter"),
        TicketKind.DISPUTE: t("Labels", "Dispute"),
        TicketKind.PETITION: t("Labels", "Petition"),
        TicketKind.SUGGESTION: t("Labels", "Suggestion"),
    }


@functools.cache
def _sources() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        TicketSource.HOTLINE: t("Labels", "12345 hotline"),
        TicketSource.GRID_PATROL: t("Labels", "Grid patrol"),
        TicketSource.WALK_IN: t("Labels", "Walk-in"),
        TicketSource.LETTER_VISIT: t("Labels", "Letters and visits"),
        TicketSource.DISTRICT_PLATFORM: t("Labels", "District command platform"),
        TicketSource.VIDEO: t("Labels", "Video surveillance"),
        TicketSource.OPINION_DAY: t("Labels", "Public-opinion contact day"),
    }


@functools.cache
def _priorities() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        Priority.ORDINARY: t("Labels", "Ordinary"),
        Priority.URGENT: t("Labels", "Urgent"),
        Priority.CRITICAL: t("Labels", "Critical"),
    }


@functools.cache
def _assignment_roles() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        AssignmentRole.LEAD: t("Labels", "Lead"),
        AssignmentRole.ASSIST: t("Labels", "Assisting"),
    }


@functools.cache
def _assignment_statuses() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        AssignmentStatus.PENDING: t("Labels", "Awaiting acceptance"),
        AssignmentStatus.ACCEPTED: t("Labels", "Accepted"),
        AssignmentStatus.RETURNED: t("Labels", "Returned"),
        AssignmentStatus.FED_BACK: t("Labels", "Fed back"),
        AssignmentStatus.DONE: t("Labels", "Done"),
        AssignmentStatus.CANCELLED: t("Labels", "Withdrawn"),
    }


@functools.cache
def _event_actions() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        EventAction.REGISTER: t("Labels", "Register"),
        EventAction.DISPATCH: t("Labels", "Dispatch"),
        EventAction.ACCEPT: t("Labels", "Accept"),
        EventAction.RETURN: t("Labels", "Return"),
        EventAction.FEEDBACK: t("Labels", "Feed back"),
        EventAction.CLOSE: t("Labels", "Review and close"),
        EventAction.REJECT: t("Labels", "Reject and redo"),
        EventAction.SOLVE_IN_GRID: t("Labels", "Solve in the grid"),
        EventAction.REOPEN: t("Labels", "Reopen"),
        EventAction.URGE: t("Labels", "Urge"),
        EventAction.SUPERVISE: t("Labels", "Supervise"),
        EventAction.MERGE: t("Labels", "Merge"),
        EventAction.MERGED_IN: t("Labels", "Duplicate merged in"),
        EventAction.CALLBACK: t("Labels", "Callback"),
    }


@functools.cache
def _satisfactions() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        Satisfaction.SATISFIED: t("Labels", "Satisfied"),
        Satisfaction.BASICALLY_SATISFIED: t("Labels", "Basically satisfied"),
        Satisfaction.DISSATISFIED: t("Labels", "Dissatisfied"),
    }


@functools.cache
def _outcomes() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        Outcome.RESOLVED: t("Labels", "Resolved"),
        Outcome.UNRESOLVED: t("Labels", "Unresolved"),
    }


@functools.cache
def _user_roles() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        UserRole.OPERATOR: t("Labels", "Dispatch operator"),
        UserRole.SUPERVISOR: t("Labels", "Shift supervisor"),
        UserRole.ADMIN: t("Labels", "Administrator"),
        UserRole.VIEWER: t("Labels", "Viewer"),
    }


@functools.cache
def _member_roles() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        MemberRole.LEADER: t("Labels", "Grid leader"),
        MemberRole.WORKER: t("Labels", "Grid worker"),
        MemberRole.POLICE: t("Labels", "Police officer"),
        MemberRole.JUDGE: t("Labels", "Judge"),
        MemberRole.PROSECUTOR: t("Labels", "Prosecutor"),
        MemberRole.LAWYER: t("Labels", "Lawyer"),
        MemberRole.VOLUNTEER: t("Labels", "Volunteer"),
    }


@functools.cache
def _area_levels() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        AreaLevel.TOWN: t("Labels", "Town"),
        AreaLevel.VILLAGE: t("Labels", "Village"),
        AreaLevel.COMMUNITY: t("Labels", "Community"),
        AreaLevel.GRID: t("Labels", "Grid"),
    }


@functools.cache
def _department_kinds() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        DepartmentKind.OFFICE: t("Labels", "Town office"),
        DepartmentKind.AGENCY: t("Labels", "Stationed agency"),
        DepartmentKind.COMMITTEE: t("Labels", "Village or community committee"),
        DepartmentKind.UTILITY: t("Labels", "Public utility"),
    }


@functools.cache
def _fields() -> dict[str, str]:
    """Names of the inputs a ValidationError can point at (services use these field names)."""
    t = QCoreApplication.translate
    return {
        "title": t("Labels", "Title"),
        "description": t("Labels", "Description"),
        "kind": t("Labels", "Kind"),
        "source": t("Labels", "Source"),
        "category": t("Labels", "Category"),
        "priority": t("Labels", "Urgency"),
        "status": t("Labels", "Status"),
        "reporter_name": t("Labels", "Reporter name"),
        "reporter_phone": t("Labels", "Reporter phone"),
        "address": t("Labels", "Address"),
        "grid_id": t("Labels", "Grid"),
        "grid": t("Labels", "Grid"),
        "village": t("Labels", "Village or community"),
        "area_id": t("Labels", "Area"),
        "department_id": t("Labels", "Department"),
        "lead_department_id": t("Labels", "Lead department"),
        "lead_department": t("Labels", "Lead department"),
        "assist_department_ids": t("Labels", "Assisting departments"),
        "departments": t("Labels", "Departments"),
        "accept_by": t("Labels", "Accept by"),
        "finish_by": t("Labels", "Finish by"),
        "deadline_at": t("Labels", "Deadline"),
        "instructions": t("Labels", "Instructions"),
        "reason": t("Labels", "Reason"),
        "note": t("Labels", "Note"),
        "result": t("Labels", "Result"),
        "outcome": t("Labels", "Outcome"),
        "satisfaction": t("Labels", "Satisfaction"),
        "people_count": t("Labels", "Number of people"),
        "merge_into": t("Labels", "Ticket to merge into"),
        "merged_into_id": t("Labels", "Ticket to merge into"),
        "target_ticket_id": t("Labels", "Ticket to merge into"),
        "login": t("Labels", "Login"),
        "password": t("Labels", "Password"),
        "date_from": t("Labels", "From"),
        "date_to": t("Labels", "To"),
        "url": t("Labels", "Database address"),
        "version": t("Labels", "Version"),
    }


@functools.cache
def _rules() -> dict[str, str]:
    """What was wrong, for the rule codes ValidationError carries."""
    t = QCoreApplication.translate
    return {
        "required": t("Labels", "must be filled in"),
        "empty": t("Labels", "must be filled in"),
        "too_long": t("Labels", "is too long"),
        "too_short": t("Labels", "is too short"),
        "unknown": t("Labels", "does not exist"),
        "not_found": t("Labels", "does not exist"),
        "inactive": t("Labels", "is no longer active"),
        "invalid": t("Labels", "is not valid"),
        "format": t("Labels", "is not in a valid format"),
        "phone": t("Labels", "is not a valid phone number"),
        "in_past": t("Labels", "lies in the past"),
        "past": t("Labels", "lies in the past"),
        "before_accept": t("Labels", "must not be before the accept-by time"),
        "order": t("Labels", "is in the wrong order"),
        "duplicate": t("Labels", "is already in use"),
        "same_ticket": t("Labels", "cannot be the ticket itself"),
        "not_grid": t("Labels", "must be a grid"),
        "positive": t("Labels", "must be greater than zero"),
        "range": t("Labels", "is out of range"),
        "wrong_password": t("Labels", "is wrong"),
        "locked": t("Labels", "is locked for now; try again later"),
    }


_BUILDERS = (
    _statuses,
    _kinds,
    _sources,
    _priorities,
    _assignment_roles,
    _assignment_statuses,
    _event_actions,
    _satisfactions,
    _outcomes,
    _user_roles,
    _member_roles,
    _area_levels,
    _department_kinds,
    _fields,
    _rules,
)


def _all(table: dict[str, str], enum: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, table[member]) for member in enum]


def status_label(value: TicketStatus | str | None) -> str:
    """Label of a ticket status (待派发, 处理中 ...)."""
    return _lookup(_statuses(), value)


def kind_label(value: TicketKind | str | None) -> str:
    """Label of a ticket kind (一般事项, 矛盾纠纷, 信访, 意见建议)."""
    return _lookup(_kinds(), value)


def source_label(value: TicketSource | str | None) -> str:
    """Label of a ticket source (12345热线 ...)."""
    return _lookup(_sources(), value)


def priority_label(value: Priority | str | None) -> str:
    """Label of an urgency level (一般, 紧急, 特急)."""
    return _lookup(_priorities(), value)


def assignment_role_label(value: AssignmentRole | str | None) -> str:
    """Label of an assignment role (主办, 协办)."""
    return _lookup(_assignment_roles(), value)


def assignment_status_label(value: AssignmentStatus | str | None) -> str:
    """Label of an assignment's state (待签收, 已签收 ...)."""
    return _lookup(_assignment_statuses(), value)


def event_action_label(value: EventAction | str | None) -> str:
    """Label of a timeline event (受理, 派单 ...)."""
    return _lookup(_event_actions(), value)


def satisfaction_label(value: Satisfaction | str | None) -> str:
    """Label of a callback rating (满意, 基本满意, 不满意)."""
    return _lookup(_satisfactions(), value)


def outcome_label(value: Outcome | str | None) -> str:
    """Label of an outcome (已化解, 未化解)."""
    return _lookup(_outcomes(), value)


def user_role_label(value: UserRole | str | None) -> str:
    """Label of a desk user's role (调度员 ...)."""
    return _lookup(_user_roles(), value)


def member_role_label(value: MemberRole | str | None) -> str:
    """Label of a grid member's role in the 1+1+N team (网格长, 网格员 ...)."""
    return _lookup(_member_roles(), value)


def area_level_label(value: AreaLevel | str | None) -> str:
    """Label of an area level (镇, 村, 社区, 网格)."""
    return _lookup(_area_levels(), value)


def department_kind_label(value: DepartmentKind | str | None) -> str:
    """Label of a department kind."""
    return _lookup(_department_kinds(), value)


def category_label(code: str | None) -> str:
    """The Chinese name of a ticket category (data from core.categories, not translated)."""
    if code is None:
        return ""
    cat = CATEGORY_BY_CODE.get(code)
    return cat.name if cat is not None else code


def field_label(field: str) -> str:
    """The name of an input field as the user sees it ("reporter_phone" → 反映人电话)."""
    return _fields().get(field, field)


def status_choices() -> list[tuple[str, str]]:
    """(code, label) of every ticket status, in workflow order, for combo boxes."""
    return _all(_statuses(), TicketStatus)


def kind_choices() -> list[tuple[str, str]]:
    """(code, label) of every ticket kind."""
    return _all(_kinds(), TicketKind)


def source_choices() -> list[tuple[str, str]]:
    """(code, label) of every ticket source."""
    return _all(_sources(), TicketSource)


def priority_choices() -> list[tuple[str, str]]:
    """(code, label) of every urgency level, lowest first."""
    return _all(_priorities(), Priority)


def satisfaction_choices() -> list[tuple[str, str]]:
    """(code, label) of every callback rating."""
    return _all(_satisfactions(), Satisfaction)


def outcome_choices() -> list[tuple[str, str]]:
    """(code, label) of every outcome."""
    return _all(_outcomes(), Outcome)


def _format_time(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def error_text(exc: BaseException) -> str:
    """A clear sentence for a service error, naming the field or rule at fault."""
    t = QCoreApplication.translate
    if isinstance(exc, ValidationError):
        rule = _rules().get(exc.rule)
        if rule is None:
            return t("Labels", "{field}: the value is not accepted ({rule}).").format(
                field=field_label(exc.field), rule=exc.rule
            )
        return t("Labels", "{field} {rule}.").format(field=field_label(exc.field), rule=rule)
    if isinstance(exc, ConflictError):
        who = exc.changed_by or t("Labels", "another user")
        if exc.changed_at is not None:
            return t(
                "Labels",
                "Ticket {code} was changed by {who} at {when} after you opened it;"
                " the latest version has been loaded.",
            ).format(code=exc.ticket_code, who=who, when=_format_time(exc.changed_at))
        return t(
            "Labels",
            "Ticket {code} was changed by {who} after you opened it;"
            " the latest version has been loaded.",
        ).format(code=exc.ticket_code, who=who)
    if isinstance(exc, PermissionDeniedError):
        return t("Labels", "Your role ({role}) may not do this: {action}.").format(
            role=user_role_label(exc.role), action=_action_name(exc.action)
        )
    if isinstance(exc, TransitionError):
        return t(
            "Labels", "A ticket that is {status} cannot be handled this way: {action}."
        ).format(status=status_label(exc.status), action=_action_name(exc.action))
    if isinstance(exc, NotFoundError):
        return t("Labels", "Not found: {what} {key}. It may have been deleted.").format(
            what=_what_name(exc.what), key=exc.key
        )
    if isinstance(exc, ServiceError):
        return t("Labels", "The request was refused: {message}").format(message=str(exc))
    return t("Labels", "An unexpected error occurred.")


def _action_name(action: str) -> str:
    # Services name actions by their EventAction code where one exists.
    label = _event_actions().get(action)
    return label if label is not None else action


def _what_name(what: str) -> str:
    t = QCoreApplication.translate
    names = {
        "ticket": t("Labels", "ticket"),
        "area": t("Labels", "area"),
        "grid": t("Labels", "grid"),
        "department": t("Labels", "department"),
        "user": t("Labels", "user"),
    }
    return names.get(what.lower(), what)
