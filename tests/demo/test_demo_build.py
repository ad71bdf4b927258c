"""Building the demo: deterministic per seed, safe on a database that holds data, cancellable,
scalable beyond the 2022 period, and the same on PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.models import Base, Ticket, TicketEvent
from gridcenter_desktop.demo.build import (
    DatabaseNotEmptyError,
    DemoCancelled,
    build_demo,
)
from gridcenter_desktop.demo.schedule import PERIOD_NOW
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.search import search_ticket_ids
from gridcenter_desktop.services.statistics import period_statistics
from tests.test_schema import _mapped_objects_only


def _fingerprint(url: str) -> tuple[str, str, str]:
    """First and last ticket (code + title) and a digest of every ticket and event."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            # Typed selects: both databases hand back the same Python values.
            tickets = conn.execute(
                select(Ticket.code, Ticket.title, Ticket.status, Ticket.created_at).order_by(
                    Ticket.id
                )
            ).all()
            events = conn.execute(
                select(
                    TicketEvent.ticket_id, TicketEvent.at, TicketEvent.action, TicketEvent.note
                ).order_by(TicketEvent.id)
            ).all()
    finally:
        engine.dispose()
    digest = hashlib.sha256(repr((tickets, events)).encode()).hexdigest()
    return f"{tickets[0][0]} {tickets[0][1]}", f"{tickets[-1][0]} {tickets[-1][1]}", digest


def test_same_seed_same_demo_and_replace_rebuilds_it(demo_url, tmp_path):
    url = f"sqlite:///{tmp_path / 'again.sqlite3'}"
    build_demo(url)
    assert _fingerprint(url) == _fingerprint(demo_url)

    # Building over data is refused, and the data stays.
    with pytest.raises(DatabaseNotEmptyError, match="replace"):
        build_demo(url, seed=7)
    assert _fingerprint(url) == _fingerprint(demo_url)

    # --replace wipes it: now it is seed 7's demo, which differs.
    summary = build_demo(url, seed=7, replace=True)
    first, last, digest = _fingerprint(url)
    assert summary.seed == 7
    assert digest != _fingerprint(demo_url)[2]
    assert (first, last) != _fingerprint(demo_url)[:2]


def _schema_differences(url: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            # The same view as tests/test_schema.py: the unmapped search tables left out.
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": _mapped_objects_only}
            )
            return compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()


def test_the_schema_is_intact_after_a_build(demo_url):
    # The load drops the ticket tables' indexes and builds them again at the end.
    assert _schema_differences(demo_url) == []


def test_cancel_leaves_the_database_without_demo_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'cancelled.sqlite3'}"
    with pytest.raises(DemoCancelled):
        build_demo(url, cancel=lambda: True)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            counts = [conn.scalar(text(f"SELECT count(*) FROM {t}")) for t in ("ticket", "area")]
    finally:
        engine.dispose()
    assert counts == [0, 0]
    # The indexes dropped for the load came back with the rollback.
    assert _schema_differences(url) == []


def test_too_few_tickets_are_refused_naming_the_field(tmp_path):
    with pytest.raises(ValidationError) as caught:
        build_demo(f"sqlite:///{tmp_path / 'x.sqlite3'}", tickets=1000)
    assert caught.value.field == "tickets"


def _period_figures(url: str) -> dict:
    engine = make_engine(url)
    try:
        with Session(engine) as s:
            return period_statistics(
                s, date(2022, 1, 1), date(2022, 10, 25), now=PERIOD_NOW
            ).to_dict()
    finally:
        engine.dispose()


def test_a_larger_demo_keeps_the_period_and_spreads_the_rest(tmp_path, demo_url):
    url = f"sqlite:///{tmp_path / 'larger.sqlite3'}"
    summary = build_demo(url, tickets=20_000)
    assert summary.tickets == 20_000
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            total = conn.scalar(text("SELECT count(*) FROM ticket"))
            years = {
                y: n
                for y, n in conn.execute(
                    text("SELECT substr(created_at, 1, 4), count(*) FROM ticket GROUP BY 1")
                )
            }
            late = conn.scalar(text("SELECT count(*) FROM ticket WHERE created_at >= '2022-10-26'"))
            open_before = conn.scalar(
                text(
                    "SELECT count(*) FROM ticket WHERE created_at < '2022-01-01'"
                    " AND status NOT IN ('closed', 'merged')"
                )
            )
            open_late = conn.scalar(
                text(
                    "SELECT count(*) FROM ticket WHERE created_at >= '2022-10-26'"
                    " AND status NOT IN ('closed', 'merged')"
                )
            )
            closed_before = conn.scalar(
                text(
                    "SELECT max(at) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                    " WHERE t.created_at < '2022-01-01'"
                )
            )
    finally:
        engine.dispose()
    assert total == 20_000
    assert set(years) == {str(y) for y in range(2016, 2023)}
    assert years["2016"] < years["2021"]
    assert late > 0
    # Earlier years are over before the period starts: they cannot blur its figures.
    assert closed_before < "2022-01-01" and open_before == 0
    # The newest tickets at the end of 2022 are still being handled.
    assert open_late > 0
    scaled, default = _period_figures(url), _period_figures(demo_url)
    for key in ("tickets_total", "tickets_closed", "closure_rate", "disputes_resolved",
                "dispute_resolution_rate", "petition_people", "suggestions_resolved"):  # fmt: skip
        assert scaled[key] == default[key], key


def test_the_text_search_finds_demo_tickets(demo_engine):
    with demo_engine.connect() as conn:
        ids = search_ticket_ids(conn, "噪音")
        texts = conn.execute(
            select(Ticket.title + Ticket.description).where(Ticket.id.in_(ids[:50]))
        ).scalars()
        assert len(ids) > 100
        assert all("噪音" in t for t in texts)


@pytest.mark.pg
def test_the_demo_on_postgresql_has_the_same_figures(demo_url):
    from tests.conftest import create_pg_database, drop_pg_database

    url = create_pg_database()
    try:
        summary = build_demo(url)
        figures = _period_figures(url)
        assert figures == _period_figures(demo_url)
        assert figures["closure_rate"] == 97.72 and figures["petition_people"] == 283
        # Same seed, same demo, whatever the database.
        assert _fingerprint(url) == _fingerprint(demo_url)
        assert _schema_differences(url) == []
        engine = make_engine(url)
        try:
            with engine.begin() as conn:
                # The id sequences continue after the explicit ids of the bulk load.
                next_id = conn.scalar(text("SELECT nextval(pg_get_serial_sequence('ticket','id'))"))
                assert next_id == summary.tickets + 1
                assert len(search_ticket_ids(conn, "漏水")) > 0
        finally:
            engine.dispose()
        # Each demo account signs in with a login role of its own; --replace drops the roles
        # with the accounts and makes them anew (here without the cost of a second build).
        from gridcenter_desktop.db import roles
        from gridcenter_desktop.demo.build import _wipe
        from gridcenter_desktop.services.sign_in import sign_in

        engine = make_engine(url)
        with engine.connect() as conn:
            _wipe(conn)
            assert not conn.scalar(
                text("SELECT count(*) FROM pg_roles WHERE rolname LIKE :p"),
                {"p": roles.database_prefix(conn) + ".%"},
            )
            conn.rollback()
        engine.dispose()
        signed = sign_in(url, "operator1", summary.passwords["operator1"])
        try:
            with signed.engine.connect() as conn:
                assert conn.scalar(text("SELECT session_user")).endswith(".operator1")
        finally:
            signed.engine.dispose()
    finally:
        drop_pg_database(url)
