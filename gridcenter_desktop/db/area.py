"""The area tree (town → village/community → grid) and each grid's "1+1+N" team."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcenter_desktop.core.enums import AreaLevel, MemberRole
from gridcenter_desktop.db.base import Base, enum_column


class Area(Base):
    __tablename__ = "area"

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

    parent: Mapped[Area | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Area]] = relationship(back_populates="parent", order_by="Area.sort_order")
    members: Mapped[list[GridMember]] = relationship(back_populates="area")


class GridMember(Base):
    __tablename__ = "grid_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole))
    phone: Mapped[str | None] = mapped_column(String(32))
    party_member: Mapped[bool] = mapped_column(Boolean, default=False)

    area: Mapped[Area] = relationship(back_populates="members")
