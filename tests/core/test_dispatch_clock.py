"""A dispatch's clock, the one rule the dispatch service applies and the dispatch form proposes:
accept-by and finish-by in working days, a whistle (吹哨报到) in hours and never more than the
rules allow for the urgency."""

from __future__ import annotations

from datetime import datetime

from gridcenter_desktop.core.deadline_rules import (
    DeadlineRules,
    LimitKind,
    RuleKey,
    dispatch_clock,
    whistle_cap_hours,
)
from gridcenter_desktop.core.deadlines import LimitUnit, TimeLimit, WorkCalendar
from gridcenter_desktop.core.enums import Priority

FRIDAY = datetime(2022, 9, 30, 16, 0)  # National Day week follows: 10-01..07 off
CAL = WorkCalendar()


def test_accept_by_in_working_days_and_finish_by_the_tickets_deadline():
    accept, finish = dispatch_clock(
        DeadlineRules(), CAL, "noise", Priority.ORDINARY, datetime(2022, 10, 20), FRIDAY
    )
    assert accept == datetime(2022, 10, 8, 16, 0)  # 10-08 is a make-up working day
    assert finish == datetime(2022, 10, 20)


def test_a_passed_deadline_gives_the_categorys_full_time_from_now():
    _, finish = dispatch_clock(DeadlineRules(), CAL, "noise", Priority.ORDINARY, FRIDAY, FRIDAY)
    assert finish == datetime(2022, 10, 12, 16, 0)


def test_an_accept_by_the_operator_chose_is_kept_and_finish_by_follows_it():
    chosen = datetime(2022, 10, 25, 9, 0)
    accept, finish = dispatch_clock(
        DeadlineRules(), CAL, "noise", Priority.ORDINARY, datetime(2022, 10, 20), FRIDAY,
        accept_by=chosen,
    )  # fmt: skip
    assert (accept, finish) == (chosen, datetime(2022, 10, 25, 9, 0))


def test_a_whistle_gives_hours_capped_by_the_urgency():
    rules = DeadlineRules()
    assert whistle_cap_hours(rules, Priority.ORDINARY) == 2
    assert whistle_cap_hours(rules, Priority.URGENT) == 2
    # A critical ticket is accepted within the hour anyway: a whistle cannot give more.
    assert whistle_cap_hours(rules, Priority.CRITICAL) == 1
    deadline = datetime(2022, 10, 20)
    accept, _ = dispatch_clock(rules, CAL, "noise", Priority.ORDINARY, deadline, FRIDAY, True)
    assert accept == datetime(2022, 9, 30, 18, 0)
    accept, _ = dispatch_clock(
        rules, CAL, "noise", Priority.CRITICAL, deadline, FRIDAY, True, whistle_hours=5
    )
    assert accept == datetime(2022, 9, 30, 17, 0)
    accept, _ = dispatch_clock(
        rules, CAL, "noise", Priority.ORDINARY, deadline, FRIDAY, True, whistle_hours=1
    )
    assert accept == datetime(2022, 9, 30, 17, 0)


def test_the_towns_whistle_rule_sets_the_cap():
    rules = DeadlineRules({RuleKey(LimitKind.WHISTLE_ACCEPT): TimeLimit(6, LimitUnit.HOURS)})
    assert whistle_cap_hours(rules, Priority.ORDINARY) == 6
    assert whistle_cap_hours(rules, Priority.URGENT) == 4  # its own 4 hours are shorter
