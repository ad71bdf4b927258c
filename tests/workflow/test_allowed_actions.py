"""The menus (allowed_actions) and the services agree exactly: every action offered for a
status, role and suspension is accepted, every other one is refused for its role or status."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.core.workflow import TICKET_ACTIONS, allowed_actions, status_allows
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)


def _history(world, ticket_id):
    ticket = world.ticket(ticket_id)
    return ticket.version, ticket.status, len(world.events(ticket_id))


def _cases(world):
    """(status, suspended) pairs a ticket can be in."""
    for status in TicketStatus:
        yield status, False
        if status_allows(EventAction.SUSPEND, status):
            yield status, True


def _subject(world, status, suspended):
    ref = world.bring_to(status)
    if suspended:
        ref = world.act(EventAction.SUSPEND, ref, world.supervisor)
    return ref


def test_menus_offer_exactly_what_the_services_accept(world):
    offered_somewhere = set()
    driven = sorted(TICKET_ACTIONS)
    for status, suspended in _cases(world):
        # One ticket per case for the refusals (a refusal leaves it as it was).
        subject = _subject(world, status, suspended)
        for role in UserRole:
            allowed = allowed_actions(status, role, suspended=suspended)
            offered_somewhere |= allowed
            actor = world.actors[role]
            for action in driven:
                case = (status, suspended, role, action)
                if action in allowed:
                    ref = _subject(world, status, suspended)
                    try:
                        ref = world.ready_for(action, ref)
                    except world.NotSetUp:
                        # Nothing to act on in this status (no request for time to decide):
                        # the service still takes the role and the status, only the input
                        # is refused.
                        with pytest.raises(ValidationError):
                            world.act(action, ref, actor)
                        continue
                    before = len(world.events(ref.id))
                    out = world.act(action, ref, actor)
                    events = world.events(ref.id)
                    assert len(events) == before + 1, case
                    assert events[-1].action == action
                    assert events[-1].to_status == out.status
                else:
                    before = _history(world, subject.id)
                    with pytest.raises(
                        (PermissionDeniedError, TransitionError, ValidationError)
                    ) as refused:
                        world.act(action, subject, actor)
                    if isinstance(refused.value, ValidationError):
                        # Only a merged duplicate nobody answered yet: no callback to make.
                        assert (status, refused.value.field) == (TicketStatus.MERGED, "ticket_id")
                    assert _history(world, subject.id) == before, case
    # Every action is offered somewhere (RESUME on a suspended ticket).
    assert offered_somewhere == TICKET_ACTIONS


def test_roles_in_the_menus():
    closed_for_operator = allowed_actions(TicketStatus.CLOSED, UserRole.OPERATOR)
    assert closed_for_operator == {EventAction.CALLBACK}
    review_for_supervisor = allowed_actions(TicketStatus.AWAITING_REVIEW, UserRole.SUPERVISOR)
    assert {EventAction.CLOSE, EventAction.REJECT} <= review_for_supervisor
    assert EventAction.CLOSE not in allowed_actions(TicketStatus.AWAITING_REVIEW, UserRole.OPERATOR)
    for status in TicketStatus:
        assert allowed_actions(status, UserRole.VIEWER) == frozenset()
        assert allowed_actions(status, UserRole.SUPERVISOR) <= allowed_actions(
            status, UserRole.ADMIN
        )
    assert allowed_actions(TicketStatus.MERGED, UserRole.ADMIN) == frozenset()
