"""Each queue filter keeps exactly the tickets an operator expects."""

from __future__ import annotations

from datetime import timedelta

import pytest
from queue_factory import NOW, add_ticket

from gridcenter_desktop.core.enums import (
    OPEN_STATUSES,
    TicketKind,
    TicketSource,
    TicketStatus,
)
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder


def codes(session, flt: QueueFilter) -> set[str]:
    rows = queue.fetch_page(session, flt, QueueOrder("code"), limit=1000, now=NOW)
    assert queue.count(session, flt, now=NOW) == len(rows)
    return {r.code for r in rows}


def expected(tickets, keep) -> set[str]:
    return {t.code for t in tickets if keep(t)}


def not_merged(t) -> bool:
    return t.status != TicketStatus.MERGED


def test_no_filter_shows_everything_but_merged_duplicates(session, queue_tickets):
    assert codes(session, QueueFilter()) == expected(queue_tickets, not_merged)
    assert len(codes(session, QueueFilter(include_merged=True))) == 40
    merged = codes(session, QueueFilter(statuses=frozenset({TicketStatus.MERGED})))
    assert merged == {queue_tickets[39].code}


def test_status_kind_category_source_filters(session, queue_tickets):
    flt = QueueFilter(statuses=frozenset({TicketStatus.PENDING_DISPATCH, TicketStatus.CLOSED}))
    assert codes(session, flt) == expected(
        queue_tickets, lambda t: t.status in (TicketStatus.PENDING_DISPATCH, TicketStatus.CLOSED)
    )
    flt = QueueFilter(kinds=frozenset({TicketKind.DISPUTE}))
    assert codes(session, flt) == expected(
        queue_tickets, lambda t: t.kind == TicketKind.DISPUTE and not_merged(t)
    )
    flt = QueueFilter(categories=frozenset({"noise"}), sources=frozenset({TicketSource.HOTLINE}))
    got = codes(session, flt)
    assert got == expected(
        queue_tickets,
        lambda t: t.category == "noise" and t.source == TicketSource.HOTLINE and not_merged(t),
    )
    assert 0 < len(got) < 39
    assert codes(session, QueueFilter(categories=frozenset())) == set()


def test_area_filter_takes_the_whole_subtree(session, town, queue_tickets):
    def in_grids(*grids):
        ids = {g.id for g in grids}
        return expected(queue_tickets, lambda t: t.grid_id in ids and not_merged(t))

    assert codes(session, QueueFilter(area_id=town.yuli.id)) == in_grids(town.yuli1, town.yuli2)
    assert codes(session, QueueFilter(area_id=town.yuli2.id)) == in_grids(town.yuli2)
    assert codes(session, QueueFilter(area_id=town.meiyuan.id)) == in_grids(town.meiyuan1)
    everything_located = in_grids(town.yuli1, town.yuli2, town.meiyuan1)
    assert codes(session, QueueFilter(area_id=town.town.id)) == everything_located


def test_department_filter_ignores_withdrawn_assignments(session, town, queue_tickets):
    got = codes(session, QueueFilter(department_id=town.water.id))
    assert got == {queue_tickets[1].code}
    enforcement = codes(session, QueueFilter(department_id=town.enforcement.id))
    assert enforcement == expected(queue_tickets[::3], not_merged)


def test_overdue_and_due_soon_are_judged_against_now(session, queue_tickets):
    overdue = codes(session, QueueFilter(deadline="overdue"))
    assert overdue == expected(
        queue_tickets, lambda t: t.status in OPEN_STATUSES and t.deadline_at < NOW
    )
    due_soon = codes(session, QueueFilter(deadline="due_soon"))
    assert due_soon == expected(
        queue_tickets,
        lambda t: t.status in OPEN_STATUSES and t.due_soon_at <= NOW < t.deadline_at,
    )
    assert overdue and due_soon and not overdue & due_soon
    # A day later more tickets are overdue.
    later = queue.count(session, QueueFilter(deadline="overdue"), now=NOW + timedelta(days=4))
    assert later > len(overdue)
    # Closed tickets are never overdue, even when asked for by status.
    flt = QueueFilter(statuses=frozenset({TicketStatus.CLOSED}), deadline="overdue")
    assert codes(session, flt) == set()


def test_created_dates_are_inclusive(session, queue_tickets):
    day = (NOW - timedelta(days=3)).date()
    got = codes(session, QueueFilter(created_from=day, created_to=day))
    assert got == expected(queue_tickets, lambda t: t.created_at.date() == day and not_merged(t))
    assert got
    since = codes(session, QueueFilter(created_from=day))
    assert since == expected(queue_tickets, lambda t: t.created_at.date() >= day and not_merged(t))


def test_handled_by_keeps_tickets_with_an_event_by_the_user(session, town, queue_tickets):
    assert codes(session, QueueFilter(handled_by=town.alice.id)) == expected(
        queue_tickets[:10], not_merged
    )
    assert codes(session, QueueFilter(handled_by=town.bob.id)) == {queue_tickets[20].code}


def test_filters_combine(session, town, queue_tickets):
    flt = QueueFilter(area_id=town.yuli.id, kinds=frozenset({TicketKind.DISPUTE}))
    yuli = {town.yuli1.id, town.yuli2.id}
    assert codes(session, flt) == expected(
        queue_tickets,
        lambda t: t.grid_id in yuli and t.kind == TicketKind.DISPUTE and not_merged(t),
    )


BAD_FILTERS = [
    (QueueFilter(deadline="late"), "deadline"),  # type: ignore[arg-type]
    (QueueFilter(created_from=NOW.date(), created_to=NOW.date() - timedelta(1)), "created_to"),
    (QueueFilter(text="，。！"), "text"),
    (QueueFilter(statuses=frozenset({"lost"})), "statuses"),  # type: ignore[arg-type]
]


def test_bad_filters_are_refused_naming_the_field(session, town):
    for flt, field in BAD_FILTERS:
        with pytest.raises(ValidationError) as err:
            queue.count(session, flt, now=NOW)
        assert err.value.field == field


def test_unknown_area_is_not_found(session, town):
    from gridcenter_desktop.services.errors import NotFoundError

    with pytest.raises(NotFoundError):
        queue.count(session, QueueFilter(area_id=99999), now=NOW)


def test_presets_count_what_their_filters_show(session, town, queue_tickets):
    add_ticket(session, 100, created=NOW.replace(hour=8), status=TicketStatus.PENDING_DISPATCH)
    session.commit()
    counts = queue.preset_counts(session, town.alice.id, NOW)
    assert set(counts) == set(queue.PRESETS)
    for name in queue.PRESETS:
        flt = queue.preset_filter(name, town.alice.id, NOW)
        assert counts[name] == queue.count(session, flt, now=NOW), name
    assert counts["today"] == 1
    assert counts["mine"] == len(expected(queue_tickets[:10], not_merged))
    assert counts["in_progress"] == len(
        expected(
            queue_tickets,
            lambda t: t.status in (TicketStatus.DISPATCHED, TicketStatus.IN_PROGRESS),
        )
    )
    with pytest.raises(ValidationError):
        queue.preset_filter("nonsense", None, NOW)
