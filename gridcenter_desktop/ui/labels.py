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
    AttachmentKind,
    AuditAction,
    CallbackChannel,
    ChannelStatus,
    DangerKind,
    DangerStatus,
    DepartmentKind,
    EventAction,
    IntakeField,
    IntakeSource,
    MemberRole,
    Outcome,
    Priority,
    RegisterKind,
    RiskLevel,
    Satisfaction,
    SpecialGroupKind,
    TicketKind,
    TicketSource,
    TicketStatus,
    UserRole,
    VisitSource,
)


def reset_cache() -> None:
    """Forget the built tables (call after installing another translator)."""
    from gridcenter_desktop.ui import error_labels

    for builder in (*_BUILDERS, *error_labels.BUILDERS):
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
    return {
        TicketStatus.PENDING_DISPATCH: QCoreApplication.translate("Labels", "Pending dispatch"),
        TicketStatus.DISPATCHED: QCoreApplication.translate("Labels", "Dispatched"),
        TicketStatus.IN_PROGRESS: QCoreApplication.translate("Labels", "In progress"),
        TicketStatus.AWAITING_REVIEW: QCoreApplication.translate("Labels", "Awaiting review"),
        TicketStatus.CLOSED: QCoreApplication.translate("Labels", "Closed"),
        TicketStatus.MERGED: QCoreApplication.translate("Labels", "Merged"),
    }


@functools.cache
def _kinds() -> dict[str, str]:
    return {
        TicketKind.ORDINARY: QCoreApplication.translate("Labels", "Ordinary matter"),
        TicketKind.DISPUTE: QCoreApplication.translate("Labels", "Dispute"),
        TicketKind.PETITION: QCoreApplication.translate("Labels", "Petition"),
        TicketKind.SUGGESTION: QCoreApplication.translate("Labels", "Suggestion"),
    }


@functools.cache
def _sources() -> dict[str, str]:
    return {
        TicketSource.HOTLINE: QCoreApplication.translate("Labels", "12345 hotline"),
        TicketSource.GRID_PATROL: QCoreApplication.translate("Labels", "Grid patrol"),
        TicketSource.WALK_IN: QCoreApplication.translate("Labels", "Walk-in"),
        TicketSource.LETTER_VISIT: QCoreApplication.translate("Labels", "Letters and visits"),
        TicketSource.DISTRICT_PLATFORM: QCoreApplication.translate(
            "Labels", "District command platform"
        ),
        TicketSource.VIDEO: QCoreApplication.translate("Labels", "Video surveillance"),
        TicketSource.OPINION_DAY: QCoreApplication.translate(
            "Labels", "Public-opinion contact day"
        ),
    }


@functools.cache
def _priorities() -> dict[str, str]:
    return {
        Priority.ORDINARY: QCoreApplication.translate("Labels", "Ordinary"),
        Priority.URGENT: QCoreApplication.translate("Labels", "Urgent"),
        Priority.CRITICAL: QCoreApplication.translate("Labels", "Critical"),
    }


@functools.cache
def _assignment_roles() -> dict[str, str]:
    return {
        AssignmentRole.LEAD: QCoreApplication.translate("Labels", "Lead"),
        AssignmentRole.ASSIST: QCoreApplication.translate("Labels", "Assisting"),
    }


@functools.cache
def _assignment_statuses() -> dict[str, str]:
    return {
        AssignmentStatus.PENDING: QCoreApplication.translate("Labels", "Awaiting acceptance"),
        AssignmentStatus.ACCEPTED: QCoreApplication.translate("Labels", "Accepted"),
        AssignmentStatus.RETURNED: QCoreApplication.translate("Labels", "Returned"),
        AssignmentStatus.FED_BACK: QCoreApplication.translate("Labels", "Fed back"),
        AssignmentStatus.DONE: QCoreApplication.translate("Labels", "Done"),
        AssignmentStatus.CANCELLED: QCoreApplication.translate("Labels", "Withdrawn"),
    }


@functools.cache
def _event_actions() -> dict[str, str]:
    return {
        EventAction.REGISTER: QCoreApplication.translate("Labels", "Register"),
        EventAction.DISPATCH: QCoreApplication.translate("Labels", "Dispatch"),
        EventAction.ACCEPT: QCoreApplication.translate("Labels", "Accept"),
        EventAction.RETURN: QCoreApplication.translate("Labels", "Return"),
        EventAction.FEEDBACK: QCoreApplication.translate("Labels", "Feed back"),
        EventAction.CLOSE: QCoreApplication.translate("Labels", "Review and close"),
        EventAction.REJECT: QCoreApplication.translate("Labels", "Reject and redo"),
        EventAction.SOLVE_IN_GRID: QCoreApplication.translate("Labels", "Solve in the grid"),
        EventAction.REOPEN: QCoreApplication.translate("Labels", "Reopen"),
        EventAction.URGE: QCoreApplication.translate("Labels", "Urge"),
        EventAction.SUPERVISE: QCoreApplication.translate("Labels", "Supervise"),
        EventAction.MERGE: QCoreApplication.translate("Labels", "Merge"),
        EventAction.MERGED_IN: QCoreApplication.translate("Labels", "Duplicate merged in"),
        EventAction.CALLBACK: QCoreApplication.translate("Labels", "Callback"),
        EventAction.PLACE: QCoreApplication.translate("Labels", "Place"),
        EventAction.ATTACH: QCoreApplication.translate("Labels", "Attach a file"),
        EventAction.DETACH: QCoreApplication.translate("Labels", "Remove a file"),
        EventAction.ADD_ASSIGNEE: QCoreApplication.translate("Labels", "Add departments"),
        EventAction.ESCALATE: QCoreApplication.translate("Labels", "Escalate missed acceptance"),
        # Short: they are buttons of the detail dock, four to a row on a 1366-pixel screen.
        EventAction.INSPECT: QCoreApplication.translate("Labels", "Joint inspection"),
        EventAction.NOTICE: QCoreApplication.translate("Labels", "Rectification notice"),
        EventAction.NOTICE_CHECK: QCoreApplication.translate("Labels", "Notice check-back"),
        EventAction.EXTEND_REQUEST: QCoreApplication.translate("Labels", "Ask for an extension"),
        EventAction.EXTEND_DECIDE: QCoreApplication.translate("Labels", "Decide on an extension"),
        EventAction.SUSPEND: QCoreApplication.translate("Labels", "Suspend"),
        EventAction.RESUME: QCoreApplication.translate("Labels", "Resume handling"),
        EventAction.LOCATE: QCoreApplication.translate("Labels", "Set the place on the map"),
    }


@functools.cache
def _callback_channels() -> dict[str, str]:
    return {
        CallbackChannel.PHONE: QCoreApplication.translate("Labels", "Phone call"),
        CallbackChannel.SMS: QCoreApplication.translate("Labels", "Text message"),
        CallbackChannel.VISIT: QCoreApplication.translate("Labels", "Home visit"),
        CallbackChannel.UNREACHABLE: QCoreApplication.translate("Labels", "Not reached"),
    }


@functools.cache
def _satisfactions() -> dict[str, str]:
    return {
        Satisfaction.SATISFIED: QCoreApplication.translate("Labels", "Satisfied"),
        Satisfaction.BASICALLY_SATISFIED: QCoreApplication.translate(
            "Labels", "Basically satisfied"
        ),
        Satisfaction.DISSATISFIED: QCoreApplication.translate("Labels", "Dissatisfied"),
    }


@functools.cache
def _outcomes() -> dict[str, str]:
    return {
        Outcome.RESOLVED: QCoreApplication.translate("Labels", "Resolved"),
        Outcome.UNRESOLVED: QCoreApplication.translate("Labels", "Unresolved"),
    }


@functools.cache
def _user_roles() -> dict[str, str]:
    return {
        UserRole.OPERATOR: QCoreApplication.translate("Labels", "Dispatch operator"),
        UserRole.SUPERVISOR: QCoreApplication.translate("Labels", "Shift supervisor"),
        UserRole.ADMIN: QCoreApplication.translate("Labels", "Administrator"),
        UserRole.VIEWER: QCoreApplication.translate("Labels", "Viewer"),
    }


@functools.cache
def _member_roles() -> dict[str, str]:
    return {
        MemberRole.LEADER: QCoreApplication.translate("Labels", "Grid leader"),
        MemberRole.WORKER: QCoreApplication.translate("Labels", "Grid worker"),
        MemberRole.PART_TIME_WORKER: QCoreApplication.translate("Labels", "Part-time grid worker"),
        MemberRole.PARTY_MEMBER: QCoreApplication.translate("Labels", "Party member"),
        MemberRole.POLICE: QCoreApplication.translate("Labels", "Police officer"),
        MemberRole.JUDGE: QCoreApplication.translate("Labels", "Judge"),
        MemberRole.PROSECUTOR: QCoreApplication.translate("Labels", "Prosecutor"),
        MemberRole.LAWYER: QCoreApplication.translate("Labels", "Lawyer"),
        MemberRole.BUILDING_LEADER: QCoreApplication.translate("Labels", "Building leader"),
        MemberRole.VOLUNTEER: QCoreApplication.translate("Labels", "Volunteer"),
        MemberRole.OTHER: QCoreApplication.translate("Labels", "Other member"),
    }


@functools.cache
def _area_levels() -> dict[str, str]:
    return {
        AreaLevel.TOWN: QCoreApplication.translate("Labels", "Town"),
        AreaLevel.VILLAGE: QCoreApplication.translate("Labels", "Village"),
        AreaLevel.COMMUNITY: QCoreApplication.translate("Labels", "Community"),
        AreaLevel.GRID: QCoreApplication.translate("Labels", "Grid"),
        AreaLevel.MICRO_GRID: QCoreApplication.translate("Labels", "Micro grid"),
    }


@functools.cache
def _department_kinds() -> dict[str, str]:
    return {
        DepartmentKind.OFFICE: QCoreApplication.translate("Labels", "Town office"),
        DepartmentKind.AGENCY: QCoreApplication.translate("Labels", "Stationed agency"),
        DepartmentKind.COMMITTEE: QCoreApplication.translate(
            "Labels", "Village or community committee"
        ),
        DepartmentKind.UTILITY: QCoreApplication.translate("Labels", "Public utility"),
        DepartmentKind.EXTERNAL: QCoreApplication.translate("Labels", "External unit"),
    }


@functools.cache
def _audit_actions() -> dict[str, str]:
    return {
        AuditAction.SIGN_IN: QCoreApplication.translate("Labels", "Signed in"),
        AuditAction.SIGN_IN_FAILED: QCoreApplication.translate("Labels", "Sign-in failed"),
        AuditAction.SIGN_IN_LOCKED: QCoreApplication.translate("Labels", "Account locked"),
        AuditAction.SIGN_OUT: QCoreApplication.translate("Labels", "Signed out"),
        AuditAction.EXPORT: QCoreApplication.translate("Labels", "Exported a report"),
        AuditAction.PERSONAL_DATA_VIEW: QCoreApplication.translate(
            "Labels", "Viewed personal data"
        ),
        AuditAction.USER_CREATE: QCoreApplication.translate("Labels", "Created a user"),
        AuditAction.USER_DISABLE: QCoreApplication.translate("Labels", "Disabled a user"),
        AuditAction.USER_ENABLE: QCoreApplication.translate("Labels", "Enabled a user"),
        AuditAction.USER_RESET_PASSWORD: QCoreApplication.translate("Labels", "Reset a password"),
        AuditAction.PASSWORD_CHANGE: QCoreApplication.translate("Labels", "Changed own password"),
        AuditAction.USER_CHANGE: QCoreApplication.translate("Labels", "Changed a user"),
        AuditAction.CALENDAR_CHANGE: QCoreApplication.translate(
            "Labels", "Changed the holiday calendar"
        ),
        AuditAction.ADMIN_CHANGE: QCoreApplication.translate("Labels", "Other administration"),
        AuditAction.AREA_CHANGE: QCoreApplication.translate("Labels", "Changed areas or grids"),
        AuditAction.MEMBER_CHANGE: QCoreApplication.translate("Labels", "Changed a grid team"),
        AuditAction.DEPARTMENT_CHANGE: QCoreApplication.translate("Labels", "Changed a department"),
        AuditAction.DEADLINE_CHANGE: QCoreApplication.translate(
            "Labels", "Changed a deadline rule"
        ),
        AuditAction.SETTINGS_CHANGE: QCoreApplication.translate("Labels", "Changed town settings"),
        AuditAction.BASE_IMPORT: QCoreApplication.translate("Labels", "Imported base data"),
        AuditAction.TICKET_IMPORT: QCoreApplication.translate("Labels", "Imported tickets"),
        AuditAction.INTAKE_CHANGE: QCoreApplication.translate(
            "Labels", "Changed an import profile or category mapping"
        ),
        AuditAction.AUDIT_ARCHIVE: QCoreApplication.translate("Labels", "Archived audit rows"),
        AuditAction.DEMO_BUILD: QCoreApplication.translate("Labels", "Built demo data"),
        AuditAction.GRID_MAP_IMPORT: QCoreApplication.translate(
            "Labels", "Imported grid boundaries"
        ),
        AuditAction.REGISTER_CHANGE: QCoreApplication.translate("Labels", "Changed a register"),
        AuditAction.REGISTER_IMPORT: QCoreApplication.translate("Labels", "Imported a register"),
        AuditAction.REGISTER_VIEW: QCoreApplication.translate(
            "Labels", "Viewed personal data in a register"
        ),
    }


@functools.cache
def _intake_sources() -> dict[str, str]:
    return {
        IntakeSource.HOTLINE_12345: QCoreApplication.translate("Labels", "12345 hotline platform"),
        IntakeSource.DISTRICT: QCoreApplication.translate(
            "Labels", "District integrated command platform"
        ),
        IntakeSource.OPEN311: QCoreApplication.translate("Labels", "Open311 GeoReport"),
        IntakeSource.OTHER: QCoreApplication.translate("Labels", "Other platform"),
    }


@functools.cache
def _intake_fields() -> dict[str, str]:
    return {
        IntakeField.EXTERNAL_CODE: QCoreApplication.translate("Labels", "Platform ticket number"),
        IntakeField.RECEIVED_AT: QCoreApplication.translate("Labels", "Time received"),
        IntakeField.REPORTER_NAME: QCoreApplication.translate("Labels", "Reporter"),
        IntakeField.REPORTER_PHONE: QCoreApplication.translate("Labels", "Contact phone"),
        IntakeField.TITLE: QCoreApplication.translate("Labels", "Title"),
        IntakeField.DESCRIPTION: QCoreApplication.translate("Labels", "Description"),
        IntakeField.ADDRESS: QCoreApplication.translate("Labels", "Address"),
        IntakeField.CATEGORY: QCoreApplication.translate("Labels", "Category"),
        IntakeField.CATEGORY_MINOR: QCoreApplication.translate("Labels", "Subcategory"),
        IntakeField.DEADLINE: QCoreApplication.translate("Labels", "Time limit"),
        IntakeField.DEPARTMENT: QCoreApplication.translate("Labels", "Handling unit"),
        IntakeField.PRIORITY: QCoreApplication.translate("Labels", "Urgency"),
        IntakeField.KIND: QCoreApplication.translate("Labels", "Nature of request"),
        IntakeField.GRID: QCoreApplication.translate("Labels", "Grid"),
        IntakeField.LATITUDE: QCoreApplication.translate("Labels", "Latitude"),
        IntakeField.LONGITUDE: QCoreApplication.translate("Labels", "Longitude"),
        IntakeField.RESULT: QCoreApplication.translate("Labels", "Handling result"),
        IntakeField.CLOSED_AT: QCoreApplication.translate("Labels", "Time closed"),
        IntakeField.SATISFACTION: QCoreApplication.translate("Labels", "Callback result"),
    }


@functools.cache
def _attachment_kinds() -> dict[str, str]:
    return {
        AttachmentKind.PHOTO: QCoreApplication.translate("Labels", "Photo"),
        AttachmentKind.DOCUMENT: QCoreApplication.translate("Labels", "Document"),
    }


_BUILDERS: tuple = (
    _intake_sources,
    _intake_fields,
    _attachment_kinds,
    _audit_actions,
    _statuses,
    _kinds,
    _sources,
    _priorities,
    _assignment_roles,
    _assignment_statuses,
    _event_actions,
    _satisfactions,
    _callback_channels,
    _outcomes,
    _user_roles,
    _member_roles,
    _area_levels,
    _department_kinds,
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


def callback_channel_label(value: CallbackChannel | str | None) -> str:
    """How a reporter was reached for a callback (电话, 短信, 上门, 未接通)."""
    return _lookup(_callback_channels(), value)


def callback_channel_choices() -> list[tuple[str, str]]:
    """(code, label) of every way of calling back, the reached ones first."""
    return _all(_callback_channels(), CallbackChannel)


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


def intake_source_label(value: IntakeSource | str | None) -> str:
    """Label of a platform tickets are imported from."""
    return _lookup(_intake_sources(), value)


def intake_source_choices() -> list[tuple[str, str]]:
    """(code, label) of every platform tickets are imported from."""
    return _all(_intake_sources(), IntakeSource)


def intake_field_label(value: IntakeField | str | None) -> str:
    """Label of what a column of a platform's sheet holds (工单编号, 诉求内容 ...)."""
    return _lookup(_intake_fields(), value)


def intake_field_choices() -> list[tuple[str, str]]:
    """(code, label) of every field a sheet's column can be mapped to."""
    return _all(_intake_fields(), IntakeField)


def attachment_kind_label(value: AttachmentKind | str | None) -> str:
    """Label of an attachment's kind (照片, 文档)."""
    return _lookup(_attachment_kinds(), value)


def audit_action_label(value: AuditAction | str | None) -> str:
    """Label of an audit trail action (登录成功, 导出报表, 查看个人信息 ...)."""
    return _lookup(_audit_actions(), value)


def audit_action_choices() -> list[tuple[str, str]]:
    """(code, label) of every audit action, for a filter."""
    return _all(_audit_actions(), AuditAction)


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


# Service errors have their own module (field and rule tables, ui/error_labels.py); these two
# stay reachable here because callers think of them as labels too.
def field_label(field: str) -> str:
    """The name of an input field as the user sees it ("reporter_phone" → 反映人电话)."""
    from gridcenter_desktop.ui.error_labels import field_label as label

    return label(field)


def error_text(exc: BaseException, field: str | None = None) -> str:
    """A clear sentence for a service error, naming the field (``field``: as the form shows
    it, when given) or rule at fault."""
    from gridcenter_desktop.ui.error_labels import error_text as text

    return text(exc, field)


# Sentence ends an operator types at the end of a note; joining notes with "；" after one of
# them read "。；" (issue 8).
_NOTE_ENDS = "。；;，,、.！!？? \u3000"


def join_notes(parts: list[str]) -> str:
    """Pieces of a note joined with "；", each without its own closing punctuation; empty
    pieces left out."""
    kept = [p.strip().rstrip(_NOTE_ENDS) for p in parts]
    return "；".join(p for p in kept if p)


# --- grid work (issue 12) --------------------------------------------------------------------


@functools.cache
def _register_kinds() -> dict[str, str]:
    return {
        RegisterKind.VISIT: QCoreApplication.translate("Labels", "Household visit"),
        RegisterKind.SPECIAL_GROUP: QCoreApplication.translate("Labels", "Special group"),
        RegisterKind.RENTAL: QCoreApplication.translate("Labels", "Rental housing"),
        RegisterKind.DANGER: QCoreApplication.translate("Labels", "Hidden danger"),
        RegisterKind.CHANNEL: QCoreApplication.translate("Labels", "Video channel"),
    }


@functools.cache
def _special_group_kinds() -> dict[str, str]:
    return {
        SpecialGroupKind.ELDERLY_ALONE: QCoreApplication.translate(
            "Labels", "Elderly living alone"
        ),
        SpecialGroupKind.EMPTY_NEST: QCoreApplication.translate("Labels", "Empty-nest elderly"),
        SpecialGroupKind.DISABLED: QCoreApplication.translate("Labels", "Person with disabilities"),
        SpecialGroupKind.MINOR_IN_DIFFICULTY: QCoreApplication.translate(
            "Labels", "Minor in difficulty"
        ),
        SpecialGroupKind.LOW_INCOME: QCoreApplication.translate("Labels", "Subsistence allowance"),
        SpecialGroupKind.COMMUNITY_CORRECTION: QCoreApplication.translate(
            "Labels", "Under community correction"
        ),
        SpecialGroupKind.RELEASED_PRISONER: QCoreApplication.translate(
            "Labels", "Released from prison"
        ),
        SpecialGroupKind.DRUG_REHAB: QCoreApplication.translate("Labels", "Drug rehabilitation"),
        SpecialGroupKind.MENTAL_DISORDER: QCoreApplication.translate(
            "Labels", "Severe mental disorder"
        ),
        SpecialGroupKind.ATTENTION: QCoreApplication.translate(
            "Labels", "Person needing attention"
        ),
    }


@functools.cache
def _danger_kinds() -> dict[str, str]:
    return {
        DangerKind.FIRE: QCoreApplication.translate("Labels", "Fire safety"),
        DangerKind.GAS: QCoreApplication.translate("Labels", "Gas"),
        DangerKind.ELECTRIC: QCoreApplication.translate("Labels", "Electricity"),
        DangerKind.BUILDING: QCoreApplication.translate("Labels", "Buildings"),
        DangerKind.PRODUCTION: QCoreApplication.translate("Labels", "Work safety"),
        DangerKind.TRAFFIC: QCoreApplication.translate("Labels", "Traffic"),
        DangerKind.WATER: QCoreApplication.translate("Labels", "Flood and water"),
        DangerKind.FOOD: QCoreApplication.translate("Labels", "Food"),
        DangerKind.OTHER: QCoreApplication.translate("Labels", "Other danger"),
    }


@functools.cache
def _risk_levels() -> dict[str, str]:
    return {
        RiskLevel.HIGH: QCoreApplication.translate("Labels", "High risk"),
        RiskLevel.MEDIUM: QCoreApplication.translate("Labels", "Medium risk"),
        RiskLevel.LOW: QCoreApplication.translate("Labels", "Low risk"),
    }


@functools.cache
def _danger_statuses() -> dict[str, str]:
    return {
        DangerStatus.OPEN: QCoreApplication.translate("Labels", "To be rectified"),
        DangerStatus.RECTIFYING: QCoreApplication.translate("Labels", "Being rectified"),
        DangerStatus.RECTIFIED: QCoreApplication.translate("Labels", "Rectified"),
        DangerStatus.CANCELLED: QCoreApplication.translate("Labels", "Struck off"),
    }


@functools.cache
def _channel_statuses() -> dict[str, str]:
    return {
        ChannelStatus.ONLINE: QCoreApplication.translate("Labels", "Online"),
        ChannelStatus.OFFLINE: QCoreApplication.translate("Labels", "Offline"),
        ChannelStatus.FAULT: QCoreApplication.translate("Labels", "Faulty"),
    }


@functools.cache
def _visit_sources() -> dict[str, str]:
    return {
        VisitSource.DESK: QCoreApplication.translate("Labels", "Entered at the desk"),
        VisitSource.IMPORT: QCoreApplication.translate("Labels", "Imported from the app"),
    }


_BUILDERS += (
    _register_kinds,
    _special_group_kinds,
    _danger_kinds,
    _risk_levels,
    _danger_statuses,
    _channel_statuses,
    _visit_sources,
)


def register_kind_label(value: RegisterKind | str | None) -> str:
    """What a ticket was raised from (走访记录, 特殊群体, 出租房屋, 安全隐患, 视频通道)."""
    return _lookup(_register_kinds(), value)


def special_group_label(value: SpecialGroupKind | str | None) -> str:
    """A special group (独居老人, 社区矫正对象 ...)."""
    return _lookup(_special_group_kinds(), value)


def special_group_choices() -> list[tuple[str, str]]:
    """(code, label) of every special group, in the enum's order."""
    return _all(_special_group_kinds(), SpecialGroupKind)


def danger_kind_label(value: DangerKind | str | None) -> str:
    """A hidden danger's kind (消防, 燃气 ...)."""
    return _lookup(_danger_kinds(), value)


def danger_kind_choices() -> list[tuple[str, str]]:
    return _all(_danger_kinds(), DangerKind)


def risk_level_label(value: RiskLevel | str | None) -> str:
    """高/中/低风险."""
    return _lookup(_risk_levels(), value)


def risk_level_choices() -> list[tuple[str, str]]:
    return _all(_risk_levels(), RiskLevel)


def danger_status_label(value: DangerStatus | str | None) -> str:
    """整改情况 (待整改, 整改中, 已整改, 已销号)."""
    return _lookup(_danger_statuses(), value)


def danger_status_choices() -> list[tuple[str, str]]:
    return _all(_danger_statuses(), DangerStatus)


def channel_status_label(value: ChannelStatus | str | None) -> str:
    """在线/离线/故障."""
    return _lookup(_channel_statuses(), value)


def channel_status_choices() -> list[tuple[str, str]]:
    return _all(_channel_statuses(), ChannelStatus)


def visit_source_label(value: VisitSource | str | None) -> str:
    """Where a visit's record came from (录入 or 导入)."""
    return _lookup(_visit_sources(), value)
