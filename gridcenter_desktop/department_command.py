"""``gridcenter department``: the departments tickets are dispatched to (the Departments
dialog's twin).

    gridcenter department list [--all] --user LOGIN
    gridcenter department add 食安办 --kind office [--code food] [--contact-name 王五]
        [--contact-phone 0512-66881234] [--not-dispatchable] --user ADMIN
    gridcenter department edit food [--name ...] [--kind ...] [--contact-name ...]
        [--contact-phone ...] [--dispatchable yes|no] --user ADMIN
    gridcenter department retire food --user ADMIN
    gridcenter department restore food --user ADMIN
    gridcenter department delete food --user ADMIN   (only one never used: else retire it)

A department is named by its code or its name. Every action signs in (the password from
GRIDCENTER_PASSWORD, else a prompt); changes are for administrators and are audited.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sqlalchemy.orm import Session

from gridcenter_desktop.cli_sign_in import add_user_option, signed_session
from gridcenter_desktop.core.enums import DepartmentKind
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import KEEP
from gridcenter_desktop.services.admin import departments as service
from gridcenter_desktop.services.errors import ServiceError

KIND_TEXT = {
    DepartmentKind.OFFICE: "镇属部门",
    DepartmentKind.AGENCY: "派驻机构",
    DepartmentKind.COMMITTEE: "村（居）委会",
    DepartmentKind.UTILITY: "公用事业单位",
    DepartmentKind.EXTERNAL: "外部单位",
}
_KINDS = [k.value for k in DepartmentKind]


class DepartmentCommandError(ServiceError):
    """A problem the command reports as one line."""


def _yes_no(text: str) -> bool:
    if text.lower() in ("yes", "y", "true", "1", "是"):
        return True
    if text.lower() in ("no", "n", "false", "0", "否"):
        return False
    raise argparse.ArgumentTypeError(f"yes or no: {text!r}")


def add_command(subparsers, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter department ...`` (cli.py calls this)."""
    parser = subparsers.add_parser(
        "department",
        help="list, add, change, retire, restore or delete departments",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(parser)
    actions = parser.add_subparsers(dest="department_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the departments (active ones; --all: retired too)")
    listing.add_argument("--all", action="store_true", help="retired departments too")
    adding = actions.add_parser("add", help="a new department")
    adding.add_argument("name", metavar="NAME")
    adding.add_argument("--kind", required=True, choices=_KINDS)
    adding.add_argument("--code", help="a short key (letters, digits); generated when left out")
    adding.add_argument("--contact-name", dest="contact_name")
    adding.add_argument("--contact-phone", dest="contact_phone")
    adding.add_argument(
        "--not-dispatchable",
        dest="dispatchable",
        action="store_false",
        help="on record, but tickets are not sent to it",
    )
    editing = actions.add_parser("edit", help="change a department")
    editing.add_argument("department", metavar="CODE_OR_NAME")
    editing.add_argument("--name")
    editing.add_argument("--kind", choices=_KINDS)
    editing.add_argument("--contact-name", dest="contact_name", default=KEEP, help='"" clears')
    editing.add_argument("--contact-phone", dest="contact_phone", default=KEEP, help='"" clears')
    editing.add_argument("--dispatchable", type=_yes_no, metavar="yes|no")
    subs = [listing, adding, editing]
    for name, text in (
        ("retire", "hide it from the pickers, keep its history"),
        ("restore", "bring a retired department back"),
        ("delete", "delete one entered by mistake (never used)"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("department", metavar="CODE_OR_NAME")
        subs.append(action)
    for sub in subs:
        db_option(sub)
        add_user_option(sub)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Sign in, then carry out the action; the exit code."""
    with signed_session(args) as (session, actor):
        return _ACTIONS[args.department_action](args, session, actor)


def find_department(session: Session, key: str) -> service.DepartmentRecord:
    """The department whose code is ``key``, else the one (active first) with that name."""
    key = key.strip()
    everyone = service.list_departments(session)
    for record in everyone:
        if record.code == key:
            return record
    for record in everyone:  # active ones come first
        if record.name == key:
            return record
    raise DepartmentCommandError(f"no department with the code or name {key!r}")


def describe(record: service.DepartmentRecord) -> str:
    """One line for a department, as ``list`` prints it."""
    parts = [record.code, record.name, KIND_TEXT[record.kind]]
    if not record.dispatchable:
        parts.append("不派单")
    contact = " ".join(p for p in (record.contact_name, record.contact_phone) if p)
    if contact:
        parts.append(f"联系人 {contact}")
    if not record.active:
        when = f"{record.retired_at:%Y-%m-%d}" if record.retired_at else ""
        parts.append(f"已撤销 {when}".strip())
    return "\t".join(parts)


def _list(args, session: Session, actor: Actor) -> int:
    records = service.list_departments(session, include_retired=args.all)
    for record in records:
        print(describe(record))
    print(f"共 {len(records)} 个部门")
    return 0


def _add(args, session: Session, actor: Actor) -> int:
    record = service.create_department(
        session,
        actor,
        name=args.name,
        kind=DepartmentKind(args.kind),
        code=args.code,
        contact_name=args.contact_name,
        contact_phone=args.contact_phone,
        dispatchable=args.dispatchable,
    )
    print(f"已添加部门 {describe(record)}")
    return 0


def _edit(args, session: Session, actor: Actor) -> int:
    target = find_department(session, args.department)
    record = service.update_department(
        session,
        actor,
        target.id,
        name=args.name,
        kind=DepartmentKind(args.kind) if args.kind else None,
        contact_name=args.contact_name,
        contact_phone=args.contact_phone,
        dispatchable=args.dispatchable,
    )
    print(f"已修改部门 {describe(record)}")
    return 0


def _retire(args, session: Session, actor: Actor) -> int:
    record = service.retire_department(session, actor, find_department(session, args.department).id)
    print(f"已撤销部门 {record.name}（历史工单保留）")
    return 0


def _restore(args, session: Session, actor: Actor) -> int:
    record = service.restore_department(
        session, actor, find_department(session, args.department).id
    )
    print(f"已恢复部门 {record.name}")
    return 0


def _delete(args, session: Session, actor: Actor) -> int:
    target = find_department(session, args.department)
    service.delete_department(session, actor, target.id)
    print(f"已删除部门 {target.name}")
    return 0


_ACTIONS = {
    "list": _list,
    "add": _add,
    "edit": _edit,
    "retire": _retire,
    "restore": _restore,
    "delete": _delete,
}
