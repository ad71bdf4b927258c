"""Actions a desk takes in one gesture are one service call and one transaction: register a
report as a duplicate of a known ticket, urge several tickets, merge into a ticket named by its
code. A refusal anywhere leaves nothing written (on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.services.errors import (
    ConflictError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.tickets import (
    merge_by_code,
    register_as_duplicate,
    urge_many,
)


def test_a_report_registered_as_a_duplicate_is_merged_in_the_same_commit(world):
    kept = world.bring_to(TicketStatus.IN_PROGRESS)
    form = world.form(reporter_name="李女士", reporter_phone="13800001111")
    with world.sf() as s:
        ref = register_as_duplicate(
            s, world.operator, form, kept.id, note="同一工地", now=world.now
        )
    assert ref.status is TicketStatus.MERGED
    assert world.ticket(ref.id).merged_into_id == kept.id
    assert [e.action for e in world.events(ref.id)] == [EventAction.REGISTER, EventAction.MERGE]
    merged_in = world.events(kept.id)[-1]
    assert merged_in.action == EventAction.MERGED_IN and "李女士" in merged_in.data


@pytest.mark.parametrize("kept_status", [TicketStatus.CLOSED, TicketStatus.MERGED])
def test_a_duplicate_that_cannot_be_merged_is_not_registered_either(world, kept_status):
    kept = world.bring_to(kept_status)
    before = world.snapshot()
    with world.sf() as s, pytest.raises(ValidationError) as err:
        register_as_duplicate(s, world.operator, world.form(), kept.id, now=world.now)
    assert (err.value.field, err.value.rule) == ("merged_into_id", kept_status.value)
    # No ticket, no event, no number used up in vain: the operator decides again.
    assert world.snapshot() == before


def test_an_invalid_report_is_refused_before_any_merge(world):
    kept = world.bring_to(TicketStatus.DISPATCHED)
    before = world.snapshot()
    with world.sf() as s, pytest.raises(ValidationError) as err:
        register_as_duplicate(s, world.operator, world.form(title=" "), kept.id, now=world.now)
    assert err.value.field == "title"
    with world.sf() as s, pytest.raises(PermissionDeniedError):
        register_as_duplicate(
            s, world.actors[UserRole.VIEWER], world.form(), kept.id, now=world.now
        )
    assert world.snapshot() == before


def test_urging_several_tickets_is_one_transaction_with_an_event_each(world):
    refs = [world.bring_to(TicketStatus.DISPATCHED), world.bring_to(TicketStatus.IN_PROGRESS)]
    with world.sf() as s:
        done = urge_many(
            s, world.operator, [(r.id, r.version) for r in refs], note="请加快", now=world.now
        )
    assert [d.id for d in done] == [r.id for r in refs]
    for ref in refs:
        assert world.ticket(ref.id).urge_count == 1
        last = world.events(ref.id)[-1]
        assert (last.action, last.note) == (EventAction.URGE, "请加快")


def test_a_ticket_changed_since_refuses_the_whole_batch_and_is_named(world):
    first = world.bring_to(TicketStatus.DISPATCHED)
    second = world.bring_to(TicketStatus.DISPATCHED)
    stale = world.act(EventAction.URGE, second, world.operator)  # another desk urged it
    before = world.snapshot()
    with world.sf() as s, pytest.raises(ConflictError) as err:
        urge_many(
            s, world.operator, [(first.id, first.version), (second.id, second.version)],
            now=world.now,
        )  # fmt: skip
    assert err.value.ticket_code == stale.code
    assert world.snapshot() == before  # the first ticket was not urged either
    closed = world.bring_to(TicketStatus.CLOSED)
    with world.sf() as s, pytest.raises(TransitionError):
        urge_many(
            s, world.operator, [(first.id, first.version), (closed.id, closed.version)],
            now=world.now,
        )  # fmt: skip
    assert world.ticket(first.id).urge_count == 0


def test_merging_into_a_ticket_named_by_its_code(world):
    kept = world.bring_to(TicketStatus.IN_PROGRESS)
    dup = world.bring_to(TicketStatus.PENDING_DISPATCH)
    with world.sf() as s:
        merged = merge_by_code(
            s, world.operator, dup.id, dup.version, f" {kept.code.lower()} ", now=world.now
        )
    assert merged.kept_id == kept.id
    assert merged.duplicate.status is TicketStatus.MERGED
    assert world.ticket(dup.id).merged_into_id == kept.id


@pytest.mark.parametrize(("code", "rule"), [("", "required"), ("GX-NOPE-0001", "unknown")])
def test_a_code_that_names_no_ticket_writes_nothing(world, code, rule):
    dup = world.bring_to(TicketStatus.PENDING_DISPATCH)
    before = world.snapshot()
    with world.sf() as s, pytest.raises(ValidationError) as err:
        merge_by_code(s, world.operator, dup.id, dup.version, code, now=world.now)
    assert (err.value.field, err.value.rule) == ("merged_into_id", rule)
    assert world.snapshot() == before
