"""``gridcenter init-db --admin`` and ``gridcenter user ...`` as an administrator runs them, on
SQLite and PostgreSQL (the shared test server trusts local connections, so passwords are
checked here on SQLite; tests/accounts checks them on a server)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.services import sign_in, users
from tests.cli.admin_console import (
    ADMIN_PASSWORD,
    assert_one_line_error,
    run_here,
)

NEW_PASSWORD = "Zhang-pass-2026"


def _logins(url: str) -> dict[str, tuple[str, bool, bool]]:
    engine = make_engine(url)
    with Session(engine) as s:
        rows = {u.login: u for u in users.login_users(s)}
        admin = users.actor_for(next(r for r in rows.values() if r.login == "chief"))
        listed = users.list_users(s, admin)
    engine.dispose()
    return {u.login: (u.role.value, u.active, u.must_change_password) for u in listed}


def test_init_db_creates_the_schema_and_the_first_administrator(town, capsys):
    assert _logins(town) == {"chief": ("admin", True, False)}
    again = run_here(capsys, "init-db", "--db", town, "--admin", "second")
    assert_one_line_error(again, "already has accounts")


def test_init_db_without_a_password_writes_nothing(empty_db_url, capsys, monkeypatch):
    monkeypatch.delenv("GRIDCENTER_PASSWORD", raising=False)
    result = run_here(capsys, "init-db", "--db", empty_db_url, "--admin", "chief")
    assert_one_line_error(result, "GRIDCENTER_PASSWORD")
    from gridcenter_desktop.db import migrate

    engine = make_engine(empty_db_url)
    assert migrate.current_revision(engine) is None
    engine.dispose()


def test_init_db_refuses_a_weak_first_password_before_writing(empty_db_url, capsys, monkeypatch):
    from gridcenter_desktop.db import migrate

    monkeypatch.setenv("GRIDCENTER_PASSWORD", "chief")
    result = run_here(capsys, "init-db", "--db", empty_db_url, "--admin", "chief")
    assert_one_line_error(result, "password", "too_short")
    bad_login = run_here(capsys, "init-db", "--db", empty_db_url, "--admin", "chief admin")
    assert_one_line_error(bad_login, "login")
    engine = make_engine(empty_db_url)
    assert migrate.current_revision(engine) is None
    engine.dispose()


def test_an_administrator_manages_accounts_from_the_command_line(town, capsys, monkeypatch):
    monkeypatch.setenv("GRIDCENTER_NEW_PASSWORD", NEW_PASSWORD)
    added = run_here(
        capsys, "user", "add", "zhang", "--role", "operator", "--name", "张三",
        "--user", "chief", "--db", town,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "已创建用户 zhang（张三，调度员）" in added.stdout
    assert _logins(town)["zhang"] == ("operator", True, True)

    duplicate = run_here(
        capsys, "user", "add", "zhang", "--role", "viewer", "--name", "又一个张三",
        "--user", "chief", "--db", town,
    )  # fmt: skip
    assert_one_line_error(duplicate, "login", "duplicate")

    disabled = run_here(capsys, "user", "disable", "zhang", "--user", "chief", "--db", town)
    assert disabled.returncode == 0 and "已停用用户 zhang" in disabled.stdout
    assert _logins(town)["zhang"][1] is False
    enabled = run_here(capsys, "user", "enable", "zhang", "--user", "chief", "--db", town)
    assert enabled.returncode == 0 and _logins(town)["zhang"][1] is True

    monkeypatch.setenv("GRIDCENTER_NEW_PASSWORD", "Another-pass-2026")
    reset = run_here(capsys, "user", "reset-password", "zhang", "--user", "chief", "--db", town)
    assert reset.returncode == 0 and "下次登录时须修改密码" in reset.stdout

    listed = run_here(capsys, "user", "list", "--user", "chief", "--db", town)
    assert listed.returncode == 0
    assert "zhang\t张三\t调度员\t在用，须修改密码" in listed.stdout.splitlines()

    # The operator must choose a password of their own first, then is refused administration.
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "Another-pass-2026")
    first = run_here(capsys, "user", "list", "--user", "zhang", "--db", town)
    assert_one_line_error(first, "gridcenter user password --user zhang")
    monkeypatch.setenv("GRIDCENTER_NEW_PASSWORD", "Zhangs-own-2026")
    own = run_here(capsys, "user", "password", "--user", "zhang", "--db", town)
    assert own.returncode == 0 and "已修改 zhang 的密码" in own.stdout, own.stderr
    assert _logins(town)["zhang"][2] is False
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "Zhangs-own-2026")
    refused = run_here(capsys, "user", "list", "--user", "zhang", "--db", town)
    assert_one_line_error(refused, "operator")

    nobody = run_here(capsys, "user", "disable", "ghost", "--user", "chief", "--db", town)
    assert nobody.returncode == 1


def test_weak_passwords_and_missing_prompts_are_one_line_errors(town, capsys, monkeypatch):
    monkeypatch.setenv("GRIDCENTER_NEW_PASSWORD", "zhang")
    weak = run_here(
        capsys, "user", "add", "zhang", "--role", "operator", "--name", "张三",
        "--user", "chief", "--db", town,
    )  # fmt: skip
    assert_one_line_error(weak, "password", "too_short")
    monkeypatch.delenv("GRIDCENTER_NEW_PASSWORD")
    unasked = run_here(
        capsys, "user", "add", "zhang", "--role", "operator", "--name", "张三",
        "--user", "chief", "--db", town,
    )  # fmt: skip
    assert_one_line_error(unasked, "GRIDCENTER_NEW_PASSWORD")
    assert "zhang" not in _logins(town)


def test_a_wrong_password_is_refused_on_sqlite(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    monkeypatch.setenv("GRIDCENTER_PASSWORD", ADMIN_PASSWORD)
    assert run_here(capsys, "init-db", "--db", url, "--admin", "chief").returncode == 0
    monkeypatch.setenv("GRIDCENTER_PASSWORD", "Wrong-pass-2026")
    wrong = run_here(capsys, "user", "list", "--user", "chief", "--db", url)
    assert_one_line_error(wrong, "password")
    signed = sign_in.sign_in(url, "chief", ADMIN_PASSWORD)
    signed.engine.dispose()
