"""What the administration command tests share: a command run in this process and the
one-line refusal it must give (the ``town`` fixture is in conftest.py)."""

from __future__ import annotations

import subprocess

from gridcenter_desktop import cli

ADMIN_PASSWORD = "Chief-pass-2026"


def run_here(capsys, *args: str) -> subprocess.CompletedProcess:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), code, out, err)


def assert_one_line_error(result, *words: str) -> None:
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gridcenter: error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
