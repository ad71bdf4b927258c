"""The demo's household visits: realistic coverage, visits linked to existing grid-patrol
tickets (none added), households not visited listed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, text

from gridcenter_desktop.core.enums import RegisterKind, TicketSource
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.gridwork import Household, HouseholdVisit
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.visits.coverage import month_coverage, stale_households
from tests.demo.moments import SMALL_NOW


def test_the_demo_visits(small_demo_url):
    engine = make_engine(small_demo_url)
    try:
        with make_session_factory(engine)() as session:
            per_grid = session.execute(
                select(Household.grid_id, func.count()).group_by(Household.grid_id)
            ).all()
            assert len(per_grid) == 48
            assert all(200 <= n <= 450 for _g, n in per_grid)

            october = month_coverage(session, date(2022, 10, 1))
            rates = [w.rate for w in october.workers]
            assert len(rates) >= 48
            in_band = sum(0.85 <= r <= 1.10 for r in rates)
            behind = sum(r < 0.85 for r in rates)
            assert in_band >= 0.8 * len(rates)
            assert 1 <= behind <= 0.15 * len(rates)
            first = session.scalar(select(func.min(HouseholdVisit.visited_on)))
            last = session.scalar(select(func.max(HouseholdVisit.visited_on)))
            assert first >= date(2022, 5, 1) and last <= SMALL_NOW.date()

            linked = session.execute(
                select(Ticket.id, Ticket.source, HouseholdVisit.id, HouseholdVisit.problem).join(
                    HouseholdVisit, HouseholdVisit.ticket_id == Ticket.id
                )
            ).all()
            assert linked and all(
                source == TicketSource.GRID_PATROL and problem for _t, source, _v, problem in linked
            )
            raised = session.execute(
                select(Ticket.raised_from_id).where(Ticket.raised_from_kind == RegisterKind.VISIT)
            ).scalars()
            assert sorted(raised) == sorted(v for _t, _s, v, _p in linked)
            # last_visited_on is each household's latest visit.
            wrong = session.execute(
                text(
                    "SELECT COUNT(*) FROM household h WHERE h.last_visited_on IS NOT"
                    " (SELECT MAX(visited_on) FROM household_visit v WHERE v.household_id = h.id)"
                )
            ).scalar()
            assert wrong == 0
            total, _rows = stale_households(session, SMALL_NOW.date(), 3)
            households = sum(n for _g, n in per_grid)
            assert 0 < total < 0.25 * households
    finally:
        engine.dispose()
