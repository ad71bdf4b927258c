"""Deadline rules as data: the time limits an administrator may change, over the defaults.

The defaults are core.deadlines' (DOMAIN.md): a category's working days for ordinary work, half
of them (at most 2) for urgent, 24 hours for critical; acceptance within one working day, 4 hours
or 1 hour; a whistle dispatch (吹哨报到) accepted within 2 hours at most. A town changes any of
them; the database keeps every change with the moment it takes effect
(services/admin/deadline_rules.py), and the rules in effect when a ticket is registered or
dispatched are the ones that ticket gets, so a change never moves a running deadline.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from gridcenter_desktop.core import deadlines
from gridcenter_desktop.core.categories import CATEGORIES, category
from gridcenter_desktop.core.deadlines import LimitUnit, TimeLimit, WorkCalendar, compute_deadline
from gridcenter_desktop.core.enums import Priority

# No limit longer than this is a plan (deadlines.add_working_days refuses more than 366 days).
MAX_DAYS = 366
MAX_HOURS = 24 * 31


class LimitKind(StrEnum):
    FINISH = "finish"  # 办理时限: per category and urgency
    ACCEPT = "accept"  # 签收时限: per urgency
    WHISTLE_ACCEPT = "whistle_accept"  # 吹哨报到的报到时限: the cap on a whistle's acceptance


@dataclass(frozen=True, slots=True)
class RuleKey:
    """Which limit: FINISH names a category and an urgency, ACCEPT an urgency, WHISTLE_ACCEPT
    neither."""

    kind: LimitKind
    category: str | None = None
    priority: Priority | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", LimitKind(self.kind))
        if self.priority is not None:
            object.__setattr__(self, "priority", Priority(self.priority))
        if self.kind is LimitKind.FINISH:
            if self.category is None or self.priority is None:
                raise ValueError("a finish rule names a category and an urgency")
            category(self.category)  # KeyError for an unknown category
        elif self.kind is LimitKind.ACCEPT:
            if self.category is not None or self.priority is None:
                raise ValueError("an acceptance rule names an urgency only")
        elif self.category is not None or self.priority is not None:
            raise ValueError("the whistle rule names neither category nor urgency")


class LimitProblem(StrEnum):
    """Why a limit is refused (worded by the UI)."""

    NOT_POSITIVE = "limit_not_positive"
    TOO_LONG = "limit_too_long"


def limit_problem(limit: TimeLimit) -> LimitProblem | None:
    """What is wrong with ``limit`` as a rule; None when it may be saved. A limit of zero
    would make every ticket overdue the moment it is registered."""
    if limit.amount <= 0:
        return LimitProblem.NOT_POSITIVE
    if limit.unit is LimitUnit.WORKING_DAYS and limit.amount > MAX_DAYS:
        return LimitProblem.TOO_LONG
    if limit.unit is LimitUnit.HOURS and limit.amount > MAX_HOURS:
        return LimitProblem.TOO_LONG
    return None


def default_limit(key: RuleKey) -> TimeLimit:
    """The limit core.deadlines gives when no rule was entered."""
    if key.kind is LimitKind.FINISH:
        assert key.category is not None and key.priority is not None
        return deadlines.finish_limit(key.category, key.priority)
    if key.kind is LimitKind.ACCEPT:
        assert key.priority is not None
        return deadlines.accept_limit(key.priority)
    return TimeLimit(deadlines.WHISTLE_ACCEPT_HOURS, LimitUnit.HOURS)


def all_keys() -> Iterator[RuleKey]:
    """Every rule a town can set, in the order an administrator reads them."""
    for priority in Priority:
        yield RuleKey(LimitKind.ACCEPT, None, priority)
    yield RuleKey(LimitKind.WHISTLE_ACCEPT)
    for cat in CATEGORIES:
        for priority in Priority:
            yield RuleKey(LimitKind.FINISH, cat.code, priority)


class DeadlineRules:
    """The limits in effect: the entered rules over the defaults. Built by the services from
    the database for a moment (``services.admin.deadline_rules.rules_at``); the demo and tests
    use ``DeadlineRules()`` (the defaults alone)."""

    def __init__(self, entered: Mapping[RuleKey, TimeLimit] | None = None) -> None:
        self._entered = dict(entered or {})

    def limit(self, key: RuleKey) -> TimeLimit:
        """The limit for ``key``: the entered one, else the default."""
        found = self._entered.get(key)
        return found if found is not None else default_limit(key)

    def is_default(self, key: RuleKey) -> bool:
        """True when no rule was entered for ``key`` (or the entered one equals the default)."""
        found = self._entered.get(key)
        return found is None or found == default_limit(key)

    def finish_limit(self, category_code: str, priority: Priority) -> TimeLimit:
        """The time allowed to finish a ticket of this category and urgency."""
        return self.limit(RuleKey(LimitKind.FINISH, category_code, Priority(priority)))

    def accept_limit(self, priority: Priority, whistle: bool = False) -> TimeLimit:
        """The time allowed to accept an assignment; a whistle dispatch is capped by the
        whistle rule (whichever is shorter, compared in hours, a working day counting 24)."""
        limit = self.limit(RuleKey(LimitKind.ACCEPT, None, Priority(priority)))
        if not whistle:
            return limit
        cap = self.limit(RuleKey(LimitKind.WHISTLE_ACCEPT))
        return cap if _rough_hours(cap) < _rough_hours(limit) else limit


def _rough_hours(limit: TimeLimit) -> int:
    return limit.amount * 24 if limit.unit is LimitUnit.WORKING_DAYS else limit.amount


# --- a dispatch's clock: the one rule the dispatch service and the dispatch form share -------


def whistle_cap_hours(rules: DeadlineRules, priority: Priority) -> int:
    """The most wall-clock hours a whistle dispatch (吹哨报到) of this urgency gives the
    assignees to report in: the whistle rule, or the urgency's own acceptance limit when that
    is shorter (a critical ticket: 1 hour). A limit in working days counts 24 hours a day.
    The dispatch form proposes it and offers no more; the service refuses a later accept-by."""
    return max(1, _rough_hours(rules.accept_limit(priority, whistle=True)))


def dispatch_clock(
    rules: DeadlineRules,
    calendar: WorkCalendar,
    category: str,
    priority: Priority,
    ticket_deadline: datetime,
    now: datetime,
    whistle: bool = False,
    whistle_hours: int | None = None,
    accept_by: datetime | None = None,
) -> tuple[datetime, datetime]:
    """The accept-by and finish-by times of a dispatch at ``now`` when none are given (the
    service's defaults, the form's proposal; ``rules`` are those in effect at ``now``).

    Accept-by: the urgency's acceptance limit; a whistle caps it by the whistle rule, or gives
    the operator's ``whistle_hours`` (wall-clock hours, never more than
    :func:`whistle_cap_hours`). Finish-by: the ticket's own deadline; when that has passed (or
    comes before accept-by) the category's full time from now. An ``accept_by`` the operator
    chose is kept, and finish-by follows from it.
    """
    if accept_by is None and whistle_hours is not None:
        hours = max(1, min(whistle_hours, whistle_cap_hours(rules, priority)))
        accept_by = calendar.add_hours(now, hours)
    elif accept_by is None:
        accept_by = compute_deadline(now, rules.accept_limit(priority, whistle), calendar)
    if ticket_deadline >= max(now, accept_by):
        return accept_by, ticket_deadline
    finish_by = compute_deadline(now, rules.finish_limit(category, priority), calendar)
    return accept_by, max(finish_by, accept_by)
