"""Dispatching (派单) to the grid or to departments, "吹哨报到", deadlines, re-dispatch."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    Priority,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.services.errors import (
    ConflictError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.services.tickets import dispatch_ticket, return_assignment


def test_dispatch_to_the_grid(world):
    ref = world.register()
    out = world.call(dispatch_ticket, ref, to_grid=True, instructions="请网格员上门核实")
    assert out.status is TicketStatus.DISPATCHED
    assert out.version == ref.version + 1
    [a] = world.assignments(ref.id)
    assert (a.grid_id, a.department_id, a.role) == (world.grid_id, None, AssignmentRole.LEAD)
    assert a.status == AssignmentStatus.PENDING
    # Ordinary: one working day to accept; the ticket's own deadline to finish.
    assert a.accept_by == datetime(2022, 3, 2, 9, 0)
    assert a.finish_by == world.ticket(ref.id).deadline_at
    assert a.instructions == "请网格员上门核实"
    assert world.ticket(ref.id).dispatched_at == world.now
    event = world.events(ref.id)[-1]
    assert event.action == EventAction.DISPATCH
    assert (event.from_status, event.to_status) == ("pending_dispatch", "dispatched")


def test_joint_dispatch_to_a_lead_and_assisting_departments(world):
    d = world.departments
    ref = world.register()
    world.call(
        dispatch_ticket,
        ref,
        lead_department_id=d["enforcement"],
        assist_department_ids=[d["environment"], d["police"]],
    )
    with world.sf() as s:
        detail = get_ticket_detail(s, ref.id)
    assert [(a.assignee_name, a.role) for a in detail.assignments] == [
        ("综合执法局", AssignmentRole.LEAD),
        ("生态环境办", AssignmentRole.ASSIST),
        ("光福派出所", AssignmentRole.ASSIST),
    ]
    assert detail.events[-1].data["assist_departments"] == ["生态环境办", "光福派出所"]


def test_whistle_gives_two_hours_to_report_in(world):
    ref = world.register()
    world.call(dispatch_ticket, ref, lead_department_id=world.departments["police"], whistle=True)
    [a] = world.assignments(ref.id)
    assert a.accept_by == world.now + timedelta(hours=2)


def test_urgent_tickets_must_be_accepted_within_hours(world):
    ref = world.register(priority=Priority.URGENT)
    world.call(dispatch_ticket, ref, to_grid=True)
    assert world.assignments(ref.id)[0].accept_by == world.now + timedelta(hours=4)


def test_callers_may_set_their_own_times(world):
    ref = world.register()
    accept_by, finish_by = datetime(2022, 3, 1, 12, 0), datetime(2022, 3, 4, 17, 0)
    world.call(dispatch_ticket, ref, to_grid=True, accept_by=accept_by, finish_by=finish_by)
    [a] = world.assignments(ref.id)
    assert (a.accept_by, a.finish_by) == (accept_by, finish_by)


def test_bad_dispatches_are_refused_naming_the_field(world):
    d = world.departments
    ref = world.register()
    no_grid = world.register(grid_id=None)
    past = world.now - timedelta(minutes=1)
    cases = [
        (ref, {}, "lead_department_id", "required"),
        (ref, {"lead_department_id": 999999}, "lead_department_id", "unknown"),
        (ref, {"lead_department_id": d["closed_office"]}, "lead_department_id", "inactive"),
        (
            ref,
            {"lead_department_id": d["police"], "assist_department_ids": [d["police"]]},
            "assist_department_ids",
            "duplicate",
        ),
        (
            ref,
            {"lead_department_id": d["police"], "assist_department_ids": [424242]},
            "assist_department_ids",
            "unknown",
        ),
        (no_grid, {"to_grid": True}, "grid_id", "required"),
        (ref, {"to_grid": True, "accept_by": past}, "accept_by", "in_past"),
        (ref, {"to_grid": True, "finish_by": past}, "finish_by", "in_past"),
        (
            ref,
            {
                "to_grid": True,
                "accept_by": world.now + timedelta(hours=5),
                "finish_by": world.now + timedelta(hours=4),
            },
            "finish_by",
            "before_accept",
        ),
    ]
    before = world.snapshot()
    for target, kwargs, field, rule in cases:
        with pytest.raises(ValidationError) as err:
            world.call(dispatch_ticket, target, **kwargs)
        assert (err.value.field, err.value.rule) == (field, rule), kwargs
    assert world.snapshot() == before


def test_a_viewer_may_not_dispatch_and_a_dispatched_ticket_cannot_be_dispatched_again(world):
    ref = world.register()
    before = world.snapshot()
    with pytest.raises(PermissionDeniedError):
        world.call(dispatch_ticket, ref, to_grid=True, actor=world.actors[UserRole.VIEWER])
    assert world.snapshot() == before
    ref = world.call(dispatch_ticket, ref, to_grid=True)
    before = world.snapshot()
    with pytest.raises(TransitionError):
        world.call(dispatch_ticket, ref, to_grid=True)
    assert world.snapshot() == before


def test_a_stale_version_names_who_changed_the_ticket(world):
    ref = world.register()
    world.call(dispatch_ticket, ref, to_grid=True, actor=world.supervisor)
    before = world.snapshot()
    with pytest.raises(ConflictError) as err:
        world.call(dispatch_ticket, ref, lead_department_id=world.departments["police"])
    assert err.value.changed_by == "值班长老李"
    assert err.value.changed_at == world.now
    assert "值班长老李" in str(err.value) and "2022-03-01 09:00:00" in str(err.value)
    assert world.snapshot() == before


def test_re_dispatching_a_returned_ticket_cancels_the_old_assignments(world):
    d = world.departments
    ref = world.register()
    ref = world.call(
        dispatch_ticket,
        ref,
        lead_department_id=d["water"],
        assist_department_ids=[d["environment"]],
    )
    lead, assist = world.assignments(ref.id)
    ref = world.call(return_assignment, ref, lead.id, "不属于水利站职责")
    assert ref.status is TicketStatus.PENDING_DISPATCH
    ref = world.call(dispatch_ticket, ref, lead_department_id=d["enforcement"])
    statuses = [(a.department_id, a.status) for a in world.assignments(ref.id)]
    assert statuses == [
        (d["water"], AssignmentStatus.RETURNED),
        (d["environment"], AssignmentStatus.CANCELLED),
        (d["enforcement"], AssignmentStatus.PENDING),
    ]
    assert world.events(ref.id)[-1].data is not None
    assert str(assist.id) in world.events(ref.id)[-1].data


def test_an_overdue_ticket_gets_a_fresh_finish_time_not_one_in_the_past(world):
    ref = world.register()
    world.now = datetime(2022, 3, 10, 9, 0)  # past the deadline of 03-08
    world.call(dispatch_ticket, ref, to_grid=True)
    [a] = world.assignments(ref.id)
    assert a.finish_by == datetime(2022, 3, 17, 9, 0)
    assert a.finish_by >= a.accept_by >= world.now
