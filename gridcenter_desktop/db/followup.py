"""What follows a ticket beyond its assignments (issue 11): requests for more time, the calls
back to each reporter, joint meetings and inspections with the departments present, and the
rectification notices issued from them, numbered by the town's pattern and followed up."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.core.enums import (
    CallbackChannel,
    ExtensionDecision,
    InspectionKind,
    NoticeStatus,
    Satisfaction,
)
from gridcenter_desktop.db.base import Base, enum_column

PENDING_EXTENSION_SQL = "decision = 'pending'"


class ExtensionRequest(Base):
    """A department's request for more time (延期申请) on its assignment, and the decision."""

    __tablename__ = "extension_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"))
    reason: Mapped[str] = mapped_column(Text)
    # The finish-by time the department proposes, and the one it had when it asked.
    proposed_finish_by: Mapped[datetime] = mapped_column(DateTime)
    previous_finish_by: Mapped[datetime] = mapped_column(DateTime)
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decision: Mapped[ExtensionDecision] = mapped_column(enum_column(ExtensionDecision))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decision_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_extension_request_ticket", "ticket_id", "id"),
        Index("ix_extension_request_requested", "requested_at"),
        # The supervisor's "to approve" list: a handful among thousands.
        Index(
            "ix_extension_request_pending",
            "requested_at",
            sqlite_where=text(PENDING_EXTENSION_SQL),
            postgresql_where=text(PENDING_EXTENSION_SQL),
        ),
    )


class CallbackRecord(Base):
    """One call back to a ticket's reporter (回访): who called, when, how the reporter was
    reached, their rating. A merged duplicate's reporter has their own, on the duplicate.
    Written once, never changed (a second round is a second record)."""

    __tablename__ = "callback_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    called_at: Mapped[datetime] = mapped_column(DateTime)
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    channel: Mapped[CallbackChannel] = mapped_column(enum_column(CallbackChannel))
    # None when the reporter was not reached (they stay on the 待回访 list).
    satisfaction: Mapped[Satisfaction | None] = mapped_column(enum_column(Satisfaction))
    note: Mapped[str] = mapped_column(Text, default="")
    reopened: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_callback_record_ticket", "ticket_id", "id"),
        Index("ix_callback_record_called", "called_at"),
    )


class JointInspection(Base):
    """A joint meeting (联席会议) or joint inspection (联合检查) held on a ticket."""

    __tablename__ = "joint_inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    kind: Mapped[InspectionKind] = mapped_column(enum_column(InspectionKind))
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    # Others present besides the departments (village cadres, the owner ...), as written.
    attendees: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (
        Index("ix_joint_inspection_ticket", "ticket_id", "id"),
        Index("ix_joint_inspection_held", "held_on"),
    )


class InspectionDepartment(Base):
    """A department present at a joint meeting or inspection."""

    __tablename__ = "inspection_department"

    inspection_id: Mapped[int] = mapped_column(ForeignKey("joint_inspection.id"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), primary_key=True)


class RectificationNotice(Base):
    """A rectification notice (责令整改通知书): numbered by the town's pattern, issued to a party
    with a deadline, followed up (复查) when the deadline passes."""

    __tablename__ = "rectification_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("joint_inspection.id"))
    party: Mapped[str] = mapped_column(String(200))  # 被责令整改单位/个人
    party_address: Mapped[str] = mapped_column(String(200), default="")
    problems: Mapped[str] = mapped_column(Text)  # 存在问题
    requirements: Mapped[str] = mapped_column(Text)  # 整改要求
    issued_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)  # 整改期限
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    status: Mapped[NoticeStatus] = mapped_column(enum_column(NoticeStatus))
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    check_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        # Refused by the database too, whoever writes.
        CheckConstraint("deadline >= issued_on", name="deadline_after_issue"),
        Index("ix_rectification_notice_ticket", "ticket_id"),
        Index("ix_rectification_notice_status_deadline", "status", "deadline"),
        Index("ix_rectification_notice_issued", "issued_on", "id"),
    )


class NoticeCounter(Base):
    """The last notice number given out in a year: drawn in the issuing transaction, so two
    desks never give out the same number."""

    __tablename__ = "notice_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)
