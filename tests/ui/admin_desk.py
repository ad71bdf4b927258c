"""Helpers for the administration dialogs' tests: an administrator over a database, and the
sub-dialogs (which the dialogs run modally with exec) driven by a function instead."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.actor import Actor

ADMIN_PASSWORD = "town-admin-2026"


def add_admin(url: str) -> int:
    """An administrator account in the database at ``url``; its id."""
    from gridcenter_desktop.core.passwords import hash_password
    from gridcenter_desktop.db.user import User

    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        admin = User(
            login="admin",
            display_name="王管理",
            role=UserRole.ADMIN,
            password_hash=hash_password(ADMIN_PASSWORD, salt=b"0123456789abcdef"),
        )
        s.add(admin)
        s.commit()
        admin_id = admin.id
    engine.dispose()
    return admin_id


def admin_actor(admin_id: int) -> Actor:
    return Actor(admin_id, UserRole.ADMIN, "王管理")


@pytest.fixture
def signed_in_town(db_url):
    """(url, sign-in) of a migrated, empty database on SQLite and PostgreSQL whose first
    administrator has signed in: on PostgreSQL the desk then acts as the administrator's own
    login role, so the database's grants are what the dialogs run into."""
    from gridcenter_desktop.services import users
    from gridcenter_desktop.services.sign_in import sign_in

    engine = make_engine(db_url)
    with make_session_factory(engine)() as s:
        users.create_first_admin(s, "admin", "王管理", ADMIN_PASSWORD)
    engine.dispose()
    signed = sign_in(db_url, "admin", ADMIN_PASSWORD, workstation="admin-desk")
    yield db_url, signed
    signed.engine.dispose()


def signed_context(make_context, url, signed):
    """An AppContext acting through the signed-in engine."""
    ctx = make_context(url, signed.actor)
    ctx.replace_engine(signed.engine)
    ctx.url = url
    return ctx


@pytest.fixture
def empty_town(tmp_path):
    """(url, admin id) of a migrated SQLite database with nothing but an administrator."""
    url = f"sqlite:///{tmp_path / 'new_town.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url, add_admin(url)


def drive(monkeypatch, dialog_class, fill):
    """Run ``fill(dialog)`` instead of the dialog's modal exec; exec returns what the dialog's
    result is afterwards (Accepted when fill pressed OK and the service agreed)."""

    def exec_(dialog):
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)


def answer_yes(monkeypatch, module) -> list[str]:
    """The plain-text yes/no questions of ``module`` say Yes; returns the questions asked."""
    asked: list[str] = []

    def yes(_parent, title, text, *_a, **_k):
        asked.append(text)
        return True

    monkeypatch.setattr(module, "confirm", yes)
    return asked
