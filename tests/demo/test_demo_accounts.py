"""The demo's accounts: passwords that are not published (random per build, or the one a script
sets), printed in the summary, and working at the sign-in; the database is marked as a demo."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.core.passwords import password_problem
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.db.settings import DEMO_MARKER, AppSetting
from gridcenter_desktop.demo.people import DEMO_LOGINS, demo_passwords
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.sign_in import sign_in

LOGINS = {u.login for u in DEMO_LOGINS}


def test_without_the_variable_every_build_draws_new_passwords(monkeypatch):
    monkeypatch.delenv("GRIDCENTER_DEMO_PASSWORD", raising=False)
    first, second = demo_passwords(), demo_passwords()
    assert set(first) == LOGINS
    assert len(set(first.values())) == len(LOGINS)  # one per account
    assert not set(first.values()) & set(second.values())  # and new at each build
    for login, password in first.items():
        assert len(password) >= 10 and password_problem(password, login) is None


def test_the_variable_gives_every_account_the_same_password(monkeypatch):
    monkeypatch.setenv("GRIDCENTER_DEMO_PASSWORD", "Script-Pass-2026")
    assert demo_passwords() == dict.fromkeys(LOGINS, "Script-Pass-2026")


@pytest.mark.parametrize("weak", ["demo1234", "admin", "1234567890"])
def test_a_variable_the_password_rules_refuse_is_refused(monkeypatch, weak):
    monkeypatch.setenv("GRIDCENTER_DEMO_PASSWORD", weak)
    with pytest.raises(ValidationError, match="GRIDCENTER_DEMO_PASSWORD"):
        demo_passwords()


def test_the_demo_is_marked_as_such_and_its_build_audited(demo_engine, demo_build):
    with demo_engine.connect() as conn:
        marker = conn.scalar(select(AppSetting.value).where(AppSetting.key == DEMO_MARKER))
        built = conn.execute(
            select(AuditEntry.action, AuditEntry.detail).order_by(AuditEntry.id).limit(1)
        ).one()
    assert marker == "1"
    tickets = demo_build[1].tickets
    assert built.action == AuditAction.DEMO_BUILD and f'"tickets": {tickets}' in built.detail


def test_the_summarys_passwords_sign_in(demo_build):
    url, summary, _calls = demo_build
    signed = sign_in(url, "operator1", summary.passwords["operator1"])
    try:
        assert signed.actor.role is UserRole.OPERATOR and not signed.must_change_password
    finally:
        signed.engine.dispose()
    with pytest.raises(ValidationError) as refused:
        sign_in(url, "operator1", "demo1234")  # the password every demo had before
    assert refused.value.rule == "wrong_password"
