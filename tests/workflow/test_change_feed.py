"""A change made at one workstation reaches the others' windows: PostgreSQL announces which
tickets changed when the action commits; SQLite tells a second process that something changed."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import TicketStatus
from gridcenter_desktop.services.change_feed import ChangeListener, parse_payload
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets import dispatch_ticket


@pytest.fixture
def listener(world):
    engine = world.sf.kw["bind"]
    feed = ChangeListener(engine, poll_interval=0.05)
    feed.wait(0.1)  # forget whatever the module's earlier tests did
    yield feed
    feed.close()


def test_a_registered_and_dispatched_ticket_is_announced(world, listener):
    ref = world.register()
    first = listener.wait(2.0)
    assert first is not None
    if world.sf.kw["bind"].dialect.name == "postgresql":
        assert ref.id in first
    else:
        assert first == []  # SQLite cannot say which: refresh everything

    world.call(dispatch_ticket, ref, to_grid=True)
    second = listener.wait(2.0)
    assert second is not None
    if world.sf.kw["bind"].dialect.name == "postgresql":
        assert second == [ref.id]


def test_a_refused_action_announces_nothing(world, listener):
    ref = world.bring_to(TicketStatus.PENDING_DISPATCH)
    listener.wait(0.3)
    with pytest.raises(ValidationError):
        world.call(dispatch_ticket, ref)  # neither grid nor department chosen
    assert listener.wait(0.3) is None


def test_quiet_when_nothing_changes(world, listener):
    assert listener.wait(0.2) is None


def test_payloads():
    assert parse_payload("3,15,7") == [3, 15, 7]
    assert parse_payload("") == []
