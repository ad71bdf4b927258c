"""The grid worker's page: each figure of services.grid_workers counted by hand for a small
town, and recomputed by plain SQL for every row (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from gridcenter_desktop.core.enums import (
    AreaLevel,
    DangerKind,
    DangerStatus,
    MemberRole,
    RiskLevel,
    SpecialGroupKind,
    TicketKind,
    TicketSource,
    UserRole,
    VisitSource,
)
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.gridwork import (
    HiddenDanger,
    Household,
    HouseholdVisit,
    RentalHousing,
    SpecialGroupMember,
)
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.grid_workers import (
    current_workers,
    grid_team_figures,
    month_period,
    worker_activity,
    worker_figures,
)

MARCH = (date(2022, 3, 1), date(2022, 3, 31))
T = datetime(2022, 3, 1, 9, 0)


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2022, 3, day, hour, minute)


@pytest.fixture
def town(session):
    users = {
        role: User(login=role.value, display_name=role.value, role=role, password_hash="x")
        for role in (UserRole.OPERATOR, UserRole.SUPERVISOR)
    }
    session.add_all(users.values())
    session.flush()
    actors = {
        role: Actor(user.id, role, user.display_name, user.login) for role, user in users.items()
    }
    return build_town(session, actors)


def build_town(session, actors: dict):
    """迂里村 with two grids. G1: leader 李网格长, worker 王网格员 (all year), part-time 赵兼职,
    police 陈警官. G2: worker 孙网格员 until 10 March, then 周网格员; 吴前任 left in February.
    Returns (g1, g2, person ids by name, ``actors``)."""
    town = Area(level=AreaLevel.TOWN, name="光福镇")
    village = Area(level=AreaLevel.VILLAGE, name="迂里村", parent=town, sort_order=1)
    g1 = Area(level=AreaLevel.GRID, name="迂里村第一网格", parent=village, sort_order=1)
    g2 = Area(level=AreaLevel.GRID, name="迂里村第二网格", parent=village, sort_order=2)
    session.add_all([town, village, g1, g2])
    session.flush()
    people = {}
    for name, grid, role, since, until in (
        ("李网格长", g1, MemberRole.LEADER, None, None),
        ("王网格员", g1, MemberRole.WORKER, date(2022, 1, 1), None),
        ("赵兼职", g1, MemberRole.PART_TIME_WORKER, None, None),
        ("陈警官", g1, MemberRole.POLICE, None, None),
        ("孙网格员", g2, MemberRole.WORKER, None, date(2022, 3, 10)),
        ("周网格员", g2, MemberRole.WORKER, date(2022, 3, 11), None),
        ("吴前任", g2, MemberRole.WORKER, None, date(2022, 2, 1)),
    ):
        person = Person(name=name)
        session.add(person)
        session.flush()
        session.add(
            GridMember(area_id=grid.id, person_id=person.id, role=role, since=since, until=until)
        )
        people[name] = person.id
    session.commit()
    return g1.id, g2.id, people, actors


def _ticket(session, actor, grid_id, when, reporter=None, title="巡查发现路面破损"):
    form = svc.NewTicket(
        kind=TicketKind.ORDINARY,
        source=TicketSource.GRID_PATROL,
        category="city_management",
        title=title,
        grid_id=grid_id,
        reported_by_person_id=reporter,
    )
    return svc.register_ticket(session, actor, form, now=when)


def fill(session, town):
    """Tickets, visits and registers around March 2022 (see each line)."""
    g1, g2, p, actors = town
    op = actors[UserRole.OPERATOR]
    wang, zhao = p["王网格员"], p["赵兼职"]
    # 王 reports three in G1 in March: one dispatched 2 h later, one solved in the grid 5 h
    # later, one not answered yet; one in February (out of the period); one in G2 (not his).
    a = _ticket(session, op, g1, at(2), wang)
    svc.dispatch_ticket(session, op, a.id, a.version, to_grid=True, now=at(2, 11))
    b = _ticket(session, op, g1, at(3), wang)
    svc.solve_in_grid(session, op, b.id, b.version, "当场处理", now=at(3, 14))
    _ticket(session, op, g1, at(4), wang)
    _ticket(session, op, g1, datetime(2022, 2, 20, 9), wang)
    _ticket(session, op, g2, at(5), wang)
    # 赵 reports one in G1; a hotline ticket in G1 nobody reported, answered after 1 h.
    _ticket(session, op, g1, at(6), zhao)
    c = _ticket(session, op, g1, at(7), None, title="热线反映噪音")
    svc.dispatch_ticket(session, op, c.id, c.version, to_grid=True, now=at(7, 10))
    # 周 (G2 from 11 March) reports one.
    _ticket(session, op, g2, at(15), p["周网格员"])

    h1 = Household(grid_id=g1, address="迂里村3组1号", created_at=T)
    h2 = Household(grid_id=g1, address="迂里村3组2号", created_at=T)
    session.add_all([h1, h2])
    session.flush()
    for household, worker, day in (
        (h1, wang, date(2022, 3, 2)),
        (h1, wang, date(2022, 3, 20)),  # the same household again: 2 visits, 1 household
        (h2, wang, date(2022, 3, 21)),
        (h2, wang, date(2022, 2, 28)),  # February
        (h2, zhao, date(2022, 3, 22)),
    ):
        session.add(
            HouseholdVisit(
                household_id=household.id,
                grid_id=g1,
                worker_id=worker,
                visited_on=day,
                findings="正常",
                source=VisitSource.DESK,
                recorded_at=T,
            )
        )
    for kind, retired in (
        (SpecialGroupKind.ELDERLY_ALONE, None),
        (SpecialGroupKind.COMMUNITY_CORRECTION, None),  # sensitive: supervisors only
        (SpecialGroupKind.ELDERLY_ALONE, datetime(2022, 2, 10)),  # struck off before March
        (SpecialGroupKind.ELDERLY_ALONE, datetime(2022, 3, 15)),  # struck off during March
    ):
        session.add(
            SpecialGroupMember(
                grid_id=g1,
                kind=kind,
                name="某某",
                worker_id=wang,
                registered_on=date(2021, 5, 1),
                created_at=T,
                updated_at=T,
                retired_at=retired,
            )
        )
    session.add(
        SpecialGroupMember(
            grid_id=g1,
            kind=SpecialGroupKind.ELDERLY_ALONE,
            name="新登记",
            worker_id=wang,
            registered_on=date(2022, 4, 2),  # after March
            created_at=T,
            updated_at=T,
        )
    )
    session.add(
        RentalHousing(
            grid_id=g1,
            address="迂里村3组9号",
            landlord_name="房东",
            worker_id=wang,
            created_at=T,
            updated_at=T,
        )
    )
    for found in (date(2022, 3, 8), date(2022, 4, 1)):
        session.add(
            HiddenDanger(
                grid_id=g1,
                place="迂里村加油站",
                kind=DangerKind.FIRE,
                risk_level=RiskLevel.HIGH,
                found_on=found,
                found_by_id=wang,
                status=DangerStatus.OPEN,
                created_at=T,
                updated_at=T,
            )
        )
    session.commit()


def _row(rows, name, grid_id):
    return next(r for r in rows if r.name == name and r.grid_id == grid_id)


def test_march_figures_by_hand(session, town):
    g1, g2, p, actors = town
    fill(session, town)
    rows = worker_figures(session, actors[UserRole.SUPERVISOR], *MARCH)
    # Workers only (no leader, no police), those who served in March, G1 before G2.
    assert [(r.name, r.grid_id) for r in rows] == [
        ("王网格员", g1),
        ("赵兼职", g1),
        ("孙网格员", g2),
        ("周网格员", g2),
    ]
    wang = _row(rows, "王网格员", g1)
    assert wang.tickets_reported == 3
    assert (wang.visits, wang.households_visited) == (3, 2)
    assert wang.visit_target == 100 and wang.coverage == pytest.approx(0.02)
    assert (wang.special_groups, wang.rentals, wang.dangers_found) == (2, 1, 1)
    assert wang.registers_kept == 4
    # G1's March tickets: 王's 3, 赵's 1, the hotline one = 5; answered after 2 h, 5 h, 1 h.
    assert (wang.grid_tickets, wang.responded, wang.awaiting_response) == (5, 3, 2)
    assert wang.average_response_hours == pytest.approx(8 / 3)
    zhao = _row(rows, "赵兼职", g1)
    assert (zhao.tickets_reported, zhao.visits, zhao.registers_kept) == (1, 1, 0)
    assert zhao.average_response_hours == wang.average_response_hours
    assert _row(rows, "周网格员", g2).tickets_reported == 1
    assert _row(rows, "孙网格员", g2).tickets_reported == 0

    # An operator is not told of the community-correction member.
    as_operator = worker_figures(session, actors[UserRole.OPERATOR], *MARCH)
    assert _row(as_operator, "王网格员", g1).special_groups == 1
    # A longer period has no monthly target.
    quarter = worker_figures(
        session, actors[UserRole.OPERATOR], date(2022, 1, 1), date(2022, 3, 31)
    )
    assert _row(quarter, "王网格员", g1).tickets_reported == 4
    assert _row(quarter, "王网格员", g1).coverage is None
    assert "吴前任" in {r.name for r in quarter}


_SQL = {
    "tickets_reported": """
        SELECT count(*) FROM ticket WHERE reported_by_person_id = :p AND grid_id = :g
        AND created_at >= :start AND created_at < :end AND status <> 'merged'""",
    "visits": """
        SELECT count(*) FROM household_visit WHERE worker_id = :p AND grid_id = :g
        AND visited_on BETWEEN :d0 AND :d1""",
    "households_visited": """
        SELECT count(DISTINCT household_id) FROM household_visit WHERE worker_id = :p
        AND grid_id = :g AND visited_on BETWEEN :d0 AND :d1""",
    "special_groups": """
        SELECT count(*) FROM special_group_member WHERE worker_id = :p AND grid_id = :g
        AND (registered_on IS NULL OR registered_on <= :d1)
        AND (retired_at IS NULL OR retired_at >= :end)""",
    "rentals": """
        SELECT count(*) FROM rental_housing WHERE worker_id = :p AND grid_id = :g
        AND (retired_at IS NULL OR retired_at >= :end)""",
    "dangers_found": """
        SELECT count(*) FROM hidden_danger WHERE found_by_id = :p AND grid_id = :g
        AND found_on BETWEEN :d0 AND :d1""",
    "grid_tickets": """
        SELECT count(*) FROM ticket WHERE grid_id = :g AND created_at >= :start
        AND created_at < :end AND status <> 'merged'""",
}
_FIRST_RESPONSES = """
    SELECT t.created_at, min(e.at) FROM ticket t
    JOIN ticket_event e ON e.ticket_id = t.id
        AND e.action IN ('dispatch', 'accept', 'solve_in_grid')
    WHERE t.grid_id = :g AND t.created_at >= :start AND t.created_at < :end
        AND t.status <> 'merged'
    GROUP BY t.id, t.created_at"""


def _moment(value) -> datetime:
    # Raw SQL on SQLite gives the stored text.
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def test_every_figure_recomputed_by_sql(session, town):
    _g1, _g2, _p, actors = town
    fill(session, town)
    d0, d1 = MARCH
    bounds = {"d0": d0, "d1": d1, "start": datetime(2022, 3, 1), "end": datetime(2022, 4, 1)}
    rows = worker_figures(session, actors[UserRole.SUPERVISOR], d0, d1)
    assert rows
    for row in rows:
        params = {"p": row.person_id, "g": row.grid_id, **bounds}
        for figure, sql in _SQL.items():
            assert getattr(row, figure) == session.execute(text(sql), params).scalar_one(), (
                row.name,
                figure,
            )
        answered = session.execute(text(_FIRST_RESPONSES), params).all()
        assert row.responded == len(answered)
        if answered:
            hours = sum((_moment(f) - _moment(c)).total_seconds() for c, f in answered) / 3600
            assert row.average_response_hours == pytest.approx(hours / len(answered))
        else:
            assert row.average_response_hours is None


def test_grid_team_and_recent_activity(session, town):
    g1, _g2, p, actors = town
    fill(session, town)
    team = grid_team_figures(session, actors[UserRole.OPERATOR], g1, *MARCH)
    assert (team.grid_name, team.village_name) == ("迂里村第一网格", "迂里村")
    # The "1+1+N": leader, worker, then the others.
    assert [m.name for m in team.team] == ["李网格长", "王网格员", "赵兼职", "陈警官"]
    assert [w.name for w in team.workers] == ["王网格员", "赵兼职"]
    assert (team.grid_tickets, team.responded) == (5, 3)
    with pytest.raises(ValidationError) as refused:
        grid_team_figures(session, actors[UserRole.OPERATOR], 999_999, *MARCH)
    assert refused.value.field == "grid_id"

    activity = worker_activity(session, actors[UserRole.OPERATOR], p["王网格员"], limit=3)
    assert [t.created_at for t in activity.tickets] == [at(5), at(4), at(3)]
    assert [v.visited_on for v in activity.visits] == [
        date(2022, 3, 21),
        date(2022, 3, 20),
        date(2022, 3, 2),
    ]
    assert activity.visits[0].address == "迂里村3组2号"


def test_registration_keeps_the_reporting_worker(session, town):
    g1, _g2, p, actors = town
    ref = _ticket(session, actors[UserRole.OPERATOR], g1, at(2), p["王网格员"])
    stored = session.execute(
        text("SELECT reported_by_person_id FROM ticket WHERE id = :id"), {"id": ref.id}
    ).scalar_one()
    assert stored == p["王网格员"]
    with pytest.raises(ValidationError) as refused:
        _ticket(session, actors[UserRole.OPERATOR], g1, at(2), 987_654)
    assert (refused.value.field, refused.value.rule) == ("reported_by_person_id", "unknown")


def test_pickers_and_periods(session, town):
    g1, g2, _p, actors = town
    choices = current_workers(session)
    assert [(c.name, c.grid_id) for c in choices] == [
        ("王网格员", g1),
        ("赵兼职", g1),
        ("周网格员", g2),
    ]
    assert month_period(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert month_period(2022, 12) == (date(2022, 12, 1), date(2022, 12, 31))
    with pytest.raises(ValidationError) as refused:
        worker_figures(session, actors[UserRole.OPERATOR], date(2022, 3, 2), date(2022, 3, 1))
    assert refused.value.field == "date_to"


def test_excel_sheet_for_the_superiors(session, town, tmp_path):
    from openpyxl import load_workbook

    from gridcenter_desktop.reports.grid_workers import export_worker_sheet

    _g1, _g2, _p, actors = town
    fill(session, town)
    out = tmp_path / "网格员工作情况.xlsx"
    result = export_worker_sheet(session, out, actors[UserRole.SUPERVISOR], *MARCH)
    assert result.rows == 4
    ws = load_workbook(out, read_only=True)["网格员工作情况"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "网格员工作情况"
    assert "2022-03-01 至 2022-03-31" in rows[1][0]
    header = rows[2]
    wang = dict(zip(header, rows[3], strict=False))
    assert (wang["网格员"], wang["类别"], wang["上报工单"]) == ("王网格员", "专职网格员", 3)
    assert (wang["走访户数"], wang["目标户数"], wang["覆盖率(%)"]) == (2, 100, 2)
    assert wang["平均首次响应(小时)"] == pytest.approx(2.7)
    audited = session.execute(
        text("SELECT count(*) FROM audit_entry WHERE action = 'export' AND target = 'grid_workers'")
    ).scalar_one()
    assert audited == 1


def test_town_totals_count_each_grid_once(session, town):
    from gridcenter_desktop.services.grid_workers import worker_totals

    _g1, _g2, _p, actors = town
    fill(session, town)
    rows = worker_figures(session, actors[UserRole.SUPERVISOR], *MARCH)
    totals = worker_totals(rows)
    assert totals["grid_workers"] == 4
    assert totals["tickets_reported"] == 3 + 1 + 1
    assert totals["visits"] == 4
    # G1: 5 tickets, 3 answered (2 h, 5 h, 1 h); G2: 2 tickets, none answered.
    assert (totals["grid_tickets"], totals["responded"]) == (7, 3)
    assert totals["avg_first_response_hours"] == pytest.approx(8 / 3, abs=0.01)
