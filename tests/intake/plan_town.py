"""Guangfu's real villages and grids (demo/areas.py) with one user per role, for the planner
and import tests: the generated platform sheets name these places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from gridcenter_desktop.core.enums import AreaLevel, IntakeField, IntakeSource, UserRole
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.db.user import User
from gridcenter_desktop.demo.areas import area_rows
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.intake.plan import plan_intake
from gridcenter_desktop.services.intake.rows import IncomingSheet, SheetRow

# A Tuesday in an ordinary working week, after the generated sheets' month.
NOW = datetime(2022, 4, 5, 9, 0)

HEADERS = ("工单编号", "来电时间", "来电人", "联系电话", "诉求标题", "诉求内容", "诉求地址",
           "诉求类型", "办理时限")  # fmt: skip
FIELDS = (
    IntakeField.EXTERNAL_CODE,
    IntakeField.RECEIVED_AT,
    IntakeField.REPORTER_NAME,
    IntakeField.REPORTER_PHONE,
    IntakeField.TITLE,
    IntakeField.DESCRIPTION,
    IntakeField.ADDRESS,
    IntakeField.CATEGORY,
    IntakeField.DEADLINE,
)


@dataclass
class PlanTown:
    sf: sessionmaker[Session]
    actors: dict[UserRole, Actor]
    grids: dict[str, int]  # grid name → id

    @property
    def operator(self) -> Actor:
        return self.actors[UserRole.OPERATOR]

    def counts(self) -> tuple[int, int, int]:
        """Tickets, timeline events, audit entries: what any write changes."""
        with self.sf() as s:
            return (
                s.scalar(select(func.count()).select_from(Ticket)),
                s.scalar(select(func.count()).select_from(TicketEvent)),
                s.scalar(select(func.count()).select_from(AuditEntry)),
            )


def build_plan_town(sf: sessionmaker[Session]) -> PlanTown:
    with sf() as s:
        areas = area_rows()
        s.add_all(areas)
        grids = [a for a in areas if a.level == AreaLevel.GRID]
        users = {
            role: User(login=f"plan_{role.value}", display_name=role.value, role=role,
                       password_hash="-")
            for role in UserRole
        }  # fmt: skip
        s.add_all(users.values())
        s.commit()
        return PlanTown(
            sf=sf,
            actors={r: Actor(u.id, r, u.display_name, login=u.login) for r, u in users.items()},
            grids={g.name: g.id for g in grids},
        )


def plan(town: PlanTown, sheet: IncomingSheet, source=IntakeSource.HOTLINE_12345):
    """The plan of ``sheet`` for ``town`` at NOW, without a profile."""
    with town.sf() as s:
        return plan_intake(s, sheet, source=source, profile=None, now=NOW)


def sheet_of(*rows: dict[IntakeField, object], path: str = "早班工单.xlsx") -> IncomingSheet:
    """A sheet as a reader hands it over: the usual 12345 headers, a title row above them (the
    data starts on row 3), each row's values as given."""
    built = []
    for number, values in enumerate(rows, start=3):
        cells = tuple("" if values.get(f) is None else str(values.get(f)) for f in FIELDS)
        built.append(SheetRow(number, dict(values), (), cells))
    return IncomingSheet(
        path=Path(path),
        headers=HEADERS,
        fields=FIELDS,
        rows=tuple(built),
        header_row=2,
    )


def row(code: str, **values: object) -> dict[IntakeField, object]:
    """A plausible platform row; keyword arguments (IntakeField values) override it."""
    base: dict[IntakeField, object] = {
        IntakeField.EXTERNAL_CODE: code,
        IntakeField.RECEIVED_AT: datetime(2022, 4, 1, 14, 2),
        IntakeField.REPORTER_NAME: "王女士",
        IntakeField.REPORTER_PHONE: "13912345678",
        IntakeField.TITLE: "河道漂浮垃圾无人清理",
        IntakeField.DESCRIPTION: "福利村上金自然村河道内漂浮大量垃圾，气味难闻。",
        IntakeField.ADDRESS: "光福镇福利村第二网格上金自然村12号",
        IntakeField.CATEGORY: "环境保护/水污染",
    }
    base.update({IntakeField(k): v for k, v in values.items()})
    return base
