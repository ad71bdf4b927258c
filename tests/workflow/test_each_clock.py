"""Each department its own clock: the assistants' times at dispatch, 加派 (departments added to
a ticket being handled), and a missed acceptance (超时未签收) escalated and listed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from gridcenter_desktop.core.enums import (
    AssignmentRole,
    AssignmentStatus,
    EventAction,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.tickets import (
    accept_assignment,
    add_assignees,
    dispatch_ticket,
    escalate_missed,
)

# --- the assistants' own clock at dispatch ---------------------------------------------------


def test_assisting_departments_may_have_their_own_times(world):
    d = world.departments
    ref = world.register()
    lead_accept, lead_finish = world.now + timedelta(hours=2), datetime(2022, 3, 4, 17, 0)
    assist_finish = datetime(2022, 3, 3, 12, 0)
    world.call(
        dispatch_ticket,
        ref,
        lead_department_id=d["enforcement"],
        assist_department_ids=[d["environment"]],
        accept_by=lead_accept,
        finish_by=lead_finish,
        assist_finish_by=assist_finish,
    )
    lead, assist = world.assignments(ref.id)
    assert (lead.accept_by, lead.finish_by) == (lead_accept, lead_finish)
    # Accept-by not given for the assistants: the lead's.
    assert (assist.accept_by, assist.finish_by) == (lead_accept, assist_finish)
    data = json.loads(world.events(ref.id)[-1].data)
    assert data["assist_finish_by"] == "2022-03-03 12:00:00"


def test_without_their_own_times_the_assistants_work_to_the_lead_s(world):
    d = world.departments
    ref = world.register()
    world.call(
        dispatch_ticket,
        ref,
        lead_department_id=d["enforcement"],
        assist_department_ids=[d["environment"]],
    )
    lead, assist = world.assignments(ref.id)
    assert (assist.accept_by, assist.finish_by) == (lead.accept_by, lead.finish_by)
    assert "assist_finish_by" not in json.loads(world.events(ref.id)[-1].data)


def test_bad_assisting_times_are_refused_naming_the_field(world):
    d = world.departments
    ref = world.register()
    joint = {"lead_department_id": d["enforcement"], "assist_department_ids": [d["police"]]}
    past = world.now - timedelta(minutes=1)
    cases = [
        ({"assist_accept_by": past}, "assist_accept_by", "in_past"),
        ({"assist_finish_by": past}, "assist_finish_by", "in_past"),
        (
            {
                "assist_accept_by": world.now + timedelta(hours=5),
                "assist_finish_by": world.now + timedelta(hours=4),
            },
            "assist_finish_by",
            "before_accept",
        ),
    ]
    before = world.snapshot()
    for kwargs, field, rule in cases:
        with pytest.raises(ValidationError) as err:
            world.call(dispatch_ticket, ref, **joint, **kwargs)
        assert (err.value.field, err.value.rule) == (field, rule), kwargs
    assert world.snapshot() == before


# --- 加派 ------------------------------------------------------------------------------------


def test_departments_added_to_a_ticket_in_progress_get_their_own_clock(world):
    d = world.departments
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    world.now = T1 = world.now + timedelta(hours=3)
    finish = datetime(2022, 3, 3, 17, 0)
    out = world.call(
        add_assignees, ref, [d["water"]], finish_by=finish, instructions="请水利站协助排查"
    )
    assert out.status is TicketStatus.IN_PROGRESS
    assert out.version == ref.version + 1
    added = world.assignments(ref.id)[-1]
    assert (added.department_id, added.role) == (d["water"], AssignmentRole.ASSIST)
    assert added.status == AssignmentStatus.PENDING
    # Ordinary: a working day to accept, counted from when it was added.
    assert (added.created_at, added.accept_by, added.finish_by) == (
        T1,
        datetime(2022, 3, 2, 12, 0),
        finish,
    )
    assert added.instructions == "请水利站协助排查"
    event = world.events(ref.id)[-1]
    assert event.action == EventAction.ADD_ASSIGNEE
    assert (event.from_status, event.to_status) == ("in_progress", "in_progress")
    data = json.loads(event.data)
    assert data["departments"] == ["水利站"]
    assert data["finish_by"] == "2022-03-03 17:00:00"
    # The others keep their clocks.
    lead = world.assignments(ref.id)[0]
    assert lead.accept_by == datetime(2022, 3, 2, 9, 0)


def test_a_whistle_addition_must_report_in_within_hours(world):
    ref = world.bring_to(TicketStatus.DISPATCHED)
    world.call(add_assignees, ref, [world.departments["water"]], whistle=True)
    assert world.assignments(ref.id)[-1].accept_by == world.now + timedelta(hours=2)


def test_bad_additions_are_refused_naming_the_departments(world):
    d = world.departments
    ref = world.bring_to(TicketStatus.DISPATCHED)  # enforcement, environment, police
    past = world.now - timedelta(minutes=1)
    cases = [
        ({"department_ids": []}, "department_ids", "required"),
        ({"department_ids": [d["police"]]}, "department_ids", "already_assigned"),
        ({"department_ids": [d["water"], d["water"]]}, "department_ids", "duplicate"),
        ({"department_ids": [d["closed_office"]]}, "department_ids", "inactive"),
        ({"department_ids": [987654]}, "department_ids", "unknown"),
        ({"department_ids": [d["water"]], "accept_by": past}, "accept_by", "in_past"),
        (
            {
                "department_ids": [d["water"]],
                "accept_by": world.now + timedelta(hours=5),
                "finish_by": world.now + timedelta(hours=4),
            },
            "finish_by",
            "before_accept",
        ),
    ]
    before = world.snapshot()
    for kwargs, field, rule in cases:
        ids = kwargs.pop("department_ids")
        with pytest.raises(ValidationError) as err:
            world.call(add_assignees, ref, ids, **kwargs)
        assert (err.value.field, err.value.rule) == (field, rule), (ids, kwargs)
    assert world.snapshot() == before


def test_a_department_that_returned_the_ticket_may_be_added_again(world):
    from gridcenter_desktop.services.tickets import return_assignment

    d = world.departments
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    police = world.assignments(ref.id)[2].id
    ref = world.call(return_assignment, ref, police, "不属于本所职责")
    world.call(add_assignees, ref, [d["police"]])
    assert [a.status for a in world.assignments(ref.id) if a.department_id == d["police"]] == [
        AssignmentStatus.RETURNED,
        AssignmentStatus.PENDING,
    ]


def test_departments_are_added_only_while_the_ticket_is_handled(world):
    pending = world.register()
    with pytest.raises(TransitionError):
        world.call(add_assignees, pending, [world.departments["water"]])
    ref = world.bring_to(TicketStatus.DISPATCHED)
    with pytest.raises(PermissionDeniedError):
        world.call(
            add_assignees, ref, [world.departments["water"]], actor=world.actors[UserRole.VIEWER]
        )


# --- missed acceptance ---------------------------------------------------------------------


def _missed_setup(world):
    """A ticket dispatched at T0 whose lead accepted and whose assistants did not: after
    09:00 the next day (their accept-by) both assistants are late."""
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    _lead, environment, police = world.assignments(ref.id)
    return ref, environment, police


def test_a_missed_acceptance_is_escalated_in_one_step(world):
    ref, environment, _police = _missed_setup(world)
    world.now = datetime(2022, 3, 2, 10, 30)
    out = world.call(escalate_missed, ref, environment.id, note="请立即签收")
    assert out.status is TicketStatus.IN_PROGRESS
    ticket = world.ticket(ref.id)
    assert ticket.supervised
    escalated = world.assignments(ref.id)[1]
    assert escalated.escalated_at == world.now
    assert escalated.status == AssignmentStatus.PENDING  # still theirs to accept
    event = world.events(ref.id)[-1]
    assert event.action == EventAction.ESCALATE
    assert event.note == "请立即签收"
    data = json.loads(event.data)
    assert (data["department"], data["minutes_late"]) == ("生态环境办", 90)


def test_only_a_late_pending_assignment_may_be_escalated(world):
    ref, environment, _police = _missed_setup(world)
    lead = world.assignments(ref.id)[0]
    before = world.snapshot()
    # Not late yet (accept-by 2022-03-02 09:00).
    with pytest.raises(ValidationError) as err:
        world.call(escalate_missed, ref, environment.id)
    assert (err.value.field, err.value.rule) == ("assignment_id", "not_missed")
    world.now = datetime(2022, 3, 2, 10, 0)
    # Accepted in time: nothing to escalate.
    with pytest.raises(ValidationError) as err:
        world.call(escalate_missed, ref, lead.id)
    assert (err.value.field, err.value.rule) == ("assignment_id", "not_pending")
    with pytest.raises(ValidationError) as err:
        world.call(escalate_missed, ref, 7654321)
    assert (err.value.field, err.value.rule) == ("assignment_id", "unknown")
    with pytest.raises(PermissionDeniedError):
        world.call(escalate_missed, ref, environment.id, actor=world.actors[UserRole.VIEWER])
    assert world.snapshot() == before


def test_missed_acceptances_are_a_preset_with_a_count(fresh_world):
    world = fresh_world
    late, environment, police = _missed_setup(world)
    untouched = world.bring_to(TicketStatus.DISPATCHED)  # nobody accepted
    # Dispatched at noon: accept-by 2022-03-02 12:00, not missed at 10:30.
    world.now = datetime(2022, 3, 1, 12, 0)
    later = world.bring_to(TicketStatus.DISPATCHED)
    world.register()  # pending dispatch: nobody to accept
    now = datetime(2022, 3, 2, 10, 30)
    with world.sf() as s:
        counts = queue.preset_counts(s, None, now)
        flt = queue.preset_filter("missed_acceptance", None, now)
        ids = [r.id for r in queue.fetch_page(s, flt, queue.QueueOrder(), now=now)]
        assert counts["missed_acceptance"] == queue.count(s, flt, now) == 2
        assert queue.missed_acceptance_count(s, now) == 2
    assert sorted(ids) == sorted([late.id, untouched.id])
    assert later.id not in ids
    # Accepting every late assignment takes the ticket off the list (escalating does not).
    world.now = now
    ref = world.call(escalate_missed, late, environment.id)
    ref = world.call(accept_assignment, ref, environment.id)
    with world.sf() as s:
        assert queue.missed_acceptance_count(s, now) == 2
    world.call(accept_assignment, ref, police.id)
    with world.sf() as s:
        assert queue.missed_acceptance_count(s, now) == 1
        assert queue.count(s, queue.QueueFilter(missed_acceptance=True), now) == 1


def test_a_retried_addition_or_escalation_acts_once(world):
    import uuid

    ref = world.bring_to(TicketStatus.DISPATCHED)
    key = str(uuid.uuid4())
    first = world.call(add_assignees, ref, [world.departments["water"]], idempotency_key=key)
    again = world.call(add_assignees, ref, [world.departments["water"]], idempotency_key=key)
    assert again == first
    assert len(world.assignments(ref.id)) == 4
    world.now = datetime(2022, 3, 2, 9, 30)
    lead = world.assignments(ref.id)[0]
    key = str(uuid.uuid4())
    done = world.call(escalate_missed, first, lead.id, idempotency_key=key)
    assert world.call(escalate_missed, first, lead.id, idempotency_key=key) == done
    assert [e.action for e in world.events(ref.id)].count(EventAction.ESCALATE) == 1
