"""Deadline rules as data: the time limits an administrator sets per category and urgency
(core/deadline_rules.py holds the keys, the defaults and what a limit may be).

Every change is a new ``deadline_rule`` row with the moment it takes effect; nothing is updated
or deleted, so the rule a ticket got can always be told. Registering, dispatching and reopening
ask :func:`rules_at` for the rules in effect at that moment, which is why a change applies to
tickets dispatched after it and never moves a deadline already running.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.deadline_rules import (
    MAX_DAYS,
    MAX_HOURS,
    DeadlineRules,
    LimitKind,
    LimitProblem,
    RuleKey,
    all_keys,
    default_limit,
    limit_problem,
)
from gridcenter_desktop.core.deadlines import LimitUnit, TimeLimit
from gridcenter_desktop.core.enums import AuditAction, Priority
from gridcenter_desktop.db.deadline_rule import DeadlineRule
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import require_admin, transaction
from gridcenter_desktop.services.errors import ValidationError


@dataclass(frozen=True, slots=True)
class RuleRow:
    """One line of the rules table: the limit in effect, the default beside it, and who
    entered the limit and from when (None for a default never changed)."""

    key: RuleKey
    limit: TimeLimit
    default: TimeLimit
    is_default: bool
    effective_from: datetime | None
    changed_by: str | None


@dataclass(frozen=True, slots=True)
class _Entered:
    limit: TimeLimit
    effective_from: datetime
    changed_by: str | None


def rules_at(session: Session, at: datetime) -> DeadlineRules:
    """The limits in effect at ``at``: for each key the latest rule entered with
    ``effective_from <= at``, over the defaults."""
    return DeadlineRules({key: e.limit for key, e in _entered_at(session, at).items()})


def rule_table(session: Session, at: datetime) -> list[RuleRow]:
    """Every rule a town can set (in ``all_keys()`` order) as in effect at ``at``."""
    entered = _entered_at(session, at)
    rules = DeadlineRules({key: e.limit for key, e in entered.items()})
    return [_row(key, rules, entered.get(key)) for key in all_keys()]


def set_rule(
    session: Session,
    actor: Actor,
    key: RuleKey,
    limit: TimeLimit,
    *,
    now: datetime | None = None,
    commit: bool = True,
) -> RuleRow:
    """Enter ``limit`` for ``key`` from ``now`` on. Refuses a limit of zero (every ticket
    would be overdue when registered) or one longer than a plan (``ValidationError("time_limit",
    ...)``). Setting the limit already in effect writes nothing."""
    require_admin(actor)
    problem = limit_problem(limit)
    if problem is LimitProblem.NOT_POSITIVE:
        raise ValidationError(
            "time_limit",
            "limit_not_positive",
            "a time limit must be more than zero (every ticket would be overdue at once)",
        )
    if problem is LimitProblem.TOO_LONG:
        raise ValidationError(
            "time_limit",
            "limit_too_long",
            f"a time limit is at most {MAX_DAYS} working days or {MAX_HOURS} hours",
        )
    return _enter(session, actor, key, limit, now, commit)


def reset_rule(
    session: Session,
    actor: Actor,
    key: RuleKey,
    *,
    now: datetime | None = None,
    commit: bool = True,
) -> RuleRow:
    """Go back to the default limit for ``key`` from ``now`` on (as a new row: the limit the
    earlier tickets got stays on record)."""
    require_admin(actor)
    return _enter(session, actor, key, default_limit(key), now, commit)


def rule_key(
    kind: LimitKind | str, category: str | None, priority: Priority | str | None
) -> RuleKey:
    """A RuleKey from loose input (CLI, dialogs); ValidationError naming what does not fit: a
    finish limit names a category and an urgency, an acceptance limit an urgency only, the
    whistle limit neither."""
    try:
        kind = LimitKind(kind)
    except ValueError:
        raise ValidationError("rule_kind", "invalid", f"no such limit: {kind!r}") from None
    try:
        level = Priority(priority) if priority not in (None, "") else None
    except ValueError:
        raise ValidationError("priority", "invalid", f"no such urgency: {priority!r}") from None
    try:
        return RuleKey(kind, category or None, level)
    except KeyError:
        raise ValidationError("category", "unknown", f"no such category: {category!r}") from None
    except ValueError as exc:
        raise ValidationError("rule_kind", "invalid", str(exc)) from None


# -- helpers ----------------------------------------------------------------------------------


def _key_of(rule: DeadlineRule) -> RuleKey | None:
    try:
        return RuleKey(
            LimitKind(rule.kind),
            rule.category,
            Priority(rule.priority) if rule.priority is not None else None,
        )
    except (KeyError, ValueError):
        # A category removed from core/categories.py since: its rule no longer applies.
        return None


def _entered_at(session: Session, at: datetime) -> dict[RuleKey, _Entered]:
    rows = session.execute(
        select(DeadlineRule, User.display_name)
        .outerjoin(User, User.id == DeadlineRule.user_id)
        .where(DeadlineRule.effective_from <= at)
        .order_by(DeadlineRule.effective_from, DeadlineRule.id)
    ).all()
    entered: dict[RuleKey, _Entered] = {}
    for rule, changed_by in rows:
        key = _key_of(rule)
        if key is not None:  # later rows win
            entered[key] = _Entered(
                TimeLimit(rule.amount, LimitUnit(rule.unit)), rule.effective_from, changed_by
            )
    return entered


def _row(key: RuleKey, rules: DeadlineRules, entered: _Entered | None) -> RuleRow:
    return RuleRow(
        key=key,
        limit=rules.limit(key),
        default=default_limit(key),
        is_default=rules.is_default(key),
        effective_from=entered.effective_from if entered else None,
        changed_by=entered.changed_by if entered else None,
    )


def _enter(
    session: Session,
    actor: Actor,
    key: RuleKey,
    limit: TimeLimit,
    now: datetime | None,
    commit: bool,
) -> RuleRow:
    at = now or china_now()
    entered = _entered_at(session, at)
    rules = DeadlineRules({k: e.limit for k, e in entered.items()})
    before = rules.limit(key)
    if before == limit:
        return _row(key, rules, entered.get(key))
    with transaction(session, commit):
        session.add(
            DeadlineRule(
                kind=key.kind,
                category=key.category,
                priority=key.priority,
                amount=limit.amount,
                unit=limit.unit,
                effective_from=at,
                user_id=actor.user_id,
            )
        )
        audit.record(
            session,
            actor,
            AuditAction.DEADLINE_CHANGE,
            target=_target(key),
            detail={"before": _limit_values(before), "after": _limit_values(limit)},
            now=at,
        )
    entered[key] = _Entered(limit, at, actor.display_name or actor.login or None)
    return _row(key, DeadlineRules({k: e.limit for k, e in entered.items()}), entered[key])


def _target(key: RuleKey) -> str:
    parts = ["deadline", key.kind.value]
    if key.category is not None:
        parts.append(key.category)
    if key.priority is not None:
        parts.append(key.priority.value)
    return " ".join(parts)


def _limit_values(limit: TimeLimit) -> dict[str, object]:
    return {"amount": limit.amount, "unit": limit.unit.value}
