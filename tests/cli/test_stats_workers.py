"""`gridcenter stats --json` carries the grid workers' sums under "workers" (issue 12), naming
nobody, so it still needs no sign-in."""

from __future__ import annotations

import json
from datetime import datetime

from admin_console import run_here
from sqlalchemy import text

from gridcenter_desktop.core.enums import (
    AreaLevel,
    MemberRole,
    SpecialGroupKind,
    TicketKind,
    TicketSource,
    UserRole,
)
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area, GridMember, Person
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.gridwork import SpecialGroupMember
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor


def test_stats_json_has_the_workers_sums(tmp_path, capsys):
    db = str(tmp_path / "town.sqlite3")
    engine = make_engine(db)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as s:
        town = Area(level=AreaLevel.TOWN, name="光福镇")
        village = Area(level=AreaLevel.VILLAGE, name="迂里村", parent=town)
        grid = Area(level=AreaLevel.GRID, name="迂里村第一网格", parent=village)
        worker = Person(name="陈小红")
        s.add_all([town, village, grid, worker])
        s.flush()
        s.add(GridMember(area_id=grid.id, person_id=worker.id, role=MemberRole.WORKER))
        for kind in (SpecialGroupKind.ELDERLY_ALONE, SpecialGroupKind.COMMUNITY_CORRECTION):
            s.add(
                SpecialGroupMember(
                    grid_id=grid.id,
                    kind=kind,
                    name="某某",
                    worker_id=worker.id,
                    created_at=datetime(2022, 1, 1),
                    updated_at=datetime(2022, 1, 1),
                )
            )
        s.commit()
        operator = Actor(None, UserRole.OPERATOR, "调度员")
        for day, reporter in ((3, worker.id), (4, worker.id), (5, None)):
            form = svc.NewTicket(
                kind=TicketKind.ORDINARY,
                source=TicketSource.GRID_PATROL,
                category="city_management",
                title="巡查发现井盖缺失",
                grid_id=grid.id,
                reported_by_person_id=reporter,
            )
            ref = svc.register_ticket(s, operator, form, now=datetime(2022, 3, day, 9))
            if day == 3:
                svc.dispatch_ticket(
                    s, operator, ref.id, ref.version, to_grid=True, now=datetime(2022, 3, 3, 12)
                )
        assert s.execute(text("SELECT count(*) FROM ticket")).scalar_one() == 3
    engine.dispose()

    result = run_here(capsys, "stats", "--db", db, "--from", "2022-03-01", "--to", "2022-03-31",
                      "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    workers = json.loads(result.stdout)["workers"]
    assert workers["grid_workers"] == 1
    assert workers["tickets_reported"] == 2
    assert (workers["grid_tickets"], workers["responded"]) == (3, 1)
    assert workers["avg_first_response_hours"] == 3.0
    # Counted as a viewer: the community-correction member is not told of.
    assert workers["special_groups"] == 1
    assert "陈小红" not in result.stdout
