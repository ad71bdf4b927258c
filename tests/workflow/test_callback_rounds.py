"""Callbacks as a queue (issue 11): each call back to a reporter is a round on record, and the
待回访 list holds every answered reporter without a rating, oldest answer first. On SQLite and
PostgreSQL."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from gridcenter_desktop.core.enums import CallbackChannel, Satisfaction, TicketStatus
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import queue
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.ticket_detail import get_ticket_detail


def test_an_unreachable_reporter_stays_to_be_called_then_a_second_round_rates(world):
    ref = world.bring_to(TicketStatus.CLOSED)
    world.now += timedelta(days=1)
    ref = world.call(
        svc.record_callback, ref, None, channel=CallbackChannel.UNREACHABLE, note="无人接听"
    )
    t = world.ticket(ref.id)
    assert (t.status, t.satisfaction) == (TicketStatus.CLOSED, None)
    world.now += timedelta(hours=2)
    ref = world.call(
        svc.record_callback, ref, Satisfaction.SATISFIED, channel=CallbackChannel.VISIT
    )
    assert world.ticket(ref.id).satisfaction == Satisfaction.SATISFIED
    with world.sf() as s:
        rounds = get_ticket_detail(s, ref.id, world.operator).callbacks
    assert [(r.channel, r.satisfaction, r.note, r.called_by_name) for r in rounds] == [
        (CallbackChannel.UNREACHABLE, None, "无人接听", "调度员小王"),
        (CallbackChannel.VISIT, Satisfaction.SATISFIED, "", "调度员小王"),
    ]
    assert rounds[1].called_at - rounds[0].called_at == timedelta(hours=2)


@pytest.mark.parametrize(
    ("satisfaction", "channel", "rule"),
    [
        (None, CallbackChannel.PHONE, "required"),
        (Satisfaction.SATISFIED, CallbackChannel.UNREACHABLE, "not_reached"),
        ("delighted", CallbackChannel.PHONE, "invalid"),
    ],
)
def test_a_reached_reporter_gives_a_rating_and_an_unreached_one_none(
    world, satisfaction, channel, rule
):
    ref = world.bring_to(TicketStatus.CLOSED)
    before = world.snapshot()
    with pytest.raises(ValidationError) as refused:
        world.call(svc.record_callback, ref, satisfaction, channel=channel)
    assert (refused.value.field, refused.value.rule) == ("satisfaction", rule)
    assert world.snapshot() == before


def test_a_dissatisfied_callback_reopens_and_says_so_on_record(world):
    ref = world.bring_to(TicketStatus.CLOSED)
    ref = world.call(svc.record_callback, ref, Satisfaction.DISSATISFIED, reopen=True)
    assert world.ticket(ref.id).status == TicketStatus.PENDING_DISPATCH
    with world.sf() as s:
        (round_,) = get_ticket_detail(s, ref.id, world.operator).callbacks
    assert round_.reopened and round_.satisfaction == Satisfaction.DISSATISFIED


def _ref(world, ticket_id: int) -> svc.TicketRef:
    t = world.ticket(ticket_id)
    return svc.TicketRef(t.id, t.code, TicketStatus(t.status), t.version)


def _pending_ids(world) -> list[int]:
    with world.sf() as s:
        flt = queue.preset_filter("callback_pending", None, world.now)
        order = queue.preset_order("callback_pending")
        return [r.id for r in queue.fetch_page(s, flt, order, limit=100, now=world.now)]


def _pending_count(world) -> int:
    with world.sf() as s:
        return queue.preset_counts(s, None, world.now)["callback_pending"]


def test_the_callback_list_holds_each_answered_reporter_oldest_answer_first(fresh_world):
    world = fresh_world
    first = world.bring_to(TicketStatus.CLOSED)
    world.now += timedelta(hours=1)
    kept = world.bring_to(TicketStatus.AWAITING_REVIEW)
    dup = world.call(svc.merge_ticket, world.register(title="同一噪音，邻居来电"), kept.id)
    kept = world.call(svc.close_ticket, _ref(world, kept.id), actor=world.supervisor)
    world.register(title="尚未办结的工单")  # open: nobody to call back yet
    no_phone = world.register(title="来访群众未留电话", reporter_phone=None)
    world.now += timedelta(hours=1)
    no_phone = world.call(svc.solve_in_grid, no_phone, "网格员当场处理")

    assert _pending_ids(world) == [first.id, kept.id, dup.id, no_phone.id]
    assert _pending_count(world) == 4

    world.call(svc.record_callback, _ref(world, dup.id), None, channel="unreachable")
    world.call(svc.record_callback, _ref(world, first.id), Satisfaction.SATISFIED)
    assert _pending_ids(world) == [kept.id, dup.id, no_phone.id]
    assert _pending_count(world) == 3


def test_sqlite_pages_the_callback_list_along_its_partial_index(
    tmp_path, migrated_sqlite_file, world_builder
):
    """The list's term is the index's own (db.ticket.CALLBACK_PENDING_SQL): SQLite uses a
    partial index only then. (A count on an empty, un-ANALYZEd file may scan another index.)"""
    # SQLite only: PostgreSQL chooses its plans by cost, not by the term's identity.
    path = tmp_path / "callbacks.sqlite3"
    shutil.copyfile(migrated_sqlite_file, path)
    world = world_builder(make_session_factory(make_engine(f"sqlite:///{path}")))
    with world.sf() as s:
        flt = queue.preset_filter("callback_pending", None, world.now)
        order = queue.preset_order("callback_pending")
        stmt = (
            select(Ticket.id)
            .where(*queue.conditions(s, flt, world.now))
            .order_by(Ticket.closed_at, Ticket.id)
            .limit(100)
        )
        compiled = stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
        plan = " ".join(str(r[-1]) for r in s.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert order == queue.QueueOrder("closed")
    assert "ix_ticket_callback_pending" in plan
