"""Signing in against a server that checks passwords: the right password signs in as the
user's own login role, wrong ones are counted on the server, and twenty wrong attempts at once
lock the account after five (also on SQLite, against the desk's own sign-in)."""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter

import psycopg
import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.db import migrate, roles
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.services import sign_in, users
from gridcenter_desktop.services.errors import ValidationError

ADMIN_PASSWORD = "Chief-pass-2026"
PASSWORD = "Zhang-pass-2026"
WRONG = "Guess-pass-2026"
DESKS = 20


def _accounts(owner_url: str) -> None:
    engine = make_engine(owner_url)
    with Session(engine) as s:
        admin = users.create_first_admin(s, "chief", "站长", ADMIN_PASSWORD)
        users.create_user(s, admin, "zhang", "张三", UserRole.OPERATOR, PASSWORD)
    engine.dispose()


def _attempt(url: str, password: str, barrier, results) -> None:
    barrier.wait()
    try:
        signed = sign_in.sign_in(url, "zhang", password, workstation="desk")
        signed.engine.dispose()
        results.put("signed_in")
    except ValidationError as exc:
        results.put(exc.rule)
    except Exception as exc:  # reported to the test, which fails on it
        results.put(f"error: {exc}")


def _race(url: str, password: str) -> Counter:
    """``DESKS`` processes sign in with ``password`` at the same moment."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(DESKS)
    results = ctx.Queue()
    desks = [
        ctx.Process(target=_attempt, args=(url, password, barrier, results)) for _ in range(DESKS)
    ]
    for desk in desks:
        desk.start()
    outcomes = Counter(results.get(timeout=120) for _ in desks)
    for desk in desks:
        desk.join(timeout=60)
    return outcomes


def _audit_reasons(owner_url: str) -> Counter:
    engine = make_engine(owner_url)
    with Session(engine) as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.detail).where(AuditEntry.login == "zhang")
        ).all()
    engine.dispose()
    reasons = Counter()
    for action, detail in rows:
        if action == AuditAction.SIGN_IN_FAILED:
            reasons[json.loads(detail)["reason"]] += 1
        else:
            reasons[str(action)] += 1
    return reasons


# --- PostgreSQL: the throwaway cluster that checks passwords ---------------------------------


@pytest.fixture
def town(scram_server, scram_db):
    owner = scram_server.owner_url(make_url(scram_db).database)
    _accounts(owner)
    return scram_db, owner


def _direct(url: str, login: str, password: str) -> psycopg.Connection:
    """A client that skips the application and its gate."""
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        dbname=parsed.database,
        user=roles.login_role(roles.prefix_for(parsed.database), login),
        password=password,
        connect_timeout=5,
    )


@pytest.mark.pg
def test_the_right_password_signs_in_as_the_users_own_role(town):
    url, owner = town
    signed = sign_in.sign_in(url, "zhang", PASSWORD, workstation="窗口一")
    try:
        assert signed.actor.login == "zhang" and signed.actor.role is UserRole.OPERATOR
        assert signed.must_change_password  # an administrator chose it
        with signed.engine.connect() as conn:
            who = conn.scalar(text("SELECT session_user"))
        assert who == roles.login_role(roles.prefix_for(make_url(url).database), "zhang")
        assert signed.engine.url.username == who
    finally:
        signed.engine.dispose()
    with pytest.raises(ValidationError) as err:
        sign_in.sign_in(url, "zhang", WRONG, workstation="窗口一")
    assert (err.value.field, err.value.rule) == ("password", "wrong_password")
    with pytest.raises(ValidationError) as err:
        sign_in.sign_in(url, "nobody", PASSWORD)
    assert (err.value.field, err.value.rule) == ("login", "unknown")
    assert _audit_reasons(owner) == {"sign_in": 1, "wrong_password": 1}


@pytest.mark.pg
def test_twenty_desks_signing_in_wrongly_at_once_lock_the_account_after_five(town, scram_server):
    url, owner = town
    outcomes = _race(url, WRONG)
    assert outcomes == {"wrong_password": 5, "locked": DESKS - 5}
    # The server checked at most five passwords: every other desk was stopped at the gate.
    assert _audit_reasons(owner)["wrong_password"] == 5
    # Locked: the right password is refused, through the application ...
    with pytest.raises(ValidationError) as err:
        sign_in.sign_in(url, "zhang", PASSWORD)
    assert err.value.rule == "locked"
    # ... and by the server itself, with the very message of a wrong password, so a client
    # that skips the gate learns nothing from its guesses while the lock lasts.
    messages = []
    for password in (PASSWORD, WRONG):
        with pytest.raises(psycopg.OperationalError) as refused:
            _direct(url, "zhang", password)
        messages.append(str(refused.value).replace(password, ""))
    assert messages[0] == messages[1] and "password authentication failed" in messages[0]
    # A quarter of an hour later the next sign-in unlocks.
    engine = create_engine(owner)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE app_user SET locked_until = locked_until - interval '16 minutes'")
        )
    engine.dispose()
    signed = sign_in.sign_in(url, "zhang", PASSWORD)
    signed.engine.dispose()
    _direct(url, "zhang", PASSWORD).close()


@pytest.mark.pg
def test_a_disabled_account_cannot_connect_even_with_its_password(town):
    url, owner = town
    chief = sign_in.sign_in(url, "chief", ADMIN_PASSWORD)
    try:
        with Session(chief.engine) as s:
            zhang = next(u for u in users.list_users(s, chief.actor) if u.login == "zhang")
            users.disable_user(s, chief.actor, zhang.id)
        with pytest.raises(ValidationError) as err:
            sign_in.sign_in(url, "zhang", PASSWORD)
        assert (err.value.field, err.value.rule) == ("login", "unknown")
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            _direct(url, "zhang", PASSWORD)
        with Session(chief.engine) as s:
            users.enable_user(s, chief.actor, zhang.id)
        sign_in.sign_in(url, "zhang", PASSWORD).engine.dispose()
    finally:
        chief.engine.dispose()


@pytest.mark.pg
def test_changing_and_resetting_passwords_on_the_server(town, scram_server):
    url, owner = town
    zhang = sign_in.sign_in(url, "zhang", PASSWORD)
    new = "Zhang-own-choice-1"
    try:
        with Session(zhang.engine) as s:
            with pytest.raises(ValidationError) as err:
                users.change_own_password(s, zhang.actor, WRONG, new)
            assert err.value.field == "old_password"
            users.change_own_password(s, zhang.actor, PASSWORD, new)
    finally:
        zhang.engine.dispose()
    again = sign_in.sign_in(url, "zhang", new)
    assert not again.must_change_password
    again.engine.dispose()
    with pytest.raises(ValidationError):
        sign_in.sign_in(url, "zhang", PASSWORD)
    chief = sign_in.sign_in(url, "chief", ADMIN_PASSWORD)
    try:
        with Session(chief.engine) as s:
            users.reset_password(s, chief.actor, again.actor.user_id, "Reset-by-chief-7")
    finally:
        chief.engine.dispose()
    reset = sign_in.sign_in(url, "zhang", "Reset-by-chief-7")
    assert reset.must_change_password
    reset.engine.dispose()
    # Only SCRAM verifiers reached the server: no password is in its statement log.
    log = scram_server.log.read_text(errors="replace")
    assert "gc_user_create" in log  # the log does record the statements
    for password in (ADMIN_PASSWORD, PASSWORD, new, "Reset-by-chief-7"):
        assert password not in log


# --- SQLite: the desk's own sign-in ---------------------------------------------------------


def test_twenty_desks_signing_in_wrongly_at_once_lock_the_account_after_five_on_sqlite(
    tmp_path,
):
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    _accounts(url)
    outcomes = _race(url, WRONG)
    assert outcomes == {"wrong_password": 5, "locked": DESKS - 5}
    assert _audit_reasons(url)["wrong_password"] == 5
    with pytest.raises(ValidationError) as err:
        sign_in.sign_in(url, "zhang", PASSWORD)
    assert err.value.rule == "locked"
