"""The services work when the desk is connected as the user's own login role (PostgreSQL):
each action's statements are within the grants of the user's group, the timeline carries the
user's own id, and the action trigger lets each role take its own actions."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from gridcenter_desktop.core.enums import CallbackChannel, Satisfaction, TicketStatus, UserRole
from gridcenter_desktop.services import calendar as calendar_service
from gridcenter_desktop.services import tickets as svc
from tests.conftest import worlds_as_roles

pytestmark = pytest.mark.pg
PASSWORD = "Role-pass-2026"  # the shared test server trusts local connections


@pytest.fixture(scope="module")
def role_worlds(pg_world):
    """The town's world once per role, each connected as that role's login role."""
    yield from worlds_as_roles(pg_world, PASSWORD)


def test_connections_are_the_users_own_roles(role_worlds):
    for role, world in role_worlds.items():
        with world.sf() as s:
            who = s.scalar(text("SELECT session_user"))
        assert who.endswith("." + role.value)


def test_an_operator_and_a_supervisor_run_a_ticket_to_closed(role_worlds):
    operator = role_worlds[UserRole.OPERATOR]
    supervisor = role_worlds[UserRole.SUPERVISOR]
    ref = operator.bring_to(TicketStatus.AWAITING_REVIEW)
    ref = supervisor.call(svc.close_ticket, ref, note="已核实", actor=supervisor.supervisor)
    assert operator.ticket(ref.id).status == TicketStatus.CLOSED
    ref = supervisor.call(
        svc.record_callback, ref, Satisfaction.SATISFIED, actor=supervisor.supervisor
    )
    ref = supervisor.call(svc.reopen_ticket, ref, "群众反映问题依旧", actor=supervisor.supervisor)
    assert supervisor.ticket(ref.id).status == TicketStatus.PENDING_DISPATCH
    events = operator.events(ref.id)
    by_user = {e.user_id for e in events}
    assert by_user == {operator.operator.user_id, supervisor.supervisor.user_id}


def test_an_operator_urges_merges_and_solves_in_grid(role_worlds):
    operator = role_worlds[UserRole.OPERATOR]
    ref = operator.bring_to(TicketStatus.DISPATCHED)
    ref = operator.call(svc.urge_ticket, ref)
    merged = operator.bring_to(TicketStatus.MERGED)
    assert operator.ticket(merged.id).status == TicketStatus.MERGED
    ref = operator.call(svc.solve_in_grid, ref, "网格员上门协调解决")
    assert operator.ticket(ref.id).status == TicketStatus.CLOSED


def test_the_database_refuses_an_operator_a_supervisors_action(role_worlds):
    operator = role_worlds[UserRole.OPERATOR]
    ref = operator.bring_to(TicketStatus.AWAITING_REVIEW)
    before = operator.snapshot()
    # Skip the service's own role check: the database must refuse by itself.
    with pytest.raises(DBAPIError, match="may not write a close event"):
        operator.call(
            svc.close_ticket,
            ref,
            actor=dataclasses.replace(operator.operator, role=UserRole.SUPERVISOR),
        )
    assert operator.snapshot() == before


def test_a_viewer_cannot_register(role_worlds):
    viewer = role_worlds[UserRole.VIEWER]
    with pytest.raises(DBAPIError, match="permission denied"):
        viewer.register(actor=dataclasses.replace(viewer.operator, role=UserRole.OPERATOR))


def test_only_the_admin_edits_the_calendar(role_worlds):
    from datetime import date

    from gridcenter_desktop.core.enums import HolidayKind

    admin = role_worlds[UserRole.ADMIN]
    day = date(2031, 1, 1)
    with admin.sf() as s:
        calendar_service.set_calendar_days(
            s, admin.actors[UserRole.ADMIN], {day: HolidayKind.HOLIDAY}, {day: "元旦"}
        )
        assert calendar_service.remove_calendar_days(s, admin.actors[UserRole.ADMIN], [day]) == 1
    supervisor = role_worlds[UserRole.SUPERVISOR]
    with supervisor.sf() as s, pytest.raises(DBAPIError, match="permission denied"):
        calendar_service.set_calendar_days(
            s, admin.actors[UserRole.ADMIN], {day: HolidayKind.HOLIDAY}
        )


def test_a_viewer_reads_the_queue_tree_detail_statistics_search_and_ledger(role_worlds, tmp_path):
    from datetime import date

    from gridcenter_desktop.reports.ledger import write_period_ledger
    from gridcenter_desktop.services import queue
    from gridcenter_desktop.services.areas import area_tree
    from gridcenter_desktop.services.search import search_ticket_ids
    from gridcenter_desktop.services.statistics import period_statistics
    from gridcenter_desktop.services.ticket_detail import get_ticket_detail

    ref = role_worlds[UserRole.OPERATOR].register(title="井盖缺失")
    viewer = role_worlds[UserRole.VIEWER]
    with viewer.sf() as s:
        page = queue.fetch_page(
            s, queue.QueueFilter(), queue.QueueOrder(), limit=50, now=viewer.now
        )
        assert ref.id in {row.id for row in page}
        assert queue.count(s, queue.QueueFilter(), viewer.now) >= 1
        assert queue.preset_counts(s, None, viewer.now)
        assert area_tree(s, viewer.now)
        assert get_ticket_detail(s, ref.id).title == "井盖缺失"
        figures = period_statistics(s, date(2022, 3, 1), date(2022, 3, 1), viewer.now)
        assert figures.tickets_total >= 1
        assert ref.id in search_ticket_ids(s.connection(), "井盖")
        result = write_period_ledger(
            s, tmp_path / "ledger.xlsx", date(2022, 3, 1), date(2022, 3, 1), now=viewer.now
        )
    assert result.rows >= 1 and (tmp_path / "ledger.xlsx").exists()


def test_an_operator_places_an_imported_ticket_and_remembers_its_category_as_their_own_role(
    role_worlds,
):
    from gridcenter_desktop.core.enums import IntakeSource
    from gridcenter_desktop.services.tickets.registration import Origin

    operator = role_worlds[UserRole.OPERATOR]
    ref = operator.register(
        origin=Origin(IntakeSource.HOTLINE_12345, "RX-PLACE-1", category="其他/其他"),
        grid_id=None,
        to_place=True,
        category="other",
        category_unmapped=True,
    )
    # The mapping is saved in the same transaction, within the operator's grants.
    ref = operator.call(
        svc.place_ticket, ref, grid_id=operator.grid_id, category="noise", remember_category=True
    )
    ticket = operator.ticket(ref.id)
    assert (ticket.grid_id, ticket.to_place, ticket.category_unmapped) == (
        operator.grid_id,
        False,
        False,
    )
    from gridcenter_desktop.services.intake.categories import category_mapping

    with operator.sf() as s:
        assert category_mapping(s, IntakeSource.HOTLINE_12345)["其他/其他"] == "noise"


def test_the_database_refuses_a_viewers_place_event(role_worlds):
    operator = role_worlds[UserRole.OPERATOR]
    viewer = role_worlds[UserRole.VIEWER]
    ref = operator.register()
    before = operator.snapshot()
    # The service's role check skipped: the server refuses the viewer by itself.
    with pytest.raises(DBAPIError, match="permission denied|may not write a place event"):
        viewer.call(
            svc.place_ticket,
            ref,
            grid_id=viewer.other_grid_id,
            actor=dataclasses.replace(viewer.actors[UserRole.VIEWER], role=UserRole.OPERATOR),
        )
    # Nor may a viewer write the event itself.
    with viewer.sf() as s, pytest.raises(DBAPIError, match="permission denied|may not write"):
        s.execute(
            text(
                "INSERT INTO ticket_event (ticket_id, at, user_id, action, to_status, note) "
                "VALUES (:t, now(), :u, 'place', 'pending_dispatch', '')"
            ),
            {"t": ref.id, "u": viewer.actors[UserRole.VIEWER].user_id},
        )
    assert operator.snapshot() == before


def test_the_kept_tickets_closing_answers_its_duplicates_and_their_reporters_are_called_back(
    role_worlds,
):
    """As the users' own roles: the duplicates' answer events pass the action trigger (the
    closer's own action), and an operator writes the callback rounds."""
    operator = role_worlds[UserRole.OPERATOR]
    supervisor = role_worlds[UserRole.SUPERVISOR]
    merged = operator.bring_to(TicketStatus.MERGED)
    kept_id = operator.ticket(merged.id).merged_into_id
    kept = operator.ticket(kept_id)
    kept = svc.TicketRef(kept.id, kept.code, TicketStatus(kept.status), kept.version)
    kept = operator.call(svc.solve_in_grid, kept, "网格员上门协调解决")
    duplicate = operator.ticket(merged.id)
    assert duplicate.closed_at is not None
    ref = svc.TicketRef(duplicate.id, duplicate.code, TicketStatus.MERGED, duplicate.version)
    ref = operator.call(svc.record_callback, ref, None, channel=CallbackChannel.UNREACHABLE)
    operator.call(svc.record_callback, ref, Satisfaction.SATISFIED)
    assert operator.ticket(merged.id).satisfaction == Satisfaction.SATISFIED

    review = operator.bring_to(TicketStatus.AWAITING_REVIEW)
    dup = operator.call(svc.merge_ticket, operator.register(title="重复来电"), review.id)
    review = operator.ticket(review.id)
    review = svc.TicketRef(review.id, review.code, TicketStatus(review.status), review.version)
    supervisor.call(svc.close_ticket, review, actor=supervisor.supervisor)
    assert operator.events(dup.id)[-1].user_id == supervisor.supervisor.user_id
