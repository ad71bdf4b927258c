"""Building the demo: deterministic per seed and "now", safe on a database that holds data,
cancellable, scalable beyond recent years, and the same on PostgreSQL. The tests that build
again use the small demo (built as of a week after the report) to stay quick."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gridcenter_desktop.core.deadlines import WorkCalendar
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.db.models import Base, Ticket, TicketEvent
from gridcenter_desktop.demo.build import (
    DEFAULT_SEED,
    DatabaseNotEmptyError,
    DemoCancelled,
    build_demo,
    layout,
)
from gridcenter_desktop.demo.schedule import PERIOD_NOW
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.search import search_ticket_ids
from gridcenter_desktop.services.statistics import period_statistics
from tests.demo.moments import SMALL_NOW
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


def test_same_seed_same_demo_and_replace_rebuilds_it(small_demo_url, tmp_path):
    url = f"sqlite:///{tmp_path / 'again.sqlite3'}"
    # Seed 7's demo differs from the default seed's.
    summary = build_demo(url, seed=7, now=SMALL_NOW)
    first, last, digest = _fingerprint(url)
    assert summary.seed == 7
    assert digest != _fingerprint(small_demo_url)[2]
    assert (first, last) != _fingerprint(small_demo_url)[:2]

    # Building over data is refused, and the data stays.
    with pytest.raises(DatabaseNotEmptyError, match="replace"):
        build_demo(url, now=SMALL_NOW)
    assert _fingerprint(url)[2] == digest

    # --replace wipes it: now it is the default seed's demo again, the same to the digit.
    build_demo(url, replace=True, now=SMALL_NOW)
    assert _fingerprint(url) == _fingerprint(small_demo_url)


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


_SPAN_SQL = (
    "SELECT sum(kind = 'dispute'), sum(kind = 'dispute' AND status = 'closed'"
    " AND outcome = 'resolved'), sum(kind = 'petition'),"
    " sum(CASE WHEN kind = 'petition' THEN people_count END), sum(kind = 'suggestion')"
    " FROM ticket WHERE status != 'merged' AND created_at >= '2020-01-01'"
    " AND created_at < '2022-10-26'"
)


def test_a_larger_demo_keeps_recent_years_and_spreads_the_rest_before(tmp_path, small_demo_url):
    url = f"sqlite:///{tmp_path / 'larger.sqlite3'}"
    default = layout(DEFAULT_SEED, SMALL_NOW, WorkCalendar(), None).default_rows
    summary = build_demo(url, tickets=default + 3_000, now=SMALL_NOW)
    assert summary.tickets == default + 3_000
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            years = {
                y: n
                for y, n in conn.execute(
                    text("SELECT substr(created_at, 1, 4), count(*) FROM ticket GROUP BY 1")
                )
            }
            early = conn.scalar(text("SELECT count(*) FROM ticket WHERE created_at < '2020-01-01'"))
            open_before = conn.scalar(
                text(
                    "SELECT count(*) FROM ticket WHERE created_at < '2022-01-01'"
                    " AND status NOT IN ('closed', 'merged')"
                )
            )
            last_early = conn.scalar(
                text(
                    "SELECT max(at) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                    " WHERE t.created_at < '2020-01-01'"
                )
            )
            span = tuple(conn.execute(text(_SPAN_SQL)).one())
    finally:
        engine.dispose()
    # The extra rows went before recent years, at the platform's growing rhythm.
    assert early == 3_000
    assert set(years) == {str(y) for y in range(2016, 2023)}
    assert years["2016"] < years["2019"] < years["2021"]
    # Earlier years are over before recent years start: they cannot blur the figures.
    assert last_early < "2020-01-01" and open_before == 0
    assert span == (2_619, 2_596, 200, 283, 31)
    scaled, small = _period_figures(url), _period_figures(small_demo_url)
    for key in ("tickets_total", "tickets_closed", "closure_rate", "disputes_resolved",
                "dispute_resolution_rate", "petition_people", "suggestions_resolved"):  # fmt: skip
        assert scaled[key] == small[key], key


def test_the_text_search_finds_demo_tickets(demo_engine):
    with demo_engine.connect() as conn:
        ids = search_ticket_ids(conn, "噪音")
        texts = conn.execute(
            select(Ticket.title + Ticket.description).where(Ticket.id.in_(ids[:50]))
        ).scalars()
        assert len(ids) > 100
        assert all("噪音" in t for t in texts)


@pytest.mark.pg
def test_the_demo_on_postgresql_has_the_same_figures(small_demo_url):
    from tests.conftest import create_pg_database, drop_pg_database

    url = create_pg_database()
    try:
        summary = build_demo(url, now=SMALL_NOW)
        figures = _period_figures(url)
        assert figures == _period_figures(small_demo_url)
        assert figures["closure_rate"] == 97.72 and figures["tickets_closed"] == 13_765
        # Same seed, same demo, whatever the database.
        assert _fingerprint(url) == _fingerprint(small_demo_url)
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
