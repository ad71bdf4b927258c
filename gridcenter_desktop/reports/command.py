"""``gridcenter report ledger|summary|notice``: the reports for scheduled jobs, without a window.

cli.py adds the sub-command with :func:`configure_parser` and calls :func:`run` with the parsed
arguments. Errors are one line on stderr ("gridcenter: error: ...") and a non-zero exit, never
a traceback: a scheduled job's log should say what to fix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import DatabaseUrlError, make_engine, make_session_factory
from gridcenter_desktop.services.errors import ServiceError

KINDS = ("ledger", "summary", "notice")

# Exit codes: 1 the report could not be made (bad input, file fault), 2 bad usage, 3 database.
EXIT_REPORT = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def configure_parser(parser: argparse.ArgumentParser, *, with_db: bool = True) -> None:
    """Add the report command's arguments to ``parser`` (the ``report`` sub-parser); cli.py
    passes ``with_db=False`` and declares ``--db`` its own way, shared by every command."""
    parser.add_argument("kind", choices=KINDS, help="ledger (台账), summary (统计报告), notice")
    if with_db:
        parser.add_argument("--db", help="SQLAlchemy URL or file path (default: local database)")
    parser.add_argument(
        "--from", dest="date_from", type=_date, metavar="DATE", help="first day, YYYY-MM-DD"
    )
    parser.add_argument(
        "--to", dest="date_to", type=_date, metavar="DATE", help="last day, inclusive"
    )
    parser.add_argument(
        "--ticket", metavar="CODE", help="ticket code for the notice, e.g. GC20220301-0042"
    )
    parser.add_argument(
        "--role",
        choices=[r.value for r in UserRole],
        default=UserRole.VIEWER.value,
        help="whose view: reporters' names and phones are masked unless supervisor or admin",
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FILE", help="the .xlsx file to write"
    )


def run(
    args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Make the report ``args`` ask for; the exit code (0 on success)."""
    # Looked up now, not bound at import: a redirected sys.stdout/sys.stderr is honoured.
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr

    def fail(message: str, code: int) -> int:
        print(f"gridcenter: error: {message}", file=stderr)
        return code

    usage = _usage_error(args)
    if usage:
        return fail(usage, EXIT_USAGE)
    try:
        engine = make_engine(getattr(args, "db", None), must_exist=True)
    except DatabaseUrlError as exc:
        return fail(str(exc), EXIT_USAGE)
    try:
        try:
            revision = migrate.check_not_newer(engine)
        except migrate.SchemaTooNewError as exc:
            return fail(str(exc), EXIT_DATABASE)
        if revision is None:
            return fail(
                "the database has no GridCenter schema (run gridcenter init-db)", EXIT_DATABASE
            )
        with make_session_factory(engine)() as session:
            message = _make(args, session)
    except ServiceError as exc:
        return fail(str(exc), EXIT_REPORT)
    except SQLAlchemyError as exc:  # unreachable server, lost connection, damaged file
        return fail(f"database error: {_first_line(exc)}", EXIT_DATABASE)
    finally:
        engine.dispose()
    print(message, file=stdout)
    return 0


def _usage_error(args: argparse.Namespace) -> str | None:
    if args.out.suffix.lower() != ".xlsx":
        return f"--out must name an .xlsx file: {args.out}"
    if (args.date_from is None) != (args.date_to is None):
        return "give both --from and --to"
    if args.kind == "summary" and args.date_from is None:
        return "summary needs --from and --to"
    if args.kind == "notice" and not args.ticket:
        return "notice needs --ticket CODE"
    if args.date_from and args.date_to and args.date_to < args.date_from:
        return "--to is before --from"
    return None


def _make(args: argparse.Namespace, session) -> str:
    # Imported here: "gridcenter --help" and the other commands need not load openpyxl.
    from gridcenter_desktop.reports import ledger, notice, summary
    from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

    now = datetime.now()
    role = UserRole(args.role)
    if args.kind == "ledger":
        if args.date_from is not None:
            result = ledger.write_period_ledger(
                session, args.out, args.date_from, args.date_to, role=role, now=now
            )
        else:
            result = ledger.write_queue_ledger(
                session, args.out, QueueFilter(), QueueOrder(field="created"),
                role=role, now=now, description="全部工单",
            )  # fmt: skip
        return f"wrote {result.path} ({result.rows} tickets)"
    if args.kind == "summary":
        stats = summary.write_summary(session, args.out, args.date_from, args.date_to, now=now)
        c = stats.current
        return (
            f"wrote {stats.path} ({c.tickets_total} tickets, {c.tickets_closed} closed,"
            f" closure rate {c.closure_rate}%)"
        )
    ticket_id = notice.find_ticket_id(session, args.ticket)
    result = notice.write_notice(session, args.out, ticket_id, now=now)
    return f"wrote {result.path} (notice for {result.ticket_code})"


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
