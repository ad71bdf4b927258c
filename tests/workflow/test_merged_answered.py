"""Merged reporters answered (issue 11): closing the kept ticket answers every duplicate merged
into it in the same transaction, and each duplicate's reporter is then called back on their own
ticket. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from gridcenter_desktop.core.enums import (
    AssignmentStatus,
    CallbackChannel,
    EventAction,
    Outcome,
    Satisfaction,
    TicketKind,
    TicketStatus,
)
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.errors import ConflictError, ValidationError
from gridcenter_desktop.services.ticket_detail import get_ticket_detail


def _with_duplicates(world, status: TicketStatus, n: int = 2, **form):
    """A ticket brought to ``status`` with ``n`` duplicates merged into it before."""
    kept = world.register(**form)
    duplicates = []
    for i in range(n):
        dup = world.register(
            title=f"同一工地夜间施工噪音（第{i + 2}位来电）", reporter_name=f"李{i}"
        )
        duplicates.append(world.call(svc.merge_ticket, dup, kept.id))
    kept = _ref(world, kept.id)
    return _advance(world, kept, status), duplicates


def _ref(world, ticket_id: int) -> svc.TicketRef:
    t = world.ticket(ticket_id)
    return svc.TicketRef(t.id, t.code, TicketStatus(t.status), t.version)


def _advance(world, ref, status):
    if status == TicketStatus.PENDING_DISPATCH:
        return ref
    d = world.departments
    ref = world.call(svc.dispatch_ticket, ref, lead_department_id=d["enforcement"])
    lead = world.pick(ref.id, AssignmentStatus.PENDING)
    ref = world.call(svc.accept_assignment, ref, lead)
    ref = world.call(svc.feed_back, ref, lead, world.feedback)
    assert status == TicketStatus.AWAITING_REVIEW
    return ref


def test_closing_the_kept_ticket_answers_its_two_duplicates(world):
    kept, duplicates = _with_duplicates(world, TicketStatus.AWAITING_REVIEW)
    before = {d.id: world.ticket(d.id).version for d in duplicates}
    world.now += timedelta(hours=3)
    ref = world.call(svc.close_ticket, kept, note="已核实", actor=world.supervisor)

    closed = world.ticket(ref.id)
    assert closed.status == TicketStatus.CLOSED
    for dup in duplicates:
        t = world.ticket(dup.id)
        assert t.status == TicketStatus.MERGED  # the statistics keep counting it as merged
        assert t.closed_at == closed.closed_at == world.now
        assert t.outcome == closed.outcome == Outcome.RESOLVED
        assert t.satisfaction is None
        assert t.version > before[dup.id]
        answer = world.events(dup.id)[-1]
        assert answer.action == EventAction.CLOSE
        assert (answer.from_status, answer.to_status) == (TicketStatus.MERGED, TicketStatus.MERGED)
        assert answer.user_id == world.supervisor.user_id
        data = json.loads(answer.data)
        assert data["answered_by"] == closed.code
        assert data["outcome"] == Outcome.RESOLVED
        with world.sf() as s:
            detail = get_ticket_detail(s, dup.id, world.supervisor)
        # What the duplicate's reporter is told: the kept ticket's public reply.
        assert detail.answered_by_code == closed.code
        assert detail.answer_text == world.feedback.public_reply
        assert EventAction.CALLBACK in detail.actions(world.operator.role)
    kept_event = json.loads(world.events(ref.id)[-1].data)
    assert kept_event["answered"] == [d.code for d in duplicates]


def test_solving_in_the_grid_answers_the_duplicates_with_the_grids_account(world):
    kept, duplicates = _with_duplicates(
        world, TicketStatus.PENDING_DISPATCH, kind=TicketKind.DISPUTE, category="neighbour_dispute"
    )
    ref = world.call(svc.solve_in_grid, kept, "网格员上门调解，双方和解", outcome=Outcome.RESOLVED)
    for dup in duplicates:
        t = world.ticket(dup.id)
        assert (t.status, t.closed_at, t.outcome) == (
            TicketStatus.MERGED,
            world.now,
            Outcome.RESOLVED,
        )
        event = world.events(dup.id)[-1]
        assert event.action == EventAction.SOLVE_IN_GRID
        assert event.user_id == world.operator.user_id
        with world.sf() as s:
            detail = get_ticket_detail(s, dup.id, world.operator)
        assert (detail.answered_by_code, detail.answer_text) == (
            ref.code,
            "网格员上门调解，双方和解",
        )


def test_a_callback_on_a_duplicate_nobody_answered_yet_is_refused(world):
    _kept, (dup, _other) = _with_duplicates(world, TicketStatus.PENDING_DISPATCH)
    before = world.snapshot()
    with pytest.raises(ValidationError) as refused:
        world.call(svc.record_callback, dup, Satisfaction.SATISFIED)
    assert (refused.value.field, refused.value.rule) == ("ticket_id", "not_answered")
    assert world.snapshot() == before


def test_an_answered_duplicates_reporter_is_called_back_but_cannot_reopen_it(world):
    kept, (dup, other) = _with_duplicates(world, TicketStatus.AWAITING_REVIEW)
    world.call(svc.close_ticket, kept, actor=world.supervisor)
    dup = _ref(world, dup.id)
    with pytest.raises(ValidationError) as refused:
        world.call(svc.record_callback, dup, Satisfaction.DISSATISFIED, reopen=True)
    assert (refused.value.field, refused.value.rule) == ("ticket_id", "merged_reopen")
    world.call(svc.record_callback, dup, Satisfaction.DISSATISFIED, channel=CallbackChannel.SMS)
    t = world.ticket(dup.id)
    assert (t.status, t.satisfaction) == (TicketStatus.MERGED, Satisfaction.DISSATISFIED)
    # Each reporter has their own rating: the other duplicate still waits.
    assert world.ticket(other.id).satisfaction is None


def test_a_reopened_kept_ticket_leaves_its_duplicates_answered(world):
    kept, (dup, _other) = _with_duplicates(world, TicketStatus.AWAITING_REVIEW)
    ref = world.call(svc.close_ticket, kept, actor=world.supervisor)
    answered_at = world.now
    world.call(svc.record_callback, _ref(world, dup.id), Satisfaction.SATISFIED)
    world.now += timedelta(days=1)
    ref = world.call(svc.record_callback, ref, Satisfaction.DISSATISFIED, reopen=True)
    t = world.ticket(dup.id)
    assert (t.closed_at, t.satisfaction) == (answered_at, Satisfaction.SATISFIED)
    # A reporter who calls in about it now is merged in and answered by the next closing.
    late = world.call(svc.merge_ticket, world.register(title="又一位来电"), ref.id)
    ref = _advance(world, _ref(world, ref.id), TicketStatus.AWAITING_REVIEW)
    world.now += timedelta(days=1)
    world.call(svc.close_ticket, ref, actor=world.supervisor)
    assert world.ticket(dup.id).closed_at == answered_at
    assert world.ticket(late.id).closed_at == world.now
    # The kept ticket's reporter is asked again about the new result.
    assert world.ticket(ref.id).satisfaction is None


def test_a_desk_holding_a_duplicate_from_before_the_answer_is_told_who_changed_it(world):
    kept, (dup, _other) = _with_duplicates(world, TicketStatus.AWAITING_REVIEW)
    world.call(svc.close_ticket, kept, actor=world.supervisor)
    with pytest.raises(ConflictError) as told:
        world.call(svc.record_callback, dup, Satisfaction.SATISFIED)  # the version before
    assert (told.value.ticket_code, told.value.changed_by) == (dup.code, "值班长老李")
