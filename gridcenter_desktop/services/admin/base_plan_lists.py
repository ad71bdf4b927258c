"""Planning the lists of a base-data workbook other than the areas: grid members, departments
and users (base_plan.py holds the plan itself and the area tree).

Members are matched by grid, name and role among the people serving now; a town's list of
50,000 members is planned from three queries, not one per row. Departments are matched by
code, else by name. Users are matched by login; an existing account is never changed by an
import (its row is reported as kept).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AreaLevel, MemberRole
from gridcenter_desktop.core.passwords import password_problem
from gridcenter_desktop.db import roles
from gridcenter_desktop.db.area import GridMember, Person
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.admin.base_plan import (
    Action,
    AreaIndex,
    Node,
    PlannedRow,
    Problems,
    change,
)
from gridcenter_desktop.services.admin.base_sheets import (
    KIND_WORDS,
    ROLE_WORDS,
    AccountRow,
    BaseLists,
    DepartmentRow,
    MemberRow,
    Problem,
    Sheet,
)
from gridcenter_desktop.services.admin.departments import CODE_MAX as DEPARTMENT_CODE_MAX
from gridcenter_desktop.services.admin.departments import CODE_SHAPE as department_code_shape

MEMBER_LEVELS = frozenset({AreaLevel.GRID, AreaLevel.MICRO_GRID})
# "一格一员": one current grid leader and one current full-time grid worker per grid.
SINGLE_ROLES = frozenset({MemberRole.LEADER, MemberRole.WORKER})
ANY_LEVEL = frozenset(AreaLevel)


def plan_members(
    rows: tuple[MemberRow, ...],
    areas: AreaIndex,
    session: Session,
    lists: BaseLists,
    problems: Problems,
    today: date,
) -> list[PlannedRow]:
    sheet = Sheet.MEMBERS
    current = session.execute(
        select(
            GridMember.id,
            GridMember.area_id,
            GridMember.role,
            GridMember.person_id,
            Person.name,
            Person.phone,
            Person.party_member,
        )
        .join(Person, Person.id == GridMember.person_id)
        .where(GridMember.until.is_(None))
        .order_by(GridMember.id)
    ).all()
    serving: dict[tuple, list] = defaultdict(list)  # (area id, name, role) → periods
    heads: dict[tuple, list] = defaultdict(list)  # (area id, role) → the leader / the worker
    for c in current:
        serving[(c.area_id, c.name, MemberRole(c.role))].append(c)
        if MemberRole(c.role) in SINGLE_ROLES:
            heads[(c.area_id, MemberRole(c.role))].append(c)
    persons = {
        (p.name, p.phone): (p.id, bool(p.party_member))
        for p in session.execute(
            select(Person.id, Person.name, Person.phone, Person.party_member).order_by(
                Person.id.desc()
            )
        )
    }  # the lowest id wins, as add_member reuses it
    grids: dict[tuple, tuple] = {}  # (grid text, grid code) → find() answer
    located: list[tuple[MemberRow, Node]] = []
    for r in rows:
        ok = problems.text(sheet, r.row, "name", r.name, required=True)
        if r.role is None and not problems.has(sheet, r.row):
            problems.add(sheet, r.row, "role", "required")
            ok = False
        if r.since is not None and r.since > today:
            # Current members serve today; one who starts later is entered on the day.
            problems.add(sheet, r.row, "since", "since_future", r.since.isoformat())
            ok = False
        key = (r.grid, r.grid_code)
        if key not in grids:
            grids[key] = areas.find(r.grid, r.grid_code, MEMBER_LEVELS)
        node, rule, detail = grids[key]
        if node is None:
            if not r.grid and not r.grid_code:
                problems.add(sheet, r.row, "grid", "required")
            else:
                column = "grid_code" if r.grid_code else "grid"
                if rule == "wrong_level":
                    rule, detail = "not_a_grid", detail
                else:
                    rule = f"grid_{rule}"
                problems.add(sheet, r.row, column, rule, r.grid_code or r.grid, detail)
            continue
        if ok:
            located.append((r, node))
    in_file = Counter((id(node), r.name, r.role) for r, node in located)
    seen: dict[tuple, int] = {}
    heads_in_file: dict[tuple, int] = {}
    person_values: dict[object, tuple] = {}  # person id or (name, phone) → (phone, party, row)
    planned = []
    for r, node in located:
        same = (id(node), r.name, r.role, r.phone)
        if same in seen:
            problems.add(sheet, r.row, "name", "duplicate_in_file", r.name, str(seen[same]))
            continue
        seen[same] = r.row
        matched = None
        if node.area_id is not None:
            candidates = serving.get((node.area_id, r.name, r.role), [])
            exact = [c for c in candidates if r.phone and c.phone == r.phone]
            if exact:
                matched = exact[0]
            elif len(candidates) == 1 and in_file[(id(node), r.name, r.role)] == 1:
                matched = candidates[0]  # the same person; the file gives a new phone
        if matched is None and r.role in SINGLE_ROLES:
            held = heads.get((node.area_id, r.role), []) if node.area_id else []
            if held:
                problems.add(
                    sheet, r.row, "role", f"{r.role.value}_taken", ROLE_WORDS[r.role], held[0].name
                )
                continue
            if (id(node), r.role) in heads_in_file:
                problems.add(
                    sheet,
                    r.row,
                    "role",
                    f"{r.role.value}_twice",
                    ROLE_WORDS[r.role],
                    str(heads_in_file[(id(node), r.role)]),
                )
                continue
            heads_in_file[(id(node), r.role)] = r.row
        if problems.has(sheet, r.row):
            continue
        label = f"{r.name}（{ROLE_WORDS[r.role]}，{node.path()}）"
        if matched is None:
            known = persons.get((r.name, r.phone))
            person = known[0] if known else (r.name, r.phone)
            if _conflicts(person_values, person, (r.phone, r.party_member), r, problems):
                continue
            changes = ()
            if known and r.party_member is not None and r.party_member != known[1]:
                # add_member reuses the person; their party membership follows the file.
                changes = (
                    change(lists, sheet, "party_member", _yes(known[1]), _yes(r.party_member)),
                )
            planned.append(
                PlannedRow(
                    sheet,
                    r.row,
                    Action.ADD,
                    label,
                    r,
                    changes,
                    links=(node, known[0] if known else None),
                )
            )
            continue
        changes = []
        if r.phone and r.phone != matched.phone:
            changes.append(change(lists, sheet, "phone", matched.phone, r.phone))
        if r.party_member is not None and r.party_member != bool(matched.party_member):
            changes.append(
                change(
                    lists, sheet, "party_member", _yes(matched.party_member), _yes(r.party_member)
                )
            )
        wanted = (r.phone or matched.phone, r.party_member)
        if _conflicts(person_values, matched.person_id, wanted, r, problems):
            continue
        action = Action.UPDATE if changes else Action.UNCHANGED
        planned.append(
            PlannedRow(
                sheet,
                r.row,
                action,
                label,
                r,
                tuple(changes),
                matched.id,
                (node, matched.person_id),
            )
        )
    return planned


def _yes(value) -> str:
    return "是" if value else "否"


def _conflicts(seen: dict, person, wanted: tuple, r: MemberRow, problems: Problems) -> bool:
    """Two rows that give one person different phones or party memberships (where both say):
    the second is a problem (whichever came last would win, and a re-import would change it
    back)."""
    phone, party = wanted
    earlier = seen.get(person)
    if earlier is None:
        seen[person] = (phone, party, r.row)
        return False
    if earlier[0] != phone or (party is not None and earlier[1] not in (None, party)):
        problems.add(Sheet.MEMBERS, r.row, "name", "person_conflict", r.name, str(earlier[2]))
        return True
    if earlier[1] is None:
        seen[person] = (phone, party, earlier[2])
    return False


def plan_users(
    rows: tuple[AccountRow, ...],
    areas: AreaIndex,
    departments: DepartmentIndex,
    session: Session,
    lists: BaseLists,
    problems: Problems,
    notes: list[Problem],
) -> list[PlannedRow]:
    sheet = Sheet.USERS
    existing = {
        u.login: u
        for u in session.execute(select(User.id, User.login, User.display_name, User.role))
    }
    logins: dict[str, int] = {}
    planned = []
    for r in rows:
        ok = problems.text(sheet, r.row, "display_name", r.display_name, required=True)
        rule = roles.login_problem(r.login)
        if rule is not None:
            problems.add(
                sheet,
                r.row,
                "login",
                "login_" + rule if rule != "required" else rule,
                r.login or None,
            )
            continue
        if r.role is None and not problems.has(sheet, r.row):
            problems.add(sheet, r.row, "role", "required")
            ok = False
        if r.login in logins:
            problems.add(sheet, r.row, "login", "duplicate_in_file", r.login, str(logins[r.login]))
            continue
        logins[r.login] = r.row
        department = None
        if r.department:
            department = departments.nodes.get(r.department)
            if department is None:
                problems.add(sheet, r.row, "department", "department_missing", r.department)
                ok = False
        area = None
        if r.area:
            area, rule, detail = areas.find(r.area, None, ANY_LEVEL)
            if area is None:
                problems.add(sheet, r.row, "area", f"area_{rule}", r.area, detail)
                ok = False
        label = f"{r.login}（{r.display_name}）"
        account = existing.get(r.login)
        if account is not None:
            differs = [
                w
                for w, same in (
                    ("姓名", r.display_name == account.display_name),
                    ("角色", r.role is None or r.role == account.role),
                )
                if not same
            ]
            if differs and ok:
                header, letter = lists.where(sheet, "login")
                notes.append(
                    Problem(sheet, r.row, header, "user_kept", r.login, letter, "、".join(differs))
                )
            if ok:
                planned.append(
                    PlannedRow(sheet, r.row, Action.UNCHANGED, label, r, target_id=account.id)
                )
            continue
        if r.password:
            rule = password_problem(r.password, r.login)
            if rule is not None:
                problems.add(sheet, r.row, "password", rule)  # never the password itself
                ok = False
        if ok and not problems.has(sheet, r.row):
            planned.append(PlannedRow(sheet, r.row, Action.ADD, label, r, links=(department, area)))
    return planned


@dataclass(eq=False)
class DepartmentNode:
    name: str
    department_id: int | None = None
    row: int | None = None
    active: bool = True


# --- departments -----------------------------------------------------------------------------


class DepartmentIndex:
    def __init__(self, session: Session) -> None:
        rows = session.execute(
            select(
                Department.id,
                Department.code,
                Department.name,
                Department.kind,
                Department.active,
                Department.contact_name,
                Department.contact_phone,
                Department.dispatchable,
            ).order_by(Department.id)
        ).all()
        self.db_values = {r.id: r for r in rows}
        self.by_code = {r.code: r for r in rows}
        self.by_name: dict[str, list] = defaultdict(list)
        for r in rows:
            self.by_name[r.name].append(r)
        self.nodes: dict[str, DepartmentNode] = {
            r.name: DepartmentNode(r.name, r.id, None, bool(r.active)) for r in rows if r.active
        }


def plan_departments(
    rows: tuple[DepartmentRow, ...], index: DepartmentIndex, lists: BaseLists, problems: Problems
) -> list[PlannedRow]:
    sheet = Sheet.DEPARTMENTS
    planned = []
    names: dict[str, int] = {}
    codes: dict[str, int] = {}
    for r in rows:
        ok = problems.text(sheet, r.row, "name", r.name, required=True)
        ok = problems.text(sheet, r.row, "contact_name", r.contact_name, required=False) and ok
        if r.kind is None and not problems.has(sheet, r.row):
            problems.add(sheet, r.row, "kind", "required")
            ok = False
        if r.code and len(r.code) > DEPARTMENT_CODE_MAX:
            problems.add(sheet, r.row, "code", "too_long", r.code)
            ok = False
        elif r.code and not department_code_shape.fullmatch(r.code):
            problems.add(sheet, r.row, "code", "department_code_shape", r.code)
            ok = False
        if r.code and r.code in codes:
            problems.add(sheet, r.row, "code", "duplicate_in_file", r.code, str(codes[r.code]))
            continue
        if r.name in names:
            problems.add(sheet, r.row, "name", "duplicate_in_file", r.name, str(names[r.name]))
            continue
        names[r.name] = r.row
        if r.code:
            codes[r.code] = r.row
        matched = index.by_code.get(r.code) if r.code else None
        if matched is None:
            active = [d for d in index.by_name.get(r.name, ()) if d.active]
            matched = active[0] if active else None
            if matched is None and index.by_name.get(r.name):
                problems.add(sheet, r.row, "name", "department_retired", r.name)
                continue
        elif not matched.active:
            problems.add(sheet, r.row, "code", "department_retired", r.code, matched.name)
            continue
        if matched is not None and matched.name != r.name:
            holder = [d for d in index.by_name.get(r.name, ()) if d.active and d.id != matched.id]
            if holder:
                problems.add(sheet, r.row, "name", "name_taken", r.name, holder[0].name)
                continue
        node = index.nodes.get(matched.name) if matched is not None else None
        if node is None:
            node = DepartmentNode(r.name, matched.id if matched else None, r.row)
        index.nodes[r.name] = node
        node.row = r.row
        if not ok or problems.has(sheet, r.row):
            continue
        planned.append(_department_plan(r, matched, node, lists))
    return planned


def _department_plan(r: DepartmentRow, matched, node: DepartmentNode, lists) -> PlannedRow:
    sheet = Sheet.DEPARTMENTS
    if matched is None:
        return PlannedRow(sheet, r.row, Action.ADD, r.name, r, links=(node,))
    changes = []
    for name, after, before in (
        ("name", r.name, matched.name),
        ("kind", r.kind, matched.kind),
        ("contact_name", r.contact_name, matched.contact_name),
        ("contact_phone", r.contact_phone, matched.contact_phone),
        ("dispatchable", r.dispatchable, matched.dispatchable),
    ):
        if after is not None and after != before:
            if name == "kind":
                before, after = KIND_WORDS.get(before, before), KIND_WORDS[after]
            if name == "dispatchable":
                before, after = ("是" if before else "否"), ("是" if after else "否")
            changes.append(change(lists, sheet, name, before, after))
    action = Action.UPDATE if changes else Action.UNCHANGED
    return PlannedRow(sheet, r.row, action, r.name, r, tuple(changes), matched.id, (node,))
