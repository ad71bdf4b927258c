"""Placing (定位归类): the operator works through the "to be placed" list an import leaves
(no grid guessed, a platform category nobody mapped), and corrects a ticket's grid. Both
databases (the ``world`` fixture)."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import timedelta

import pytest

from gridcenter_desktop.core.enums import (
    AssignmentStatus,
    EventAction,
    IntakeSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.services import queue
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.errors import (
    ConflictError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.services.tickets.registration import Origin


def _imported(world, *, grid_id=None, category="other", unmapped=True, external="市政设施/井盖"):
    """A ticket as the import leaves it: the district platform's code, its category as written,
    no grid (待定位) and 其他 for a category nobody mapped."""
    origin = Origin(IntakeSource.DISTRICT, f"QP{uuid.uuid4().hex[:10]}", category=external)
    return world.register(
        origin=origin,
        grid_id=grid_id,
        to_place=grid_id is None,
        category=category,
        category_unmapped=unmapped,
        address="光福镇某处",
    )


def _to_place_ids(world) -> set[int]:
    with world.sf() as s:
        flt = queue.preset_filter("to_place", None, world.now)
        rows = queue.fetch_page(s, flt, queue.QueueOrder(), limit=500, now=world.now)
        assert queue.count(s, flt, world.now) == len(rows)
        return {r.id for r in rows}


def test_placing_an_imported_ticket_takes_it_off_the_list_and_keeps_its_deadline(world):
    ref = _imported(world)
    before = world.ticket(ref.id)
    assert ref.id in _to_place_ids(world)

    world.now += timedelta(hours=2)
    out = world.call(
        svc.place_ticket,
        ref,
        grid_id=world.other_grid_id,
        category="city_management",
        note="网格员核实：路口属第二网格",
    )

    ticket = world.ticket(ref.id)
    assert (ticket.grid_id, ticket.category) == (world.other_grid_id, "city_management")
    assert not ticket.to_place and not ticket.category_unmapped
    assert ticket.deadline_at == before.deadline_at
    assert ticket.status == TicketStatus.PENDING_DISPATCH == out.status
    assert out.version == ref.version + 1
    assert ref.id not in _to_place_ids(world)
    event = world.events(ref.id)[-1]
    assert event.action == EventAction.PLACE
    assert event.user_id == world.operator.user_id
    assert event.note == "网格员核实：路口属第二网格"
    data = json.loads(event.data)
    assert data["grid"] == "福利村第二网格"
    assert (data["from_category"], data["category"]) == ("other", "city_management")


def test_grid_and_category_are_placed_one_at_a_time(world):
    ref = _imported(world)
    ref = world.call(svc.place_ticket, ref, grid_id=world.grid_id)
    ticket = world.ticket(ref.id)
    # Still on the list: its category waits for the operator.
    assert not ticket.to_place and ticket.category_unmapped
    assert ref.id in _to_place_ids(world)
    with world.sf() as s:
        detail = get_ticket_detail(s, ref.id, world.operator)
    assert detail.external_source == IntakeSource.DISTRICT
    assert detail.external_category == "市政设施/井盖"
    assert detail.still_to_place and not detail.to_place

    # Keeping 其他 on purpose is a decision too: the flag goes.
    world.call(svc.place_ticket, ref, category="other")
    assert not world.ticket(ref.id).category_unmapped
    assert ref.id not in _to_place_ids(world)


def test_moving_a_ticket_to_another_grid_takes_its_waiting_grid_assignment_along(world):
    ref = world.register()
    ref = world.call(svc.dispatch_ticket, ref, to_grid=True)
    assert [a.grid_id for a in world.assignments(ref.id)] == [world.grid_id]

    ref = world.call(svc.place_ticket, ref, grid_id=world.other_grid_id)

    ticket = world.ticket(ref.id)
    assert ticket.grid_id == world.other_grid_id
    assert ticket.status == TicketStatus.DISPATCHED
    (assignment,) = world.assignments(ref.id)
    assert (assignment.grid_id, assignment.status) == (
        world.other_grid_id,
        AssignmentStatus.PENDING,
    )
    data = json.loads(world.events(ref.id)[-1].data)
    assert (data["from_grid"], data["grid"]) == ("福利村第一网格", "福利村第二网格")
    assert data["assignments_moved"] == 1


@pytest.mark.parametrize(
    ("kwargs", "field", "rule"),
    [
        ({}, "placement", "required"),
        ({"grid_id": "village"}, "grid_id", "not_grid"),
        ({"grid_id": 987654}, "grid_id", "unknown"),
        ({"category": "no_such_category"}, "category", "unknown"),
        ({"grid_id": "same"}, "placement", "unchanged"),
        ({"category": "noise", "remember_category": True}, "remember_category", "not_imported"),
    ],
)
def test_bad_placements_are_refused_naming_the_field_and_write_nothing(world, kwargs, field, rule):
    ref = world.register()  # in grid_id, category noise, registered by hand
    kwargs = dict(kwargs)
    if kwargs.get("grid_id") == "village":
        kwargs["grid_id"] = world.village_id
    elif kwargs.get("grid_id") == "same":
        kwargs["grid_id"] = world.grid_id
    before = world.snapshot()
    with pytest.raises(ValidationError) as refused:
        world.call(svc.place_ticket, ref, **kwargs)
    assert (refused.value.field, refused.value.rule) == (field, rule)
    assert world.snapshot() == before


def test_a_retired_grid_takes_no_ticket(world):
    with world.sf() as s:
        retired = Area(
            level="grid", name="已撤销网格", parent_id=world.village_id, retired_at=world.now
        )
        s.add(retired)
        s.commit()
        retired_id = retired.id
    ref = _imported(world)
    with pytest.raises(ValidationError) as refused:
        world.call(svc.place_ticket, ref, grid_id=retired_id)
    assert refused.value.rule == "inactive"
    assert world.ticket(ref.id).to_place


def test_a_viewer_may_not_place_and_a_closed_ticket_is_not_placed(world):
    ref = _imported(world)
    with pytest.raises(PermissionDeniedError):
        world.call(
            svc.place_ticket, ref, grid_id=world.grid_id, actor=world.actors[UserRole.VIEWER]
        )
    closed = world.bring_to(TicketStatus.CLOSED)
    with pytest.raises(TransitionError):
        world.call(svc.place_ticket, closed, grid_id=world.other_grid_id)


def test_the_to_place_list_counts_open_tickets_only(world):
    waiting = _imported(world)
    placed = _imported(world, grid_id=world.grid_id, category="noise", unmapped=False)
    # Dispatched to a department without a grid, then closed: nothing left to place.
    done = _imported(world)
    done = world.call(svc.dispatch_ticket, done, lead_department_id=world.departments["water"])
    with world.sf() as s:
        counts = queue.preset_counts(s, None, world.now)
    ids = _to_place_ids(world)
    assert waiting.id in ids and placed.id not in ids
    assert counts["to_place"] == len(ids)
    lead = world.pick(done.id, AssignmentStatus.PENDING)
    done = world.call(svc.accept_assignment, done, lead)
    done = world.call(svc.feed_back, done, lead, world.feedback)
    done = world.call(svc.close_ticket, done, actor=world.supervisor)
    assert done.id not in _to_place_ids(world)


def test_the_same_gesture_twice_places_once(world):
    ref = _imported(world)
    key = str(uuid.uuid4())
    first = world.call(svc.place_ticket, ref, grid_id=world.grid_id, idempotency_key=key)
    again = world.call(svc.place_ticket, ref, grid_id=world.grid_id, idempotency_key=key)
    assert again == first
    assert [e.action for e in world.events(ref.id)].count(EventAction.PLACE) == 1


def _mapping(world, source=IntakeSource.DISTRICT) -> dict[str, str]:
    from gridcenter_desktop.services.intake.categories import category_mapping

    with world.sf() as s:
        return category_mapping(s, source)


def test_remembering_the_category_maps_the_platforms_category_for_later_imports(world):
    from sqlalchemy import func, select

    from gridcenter_desktop.db.audit import AuditEntry
    from gridcenter_desktop.services.intake.categories import category_mapping, resolve_category

    external = f"市政设施/窨井盖{uuid.uuid4().hex[:6]}"
    ref = _imported(world, external=external)
    with world.sf() as s:
        assert resolve_category(external, category_mapping(s, IntakeSource.DISTRICT)) == (
            "other",
            True,
        )
        audits = s.scalar(select(func.count()).select_from(AuditEntry))

    out = world.call(svc.place_ticket, ref, category="city_management", remember_category=True)

    # One event, one version: the mapping was saved in the same transaction.
    assert out.version == ref.version + 1
    ticket = world.ticket(ref.id)
    assert ticket.category == "city_management" and not ticket.category_unmapped
    assert ticket.to_place  # the grid still waits
    with world.sf() as s:
        mapping = category_mapping(s, IntakeSource.DISTRICT)
        assert resolve_category(external, mapping) == ("city_management", False)
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audits + 1
    # Another platform's tree is its own.
    assert resolve_category(external, _mapping(world, IntakeSource.HOTLINE_12345))[1]
    data = json.loads(world.events(ref.id)[-1].data)
    assert data["remembered"]["category"] == "city_management"


def test_a_refused_placement_remembers_nothing(world):
    external = f"其他/未知{uuid.uuid4().hex[:6]}"
    ref = _imported(world, external=external)
    before = _mapping(world)
    with pytest.raises(ValidationError):
        world.call(
            svc.place_ticket,
            ref,
            grid_id=world.village_id,
            category="noise",
            remember_category=True,
        )
    stale = dataclasses.replace(ref, version=ref.version + 5)
    with pytest.raises(ConflictError):
        world.call(svc.place_ticket, stale, category="noise", remember_category=True)
    assert _mapping(world) == before
    assert world.ticket(ref.id).category_unmapped
