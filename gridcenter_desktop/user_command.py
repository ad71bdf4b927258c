"""``gridcenter user``: accounts from the command line (the Users dialog's twin).

  gridcenter user add LOGIN --role operator --name 张三 --user ADMIN
  gridcenter user disable LOGIN --user ADMIN
  gridcenter user enable LOGIN --user ADMIN
  gridcenter user reset-password LOGIN --user ADMIN
  gridcenter user list --user LOGIN
  gridcenter user password --user LOGIN      (change your own password)

The acting user signs in: the password is GRIDCENTER_PASSWORD when set (scheduled jobs),
else prompted. A new password (add, reset-password) is GRIDCENTER_NEW_PASSWORD when set,
else prompted twice. Without a terminal and without the variable the command stops with one
line. On PostgreSQL the accounts are the server's login roles (docs/deployment.md).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable

from sqlalchemy.orm import Session

from gridcenter_desktop.cli_sign_in import (
    SignInError,
    add_user_option,
    database_url,
    password_for,
    require_existing_file,
    signed_in,
)
from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.core.passwords import password_problem
from gridcenter_desktop.db import roles
from gridcenter_desktop.services import sign_in, users
from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.services.tickets.common import local_now

PASSWORD_VARIABLE = "GRIDCENTER_PASSWORD"
NEW_PASSWORD_VARIABLE = "GRIDCENTER_NEW_PASSWORD"
_ROLE_LABELS = {"admin": "管理员", "operator": "调度员", "supervisor": "值班长", "viewer": "只读"}


class UserCommandError(ServiceError):
    """A problem to report as one line (the CLI prints ServiceErrors that way)."""


def new_password(for_whom: str) -> str:
    """A new password: GRIDCENTER_NEW_PASSWORD, else typed twice on a terminal."""
    value = os.environ.get(NEW_PASSWORD_VARIABLE)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserCommandError(
            f"no terminal to ask the new password: set {NEW_PASSWORD_VARIABLE} for scripts"
        )
    first = getpass.getpass(f"{for_whom} 的新密码: ")
    if getpass.getpass("再输入一次: ") != first:
        raise UserCommandError("the two passwords differ; nothing was changed")
    return first


def configure_parser(
    parser: argparse.ArgumentParser, db_option: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Declare the sub-commands; ``db_option`` adds the CLI's --db to each."""
    sub = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="create an account")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument(
        "--role", required=True, choices=[r.value for r in UserRole], help="application role"
    )
    add.add_argument("--name", required=True, metavar="NAME", help="display name")
    add.set_defaults(user_handler=_add)
    for name, handler, text in (
        ("disable", _disable, "stop an account from signing in"),
        ("enable", _enable, "let a disabled account sign in again"),
        ("reset-password", _reset, "set a new password the user must change at sign-in"),
    ):
        action = sub.add_parser(name, help=text)
        action.add_argument("login", metavar="LOGIN")
        action.set_defaults(user_handler=handler)
    listing = sub.add_parser("list", help="list the accounts")
    listing.set_defaults(user_handler=_list)
    own = sub.add_parser("password", help="change your own password")
    own.set_defaults(user_handler=_own_password)
    for child in sub.choices.values():
        db_option(child)
        add_user_option(child)


def run(args: argparse.Namespace) -> int:
    """Sign in as --user, then do the action; returns the exit code."""
    login = (getattr(args, "user", None) or "").strip()
    if not login:
        raise SignInError("this command needs a sign-in: add --user LOGIN")
    require_existing_file(database_url(args))
    password = password_for(login)
    signed = signed_in(args, password, note_must_change=False)  # run() says it itself
    args.signed_in_password = password
    try:
        with Session(signed.engine) as session:
            if signed.must_change_password and args.user_handler is not _own_password:
                raise UserCommandError(
                    f"{args.user} must first choose a new password:"
                    f" gridcenter user password --user {args.user}"
                )
            return args.user_handler(session, signed, args)
    finally:
        signed.engine.dispose()


def _target(session: Session, signed: sign_in.SignedIn, login: str) -> users.UserRow:
    for row in users.list_users(session, signed.actor):
        if row.login == login:
            return row
    raise UserCommandError(f"no account {login!r}")


def _add(session: Session, signed: sign_in.SignedIn, args: argparse.Namespace) -> int:
    users.list_users(session, signed.actor)  # refuses a non-administrator before the prompt
    password = new_password(args.login)
    row = users.create_user(
        session, signed.actor, args.login, args.name, UserRole(args.role), password
    )
    print(
        f"已创建用户 {row.login}（{row.display_name}，{_ROLE_LABELS[row.role.value]}）；"
        "首次登录时须修改密码"
    )
    return 0


def _disable(session: Session, signed: sign_in.SignedIn, args: argparse.Namespace) -> int:
    users.disable_user(session, signed.actor, _target(session, signed, args.login).id)
    print(f"已停用用户 {args.login}")
    return 0


def _enable(session: Session, signed: sign_in.SignedIn, args: argparse.Namespace) -> int:
    users.enable_user(session, signed.actor, _target(session, signed, args.login).id)
    print(f"已启用用户 {args.login}")
    return 0


def _reset(session: Session, signed: sign_in.SignedIn, args: argparse.Namespace) -> int:
    target = _target(session, signed, args.login)
    users.reset_password(session, signed.actor, target.id, new_password(args.login))
    print(f"已重置 {args.login} 的密码；下次登录时须修改密码")
    return 0


def _own_password(session: Session, signed: sign_in.SignedIn, args: argparse.Namespace) -> int:
    users.change_own_password(
        session, signed.actor, args.signed_in_password, new_password(args.user)
    )
    print(f"已修改 {args.user} 的密码")
    return 0


def _list(session: Session, signed: sign_in.SignedIn, args: argparse.Namespace) -> int:
    rows = users.list_users(session, signed.actor)
    print("登录名\t姓名\t角色\t状态")
    for row in rows:
        state = "在用" if row.active else "已停用"
        if row.locked_until is not None and row.locked_until > local_now():
            state += f"，锁定至 {row.locked_until:%Y-%m-%d %H:%M}"
        if row.must_change_password:
            state += "，须修改密码"
        print(f"{row.login}\t{row.display_name}\t{_ROLE_LABELS[row.role.value]}\t{state}")
    return 0


def first_admin_password(login: str) -> str:
    """The first administrator's password for ``init-db --admin``: GRIDCENTER_PASSWORD without
    a terminal (scripts), else typed twice. The login and the password are checked here,
    before ``init-db`` writes anything."""
    login_rule = roles.login_problem(login)
    if login_rule is not None:
        raise ValidationError("login", login_rule)
    password = _first_admin_password(login)
    password_rule = password_problem(password, login)
    if password_rule is not None:
        raise ValidationError("password", password_rule)
    return password


def _first_admin_password(login: str) -> str:
    value = os.environ.get(PASSWORD_VARIABLE)
    if value is not None and not sys.stdin.isatty():
        return value
    if not sys.stdin.isatty():
        raise UserCommandError(
            f"no terminal to ask {login}'s password: set {PASSWORD_VARIABLE} for scripts"
        )
    first = getpass.getpass(f"{login} 的密码: ")
    if getpass.getpass("再输入一次: ") != first:
        raise UserCommandError("the two passwords differ; nothing was changed")
    return first


def create_first_admin(engine, login: str, name: str | None, args: argparse.Namespace) -> None:
    """The first administrator of a database just initialised (owner's connection)."""
    password = getattr(args, "admin_password", None) or first_admin_password(login)
    with Session(engine) as session:
        if users.has_users(session):
            raise UserCommandError("the database already has accounts; use 'gridcenter user add'")
        actor = users.create_first_admin(session, login, name or login, password)
    print(f"已创建首个管理员 {actor.login}（{actor.display_name}）")
