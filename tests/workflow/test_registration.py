"""Registering tickets (受理): numbering, deadlines, and what the form refuses."""

from __future__ import annotations

from datetime import datetime

import pytest

from gridcenter_desktop.core.enums import (
    EventAction,
    Priority,
    TicketKind,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError


def test_a_registered_ticket_waits_for_dispatch_with_its_deadline(fresh_world):
    world = fresh_world  # numbering starts at 0001 in a database of its own
    ref = world.register()
    assert ref.code == "GC20220301-0001"
    assert ref.status is TicketStatus.PENDING_DISPATCH
    ticket = world.ticket(ref.id)
    assert ticket.version == ref.version == 1
    # noise: 5 working days from Tuesday 09:00 → next Tuesday 09:00.
    assert ticket.deadline_at == datetime(2022, 3, 8, 9, 0)
    # 75 % of the WORKING time (the weekend counts nothing): Monday 03:00, where the wall
    # clock said Sunday 15:00.
    assert ticket.due_soon_at == datetime(2022, 3, 7, 3, 0)
    assert ticket.priority_rank == 0
    assert ticket.created_by_id == world.operator.user_id
    assert ticket.closed_at is None
    [event] = world.events(ref.id)
    assert event.action == EventAction.REGISTER
    assert (event.from_status, event.to_status) == (None, TicketStatus.PENDING_DISPATCH)
    assert event.user_id == world.operator.user_id


def test_codes_count_up_per_day_and_restart_the_next_day(fresh_world):
    world = fresh_world  # numbering starts at 0001 in a database of its own
    codes = [world.register().code for _ in range(3)]
    assert codes == ["GC20220301-0001", "GC20220301-0002", "GC20220301-0003"]
    world.now = datetime(2022, 3, 2, 8, 0)
    assert world.register().code == "GC20220302-0001"


def test_urgent_and_critical_tickets_get_shorter_deadlines(world):
    urgent = world.ticket(world.register(priority=Priority.URGENT).id)
    assert urgent.deadline_at == datetime(2022, 3, 3, 9, 0)  # min(ceil(5/2), 2) working days
    assert urgent.priority_rank == 1
    critical = world.ticket(world.register(priority=Priority.CRITICAL).id)
    assert critical.deadline_at == datetime(2022, 3, 2, 9, 0)  # 24 hours
    assert critical.priority_rank == 2


def test_a_petition_counts_its_people_and_needs_no_grid(world):
    ref = world.register(
        kind=TicketKind.PETITION,
        category="petition_matter",
        people_count=5,
        grid_id=None,
        reporter_phone="0512-66881234",
    )
    ticket = world.ticket(ref.id)
    assert ticket.people_count == 5
    assert ticket.grid_id is None
    assert ticket.reporter_phone == "0512-66881234"


BAD_FORMS = [
    ({"title": "   "}, "title", "required"),
    ({"title": "长" * 201}, "title", "too_long"),
    ({"category": "no_such_thing"}, "category", "unknown"),
    ({"category": ""}, "category", "required"),  # issue 8: never a silent default
    ({"grid_id": 999999}, "grid_id", "unknown"),
    ({"reporter_phone": "12345"}, "reporter_phone", "phone"),
    ({"reporter_phone": "1391234567"}, "reporter_phone", "phone"),
    ({"reporter_phone": "12912345678"}, "reporter_phone", "phone"),
    ({"people_count": 0}, "people_count", "positive"),
    ({"address": "路" * 201}, "address", "too_long"),
    ({"latitude": 91.0}, "latitude", "range"),
    ({"priority": "very_urgent"}, "priority", "invalid"),
]


def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(world):
    before = world.snapshot()
    for overrides, field, rule in BAD_FORMS:
        with pytest.raises(ValidationError) as err:
            world.register(**overrides)
        assert (err.value.field, err.value.rule) == (field, rule), overrides
    # A village is not a grid.
    with pytest.raises(ValidationError) as err:
        world.register(grid_id=world.village_id)
    assert (err.value.field, err.value.rule) == ("grid_id", "not_grid")
    assert world.snapshot() == before


def test_a_viewer_cannot_register(world):
    before = world.snapshot()
    with pytest.raises(PermissionDeniedError):
        world.register(actor=world.actors[UserRole.VIEWER])
    assert world.snapshot() == before
