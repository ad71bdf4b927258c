"""The ``gridcenter`` command: the window by default, and headless sub-commands.

Each sub-command is one ``_add_<name>_command(subparsers)`` function that declares its options
and sets ``handler``; a handler takes the parsed arguments and returns the exit code. Errors a
user can cause (a bad URL, an unreachable server, a schema from a newer GridCenter, a database
without schema ...) end as one line on stderr, ``gridcenter: error: ...``, and exit code 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from gridcenter_desktop import __version__
from gridcenter_desktop.cli_sign_in import (
    DatabaseNotReady,
    SignInError,
    add_user_option,
    database_url,
    day_argument,
    require_existing_file,
    require_schema,
    signed_session,
)
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.backup import BackupError
from gridcenter_desktop.db.engine import (
    DatabaseUrlError,
    default_database_url,
    make_engine,
    normalize_url,
)
from gridcenter_desktop.db.pg_security import MissingPrivilegeError
from gridcenter_desktop.services.errors import ServiceError

PROG = "gridcenter"
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """A problem to report as one line (exit code 1)."""


# --- shared pieces ---------------------------------------------------------------------------


def _db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    # On sub-commands the default is SUPPRESS, so "gridcenter --db X stats" keeps X.
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None if top_level else argparse.SUPPRESS,
        help="database: an SQLAlchemy URL (sqlite:///file, postgresql://user@host/db) or a"
        " file path; default: the local database in the user's data folder",
    )


def _refuse_foreign_tables(engine: Engine) -> None:
    """Set-up commands never mix our tables into another application's database."""
    foreign = migrate.foreign_tables(engine)
    if foreign:
        raise CliError(_foreign_tables_line(foreign))


def _foreign_tables_line(foreign: list[str]) -> str:
    more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
    return (
        f"the database holds tables that are not GridCenter's ({foreign[0]!r}{more});"
        " use a database of its own"
    )


def _display_url(url: str | None) -> str:
    """The URL as shown to the user: never with its password."""
    full = normalize_url(url) if url else default_database_url()
    return make_url(full).render_as_string(hide_password=True)


def _engine(args: argparse.Namespace) -> Engine:
    return make_engine(args.db)


def _revision_text(revision: str | None) -> str:
    return revision if revision is not None else "(empty)"


def _one_line(exc: BaseException) -> str:
    """The first meaningful line of an error, for the one-line report."""
    source = getattr(exc, "orig", None) or exc
    text = str(source).strip() or type(source).__name__
    return text.splitlines()[0].strip()


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


# --- init-db ---------------------------------------------------------------------------------


def _add_init_db_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "init-db", help="create the schema in an empty database", description=_init_db.__doc__
    )
    _db_option(parser)
    parser.add_argument(
        "--admin",
        metavar="LOGIN",
        help="also create the first administrator (password: GRIDCENTER_PASSWORD without a"
        " terminal, else prompted twice)",
    )
    parser.add_argument("--name", metavar="NAME", help="the administrator's display name")
    parser.set_defaults(handler=_init_db)


def _init_db(args: argparse.Namespace) -> int:
    """Create GridCenter's schema (the newest revision, with the database's group roles on
    PostgreSQL) in an empty database, and with --admin its first administrator."""
    engine = _engine(args)
    try:
        revision = migrate.check_not_newer(engine)
        _refuse_foreign_tables(engine)
        if revision is not None:
            if revision == migrate.head_revision():
                print(f"{_display_url(args.db)}: already initialised (revision {revision})")
                if args.admin:
                    return _first_admin(engine, args)
                return EXIT_OK
            raise CliError(
                f"the database already has a GridCenter schema (revision {revision});"
                f" use '{PROG} migrate' to upgrade it"
            )
        if args.admin:
            # Asked before anything is written: a mistyped password leaves the database empty.
            from gridcenter_desktop import user_command

            args.admin_password = user_command.first_admin_password(args.admin)
        migrate.upgrade(engine)
        print(f"{_display_url(args.db)}: schema created (revision {migrate.head_revision()})")
        return _first_admin(engine, args) if args.admin else EXIT_OK
    finally:
        engine.dispose()


def _first_admin(engine: Engine, args: argparse.Namespace) -> int:
    from gridcenter_desktop import user_command

    user_command.create_first_admin(engine, args.admin, args.name, args)
    return EXIT_OK


# --- migrate ---------------------------------------------------------------------------------


def _add_migrate_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "migrate", help="upgrade the schema to the newest revision", description=_migrate.__doc__
    )
    _db_option(parser)
    parser.set_defaults(handler=_migrate)


def _migrate(args: argparse.Namespace) -> int:
    """Upgrade the database's schema to the newest revision this GridCenter knows."""
    engine = _engine(args)
    try:
        before = migrate.check_not_newer(engine)
        _refuse_foreign_tables(engine)
        head = migrate.head_revision()
        if before == head:
            print(f"{_display_url(args.db)}: already at the newest revision {head}")
            return EXIT_OK
        copy = migrate.upgrade(engine)
        if copy is not None:
            print(f"{_display_url(args.db)}: copied to {copy} before migrating")
        after = migrate.current_revision(engine)
        print(f"{_display_url(args.db)}: migrated from {_revision_text(before)} to {after}")
        return EXIT_OK
    finally:
        engine.dispose()


# --- demo ------------------------------------------------------------------------------------

_STAGE_LABELS = {
    "schema": "升级数据库结构",
    "reference": "写入区域、部门与人员",
    "tickets": "生成工单",
    "indexes": "建立索引",
    "search_index": "建立全文检索索引",
    "done": "完成",
}
_ROLE_LABELS = {"admin": "管理员", "operator": "调度员", "supervisor": "值班长", "viewer": "只读"}


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def _add_demo_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="fill a database with the Guangfu Town demo data",
        description=_demo.__doc__,
    )
    _db_option(parser)
    parser.add_argument(
        "--tickets",
        type=_positive_int,
        metavar="N",
        help="number of tickets (default: 2020 up to now, about 115,000 in December 2026:"
        " recent years, the 2022 report's period and the days since); more are spread over"
        " 2016-2019",
    )
    parser.add_argument("--seed", type=int, default=None, metavar="S", help="random seed")
    parser.add_argument(
        "--now",
        type=_moment_argument,
        default=None,
        metavar="YYYY-MM-DDTHH:MM",
        help="build the demo as of this China time, not after 2022-10-25 18:00"
        " (default: the clock)",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="wipe a demo database built before (refused for any other data)",
    )
    parser.set_defaults(handler=_demo)


class _ProgressLine:
    """A progress line on ``stream``: rewritten in place on a terminal, one line per update
    otherwise (logs stay readable). Remembers how long each stage took."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.stage: str | None = None
        self.started = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def __call__(self, done: int, total: int, stage: str) -> None:
        stage = str(stage)
        now = time.perf_counter()
        if stage != self.stage:
            if self.stage is not None:
                self.seconds[self.stage] = now - self.started
            self.stage, self.started = stage, now
        label = _STAGE_LABELS.get(stage, stage)
        percent = 100 * done // total if total else 100
        line = f"{label} {done:,}/{total:,} ({percent}%)"
        if self.tty:
            self.stream.write("\r" + _pad(line, 60))
            if stage == "done":
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def breakdown(self) -> str:
        """ "生成工单 12.3 秒，建立索引 1.0 秒 ..." for the stages that took a while."""
        return "，".join(
            f"{_STAGE_LABELS.get(stage, stage)} {seconds:.1f} 秒"
            for stage, seconds in self.seconds.items()
            if seconds >= 0.05
        )


def _moment_argument(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time (YYYY-MM-DDTHH:MM): {text!r}") from None


def _demo(args: argparse.Namespace) -> int:
    """Build the Guangfu Town (光福镇) demo: 11 villages and communities, 48 grids,
    departments, demo logins, and tickets from 2020 up to now: the 2022-01-01..10-25 tickets
    and the 2020-01-01..2022-10-25 disputes, letters and visits and suggestions give the
    report's figures, and the days since carry on at the same rhythm to today."""
    from gridcenter_desktop.demo.build import (
        DEFAULT_SEED,
        DatabaseNotEmptyError,
        ForeignTablesError,
        NotDemoDataError,
        build_demo,
    )

    url = args.db if args.db else default_database_url()
    progress = _ProgressLine(sys.stderr)
    started = time.perf_counter()
    try:
        summary = build_demo(
            url,
            tickets=args.tickets,
            seed=DEFAULT_SEED if args.seed is None else args.seed,
            now=args.now,
            progress=progress,
            replace=args.replace,
        )
    except DatabaseNotEmptyError as exc:
        raise CliError(
            f"{_display_url(args.db)} already holds data ({_held(exc.counts)});"
            " add --replace to wipe a demo built before"
        ) from None
    except NotDemoDataError as exc:
        raise CliError(
            f"{_display_url(args.db)} holds data that is not demo data ({_held(exc.counts)});"
            " --replace only wipes a demo database"
        ) from None
    except ForeignTablesError as exc:
        raise CliError(_foreign_tables_line(exc.tables)) from None
    seconds = time.perf_counter() - started
    print(f"演示数据已生成：{_display_url(args.db)}")
    print(
        f"  工单 {summary.tickets:,} 条（2022-01-01 至 2022-10-25 计入统计 "
        f"{summary.period_tickets:,} 条），处理记录 {summary.events:,} 条，"
        f"派单 {summary.assignments:,} 条"
    )
    print(
        f"  区域 {summary.areas} 个（网格 {summary.grids} 个），"
        f"网格成员 {summary.grid_members} 人，"
        f"部门 {summary.departments} 个，用户 {summary.users} 个"
    )
    print(f"  工单编号 {summary.first_code} … {summary.last_code}，随机种子 {summary.seed}")
    print(f"  用时 {seconds:.1f} 秒（{progress.breakdown()}）")
    _print_demo_accounts(summary.logins, summary.passwords)
    return EXIT_OK


def _held(counts: dict[str, int]) -> str:
    return ", ".join(f"{table}: {n:,}" for table, n in counts.items() if n)


def _print_demo_accounts(logins: tuple[tuple[str, str], ...], passwords: dict[str, str]) -> None:
    """The demo accounts with their passwords: printed this once, stored nowhere in clear."""
    rows = [("账号 login", "角色 role", "密码 password")]
    rows += [(login, _ROLE_LABELS.get(role, role), passwords[login]) for login, role in logins]
    widths = [max(_width(row[i]) for row in rows) + 2 for i in range(2)]
    print("演示账号（密码只显示这一次，请记下；GRIDCENTER_DEMO_PASSWORD 可指定统一密码）：")
    for login, role, password in rows:
        print(f"  {_pad(login, widths[0])}{_pad(role, widths[1])}{password}")


# --- stats -----------------------------------------------------------------------------------


def _add_stats_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "stats", help="print the statistics of a period", description=_stats.__doc__
    )
    _db_option(parser)
    parser.add_argument(
        "--from", dest="date_from", type=day_argument, required=True, metavar="DATE"
    )
    parser.add_argument("--to", dest="date_to", type=day_argument, required=True, metavar="DATE")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    parser.set_defaults(handler=_stats)


# (key, label, unit) of the plain table, in the order of a report to the district.
_STATS_ROWS = (
    ("tickets_total", "工单总数", ""),
    ("tickets_closed", "办结工单", ""),
    ("closure_rate", "结案率", " %"),
    ("on_time_rate", "按期办结率", " %"),
    ("avg_handling_days", "平均办理天数", ""),
    ("overdue_open", "超期未办结", ""),
    ("disputes_total", "矛盾纠纷", ""),
    ("disputes_resolved", "化解矛盾纠纷", ""),
    ("dispute_resolution_rate", "化解率", " %"),
    ("petition_batches", "来信来访（批次）", ""),
    ("petition_people", "来信来访（人次）", ""),
    ("suggestions_total", "意见建议", ""),
    ("suggestions_resolved", "办结意见建议", ""),
    ("satisfaction_rate", "满意率", " %"),
    ("acceptance_on_time_rate", "签收及时率", " %"),
    ("extensions_requested", "申请延期", ""),
    ("extensions_approved", "同意延期", ""),
    ("callbacks_pending", "待回访", ""),
    ("merged_answered", "合并工单已答复", ""),
    ("grids", "网格数", ""),
)


def _stats(args: argparse.Namespace) -> int:
    """Print the figures of the tickets created from --from to --to (both inclusive); with
    --json, for a calendar month, quarter or year, also those of the same period a year
    before (同比) and of the month or quarter before (环比) under "compare".

    Aggregates only (counts, rates, days): no reporter, no ticket, no person is named, so it
    needs no sign-in."""
    from sqlalchemy.orm import Session

    from gridcenter_desktop.services.comparison import compare
    from gridcenter_desktop.services.statistics import period_statistics

    if args.date_to < args.date_from:
        raise CliError(f"--to {args.date_to} is before --from {args.date_from}")
    require_existing_file(database_url(args))
    engine = _engine(args)
    try:
        require_schema(engine)
        with Session(engine) as session:
            stats = period_statistics(session, args.date_from, args.date_to)
            figures = stats.to_dict()
            if args.json:
                figures["compare"] = compare(session, stats).to_dict()
                figures["workers"] = _worker_totals(session, args.date_from, args.date_to)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    print(f"统计区间：{args.date_from.isoformat()} 至 {args.date_to.isoformat()}")
    width = max(_width(label) for _key, label, _unit in _STATS_ROWS) + 2
    for key, label, unit in _STATS_ROWS:
        value = figures.get(key)
        if value is None:
            shown = "—"
        elif isinstance(value, int):
            shown = f"{value:,}{unit}"
        else:
            shown = f"{value}{unit}"
        print(f"{_pad(label, width)}{shown}")
    return EXIT_OK


def _worker_totals(session, date_from, date_to) -> dict:
    """The grid workers' sums for --json (issue 12): counts only, nobody named, read as a
    viewer would (sensitive special groups left out)."""
    from gridcenter_desktop.core.enums import UserRole
    from gridcenter_desktop.services.actor import Actor
    from gridcenter_desktop.services.grid_workers import worker_figures, worker_totals

    rows = worker_figures(session, Actor(None, UserRole.VIEWER), date_from, date_to)
    return worker_totals(rows)


# --- report ----------------------------------------------------------------------------------


def _add_report_command(subparsers) -> None:
    from gridcenter_desktop.reports import command as report_command

    parser = subparsers.add_parser(
        "report",
        help="write the ledger, the statistical report, a rectification notice or the"
        " platforms' reply sheet (.xlsx)",
        description="Write an Excel report: the ticket ledger (台账) of a period or of every"
        " ticket, the statistical report of a period, the rectification notice of a ticket, or"
        " the reply sheet (办理结果回复表) of the platforms' tickets closed in a period.",
    )
    _db_option(parser)
    add_user_option(parser)
    report_command.configure_parser(parser, with_db=False)
    parser.set_defaults(handler=lambda args: report_command.run(args, map_picture=_map_picture))


def _map_picture(session, now):
    """The summary's grid map picture (PNG bytes), drawn with Qt without a window
    (ui/map/map_image.headless_map_png); None where PySide6 is not installed."""
    try:
        from gridcenter_desktop.ui.map.map_image import headless_map_png
    except ImportError:
        return None
    return headless_map_png(session, now)


# --- calendar --------------------------------------------------------------------------------


def _add_calendar_command(subparsers) -> None:
    from gridcenter_desktop import calendar_command

    parser = subparsers.add_parser(
        "calendar",
        help="enter holidays and make-up working days (years the bundled calendar lacks)",
        description=calendar_command.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _db_option(parser)
    add_user_option(parser)
    calendar_command.configure_parser(parser)
    parser.set_defaults(handler=_calendar)


def _calendar(args: argparse.Namespace) -> int:
    from gridcenter_desktop import calendar_command

    with signed_session(args) as (session, actor):
        return calendar_command.run(args, session, actor)


# --- user ----------------------------------------------------------------------------------


def _add_user_command(subparsers) -> None:
    from gridcenter_desktop import user_command

    parser = subparsers.add_parser(
        "user",
        help="create, disable, enable, reset or list accounts",
        description=user_command.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    user_command.configure_parser(parser, _db_option)
    parser.set_defaults(handler=user_command.run)


# --- the window ------------------------------------------------------------------------------

_SIZE = re.compile(r"^\d{2,5}x\d{2,5}$")


def _size(text: str) -> str:
    if not _SIZE.match(text):
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, e.g. 1600x1000: {text!r}")
    return text


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    _db_option(parser, top_level=True)
    parser.add_argument("--demo", action="store_true", help="open the demo database")
    parser.add_argument(
        "--screenshot", metavar="PATH", help="render the window to a PNG file and exit"
    )
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1600x1000")
    parser.add_argument(
        "--dock",
        choices=("queue", "grid_tree", "dispatch", "charts", "detail", "map"),
        help="with --screenshot: save this dock alone (e.g. map)",
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="interface language")
    add_user_option(parser, top_level=True)
    parser.set_defaults(handler=_window)


def _build_demo_file(url: str, progress=None, cancel=None):
    """demo.file.build_demo_file, imported only when a demo is built (not at every start): the
    window gets it from here because the desk never imports the demo generator."""
    from gridcenter_desktop.demo.file import build_demo_file

    return build_demo_file(url, progress=progress, cancel=cancel)


def _window(args: argparse.Namespace) -> int:
    """Open the desk's main window."""
    try:
        from gridcenter_desktop.ui.app import run_window
    except ImportError as exc:
        print(f"{PROG}: error: the window cannot start: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    return run_window(
        db_url=normalize_url(args.db) if args.db else None,
        build_demo=_build_demo_file,
        demo=args.demo,
        screenshot=args.screenshot,
        size=args.size,
        lang=args.lang,
        user=args.user,
        dock=args.dock,
    )


# --- entry point -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: window options, then one sub-command each."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="GridCenter Desktop: the dispatch desk of a town's grid-governance"
        " command centre (网格指挥中心桌面端). Without a command: the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_window_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_init_db_command(subparsers)
    _add_migrate_command(subparsers)
    _add_demo_command(subparsers)
    _add_stats_command(subparsers)
    _add_report_command(subparsers)
    _add_calendar_command(subparsers)
    from gridcenter_desktop import audit_command, base_command

    audit_command.add_command(subparsers, db_option=_db_option)
    _add_user_command(subparsers)
    from gridcenter_desktop import (
        area_command,
        deadline_command,
        department_command,
        member_command,
        town_command,
    )

    area_command.add_command(subparsers, db_option=_db_option)
    member_command.add_command(subparsers, db_option=_db_option)
    base_command.add_commands(subparsers, db_option=_db_option)  # template base, import base
    department_command.add_command(subparsers, db_option=_db_option)
    deadline_command.add_command(subparsers, db_option=_db_option)
    town_command.add_command(subparsers, db_option=_db_option)
    from gridcenter_desktop import export_command

    export_command.add_command(subparsers, db_option=_db_option)  # export open311
    from gridcenter_desktop import backup_command

    backup_command.add_commands(subparsers, db_option=_db_option)  # backup, restore
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (
        CliError,
        BackupError,
        SignInError,
        DatabaseNotReady,
        DatabaseUrlError,
        migrate.SchemaTooNewError,
        MissingPrivilegeError,
        ServiceError,
        SQLAlchemyError,
        OSError,
    ) as exc:
        print(f"{PROG}: error: {_describe(exc)}", file=sys.stderr)
        return EXIT_ERROR


def _describe(exc: BaseException) -> str:
    """One line saying what went wrong, in the user's terms."""
    from sqlalchemy.exc import OperationalError

    if isinstance(exc, OperationalError):
        return f"cannot use the database: {_one_line(exc)}"
    return _one_line(exc)


if __name__ == "__main__":  # pragma: no cover - python -m gridcenter_desktop is the entry
    sys.exit(main())
