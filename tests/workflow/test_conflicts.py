"""Optimistic locking: a stale version, or a race lost between the check and the write, is a
ConflictError naming who changed the ticket; nothing of the loser's is written."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import event

from gridcenter_desktop.core.enums import TicketStatus
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.errors import ConflictError, NotFoundError
from gridcenter_desktop.services.tickets import accept_assignment, merge_ticket, urge_ticket


def test_a_race_lost_after_the_version_check_is_a_conflict(world):
    ref = world.bring_to(TicketStatus.DISPATCHED)
    lead = world.assignments(ref.id)[0]
    rival_time = datetime(2022, 3, 1, 9, 30)

    with world.sf() as session:

        def rival_acts_first(sess, _ctx, _instances):
            # Another workstation commits between our checks and our UPDATE.
            with world.sf() as other:
                urge_ticket(other, world.supervisor, ref.id, ref.version, now=rival_time)

        event.listen(session, "before_flush", rival_acts_first, once=True)
        with pytest.raises(ConflictError) as err:
            accept_assignment(session, world.operator, ref.id, ref.version, lead.id, now=world.now)
        assert err.value.changed_by == "值班长老李"
        assert err.value.changed_at == rival_time
        assert err.value.current_version == ref.version + 1

        # The loser's acceptance left no trace; the session is usable again.
        assert world.assignments(ref.id)[0].status == "pending"
        assert [e.action for e in world.events(ref.id)][-1] == "urge"
        fresh = accept_assignment(
            session, world.operator, ref.id, ref.version + 1, lead.id, now=world.now
        )
        assert fresh.status is TicketStatus.IN_PROGRESS


def test_a_session_holding_an_old_copy_still_sees_the_conflict(world):
    ref = world.register()
    with world.sf() as session:
        # The UI's session read the ticket a while ago...
        old = session.get(Ticket, ref.id)
        assert old.version == ref.version
        session.commit()
        # ...meanwhile someone else urged it.
        world.call(urge_ticket, ref, actor=world.supervisor)
        with pytest.raises(ConflictError) as err:
            urge_ticket(session, world.operator, ref.id, ref.version, now=world.now)
        assert err.value.changed_by == "值班长老李"


def test_an_unknown_ticket_is_not_found(world):
    with world.sf() as session, pytest.raises(NotFoundError):
        urge_ticket(session, world.operator, 123456, 1)


def test_a_merge_that_loses_the_race_on_the_kept_ticket_names_that_ticket(world):
    dup = world.register(title="重复：夜间施工噪音")
    kept = world.register()
    rival_time = datetime(2022, 3, 1, 9, 45)

    with world.sf() as session:

        def rival_urges_the_kept_ticket(sess, _ctx, _instances):
            with world.sf() as other:
                urge_ticket(other, world.supervisor, kept.id, kept.version, now=rival_time)

        event.listen(session, "before_flush", rival_urges_the_kept_ticket, once=True)
        with pytest.raises(ConflictError) as err:
            merge_ticket(session, world.operator, dup.id, dup.version, kept.id, now=world.now)
    assert err.value.ticket_code == kept.code
    assert (err.value.changed_by, err.value.changed_at) == ("值班长老李", rival_time)
    assert world.ticket(dup.id).status == TicketStatus.PENDING_DISPATCH
    assert [e.action for e in world.events(kept.id)] == ["register", "urge"]
