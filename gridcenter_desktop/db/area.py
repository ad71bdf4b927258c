"""The area tree (town → village/community → grid → micro grid), the people who serve in the
grids, and each grid's "1+1+N" team as periods of service."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcenter_desktop.core.enums import AreaLevel, MemberRole
from gridcenter_desktop.db.base import Base, enum_column


class Area(Base):
    __tablename__ = "area"
    __table_args__ = (
        # Codes are optional and unique where given (core/area_codes.py checks their shape).
        Index(
            "ux_area_code",
            "code",
            unique=True,
            sqlite_where=text("code IS NOT NULL"),
            postgresql_where=text("code IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"), index=True)
    level: Mapped[AreaLevel] = mapped_column(enum_column(AreaLevel))
    name: Mapped[str] = mapped_column(String(64))
    # Statistical code (12 digits for village-level units); empty when not known for sure.
    code: Mapped[str | None] = mapped_column(String(32))
    # Which numbering the code comes from, e.g. "national_stats" or "civil_affairs".
    code_system: Mapped[str | None] = mapped_column(String(32))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # GeoJSON polygon of the area's boundary, when drawn.
    geometry: Mapped[str | None] = mapped_column(Text)
    # A retired area is hidden from pickers; its tickets keep pointing at it, so it still
    # counts in the statistics of the periods it served.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
    # A grid merged into another is retired with the grid that took over its open work.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))

    parent: Mapped[Area | None] = relationship(
        remote_side=[id], back_populates="children", foreign_keys=[parent_id]
    )
    children: Mapped[list[Area]] = relationship(
        back_populates="parent", order_by="Area.sort_order", foreign_keys=[parent_id]
    )
    members: Mapped[list[GridMember]] = relationship(back_populates="area")


class Person(Base):
    """Someone who serves in one or more grids (a grid worker, a police officer, a lawyer...).
    The same person in two grids is one row here and two rows of ``grid_member``."""

    __tablename__ = "person"
    __table_args__ = (Index("ix_person_name_phone", "name", "phone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    party_member: Mapped[bool] = mapped_column(Boolean, default=False)

    services: Mapped[list[GridMember]] = relationship(back_populates="person")


class GridMember(Base):
    """One period of a person serving a grid in a role: ``until`` empty while they serve.
    Moving a worker ends one period and starts another, so who served when is kept."""

    __tablename__ = "grid_member"
    __table_args__ = (Index("ix_grid_member_person", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole))
    # First and last day of service; an empty ``since`` means "from before records began".
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)

    area: Mapped[Area] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(back_populates="services")
