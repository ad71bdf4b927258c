"""Grid work beyond tickets (revision 0014): the households grid workers visit (走访), the
registers they keep (特殊群体, 出租房屋/群租房, 安全隐患) and the video channels (视频通道).

Every register row belongs to a grid (area.id of a grid), is kept by a grid worker where known
(person.id) and can have tickets raised from it (ticket.raised_from_kind/_id). Personal data in
them (names, phones, ID numbers) follows the reporters' rules: masked by role, unmasked views
audited (services/registers/), sensitive special groups hidden from operators and viewers by
the database itself on PostgreSQL (row-level security, migration 0014).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from gridcenter_desktop.core.enums import (
    ChannelStatus,
    DangerKind,
    DangerStatus,
    RiskLevel,
    SpecialGroupKind,
    VisitSource,
)
from gridcenter_desktop.db.base import Base, enum_column


class Household(Base):
    """A household a grid worker calls on: an address in a grid, and the household register
    number (户号) when the worker knows it. Visits are counted per household, so "not visited
    for N months" and the monthly coverage count households, not visits."""

    __tablename__ = "household"
    __table_args__ = (
        Index("ix_household_grid_address", "grid_id", "address"),
        Index("ix_household_register_no", "register_no"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    address: Mapped[str] = mapped_column(String(200))
    register_no: Mapped[str | None] = mapped_column(String(32))  # 户籍户号, optional
    head_name: Mapped[str | None] = mapped_column(String(64))  # 户主 (personal data)
    phone: Mapped[str | None] = mapped_column(String(32))  # personal data
    # The last visit's day, kept with each visit, so "not visited for N months" is one index
    # range over households instead of a grouped scan of the visits.
    last_visited_on: Mapped[date | None] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)  # moved away, demolished


class HouseholdVisit(Base):
    """One call on a household (走访/入户) by a grid worker on a day, and what was found."""

    __tablename__ = "household_visit"
    __table_args__ = (
        Index("ix_household_visit_worker_day", "worker_id", "visited_on"),
        Index("ix_household_visit_household_day", "household_id", "visited_on"),
        Index("ix_household_visit_grid_day", "grid_id", "visited_on"),
        # An import of the mobile app's export carries its record id: the same sheet imported
        # twice adds nothing.
        Index(
            "ux_household_visit_external",
            "external_code",
            unique=True,
            sqlite_where=text("external_code IS NOT NULL"),
            postgresql_where=text("external_code IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    # The grid at the time of the visit (a household's grid may be redrawn later).
    grid_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    worker_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    visited_on: Mapped[date] = mapped_column(Date)
    findings: Mapped[str] = mapped_column(Text, default="")
    # A problem found: the ticket raised from the visit in the same step, when there was one.
    problem: Mapped[bool] = mapped_column(Boolean, default=False)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    source: Mapped[VisitSource] = mapped_column(enum_column(VisitSource))
    external_code: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class SpecialGroupMember(Base):
    """A person in a special group (特殊群体) of a grid: who, where, how to reach them and what
    care they get. Sensitive groups (core.permissions.SENSITIVE_GROUPS) are for supervisors
    and administrators only."""

    __tablename__ = "special_group_member"
    __table_args__ = (
        Index("ix_special_group_grid_kind", "grid_id", "kind"),
        Index("ix_special_group_name", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    kind: Mapped[SpecialGroupKind] = mapped_column(enum_column(SpecialGroupKind))
    name: Mapped[str] = mapped_column(String(64))  # personal data
    id_number: Mapped[str | None] = mapped_column(String(18))  # 身份证号 (personal data)
    phone: Mapped[str | None] = mapped_column(String(32))  # personal data
    address: Mapped[str] = mapped_column(String(200), default="")
    guardian: Mapped[str | None] = mapped_column(String(64))  # 联系人/监护人 (personal data)
    guardian_phone: Mapped[str | None] = mapped_column(String(32))  # personal data
    care_note: Mapped[str] = mapped_column(Text, default="")  # 帮扶/管控情况
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))  # 联系网格员
    registered_on: Mapped[date | None] = mapped_column(Date)
    last_visited_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)  # 注销 (moved, died, ended)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class RentalHousing(Base):
    """Rental housing (出租房屋) in a grid; a group rental (群租房) when many tenants share one
    unit: the fire-safety concern the register exists for."""

    __tablename__ = "rental_housing"
    __table_args__ = (
        Index("ix_rental_housing_grid", "grid_id"),
        Index("ix_rental_housing_next_inspection", "next_inspection_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    address: Mapped[str] = mapped_column(String(200))
    landlord_name: Mapped[str] = mapped_column(String(64))  # personal data
    landlord_phone: Mapped[str | None] = mapped_column(String(32))  # personal data
    tenants_count: Mapped[int] = mapped_column(Integer, default=0)
    rooms_count: Mapped[int | None] = mapped_column(Integer)
    group_rental: Mapped[bool] = mapped_column(Boolean, default=False)  # 群租房
    last_inspected_on: Mapped[date | None] = mapped_column(Date)
    next_inspection_on: Mapped[date | None] = mapped_column(Date)
    hazards: Mapped[str] = mapped_column(Text, default="")  # 存在隐患
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)  # no longer let
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class HiddenDanger(Base):
    """A hidden danger (安全隐患) found in a grid, its risk and its rectification."""

    __tablename__ = "hidden_danger"
    __table_args__ = (
        Index("ix_hidden_danger_grid_status", "grid_id", "status"),
        Index("ix_hidden_danger_status_deadline", "status", "rectify_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    place: Mapped[str] = mapped_column(String(200))
    kind: Mapped[DangerKind] = mapped_column(enum_column(DangerKind))
    risk_level: Mapped[RiskLevel] = mapped_column(enum_column(RiskLevel))
    description: Mapped[str] = mapped_column(Text, default="")
    found_on: Mapped[date] = mapped_column(Date)
    found_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))  # the grid worker
    found_by_name: Mapped[str] = mapped_column(String(64), default="")  # when not a member
    rectify_by: Mapped[date | None] = mapped_column(Date)  # 整改期限
    status: Mapped[DangerStatus] = mapped_column(enum_column(DangerStatus))
    rectified_on: Mapped[date | None] = mapped_column(Date)
    rectification_note: Mapped[str] = mapped_column(Text, default="")  # 整改情况
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class VideoChannel(Base):
    """A video channel (视频通道/监控点位) connected to the centre: its number, where it looks,
    the stream to open and whether it is online (status_since: when it entered that state, so
    "offline for a day" is a comparison)."""

    __tablename__ = "video_channel"
    __table_args__ = (Index("ix_video_channel_status_since", "status", "status_since"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)  # 通道编号 (national code)
    name: Mapped[str] = mapped_column(String(100))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    stream_url: Mapped[str] = mapped_column(String(500), default="")  # rtsp://...
    status: Mapped[ChannelStatus] = mapped_column(enum_column(ChannelStatus))
    status_since: Mapped[datetime] = mapped_column(DateTime)
    owner_unit: Mapped[str] = mapped_column(String(100), default="")  # 权属单位 (e.g. 派出所)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
