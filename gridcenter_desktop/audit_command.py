"""``gridcenter audit``: read the audit trail and archive rows older than six months.

    gridcenter audit list --user LOGIN [--from DATE --to DATE --action ACTION --login LOGIN]
    gridcenter audit archive --before DATE --out FILE.xlsx --user ADMIN

Both sign in (the password from GRIDCENTER_PASSWORD, else a prompt). ``list`` is for
administrators and supervisors. ``archive`` (administrators) refuses a date less than six
months ago (the Cybersecurity Law's minimum), writes the older rows to the workbook first, and
only then deletes them, in one transaction with an AUDIT_ARCHIVE row. On PostgreSQL only the
schema owner's role may delete audit rows: the command says so when the server refuses.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from gridcenter_desktop.cli_sign_in import add_user_option, day_argument, signed_session
from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.services.errors import ServiceError, ValidationError


class AuditCommandError(ServiceError):
    """A problem the command reports as one line."""


def add_command(subparsers, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter audit list|archive`` (cli.py calls this)."""
    parser = subparsers.add_parser(
        "audit",
        help="list the audit trail, or archive rows older than six months",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(parser)
    actions = parser.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="print audit rows, newest first")
    listing.add_argument("--from", dest="date_from", type=day_argument, metavar="DATE")
    listing.add_argument("--to", dest="date_to", type=day_argument, metavar="DATE")
    listing.add_argument("--action", choices=[a.value for a in AuditAction])
    listing.add_argument("--login", help="rows of this login (also failed sign-ins)")
    listing.add_argument("--limit", type=int, default=200, help="at most this many rows")
    archive = actions.add_parser("archive", help="move rows older than DATE to a workbook")
    archive.add_argument("--before", type=day_argument, required=True, metavar="DATE")
    archive.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    for sub in (listing, archive):
        db_option(sub)
        add_user_option(sub)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Carry out ``audit list`` or ``audit archive``; the exit code."""
    if args.audit_action == "archive" and args.out.suffix.lower() != ".xlsx":
        raise ValidationError("out", "not_xlsx", f"--out must name an .xlsx file: {args.out}")
    with signed_session(args) as (session, actor):
        if args.audit_action == "list":
            return _list(args, session, actor)
        return _archive(args, session, actor)


def _list(args: argparse.Namespace, session: Session, actor) -> int:
    from gridcenter_desktop.reports import labels
    from gridcenter_desktop.services.audit import AuditFilter, audit_page

    flt = AuditFilter(
        action=AuditAction(args.action) if args.action else None,
        date_from=args.date_from,
        date_to=args.date_to,
        login=args.login,
    )
    rows = audit_page(session, actor, flt, limit=args.limit)
    for row in rows:
        detail = " ".join(f"{k}={v}" for k, v in sorted(row.detail.items()))
        print(
            "\t".join(
                [
                    f"{row.at:%Y-%m-%d %H:%M:%S}",
                    row.login or "-",
                    row.workstation or "-",
                    labels.label(labels.AUDIT_ACTION, row.action),
                    row.ticket_code or "-",
                    row.target or "-",
                    detail,
                ]
            )
        )
    if not rows:
        print("（没有符合条件的审计记录）")
    return 0


def _archive(args: argparse.Namespace, session: Session, actor) -> int:
    from gridcenter_desktop.reports import audit_log
    from gridcenter_desktop.services.audit import iter_audit_rows
    from gridcenter_desktop.services.audit_archive import (
        archive_filter,
        check_archive,
        count_before,
        delete_archived,
    )

    now = china_now()
    check_archive(actor, args.before, now.date())
    total = count_before(session, args.before)
    if total == 0:
        print(f"no audit rows before {args.before}: nothing archived")
        return 0
    written = audit_log.write_rows(
        session,
        args.out,
        iter_audit_rows(session, actor, archive_filter(args.before)),
        total=total,
        description=f"归档：{args.before:%Y-%m-%d} 之前的审计记录",
        now=now,
    )
    session.rollback()  # end the read; the delete runs in a transaction of its own
    try:
        deleted = delete_archived(
            session,
            actor,
            args.before,
            up_to_id=written.last_id or 0,
            expected_rows=written.rows,
            archive_file=str(args.out),
            today=now.date(),
        )
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient_privilege
            raise AuditCommandError(
                f"{written.path} was written, but PostgreSQL refused the delete: only the"
                " schema owner's role may delete audit rows (run the archive with the owner's"
                " rights, e.g. grant the owner role to this administrator's login role for"
                " the archive); nothing was deleted"
            ) from exc
        raise
    print(
        f"wrote {written.path} ({written.rows} rows); deleted {deleted} rows before {args.before}"
    )
    return 0
