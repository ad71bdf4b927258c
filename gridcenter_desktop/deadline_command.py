"""``gridcenter deadline``: the time limits (时限) per category and urgency, as the town sets
them (the Deadline rules dialog's twin).

    gridcenter deadline list [--changed] --user LOGIN
    gridcenter deadline set finish --category noise --priority urgent --limit 1d --user ADMIN
    gridcenter deadline set accept --priority ordinary --limit 8h --user ADMIN
    gridcenter deadline set whistle_accept --limit 1h --user ADMIN
    gridcenter deadline reset finish --category noise --priority urgent --user ADMIN

A limit is working days (``3d``) or wall-clock hours (``6h``). A change applies to tickets
registered or dispatched after it; deadlines already running keep theirs. Every action signs
in (the password from GRIDCENTER_PASSWORD, else a prompt); changes are for administrators and
are audited.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from sqlalchemy.orm import Session

from gridcenter_desktop.cli_sign_in import add_user_option, signed_session
from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.deadline_rules import LimitKind, RuleKey
from gridcenter_desktop.core.deadlines import LimitUnit, TimeLimit
from gridcenter_desktop.core.enums import Priority
from gridcenter_desktop.reports import labels
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import deadline_rules as service
from gridcenter_desktop.services.tickets.common import local_now

KIND_TEXT = {
    LimitKind.FINISH: "办理时限",
    LimitKind.ACCEPT: "签收时限",
    LimitKind.WHISTLE_ACCEPT: "吹哨报到时限",
}
_LIMIT = re.compile(r"(\d{1,4})\s*([dh])")


def parse_limit(text: str) -> TimeLimit:
    """``3d`` = 3 working days, ``6h`` = 6 hours (argparse type)."""
    found = _LIMIT.fullmatch(text.strip().lower())
    if not found:
        raise argparse.ArgumentTypeError(
            f"a limit is working days or hours, e.g. 3d or 6h: {text!r}"
        )
    unit = LimitUnit.WORKING_DAYS if found.group(2) == "d" else LimitUnit.HOURS
    return TimeLimit(int(found.group(1)), unit)


def limit_text(limit: TimeLimit) -> str:
    """3个工作日 / 6小时."""
    if limit.unit is LimitUnit.WORKING_DAYS:
        return f"{limit.amount}个工作日"
    return f"{limit.amount}小时"


def add_command(subparsers, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter deadline list|set|reset`` (cli.py calls this)."""
    parser = subparsers.add_parser(
        "deadline",
        help="list or change the time limits per category and urgency",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(parser)
    actions = parser.add_subparsers(dest="deadline_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every limit, the default beside it")
    listing.add_argument("--changed", action="store_true", help="only limits the town changed")
    setting = actions.add_parser("set", help="a new limit from now on")
    resetting = actions.add_parser("reset", help="back to the default from now on")
    for sub in (setting, resetting):
        sub.add_argument("kind", choices=[k.value for k in LimitKind])
        sub.add_argument("--category", choices=[c.code for c in CATEGORIES])
        sub.add_argument("--priority", choices=[p.value for p in Priority])
    setting.add_argument("--limit", required=True, type=parse_limit, metavar="3d|6h")
    for sub in (listing, setting, resetting):
        db_option(sub)
        add_user_option(sub)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Sign in, then carry out the action; the exit code."""
    key = None
    if args.deadline_action != "list":
        # Checked before the sign-in: a wrong combination needs no password to be told.
        key = service.rule_key(args.kind, args.category, args.priority)
    with signed_session(args) as (session, actor):
        if key is None:
            return _list(args, session)
        return _change(args, session, actor, key)


def rule_name(key: RuleKey) -> str:
    """签收时限·紧急, 办理时限·噪声扰民·一般 ..."""
    parts = [KIND_TEXT[key.kind]]
    if key.category is not None:
        parts.append(labels.category_name(key.category))
    if key.priority is not None:
        parts.append(labels.PRIORITY[key.priority])
    return "·".join(parts)


def _list(args, session: Session) -> int:
    rows = service.rule_table(session, local_now())
    shown = 0
    for row in rows:
        if args.changed and row.is_default:
            continue
        shown += 1
        line = f"{rule_name(row.key)}\t{limit_text(row.limit)}"
        if row.is_default:
            line += "\t默认"
        else:
            line += f"\t默认 {limit_text(row.default)}"
        if row.effective_from is not None:
            line += f"\t自 {row.effective_from:%Y-%m-%d %H:%M}"
            if row.changed_by:
                line += f"（{row.changed_by}）"
        print(line)
    print(f"共 {shown} 条时限")
    return 0


def _change(args, session: Session, actor: Actor, key: RuleKey) -> int:
    if args.deadline_action == "set":
        row = service.set_rule(session, actor, key, args.limit)
    else:
        row = service.reset_rule(session, actor, key)
    print(
        f"{rule_name(key)}：{limit_text(row.limit)}"
        f"{'（默认）' if row.is_default else ''}；此后受理或派出的工单适用"
    )
    return 0
