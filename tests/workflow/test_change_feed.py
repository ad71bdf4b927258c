"""A change made at one workstation reaches the others' windows: the listener names the
tickets changed by other desks (PostgreSQL NOTIFY; SQLite's timeline read when data_version
moves), never hands a desk back its own change, and never mistakes another desk's change for
one's own however close in time. On PostgreSQL the listener survives the server going away."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from gridcenter_desktop.core.enums import TicketStatus
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.change_feed import ChangeListener, parse_payload
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.tickets import dispatch_ticket, register_ticket


def _url(world) -> str:
    return world.sf.kw["bind"].url.render_as_string(hide_password=False)


@pytest.fixture
def other_desk(world):
    """A second workstation on the same database: its own engine (and origin)."""
    engine = make_engine(_url(world))
    yield engine
    engine.dispose()


def _listen(engine, **kwargs) -> ChangeListener:
    feed = ChangeListener(engine, poll_interval=0.01, **kwargs)
    feed.wait(0.05)  # forget whatever the module's earlier tests did
    return feed


def _register_at(engine, world) -> int:
    with make_session_factory(engine)() as s:
        return register_ticket(s, world.operator, world.form(), world.now).id


def test_another_desks_registration_and_dispatch_are_announced_by_ticket(world, other_desk):
    feed = _listen(other_desk)
    try:
        ref = world.register()
        assert feed.wait(2.0) == [ref.id]
        world.call(dispatch_ticket, ref, to_grid=True)
        assert feed.wait(2.0) == [ref.id]
    finally:
        feed.close()


def test_a_desks_own_change_is_not_handed_back_but_anothers_right_after_is(world, other_desk):
    own = _listen(world.sf.kw["bind"])
    try:
        world.register()
        assert own.wait(0.3) is None
        # Within a fraction of a second of our own change (the old 3-second window dropped it).
        world.register()
        theirs = _register_at(other_desk, world)
        assert own.wait(2.0) == [theirs]
    finally:
        own.close()


def test_a_refused_action_announces_nothing(world, other_desk):
    ref = world.bring_to(TicketStatus.PENDING_DISPATCH)
    feed = _listen(other_desk)
    try:
        with pytest.raises(ValidationError):
            world.call(dispatch_ticket, ref)  # neither grid nor department chosen
        assert feed.wait(0.3) is None
    finally:
        feed.close()


def test_quiet_when_nothing_changes(world, other_desk):
    feed = _listen(other_desk)
    try:
        assert feed.wait(0.2) is None
    finally:
        feed.close()


def test_payloads():
    assert parse_payload("a1b2c3:3,15,7") == ("a1b2c3", [3, 15, 7])
    assert parse_payload("a1b2c3:") == ("a1b2c3", [])
    assert parse_payload("3,15") == ("", [3, 15])


@pytest.mark.pg
def test_the_listener_reconnects_after_losing_the_server_and_says_so(pg_world):
    world = pg_world
    engine = make_engine(_url(world))
    states: list[bool] = []
    feed = _listen(engine, on_state=states.append)
    try:
        with world.sf() as s:
            s.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                )
            )
            s.commit()
        assert feed.wait(1.0) is None
        assert states == [False]
        assert not feed.connected
        # Back after the first pause: "refresh everything", since changes may have been missed.
        started = time.monotonic()
        heard = None
        while heard is None and time.monotonic() - started < 5:
            heard = feed.wait(0.5)
        assert heard == []
        assert states == [False, True]
        ref = world.register()
        assert feed.wait(2.0) == [ref.id]
    finally:
        feed.close()
        engine.dispose()
