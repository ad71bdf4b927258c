"""The application folder (build.spec) works without the virtual environment.

The folder is built once from this checkout into a temporary directory; the built program then
runs with an environment a workstation would have: no virtual environment on PATH, no
VIRTUAL_ENV or PYTHONPATH, an empty home. It must tell its version, build a demo database and
take screenshots of the signed-in window and of its charts.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from PIL import Image

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = "GridCenter.exe" if sys.platform == "win32" else "GridCenter"
# The folder was 273 MB before unused Qt parts were left out and symbols stripped, and is 262 MB
# now with print support (Qt's and CUPS's libraries, about 9 MB); what the rest is made of is in
# docs/install.md ("The folder's size"). The target of 200 MB is not reached: this bound catches
# the folder growing back.
SIZE_LIMIT_MB = 270
DEMO_PASSWORD = "Frozen-desk-2026"


def _folder_size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """(dist/GridCenter, the build's output) — PyInstaller run once for the module."""
    out = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return out / "dist" / "GridCenter", result.stdout + result.stderr


@pytest.fixture(scope="module")
def workstation(tmp_path_factory) -> tuple[dict[str, str], Path]:
    """A clean environment (no virtual environment) and a scratch folder."""
    home = tmp_path_factory.mktemp("home")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "GRIDCENTER_DEMO_PASSWORD": DEMO_PASSWORD,
        "LANG": "C.UTF-8",
    }
    return env, home


def _run(folder: Path, env: dict[str, str], *args: str, timeout: float = 900):
    return subprocess.run(
        [str(folder / PROGRAM), *args],
        cwd=env["HOME"],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_the_built_folder_runs_without_the_virtual_environment(built, workstation):
    # One test, not several: pytest-xdist would hand separate tests to separate workers, and
    # each would build the folder again.
    folder, output = built
    assert (folder / PROGRAM).is_file()
    internal = folder / "_internal"
    assert (internal / "resources" / "translations" / "gridcenter_zh_CN.qm").is_file()
    assert (internal / "resources" / "examples" / "guangfu_base.xlsx").is_file()
    assert (internal / "gridcenter_desktop" / "db" / "migrations" / "env.py").is_file()
    # The build prints the size; it is the size measured here.
    line = next(x for x in output.splitlines() if x.startswith("GridCenter folder:"))
    reported = float(line.split()[-2])
    measured = _folder_size_mb(folder)
    assert abs(reported - measured) < 1, (line, measured)
    assert measured < SIZE_LIMIT_MB, f"{measured:.1f} MB"

    env, home = workstation

    shown = _run(folder, env, "--version", timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["gridcenter", version("gridcenter-desktop")]

    db = home / "town.sqlite3"
    url = f"sqlite:///{db}"
    demo = _run(folder, env, "demo", "--db", url, "--now", "2026-12-02T10:00")
    assert demo.returncode == 0, demo.stderr[-4000:]
    with sqlite3.connect(db) as conn:
        (tickets,) = conn.execute("SELECT count(*) FROM ticket").fetchone()
    assert tickets > 1000

    signed_in = {**env, "GRIDCENTER_PASSWORD": DEMO_PASSWORD}
    window = ["--db", url, "--user", "operator1", "--size", "1366x768"]
    picture = home / "desk.png"
    shot = _run(folder, signed_in, *window, "--screenshot", str(picture), timeout=300)
    assert shot.returncode == 0, shot.stderr[-4000:]
    with Image.open(picture) as image:
        assert image.size == (1366, 768)
        # A signed-in window: text, the queue's rows, the docks — thousands of colours.
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 1000

    # The charts dock draws with pyqtgraph and NumPy, which the queue does not need: coloured
    # bars, not the grey "正在统计…" placeholder it shows until they load.
    charts = home / "charts.png"
    shot = _run(
        folder, signed_in, *window, "--dock", "charts", "--screenshot", str(charts), timeout=300
    )
    assert shot.returncode == 0, shot.stderr[-4000:]
    assert _coloured_share(charts) > 0.05


def _coloured_share(path: Path) -> float:
    """The share of clearly coloured (saturated) pixels: bars, not grey widgets and text."""
    with Image.open(path) as image:
        saturation = image.convert("HSV").getchannel("S").histogram()
    return sum(saturation[100:]) / sum(saturation)
