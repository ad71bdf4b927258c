"""Time limits as the town sets them: a change applies to tickets registered or dispatched
after it and never moves a running deadline; the dispatch form proposes exactly what the
dispatch service then applies; limits of zero are refused; every change is audited. On SQLite
and PostgreSQL, and on PostgreSQL as the administrator's and the operator's own login roles."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadline_rules import (
    LimitKind,
    RuleKey,
    all_keys,
    dispatch_clock,
    whistle_cap_hours,
)
from gridcenter_desktop.core.deadlines import LimitUnit, TimeLimit
from gridcenter_desktop.core.enums import AuditAction, Priority
from gridcenter_desktop.db.deadline_rule import DeadlineRule
from gridcenter_desktop.db.ticket import Assignment, Ticket
from gridcenter_desktop.services.admin import deadline_rules as rules
from gridcenter_desktop.services.admin import departments as deps
from gridcenter_desktop.services.calendar import load_calendar
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError

from .town_desk import (
    T0,
    audit_details,
    build_desk,
    dispatch,
    postgresql_desk,
    register,
    signed_in_engine,
)

ACCEPT_ORDINARY = RuleKey(LimitKind.ACCEPT, None, Priority.ORDINARY)
NOISE_ORDINARY = RuleKey(LimitKind.FINISH, "noise", Priority.ORDINARY)
WHISTLE = RuleKey(LimitKind.WHISTLE_ACCEPT)
DAYS, HOURS = LimitUnit.WORKING_DAYS, LimitUnit.HOURS


@pytest.fixture
def desk(session):
    return build_desk(session)


def _assignment(session: Session, ticket_id: int) -> Assignment:
    session.expire_all()
    return session.scalars(select(Assignment).where(Assignment.ticket_id == ticket_id)).one()


def _deadline(session: Session, ticket_id: int) -> datetime:
    session.expire_all()
    return session.get(Ticket, ticket_id).deadline_at


def test_the_table_lists_every_rule_with_its_default(session, desk):
    table = rules.rule_table(session, T0)
    assert [row.key for row in table] == list(all_keys())
    assert all(row.is_default and row.effective_from is None for row in table)
    noise = next(row for row in table if row.key == NOISE_ORDINARY)
    assert noise.limit == noise.default == TimeLimit(5, DAYS)  # DOMAIN.md's 5 working days


def test_a_rule_change_applies_only_to_tickets_dispatched_after_it(session, desk):
    before = register(session, desk, T0)  # Tuesday 09:00
    waiting = register(session, desk, T0 + timedelta(minutes=5))
    dispatch(session, desk, before, T0 + timedelta(hours=1))
    old = _assignment(session, before.id)
    assert old.accept_by == datetime(2022, 3, 2, 10, 0)  # one working day
    assert _deadline(session, before.id) == datetime(2022, 3, 8, 9, 0)  # five working days

    changed_at = T0 + timedelta(hours=2)
    rules.set_rule(session, desk.admin, ACCEPT_ORDINARY, TimeLimit(4, HOURS), now=changed_at)
    rules.set_rule(session, desk.admin, NOISE_ORDINARY, TimeLimit(2, DAYS), now=changed_at)

    # The ticket registered before the change, dispatched after it: the new acceptance limit,
    # and the form proposed exactly what the service applied.
    at = T0 + timedelta(hours=3)
    proposed = dispatch_clock(
        rules.rules_at(session, at),
        load_calendar(session),
        "noise",
        Priority.ORDINARY,
        _deadline(session, waiting.id),
        at,
    )
    dispatch(session, desk, waiting, at)
    applied = _assignment(session, waiting.id)
    assert (applied.accept_by, applied.finish_by) == proposed
    assert applied.accept_by == at + timedelta(hours=4)
    # Its own deadline was set when it was registered, under the old rule.
    assert applied.finish_by == _deadline(session, waiting.id) == datetime(2022, 3, 8, 9, 5)

    # A ticket registered after the change: two working days.
    after = register(session, desk, at)
    assert _deadline(session, after.id) == datetime(2022, 3, 3, 12, 0)

    # The ticket dispatched before the change kept its times.
    kept = _assignment(session, before.id)
    assert (kept.accept_by, kept.finish_by) == (old.accept_by, old.finish_by)
    assert _deadline(session, before.id) == datetime(2022, 3, 8, 9, 0)


def test_the_rules_in_effect_at_a_moment(session, desk):
    rules.set_rule(session, desk.admin, NOISE_ORDINARY, TimeLimit(3, DAYS), now=T0)
    rules.set_rule(session, desk.admin, NOISE_ORDINARY, TimeLimit(8, DAYS), now=T0 + timedelta(1))
    assert rules.rules_at(session, T0 - timedelta(seconds=1)).finish_limit(
        "noise", Priority.ORDINARY
    ) == TimeLimit(5, DAYS)
    assert rules.rules_at(session, T0).finish_limit("noise", "ordinary") == TimeLimit(3, DAYS)
    assert rules.rules_at(session, T0 + timedelta(2)).finish_limit(
        "noise", Priority.ORDINARY
    ) == TimeLimit(8, DAYS)
    row = rules.reset_rule(session, desk.admin, NOISE_ORDINARY, now=T0 + timedelta(3))
    assert row.is_default and row.limit == TimeLimit(5, DAYS)
    later = {r.key: r for r in rules.rule_table(session, T0 + timedelta(3))}[NOISE_ORDINARY]
    assert later.is_default and later.effective_from == T0 + timedelta(3)
    assert later.changed_by == "管理员老周"
    earlier = {r.key: r for r in rules.rule_table(session, T0 + timedelta(2))}[NOISE_ORDINARY]
    assert earlier.limit == TimeLimit(8, DAYS) and not earlier.is_default


def test_the_whistle_rule_sets_the_forms_hours_and_the_services_default(session, desk):
    rules.set_rule(session, desk.admin, WHISTLE, TimeLimit(1, HOURS), now=T0)
    in_effect = rules.rules_at(session, T0)
    assert whistle_cap_hours(in_effect, Priority.ORDINARY) == 1
    police = deps.create_department(session, desk.admin, name="派出所", kind="agency")
    ref = register(session, desk, T0)
    dispatch(session, desk, ref, T0, lead_department_id=police.id, whistle=True)
    assert _assignment(session, ref.id).accept_by == T0 + timedelta(hours=1)


@pytest.mark.parametrize(
    ("limit", "rule"),
    [
        (TimeLimit(0, DAYS), "limit_not_positive"),
        (TimeLimit(0, HOURS), "limit_not_positive"),
        (TimeLimit(367, DAYS), "limit_too_long"),
        (TimeLimit(24 * 31 + 1, HOURS), "limit_too_long"),
    ],
)
def test_a_limit_of_zero_or_beyond_a_plan_is_refused(session, desk, limit, rule):
    with pytest.raises(ValidationError) as refused:
        rules.set_rule(session, desk.admin, NOISE_ORDINARY, limit, now=T0)
    assert (refused.value.field, refused.value.rule) == ("time_limit", rule)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(DeadlineRule)) == 0
    assert audit_details(session, AuditAction.DEADLINE_CHANGE) == []


def test_only_an_administrator_sets_rules(session, desk):
    with pytest.raises(PermissionDeniedError):
        rules.set_rule(session, desk.operator, NOISE_ORDINARY, TimeLimit(3, DAYS))
    with pytest.raises(PermissionDeniedError):
        rules.reset_rule(session, desk.operator, NOISE_ORDINARY)
    assert session.scalar(select(func.count()).select_from(DeadlineRule)) == 0


def test_each_change_is_audited_with_before_and_after(session, desk):
    rules.set_rule(session, desk.admin, ACCEPT_ORDINARY, TimeLimit(4, HOURS), now=T0)
    # The limit already in effect: nothing to write, nothing to audit.
    rules.set_rule(session, desk.admin, ACCEPT_ORDINARY, TimeLimit(4, HOURS), now=T0)
    rules.reset_rule(session, desk.admin, ACCEPT_ORDINARY, now=T0 + timedelta(hours=1))
    assert audit_details(session, AuditAction.DEADLINE_CHANGE) == [
        (
            "deadline accept ordinary",
            {
                "before": {"amount": 1, "unit": "working_days"},
                "after": {"amount": 4, "unit": "hours"},
            },
        ),
        (
            "deadline accept ordinary",
            {
                "before": {"amount": 4, "unit": "hours"},
                "after": {"amount": 1, "unit": "working_days"},
            },
        ),
    ]
    assert session.scalar(select(func.count()).select_from(DeadlineRule)) == 2


@pytest.mark.parametrize(
    ("kind", "category", "priority", "field"),
    [
        ("finish", None, "urgent", "rule_kind"),  # a finish limit names a category
        ("accept", "noise", "urgent", "rule_kind"),  # an acceptance limit does not
        ("finish", "no_such_category", "urgent", "category"),
        ("finish", "noise", "whenever", "priority"),
        ("someday", None, None, "rule_kind"),
    ],
)
def test_loose_rule_names_are_refused_clearly(kind, category, priority, field):
    with pytest.raises(ValidationError) as refused:
        rules.rule_key(kind, category, priority)
    assert refused.value.field == field


@pytest.mark.pg
def test_a_signed_in_administrator_sets_rules_the_operators_desk_applies():
    with postgresql_desk() as (engine, desk):
        admin_engine = signed_in_engine(engine, "admin")
        operator_engine = signed_in_engine(engine, "op")
        try:
            with Session(admin_engine) as s:
                rules.set_rule(s, desk.admin, NOISE_ORDINARY, TimeLimit(2, DAYS), now=T0)
                rules.set_rule(s, desk.admin, ACCEPT_ORDINARY, TimeLimit(3, HOURS), now=T0)
                rules.reset_rule(s, desk.admin, ACCEPT_ORDINARY, now=T0 + timedelta(minutes=1))
                assert len(audit_details(s, AuditAction.DEADLINE_CHANGE)) == 3
            with Session(operator_engine) as s:
                with pytest.raises(PermissionDeniedError):
                    rules.set_rule(s, desk.operator, NOISE_ORDINARY, TimeLimit(9, DAYS))
                ref = register(s, desk, T0 + timedelta(hours=1))
                assert _deadline(s, ref.id) == datetime(2022, 3, 3, 10, 0)
                dispatch(s, desk, ref, T0 + timedelta(hours=1))
                assert _assignment(s, ref.id).accept_by == datetime(2022, 3, 2, 10, 0)
        finally:
            admin_engine.dispose()
            operator_engine.dispose()
