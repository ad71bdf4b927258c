"""What is new at a desk (services/whats_new.py): read from the ticket events, Qt-free, on both
databases. Desk A is the operator's; everything the supervisor does comes from "another desk"."""

from __future__ import annotations

from gridcenter_desktop.core.enums import EventAction, Priority
from gridcenter_desktop.services.tickets import dispatch_ticket, urge_ticket
from gridcenter_desktop.services.whats_new import (
    AlertKind,
    DeskNews,
    Mark,
    TicketNews,
    events_since,
    newest_event_id,
)


def _desk(world) -> DeskNews:
    with world.sf() as s:
        return DeskNews(world.operator.user_id, newest_event_id(s))


def _catch_up(world, desk: DeskNews):
    with world.sf() as s:
        return desk.observe(events_since(s, desk.last_event_id))


def test_another_desks_new_ticket_is_marked_until_selected(world):
    desk = _desk(world)
    before = world.register()  # this desk's own ticket: not news
    ref = world.register(world.supervisor, title="河道有死鱼")
    changed, alerts = _catch_up(world, desk)
    assert changed == {ref.id} and alerts == []
    assert desk.unseen(before.id) is None
    unseen = desk.unseen(ref.id)
    assert unseen.mark is Mark.NEW and unseen.news.user_name == world.supervisor.display_name
    assert unseen.news.title == "河道有死鱼"
    assert desk.new_count == 1
    # A change before it is seen keeps it NEW; selecting it makes it seen.
    ref = world.call(urge_ticket, ref, actor=world.supervisor, note="")
    assert _catch_up(world, desk)[0] == {ref.id}
    assert desk.unseen(ref.id).mark is Mark.NEW
    assert desk.unseen(ref.id).news.action is EventAction.URGE
    assert desk.select(ref.id) is True
    assert desk.unseen(ref.id) is None and desk.new_count == 0
    # Changed by another desk while it is the current ticket: the forms show it, no mark.
    world.call(urge_ticket, ref, actor=world.supervisor, note="")
    assert _catch_up(world, desk) == (set(), [])
    assert desk.unseen(ref.id) is None


def test_a_change_by_another_desk_marks_changed_and_reading_twice_marks_once(world):
    ref = world.register()
    desk = _desk(world)
    ref = world.call(urge_ticket, ref, actor=world.supervisor, note="")
    changed, _ = _catch_up(world, desk)
    assert changed == {ref.id}
    assert desk.unseen(ref.id).mark is Mark.CHANGED
    assert desk.new_count == 0 and desk.unseen_count == 1
    assert _catch_up(world, desk) == (set(), [])  # nothing new since


def test_whistle_dispatch_and_urgent_tickets_from_another_desk_raise_alerts(world):
    desk = _desk(world)
    urgent = world.register(world.supervisor, priority=Priority.URGENT)
    critical = world.register(world.supervisor, priority=Priority.CRITICAL)
    mine = world.register(priority=Priority.CRITICAL)  # this desk's own: no alert
    ordinary = world.register(world.supervisor)
    whistled = world.call(
        dispatch_ticket, ordinary, actor=world.supervisor, to_grid=True, whistle=True
    )
    plain = world.call(dispatch_ticket, critical, actor=world.supervisor, to_grid=True)
    _, alerts = _catch_up(world, desk)
    assert [(a.kind, a.news.ticket_id) for a in alerts] == [
        (AlertKind.URGENT, urgent.id),
        (AlertKind.URGENT, critical.id),
        (AlertKind.WHISTLE, whistled.id),
    ]
    assert plain.id == critical.id and desk.unseen(mine.id) is None
    assert desk.new_count == 3


def test_the_rule_needs_no_database():
    from datetime import datetime

    def news(event_id, ticket_id, action, user_id, **kw):
        return TicketNews(
            event_id, ticket_id, f"GC-{ticket_id}", "t", Priority.ORDINARY, action,
            datetime(2022, 10, 25, 10), user_id, f"user{user_id}", **kw,
        )  # fmt: skip

    desk = DeskNews(my_user_id=1, start=10)
    old = news(9, 1, EventAction.REGISTER, 2)  # before the desk opened
    changed, alerts = desk.observe(
        [
            news(12, 3, EventAction.DISPATCH, 2, whistle=True),
            news(11, 3, EventAction.REGISTER, 2),
            old,
        ]
    )
    assert changed == {3} and [a.kind for a in alerts] == [AlertKind.WHISTLE]
    assert desk.unseen(3).mark is Mark.NEW and desk.unseen(1) is None
    assert desk.last_event_id == 12
