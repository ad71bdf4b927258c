"""The menus (allowed_actions) and the services agree exactly: every action offered for a
status and role is accepted, every other one is refused for its role or status."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.core.workflow import TICKET_ACTIONS, allowed_actions
from gridcenter_desktop.services.errors import PermissionDeniedError, TransitionError


def _history(world, ticket_id):
    ticket = world.ticket(ticket_id)
    return ticket.version, ticket.status, len(world.events(ticket_id))


def test_menus_offer_exactly_what_the_services_accept(world):
    offered_somewhere = set()
    for status in TicketStatus:
        # One ticket per status for the refusals (a refusal leaves it as it was).
        subject = world.bring_to(status)
        for role in UserRole:
            allowed = allowed_actions(status, role)
            offered_somewhere |= allowed
            actor = world.actors[role]
            for action in sorted(TICKET_ACTIONS):
                if action in allowed:
                    ref = world.bring_to(status)
                    before = len(world.events(ref.id))
                    out = world.act(action, ref, actor)
                    events = world.events(ref.id)
                    assert len(events) == before + 1, (status, role, action)
                    assert events[-1].action == action
                    assert events[-1].to_status == out.status
                else:
                    before = _history(world, subject.id)
                    with pytest.raises((PermissionDeniedError, TransitionError)):
                        world.act(action, subject, actor)
                    assert _history(world, subject.id) == before, (status, role, action)
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
