"""How the window signs a user in: the first administrator of a new database, the sign-in
dialog, the password a user must change after a reset, and Account → Change my password.
Every path ends in services.sign_in.sign_in, whose engine (on PostgreSQL the user's own login
role) the window then works through."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.audit import workstation_name
from gridcenter_desktop.services.demo_desk import demo_actor, is_demo_database
from gridcenter_desktop.services.sign_in import SignedIn, sign_in
from gridcenter_desktop.ui.startup import db_label


class SignInCancelled(Exception):
    """The user closed the sign-in (or the forced password change): quit quietly."""


def demo_marked(session_factory) -> bool:
    """is_demo_database through ``session_factory`` (False when the mark cannot be read)."""
    try:
        with session_factory() as session:
            return is_demo_database(session)
    except Exception:  # noqa: BLE001 - an unreadable mark is no mark
        return False


def _has_users(url: str) -> bool:
    from gridcenter_desktop.services import users

    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return users.has_users(session)
    except Exception:  # noqa: BLE001 - not readable before sign-in (PostgreSQL grants)
        return True
    finally:
        engine.dispose()


def sign_in_door(url: str):
    """sign_in for this database, as the dialogs call it."""
    workstation = workstation_name()

    def door(login: str, password: str) -> SignedIn:
        return sign_in(url, login, password, workstation=workstation)

    return door


def sign_in_window(url: str, settings, *, login_hint: str = "", intro: str = "") -> SignedIn:
    """Sign a user in to ``url`` with dialogs; raises SignInCancelled. A new database's first
    administrator is created first; a user whose password was reset chooses a new one before
    the desk opens."""
    from gridcenter_desktop.ui.sign_in_dialog import SignInDialog

    server = db_label(url)
    if not _has_users(url):
        return _first_admin(url)
    dialog = SignInDialog(
        sign_in_door(url),
        login=login_hint or settings.last_login,
        server=server,
        remember=settings.remember_password,
        intro=intro,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.signed_in is None:
        raise SignInCancelled()
    settings.last_login = dialog.login()
    settings.remember_password = dialog.remember()
    signed = dialog.signed_in
    if signed.must_change_password:
        signed = forced_password_change(url, signed, dialog.password_used)
    return signed


def _first_admin(url: str) -> SignedIn:
    """A new database: the first-run wizard (town, lists, administrator) signs its
    administrator in (ui/first_run.py)."""
    from gridcenter_desktop.ui.first_run import set_up_new_database

    return set_up_new_database(url)


def _change_password(engine, actor, old: str, new: str) -> None:
    from gridcenter_desktop.services import users

    with make_session_factory(engine)() as session:
        users.change_own_password(session, actor, old, new)


def forced_password_change(url: str, signed: SignedIn, current: str) -> SignedIn:
    """The user must choose a new password; returns their sign-in with it."""
    from gridcenter_desktop.ui.password_dialog import ChangePasswordDialog

    dialog = ChangePasswordDialog(
        lambda old, new: _change_password(signed.engine, signed.actor, old, new),
        signed.actor.login,
        forced=True,
        current=current,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        signed.engine.dispose()
        raise SignInCancelled()
    signed.engine.dispose()
    # Signed in again with the new password: on PostgreSQL the old engine's connections were
    # opened with the old one.
    return sign_in_door(url)(signed.actor.login, dialog.new_password)


def change_my_password(context, parent: QWidget | None = None) -> bool:
    """Account → Change my password. True when changed."""
    from gridcenter_desktop.ui import password_store
    from gridcenter_desktop.ui.password_dialog import ChangePasswordDialog

    actor = context.actor
    dialog = ChangePasswordDialog(
        lambda old, new: _change_password(context.engine, actor, old, new),
        actor.login,
        parent=parent,
    )
    context.write_gate.gate(dialog.ok_button)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    password_store.forget_password(context.db_label, actor.login)
    if context.engine.dialect.name == "postgresql" and context.url:
        context.replace_engine(sign_in_door(context.url)(actor.login, dialog.new_password).engine)
    return True


def screenshot_sign_in(url: str, user: str | None, password: str | None):
    """(engine, actor, signed_in) for ``--screenshot``: ``user`` signs in with ``password``;
    without a user only a demo-marked database opens, as its operator. Raises ValueError with
    the one line to print."""

    if user:
        if password is None:
            raise ValueError(f"--user {user} needs the password in GRIDCENTER_PASSWORD")
        signed = sign_in(url, user, password, workstation=workstation_name())
        if signed.must_change_password:
            signed.engine.dispose()
            raise ValueError(f"{user} must choose a new password first: sign in in the window")
        return signed.engine, signed.actor, True
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            if not is_demo_database(session):
                raise ValueError(
                    f"{db_label(url)} is not a demo database: give --user LOGIN (password in"
                    " GRIDCENTER_PASSWORD)"
                )
            actor = demo_actor(session)
    except BaseException:
        engine.dispose()
        raise
    return engine, actor, False
