"""Twenty workstations (separate processes) register at the same moment: every one gets its
ticket and a code of its own, on PostgreSQL and on SQLite."""

from __future__ import annotations

import multiprocessing

from sqlalchemy import select

from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor

DESKS = 20


def _desk(url: str, actor: Actor, form: svc.NewTicket, now, barrier, results) -> None:
    """One workstation: connect, wait for the others, register once, report the outcome."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            # Connected and warmed up before the start, so the race is on the registration.
            session.scalar(select(Ticket.id).limit(1))
            session.rollback()
            barrier.wait(timeout=120)
            try:
                ref = svc.register_ticket(session, actor, form, now)
                results.put(("ok", ref.code))
            except Exception as exc:  # reported to the test, which fails on it
                results.put(("error", repr(exc)))
    finally:
        engine.dispose()


def test_twenty_desks_registering_at_once_all_get_distinct_codes(fresh_world):
    world = fresh_world
    url = world.sf.kw["bind"].url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(DESKS)
    results = context.Queue()
    desks = [
        context.Process(
            target=_desk,
            args=(
                url,
                world.operator,
                world.form(title=f"第{i}号工位登记"),
                world.now,
                barrier,
                results,
            ),
        )
        for i in range(DESKS)
    ]
    for desk in desks:
        desk.start()
    outcomes = [results.get(timeout=180) for _ in desks]
    for desk in desks:
        desk.join(timeout=60)

    failures = [detail for status, detail in outcomes if status != "ok"]
    assert failures == []
    codes = [detail for _status, detail in outcomes]
    assert len(set(codes)) == DESKS
    assert sorted(codes) == [f"GC20220301-{n:04d}" for n in range(1, DESKS + 1)]
    with world.sf() as s:
        assert len(s.scalars(select(Ticket.code)).all()) == DESKS
