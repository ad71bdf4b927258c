"""After and around the work: urge, supervise, merge duplicates, call the reporter back."""

from __future__ import annotations

import json

import pytest

from gridcenter_desktop.core.enums import (
    AssignmentStatus,
    EventAction,
    Satisfaction,
    TicketStatus,
)
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.tickets import (
    merge_ticket,
    record_callback,
    supervise_ticket,
    urge_ticket,
)


def test_urging_counts_and_keeps_the_status(world):
    ref = world.bring_to(TicketStatus.DISPATCHED)
    ref = world.call(urge_ticket, ref, note="请尽快签收")
    ref = world.call(urge_ticket, ref)
    assert ref.status is TicketStatus.DISPATCHED
    assert world.ticket(ref.id).urge_count == 2
    events = world.events(ref.id)
    assert [e.action for e in events[-2:]] == [EventAction.URGE, EventAction.URGE]
    assert events[-2].note == "请尽快签收"


def test_supervision_names_the_department_and_why(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    with pytest.raises(PermissionDeniedError):
        world.call(supervise_ticket, ref, world.departments["enforcement"], "超期")
    before = world.snapshot()
    for department, reason, field in [
        (world.departments["enforcement"], " ", "reason"),
        (987654, "超期", "department_id"),
    ]:
        with pytest.raises(ValidationError) as err:
            world.call(supervise_ticket, ref, department, reason, actor=world.supervisor)
        assert err.value.field == field
    assert world.snapshot() == before
    ref = world.call(
        supervise_ticket,
        ref,
        world.departments["enforcement"],
        "超期两天未反馈",
        actor=world.supervisor,
    )
    assert ref.status is TicketStatus.IN_PROGRESS
    assert world.ticket(ref.id).supervised
    event = world.events(ref.id)[-1]
    assert event.note == "超期两天未反馈"
    assert json.loads(event.data)["department"] == "综合执法局"


def test_a_merged_duplicate_points_at_the_kept_ticket_whose_result_reaches_both(world):
    kept = world.bring_to(TicketStatus.IN_PROGRESS)
    dup = world.bring_to(
        TicketStatus.DISPATCHED, reporter_name="李女士", reporter_phone="13800001111"
    )
    kept_events = len(world.events(kept.id))
    out = world.call(merge_ticket, dup, kept.id, note="同一工地")
    assert out.status is TicketStatus.MERGED
    dup_ticket = world.ticket(dup.id)
    assert dup_ticket.merged_into_id == kept.id
    assert {a.status for a in world.assignments(dup.id)} == {AssignmentStatus.CANCELLED}
    merge_event = world.events(dup.id)[-1]
    assert (merge_event.action, merge_event.to_status) == (EventAction.MERGE, "merged")
    events = world.events(kept.id)
    assert len(events) == kept_events + 1
    merged_in = events[-1]
    assert merged_in.action == EventAction.MERGED_IN
    assert merged_in.from_status == merged_in.to_status == "in_progress"
    data = json.loads(merged_in.data)
    assert (data["reporter_name"], data["reporter_phone"]) == ("李女士", "13800001111")
    assert data["code"] == dup.code
    # The kept ticket moved on: someone holding its old version is told.
    assert world.ticket(kept.id).version == kept.version + 1


def test_merge_refusals(world):
    a = world.register()
    merged = world.bring_to(TicketStatus.MERGED)
    closed = world.bring_to(TicketStatus.CLOSED)
    before = world.snapshot()
    # Issue 8: merging into a closed ticket was accepted; its result had been reported.
    for target, rule in [
        (a.id, "same_ticket"),
        (999999, "unknown"),
        (merged.id, "merged"),
        (closed.id, "closed"),
    ]:
        with pytest.raises(ValidationError) as err:
            world.call(merge_ticket, a, target)
        assert (err.value.field, err.value.rule) == ("merged_into_id", rule)
    with pytest.raises(TransitionError):
        world.call(merge_ticket, closed, a.id)
    assert world.snapshot() == before


def test_a_callback_records_satisfaction(world):
    ref = world.bring_to(TicketStatus.CLOSED)
    ref = world.call(record_callback, ref, Satisfaction.BASICALLY_SATISFIED, note="已电话回访")
    assert ref.status is TicketStatus.CLOSED
    assert world.ticket(ref.id).satisfaction == Satisfaction.BASICALLY_SATISFIED
    assert world.events(ref.id)[-1].action == EventAction.CALLBACK


def test_a_dissatisfied_reporter_can_send_the_ticket_back(world):
    ref = world.bring_to(TicketStatus.CLOSED)
    before = world.snapshot()
    with pytest.raises(ValidationError) as err:
        world.call(record_callback, ref, Satisfaction.SATISFIED, reopen=True)
    assert (err.value.field, err.value.rule) == ("reopen", "requires_dissatisfied")
    with pytest.raises(ValidationError) as err:
        world.call(record_callback, ref, "delighted")
    assert err.value.field == "satisfaction"
    assert world.snapshot() == before
    ref = world.call(record_callback, ref, Satisfaction.DISSATISFIED, reopen=True)
    assert ref.status is TicketStatus.PENDING_DISPATCH
    ticket = world.ticket(ref.id)
    assert ticket.reopen_count == 1 and ticket.closed_at is None
    assert ticket.satisfaction == Satisfaction.DISSATISFIED
    event = world.events(ref.id)[-1]
    assert (event.action, event.from_status, event.to_status) == (
        EventAction.CALLBACK,
        "closed",
        "pending_dispatch",
    )


def test_a_callback_needs_a_closed_ticket(world):
    with pytest.raises(TransitionError):
        world.call(record_callback, world.register(), Satisfaction.SATISFIED)
