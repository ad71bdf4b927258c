"""What importing a base-data workbook would do: per list the rows to add, the rows to update
(and what changes), the rows already as the file says, and the rows with problems.

Rows are matched to what the database holds: areas by code, else by name under the same
parent; departments by code, else by name; grid members by grid, name and role; users by
login. An empty optional cell means "keep what is there", so re-importing a file finds every
row unchanged. The plan reads the database and writes nothing; apply_import
(services/admin/base_import.py) carries it out through the administration services.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.area_codes import ALLOWED_PARENTS, code_problem
from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.core.validation import NAME_MAX, check_text
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.services.admin.base_sheets import (
    CODE_SYSTEM_WORDS,
    LEVEL_WORDS,
    AreaRow,
    BaseLists,
    Problem,
    Sheet,
)

# Separators of a parent written as a path: "某村/第一网格".
_PATH = re.compile(r"\s*[/／>＞]\s*")
# Levels in the order the tree is built: a parent is always placed before its children.
LEVEL_ORDER = (
    (AreaLevel.TOWN,),
    (AreaLevel.VILLAGE, AreaLevel.COMMUNITY),
    (AreaLevel.GRID,),
    (AreaLevel.MICRO_GRID,),
)


class Action(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Change:
    """One value an update changes: the row field, its column header, before and after."""

    field: str
    column: str
    before: object
    after: object


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """A row of the workbook and what importing it does. ``target_id`` is the matched row's id
    (areas, departments, grid-member periods, users); ``links`` what apply needs besides the
    row: the area node, its parent or grid node, the department node."""

    sheet: Sheet
    row: int
    action: Action
    label: str
    source: object
    changes: tuple[Change, ...] = ()
    target_id: int | None = None
    links: tuple = ()


@dataclass(frozen=True, slots=True)
class SheetPlan:
    sheet: Sheet
    adds: tuple[PlannedRow, ...] = ()
    updates: tuple[PlannedRow, ...] = ()
    unchanged: tuple[PlannedRow, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The preview of an import. ``problems`` block it; ``notes`` are said but do not (an
    existing user whose row differs is kept as it is)."""

    lists: BaseLists
    sheets: tuple[SheetPlan, ...]
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def has_changes(self) -> bool:
        return any(s.adds or s.updates for s in self.sheets)

    def sheet(self, sheet: Sheet) -> SheetPlan:
        return next((s for s in self.sheets if s.sheet is sheet), SheetPlan(sheet))

    def signature(self) -> tuple:
        """What the plan would write, to tell whether the database moved since the preview."""
        return tuple(
            (p.sheet.value, p.row, p.action.value, p.target_id, p.changes)
            for s in self.sheets
            for p in (*s.adds, *s.updates)
        )


@dataclass(eq=False)
class Node:
    """An area as the plan sees it: one that exists (``area_id``) or a row that adds it."""

    level: AreaLevel
    name: str
    code: str | None
    parent: Node | None
    area_id: int | None = None
    row: int | None = None
    retired: bool = False
    other_names: list[str] = field(default_factory=list)

    def path(self) -> str:
        names, node = [], self
        while node is not None and node.level is not AreaLevel.TOWN:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names)) or self.name

    def names(self) -> set[str]:
        return {self.name, *self.other_names}


class Problems:
    """Collects a sheet's problems, naming the column as the file names it."""

    def __init__(self, lists: BaseLists) -> None:
        self.lists = lists
        self.items: list[Problem] = []
        self.rows: set[tuple[Sheet, int]] = {(p.sheet, p.row) for p in lists.problems}

    def add(self, sheet: Sheet, row: int, field_name: str, rule: str, value=None, detail=None):
        header, letter = self.lists.where(sheet, field_name)
        self.items.append(Problem(sheet, row, header, rule, value, letter, detail))
        self.rows.add((sheet, row))

    def text(self, sheet: Sheet, row: int, field_name: str, value, *, required: bool) -> bool:
        """Check a text cell; False (and a problem) when it breaks a rule."""
        rule = check_text(value, max_length=NAME_MAX, required=required)
        if rule is not None:
            self.add(sheet, row, field_name, rule, value or None)
            return False
        return True

    def has(self, sheet: Sheet, row: int) -> bool:
        return (sheet, row) in self.rows


def change(lists: BaseLists, sheet: Sheet, field_name: str, before, after) -> Change:
    return Change(field_name, lists.where(sheet, field_name)[0], before, after)


# --- areas -----------------------------------------------------------------------------------


class AreaIndex:
    """The area tree of the database and the file together, for finding parents and grids."""

    def __init__(self, session: Session) -> None:
        self.by_id: dict[int, Node] = {}
        self.by_code: dict[str, Node] = {}
        self.by_name: dict[str, list[Node]] = defaultdict(list)
        self.children: dict[tuple[int | None, str], Node] = {}
        rows = session.execute(
            select(
                Area.id,
                Area.parent_id,
                Area.level,
                Area.name,
                Area.code,
                Area.retired_at,
                Area.code_system,
                Area.sort_order,
            ).order_by(Area.id)
        ).all()
        self.db_values = {r.id: r for r in rows}
        for r in rows:
            node = Node(
                AreaLevel(r.level), r.name, r.code, None, r.id, retired=r.retired_at is not None
            )
            self.by_id[r.id] = node
            if r.code:
                self.by_code[r.code] = node
        for r in rows:
            node = self.by_id[r.id]
            node.parent = self.by_id.get(r.parent_id)
            if not node.retired:
                self.by_name[node.name].append(node)
                self.children[(r.parent_id, r.name)] = node

    def roots(self) -> list[Node]:
        """The active roots of the database's tree (a town, at most one)."""
        return [n for n in self.by_id.values() if not n.retired and n.parent is None]

    def add_name(self, node: Node, name: str) -> None:
        if node not in self.by_name[name]:
            self.by_name[name].append(node)

    def find(
        self, text: str | None, code: str | None, levels
    ) -> tuple[Node | None, str | None, str | None]:
        """The area a cell names (by code first, else by name or "村/网格" path) among
        ``levels``: (node, None, None), or (None, rule, detail) with rule "missing",
        "ambiguous" or "wrong_level"."""
        if code:
            node = self.by_code.get(code)
            if node is None or node.retired:
                return None, "missing", None
            if node.level not in levels:
                return None, "wrong_level", LEVEL_WORDS[node.level]
            return node, None, None
        segments = [s for s in _PATH.split(text or "") if s]
        if not segments:
            return None, "missing", None
        found = [n for n in self.by_name.get(segments[-1], ()) if _chain(n, segments[:-1])]
        fitting = [n for n in found if n.level in levels]
        if len(fitting) == 1:
            return fitting[0], None, None
        if len(fitting) > 1:
            return None, "ambiguous", "、".join(sorted({n.path() for n in fitting}))
        if found:
            return None, "wrong_level", LEVEL_WORDS[found[0].level]
        return None, "missing", None


def _chain(node: Node, ancestors: list[str]) -> bool:
    parent = node.parent
    for name in reversed(ancestors):
        while parent is not None and name not in parent.names():
            parent = parent.parent  # "某村/第一网格" may skip a level
        if parent is None:
            return False
        parent = parent.parent
    return True


def plan_areas(
    rows: tuple[AreaRow, ...], index: AreaIndex, lists: BaseLists, problems: Problems
) -> list[PlannedRow]:
    """Place the area rows level by level (parents before children)."""
    sheet = Sheet.AREAS
    planned: list[PlannedRow] = []
    codes: dict[str, int] = {}  # code → the row that claims it
    places: dict[tuple[int, str], int] = {}  # (parent node id(), name) → row
    towns: list[AreaRow] = []
    for levels in LEVEL_ORDER:
        for r in (r for r in rows if r.level in levels):
            ok = problems.text(sheet, r.row, "name", r.name, required=True)
            parent, ok = _parent_of(r, index, problems, ok)
            if r.level is AreaLevel.TOWN:
                if towns:
                    problems.add(
                        sheet, r.row, "level", "second_town", LEVEL_WORDS[r.level], towns[0].name
                    )
                    continue
                towns.append(r)
            matched = _match_area(r, parent, index)
            if matched is not None and matched.retired:
                problems.add(sheet, r.row, "code", "retired", r.code, matched.path())
                continue
            if matched is not None and matched.level is not r.level:
                problems.add(
                    sheet,
                    r.row,
                    "level",
                    "level_differs",
                    LEVEL_WORDS[r.level],
                    LEVEL_WORDS[matched.level],
                )
                continue
            if matched is None and r.level is AreaLevel.TOWN:
                existing = [n for n in index.roots() if n.level is AreaLevel.TOWN]
                if existing:
                    problems.add(sheet, r.row, "name", "second_town", r.name, existing[0].name)
                    continue
            moved = matched is not None and parent is not None and matched.parent is not parent
            code = r.code or (matched.code if matched is not None else None)
            if code:
                ok = _check_code(r, code, parent, matched, moved, index, codes, problems) and ok
            if r.sort_order is not None and r.sort_order < 0:
                problems.add(sheet, r.row, "sort_order", "bad_integer", r.sort_order)
                ok = False
            key = (id(parent), r.name)
            if key in places:
                problems.add(sheet, r.row, "name", "duplicate_in_file", r.name, str(places[key]))
                continue
            places[key] = r.row
            if matched is not None and (matched.parent is not parent or matched.name != r.name):
                taken = _sibling(index, parent, r.name)
                if taken is not None and taken is not matched:
                    problems.add(sheet, r.row, "name", "name_taken", r.name, taken.path())
                    continue
            if not ok or problems.has(sheet, r.row):
                # Still placed, so rows under it are checked against it and not reported as
                # missing their parent.
                _place(r, parent, matched, index)
                continue
            node = _place(r, parent, matched, index)
            planned.append(_area_plan(r, node, parent, matched, index, lists))
    return planned


def _parent_of(r: AreaRow, index: AreaIndex, problems: Problems, ok: bool):
    sheet = Sheet.AREAS
    if r.level is AreaLevel.TOWN:
        if r.parent or r.parent_code:
            problems.add(sheet, r.row, "parent", "town_no_parent", r.parent or r.parent_code)
            return None, False
        return None, ok
    if not r.parent and not r.parent_code:
        towns = {n for nodes in index.by_name.values() for n in nodes if n.level is AreaLevel.TOWN}
        if r.level in (AreaLevel.VILLAGE, AreaLevel.COMMUNITY) and len(towns) == 1:
            return towns.pop(), ok  # the one town: writing its name on every row adds nothing
        problems.add(sheet, r.row, "parent", "required")
        return None, False
    levels = ALLOWED_PARENTS[r.level]
    node, rule, detail = index.find(r.parent, r.parent_code, levels)
    if node is None:
        column = "parent_code" if r.parent_code else "parent"
        if rule == "wrong_level":  # "found level|levels that may be its parent"
            detail = detail + "|" + "、".join(LEVEL_WORDS[lv] for lv in LEVEL_WORDS if lv in levels)
        problems.add(sheet, r.row, column, f"parent_{rule}", r.parent_code or r.parent, detail)
        return None, False
    return node, ok


def _match_area(r: AreaRow, parent: Node | None, index: AreaIndex) -> Node | None:
    if r.code and r.code in index.by_code:
        return index.by_code[r.code]
    if parent is None and r.level is not AreaLevel.TOWN:
        return None
    if parent is not None and parent.area_id is None:
        return None  # under an area this file adds: new as well
    node = index.children.get((parent.area_id if parent else None, r.name))
    return node if node is not None and node.row is None else None


def _sibling(index: AreaIndex, parent: Node | None, name: str) -> Node | None:
    if parent is not None and parent.area_id is None:
        return None
    return index.children.get((parent.area_id if parent else None, name))


def _check_code(r, code, parent, matched, moved, index, codes, problems: Problems) -> bool:
    """The row's code (or the code a moved area keeps) is free and fits its parent's."""
    sheet = Sheet.AREAS
    if r.code:
        if r.code in codes:
            problems.add(sheet, r.row, "code", "duplicate_in_file", r.code, str(codes[r.code]))
            return False
        codes[r.code] = r.row
        holder = index.by_code.get(r.code)
        if holder is not None and holder is not matched:
            problems.add(sheet, r.row, "code", "code_taken", r.code, holder.path())
            return False
    if matched is not None and matched.code == code and not moved:
        return True  # kept as it is, whatever rules came after it was entered
    rule = code_problem(code, r.level, parent.code if parent is not None else None)
    if rule is not None:
        problems.add(sheet, r.row, "code", str(rule), code)
        return False
    return True


def _place(r: AreaRow, parent: Node | None, matched: Node | None, index: AreaIndex) -> Node:
    """The node the row stands for from now on: the matched area with the file's values, or a
    new node; findable by its (new) name for the rows below it."""
    if matched is None:
        node = Node(r.level, r.name, r.code, parent, None, r.row)
    else:
        node = matched
        node.row = r.row
        if node.name != r.name:
            node.other_names.append(node.name)
            node.name = r.name
        node.code = r.code or node.code
        node.parent = parent if r.level is not AreaLevel.TOWN else node.parent
    index.add_name(node, r.name)
    if r.code:
        index.by_code.setdefault(r.code, node)
    return node


def _area_plan(r, node, parent, matched, index: AreaIndex, lists: BaseLists) -> PlannedRow:
    label = f"{LEVEL_WORDS[r.level]} {node.path()}"
    if matched is None:
        return PlannedRow(Sheet.AREAS, r.row, Action.ADD, label, r, links=(node, parent))
    before = index.db_values[matched.area_id]
    changes = []
    if r.level is not AreaLevel.TOWN and before.parent_id != (parent.area_id if parent else None):
        old = index.by_id.get(before.parent_id)
        changes.append(
            change(lists, Sheet.AREAS, "parent", old.path() if old else None, parent.path())
        )
    if before.name != r.name:
        changes.append(change(lists, Sheet.AREAS, "name", before.name, r.name))
    if r.code and before.code != r.code:
        changes.append(change(lists, Sheet.AREAS, "code", before.code, r.code))
    # A code system says where a code comes from: without a code the area keeps none.
    if r.code_system and (r.code or before.code) and before.code_system != r.code_system:
        changes.append(
            change(
                lists,
                Sheet.AREAS,
                "code_system",
                CODE_SYSTEM_WORDS.get(before.code_system, before.code_system),
                CODE_SYSTEM_WORDS[r.code_system],
            )
        )
    if r.sort_order is not None and before.sort_order != r.sort_order:
        changes.append(change(lists, Sheet.AREAS, "sort_order", before.sort_order, r.sort_order))
    action = Action.UPDATE if changes else Action.UNCHANGED
    return PlannedRow(
        Sheet.AREAS, r.row, action, label, r, tuple(changes), matched.area_id, (node, parent)
    )
