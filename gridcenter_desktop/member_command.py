"""``gridcenter member``: the grids' "1+1+N" teams from the command line.

  gridcenter member list 新丰村第一网格 [--history] --user LOGIN
  gridcenter member add 新丰村第一网格 --name 王芳 --role worker [--phone 13912345678]
                        [--party-member] [--since 2024-01-01] --user ADMIN
  gridcenter member end 新丰村第一网格 王芳 [--role worker] [--until 2026-03-31] --user ADMIN
  gridcenter member move 新丰村第一网格 王芳 --to 河畔社区第一网格 [--on 2026-04-01]
                         [--as leader] --user ADMIN

A GRID is named as in ``gridcenter area`` (code, name, 村名/网格名 or #ID); a member by their
name in that grid's current team (``--role`` when they serve it in two roles). Roles: leader
(网格长), worker (专职网格员), part_time_worker, party_member, police, judge, prosecutor, lawyer,
building_leader, volunteer, other. Dates default to today. Ending or moving a service keeps
who served when.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sqlalchemy.orm import Session

from gridcenter_desktop.area_command import AreaNotFoundError, find_area
from gridcenter_desktop.cli_sign_in import add_user_option, day_argument, signed_session
from gridcenter_desktop.core.enums import MemberRole
from gridcenter_desktop.reports.labels import MEMBER_ROLE
from gridcenter_desktop.services.admin import areas, members
from gridcenter_desktop.services.admin.members import MemberRecord
from gridcenter_desktop.services.tickets.common import local_now

_ROLES = [role.value for role in MemberRole]


def add_command(subparsers, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter member list|add|end|move``."""
    parser = subparsers.add_parser(
        "member",
        help="list, add, end or move the members of a grid's team",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(parser)
    actions = parser.add_subparsers(dest="member_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="a grid's team, leader and worker first")
    listing.add_argument("grid", metavar="GRID")
    listing.add_argument("--history", action="store_true", help="past periods of service too")
    add = actions.add_parser("add", help="someone starts serving a grid")
    add.add_argument("grid", metavar="GRID")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=_ROLES)
    add.add_argument("--phone")
    add.add_argument("--party-member", action="store_true", help="a Communist Party member")
    add.add_argument(
        "--since", type=day_argument, metavar="DATE", help="first day (default: unknown)"
    )
    end = actions.add_parser("end", help="someone stops serving a grid")
    end.add_argument("grid", metavar="GRID")
    end.add_argument("name", metavar="NAME")
    end.add_argument("--role", choices=_ROLES, help="when they serve the grid in two roles")
    end.add_argument("--until", type=day_argument, metavar="DATE", help="last day (default: today)")
    move = actions.add_parser("move", help="someone moves to another grid or role")
    move.add_argument("grid", metavar="GRID")
    move.add_argument("name", metavar="NAME")
    move.add_argument("--role", choices=_ROLES, help="when they serve the grid in two roles")
    move.add_argument("--to", required=True, metavar="GRID", help="the grid they move to")
    move.add_argument(
        "--on", type=day_argument, metavar="DATE", help="first day there (default: today)"
    )
    move.add_argument("--as", dest="new_role", choices=_ROLES, help="role there (default: same)")
    for sub in actions.choices.values():
        db_option(sub)
        add_user_option(sub)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Sign in, then carry out the action; the exit code."""
    with signed_session(args) as (session, actor):
        return _ACTIONS[args.member_action](args, session, actor)


def _grid(session: Session, text: str):
    return find_area(areas.list_areas(session), text)


def _member(session: Session, grid_id: int, name: str, role: str | None) -> MemberRecord:
    found = [
        m
        for m in members.list_members(session, grid_id)
        if m.name == name.strip() and (role is None or m.role == role)
    ]
    if not found:
        raise AreaNotFoundError(f"{name!r} is not serving this grid (see 'gridcenter member list')")
    if len(found) > 1:
        roles = ", ".join(m.role.value for m in found)
        raise AreaNotFoundError(f"{name!r} serves this grid as {roles}; add --role")
    return found[0]


def _line(member: MemberRecord) -> str:
    party = "党员" if member.party_member else ""
    since = member.since.isoformat() if member.since else ""
    until = member.until.isoformat() if member.until else "在岗"
    return (
        f"{MEMBER_ROLE[member.role]}\t{member.name}\t{member.phone or ''}\t{party}\t"
        f"{since}\t{until}"
    )


def _list(args: argparse.Namespace, session: Session, actor) -> int:
    grid = _grid(session, args.grid)
    team = members.list_members(session, grid.id, current_only=not args.history)
    print(f"{grid.name}：{sum(m.current for m in team)} 人在岗")
    print("职务\t姓名\t电话\t党员\t起始\t截止")
    for member in team:
        print(_line(member))
    return 0


def _add(args: argparse.Namespace, session: Session, actor) -> int:
    grid = _grid(session, args.grid)
    member = members.add_member(
        session,
        actor,
        grid.id,
        name=args.name,
        phone=args.phone,
        party_member=args.party_member,
        role=MemberRole(args.role),
        since=args.since,
    )
    print(f"已添加 {grid.name} {MEMBER_ROLE[member.role]} {member.name}")
    return 0


def _end(args: argparse.Namespace, session: Session, actor) -> int:
    grid = _grid(session, args.grid)
    member = _member(session, grid.id, args.name, args.role)
    until = args.until or local_now().date()
    ended = members.end_service(session, actor, member.id, until)
    print(f"{ended.name} 在 {grid.name} 的{MEMBER_ROLE[ended.role]}任职截至 {until.isoformat()}")
    return 0


def _move(args: argparse.Namespace, session: Session, actor) -> int:
    grid = _grid(session, args.grid)
    member = _member(session, grid.id, args.name, args.role)
    target = _grid(session, args.to)
    on = args.on or local_now().date()
    role = MemberRole(args.new_role) if args.new_role else None
    moved = members.move_member(session, actor, member.id, target.id, on, role=role)
    print(
        f"{moved.name} 自 {on.isoformat()} 起任 {target.name} {MEMBER_ROLE[moved.role]}"
        f"（{grid.name} 的任职截至前一日）"
    )
    return 0


_ACTIONS = {"list": _list, "add": _add, "end": _end, "move": _move}
