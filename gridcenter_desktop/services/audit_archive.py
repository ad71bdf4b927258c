"""Archiving old audit rows: the one way rows leave the append-only audit trail.

The Cybersecurity Law (art. 21) asks that network logs be kept at least six months, so only
rows older than a date at least six months back may go, and only after they were written to an
archive workbook (``gridcenter audit archive`` writes it first, then calls
:func:`delete_archived`). The delete passes the append-only trigger's one exemption:

* PostgreSQL: ``gridcenter.archive_before`` set for this transaction only (SET LOCAL); the
  trigger itself re-checks each row's age, and only the schema owner has DELETE on the table
  (the application roles, admins included, are refused by their grants);
* SQLite: the triggers are dropped and recreated inside the same transaction (as the demo's
  wipe does), so no other writer ever sees the table unguarded.

The delete and its AUDIT_ARCHIVE row commit together.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, false, func, select, text
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction
from gridcenter_desktop.core.permissions import may_administer
from gridcenter_desktop.db import append_only
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.audit import AuditFilter, workstation_name
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.periods import day_start

KEEP_MONTHS = 6


def months_back(day: date, months: int) -> date:
    """``day`` moved back by whole calendar months (the 31st falls to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def latest_archive_date(today: date) -> date:
    """The latest ``--before`` date allowed today: six months back."""
    return months_back(today, KEEP_MONTHS)


def check_archive(actor: Actor, before: date, today: date) -> None:
    """Refuse a non-administrator (PermissionDeniedError) and a date less than six months
    ago (ValidationError("archive_before", "too_recent"))."""
    if not may_administer(actor.role):
        raise PermissionDeniedError("archive_audit", actor.role)
    if before > latest_archive_date(today):
        raise ValidationError(
            "archive_before",
            "too_recent",
            f"--before: audit rows are kept at least {KEEP_MONTHS} months;"
            f" the latest date allowed today is {latest_archive_date(today)}",
        )


def archive_filter(before: date) -> AuditFilter:
    """The rows older than ``before`` (``before`` itself kept)."""
    return AuditFilter(date_to=date.fromordinal(before.toordinal() - 1))


def count_before(session: Session, before: date) -> int:
    """How many audit rows are older than ``before``."""
    return session.scalar(select(func.count(AuditEntry.id)).where(_older(before))) or 0


def _older(before: date):
    return AuditEntry.at < day_start(before)


def delete_archived(
    session: Session,
    actor: Actor,
    before: date,
    *,
    up_to_id: int,
    expected_rows: int,
    archive_file: str,
    today: date,
) -> int:
    """Delete the audit rows older than ``before`` that the archive holds (ids up to
    ``up_to_id``), in one transaction with the AUDIT_ARCHIVE row; returns how many went.
    Should the count differ from ``expected_rows`` (the workbook's), nothing is deleted
    (ValidationError("archive_before", "archive_mismatch"))."""
    check_archive(actor, before, today)
    try:
        conn = session.connection()
        if conn.dialect.name == "postgresql":
            # No role holds DELETE on the audit trail: the owner's SECURITY DEFINER function
            # (migration 0008) checks the caller is an administrator, lets the append-only
            # trigger pass rows older than the cutoff, and writes the AUDIT_ARCHIVE row itself.
            deleted = session.scalar(
                text("SELECT gc_audit_archive(:before, :workstation)"),
                {"before": day_start(before), "workstation": workstation_name()},
            )
            _check_count(deleted, expected_rows)
            session.commit()
            return deleted
        # Python's sqlite3 opens its transaction at the first data write, not at DDL: an
        # empty DELETE opens it first, so dropping the triggers is undone on any failure.
        conn.execute(delete(AuditEntry).where(false()))
        append_only.drop(conn)
        result = session.execute(
            delete(AuditEntry).where(_older(before), AuditEntry.id <= up_to_id)
        )
        deleted = result.rowcount or 0
        append_only.create(conn)
        _check_count(deleted, expected_rows)
        audit.record(
            session,
            actor,
            AuditAction.AUDIT_ARCHIVE,
            target=f"before {before.isoformat()}",
            detail={"before": before.isoformat(), "rows": deleted, "file": archive_file},
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return deleted


def _check_count(deleted: int, expected_rows: int) -> None:
    if deleted != expected_rows:
        raise ValidationError(
            "archive_before",
            "archive_mismatch",
            f"--before: {deleted} rows to delete but the archive holds {expected_rows}",
        )
