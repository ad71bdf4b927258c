"""``gridcenter report ledger|summary|notice|reply``: the reports for scheduled jobs, without a
window.

cli.py adds the sub-command with :func:`configure_parser` and calls :func:`run` with the parsed
arguments. The report is made as the user ``--user`` signs in as (cli_sign_in), so reporters'
names and phones are masked or not by that user's role. Errors are one line on stderr
("gridcenter: error: ...") and a non-zero exit, never a traceback: a scheduled job's log should
say what to fix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from gridcenter_desktop.cli_sign_in import (
    DatabaseNotReady,
    SignInError,
    add_user_option,
    day_argument,
    signed_in,
)
from gridcenter_desktop.core.clock import china_now, china_today
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import DatabaseUrlError, make_session_factory
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ServiceError

KINDS = ("ledger", "summary", "notice", "reply")

# Exit codes: 1 the report could not be made (bad input, file fault, no sign-in), 2 bad usage,
# 3 database.
EXIT_REPORT = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3

# Draws the statistical report's grid map: (session, now) -> PNG bytes or None.
MapPicture = Callable[[Session, datetime], "bytes | None"]


def configure_parser(parser: argparse.ArgumentParser, *, with_db: bool = True) -> None:
    """Add the report command's arguments to ``parser`` (the ``report`` sub-parser); cli.py
    passes ``with_db=False`` and declares ``--db`` and ``--user`` its own way, shared by every
    command."""
    parser.add_argument(
        "kind",
        choices=KINDS,
        help="ledger (台账), summary (统计报告), notice, reply (办理结果回复表 for the platforms)",
    )
    if with_db:
        parser.add_argument("--db", help="SQLAlchemy URL or file path (default: local database)")
        add_user_option(parser, top_level=True)
    parser.add_argument(
        "--from",
        dest="date_from",
        type=day_argument,
        metavar="DATE",
        help="first day, YYYY-MM-DD (a summary without dates: the last whole period of the"
        " town's default report period, e.g. last month)",
    )
    parser.add_argument(
        "--to", dest="date_to", type=day_argument, metavar="DATE", help="last day, inclusive"
    )
    parser.add_argument(
        "--ticket", metavar="CODE", help="ticket code for the notice, e.g. GC20220301-0042"
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FILE", help="the .xlsx file to write"
    )


def run(
    args: argparse.Namespace,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    map_picture: MapPicture | None = None,
) -> int:
    """Make the report ``args`` ask for; the exit code (0 on success). Output goes to the
    streams given, else to the process's (looked up at the call, so captures see it).
    ``map_picture(session, now)`` draws the summary's grid map as PNG bytes (cli.py passes
    the Qt drawing, which this layer may not import); without it the sheet has no picture."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr

    def fail(message: str, code: int) -> int:
        print(f"gridcenter: error: {message}", file=stderr)
        return code

    usage = _usage_error(args)
    if usage:
        return fail(usage, EXIT_USAGE)
    try:
        signed = signed_in(args)
    except SignInError as exc:
        return fail(str(exc), EXIT_REPORT)
    except DatabaseUrlError as exc:
        return fail(str(exc), EXIT_USAGE)
    except (DatabaseNotReady, migrate.SchemaTooNewError) as exc:
        return fail(str(exc), EXIT_DATABASE)
    except SQLAlchemyError as exc:  # unreachable server, damaged file
        return fail(f"database error: {_first_line(exc)}", EXIT_DATABASE)
    try:
        with make_session_factory(signed.engine)() as session:
            message = _make(args, session, signed.actor, map_picture)
    except ServiceError as exc:
        return fail(str(exc), EXIT_REPORT)
    except SQLAlchemyError as exc:  # lost connection, damaged file
        return fail(f"database error: {_first_line(exc)}", EXIT_DATABASE)
    finally:
        signed.engine.dispose()
    print(message, file=stdout)
    return 0


def _usage_error(args: argparse.Namespace) -> str | None:
    if args.out.suffix.lower() != ".xlsx":
        return f"--out must name an .xlsx file: {args.out}"
    if (args.date_from is None) != (args.date_to is None):
        return "give both --from and --to"
    if args.kind == "notice" and not args.ticket:
        return "notice needs --ticket CODE"
    if args.kind == "reply" and args.date_from is None:
        return "reply needs --from DATE --to DATE"
    if args.date_from and args.date_to and args.date_to < args.date_from:
        return "--to is before --from"
    return None


def _make(args: argparse.Namespace, session, actor: Actor, map_picture=None) -> str:
    # Imported here: "gridcenter --help" and the other commands need not load openpyxl.
    from gridcenter_desktop.reports.export import ExportRequest, export_report
    from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

    if args.kind == "summary" and args.date_from is None:
        # 月报 (or the town's other default period): the last whole one up to the data's end.
        from gridcenter_desktop.services.admin.town import town_settings
        from gridcenter_desktop.services.periods import last_whole_period, latest_ticket_date

        kind = town_settings(session).report_period
        args.date_from, args.date_to = last_whole_period(
            kind, latest_ticket_date(session), china_today()
        )
    now = china_now()
    map_png = map_picture(session, now) if map_picture and args.kind == "summary" else None
    # The window's export door, so the command's exports are audited the same way.
    request = ExportRequest(
        kind=args.kind,
        path=args.out,
        role=actor.role,
        actor=actor,
        scope="period" if args.date_from is not None else "view",
        date_from=args.date_from,
        date_to=args.date_to,
        queue_filter=QueueFilter(),
        queue_order=QueueOrder(field="created"),
        ticket_code=args.ticket or "",
        description="全部工单",
        map_png=map_png,
    )
    outcome = export_report(session, request, now=now)
    if args.kind == "ledger":
        return f"wrote {outcome.path} ({outcome.tickets} tickets)"
    if args.kind == "summary":
        c = outcome.figures
        return (
            f"wrote {outcome.path} ({args.date_from} .. {args.date_to}: {c.tickets_total}"
            f" tickets, {c.tickets_closed} closed, closure rate {c.closure_rate}%)"
        )
    if args.kind == "reply":
        sheets = "、".join(outcome.figures) if outcome.tickets else "none"
        return f"wrote {outcome.path} ({outcome.tickets} tickets; sheets: {sheets})"
    return f"wrote {outcome.path} (notice for {args.ticket.strip()})"


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def main(argv: list[str] | None = None, *, exit: Callable[[int], None] = sys.exit) -> None:
    """Run the command on its own (``python -m gridcenter_desktop.reports.command``)."""
    parser = argparse.ArgumentParser(prog="gridcenter report")
    configure_parser(parser)
    exit(run(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
