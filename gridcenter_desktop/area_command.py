"""``gridcenter area``: the town's areas and grids from the command line (the Areas dialog's
twin).

  gridcenter area list [--all] --user LOGIN
  gridcenter area add 新丰村第三网格 --level grid --parent 新丰村 [--code XF-03] --user ADMIN
  gridcenter area rename 新丰村第三网格 新丰村三组网格 [--code CODE] --user ADMIN
  gridcenter area move 新丰村第三网格 --to 河畔社区 --user ADMIN
  gridcenter area merge 新丰村第三网格 --into 新丰村第一网格 --user ADMIN
  gridcenter area retire 新丰村第三网格 --user ADMIN
  gridcenter area restore 新丰村第三网格 --user ADMIN

An AREA is named by its code, by its name (when one area in service has it; else
村名/网格名), or by ``#ID`` as ``area list`` prints it. Levels: town, village, community,
grid, micro_grid. ``--code ""`` clears a code. Every action signs in (the password from
GRIDCENTER_PASSWORD, or asked for); only an administrator may change areas.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from gridcenter_desktop.cli_sign_in import add_user_option, signed_session
from gridcenter_desktop.core.area_codes import normalize_code
from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.reports.labels import AREA_LEVEL
from gridcenter_desktop.services.admin import KEEP, areas
from gridcenter_desktop.services.admin.areas import AreaRecord
from gridcenter_desktop.services.errors import ServiceError


class AreaNotFoundError(ServiceError):
    """An AREA argument that names no area, or more than one (one line on the CLI)."""

    code = "not_found"


def add_command(subparsers, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter area list|add|rename|move|merge|retire|restore``."""
    parser = subparsers.add_parser(
        "area",
        help="list, add, rename, move, merge, retire or restore areas and grids",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(parser)
    actions = parser.add_subparsers(dest="area_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the area tree with codes")
    listing.add_argument("--all", action="store_true", help="retired areas too")
    add = actions.add_parser("add", help="a new village, community, grid or micro grid")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--level", required=True, choices=[level.value for level in AreaLevel])
    add.add_argument("--parent", metavar="AREA", help="where it belongs (none for the town)")
    add.add_argument("--code", help="statistical or the town's own code (optional)")
    add.add_argument("--code-system", help="where the code comes from, e.g. national_stats")
    add.add_argument("--order", type=int, help="place among its siblings (default: last)")
    rename = actions.add_parser("rename", help="rename an area (or change its code)")
    rename.add_argument("area", metavar="AREA")
    rename.add_argument("new_name", metavar="NEW_NAME", nargs="?")
    rename.add_argument("--code", help='the new code ("" clears it)')
    rename.add_argument("--code-system", help='where the code comes from ("" clears it)')
    rename.add_argument("--order", type=int, help="place among its siblings")
    move = actions.add_parser("move", help="put an area under another parent")
    move.add_argument("area", metavar="AREA")
    move.add_argument("--to", required=True, metavar="AREA", help="the new parent")
    merge = actions.add_parser("merge", help="merge a grid into another (open work moves)")
    merge.add_argument("area", metavar="AREA")
    merge.add_argument("--into", required=True, metavar="AREA", help="the grid that takes over")
    retire = actions.add_parser("retire", help="take an area out of service (history kept)")
    retire.add_argument("area", metavar="AREA")
    restore = actions.add_parser("restore", help="bring a retired area back into service")
    restore.add_argument("area", metavar="AREA")
    for sub in actions.choices.values():
        db_option(sub)
        add_user_option(sub)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Sign in, then carry out the action; the exit code."""
    with signed_session(args) as (session, actor):
        return _ACTIONS[args.area_action](args, session, actor)


# -- naming an area --------------------------------------------------------------------------


def find_area(records: Sequence[AreaRecord], text: str) -> AreaRecord:
    """The area ``text`` names: ``#ID``, a code, a name held by one area in service (or by one
    area at all), or ``parent/name``."""
    text = text.strip()
    if text.startswith("#") and text[1:].isdigit():
        found = [r for r in records if r.id == int(text[1:])]
        return _one(found, text)
    code = normalize_code(text)
    by_code = [r for r in records if code and r.code == code]
    if by_code:
        return _one(by_code, text)
    if "/" in text:
        parent_name, _slash, name = text.rpartition("/")
        parents = {r.id for r in records if r.name == parent_name.strip()}
        return _one([r for r in records if r.parent_id in parents and r.name == name.strip()], text)
    named = [r for r in records if r.name == text]
    in_service = [r for r in named if not r.retired]
    return _one(in_service if len(in_service) == 1 else named, text)


def _one(found: list[AreaRecord], text: str) -> AreaRecord:
    if not found:
        raise AreaNotFoundError(f"no area {text!r} (see 'gridcenter area list --all')")
    if len(found) > 1:
        ids = ", ".join(f"#{r.id}" for r in found)
        raise AreaNotFoundError(f"{text!r} names several areas ({ids}); give one as #ID")
    return found[0]


def _area(session: Session, text: str) -> AreaRecord:
    return find_area(areas.list_areas(session), text)


# -- the actions -------------------------------------------------------------------------------


def _list(args: argparse.Namespace, session: Session, actor) -> int:
    records = areas.list_areas(session, include_retired=args.all)
    depth: dict[int, int] = {}
    print("编号\t层级\t名称\t代码")
    for record in records:
        depth[record.id] = depth.get(record.parent_id, -1) + 1 if record.parent_id else 0
        name = "  " * depth[record.id] + record.name
        if record.retired:
            merged = next((r for r in records if r.id == record.merged_into_id), None)
            name += f"（已撤销，并入{merged.name}）" if merged else "（已撤销）"
        print(f"#{record.id}\t{AREA_LEVEL[record.level]}\t{name}\t{record.code or ''}")
    return 0


def _add(args: argparse.Namespace, session: Session, actor) -> int:
    parent = _area(session, args.parent) if args.parent else None
    record = areas.create_area(
        session,
        actor,
        parent_id=parent.id if parent else None,
        level=AreaLevel(args.level),
        name=args.name,
        code=args.code,
        code_system=args.code_system,
        sort_order=args.order,
    )
    where = f"（{parent.name}）" if parent else ""
    print(f"已新建{AREA_LEVEL[record.level]} {record.name}{where} #{record.id}")
    return 0


def _rename(args: argparse.Namespace, session: Session, actor) -> int:
    area = _area(session, args.area)
    record = areas.update_area(
        session,
        actor,
        area.id,
        name=args.new_name,
        code=KEEP if args.code is None else args.code,
        code_system=KEEP if args.code_system is None else (args.code_system or None),
        sort_order=args.order,
    )
    code = f"，代码 {record.code}" if record.code else ""
    print(f"已修改 #{record.id}：{record.name}{code}")
    return 0


def _move(args: argparse.Namespace, session: Session, actor) -> int:
    area, parent = _area(session, args.area), _area(session, args.to)
    record = areas.move_area(session, actor, area.id, parent.id)
    print(f"已将 {record.name} 移至 {parent.name}")
    return 0


def _merge(args: argparse.Namespace, session: Session, actor) -> int:
    source, target = _area(session, args.area), _area(session, args.into)
    merged = areas.merge_grids(session, actor, source.id, target.id)
    print(
        f"已将 {merged.source.name} 并入 {merged.target.name}："
        f"移交未办结工单 {merged.tickets_moved} 件、在岗成员 {merged.members_moved} 人"
    )
    return 0


def _retire(args: argparse.Namespace, session: Session, actor) -> int:
    record = areas.retire_area(session, actor, _area(session, args.area).id)
    print(f"已撤销 {record.name}（历史工单保留）")
    return 0


def _restore(args: argparse.Namespace, session: Session, actor) -> int:
    record = areas.restore_area(session, actor, _area(session, args.area).id)
    print(f"已恢复 {record.name}")
    return 0


_ACTIONS = {
    "list": _list,
    "add": _add,
    "rename": _rename,
    "move": _move,
    "merge": _merge,
    "retire": _retire,
    "restore": _restore,
}
