"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest

from tests.cli.admin_console import ADMIN_PASSWORD, run_here


@pytest.fixture
def town(empty_db_url, capsys, monkeypatch):
    """An empty database whose first administrator ("chief") `gridcenter init-db` created."""
    monkeypatch.setenv("GRIDCENTER_PASSWORD", ADMIN_PASSWORD)
    created = run_here(
        capsys, "init-db", "--db", empty_db_url, "--admin", "chief", "--name", "站长"
    )
    assert created.returncode == 0, created.stderr
    assert "已创建首个管理员 chief（站长）" in created.stdout
    return empty_db_url
