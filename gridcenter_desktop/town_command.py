"""``gridcenter town``: the town's own settings (the Town settings dialog's twin).

    gridcenter town show --user LOGIN
    gridcenter town set --name 某镇 --code TOWNCODE --user ADMIN     (9-digit statistical code)
    gridcenter town set --centre-name 某镇集成指挥中心 --issuer 某镇人民政府 --user ADMIN
    gridcenter town set --notice-pattern "某整改〔{year}〕{seq}号" --report-period quarter ...

The centre's name heads the statistical reports, the issuer the rectification notices; the
notice number pattern may use {town}, {year}, {seq} (the ticket's serial in its year) and
{code} (the ticket's code). The report period is what the charts and ``gridcenter report
summary`` pick when no dates are given. Options left out keep their value. Every action signs
in (the password from GRIDCENTER_PASSWORD, else a prompt); changes are for administrators and
are audited.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable

from gridcenter_desktop.cli_sign_in import add_user_option, signed_session
from gridcenter_desktop.services.admin import town as service
from gridcenter_desktop.services.admin.town import ReportPeriod

PERIOD_TEXT = {
    ReportPeriod.WEEK: "周",
    ReportPeriod.MONTH: "月",
    ReportPeriod.QUARTER: "季度",
    ReportPeriod.YEAR: "年",
}
# Option → TownSettings field.
_OPTIONS = {
    "name": "town_name",
    "code": "town_code",
    "centre_name": "centre_name",
    "issuer": "issuer",
    "notice_pattern": "notice_pattern",
    "report_period": "report_period",
}


def add_command(subparsers, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter town show|set`` (cli.py calls this)."""
    parser = subparsers.add_parser(
        "town",
        help="show or change the town's name, report names and notice numbers",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(parser)
    actions = parser.add_subparsers(dest="town_action", metavar="ACTION", required=True)
    showing = actions.add_parser("show", help="the settings in effect")
    setting = actions.add_parser("set", help="change the settings given")
    setting.add_argument("--name", help="the town's name, e.g. 某镇")
    setting.add_argument("--code", help='9-digit statistical code ("" clears it)')
    setting.add_argument("--centre-name", dest="centre_name", help="heads the reports")
    setting.add_argument("--issuer", help="issues the rectification notices")
    setting.add_argument("--notice-pattern", dest="notice_pattern", metavar="PATTERN")
    setting.add_argument(
        "--report-period", dest="report_period", choices=[p.value for p in ReportPeriod]
    )
    for sub in (showing, setting):
        db_option(sub)
        add_user_option(sub)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Sign in, then show or change the settings; the exit code."""
    with signed_session(args) as (session, actor):
        current = service.town_settings(session)
        if args.town_action == "set":
            changes = {
                field: getattr(args, option)
                for option, field in _OPTIONS.items()
                if getattr(args, option) is not None
            }
            if "town_code" in changes:
                changes["town_code"] = changes["town_code"] or None
            current = service.save_town_settings(
                session, actor, dataclasses.replace(current, **changes)
            )
            print("已保存本镇设置")
        _show(current)
        return 0


def _show(settings: service.TownSettings) -> None:
    print(f"镇（街道）名称\t{settings.town_name or '（未设置）'}")
    print(f"统计代码\t{settings.town_code or '（未设置）'}")
    print(f"指挥中心全称\t{settings.centre_name}")
    print(f"发文单位\t{settings.issuer}")
    print(f"通知书编号格式\t{settings.notice_pattern}")
    print(f"默认报表周期\t{PERIOD_TEXT[settings.report_period]}")
