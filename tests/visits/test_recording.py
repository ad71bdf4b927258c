"""Recording a visit at the desk: the household found or created, the ticket raised with it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from gridcenter_desktop.core.enums import RegisterKind, TicketSource, TicketStatus, VisitSource
from gridcenter_desktop.db.gridwork import Household, HouseholdVisit
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.visits.recording import (
    NewVisit,
    RaisedTicket,
    record_visit,
    visiting_workers,
)
from tests.visits.visit_town import NOW, build_visit_town


@pytest.fixture
def vt(session):
    return build_visit_town(session)


def _visit(vt, **changes) -> NewVisit:
    values = dict(
        grid_id=vt.town.fuli_1,
        worker_id=vt.wang,
        visited_on=date(2026, 11, 18),
        address="福利村18号",
        findings="老人身体健康，家中无隐患",
    )
    values.update(changes)
    return NewVisit(**values)


def test_a_visit_finds_the_household_by_address_then_by_register_number(session, vt):
    first = record_visit(session, vt.operator, _visit(vt), NOW)
    again = record_visit(
        session, vt.operator, _visit(vt, address=" 福利村18号 ", register_no="320001"), NOW
    )
    assert first.household_created and not again.household_created
    assert again.household_id == first.household_id
    moved = record_visit(
        session, vt.operator, _visit(vt, address="福利村18号(新门牌)", register_no="320001"), NOW
    )
    assert moved.household_id == first.household_id
    other_grid = record_visit(
        session,
        vt.operator,
        _visit(vt, grid_id=vt.town.fuli_2, worker_id=vt.li, address="福利村18号"),
        NOW,
    )
    assert other_grid.household_created
    assert session.scalar(select(func.count()).select_from(Household)) == 2
    household = session.get(Household, first.household_id)
    assert household.last_visited_on == date(2026, 11, 18)
    assert household.register_no == "320001"


def test_an_older_visit_does_not_move_the_last_visit_back(session, vt):
    done = record_visit(session, vt.operator, _visit(vt), NOW)
    record_visit(session, vt.operator, _visit(vt, visited_on=date(2026, 9, 1)), NOW)
    assert session.get(Household, done.household_id).last_visited_on == date(2026, 11, 18)


def test_a_problem_raises_a_grid_patrol_ticket_in_the_same_step(session, vt):
    done = record_visit(
        session,
        vt.operator,
        _visit(
            vt,
            findings="楼道电动车充电，飞线私拉\n已当场劝导",
            ticket=RaisedTicket(category="fire_safety"),
        ),
        NOW,
    )
    assert done.ticket is not None
    ticket = session.get(Ticket, done.ticket.id)
    assert ticket.source == TicketSource.GRID_PATROL
    assert ticket.status == TicketStatus.PENDING_DISPATCH
    assert ticket.raised_from_kind == RegisterKind.VISIT
    assert ticket.raised_from_id == done.id
    assert ticket.reported_by_person_id == vt.wang
    assert ticket.grid_id == vt.town.fuli_1
    assert ticket.title == "楼道电动车充电，飞线私拉"
    assert ticket.address == "福利村18号"
    assert ticket.version == 1
    visit = session.get(HouseholdVisit, done.id)
    assert visit.problem and visit.ticket_id == ticket.id
    assert visit.source == VisitSource.DESK


def test_a_refused_ticket_leaves_no_visit_behind(session, vt):
    with pytest.raises(ValidationError) as refused:
        record_visit(session, vt.operator, _visit(vt, ticket=RaisedTicket(category="no_such")), NOW)
    assert refused.value.field == "category"
    assert session.scalar(select(func.count()).select_from(HouseholdVisit)) == 0
    assert session.scalar(select(func.count()).select_from(Household)) == 0


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        (lambda vt: {"worker_id": vt.li}, "worker_id", "not_in_grid"),
        (lambda vt: {"visited_on": date(2026, 11, 21)}, "visited_on", "future"),
        (lambda vt: {"address": "  "}, "address", "required"),
        (lambda vt: {"register_no": "1" * 40}, "register_no", "too_long"),
        (lambda vt: {"grid_id": vt.town.fuli}, "grid_id", "not_grid"),
    ],
)
def test_bad_fields_are_named(session, vt, changes, field, rule):
    with pytest.raises(ValidationError) as refused:
        record_visit(session, vt.operator, _visit(vt, **changes(vt)), NOW)
    assert (refused.value.field, refused.value.rule) == (field, rule)


def test_a_viewer_records_nothing(session, vt):
    with pytest.raises(PermissionDeniedError):
        record_visit(session, vt.viewer, _visit(vt), NOW)


def test_the_grid_leader_may_record_visits_too(session, vt):
    names = [w.name for w in visiting_workers(session, vt.town.fuli_1, date(2026, 11, 1))]
    assert names == ["王芳", "陈刚"]
    assert record_visit(session, vt.operator, _visit(vt, worker_id=vt.chen), NOW).id
