"""Importing a town's base data (areas and grids, grid members, departments, users) from the
workbook: plan first (nothing written), then apply the plan all or nothing.

apply_import goes through the same administration services as the dialogs (with
``commit=False``), so every rule and audit entry of a hand-made change holds for an imported
one too, and commits once at the end; any refusal rolls the whole workbook back.
"""

from __future__ import annotations

import dataclasses
import secrets
import string
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.core.passwords import password_problem
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.services import audit, users
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import KEEP, require_admin
from gridcenter_desktop.services.admin import areas as area_service
from gridcenter_desktop.services.admin import departments as department_service
from gridcenter_desktop.services.admin import members as member_service
from gridcenter_desktop.services.admin.base_plan import (
    LEVEL_ORDER,
    Action,
    AreaIndex,
    ImportPlan,
    PlannedRow,
    Problems,
    SheetPlan,
    plan_areas,
)
from gridcenter_desktop.services.admin.base_plan_lists import (
    DepartmentIndex,
    plan_departments,
    plan_members,
    plan_users,
)
from gridcenter_desktop.services.admin.base_problems import problem_text
from gridcenter_desktop.services.admin.base_sheets import COLUMNS, BaseLists, Problem, Sheet
from gridcenter_desktop.services.admin.base_workbook import lists_rows
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.services.tickets.common import local_now

__all__ = ["ImportPlan", "ImportSummary", "BaseImportRefused", "plan_import", "apply_import"]

_SHEET_ORDER = {sheet: index for index, sheet in enumerate(Sheet)}
_PASSWORD_ALPHABET = "".join(
    c for c in string.ascii_letters + string.digits if c not in "0O1lI"
)  # nothing to misread when the administrator passes it on
GENERATED_PASSWORD_LENGTH = 12


@dataclass(frozen=True, slots=True)
class SheetCount:
    sheet: Sheet
    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import wrote: per list the rows added and updated, and the first passwords
    generated for new users (to hand on once; each must be changed at the first sign-in)."""

    counts: tuple[SheetCount, ...]
    passwords: tuple[tuple[str, str], ...] = ()

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated for c in self.counts)


class BaseImportRefused(ServiceError):
    """A service refused one row while the workbook was applied (the database changed after
    the preview in a way the plan could not see); nothing was written. ``problem`` names the
    row, and the message is its Chinese sentence."""

    code = "import_refused"

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem_text(problem))
        self.problem = problem


def plan_import(session: Session, lists: BaseLists, *, today: date | None = None) -> ImportPlan:
    """What importing ``lists`` would add, update and leave, and every problem, reading the
    database only. Rows made by code (row 0) are numbered as the template would write them."""
    lists = _numbered(lists)
    problems = Problems(lists)
    notes: list[Problem] = []
    areas = AreaIndex(session)
    departments = DepartmentIndex(session)
    present = lambda sheet, rows: sheet in lists.sheets or bool(rows)  # noqa: E731
    planned: dict[Sheet, list[PlannedRow]] = {}
    if present(Sheet.AREAS, lists.areas):
        planned[Sheet.AREAS] = plan_areas(lists.areas, areas, lists, problems)
    if present(Sheet.DEPARTMENTS, lists.departments):
        planned[Sheet.DEPARTMENTS] = plan_departments(
            lists.departments, departments, lists, problems
        )
    if present(Sheet.MEMBERS, lists.members):
        planned[Sheet.MEMBERS] = plan_members(
            lists.members, areas, session, lists, problems, today or local_now().date()
        )
    if present(Sheet.USERS, lists.users):
        planned[Sheet.USERS] = plan_users(
            lists.users, areas, departments, session, lists, problems, notes
        )
    for rows in planned.values():
        rows.sort(key=lambda p: p.row)  # shown in the file's order; apply orders the tree
    sheets = tuple(
        SheetPlan(
            sheet,
            adds=tuple(p for p in rows if p.action is Action.ADD),
            updates=tuple(p for p in rows if p.action is Action.UPDATE),
            unchanged=tuple(p for p in rows if p.action is Action.UNCHANGED),
        )
        for sheet, rows in sorted(planned.items(), key=lambda item: _SHEET_ORDER[item[0]])
    )
    found = sorted({*lists.problems, *problems.items}, key=_problem_order)
    return ImportPlan(lists, sheets, tuple(found), tuple(sorted(notes, key=_problem_order)))


def _numbered(lists: BaseLists) -> BaseLists:
    if all(r.row for _sheet, r in lists_rows(lists)):
        return lists
    number = lambda rows: tuple(  # noqa: E731
        r if r.row else dataclasses.replace(r, row=index + 2) for index, r in enumerate(rows)
    )
    return dataclasses.replace(
        lists,
        areas=number(lists.areas),
        members=number(lists.members),
        departments=number(lists.departments),
        users=number(lists.users),
    )


def _problem_order(p: Problem) -> tuple:
    return (_SHEET_ORDER[p.sheet], p.row, len(p.letter or ""), p.letter or "", p.rule)


def apply_import(
    session: Session, actor: Actor, plan: ImportPlan, *, now: datetime | None = None
) -> ImportSummary:
    """Carry out ``plan`` as ``actor`` (an administrator) in one transaction. Refused with
    ValidationError("plan", "has_problems") while the plan has problems, and ("plan", "stale")
    when the database changed since the preview so that the import would now do something
    else; BaseImportRefused when a service refuses a row. Re-importing a workbook already
    imported writes nothing, not even an audit entry."""
    require_admin(actor)
    if plan.problems:
        raise ValidationError("plan", "has_problems")
    now = now or local_now()
    fresh = plan_import(session, plan.lists, today=now.date())
    if fresh.problems or fresh.signature() != plan.signature():
        session.rollback()
        raise ValidationError("plan", "stale")
    counts = tuple(
        SheetCount(s.sheet, len(s.adds), len(s.updates), len(s.unchanged)) for s in fresh.sheets
    )
    if not fresh.has_changes:
        session.rollback()
        return ImportSummary(counts)
    applier = _Applier(session, actor, fresh, now)
    try:
        applier.run()
        audit.record(
            session,
            actor,
            AuditAction.BASE_IMPORT,
            target=f"file {plan.lists.source}" if plan.lists.source else "base data",
            detail={
                "after": {c.sheet.value: {"added": c.added, "updated": c.updated} for c in counts}
            },
            now=now,
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return ImportSummary(counts, tuple(applier.passwords))


class _Applier:
    """Calls the services row by row, in the order the tree needs: departments, areas level
    by level, members, users (who may name a new department or area)."""

    def __init__(self, session: Session, actor: Actor, plan: ImportPlan, now: datetime) -> None:
        self.session = session
        self.now = now
        self.actor = actor
        self.plan = plan
        self.area_ids: dict[object, int] = {}
        self.department_ids: dict[object, int] = {}
        self.passwords: list[tuple[str, str]] = []

    def run(self) -> None:
        for sheet, step in (
            (Sheet.DEPARTMENTS, self._department),
            (Sheet.AREAS, self._area),
            (Sheet.MEMBERS, self._member),
            (Sheet.USERS, self._user),
        ):
            rows = [*self.plan.sheet(sheet).adds, *self.plan.sheet(sheet).updates]
            if sheet is Sheet.MEMBERS and rows:
                # The identity map holds objects weakly: without these references each
                # member's service call would load its grid again (a query per row).
                self.grids = list(self.session.scalars(select(Area)))
            if sheet is Sheet.AREAS:
                rank = {lv: i for i, levels in enumerate(LEVEL_ORDER) for lv in levels}
                rows.sort(key=lambda p: (rank[p.source.level], p.row))
            else:
                rows.sort(key=lambda p: p.row)
            for planned in rows:
                try:
                    step(planned)
                except ServiceError as exc:
                    raise BaseImportRefused(_refusal(self.plan.lists, planned, exc)) from exc

    def _area_id(self, node) -> int | None:
        if node is None:
            return None
        return node.area_id if node.area_id is not None else self.area_ids[node]

    def _area(self, p: PlannedRow) -> None:
        r = p.source
        node, parent = p.links
        if p.action is Action.ADD:
            record = area_service.create_area(
                self.session, self.actor, parent_id=self._area_id(parent), level=r.level,
                name=r.name, code=r.code, code_system=r.code_system, sort_order=r.sort_order,
                commit=False,
            )  # fmt: skip
            self.area_ids[node] = record.id
            return
        changed = {c.field for c in p.changes}
        if "parent" in changed:
            area_service.move_area(
                self.session, self.actor, p.target_id, self._area_id(parent), commit=False
            )
        area_service.update_area(
            self.session,
            self.actor,
            p.target_id,
            name=r.name if "name" in changed else None,
            code=r.code if "code" in changed else KEEP,
            code_system=r.code_system if "code_system" in changed else KEEP,
            sort_order=r.sort_order if "sort_order" in changed else None,
            commit=False,
        )

    def _department(self, p: PlannedRow) -> None:
        r = p.source
        (node,) = p.links
        if p.action is Action.ADD:
            record = department_service.create_department(
                self.session, self.actor, name=r.name, kind=r.kind, code=r.code,
                contact_name=r.contact_name, contact_phone=r.contact_phone,
                dispatchable=True if r.dispatchable is None else r.dispatchable, commit=False,
            )  # fmt: skip
            self.department_ids[node] = record.id
            return
        changed = {c.field for c in p.changes}
        department_service.update_department(
            self.session,
            self.actor,
            p.target_id,
            name=r.name if "name" in changed else None,
            kind=r.kind if "kind" in changed else None,
            contact_name=r.contact_name if "contact_name" in changed else KEEP,
            contact_phone=r.contact_phone if "contact_phone" in changed else KEEP,
            dispatchable=r.dispatchable if "dispatchable" in changed else None,
            commit=False,
        )

    def _member(self, p: PlannedRow) -> None:
        r = p.source
        node, person_id = p.links
        changed = {c.field for c in p.changes}
        if p.action is Action.ADD:
            member_service.add_member(
                self.session, self.actor, self._area_id(node), name=r.name, phone=r.phone,
                party_member=bool(r.party_member), role=r.role, since=r.since, commit=False,
                now=self.now,
            )  # fmt: skip
            if "party_member" in changed and person_id is not None:
                member_service.update_person(
                    self.session, self.actor, person_id, party_member=r.party_member,
                    commit=False,
                )  # fmt: skip
            return
        member_service.update_person(
            self.session,
            self.actor,
            person_id,
            phone=r.phone if "phone" in changed else KEEP,
            party_member=r.party_member if "party_member" in changed else None,
            commit=False,
        )

    def _user(self, p: PlannedRow) -> None:
        r = p.source
        department, area = p.links
        password = r.password or generated_password(r.login)
        users.create_user(
            self.session,
            self.actor,
            r.login,
            r.display_name,
            r.role,
            password,
            department_id=(
                None
                if department is None
                else department.department_id or self.department_ids[department]
            ),
            area_id=self._area_id(area),
            commit=False,
            now=self.now,
        )
        if not r.password:
            self.passwords.append((r.login, password))


def generated_password(login: str) -> str:
    """A first password that passes the password rules, for a user row without one."""
    while True:
        password = "".join(
            secrets.choice(_PASSWORD_ALPHABET) for _ in range(GENERATED_PASSWORD_LENGTH)
        )
        if password_problem(password, login) is None:
            return password


# Service fields → the workbook column they come from.
_COLUMN_OF = {
    "area_name": "name",
    "person_name": "name",
    "area_code": "code",
    "parent_id": "parent",
    "member_role": "role",
    "member": "name",
    "department_name": "name",
    "department_code": "code",
}


def _refusal(lists: BaseLists, p: PlannedRow, exc: ServiceError) -> Problem:
    """The problem a service's refusal of row ``p`` reads as, in the column of its field."""
    field = getattr(exc, "field", None) or ""
    rule = getattr(exc, "rule", None) or exc.code
    name = _COLUMN_OF.get(field, field)
    if any(c.field == name for c in COLUMNS[p.sheet]):
        header, letter = lists.where(p.sheet, name)
    else:
        header, letter = "", None
    return Problem(p.sheet, p.row, header, "refused", None, letter, f"{field}:{rule}")
