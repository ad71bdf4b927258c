"""What the detail panel gets for one ticket."""

from __future__ import annotations

from datetime import datetime

import pytest

from gridcenter_desktop.core.deadlines import DeadlineState
from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.services.errors import NotFoundError
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.services.tickets import urge_ticket


def test_the_detail_carries_names_assignments_timeline_and_menu(world):
    ref = world.bring_to(TicketStatus.AWAITING_REVIEW)
    world.call(urge_ticket, ref, actor=world.supervisor)
    with world.sf() as s:
        detail = get_ticket_detail(s, ref.id, world.supervisor)
    assert (detail.code, detail.status) == (ref.code, TicketStatus.AWAITING_REVIEW)
    assert (detail.grid_name, detail.village_name) == ("福利村第一网格", "福利村")
    assert detail.reporter_phone == "13912345678"
    assert detail.urge_count == 1
    assert detail.created_by_name == "调度员小王"
    assert detail.updated_by_name == "值班长老李"
    assert [a.assignee_name for a in detail.assignments] == [
        "综合执法局",
        "生态环境办",
        "光福派出所",
    ]
    assert detail.assignments[0].feedback == "已责令工地夜间停工"
    assert [e.action for e in detail.events] == [
        EventAction.REGISTER,
        EventAction.DISPATCH,
        EventAction.ACCEPT,
        EventAction.ACCEPT,
        EventAction.FEEDBACK,
        EventAction.URGE,
    ]
    assert detail.events[-1].user_name == "值班长老李"
    assert detail.events[1].data["lead_department"] == "综合执法局"
    assert detail.can(EventAction.CLOSE, UserRole.SUPERVISOR)
    assert not detail.can(EventAction.CLOSE, UserRole.OPERATOR)
    assert detail.deadline_state(datetime(2022, 3, 1, 10, 0)) is DeadlineState.ON_TIME
    assert detail.deadline_state(datetime(2022, 3, 9, 0, 0)) is DeadlineState.OVERDUE


def test_a_merged_ticket_names_the_ticket_it_went_into(world):
    ref = world.bring_to(TicketStatus.MERGED)
    with world.sf() as s:
        detail = get_ticket_detail(s, ref.id)
    assert detail.merged_into_code is not None and detail.merged_into_code != detail.code
    assert detail.actions(UserRole.ADMIN) == frozenset()


def test_an_unknown_ticket_is_not_found(world):
    with world.sf() as s, pytest.raises(NotFoundError):
        get_ticket_detail(s, 424242)
