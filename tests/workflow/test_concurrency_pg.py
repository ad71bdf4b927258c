"""Ten workstations acting on the same tickets at once (PostgreSQL, threads with their own
sessions): exactly one wins each race, every loser gets a ConflictError naming the winner,
nothing is dispatched twice and no update is lost."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ConflictError

pytestmark = pytest.mark.pg

WORKERS = 10
TICKETS = 3
URGES_EACH = 3


@pytest.fixture(scope="module")
def desk(pg_world):
    """The town plus ten operators, one per workstation."""
    with pg_world.sf() as s:
        users = [
            User(
                login=f"op{i:02d}",
                display_name=f"调度员{i:02d}",
                role=UserRole.OPERATOR,
                password_hash="-",
            )
            for i in range(WORKERS)
        ]
        s.add_all(users)
        s.commit()
        operators = [Actor(u.id, UserRole.OPERATOR, u.display_name) for u in users]
    return pg_world, operators


def _race(world, operators, job):
    """Run ``job(worker_index, session, actor)`` on every workstation at once; returns each
    worker's result or exception."""
    barrier = threading.Barrier(WORKERS)

    def run(i):
        with world.sf() as session:
            barrier.wait()
            try:
                return job(i, session, operators[i])
            except Exception as exc:  # collected and judged by the test
                return exc

    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(run, range(WORKERS)))


def _winner_and_losers(results):
    wins = [r for r in results if isinstance(r, svc.TicketRef)]
    losses = [r for r in results if not isinstance(r, svc.TicketRef)]
    return wins, losses


def test_one_dispatch_and_one_acceptance_win_each_race(desk):
    world, operators = desk
    departments = list(world.departments.values())[:4]
    refs = [world.register() for _ in range(TICKETS)]
    for ref in refs:

        def dispatch(i, session, actor, ref=ref):
            kwargs = (
                {"to_grid": True}
                if i % 2
                else {"lead_department_id": departments[i % len(departments)]}
            )
            return svc.dispatch_ticket(session, actor, ref.id, ref.version, now=world.now, **kwargs)

        results = _race(world, operators, dispatch)
        wins, losses = _winner_and_losers(results)
        assert len(wins) == 1, results
        assert all(isinstance(e, ConflictError) for e in losses), [
            repr(e) for e in losses if not isinstance(e, ConflictError)
        ]
        winner = operators[results.index(wins[0])].display_name
        assert {e.changed_by for e in losses} == {winner}

        with world.sf() as s:
            assignments = s.scalars(select(Assignment).where(Assignment.ticket_id == ref.id)).all()
            assert len(assignments) == 1, "dispatched twice"
            ticket = s.get(Ticket, ref.id)
            assert (ticket.status, ticket.version) == (TicketStatus.DISPATCHED, 2)
            lead_id = assignments[0].id

        dispatched = wins[0]

        def accept(i, session, actor, dispatched=dispatched, lead_id=lead_id):
            return svc.accept_assignment(
                session, actor, dispatched.id, dispatched.version, lead_id, now=world.now
            )

        wins, losses = _winner_and_losers(_race(world, operators, accept))
        assert len(wins) == 1
        assert all(isinstance(e, ConflictError) for e in losses), [
            repr(e) for e in losses if not isinstance(e, ConflictError)
        ]
        with world.sf() as s:
            actions = s.scalars(
                select(TicketEvent.action)
                .where(TicketEvent.ticket_id == ref.id)
                .order_by(TicketEvent.id)
            ).all()
        assert actions == [EventAction.REGISTER, EventAction.DISPATCH, EventAction.ACCEPT]


def test_urges_retried_after_conflicts_are_never_lost(desk):
    world, operators = desk
    refs = [world.register() for _ in range(TICKETS)]

    def urge_all(i, session, actor):
        conflicts = 0
        for ref in refs:
            for _ in range(URGES_EACH):
                while True:
                    version = session.scalar(select(Ticket.version).where(Ticket.id == ref.id))
                    session.rollback()
                    try:
                        svc.urge_ticket(session, actor, ref.id, version, now=world.now)
                        break
                    except ConflictError:
                        conflicts += 1
        return conflicts

    results = _race(world, operators, urge_all)
    assert all(isinstance(r, int) for r in results), results
    with world.sf() as s:
        for ref in refs:
            ticket = s.get(Ticket, ref.id)
            assert ticket.urge_count == WORKERS * URGES_EACH
            urges = s.scalar(
                select(func.count())
                .select_from(TicketEvent)
                .where(TicketEvent.ticket_id == ref.id, TicketEvent.action == EventAction.URGE)
            )
            assert urges == WORKERS * URGES_EACH
            assert ticket.version == 1 + urges
        by_user = Counter(
            s.scalars(
                select(TicketEvent.user_id).where(
                    TicketEvent.ticket_id.in_([r.id for r in refs]),
                    TicketEvent.action == EventAction.URGE,
                )
            ).all()
        )
    assert set(by_user.values()) == {TICKETS * URGES_EACH}
