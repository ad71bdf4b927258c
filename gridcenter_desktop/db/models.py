"""Every mapped class, imported in one place so metadata is complete for Alembic and tests."""

from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.base import Base
from gridcenter_desktop.db.calendar import CalendarDay
from gridcenter_desktop.db.deadline_rule import DeadlineRule
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.followup import (
    CallbackRecord,
    ExtensionRequest,
    InspectionDepartment,
    JointInspection,
    NoticeCounter,
    RectificationNotice,
)
from gridcenter_desktop.db.gridwork import (
    HiddenDanger,
    Household,
    HouseholdVisit,
    RentalHousing,
    SpecialGroupMember,
    VideoChannel,
)
from gridcenter_desktop.db.intake import Attachment, IntakeCategoryMap, IntakeProfile
from gridcenter_desktop.db.settings import ActionKey, AppSetting, TicketCodeCounter
from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent
from gridcenter_desktop.db.user import User

__all__ = [
    "VideoChannel",
    "SpecialGroupMember",
    "RentalHousing",
    "HouseholdVisit",
    "Household",
    "HiddenDanger",
    "ActionKey",
    "AppSetting",
    "Attachment",
    "Area",
    "AuditEntry",
    "Assignment",
    "Base",
    "CalendarDay",
    "CallbackRecord",
    "DeadlineRule",
    "ExtensionRequest",
    "Department",
    "GridMember",
    "InspectionDepartment",
    "IntakeCategoryMap",
    "IntakeProfile",
    "JointInspection",
    "NoticeCounter",
    "Person",
    "RectificationNotice",
    "Ticket",
    "TicketCodeCounter",
    "TicketEvent",
    "User",
]
