"""``gridcenter calendar``: the administrator enters holidays and make-up working days for years
the bundled Chinese calendar does not know yet (it stops at 2026), so deadlines stay right.

    gridcenter calendar list [--year 2027] --user LOGIN
    gridcenter calendar import FILE.csv --user admin     (rows: date, holiday|workday, name)
    gridcenter calendar set 2027-10-01 2027-10-02 --kind holiday --name 国庆节 --user admin
    gridcenter calendar remove 2027-10-02 --user admin

Every action signs in (the password from GRIDCENTER_PASSWORD, or asked for); only an
administrator may change the calendar.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from sqlalchemy.orm import Session

from gridcenter_desktop.cli_sign_in import add_user_option, day_argument
from gridcenter_desktop.core.clock import china_today
from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.core.enums import HolidayKind
from gridcenter_desktop.services import calendar as calendar_service
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError

_KIND_TEXT = {HolidayKind.HOLIDAY: "休（节假日）", HolidayKind.WORKDAY: "班（调休上班）"}


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the calendar actions to the ``calendar`` sub-parser."""
    actions = parser.add_subparsers(dest="calendar_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the entered days (and which years need entries)")
    listing.add_argument("--year", type=int)
    importing = actions.add_parser("import", help="enter a CSV file of days in one go")
    importing.add_argument("file", type=Path)
    setting = actions.add_parser("set", help="enter days as holidays or working days")
    setting.add_argument("days", nargs="+", type=day_argument, metavar="DATE")
    setting.add_argument("--kind", choices=("holiday", "workday"), required=True)
    setting.add_argument("--name", default=None, help="e.g. 国庆节")
    removing = actions.add_parser("remove", help="forget entered days")
    removing.add_argument("days", nargs="+", type=day_argument, metavar="DATE")
    for sub in (listing, importing, setting, removing):
        add_user_option(sub)


def _read_csv(path) -> tuple[dict, dict]:
    """The days of a CSV file; one clear error when the file is not UTF-8 CSV text (a
    workbook saved as .xls, a picture ...) instead of a decoding traceback."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return calendar_service.parse_calendar_rows(csv.reader(handle))
    except (UnicodeDecodeError, csv.Error):
        raise ValidationError(
            "file",
            "not_utf8_csv",
            f"{path}: not a UTF-8 CSV file (in Excel: Save As → CSV UTF-8)",
        ) from None


def run(args: argparse.Namespace, session: Session, actor: Actor) -> int:
    """Carry out the calendar action as the signed-in ``actor`` on an open session; returns
    the exit code."""
    action = args.calendar_action
    if action == "list":
        entries = calendar_service.list_calendar_days(session, args.year)
        for entry in entries:
            print(f"{entry.day.isoformat()}  {_KIND_TEXT[entry.kind]}  {entry.name or ''}".rstrip())
        if not entries:
            print("（没有手工录入的日期）")
        year = args.year or china_today().year
        if not WorkCalendar.knows_year(year) and not any(e.day.year == year for e in entries):
            print(f"注意：{year} 年的法定节假日尚未录入，时限暂按周一至周五工作日计算。")
        return 0
    if action == "remove":
        removed = calendar_service.remove_calendar_days(session, actor, args.days)
        print(f"已删除 {removed} 个日期")
        return 0
    if action == "set":
        kind = HolidayKind(args.kind)
        days = {d: kind for d in args.days}
        names = {d: args.name for d in args.days} if args.name else None
    else:
        days, names = _read_csv(args.file)
    source = "set" if action == "set" else "import"
    calendar_service.set_calendar_days(session, actor, days, names, source=source)
    print(f"已录入 {len(days)} 个日期")
    return 0
