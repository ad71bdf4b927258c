"""Writing an import (apply_intake, register_many): one transaction, one audit entry, the same
sheet twice adds nothing, Cancel and a stale plan write nothing; on PostgreSQL as the
operator's own login role too."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select, text

from gridcenter_desktop.core.enums import (
    AuditAction,
    EventAction,
    IntakeSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.db import migrate, roles
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.services.change_feed import ChangeListener
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.intake import plan as plan_module
from gridcenter_desktop.services.intake.plan import (
    RegistrationCancelled,
    apply_intake,
)
from gridcenter_desktop.services.pg_sign_in import engine_as
from gridcenter_desktop.services.search import search_ticket_ids
from gridcenter_desktop.services.tickets import register_ticket
from gridcenter_desktop.services.tickets.registration import FormRefused, register_many
from tests.conftest import create_pg_database, drop_pg_database
from tests.intake.plan_town import NOW, build_plan_town, plan, row, sheet_of


def apply(town, the_plan, actor=None, **kwargs):
    with town.sf() as s:
        return apply_intake(s, actor or town.operator, the_plan, now=NOW, **kwargs)


def morning_sheet(n=30):
    return sheet_of(
        *(
            row(
                f"2022040100{i:03d}",
                title=f"第{i}号路段路灯不亮",
                address=f"福利村第{'一二'[i % 2]}网格",
            )
            for i in range(n)
        ),
        row("X1", address="光福镇某小区"),
        row("X2", category="社区事务/宠物管理"),
        row("X3", reporter_phone="不详12"),
    )


def test_an_import_registers_every_valid_row_with_one_audit_entry(town):
    the_plan = plan(town, morning_sheet())
    result = apply(town, the_plan)
    assert (result.added, result.already_present, result.rejected) == (32, 0, 1)
    assert (result.to_place, result.category_unmapped) == (1, 1)
    with town.sf() as s:
        tickets = s.scalars(select(Ticket).order_by(Ticket.id)).all()
        assert [t.id for t in tickets] == list(result.ticket_ids)
        assert [t.code for t in tickets] == [f"GC20220405-{n:04d}" for n in range(1, 33)]
        assert {t.status for t in tickets} == {TicketStatus.PENDING_DISPATCH}
        assert {t.external_source for t in tickets} == {IntakeSource.HOTLINE_12345}
        assert tickets[0].external_code == "2022040100000"
        assert tickets[0].reporter_phone_reversed == "87654321931"
        placed = {t.external_code: (t.to_place, t.category_unmapped) for t in tickets}
        assert placed["X1"] == (True, False) and placed["X2"] == (False, True)
        event = s.scalars(select(TicketEvent).where(TicketEvent.ticket_id == tickets[0].id)).one()
        assert event.action == EventAction.REGISTER and event.user_id == town.operator.user_id
        assert json.loads(event.data)["code"] == "2022040100000"
        [audit] = s.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.TICKET_IMPORT)
        ).all()
        assert audit.target == "早班工单.xlsx"
        assert json.loads(audit.detail)["added"] == 32
        # Found by the search box like any ticket.
        assert tickets[5].id in search_ticket_ids(s.connection(), "第5号路段")
    # A desk registering by hand afterwards continues the day's numbering.
    with town.sf() as s:
        ref = register_ticket(
            s,
            town.operator,
            the_plan.to_add[0].form.__class__(
                kind="ordinary", source="hotline", category="noise", title="噪音"
            ),
            NOW,
        )
    assert ref.code == "GC20220405-0033"


def test_another_desk_hears_of_the_imported_tickets(town):
    url = town.sf.kw["bind"].url.render_as_string(hide_password=False)
    other_desk = make_engine(url)
    feed = ChangeListener(other_desk, poll_interval=0.01)
    try:
        feed.wait(0.05)
        result = apply(town, plan(town, morning_sheet(10)))
        heard: set[int] = set()
        while not heard >= set(result.ticket_ids):
            ids = feed.wait(5.0)
            assert ids, "nothing (or 'refresh everything') heard"
            heard.update(ids)
        assert heard == set(result.ticket_ids)
    finally:
        feed.close()
        other_desk.dispose()


def test_the_same_sheet_imported_twice_changes_nothing(town):
    apply(town, plan(town, morning_sheet()))
    before = town.counts()
    second = plan(town, morning_sheet())
    assert not second.to_add and len(second.present) == 32
    result = apply(town, second)
    assert (result.added, result.already_present) == (0, 32)
    tickets, events, audits = town.counts()
    assert (tickets, events) == before[:2]
    assert audits == before[2] + 1  # the import itself is recorded


def test_cancel_writes_nothing(town):
    the_plan = plan(town, morning_sheet(2500))
    before = town.counts()
    seen = []

    def cancelled():
        return len(seen) >= 1

    with pytest.raises(RegistrationCancelled):
        apply(town, the_plan, progress=seen.append, cancelled=cancelled)
    assert seen and seen[0].done == 1000 and seen[0].total == 2502
    assert town.counts() == before
    # and the numbering is given back
    result = apply(town, the_plan)
    assert result.added == 2502


def test_cancel_after_the_last_row_still_writes_nothing(town, monkeypatch):
    # The operator presses Cancel once every row is in, while the import's audit entry is
    # being written: the import must still end with nothing written.
    from gridcenter_desktop.services.intake import plan as planning

    the_plan = plan(town, morning_sheet(30))
    before = town.counts()
    pressed = []
    write_audit = planning.record

    def record_then_press_cancel(*args, **kwargs):
        write_audit(*args, **kwargs)
        pressed.append(True)

    monkeypatch.setattr(planning, "record", record_then_press_cancel)
    with pytest.raises(RegistrationCancelled):
        apply(town, the_plan, cancelled=lambda: bool(pressed))
    assert pressed
    assert town.counts() == before


def test_a_stale_plan_is_refused(town):
    first = plan(town, morning_sheet(3))
    second = plan(town, morning_sheet(3))
    apply(town, first)
    before = town.counts()
    with pytest.raises(ValidationError) as refused:
        apply(town, second)
    assert (refused.value.field, refused.value.rule) == ("intake_plan", "stale")
    assert town.counts() == before


def test_a_code_committed_by_another_desk_during_the_import_is_stale_too(town, monkeypatch):
    first = plan(town, morning_sheet(3))
    second = plan(town, morning_sheet(3))
    apply(town, first)
    # As if the other desk committed after this import's check: the unique index refuses.
    monkeypatch.setattr(plan_module, "_existing_codes", lambda *args: set())
    before = town.counts()
    with pytest.raises(ValidationError) as refused:
        apply(town, second)
    assert refused.value.rule == "stale"
    assert town.counts() == before


def test_a_viewer_may_not_import(town):
    with pytest.raises(PermissionDeniedError):
        apply(town, plan(town, morning_sheet(2)), actor=town.actors[UserRole.VIEWER])
    assert town.counts()[0] == 0


def test_register_many_refuses_all_for_one_bad_form_naming_it(town):
    forms = [p.form for p in plan(town, morning_sheet(3)).to_add]
    forms[2] = dataclasses.replace(forms[2], category="nonsense")
    with town.sf() as s, pytest.raises(FormRefused) as refused:
        register_many(s, town.operator, forms, NOW)
    assert (refused.value.index, refused.value.field) == (2, "category")
    assert town.counts()[0] == 0


@pytest.fixture
def pg_town():
    url = create_pg_database()
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        yield build_plan_town(make_session_factory(engine))
    finally:
        engine.dispose()
        drop_pg_database(url)


@pytest.mark.pg
def test_an_operator_imports_as_their_own_login_role(pg_town):
    town = pg_town
    with town.sf() as s:
        conn = s.connection()
        roles.create_logins(conn, [("plan_operator", UserRole.OPERATOR, "Role-pass-2026")])
        prefix = roles.database_prefix(conn)
        s.commit()
    engine = engine_as(
        town.sf.kw["bind"].url, roles.login_role(prefix, "plan_operator"), "Role-pass-2026"
    )
    try:
        own = dataclasses.replace(town, sf=make_session_factory(engine))
        with own.sf() as s:
            assert s.scalar(text("SELECT session_user")).endswith(".plan_operator")
        result = apply(own, plan(own, morning_sheet(5)))
        assert result.added == 7
        again = apply(own, plan(own, morning_sheet(5)))
        assert again.added == 0
    finally:
        engine.dispose()


def test_an_imported_ticket_counts_from_the_platform_s_received_time(town):
    from datetime import datetime

    the_plan = plan(
        town,
        sheet_of(
            row("R1", deadline=datetime(2022, 4, 8, 17, 30)),
            # A deadline before the received time (the platform's data): overdue at once.
            row("R2", deadline=datetime(2022, 3, 31, 17, 30)),
            # A received time after "now" (a wrong clock upstream) is not believed.
            row("R3", received_at=datetime(2022, 4, 6, 9, 0)),
        ),
    )
    apply(town, the_plan)
    with town.sf() as s:
        got = {
            t.external_code: t
            for t in s.scalars(select(Ticket).where(Ticket.external_code.like("R%")))
        }
        registered_at = {
            e.ticket_id: e.at
            for e in s.scalars(select(TicketEvent).where(TicketEvent.action == "register"))
        }
    on_time, late, future = got["R1"], got["R2"], got["R3"]
    # The ledger, the statistics and the reply count from when the citizen was heard ...
    assert on_time.created_at == datetime(2022, 4, 1, 14, 2)
    assert on_time.deadline_at == datetime(2022, 4, 8, 17, 30)
    assert on_time.created_at < on_time.due_soon_at < on_time.deadline_at
    # ... while the timeline says when the desk registered it.
    assert registered_at[on_time.id] == NOW
    # Never "due soon" after its deadline.
    assert late.due_soon_at == late.deadline_at == datetime(2022, 3, 31, 17, 30)
    assert future.created_at == NOW
